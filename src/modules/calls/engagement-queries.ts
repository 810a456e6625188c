// What the pages of support engagements read: a call's engagements (or every call's) with their progress and
// late milestones, one engagement with its milestones and documents, and the short summary shown on the
// dossier's pages (staff's and the town's). Nothing here is the instructors' (no marks, no annotations).
import { and, asc, desc, eq, inArray, type SQL, sql } from 'drizzle-orm';
import type { Executor } from '../../platform/db/client.ts';
import { parisDate } from '../../platform/time.ts';
import { type Application, getApplication, listApplications } from '../applications/applications.ts';
import { getOrganisationsByIds } from '../organisations/organisations.ts';
import { callsPipeline as pipeline } from './calls.pipeline.ts';
import { callDocuments, callEngagements, callMilestones } from './calls.schema.ts';
import { type Call, getCall, listCalls } from './calls.ts';
import {
  documentsOf,
  type Engagement,
  type EngagementDocument,
  type EngagementStatus,
  engagementOfDossier,
  engagementStatusLabels,
  getEngagement,
  type Milestone,
  milestonesOf,
} from './engagements.ts';

export interface Progress {
  /** Milestones done, of all. */
  done: number;
  total: number;
  /** Milestones whose day has passed (Paris) and not done. */
  late: number;
}

export interface EngagementRow extends Progress {
  engagement: Engagement;
  call: Pick<Call, 'id' | 'number' | 'title'>;
  organisationName: string;
  /** A capitalisation text, or a document marked as the capitalisation. */
  capitalised: boolean;
}

async function progressOf(
  executor: Executor,
  engagementIds: string[],
  today: string,
): Promise<Map<string, Progress>> {
  const map = new Map<string, Progress>();
  if (engagementIds.length === 0) return map;
  const rows = await executor
    .select({
      engagementId: callMilestones.engagementId,
      total: sql<number>`count(*)::int`,
      done: sql<number>`count(${callMilestones.doneOn})::int`,
      late: sql<number>`(count(*) filter (where ${callMilestones.doneOn} is null and ${callMilestones.dueOn} < ${today}))::int`,
    })
    .from(callMilestones)
    .where(inArray(callMilestones.engagementId, engagementIds))
    .groupBy(callMilestones.engagementId);
  for (const { engagementId, ...progress } of rows) map.set(engagementId, progress);
  return map;
}

/** The engagements that have a capitalisation document. */
async function withCapitalisationDocument(executor: Executor, engagementIds: string[]): Promise<Set<string>> {
  if (engagementIds.length === 0) return new Set();
  const rows = await executor
    .selectDistinct({ id: callDocuments.engagementId })
    .from(callDocuments)
    .where(and(inArray(callDocuments.engagementId, engagementIds), eq(callDocuments.capitalisation, true)));
  return new Set(rows.map((r) => r.id));
}

/**
 * Engagements with their town, progress and capitalisation: one call's, or every call's; of one status when
 * asked. The late ones first, then by start day.
 */
export async function engagementRows(
  executor: Executor,
  filters: { callId?: string; status?: EngagementStatus | undefined },
  today = parisDate(),
): Promise<EngagementRow[]> {
  const conditions: SQL[] = [];
  if (filters.callId) conditions.push(eq(callEngagements.callId, filters.callId));
  if (filters.status) conditions.push(eq(callEngagements.status, filters.status));
  const engagements = await executor
    .select()
    .from(callEngagements)
    .where(conditions.length ? and(...conditions) : undefined)
    .orderBy(asc(callEngagements.startsOn), desc(callEngagements.createdAt));
  if (engagements.length === 0) return [];
  const ids = engagements.map((e) => e.id);
  const calls = new Map((await listCalls(executor)).map((c) => [c.id, c]));
  const dossiers = new Map<string, Application>();
  for (const e of engagements) {
    const dossier = await getApplication(executor, pipeline, e.applicationId);
    if (dossier) dossiers.set(e.applicationId, dossier);
  }
  const organisationIds = [
    ...new Set([...dossiers.values()].flatMap((d) => (d.organisationId ? [d.organisationId] : []))),
  ];
  const names = new Map((await getOrganisationsByIds(executor, organisationIds)).map((o) => [o.id, o.name]));
  const [progress, documented] = await Promise.all([
    progressOf(executor, ids, today),
    withCapitalisationDocument(executor, ids),
  ]);
  const rows = engagements.map((engagement): EngagementRow => {
    const call = calls.get(engagement.callId)!;
    const organisationId = dossiers.get(engagement.applicationId)?.organisationId;
    return {
      engagement,
      call: { id: call.id, number: call.number, title: call.title },
      organisationName: (organisationId && names.get(organisationId)) || '—',
      ...(progress.get(engagement.id) ?? { done: 0, total: 0, late: 0 }),
      capitalised: Boolean(engagement.capitalisation?.trim()) || documented.has(engagement.id),
    };
  });
  // Stable: within the late ones and the others, the start day's order stays.
  return rows.sort((a, b) => Number(b.late > 0) - Number(a.late > 0));
}

