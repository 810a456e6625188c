// Support engagements (« accompagnements »): the support that follows a dossier the committee accepted — one
// per dossier —, its milestones and deliverables, its documents (checked by their content) and what it
// taught the network (« capitalisation »). Staff write them; the town reads them (engagement-queries.ts).
import { and, asc, count, eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import { audit } from '../../platform/db/audit.ts';
import type { Executor } from '../../platform/db/client.ts';
import { fail, ok, type Result } from '../../platform/result.ts';
import { readDay } from '../../platform/time.ts';
import { fieldErrors, optional, text } from '../../platform/validation.ts';
import { getApplication } from '../applications/applications.ts';
import { checkDocument } from '../events/documents.ts';
import { callsPipeline as pipeline } from './calls.pipeline.ts';
import { callDocuments, callEngagements, callMilestones, engagementStatuses } from './calls.schema.ts';
import { engagementsMessages as m } from './engagements.messages.ts';

export type Engagement = typeof callEngagements.$inferSelect;
export type Milestone = typeof callMilestones.$inferSelect;
export type EngagementStatus = Engagement['status'];

/** The statuses as the town and staff read them. */
export const engagementStatusLabels: Record<EngagementStatus, string> = {
  planned: 'prévu',
  ongoing: 'en cours',
  completed: 'terminé',
  abandoned: 'abandonné',
};

/** A day as staff type it (2026-03-15 from a date picker, 15/03/2026 without one), as YYYY-MM-DD. */
const day = z.string({ error: m.dayExpected().text }).transform((value, ctx) => {
  const read = readDay(value);
  if (read) return read;
  ctx.addIssue({ code: 'custom', message: m.dayExpected().text });
  return z.NEVER;
});

const status = z.enum(engagementStatuses, { error: m.statusExpected().text });

export const engagementInput = z
  .object({
    lead: text(200),
    startsOn: day,
    endsOn: day,
    status: status.default('planned'),
    objective: text(5000),
  })
  .refine((e) => e.endsOn >= e.startsOn, { path: ['endsOn'], message: m.datesBackwards().text });
export type EngagementInput = z.input<typeof engagementInput>;

export const milestoneInput = z.object({
  label: text(300),
  dueOn: day,
  deliverable: z.boolean().default(false),
  /** The day it was done; absent while it is not. */
  doneOn: optional(day),
});
export type MilestoneInput = z.input<typeof milestoneInput>;

export const documentInput = z.object({
  title: z.string().trim().max(300).default(''),
  /** The engagement's capitalisation document (what it taught, for the network's guide). */
  capitalisation: z.boolean().default(false),
});

export const capitalisationInput = z.object({ capitalisation: optional(z.string().trim().max(20_000)) });

const invalid = (error: z.ZodError) => fail(400, 'invalid', m.invalid(), fieldErrors(error));

/** A milestone is late when its day has passed (Paris) and it is not done. */
export const isLate = (milestone: Pick<Milestone, 'dueOn' | 'doneOn'>, today: string) =>
  milestone.doneOn === null && milestone.dueOn < today;

export async function getEngagement(executor: Executor, id: string): Promise<Engagement | undefined> {
  const [row] = await executor.select().from(callEngagements).where(eq(callEngagements.id, id));
  return row;
}

/** The engagement of a dossier (one at most). */
export async function engagementOfDossier(
  executor: Executor,
  applicationId: string,
): Promise<Engagement | undefined> {
  const [row] = await executor
    .select()
    .from(callEngagements)
    .where(eq(callEngagements.applicationId, applicationId));
  return row;
}

/** The support of a dossier the committee accepted; refused for any other dossier, and once it has one. */
export async function createEngagement(
  executor: Executor,
  applicationId: string,
  input: unknown,
  actorId: string | null,
): Promise<Result<Engagement>> {
  const dossier = await getApplication(executor, pipeline, applicationId);
  if (!dossier) return fail(404, 'not_found', m.dossierGone());
  if (dossier.status !== 'accepted') return fail(422, 'not_accepted', m.notAccepted());
  const parsed = engagementInput.safeParse(input);
  if (!parsed.success) return invalid(parsed.error);
  const [row] = await executor
    .insert(callEngagements)
    .values({ ...parsed.data, applicationId, callId: dossier.ownerId })
    .onConflictDoNothing()
    .returning();
  if (!row) return fail(409, 'conflict', m.alreadyEngaged());
  await audit(executor, {
    actorId,
    action: 'create',
    entity: 'call_engagement',
    entityId: row.id,
    data: { applicationId, callId: dossier.ownerId },
  });
  return ok(row);
}

export async function updateEngagement(
  executor: Executor,
  id: string,
  input: unknown,
  actorId: string | null,
): Promise<Result<Engagement>> {
  const parsed = engagementInput.safeParse(input);
  if (!parsed.success) return invalid(parsed.error);
  const [row] = await executor
    .update(callEngagements)
    .set(parsed.data)
    .where(eq(callEngagements.id, id))
    .returning();
  if (!row) return fail(404, 'not_found', m.engagementGone());
  await audit(executor, { actorId, action: 'update', entity: 'call_engagement', entityId: id });
  return ok(row);
}

export async function changeEngagementStatus(
  executor: Executor,
  id: string,
  input: unknown,
  actorId: string | null,
): Promise<Result<Engagement>> {
  const parsed = z.object({ status }).safeParse(input);
  if (!parsed.success) return invalid(parsed.error);
  const [row] = await executor
    .update(callEngagements)
    .set({ status: parsed.data.status })
    .where(eq(callEngagements.id, id))
    .returning();
  if (!row) return fail(404, 'not_found', m.engagementGone());
  await audit(executor, {
    actorId,
    action: 'change_status',
    entity: 'call_engagement',
    entityId: id,
    data: { status: row.status },
  });
  return ok(row);
}

/**
 * Deletes an engagement created by mistake, with its milestones; one with documents stays until they are
 * deleted (they are the record of what was done, and the town downloads them).
 */
export async function deleteEngagement(
  executor: Executor,
  id: string,
  actorId: string | null,
): Promise<Result<true>> {
  const [locked] = await executor
    .select()
    .from(callEngagements)
    .where(eq(callEngagements.id, id))
    .for('update');
  if (!locked) return fail(404, 'not_found', m.engagementGone());
  const [documents] = await executor
    .select({ n: count() })
    .from(callDocuments)
    .where(eq(callDocuments.engagementId, id));
  if (documents && documents.n > 0) return fail(409, 'has_documents', m.hasDocuments({ count: documents.n }));
  await executor.delete(callEngagements).where(eq(callEngagements.id, id));
  await audit(executor, {
    actorId,
    action: 'delete',
    entity: 'call_engagement',
    entityId: id,
    data: { applicationId: locked.applicationId },
  });
  return ok(true);
}

export async function setCapitalisation(
  executor: Executor,
  id: string,
  input: unknown,
  actorId: string | null,
): Promise<Result<Engagement>> {
  const parsed = capitalisationInput.safeParse(input);
  if (!parsed.success) return invalid(parsed.error);
  const [row] = await executor
    .update(callEngagements)
    .set({ capitalisation: parsed.data.capitalisation ?? null })
    .where(eq(callEngagements.id, id))
    .returning();
  if (!row) return fail(404, 'not_found', m.engagementGone());
  await audit(executor, { actorId, action: 'capitalise', entity: 'call_engagement', entityId: id });
  return ok(row);
}

// ——— Milestones and deliverables ———

/** An engagement's milestones, by due day. */
export async function milestonesOf(executor: Executor, engagementId: string): Promise<Milestone[]> {
  return executor
    .select()
    .from(callMilestones)
    .where(eq(callMilestones.engagementId, engagementId))
    .orderBy(asc(callMilestones.dueOn), asc(callMilestones.label), asc(callMilestones.id));
}

export async function addMilestone(
  executor: Executor,
  engagementId: string,
  input: unknown,
  actorId: string | null,
): Promise<Result<Milestone>> {
  if (!(await getEngagement(executor, engagementId))) return fail(404, 'not_found', m.engagementGone());
  const parsed = milestoneInput.safeParse(input);
  if (!parsed.success) return invalid(parsed.error);
  const [row] = await executor
    .insert(callMilestones)
    .values({ ...parsed.data, doneOn: parsed.data.doneOn ?? null, engagementId })
    .returning();
  await audit(executor, {
    actorId,
    action: 'add_milestone',
    entity: 'call_engagement',
    entityId: engagementId,
    data: { milestoneId: row!.id, label: row!.label },
  });
  return ok(row!);
}

const milestoneOf = (engagementId: string, milestoneId: string) =>
  and(eq(callMilestones.id, milestoneId), eq(callMilestones.engagementId, engagementId));

/** Changes a milestone: its label, due day, whether it is a deliverable, the day it was done (or not). */
export async function updateMilestone(
  executor: Executor,
  engagementId: string,
  milestoneId: string,
  input: unknown,
  actorId: string | null,
): Promise<Result<Milestone>> {
  const parsed = milestoneInput.safeParse(input);
  if (!parsed.success) return invalid(parsed.error);
  const [row] = await executor
    .update(callMilestones)
    .set({ ...parsed.data, doneOn: parsed.data.doneOn ?? null })
    .where(milestoneOf(engagementId, milestoneId))
    .returning();
  if (!row) return fail(404, 'not_found', m.milestoneGone());
  await audit(executor, {
    actorId,
    action: 'update_milestone',
    entity: 'call_engagement',
    entityId: engagementId,
    data: { milestoneId },
  });
  return ok(row);
}

export async function markMilestoneDone(
  executor: Executor,
  engagementId: string,
  milestoneId: string,
  input: unknown,
  actorId: string | null,
): Promise<Result<Milestone>> {
  const parsed = z.object({ doneOn: day }).safeParse(input);
  if (!parsed.success) return invalid(parsed.error);
  const [row] = await executor
    .update(callMilestones)
    .set({ doneOn: parsed.data.doneOn })
    .where(milestoneOf(engagementId, milestoneId))
    .returning();
  if (!row) return fail(404, 'not_found', m.milestoneGone());
  await audit(executor, {
    actorId,
    action: 'milestone_done',
    entity: 'call_engagement',
    entityId: engagementId,
    data: { milestoneId, doneOn: row.doneOn },
  });
  return ok(row);
}

export async function deleteMilestone(
  executor: Executor,
  engagementId: string,
  milestoneId: string,
  actorId: string | null,
): Promise<Result<true>> {
  const [row] = await executor
    .delete(callMilestones)
    .where(milestoneOf(engagementId, milestoneId))
    .returning({ label: callMilestones.label });
  if (!row) return fail(404, 'not_found', m.milestoneGone());
  await audit(executor, {
    actorId,
    action: 'delete_milestone',
    entity: 'call_engagement',
    entityId: engagementId,
    data: { milestoneId, label: row.label },
  });
  return ok(true);
}

// ——— Documents ———

export interface EngagementDocument {
  id: string;
  title: string;
  fileName: string;
  mimeType: string;
  size: number;
  capitalisation: boolean;
  createdAt: Date;
}

/** An engagement's documents without their content, the capitalisation document first. */
export async function documentsOf(executor: Executor, engagementId: string): Promise<EngagementDocument[]> {
  return executor
    .select({
      id: callDocuments.id,
      title: callDocuments.title,
      fileName: callDocuments.fileName,
      mimeType: callDocuments.mimeType,
      size: sql<number>`octet_length(${callDocuments.content})::int`,
      capitalisation: callDocuments.capitalisation,
      createdAt: callDocuments.createdAt,
    })
    .from(callDocuments)
    .where(eq(callDocuments.engagementId, engagementId))
    .orderBy(sql`${callDocuments.capitalisation} desc`, asc(callDocuments.createdAt), asc(callDocuments.id));
}

/** One document with its content, only of this engagement. */
export async function getEngagementDocument(executor: Executor, engagementId: string, documentId: string) {
  const [row] = await executor
    .select()
    .from(callDocuments)
    .where(and(eq(callDocuments.id, documentId), eq(callDocuments.engagementId, engagementId)));
  return row;
}

/** A document of the engagement, checked by its content (PDF and office files, 10 MB at most). */
export async function addEngagementDocument(
  executor: Executor,
  engagementId: string,
  input: unknown,
  file: { fileName: string; content: Buffer },
  actorId: string | null,
): Promise<Result<{ id: string }>> {
  if (!(await getEngagement(executor, engagementId))) return fail(404, 'not_found', m.engagementGone());
  const parsed = documentInput.safeParse(input);
  if (!parsed.success) return invalid(parsed.error);
  const checked = await checkDocument(file.content, file.fileName);
  if (!checked.ok)
    return fail(checked.error.status, checked.error.code, checked.error.message, {
      file: checked.error.message,
    });
  const [row] = await executor
    .insert(callDocuments)
    .values({
      engagementId,
      title: parsed.data.title || checked.value.base,
      fileName: checked.value.fileName,
      mimeType: checked.value.mimeType,
      content: file.content,
      capitalisation: parsed.data.capitalisation,
      uploadedBy: actorId,
    })
    .returning({ id: callDocuments.id });
  await audit(executor, {
    actorId,
    action: 'upload',
    entity: 'call_engagement',
    entityId: engagementId,
    data: { documentId: row!.id, fileName: checked.value.fileName },
  });
  return ok(row!);
}

export async function deleteEngagementDocument(
  executor: Executor,
  engagementId: string,
  documentId: string,
  actorId: string | null,
): Promise<Result<true>> {
  const [row] = await executor
    .delete(callDocuments)
    .where(and(eq(callDocuments.id, documentId), eq(callDocuments.engagementId, engagementId)))
    .returning({ title: callDocuments.title, fileName: callDocuments.fileName });
  if (!row) return fail(404, 'not_found', m.documentGone());
  await audit(executor, {
    actorId,
    action: 'delete_document',
    entity: 'call_engagement',
    entityId: engagementId,
    data: { documentId, title: row.title, fileName: row.fileName },
  });
  return ok(true);
}
