// Who may do what in the agenda.
import type { Actor } from '../accounts/actor.ts';
import type { Person } from '../organisations/people.ts';

type MaybeActor = Actor | null;

export const eventsPolicy = {
  /** Creating and editing events, lists of registrations, attendance, documents: staff. */
  manage: (actor: MaybeActor) => Boolean(actor?.staff),

  /** Registering or cancelling for someone: the person, their organisation's referent, or staff. */
  actFor: (actor: MaybeActor, person: Pick<Person, 'id' | 'organisationId'>) =>
    Boolean(
      actor &&
        (actor.staff ||
          actor.personId === person.id ||
          (actor.referent && person.organisationId && actor.organisationId === person.organisationId)),
    ),

  /** The video link: staff, and people with a confirmed registration. */
  seeOnlineUrl: (actor: MaybeActor, registered: boolean) => Boolean(actor?.staff || registered),
};
