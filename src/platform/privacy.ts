// The register of processing activities (RGPD, art. 30), written by each module next to its tables
// (`<module>.privacy.ts`, listed in its manifest): for each table, why it exists, on which legal basis, how
// long its rows are kept, who receives them, and which of its columns hold personal data. The staff's
// register and the public privacy notice are made from it; a test fails on a table that says nothing.
import { getTableColumns, getTableName, is } from 'drizzle-orm';
import { PgTable } from 'drizzle-orm/pg-core';

export const legalBases = {
  contract: 'exécution d’un contrat (l’adhésion, l’inscription)',
  legal_obligation: 'obligation légale',
  legitimate_interest: 'intérêt légitime du réseau',
  consent: 'consentement',
  public_task: 'mission d’intérêt public',
} as const;
export type LegalBasis = keyof typeof legalBases;

export interface Processing {
  /** The table's SQL name. */
  table: string;
  /** In words for the people concerned: « Inscrire les personnes aux événements du réseau ». */
  purpose: string;
  basis: LegalBasis;
  /** « 3 ans après l’événement » — and the job that applies it, where there is one. */
  retention: string;
  /** Who sees the rows: « L’équipe du réseau ; la personne elle-même ». */
  recipients: string;
  /** The columns (SQL names) that hold personal data; empty for a table that holds none. */
  personal: string[];
  /** Columns whose name looks personal but whose content is not (an organisation's `name`). */
  notPersonal?: string[];
}

/** A table's entry of the register; the columns are named by their SQL names and must exist. */
export function processing(table: PgTable, record: Omit<Processing, 'table'>): Processing {
  const columns = new Set(Object.values(getTableColumns(table)).map((c) => c.name));
  for (const name of [...record.personal, ...(record.notPersonal ?? [])]) {
    if (!columns.has(name)) throw new Error(`${getTableName(table)} n’a pas de colonne ${name}`);
  }
  return { table: getTableName(table), ...record };
}

/** The tables among a schema module's exports, with their columns' SQL names. */
export function tablesOf(schema: Record<string, unknown>): { name: string; columns: string[] }[] {
  return Object.values(schema)
    .filter((value): value is PgTable => is(value, PgTable))
    .map((table) => ({
      name: getTableName(table),
      columns: Object.values(getTableColumns(table)).map((c) => c.name),
    }));
}

/**
 * Column names that hold personal data wherever they appear: a table with such a column must list it.
 * (A guard against forgetting, not a definition: the register lists more.)
 */
export const personalLooking =
  /(^|_)(email|first_name|last_name|name|phone|address|ip|mandate|motivation|availability|comment|note|reason|holder|civility|birth)(_|$)/;
