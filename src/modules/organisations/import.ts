// Import of organisations or people from a CSV/XLSX file: parsed into a preview, each refused line with
// its reason in French; nothing is written until staff confirms.
import { and, desc, eq, gt, isNull, or, sql } from 'drizzle-orm';
import { audit } from '../../platform/db/audit.ts';
import type { Executor } from '../../platform/db/client.ts';
import { fail, ok, type Result } from '../../platform/result.ts';
import { readTable, SheetError } from '../../platform/sheets/sheets.ts';
import { fieldErrors } from '../../platform/validation.ts';
import { importColumnNames, organisationsMessages as m } from './organisations.messages.ts';
import { imports, organisations, people } from './organisations.schema.ts';
import { createOrganisation, organisationInput } from './organisations.ts';
import { createPerson, personInput } from './people.ts';
import { normalise } from './reference.ts';

export type ImportKind = 'organisations' | 'people';

export interface RejectedLine {
  line: number;
  reason: string;
}

export interface ImportPreview {
  id: string;
  kind: ImportKind;
  fileName: string;
  rows: { line: number; values: Record<string, unknown>; label: string }[];
  rejected: RejectedLine[];
  appliedAt: Date | null;
}

const headerAliases: Record<ImportKind, Record<string, string>> = {
  people: {
    prenom: 'firstName',
    'first name': 'firstName',
    nom: 'lastName',
    'last name': 'lastName',
    email: 'email',
    courriel: 'email',
    'adresse electronique': 'email',
    mail: 'email',
    type: 'kind',
    qualite: 'kind',
    organisation: 'organisation',
    collectivite: 'organisation',
    siren: 'organisation',
    mandat: 'mandateTitle',
    'debut du mandat': 'mandateStartsOn',
    'debut mandat': 'mandateStartsOn',
    debut_mandat: 'mandateStartsOn',
  },
  organisations: {
    nom: 'name',
    type: 'kind',
    'code insee': 'inseeCode',
    code_insee: 'inseeCode',
    insee: 'inseeCode',
    siren: 'siren',
    pays: 'country',
  },
};

const personKindWords: Record<string, string> = {
  elu: 'elected',
  elue: 'elected',
  'elu(e)': 'elected',
  elected: 'elected',
  technicien: 'officer',
  technicienne: 'officer',
  agent: 'officer',
  officer: 'officer',
  partenaire: 'partner',
  partner: 'partner',
};

const organisationKindWords: Record<string, string> = {
  commune: 'commune',
  epci: 'epci',
  intercommunalite: 'epci',
  departement: 'departement',
  region: 'region',
  com: 'com',
  'collectivite etrangere': 'foreign_local_government',
  foreign_local_government: 'foreign_local_government',
  institution: 'institution',
};

const requiredColumns: Record<ImportKind, string[]> = {
  people: ['firstName', 'lastName', 'email', 'kind'],
  organisations: ['name', 'kind'],
};

/** Finds the organisation a line names: by SIREN, INSEE code or exact name. */
async function resolveOrganisation(executor: Executor, reference: string) {
  const trimmed = reference.trim();
  const rows = await executor
    .select({ id: organisations.id, name: organisations.name })
    .from(organisations)
    .where(
      or(
        eq(organisations.siren, trimmed),
        eq(organisations.inseeCode, trimmed),
        eq(sql`lower(${organisations.name})`, trimmed.toLowerCase()),
      ),
    )
    // Two rows are enough to know the line is ambiguous: it is refused, and no list is shown.
    .limit(2);
  return rows;
}

