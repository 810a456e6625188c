// What the applicants' pages of support calls read: the calls by state, where a signed-in person stands
// towards a call (their town's dossier, or why they may not apply), a dossier's follow-up and the « Mon
// espace » block. Nothing here is staff's: no marks, no scores, no followers.
import type { Executor } from '../../platform/db/client.ts';
import type { Actor } from '../../platform/http/actor.ts';
import { formatDay, formatTime } from '../../platform/time.ts';
import { type Application, getApplication } from '../applications/applications.ts';
import { statusLabel } from '../applications/pipeline.ts';
import type { PersonalBlock } from '../module.ts';
import { getOrganisation } from '../organisations/organisations.ts';
import { getPerson } from '../organisations/people.ts';
import { allowedDossiers, dossiersOfOrganisation } from './allowances.ts';
import { applicantMessages as m } from './applicant.messages.ts';
import { type AttachmentCard, attachmentsOf, expectedAttachments } from './attachments.ts';
import { callEligibility, callsPipeline as pipeline } from './calls.pipeline.ts';
import { callsPolicy } from './calls.policy.ts';
import type { CallQuestion } from './calls.schema.ts';
import { type Call, getCall, listCalls } from './calls.ts';
import { type EngagementSummary, engagementSummaryOf } from './engagement-queries.ts';
import { detailsOf } from './envelope.ts';
import { currentForm, formOf } from './forms.ts';
import { messagesOf, type ThreadMessage } from './messages.ts';

/** « 13ᵉ », and « 1ᵉʳ » for the first. */
export const ordinal = (n: number) => (n === 1 ? '1ᵉʳ' : `${n}ᵉ`);
export const callName = (call: Pick<Call, 'number' | 'title'>) =>
  `${ordinal(call.number)} appel — ${call.title}`;

/** « mardi 30 juin 2026 à 18 h (heure de Paris) »: a town far from Paris reads the hour without doubt. */
export const parisMoment = (at: Date) => `${formatDay(at)} à ${formatTime(at)} (heure de Paris)`;

export type CallState = 'open' | 'upcoming' | 'past';

export const stateOf = (call: Pick<Call, 'opensAt' | 'closesAt'>, at: Date): CallState =>
  at < call.opensAt ? 'upcoming' : at < call.closesAt ? 'open' : 'past';

export async function callsByState(executor: Executor, at: Date): Promise<Record<CallState, Call[]>> {
  const byState: Record<CallState, Call[]> = { open: [], upcoming: [], past: [] };
  for (const call of await listCalls(executor)) byState[stateOf(call, at)].push(call);
  // The next to open first; the open ones by closing date, the soonest first.
  byState.upcoming.sort((a, b) => a.opensAt.getTime() - b.opensAt.getTime());
  byState.open.sort((a, b) => a.closesAt.getTime() - b.closesAt.getTime());
  return byState;
}

/** Where a visitor stands towards a call: what the call's page offers them. */
export type Standing =
  | { kind: 'visitor' }
  | { kind: 'staff' }
  /** May not apply, and why (no town, not one who speaks for it, not a member…). */
  | { kind: 'refused'; reason: string }
  /**
   * Speaks for a town: its dossiers, the oldest first, and how many it may hold (one, unless staff allowed
   * more); `refusal` when the town may not apply (any more).
   */
  | {
      kind: 'applicant';
      organisationName: string;
      dossiers: Application[];
      places: number;
      refusal?: string;
    };

export async function standingOf(executor: Executor, actor: Actor | null, call: Call): Promise<Standing> {
  if (!actor) return { kind: 'visitor' };
  if (actor.staff) return { kind: 'staff' };
  const organisationId = actor.organisationId;
  if (!organisationId) return { kind: 'refused', reason: m.noOrganisation().text };
  const [person, organisation] = await Promise.all([
    getPerson(executor, actor.personId),
    getOrganisation(executor, organisationId),
  ]);
  if (!person || !organisation) return { kind: 'refused', reason: m.noOrganisation().text };
  const eligible = await callEligibility(executor, person, organisationId);
  if (!callsPolicy.actFor(actor, organisationId))
    return { kind: 'refused', reason: eligible.ok ? m.speakersOnly().text : eligible.error.message };
  // A town that lapsed since its dossier still reads it: its people follow what they sent.
  const [dossiers, places] = await Promise.all([
    dossiersOfOrganisation(executor, call.id, organisationId),
    allowedDossiers(executor, call.id, organisationId),
  ]);
  return {
    kind: 'applicant',
    organisationName: organisation.name,
    dossiers,
    places,
    ...(eligible.ok ? {} : { refusal: eligible.error.message }),
  };
}

