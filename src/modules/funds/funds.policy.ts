// Who may do what with the solidarity funds. Staff keep the books; a contributing organisation's people
// read its receipts; its referent says whether it is named in public and who holds its vote.
import type { Actor } from '../../platform/http/actor.ts';
import { organisationsPolicy } from '../organisations/organisations.policy.ts';

type MaybeActor = Actor | null;

export const fundsPolicy = {
  /** Opening funds, recording money, decisions, reports, closing: staff (the treasurer among them). */
  manage: (actor: MaybeActor) => Boolean(actor?.staff),

  /** Reading an organisation's receipts and the fund's bank details: its people, staff. */
  seeContributionsOf: (actor: MaybeActor, organisationId: string) =>
    Boolean(actor && (actor.staff || actor.organisationId === organisationId)),

  /** An organisation's choices for a fund (named, voter): its referent, staff. */
  chooseFor: (actor: MaybeActor, organisationId: string) =>
    organisationsPolicy.managePeopleOf(actor, organisationId),
};
