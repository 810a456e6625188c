// Who may do what with the certified path. Applying for someone or reading their progress is the members'
// rule of acting for a person (organisationsPolicy.actFor); reviewing applications is the pipeline's
// `reviewers` (program.pipeline.ts), that is `manage`.
import type { Actor } from '../../platform/http/actor.ts';
import { organisationsPolicy } from '../organisations/organisations.policy.ts';
import type { Person } from '../organisations/people.ts';

type MaybeActor = Actor | null;

export const programPolicy = {
  /** Editions, sessions, interests, review, cohort, certificates: staff. */
  manage: (actor: MaybeActor) => Boolean(actor?.staff),

  /** A certificate's PDF and credential: its holder and staff. */
  downloadCertificate: (actor: MaybeActor, certificate: { personId: string | null }) =>
    Boolean(actor && (actor.staff || actor.personId === certificate.personId)),

  /** Applying for a person, reading their progress: the person, their referent, staff. */
  actFor: (actor: MaybeActor, person: Pick<Person, 'id' | 'organisationId'>) =>
    organisationsPolicy.actFor(actor, person),
};
