// Reviewers' opinions (« avis d’instructeur »): one per reviewer and application, changed as often as they
// like, with a score out of 20 and a private note that only reviewers read — never the applicant, never a
// mail. The first opinion puts a submitted application « en instruction ».
import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import { z } from 'zod';
import { audit } from '../../platform/db/audit.ts';
import type { Executor } from '../../platform/db/client.ts';
import { fail, ok, type Result } from '../../platform/result.ts';
import { fieldErrors, optional } from '../../platform/validation.ts';
import { personCards } from '../organisations/directory.ts';
import { applicationsMessages as m } from './applications.messages.ts';
import { applicationReviews, applications } from './applications.schema.ts';
import type { Pipeline } from './pipeline.ts';
import { maxScore, opinionKinds } from './statuses.ts';
import { startInstruction } from './submit.ts';

export type Opinion = typeof applicationReviews.$inferSelect;

/** A score as a form sends it (« 15 ») or as JSON does (15); empty or null is no score. */
const score = z.preprocess(
  (v) =>
    v === null || (typeof v === 'string' && v.trim() === '')
      ? undefined
      : typeof v === 'string' && /^\s*-?\d+\s*$/.test(v)
        ? Number(v)
        : v,
  z
    .number({ error: m.scoreExpected().text })
    .int(m.scoreExpected().text)
    .min(0, m.scoreExpected().text)
    .max(maxScore, m.scoreExpected().text)
    .optional(),
);

export const opinionInput = z.object({
  opinion: z.enum(opinionKinds, { error: m.opinionExpected().text }),
  score,
  note: optional(z.string().trim().max(5000, m.noteTooLong().text)),
});

export async function giveOpinion(
  executor: Executor,
  pipeline: Pick<Pipeline, 'scope'>,
  applicationId: string,
  input: unknown,
  reviewerId: string,
): Promise<Result<Opinion>> {
  const parsed = opinionInput.safeParse(input);
  if (!parsed.success) return fail(400, 'invalid', m.invalid(), fieldErrors(parsed.error));
  const [application] = await executor
    .select({ id: applications.id, status: applications.status })
    .from(applications)
    .where(and(eq(applications.id, applicationId), eq(applications.scope, pipeline.scope)));
  if (!application) return fail(404, 'not_found', m.notFound());
  if (application.status === 'draft') return fail(422, 'not_submitted', m.notReviewable());
  const values = {
    opinion: parsed.data.opinion,
    score: parsed.data.score ?? null,
    note: parsed.data.note ?? null,
  };
  const [opinion] = await executor
    .insert(applicationReviews)
    .values({ applicationId, reviewerId, ...values })
    .onConflictDoUpdate({
      target: [applicationReviews.applicationId, applicationReviews.reviewerId],
      set: { ...values, updatedAt: sql`now()` },
    })
    .returning();
  await startInstruction(executor, pipeline, applicationId);
  // The note stays out of the audit log: it is the reviewers' alone.
  await audit(executor, {
    actorId: reviewerId,
    action: 'give_opinion',
    entity: 'application',
    entityId: applicationId,
    data: { opinion: values.opinion, score: values.score },
  });
  return ok(opinion!);
}

export interface OpinionRow extends Opinion {
  reviewerName: string;
}

/** The opinions given on these applications, by application, oldest first. */
export async function opinionsOf(
  executor: Executor,
  applicationIds: readonly string[],
): Promise<Map<string, OpinionRow[]>> {
  const byApplication = new Map<string, OpinionRow[]>(applicationIds.map((id) => [id, []]));
  if (applicationIds.length === 0) return byApplication;
  const rows = await executor
    .select()
    .from(applicationReviews)
    .where(inArray(applicationReviews.applicationId, [...applicationIds]))
    .orderBy(asc(applicationReviews.createdAt));
  const reviewers = await personCards(
    executor,
    rows.map((r) => r.reviewerId),
  );
  for (const row of rows) {
    const reviewer = reviewers.get(row.reviewerId);
    byApplication.get(row.applicationId)!.push({
      ...row,
      reviewerName: reviewer ? `${reviewer.firstName} ${reviewer.lastName}` : '—',
    });
  }
  return byApplication;
}