export interface EngagementPage {
  engagement: Engagement;
  call: Call;
  dossier: Application;
  organisationName: string;
  milestones: Milestone[];
  documents: EngagementDocument[];
}

/** One engagement with its call, dossier, town, milestones and documents (contents left out). */
export async function engagementPage(
  executor: Executor,
  engagementId: string,
): Promise<EngagementPage | undefined> {
  const engagement = await getEngagement(executor, engagementId);
  if (!engagement) return undefined;
  const [call, dossier] = await Promise.all([
    getCall(executor, engagement.callId),
    getApplication(executor, pipeline, engagement.applicationId),
  ]);
  if (!call || !dossier) return undefined;
  const [organisation] = dossier.organisationId
    ? await getOrganisationsByIds(executor, [dossier.organisationId])
    : [];
  const [milestones, documents] = await Promise.all([
    milestonesOf(executor, engagement.id),
    documentsOf(executor, engagement.id),
  ]);
  return { engagement, call, dossier, organisationName: organisation?.name ?? '—', milestones, documents };
}

export interface EngagementSummary extends Progress {
  id: string;
  callId: string;
  applicationId: string;
  lead: string;
  startsOn: string;
  endsOn: string;
  status: EngagementStatus;
  /** « prévu », « en cours », « terminé », « abandonné ». */
  statusLabel: string;
}

/** The short summary of a dossier's engagement (undefined while it has none), for the dossier's pages. */
export async function engagementSummaryOf(
  executor: Executor,
  applicationId: string,
  today = parisDate(),
): Promise<EngagementSummary | undefined> {
  const engagement = await engagementOfDossier(executor, applicationId);
  if (!engagement) return undefined;
  const progress = (await progressOf(executor, [engagement.id], today)).get(engagement.id);
  return {
    id: engagement.id,
    callId: engagement.callId,
    applicationId,
    lead: engagement.lead,
    startsOn: engagement.startsOn,
    endsOn: engagement.endsOn,
    status: engagement.status,
    statusLabel: engagementStatusLabels[engagement.status],
    ...(progress ?? { done: 0, total: 0, late: 0 }),
  };
}

/** The staff's page of a dossier's engagement (to create it, or to follow it). */
export const staffEngagementHref = (callId: string, applicationId: string) =>
  `/gestion/appels/${callId}/dossiers/${applicationId}/accompagnement`;

/** The town's page of its engagement. */
export const townEngagementHref = (engagementId: string) => `/mon-espace/accompagnements/${engagementId}`;

/** A call's accepted dossiers that have no engagement yet, with their town. */
export async function acceptedWithoutEngagement(
  executor: Executor,
  callId: string,
): Promise<{ applicationId: string; organisationName: string }[]> {
  const accepted = await listApplications(executor, pipeline, callId, ['accepted']);
  if (accepted.length === 0) return [];
  const engaged = new Set(
    (
      await executor
        .select({ id: callEngagements.applicationId })
        .from(callEngagements)
        .where(eq(callEngagements.callId, callId))
    ).map((r) => r.id),
  );
  const waiting = accepted.filter((a) => !engaged.has(a.id));
  const names = new Map(
    (
      await getOrganisationsByIds(
        executor,
        waiting.flatMap((a) => (a.organisationId ? [a.organisationId] : [])),
      )
    ).map((o) => [o.id, o.name]),
  );
  return waiting.map((a) => ({
    applicationId: a.id,
    organisationName: (a.organisationId && names.get(a.organisationId)) || '—',
  }));
}
