// The call's grid: each instructor marks a dossier 0 to 5 on every criterion; the weighted score is
// computed (Σ mark × weight ÷ Σ weights, then the mean of the instructors), never typed. The first marks
// take a submitted dossier into instruction.
import { inArray, sql } from 'drizzle-orm';
import { z } from 'zod';
import { audit } from '../../platform/db/audit.ts';
import { type Executor, queryRows } from '../../platform/db/client.ts';
import { fail, ok, type Result } from '../../platform/result.ts';
import { fieldErrors, uuid } from '../../platform/validation.ts';
import { getApplication } from '../applications/applications.ts';
import { startInstruction } from '../applications/submit.ts';
import { callsMessages as m } from './calls.messages.ts';
import { callsPipeline } from './calls.pipeline.ts';
import { callCriteria, callScores } from './calls.schema.ts';
import { criteriaOf } from './calls.ts';

const mark = z
  .number({ error: m.scoresExpected().text })
  .int(m.scoresExpected().text)
  .min(0, m.scoresExpected().text)
  .max(5, m.scoresExpected().text);

export const scoresInput = z.object({
  scores: z.record(uuid, mark, { error: m.scoresExpected().text }),
});

/** The weighted score of each dossier that has marks (out of 5, two decimals). */
export async function weightedScores(
  executor: Executor,
  applicationIds: readonly string[],
): Promise<Map<string, number>> {
  if (applicationIds.length === 0) return new Map();
  const rows = await queryRows<{ application_id: string; score: string }>(
    executor,
    sql`select application_id, round(avg(mine), 2)::text as score
        from (select call_scores.application_id, call_scores.reviewer_id,
                sum(call_scores.score * call_criteria.weight)::numeric / sum(call_criteria.weight) as mine
              from ${callScores} join ${callCriteria} on ${callCriteria.id} = ${callScores.criterionId}
              where ${inArray(callScores.applicationId, [...applicationIds])}
              group by call_scores.application_id, call_scores.reviewer_id) by_reviewer
        group by application_id`,
  );
  return new Map(rows.map((r) => [r.application_id, Number(r.score)]));
}

export async function scoreApplication(
  executor: Executor,
  applicationId: string,
  input: unknown,
  reviewerId: string,
): Promise<Result<{ applicationId: string; weightedScore: number }>> {
  const parsed = scoresInput.safeParse(input);
  if (!parsed.success) return fail(400, 'invalid', m.invalid(), fieldErrors(parsed.error));
  const application = await getApplication(executor, callsPipeline, applicationId);
  if (!application) return fail(404, 'not_found', m.dossierNotFound());
  if (application.status !== 'submitted' && application.status !== 'in_review')
    return fail(422, 'not_scorable', m.notScorable());
  const grid = await criteriaOf(executor, application.ownerId);
  const known = new Set(grid.map((c) => c.id));
  const unknown = Object.keys(parsed.data.scores).filter((id) => !known.has(id));
  if (unknown.length)
    return fail(
      400,
      'invalid',
      m.invalid(),
      Object.fromEntries(unknown.map((id) => [`scores.${id}`, m.unknownCriterion().text])),
    );
  const missing = grid.filter((c) => parsed.data.scores[c.id] === undefined);
  if (missing.length) {
    const message = m.missingCriteria({ labels: missing.map((c) => c.label).join(', ') });
    return fail(400, 'invalid', message, { scores: message.text });
  }
  await executor
    .insert(callScores)
    .values(
      grid.map((c) => ({ applicationId, criterionId: c.id, reviewerId, score: parsed.data.scores[c.id]! })),
    )
    .onConflictDoUpdate({
      target: [callScores.applicationId, callScores.criterionId, callScores.reviewerId],
      set: { score: sql`excluded.score`, updatedAt: sql`now()` },
    });
  await startInstruction(executor, callsPipeline, applicationId);
  await audit(executor, {
    actorId: reviewerId,
    action: 'score',
    entity: 'application',
    entityId: applicationId,
    data: { scores: parsed.data.scores },
  });
  const weightedScore = (await weightedScores(executor, [applicationId])).get(applicationId)!;
  return ok({ applicationId, weightedScore });
}
