// Support calls (« appels DCOL »): numbered, with a window in Paris time, the kinds of support offered, a
// budget envelope and a grid of weighted criteria. Their dossiers are the pipeline's (calls.pipeline.ts).
import { and, asc, desc, eq, inArray, ne } from 'drizzle-orm';
import { z } from 'zod';
import { audit } from '../../platform/db/audit.ts';
import type { Executor } from '../../platform/db/client.ts';
import { fail, ok, type Result } from '../../platform/result.ts';
import { fieldErrors, optional, text } from '../../platform/validation.ts';
import { listApplications } from '../applications/applications.ts';
import { callsMessages as m } from './calls.messages.ts';
import { callCriteria, callScores, calls } from './calls.schema.ts';
import { defaultAttachments, defaultQuestions, questionsInput, setForm } from './forms.ts';

/** The pipeline's scope of calls' dossiers (`applications.scope`). */
export const callsScope = 'calls';

export type Call = typeof calls.$inferSelect;
export type Criterion = typeof callCriteria.$inferSelect;

const instant = z.iso
  .datetime({ offset: true, error: m.instantExpected().text })
  .transform((v) => new Date(v))
  .refine((d) => d.getUTCFullYear() >= 2000 && d.getUTCFullYear() <= 2200, m.instantExpected().text);

const positiveInt = (message: string, max = 2_147_483_647) =>
  z.number({ error: message }).int(message).min(1, message).max(max, message);

export const callInput = z
  .object({
    number: positiveInt(m.numberExpected().text, 10_000),
    title: text(300),
    description: optional(z.string().trim().max(10_000)),
    supportKinds: z.array(text(100)).max(20).default([]),
    opensAt: instant,
    closesAt: instant,
    criteria: z
      .array(z.object({ label: text(200), weight: positiveInt(m.weightExpected().text, 100) }), {
        error: m.criteriaExpected().text,
      })
      .min(1, m.criteriaExpected().text)
      .max(20, m.criteriaExpected().text),
    // Up to 10 billion euros: a budget, never a number that JSON cannot carry exactly.
    envelopeCents: optional(positiveInt(m.envelopeExpected().text, 1_000_000_000_000)),
    engagementsPlanned: optional(positiveInt(m.engagementsExpected().text, 1000)),
    committee: optional(z.string().trim().max(2000)),
    /** The form's questions; the network's usual ones when none are given. */
    questions: questionsInput.optional(),
    /** The documents a dossier joins; the usual ones (optional) when none are given. */
    attachments: questionsInput.optional(),
  })
  .refine((c) => c.closesAt > c.opensAt, { path: ['closesAt'], message: m.windowBackwards().text });
export type CallInput = z.input<typeof callInput>;

export async function createCall(
  executor: Executor,
  input: unknown,
  actorId: string | null,
): Promise<Result<Call & { criteria: Criterion[] }>> {
  const parsed = callInput.safeParse(input);
  if (!parsed.success) return fail(400, 'invalid', m.invalid(), fieldErrors(parsed.error));
  const { criteria, questions, attachments, ...fields } = parsed.data;
  const [call] = await executor
    .insert(calls)
    .values({ ...fields, createdBy: actorId })
    .onConflictDoNothing()
    .returning();
  if (!call)
    return fail(409, 'conflict', m.numberTaken({ number: fields.number }), {
      number: m.numberTaken({ number: fields.number }).text,
    });
  const grid = await executor
    .insert(callCriteria)
    .values(criteria.map((c, position) => ({ callId: call.id, position, ...c })))
    .returning();
  await setForm(executor, call.id, {
    questions: questions ?? defaultQuestions,
    attachments: attachments ?? defaultAttachments,
  });
  await audit(executor, {
    actorId,
    action: 'create',
    entity: 'call',
    entityId: call.id,
    data: { number: call.number },
  });
  return ok({ ...call, criteria: grid.sort((a, b) => a.position - b.position) });
}