/** Turns one line of a people file into the input of createPerson, or says why it cannot be. */
async function personLine(
  executor: Executor,
  cells: Record<string, string>,
): Promise<Result<Record<string, unknown>>> {
  const kind = personKindWords[normalise(cells.kind ?? '')];
  if (!kind) {
    return fail(400, 'invalid', m.importPersonKind({ kind: cells.kind ?? '' }));
  }
  let organisationId: string | undefined;
  if (cells.organisation) {
    const found = await resolveOrganisation(executor, cells.organisation);
    if (found.length === 0)
      return fail(400, 'invalid', m.importOrganisationNotFound({ name: cells.organisation }));
    if (found.length > 1)
      return fail(400, 'invalid', m.importOrganisationAmbiguous({ name: cells.organisation }));
    organisationId = found[0]!.id;
  }
  const input = {
    firstName: cells.firstName,
    lastName: cells.lastName,
    email: cells.email,
    kind,
    organisationId,
    mandate:
      cells.mandateTitle || cells.mandateStartsOn
        ? { title: cells.mandateTitle ?? '', startsOn: frenchDate(cells.mandateStartsOn ?? '') }
        : undefined,
  };
  const parsed = personInput.safeParse(input);
  if (!parsed.success) return fail(400, 'invalid', describe(fieldErrors(parsed.error)));
  const [existing] = await executor
    .select({ id: people.id })
    .from(people)
    .where(eq(sql`lower(${people.email})`, parsed.data.email.toLowerCase()));
  if (existing) return fail(409, 'conflict', m.importEmailKnown({ email: parsed.data.email }));
  return ok(input);
}

async function organisationLine(
  executor: Executor,
  cells: Record<string, string>,
): Promise<Result<Record<string, unknown>>> {
  const kind = organisationKindWords[normalise(cells.kind ?? '')];
  if (!kind) return fail(400, 'invalid', m.importOrganisationKind({ kind: cells.kind ?? '' }));
  const input = {
    name: cells.name,
    kind,
    inseeCode: cells.inseeCode,
    siren: cells.siren,
    country: cells.country,
  };
  const parsed = organisationInput.safeParse(input);
  if (!parsed.success) return fail(400, 'invalid', describe(fieldErrors(parsed.error)));
  const siren = parsed.data.siren;
  if (siren) {
    const [existing] = await executor
      .select({ id: organisations.id })
      .from(organisations)
      .where(eq(organisations.siren, siren));
    if (existing) return fail(409, 'conflict', m.importSirenKnown({ siren }));
  }
  return ok(input);
}

/** « 15/03/2026 » as spreadsheets write it, or 2026-03-15. */
function frenchDate(value: string): string {
  const match = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(value.trim());
  return match ? `${match[3]}-${match[2]!.padStart(2, '0')}-${match[1]!.padStart(2, '0')}` : value.trim();
}

/** The field messages of a refused line, each after the name of its column. */
const describe = (fields: Record<string, string>) =>
  m.importFields({
    fields: Object.entries(fields).map(([field, message]) => [importColumnNames[field] ?? field, message]),
  });

/** Reads a file into a preview kept in the database; nothing else is written. */
export async function prepareImport(
  executor: Executor,
  kind: ImportKind,
  fileName: string,
  data: Buffer,
  actorId: string,
): Promise<Result<ImportPreview>> {
  let table: Awaited<ReturnType<typeof readTable>>;
  try {
    table = await readTable(data);
  } catch (error) {
    if (error instanceof SheetError) return fail(400, 'invalid_file', error.message);
    throw error;
  }
  const aliases = headerAliases[kind];
  const columns = table.headers.map(
    (h) => aliases[normalise(h).replace(/\s+/g, ' ')] ?? aliases[normalise(h)],
  );
  const missing = requiredColumns[kind].filter((c) => !columns.includes(c));
  if (missing.length) {
    return fail(
      400,
      'invalid_file',
      m.importMissingColumns({ columns: missing.map((column) => importColumnNames[column] ?? column) }),
    );
  }
  if (table.rows.length > 5000) return fail(400, 'invalid_file', m.importTooLong());
  const rows: ImportPreview['rows'] = [];
  const rejected: RejectedLine[] = [];
  const seen = new Map<string, number>();
  for (const [index, record] of table.rows.entries()) {
    const line = table.lines[index + 1] ?? index + 2;
    const cells: Record<string, string> = {};
    columns.forEach((column, i) => {
      if (column && record[i]) cells[column] = record[i]!;
    });
    if (Object.keys(cells).length === 0) continue;
    const key =
      kind === 'people'
        ? (cells.email ?? '').toLowerCase()
        : (cells.siren ?? cells.inseeCode ?? cells.name ?? '');
    if (key && seen.has(key)) {
      rejected.push({ line, reason: m.importDuplicate({ line: seen.get(key)! }).text });
      continue;
    }
    if (key) seen.set(key, line);
    const result =
      kind === 'people' ? await personLine(executor, cells) : await organisationLine(executor, cells);
    if (result.ok) {
      const label =
        kind === 'people' ? `${cells.firstName} ${cells.lastName} <${cells.email}>` : (cells.name ?? '');
      rows.push({ line, values: result.value, label });
    } else {
      rejected.push({ line, reason: result.error.message });
    }
  }
  const [saved] = await executor
    .insert(imports)
    .values({ kind, fileName: fileName.slice(0, 200), rows, rejected, createdBy: actorId })
    .returning();
  return ok({ id: saved!.id, kind, fileName: saved!.fileName, rows, rejected, appliedAt: null });
}

