// What the instructors' pages read: the calls with their dossiers counted, a call's dossiers by tab (as in
// « Démarches simplifiées »: to follow, followed by me, decided, all — drafts are the towns' own until
// submitted), a dossier with its marks, and the committee's ranked list against the envelope.
import { eq } from 'drizzle-orm';
import type { Executor } from '../../platform/db/client.ts';
import { countByStatus, type StatusCounts } from '../applications/applications.ts';
import { type QueueFilters, type QueueRow, reviewQueue } from '../applications/review-queue.ts';
import { decisionStatuses } from '../applications/statuses.ts';
import { personCards } from '../organisations/directory.ts';
import { type AttachmentCard, attachmentsOf } from './attachments.ts';
import { callsPipeline } from './calls.pipeline.ts';
import { callScores } from './calls.schema.ts';
import { type Call, type Criterion, criteriaOf, listCalls } from './calls.ts';
import { followersOf } from './dossiers.ts';
import { type EngagementSummary, engagementSummaryOf } from './engagement-queries.ts';
import { acceptedCents, detailsOf } from './envelope.ts';
import { type ExpertRequest, expertRequestsOf } from './experts.ts';
import { type CallForm, formOf } from './forms.ts';
import { messagesOf, type Note, notesOf, type ThreadMessage } from './messages.ts';
import { weightedScores } from './scores.ts';

export const tabs = ['a-suivre', 'suivis', 'traites', 'tous'] as const;
export type Tab = (typeof tabs)[number];

export const tabLabels: Record<Tab, string> = {
  'a-suivre': 'À suivre',
  suivis: 'Suivis par moi',
  traites: 'Traités',
  tous: 'Tous les dossiers',
};

export interface CallRow {
  call: Call;
  counts: StatusCounts;
}

export async function callRows(executor: Executor): Promise<CallRow[]> {
  const calls = await listCalls(executor);
  const counts = await countByStatus(
    executor,
    callsPipeline,
    calls.map((c) => c.id),
  );
  return calls.map((call) => ({ call, counts: counts.get(call.id) ?? {} }));
}

export interface DossierRow extends QueueRow {
  requestedCents: number | null;
  score: number | undefined;
  followers: string[];
  followedByMe: boolean;
}

const decided = (row: QueueRow) => (decisionStatuses as readonly string[]).includes(row.application.status);

function inTab(tab: Tab, row: DossierRow): boolean {
  switch (tab) {
    case 'a-suivre':
      return !decided(row) && row.followers.length === 0;
    case 'suivis':
      return !decided(row) && row.followedByMe;
    case 'traites':
      return decided(row);
    default:
      return true;
  }
}

/** The dossiers the instructors see (drafts aside), with their cost, score and followers. */
async function instructedRows(
  executor: Executor,
  callId: string,
  viewerId: string,
  filters: QueueFilters,
): Promise<{ rows: DossierRow[]; drafts: number }> {
  const queue = await reviewQueue(executor, callsPipeline, callId, filters);
  const shown = queue.rows.filter((r) => r.application.status !== 'draft');
  const ids = shown.map((r) => r.application.id);
  const [details, scores, followers] = await Promise.all([
    detailsOf(executor, ids),
    weightedScores(executor, ids),
    followersOf(executor, ids),
  ]);
  const names = await personCards(executor, [...followers.values()].flat());
  const rows = shown.map((row) => {
    const following = followers.get(row.application.id) ?? [];
    return {
      ...row,
      requestedCents: details.get(row.application.id)?.requestedCents ?? null,
      score: scores.get(row.application.id),
      followers: following.flatMap((id) => {
        const card = names.get(id);
        return card ? [`${card.firstName} ${card.lastName}`] : [];
      }),
      followedByMe: following.includes(viewerId),
    };
  });
  return { rows, drafts: queue.counts.draft ?? 0 };
}

export type DossierSort = 'depot' | 'score';