export async function getCall(executor: Executor, id: string): Promise<Call | undefined> {
  const [call] = await executor.select().from(calls).where(eq(calls.id, id));
  return call;
}

/** The call's grid, in its order. */
export async function criteriaOf(executor: Executor, callId: string): Promise<Criterion[]> {
  return executor
    .select()
    .from(callCriteria)
    .where(eq(callCriteria.callId, callId))
    .orderBy(asc(callCriteria.position));
}

const sameGrid = (
  a: readonly Pick<Criterion, 'label' | 'weight'>[],
  b: readonly Pick<Criterion, 'label' | 'weight'>[],
) => a.length === b.length && a.every((c, i) => c.label === b[i]!.label && c.weight === b[i]!.weight);

/**
 * Changes a call: its texts, window, envelope, questions (a new version once a dossier stands on them) and
 * grid — the grid only while no dossier is marked on it.
 */
export async function updateCall(
  executor: Executor,
  id: string,
  input: unknown,
  actorId: string | null,
): Promise<Result<Call>> {
  const parsed = callInput.safeParse(input);
  if (!parsed.success) return fail(400, 'invalid', m.invalid(), fieldErrors(parsed.error));
  const { criteria, questions, attachments, ...fields } = parsed.data;
  const [locked] = await executor.select().from(calls).where(eq(calls.id, id)).for('update');
  if (!locked) return fail(404, 'not_found', m.notFound());
  const grid = await criteriaOf(executor, id);
  if (!sameGrid(grid, criteria)) {
    const [marked] = await executor
      .select({ id: callScores.criterionId })
      .from(callScores)
      .where(
        inArray(
          callScores.criterionId,
          grid.map((c) => c.id),
        ),
      )
      .limit(1);
    if (marked) return fail(422, 'grid_locked', m.gridLocked(), { criteria: m.gridLocked().text });
  }
  const [other] = await executor
    .select({ id: calls.id })
    .from(calls)
    .where(and(eq(calls.number, fields.number), ne(calls.id, id)));
  if (other)
    return fail(409, 'conflict', m.numberTaken({ number: fields.number }), {
      number: m.numberTaken({ number: fields.number }).text,
    });
  const [call] = await executor
    .update(calls)
    .set({
      ...fields,
      description: fields.description ?? null,
      envelopeCents: fields.envelopeCents ?? null,
      engagementsPlanned: fields.engagementsPlanned ?? null,
      committee: fields.committee ?? null,
    })
    .where(eq(calls.id, id))
    .returning();
  if (!sameGrid(grid, criteria)) {
    await executor.delete(callCriteria).where(eq(callCriteria.callId, id));
    await executor
      .insert(callCriteria)
      .values(criteria.map((c, position) => ({ callId: id, position, ...c })));
  }
  await setForm(executor, id, { questions, attachments });
  await audit(executor, {
    actorId,
    action: 'update',
    entity: 'call',
    entityId: id,
    data: { number: fields.number },
  });
  return ok(call!);
}

/** Deletes a call opened by mistake; one with dossiers stays (closed calls are the network's record). */
export async function deleteCall(
  executor: Executor,
  id: string,
  actorId: string | null,
): Promise<Result<true>> {
  const [locked] = await executor.select().from(calls).where(eq(calls.id, id)).for('update');
  if (!locked) return fail(404, 'not_found', m.notFound());
  const dossiers = (await listApplications(executor, { scope: callsScope }, id)).length;
  if (dossiers) return fail(409, 'has_dossiers', m.callHasDossiers({ count: dossiers }));
  await executor.delete(calls).where(eq(calls.id, id));
  await audit(executor, {
    actorId,
    action: 'delete',
    entity: 'call',
    entityId: id,
    data: { number: locked.number },
  });
  return ok(true);
}

/** Every call, the latest first. */
export async function listCalls(executor: Executor): Promise<Call[]> {
  return executor.select().from(calls).orderBy(desc(calls.number));
}
