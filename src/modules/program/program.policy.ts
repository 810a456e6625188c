// Who may do what with the certified path.
import type { Actor } from '../accounts/actor.ts';
import type { Person } from '../organisations/people.ts';

type MaybeActor = Actor | null;

export const programPolicy = {
  /** Editions, sessions, review, certificates: staff. */
  manage: (actor: MaybeActor) => Boolean(actor?.staff),

  /** Applying for someone, or reading their progress: the person, their referent, staff. */
  actFor: (actor: MaybeActor, person: Pick<Person, 'id' | 'organisationId'>) =>
    Boolean(
      actor &&
        (actor.staff ||
          actor.personId === person.id ||
          (actor.referent && person.organisationId && actor.organisationId === person.organisationId)),
    ),

  /** A certificate's PDF and credential: its holder and staff. */
  downloadCertificate: (actor: MaybeActor, holderId: string) =>
    Boolean(actor && (actor.staff || actor.personId === holderId)),
};
