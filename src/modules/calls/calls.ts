// Support calls (« appels DCOL »): numbered, with a window in Paris time, the kinds of support offered, a
// budget envelope and a grid of weighted criteria. Their dossiers are the pipeline's (calls.pipeline.ts).
import { asc, eq } from 'drizzle-orm';
import { z } from 'zod';
import { audit } from '../../platform/db/audit.ts';
import type { Executor } from '../../platform/db/client.ts';
import { fail, ok, type Result } from '../../platform/result.ts';
import { fieldErrors, optional, text } from '../../platform/validation.ts';
import { callsMessages as m } from './calls.messages.ts';
import { callCriteria, calls } from './calls.schema.ts';

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
  const { criteria, ...fields } = parsed.data;
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