export async function callDossierTable(
  executor: Executor,
  callId: string,
  viewerId: string,
  filters: QueueFilters,
  tab: Tab,
  sort: DossierSort,
) {
  const { rows, drafts } = await instructedRows(executor, callId, viewerId, filters);
  const counts = Object.fromEntries(tabs.map((t) => [t, rows.filter((r) => inTab(t, r)).length])) as Record<
    Tab,
    number
  >;
  const shown = rows.filter((r) => inTab(tab, r));
  if (sort === 'score') shown.sort((a, b) => (b.score ?? -1) - (a.score ?? -1));
  return { rows: shown, counts, drafts };
}

export interface Marks {
  reviewerId: string;
  reviewerName: string;
  /** criterion id → 0..5 */
  marks: Map<string, number>;
  /** Σ mark × weight ÷ Σ weights, two decimals. */
  weighted: number;
}

/** Each instructor's marks of a dossier, with their own weighted score. */
async function marksOf(executor: Executor, applicationId: string, grid: Criterion[]): Promise<Marks[]> {
  const rows = await executor.select().from(callScores).where(eq(callScores.applicationId, applicationId));
  const byReviewer = new Map<string, Map<string, number>>();
  for (const row of rows) {
    const marks = byReviewer.get(row.reviewerId) ?? new Map<string, number>();
    marks.set(row.criterionId, row.score);
    byReviewer.set(row.reviewerId, marks);
  }
  const names = await personCards(executor, [...byReviewer.keys()]);
  const weights = grid.reduce((sum, c) => sum + c.weight, 0);
  return [...byReviewer].map(([reviewerId, marks]) => {
    const card = names.get(reviewerId);
    const total = grid.reduce((sum, c) => sum + (marks.get(c.id) ?? 0) * c.weight, 0);
    return {
      reviewerId,
      reviewerName: card ? `${card.firstName} ${card.lastName}` : 'Ancien membre de l’équipe',
      marks,
      weighted: Math.round((total / weights) * 100) / 100,
    };
  });
}

export interface DossierPage {
  row: DossierRow;
  form: CallForm | undefined;
  grid: Criterion[];
  marks: Marks[];
  notes: Note[];
  messages: ThreadMessage[];
  experts: ExpertRequest[];
  attachments: AttachmentCard[];
  engagement: EngagementSummary | undefined;
}

/** One dossier as its instructors read it (a draft is not theirs yet: undefined). */
export async function dossierPage(
  executor: Executor,
  callId: string,
  applicationId: string,
  viewerId: string,
): Promise<DossierPage | undefined> {
  const { rows } = await instructedRows(executor, callId, viewerId, {});
  const row = rows.find((r) => r.application.id === applicationId);
  if (!row) return undefined;
  const version = (await detailsOf(executor, [applicationId])).get(applicationId)?.formVersion;
  const grid = await criteriaOf(executor, callId);
  const [form, marks, notes, messages, experts, attachments, engagement] = await Promise.all([
    version ? formOf(executor, callId, version) : undefined,
    marksOf(executor, applicationId, grid),
    notesOf(executor, applicationId),
    messagesOf(executor, applicationId),
    expertRequestsOf(executor, applicationId),
    attachmentsOf(executor, applicationId),
    engagementSummaryOf(executor, applicationId),
  ]);
  return { row, form, grid, marks, notes, messages, experts, attachments, engagement };
}

/** The committee's list: the dossiers in instruction or accepted, best score first, and the envelope. */
export async function committeeList(executor: Executor, call: Call, viewerId: string) {
  const { rows } = await instructedRows(executor, call.id, viewerId, {});
  const ranked = rows
    .filter((r) => r.application.status === 'in_review' || r.application.status === 'accepted')
    .sort((a, b) => (b.score ?? -1) - (a.score ?? -1));
  return { ranked, acceptedCents: await acceptedCents(executor, call.id) };
}
