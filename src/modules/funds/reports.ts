// A fund's reports: « points d’étape » of the fund or of a project, written by staff and published when
// ready, and the final report the closure writes with the totals.
import { and, asc, desc, eq, isNotNull } from 'drizzle-orm';
import { z } from 'zod';
import { countryName } from '../../platform/countries.ts';
import { audit } from '../../platform/db/audit.ts';
import type { Executor } from '../../platform/db/client.ts';
import { fail, ok, type Result } from '../../platform/result.ts';
import { formatDate } from '../../platform/time.ts';
import { fieldErrors, isoDate, optional, text, uuid } from '../../platform/validation.ts';
import { isFromReference } from '../organisations/organisations.ts';
import { contributorsOf } from './contributions.ts';
import { fundsMessages as m } from './funds.messages.ts';
import { allocations, fundReports, reportKinds } from './funds.schema.ts';
import type { Fund } from './funds.ts';
import type { Balances } from './ledger.ts';

export type FundReport = typeof fundReports.$inferSelect;

export const reportKindLabels = { progress: 'Point d’étape', final: 'Rapport final' } as const;

export const reportInput = z.object({
  kind: z.enum(reportKinds, { error: m.reportKindExpected().text }),
  title: text(300),
  body: text(50_000),
  reportedOn: isoDate,
  allocationId: optional(uuid),
});

async function checkAllocation(executor: Executor, fundId: string, allocationId: string | undefined) {
  if (!allocationId) return true;
  const [allocation] = await executor
    .select({ id: allocations.id })
    .from(allocations)
    .where(and(eq(allocations.id, allocationId), eq(allocations.fundId, fundId)));
  return Boolean(allocation);
}

export async function addReport(
  executor: Executor,
  fundId: string,
  input: unknown,
  actorId: string | null,
): Promise<Result<FundReport>> {
  const parsed = reportInput.safeParse(input);
  if (!parsed.success) return fail(400, 'invalid', m.invalid(), fieldErrors(parsed.error));
  if (!(await checkAllocation(executor, fundId, parsed.data.allocationId)))
    return fail(422, 'invalid', m.allocationNotFound(), { allocationId: m.allocationNotFound().text });
  const [report] = await executor
    .insert(fundReports)
    .values({ ...parsed.data, allocationId: parsed.data.allocationId ?? null, fundId, createdBy: actorId })
    .returning();
  await audit(executor, {
    actorId,
    action: 'add_report',
    entity: 'fund',
    entityId: fundId,
    data: { reportId: report!.id },
  });
  return ok(report!);
}

export async function getReport(
  executor: Executor,
  fundId: string,
  id: string,
): Promise<FundReport | undefined> {
  const [report] = await executor
    .select()
    .from(fundReports)
    .where(and(eq(fundReports.id, id), eq(fundReports.fundId, fundId)));
  return report;
}

export async function updateReport(
  executor: Executor,
  fundId: string,
  id: string,
  input: unknown,
  actorId: string | null,
): Promise<Result<FundReport>> {
  const parsed = reportInput.safeParse(input);
  if (!parsed.success) return fail(400, 'invalid', m.invalid(), fieldErrors(parsed.error));
  if (!(await checkAllocation(executor, fundId, parsed.data.allocationId)))
    return fail(422, 'invalid', m.allocationNotFound(), { allocationId: m.allocationNotFound().text });
  const [report] = await executor
    .update(fundReports)
    .set({ ...parsed.data, allocationId: parsed.data.allocationId ?? null })
    .where(and(eq(fundReports.id, id), eq(fundReports.fundId, fundId)))
    .returning();
  if (!report) return fail(404, 'not_found', m.reportNotFound());
  await audit(executor, {
    actorId,
    action: 'update_report',
    entity: 'fund',
    entityId: fundId,
    data: { reportId: id },
  });
  return ok(report);
}

