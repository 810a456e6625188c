// Who may do what with support calls. Staff open calls, instruct and decide; a member local government's
// élus, officers and referent write and submit its dossier (the pipeline checks the membership).
import type { Actor } from '../../platform/http/actor.ts';

type MaybeActor = Actor | null;

export const callsPolicy = {
  /** Opening calls, instructing, scoring, deciding, reading every dossier: staff. */
  manage: (actor: MaybeActor) => Boolean(actor?.staff),

  /** Writing or submitting an organisation's dossier: its people who speak for it, staff. */
  actFor: (actor: MaybeActor, organisationId: string | null) =>
    Boolean(
      actor &&
        (actor.staff ||
          (organisationId !== null &&
            actor.organisationId === organisationId &&
            (actor.referent || actor.kind === 'elected' || actor.kind === 'officer'))),
    ),
};
