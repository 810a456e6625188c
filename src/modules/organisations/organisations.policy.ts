// Who may do what with organisations and people. Every route of the module asks here.
import type { Actor } from '../../platform/http/actor.ts';
import type { Person } from './people.ts';

type MaybeActor = Actor | null;

export const organisationsPolicy = {
  /** Lists, searches, imports, exports, memberships: network staff only. */
  manage: (actor: MaybeActor) => Boolean(actor?.staff),

  viewOrganisation: (actor: MaybeActor, organisationId: string) =>
    Boolean(actor && (actor.staff || actor.organisationId === organisationId)),

  /** A referent manages the people of their own organisation. */
  managePeopleOf: (actor: MaybeActor, organisationId: string | null | undefined) =>
    Boolean(
      actor && (actor.staff || (actor.referent && organisationId && actor.organisationId === organisationId)),
    ),

  /**
   * Acting for a person (seeing their record, registering them for an event, applying for them): the
   * person, their organisation's referent, or staff. Every module asks this one rule.
   */
  actFor: (actor: MaybeActor, person: Pick<Person, 'id' | 'organisationId'>) =>
    Boolean(
      actor &&
        (actor.staff ||
          actor.personId === person.id ||
          (actor.referent && person.organisationId && actor.organisationId === person.organisationId)),
    ),

  /** Only staff creates staff accounts or makes referents. */
  grantRoles: (actor: MaybeActor) => Boolean(actor?.staff),
};