/** Publishes a report on the fund's public page, or takes it back. */
export async function publishReport(
  executor: Executor,
  fundId: string,
  id: string,
  published: boolean,
  actorId: string | null,
): Promise<Result<FundReport>> {
  const [report] = await executor
    .update(fundReports)
    .set({ publishedAt: published ? new Date() : null })
    .where(and(eq(fundReports.id, id), eq(fundReports.fundId, fundId)))
    .returning();
  if (!report) return fail(404, 'not_found', m.reportNotFound());
  await audit(executor, {
    actorId,
    action: published ? 'publish_report' : 'unpublish_report',
    entity: 'fund',
    entityId: fundId,
    data: { reportId: id },
  });
  return ok(report);
}

/** Removes a report never published (a published one is taken back instead: it was read). */
export async function deleteReport(
  executor: Executor,
  fundId: string,
  id: string,
  actorId: string | null,
): Promise<Result<true>> {
  const report = await getReport(executor, fundId, id);
  if (!report) return fail(404, 'not_found', m.reportNotFound());
  if (report.publishedAt) return fail(409, 'report_published', m.reportPublished());
  await executor.delete(fundReports).where(eq(fundReports.id, id));
  await audit(executor, {
    actorId,
    action: 'delete_report',
    entity: 'fund',
    entityId: fundId,
    data: { reportId: id },
  });
  return ok(true);
}

/** A fund's reports, the latest first; only the published ones unless `all`. */
export async function reportsOf(executor: Executor, fundId: string, all = false): Promise<FundReport[]> {
  return executor
    .select()
    .from(fundReports)
    .where(and(eq(fundReports.fundId, fundId), all ? undefined : isNotNull(fundReports.publishedAt)))
    .orderBy(desc(fundReports.reportedOn), asc(fundReports.title));
}

const euros = (cents: number) =>
  `${new Intl.NumberFormat('fr-FR', { maximumFractionDigits: 2 }).format(cents / 100)} euros`;

const listed = (items: string[]) =>
  items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} et ${items.at(-1)}`;

/**
 * The final report's text, with the totals: « Grâce aux contributions de 22 collectivités françaises et de
 * CGLU, 384 250 euros ont été réunis… ». Only the organisations that agreed to be named are named; the others
 * are counted.
 */
export async function finalReportText(executor: Executor, fund: Fund, balances: Balances): Promise<string> {
  const contributors = (await contributorsOf(executor, fund.id)).filter((c) => c.receivedCents > 0);
  const local = contributors.filter((c) => isFromReference(c.organisation.kind));
  const others = contributors.filter((c) => !isFromReference(c.organisation.kind));
  const namedOthers = others.filter((c) => c.named).map((c) => c.organisation.name);
  const unnamedOthers = others.length - namedOthers.length;
  const plural = (n: number, word: string) => `${n} ${word}${n > 1 ? 's' : ''}`;
  const givers = [
    local.length === 1
      ? 'une collectivité française'
      : local.length
        ? `${local.length} collectivités françaises`
        : '',
    ...namedOthers,
    unnamedOthers === 1
      ? 'une autre organisation'
      : unnamedOthers
        ? `${unnamedOthers} autres organisations`
        : '',
  ]
    .filter(Boolean)
    .map((giver) => `${/^[aeiouyéèêh]/i.test(giver) ? 'd’' : 'de '}${giver}`);
  const projects = await executor
    .select({ country: allocations.country })
    .from(allocations)
    .where(eq(allocations.fundId, fund.id));
  const countries = [...new Set(projects.flatMap((p) => (p.country ? [countryName(p.country)] : [])))];
  return [
    `Grâce aux contributions ${listed(givers)}, ${euros(balances.receivedCents)} ont été réunis pour le fonds « ${fund.name} ».`,
    `${euros(balances.disbursedCents)} ont été versés à ${plural(projects.length, 'projet')}${countries.length ? ` (${listed(countries)})` : ''}.`,
    `Le fonds, ouvert le ${formatDate(fund.openedOn)}, a été clôturé le ${formatDate(fund.closedOn!)} : ses comptes sont arrêtés.`,
  ].join('\n\n');
}