export async function getImport(executor: Executor, id: string): Promise<ImportPreview | undefined> {
  const [row] = await executor.select().from(imports).where(eq(imports.id, id));
  if (!row) return undefined;
  return {
    id: row.id,
    kind: row.kind,
    fileName: row.fileName,
    rows: row.rows as ImportPreview['rows'],
    rejected: row.rejected as RejectedLine[],
    appliedAt: row.appliedAt,
  };
}

/**
 * Writes the accepted lines, once: lines that became invalid since the preview (an address taken in
 * between, say) are reported, not written.
 */
export async function applyImport(
  executor: Executor,
  id: string,
  actorId: string,
): Promise<Result<{ created: number; rejected: RejectedLine[] }>> {
  const [claimed] = await executor
    .update(imports)
    .set({ appliedAt: sql`now()` })
    .where(and(eq(imports.id, id), isNull(imports.appliedAt)))
    .returning();
  if (!claimed) {
    const known = await executor.select({ id: imports.id }).from(imports).where(eq(imports.id, id));
    return known.length
      ? fail(409, 'already_applied', m.importAlreadyApplied())
      : fail(404, 'not_found', m.importNotFound());
  }
  const rejected: RejectedLine[] = [];
  let created = 0;
  for (const row of claimed.rows as ImportPreview['rows']) {
    const result =
      claimed.kind === 'people'
        ? await createPerson(executor, row.values, actorId)
        : await createOrganisation(executor, row.values, actorId);
    if (result.ok) created++;
    else rejected.push({ line: row.line, reason: result.error.message });
  }
  return ok({ created, rejected });
}

/** Imports previewed in the last 30 days and neither applied nor abandoned: what the import page lists. */
export async function listPendingImports(executor: Executor, at = new Date()) {
  const rows = await executor
    .select()
    .from(imports)
    .where(and(isNull(imports.appliedAt), gt(imports.createdAt, new Date(at.getTime() - 30 * 86_400_000))))
    .orderBy(desc(imports.createdAt));
  return rows.map((row) => ({
    id: row.id,
    kind: row.kind,
    fileName: row.fileName,
    createdAt: row.createdAt,
    accepted: (row.rows as unknown[]).length,
    rejected: (row.rejected as unknown[]).length,
  }));
}

/** Abandons an import not applied: its preview (and the lines it kept) is deleted. */
export async function abandonImport(executor: Executor, id: string, actorId: string): Promise<Result<void>> {
  const [row] = await executor.select().from(imports).where(eq(imports.id, id)).for('update');
  if (!row) return fail(404, 'not_found', m.importNotFound());
  if (row.appliedAt) return fail(409, 'already_applied', m.importAbandoned());
  await executor.delete(imports).where(eq(imports.id, id));
  await audit(executor, { actorId, action: 'abandon', entity: 'import', entityId: id });
  return ok(undefined);
}
