// Who may do what with support calls. Staff open calls, instruct and decide; a member local government's
// élus, officers and referent write and submit its dossier (the pipeline checks the membership).
import type { Actor } from '../../platform/http/actor.ts';

type MaybeActor = Actor | null;

/**
 * Who may write a dossier in an organisation's name: its élus, officers and referent, or staff. Read on the
 * actor of a request and on the person recorded as the dossier's carrier alike.
 */
export const speaksFor = (
  who: { kind: string; referent: boolean; organisationId: string | null },
  organisationId: string,
) =>
  who.kind === 'staff' ||
  (who.organisationId === organisationId &&
    (who.referent || who.kind === 'elected' || who.kind === 'officer'));

export const callsPolicy = {
  /** Opening calls, instructing, scoring, deciding, reading every dossier: staff. */
  manage: (actor: MaybeActor) => Boolean(actor?.staff),

  /** Writing or submitting an organisation's dossier: its people who speak for it, staff. */
  actFor: (actor: MaybeActor, organisationId: string | null) =>
    Boolean(actor && organisationId !== null && speaksFor(actor, organisationId)),
};
