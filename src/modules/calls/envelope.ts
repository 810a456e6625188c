// What a call's dossiers cost against its envelope: the cost each asks (`call_dossiers`), the total of the
// accepted ones, and the rule the pipeline checks before an acceptance (calls.pipeline.ts).
import { inArray } from 'drizzle-orm';
import type { Executor } from '../../platform/db/client.ts';
import { formatCents } from '../../platform/money.ts';
import { fail, ok, type Result } from '../../platform/result.ts';
import { listApplications } from '../applications/applications.ts';
import { callsMessages as m } from './calls.messages.ts';
import { callDossiers } from './calls.schema.ts';
import { callsScope } from './calls.ts';

export interface DossierDetails {
  formVersion: number;
  requestedCents: number | null;
}

export async function detailsOf(
  executor: Executor,
  applicationIds: readonly string[],
): Promise<Map<string, DossierDetails>> {
  if (applicationIds.length === 0) return new Map();
  const rows = await executor
    .select()
    .from(callDossiers)
    .where(inArray(callDossiers.applicationId, [...applicationIds]));
  return new Map(rows.map((r) => [r.applicationId, r]));
}

/** What the call's accepted dossiers cost together, in cents. */
export async function acceptedCents(executor: Executor, callId: string): Promise<number> {
  const accepted = await listApplications(executor, { scope: callsScope }, callId, ['accepted']);
  return costOf(
    executor,
    accepted.map((a) => a.id),
  );
}

/** What these dossiers ask for together, in cents (a dossier without a cost counts for nothing). */
export async function costOf(executor: Executor, applicationIds: readonly string[]): Promise<number> {
  let total = 0;
  for (const details of (await detailsOf(executor, applicationIds)).values())
    total += details.requestedCents ?? 0;
  return total;
}

/**
 * Accepting these dossiers keeps the call within its envelope, or is refused with the figures (checked under
 * the pipeline's lock on the call: two committees cannot both spend its last euros).
 */
export async function withinEnvelope(
  executor: Executor,
  call: { id: string; envelopeCents: number | null },
  accepting: readonly string[],
): Promise<Result<true>> {
  if (call.envelopeCents === null) return ok(true);
  const already = await acceptedCents(executor, call.id);
  const asked = await costOf(executor, accepting);
  if (already + asked <= call.envelopeCents) return ok(true);
  return fail(
    422,
    'over_envelope',
    m.overEnvelope({
      asked: formatCents(asked),
      already: formatCents(already),
      envelope: formatCents(call.envelopeCents),
      over: formatCents(already + asked - call.envelopeCents),
    }),
  );
}
