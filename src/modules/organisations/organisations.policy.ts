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

  /** Creating a person: in an organisation whose people one manages, with a role only if one grants roles. */
  createPerson: (
    actor: MaybeActor,
    person: { organisationId?: string | null | undefined; kind: string; referent?: boolean | undefined },
  ): boolean =>
    organisationsPolicy.managePeopleOf(actor, person.organisationId) &&
    (!(person.kind === 'staff' || person.referent) || organisationsPolicy.grantRoles(actor)),

  /**
   * Changing a person's record: names and civility by whoever acts for them (themself, their referent,
   * staff); the address and the kind by staff only — the address is the key of the account (a referent
   * could otherwise receive a colleague's sign-in links), the kind gives its rights.
   */
  editPerson: (
    actor: MaybeActor,
    person: Pick<Person, 'id' | 'organisationId'>,
    changes: { email?: unknown; kind?: unknown },
  ): boolean =>
    organisationsPolicy.actFor(actor, person) &&
    ((changes.email === undefined && changes.kind === undefined) || Boolean(actor?.staff)),

  /** « Mon espace » lets a referent add colleagues to their own organisation. */
  addColleagues: (actor: MaybeActor): boolean =>
    Boolean(actor?.referent) && organisationsPolicy.managePeopleOf(actor, actor?.organisationId),
};
