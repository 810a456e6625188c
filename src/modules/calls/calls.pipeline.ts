// Support calls on the application-and-review pipeline: one dossier per member local government and call
// (more when staff allow it), written by its people (or by staff on its behalf), a draft first; accepted or
// refused only once in instruction, every decision motivated and mailed to the person who carries the dossier.
import { z } from 'zod';
import type { Executor } from '../../platform/db/client.ts';
import { fail, ok, type Result } from '../../platform/result.ts';
import { formatDateTime } from '../../platform/time.ts';
import { definePipeline } from '../applications/pipeline.ts';
import { frenchLocalGovernmentKinds } from '../organisations/kinds.ts';
import { isMemberInGoodStanding } from '../organisations/memberships.ts';
import { getOrganisation } from '../organisations/organisations.ts';
import { listPeopleOfOrganisation, type Person } from '../organisations/people.ts';
import { allowedDossiers } from './allowances.ts';
import { callsMessages as m } from './calls.messages.ts';
import { speaksFor } from './calls.policy.ts';
import { type Call, callsScope, getCall } from './calls.ts';
import { withinEnvelope } from './envelope.ts';

/** The dossier's answers: the call's questions by key, each a text. */
export const callAnswers = z
  .record(z.string().max(100), z.string().trim().max(10_000), { error: m.answersInvalid().text })
  .refine((answers) => Object.keys(answers).length <= 50, m.answersInvalid().text);
export type CallAnswers = z.infer<typeof callAnswers>;

/**
 * A member local government in good standing, through one of its people (or staff). The organisation
 * is read once per check: a membership lapsed since the draft refuses its submission.
 */
export async function callEligibility(
  executor: Executor,
  person: Person,
  organisationId: string | null,
): Promise<Result<true>> {
  const organisation = organisationId ? await getOrganisation(executor, organisationId) : undefined;
  if (!organisation) return fail(404, 'not_found', m.organisationNotFound());
  if (person.disabledAt || !speaksFor(person, organisation.id))
    return fail(403, 'not_eligible', m.notOfOrganisation({ name: organisation.name }));
  if (!frenchLocalGovernmentKinds.includes(organisation.kind))
    return fail(403, 'not_eligible', m.notLocalGovernment({ name: organisation.name }));
  if (!(await isMemberInGoodStanding(executor, organisation.id)))
    return fail(403, 'not_eligible', m.notMember({ name: organisation.name }));
  return ok(true);
}

export function callWindow(call: Pick<Call, 'opensAt' | 'closesAt'>, at: Date): Result<true> {
  if (at < call.opensAt) return fail(422, 'call_closed', m.opensOn({ opens: formatDateTime(call.opensAt) }));
  if (at >= call.closesAt)
    return fail(422, 'call_closed', m.closed({ closed: formatDateTime(call.closesAt) }));
  return ok(true);
}

/**
 * The person who carries an organisation's dossier: the actor when they speak for it; for staff filing on
 * its behalf, its referent, else one of its élus — the one the decision's mail goes to.
 */
export async function carrierOf(
  executor: Executor,
  actor: Person,
  organisationId: string,
): Promise<Result<Person>> {
  if (actor.kind !== 'staff') return ok(actor);
  const organisation = await getOrganisation(executor, organisationId);
  if (!organisation) return fail(404, 'not_found', m.organisationNotFound());
  const people = (await listPeopleOfOrganisation(executor, organisationId)).filter((p) => !p.disabledAt);
  const carrier = people.find((p) => p.referent) ?? people.find((p) => p.kind === 'elected');
  return carrier ? ok(carrier) : fail(422, 'no_contact', m.noContact({ name: organisation.name }));
}

export const callsPipeline = definePipeline<Call, CallAnswers>({
  scope: callsScope,
  applicant: 'organisation',
  motivationRequired: true,
  instructionFirst: true,
  extraStatuses: [],
  decisions: {
    accepted: { label: 'Retenir', mail: m.decisionAccepted().text },
    rejected: { label: 'Refuser', mail: m.decisionRejected().text },
    closed: { label: 'Classer sans suite', mail: m.decisionClosed().text },
  },
  statusLabels: {
    draft: 'Brouillon',
    submitted: 'Déposé, en construction',
    in_review: 'En instruction',
    accepted: 'Retenu',
    rejected: 'Refusé',
    closed: 'Classé sans suite',
  },
  owner: getCall,
  ownerName: (call) => `${call.number}ᵉ appel — ${call.title}`,
  window: callWindow,
  eligibility: (executor, person, _call, organisationId) => callEligibility(executor, person, organisationId),
  places: allowedDossiers,
  answers: callAnswers,
  // The accepted dossiers never cost more than the envelope.
  acceptance: (executor, call, accepting) => withinEnvelope(executor, call, accepting),
  mail: {
    subject: (call) => m.mailSubject({ number: call.number }).text,
    action: (_call, baseUrl) => ({ label: m.mailAction().text, url: `${baseUrl}/mon-espace` }),
  },
  texts: {
    ownerNotFound: () => m.notFound(),
    alreadyApplied: ({ name, places }) => m.alreadyApplied({ name, places }),
  },
  reviewers: (actor) => actor.staff,
});
