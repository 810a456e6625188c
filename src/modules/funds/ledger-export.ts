// A fund's whole ledger as the staff read it (every movement with its lines, in words) and as the network's
// accountant imports it: one line per entry, the account's number in the French chart, debit and credit in
// euros (numbers in XLSX, « 1234,56 » in the « ; » CSV of French spreadsheets).
import { asc, eq } from 'drizzle-orm';
import type { Executor } from '../../platform/db/client.ts';
import type { Column } from '../../platform/sheets/sheets.ts';
import { getOrganisationsByIds } from '../organisations/organisations.ts';
import { receiptsOf } from './contributions.ts';
import { allocations, ledgerEntries, ledgerGroups } from './funds.schema.ts';
import type { Fund } from './funds.ts';
import { accounts, type LedgerEntry, type LedgerGroup, movementLabels } from './ledger.ts';

export interface LedgerLine extends LedgerEntry {
  accountNumber: string;
  accountLabel: string;
  /** The contributor's name, on a contribution's or a pledge's lines. */
  organisation: string | null;
  /** The project's beneficiary, on an allocation's lines. */
  project: string | null;
}

export interface LedgerMovement extends LedgerGroup {
  lines: LedgerLine[];
  /** The receipt's number (« 2026-0007 »), on a receipt. */
  receiptNumber: string | null;
  /** The reversal that cancelled this movement, if any. */
  reversedBy: LedgerGroup | null;
  /** The movement this reversal cancels, on a reversal. */
  reverses: LedgerGroup | null;
}

/** A fund's movements in the order they happened (then recorded), each with its lines in words. */
export async function ledgerOf(executor: Executor, fundId: string): Promise<LedgerMovement[]> {
  const [groups, entries, projects, receipts] = await Promise.all([
    executor
      .select()
      .from(ledgerGroups)
      .where(eq(ledgerGroups.fundId, fundId))
      .orderBy(asc(ledgerGroups.occurredOn), asc(ledgerGroups.recordedAt)),
    executor
      .select({ entry: ledgerEntries })
      .from(ledgerEntries)
      .innerJoin(ledgerGroups, eq(ledgerGroups.id, ledgerEntries.groupId))
      .where(eq(ledgerGroups.fundId, fundId))
      .orderBy(asc(ledgerEntries.groupId), asc(ledgerEntries.line)),
    executor
      .select({ id: allocations.id, beneficiary: allocations.beneficiary })
      .from(allocations)
      .where(eq(allocations.fundId, fundId)),
    receiptsOf(executor, { fundId }),
  ]);
  const organisationIds = [...new Set(entries.flatMap((e) => e.entry.organisationId ?? []))];
  const names = new Map(
    (await getOrganisationsByIds(executor, organisationIds)).map((o) => [o.id, o.name] as const),
  );
  const beneficiaries = new Map(projects.map((p) => [p.id, p.beneficiary] as const));
  const numbers = new Map(receipts.map((r) => [r.groupId, r.number] as const));
  const byId = new Map(groups.map((g) => [g.id, g] as const));
  const reversals = new Map(groups.flatMap((g) => (g.reversesId ? [[g.reversesId, g] as const] : [])));
  const linesOf = new Map<string, LedgerLine[]>();
  for (const { entry } of entries) {
    const lines = linesOf.get(entry.groupId) ?? [];
    lines.push({
      ...entry,
      accountNumber: accounts[entry.account].number,
      accountLabel: accounts[entry.account].label,
      organisation: entry.organisationId ? (names.get(entry.organisationId) ?? null) : null,
      project: entry.allocationId ? (beneficiaries.get(entry.allocationId) ?? null) : null,
    });
    linesOf.set(entry.groupId, lines);
  }
  return groups.map((group) => ({
    ...group,
    lines: linesOf.get(group.id) ?? [],
    receiptNumber: numbers.get(group.id) ?? null,
    reversedBy: reversals.get(group.id) ?? null,
    reverses: group.reversesId ? (byId.get(group.reversesId) ?? null) : null,
  }));
}

/** One entry of the export, with its movement. */
export interface ExportLine extends LedgerLine {
  fund: Fund;
  movement: LedgerMovement;
}

export const exportLines = (fund: Fund, movements: LedgerMovement[]): ExportLine[] =>
  movements.flatMap((movement) => movement.lines.map((line) => ({ ...line, fund, movement })));

const euros = (cents: number) => cents / 100;

/** The accounting export's columns: one line per entry, the group tying a movement's lines together. */
export const ledgerColumns: Column<ExportLine>[] = [
  { header: 'Fonds', value: (l) => l.fund.name },
  { header: 'Groupe', value: (l) => l.movement.id },
  { header: 'Ligne', type: 'number', value: (l) => l.line },
  { header: 'Mouvement', value: (l) => movementLabels[l.movement.kind] },
  { header: 'Date', type: 'date', value: (l) => l.movement.occurredOn },
  { header: 'N° de compte', value: (l) => l.accountNumber },
  { header: 'Intitulé du compte', value: (l) => l.accountLabel },
  { header: 'Débit', type: 'number', value: (l) => euros(l.debitCents) },
  { header: 'Crédit', type: 'number', value: (l) => euros(l.creditCents) },
  { header: 'Devise', value: (l) => l.movement.currency },
  { header: 'Référence', value: (l) => l.movement.reference },
  { header: 'N° de reçu', value: (l) => l.movement.receiptNumber },
  { header: 'Organisation', value: (l) => l.organisation },
  { header: 'Projet', value: (l) => l.project },
  { header: 'Contre-passe le groupe', value: (l) => l.movement.reversesId },
  { header: 'Contre-passé par le groupe', value: (l) => l.movement.reversedBy?.id },
  { header: 'Motif de la contre-passation', value: (l) => l.movement.reason },
  { header: 'Enregistré le', type: 'datetime', value: (l) => l.movement.recordedAt },
];
