// « Un dossier par collectivité et par appel, sauf dérogation »: staff allow a town more dossiers on a call
// (two projects with two partner towns, say), with a reason. The pipeline gives each dossier a place of its
// own (applications/submit.ts): the count is never exceeded, even by dossiers made at the same instant.
import { and, eq } from 'drizzle-orm';
import { z } from 'zod';
import { audit } from '../../platform/db/audit.ts';
import type { Executor } from '../../platform/db/client.ts';
import { fail, ok, type Result } from '../../platform/result.ts';
import { fieldErrors, text, uuid } from '../../platform/validation.ts';
import { type Application, listApplications } from '../applications/applications.ts';
import { getOrganisation, getOrganisationsByIds } from '../organisations/organisations.ts';
import { getPerson } from '../organisations/people.ts';
import { callsMessages as m } from './calls.messages.ts';
import { callAllowances } from './calls.schema.ts';
import { callsScope, getCall } from './calls.ts';

export const allowanceInput = z.object({
  organisationId: uuid,
  dossiers: z.coerce
    .number({ error: m.allowanceExpected().text })
    .int(m.allowanceExpected().text)
    .min(2, m.allowanceExpected().text)
    .max(10, m.allowanceExpected().text),
  reason: text(500),
});

/**
 * How many dossiers a town may hold on a call: 1, or what staff allowed. The leave is read under a share
 * lock: lowering it waits for a dossier being made, then counts it.
 */
export async function allowedDossiers(executor: Executor, callId: string, organisationId: string) {
  const [row] = await executor
    .select({ dossiers: callAllowances.dossiers })
    .from(callAllowances)
    .where(and(eq(callAllowances.callId, callId), eq(callAllowances.organisationId, organisationId)))
    .for('share');
  return row?.dossiers ?? 1;
}

const lockedAllowance = async (executor: Executor, callId: string, organisationId: string) =>
  (
    await executor
      .select()
      .from(callAllowances)
      .where(and(eq(callAllowances.callId, callId), eq(callAllowances.organisationId, organisationId)))
      .for('update')
  )[0];

/** A town's dossiers on a call, drafts included, the oldest first. */
export async function dossiersOfOrganisation(
  executor: Executor,
  callId: string,
  organisationId: string,
): Promise<Application[]> {
  return (await listApplications(executor, { scope: callsScope }, callId)).filter(
    (a) => a.organisationId === organisationId,
  );
}

const dossiersMade = async (executor: Executor, callId: string, organisationId: string) =>
  (await dossiersOfOrganisation(executor, callId, organisationId)).length;

export type Allowance = typeof callAllowances.$inferSelect;

/** Allows a town more dossiers on a call, or changes how many; never below the dossiers it already made. */
export async function grantAllowance(
  executor: Executor,
  callId: string,
  input: unknown,
  staffId: string,
): Promise<Result<Allowance>> {
  const parsed = allowanceInput.safeParse(input);
  if (!parsed.success) return fail(400, 'invalid', m.invalid(), fieldErrors(parsed.error));
  const { organisationId, dossiers, reason } = parsed.data;
  if (!(await getCall(executor, callId))) return fail(404, 'not_found', m.notFound());
  const organisation = await getOrganisation(executor, organisationId);
  if (!organisation)
    return fail(404, 'not_found', m.organisationNotFound(), {
      organisationId: m.organisationNotFound().text,
    });
  // The leave locked first: a dossier being made under it commits before the count, and is counted.
  await lockedAllowance(executor, callId, organisationId);
  const made = await dossiersMade(executor, callId, organisationId);
  if (made > dossiers) {
    const refusal = m.allowanceBelowMade({ name: organisation.name, made });
    return fail(409, 'conflict', refusal, { dossiers: refusal.text });
  }
  const values = { dossiers, reason, grantedBy: staffId, grantedAt: new Date() };
  const [saved] = await executor
    .insert(callAllowances)
    .values({ callId, organisationId, ...values })
    .onConflictDoUpdate({ target: [callAllowances.callId, callAllowances.organisationId], set: values })
    .returning();
  await audit(executor, {
    actorId: staffId,
    action: 'allow_dossiers',
    entity: 'call',
    entityId: callId,
    data: { organisationId, dossiers },
  });
  return ok(saved!);
}

/** Back to the rule (one dossier), unless the town already holds more. */
export async function withdrawAllowance(
  executor: Executor,
  callId: string,
  organisationId: string,
  staffId: string,
): Promise<Result<true>> {
  if (!(await lockedAllowance(executor, callId, organisationId)))
    return fail(404, 'not_found', m.allowanceNotFound());
  const made = await dossiersMade(executor, callId, organisationId);
  if (made > 1) {
    const organisation = await getOrganisation(executor, organisationId);
    return fail(409, 'conflict', m.allowanceBelowMade({ name: organisation?.name ?? '—', made }));
  }
  await executor
    .delete(callAllowances)
    .where(and(eq(callAllowances.callId, callId), eq(callAllowances.organisationId, organisationId)));
  await audit(executor, {
    actorId: staffId,
    action: 'withdraw_dossiers_allowance',
    entity: 'call',
    entityId: callId,
    data: { organisationId },
  });
  return ok(true);
}

export interface AllowanceRow extends Allowance {
  organisationName: string;
  grantedByName: string | null;
  made: number;
}

/** A call's leaves, by town name, with the dossiers each town made (a handful per call). */
export async function allowancesOf(executor: Executor, callId: string): Promise<AllowanceRow[]> {
  const rows = await executor.select().from(callAllowances).where(eq(callAllowances.callId, callId));
  if (rows.length === 0) return [];
  const [towns, dossiers] = await Promise.all([
    getOrganisationsByIds(
      executor,
      rows.map((r) => r.organisationId),
    ),
    listApplications(executor, { scope: callsScope }, callId),
  ]);
  const names = new Map(towns.map((o) => [o.id, o.name]));
  const result = await Promise.all(
    rows.map(async (row) => {
      const grantor = row.grantedBy ? await getPerson(executor, row.grantedBy) : undefined;
      return {
        ...row,
        organisationName: names.get(row.organisationId) ?? '—',
        grantedByName: grantor ? `${grantor.firstName} ${grantor.lastName}` : null,
        made: dossiers.filter((d) => d.organisationId === row.organisationId).length,
      };
    }),
  );
  return result.sort((a, b) => a.organisationName.localeCompare(b.organisationName, 'fr'));
}
