// Who may do what with the certified path. Applying for someone or reading their progress is the members'
// rule of acting for a person (organisationsPolicy.actFor).
import type { Actor } from '../../platform/http/actor.ts';

type MaybeActor = Actor | null;

export const programPolicy = {
  /** Editions, sessions, review, certificates: staff. */
  manage: (actor: MaybeActor) => Boolean(actor?.staff),

  /** A certificate's PDF and credential: its holder and staff. */
  downloadCertificate: (actor: MaybeActor, holderId: string) =>
    Boolean(actor && (actor.staff || actor.personId === holderId)),
};