/** The questions a dossier is written on: its own version, or the call's current form for a new one. */
export async function questionsFor(
  executor: Executor,
  call: Call,
  dossier: Application | undefined,
): Promise<{ questions: CallQuestion[]; requestedCents: number | null }> {
  if (!dossier)
    return { questions: (await currentForm(executor, call.id))?.questions ?? [], requestedCents: null };
  const details = (await detailsOf(executor, [dossier.id])).get(dossier.id);
  const form = details ? await formOf(executor, call.id, details.formVersion) : undefined;
  return { questions: form?.questions ?? [], requestedCents: details?.requestedCents ?? null };
}

export interface FollowUp {
  call: Call;
  dossier: Application;
  organisationName: string;
  questions: CallQuestion[];
  requestedCents: number | null;
  /** The thread with the instructors (never their annotations, marks or experts' opinions). */
  messages: ThreadMessage[];
  expectedAttachments: CallQuestion[];
  attachments: AttachmentCard[];
  engagement: EngagementSummary | undefined;
}

/** A dossier as its town follows it: the call, its answers against its own form, its cost, its decision. */
export async function followUpOf(executor: Executor, applicationId: string): Promise<FollowUp | undefined> {
  const dossier = await getApplication(executor, pipeline, applicationId);
  if (!dossier) return undefined;
  const call = await getCall(executor, dossier.ownerId);
  if (!call) return undefined;
  const organisation = dossier.organisationId
    ? await getOrganisation(executor, dossier.organisationId)
    : undefined;
  const { questions, requestedCents } = await questionsFor(executor, call, dossier);
  const [messages, expected, attachments, engagement] = await Promise.all([
    messagesOf(executor, dossier.id),
    expectedAttachments(executor, dossier.id, call.id),
    attachmentsOf(executor, dossier.id),
    engagementSummaryOf(executor, dossier.id),
  ]);
  return {
    call,
    dossier,
    organisationName: organisation?.name ?? '—',
    questions,
    requestedCents,
    messages,
    expectedAttachments: expected,
    attachments,
    engagement,
  };
}

export const dossierHref = (applicationId: string) => `/mon-espace/dossiers/${applicationId}`;
export const callHref = (callId: string) => `/appels/${callId}`;
/** The form of a town's dossier: the one named, or a new one. */
export const formHref = (callId: string, dossierId?: string) =>
  `/appels/${callId}/dossier${dossierId ? `?dossier=${dossierId}` : ''}`;

/**
 * « Mon espace »: the dossiers of the town the person speaks for, and the open calls it may still apply to
 * (only when it may apply: a member in good standing). Staff follow dossiers on their own pages.
 */
export async function callsForPerson(
  executor: Executor,
  actor: Actor,
  at: Date,
): Promise<PersonalBlock | undefined> {
  const organisationId = actor.organisationId;
  if (actor.staff || !organisationId || !callsPolicy.actFor(actor, organisationId)) return undefined;
  const calls = await listCalls(executor);
  const items: PersonalBlock['items'] = [];
  /** The calls where the town may still open a dossier, and how many it holds there. */
  const room = new Map<string, number>();
  // Two queries per call: the network opens one call a year.
  for (const call of calls) {
    const [dossiers, places] = await Promise.all([
      dossiersOfOrganisation(executor, call.id, organisationId),
      allowedDossiers(executor, call.id, organisationId),
    ]);
    if (dossiers.length < places) room.set(call.id, dossiers.length);
    for (const [i, dossier] of dossiers.entries())
      items.push({
        label: `Dossier${dossiers.length > 1 ? ` n° ${i + 1}` : ''} au ${callName(call)}`,
        href: dossierHref(dossier.id),
        detail: statusLabel(pipeline, dossier.status),
      });
  }
  const open = calls.filter((c) => stateOf(c, at) === 'open' && room.has(c.id));
  const person = open.length ? await getPerson(executor, actor.personId) : undefined;
  if (person && (await callEligibility(executor, person, organisationId)).ok)
    for (const call of open)
      items.push({
        label: `Déposer ${room.get(call.id) ? 'un autre dossier' : 'un dossier'} au ${callName(call)}`,
        href: callHref(call.id),
        detail: `jusqu’au ${parisMoment(call.closesAt)}`,
      });
  if (items.length === 0) return undefined;
  return { title: 'Appels DCOL', items, more: { label: 'Tous les appels', href: '/appels' } };
}
