// Import of partnerships from a CSV or XLSX file in the style of the MEAE's « Atlas français de la
// coopération décentralisée »: one line per partnership, or per project of a partnership. The file is read
// into a preview kept in the database (what each line would do, or why it is refused, in French); staff
// confirms, and the lines are planned again and written in one transaction, through `applySnapshot` (a version
// per partnership changed, source « import »). Importing the same file twice changes nothing the second time:
// a partnership is found by its French side and its partner, a project by its title and start year, and a
// partnership is written only when what the file says differs from what it is.
import { createRequire } from 'node:module';
import { and, desc, eq, gt, inArray, isNull, sql } from 'drizzle-orm';
import { audit } from '../../platform/db/audit.ts';
import type { Executor } from '../../platform/db/client.ts';
import { foldText } from '../../platform/db/fold.ts';
import type { Message } from '../../platform/messages.ts';
import { fail, ok, type Result } from '../../platform/result.ts';
import { readTable, SheetError } from '../../platform/sheets/sheets.ts';
import { frenchLocalGovernmentKinds } from '../organisations/kinds.ts';
import {
  createOrganisation,
  matchingName,
  notArchived,
  pageOfOrganisations,
} from '../organisations/organisations.ts';
import { findReferenceEntry, normalise, type ReferenceEntry } from '../organisations/reference.ts';
import {
  type PartnershipKind,
  type PartnershipStatus,
  partnerPlaces,
  partnershipSides,
  partnerships,
} from './atlas.schema.ts';
import { atlasImports } from './import.schema.ts';
import { openDataMessages as m } from './open-data.messages.ts';
import {
  applySnapshot,
  parseProject,
  partnershipKindLabels,
  partnershipStatusLabels,
  type Snapshot,
  setPartnerPlace,
  snapshotOf,
} from './partnerships.ts';
import { countryName, isCountryCode, placeNames } from './places.ts';
import { reindex } from './search.ts';
import { themes } from './themes.ts';

// ——— The columns ———

export const importFields = [
  'french',
  'partner',
  'country',
  'partnerRegion',
  'kind',
  'since',
  'status',
  'themes',
  'project',
  'startYear',
  'endYear',
  'amount',
  'coFunders',
] as const;
export type ImportField = (typeof importFields)[number];

/** The documented headers, in the order of the model file (views/import.tsx lists them). */
export const importHeaders: Record<ImportField, string> = {
  french: 'Collectivité française (SIREN ou code INSEE)',
  partner: 'Partenaire',
  country: 'Pays',
  partnerRegion: 'Région du partenaire',
  kind: 'Type',
  since: 'Depuis',
  status: 'Statut',
  themes: 'Thèmes',
  project: 'Projet',
  startYear: 'Année de début',
  endYear: 'Année de fin',
  amount: 'Montant (€)',
  coFunders: 'Cofinanceurs',
};

const requiredFields: ImportField[] = ['french', 'partner', 'country'];

/** A header as compared: no accent, no case, no punctuation (« Montant (€) » and « montant » alike). */
const headerKey = (header: string) =>
  normalise(header)
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();

const headerAliases: Record<string, ImportField> = Object.fromEntries([
  ...importFields.map((f) => [headerKey(importHeaders[f]), f] as const),
  ...(
    [
      ['collectivite francaise', 'french'],
      ['collectivites francaises', 'french'],
      ['collectivite', 'french'],
      ['collectivite territoriale', 'french'],
      ['siren ou code insee', 'french'],
      ['siren', 'french'],
      ['code insee', 'french'],
      ['collectivite partenaire', 'partner'],
      ['collectivite etrangere', 'partner'],
      ['autorite locale partenaire', 'partner'],
      ['partenaire etranger', 'partner'],
      ['pays partenaire', 'country'],
      ['code pays', 'country'],
      ['region partenaire', 'partnerRegion'],
      ['region etrangere', 'partnerRegion'],
      ['province', 'partnerRegion'],
      ['type de partenariat', 'kind'],
      ['type de cooperation', 'kind'],
      ['nature', 'kind'],
      ['nature du partenariat', 'kind'],
      ['annee de signature', 'since'],
      ['depuis l annee', 'since'],
      ['statut du partenariat', 'status'],
      ['etat', 'status'],
      ['theme', 'themes'],
      ['thematiques', 'themes'],
      ['thematique', 'themes'],
      ['domaines', 'themes'],
      ['titre du projet', 'project'],
      ['intitule du projet', 'project'],
      ['debut', 'startYear'],
      ['annee debut', 'startYear'],
      ['fin', 'endYear'],
      ['annee fin', 'endYear'],
      ['montant', 'amount'],
      ['montant eur', 'amount'],
      ['montant en euros', 'amount'],
      ['budget', 'amount'],
      ['budget eur', 'amount'],
      ['co financeurs', 'coFunders'],
      ['cofinanceur', 'coFunders'],
      ['cofinancements', 'coFunders'],
      ['financeurs', 'coFunders'],
    ] as const
  ).map(([k, f]) => [headerKey(k), f] as const),
]);

// ——— The values ———

const kindWords: Record<string, PartnershipKind> = {
  ...Object.fromEntries(Object.entries(partnershipKindLabels).map(([k, label]) => [normalise(label), k])),
  ...Object.fromEntries(Object.keys(partnershipKindLabels).map((k) => [k, k])),
  jumelage: 'twinning',
  'jumelage cooperation': 'twinning',
  cooperation: 'decentralised_cooperation',
  'accord de cooperation': 'decentralised_cooperation',
  'convention de cooperation': 'decentralised_cooperation',
  'pacte d amitie': 'friendship_pact',
  'pacte d amitie et de cooperation': 'friendship_pact',
  amitie: 'friendship_pact',
  'protocole d accord': 'memorandum',
  'protocole d intention': 'memorandum',
  'lettre d intention': 'memorandum',
  memorandum: 'memorandum',
  'memorandum d accord': 'memorandum',
  autre: 'other',
} as Record<string, PartnershipKind>;

const statusWords: Record<string, PartnershipStatus> = {
  ...Object.fromEntries(Object.entries(partnershipStatusLabels).map(([k, label]) => [normalise(label), k])),
  ...Object.fromEntries(Object.keys(partnershipStatusLabels).map((k) => [k, k])),
  active: 'active',
  'en cours': 'active',
  sommeil: 'dormant',
  'en veille': 'dormant',
  inactif: 'dormant',
  terminee: 'ended',
  clos: 'ended',
  close: 'ended',
  achevee: 'ended',
} as Record<string, PartnershipStatus>;

const themeWords = new Map<string, string>();
for (const theme of themes) {
  themeWords.set(theme.code, theme.code);
  themeWords.set(normalise(theme.label), theme.code);
  for (const word of theme.words) themeWords.set(normalise(word), theme.code);
}

/** Several values in one cell: « Eau, Santé », « AFD ; DCTCIV », « 49007 | 49 ». */
const list = (cell: string | undefined) => [
  ...new Set(
    (cell ?? '')
      .split(/[,;|\n]/)
      .map((v) => v.replace(/\s+/g, ' ').trim())
      .filter(Boolean),
  ),
];

function yearOf(value: string): number | undefined {
  const match = /^(\d{4})(?:-\d{2}-\d{2})?$/.exec(value) ?? /^\d{1,2}\/\d{1,2}\/(\d{4})$/.exec(value);
  const year = match ? Number(match[1]) : Number.NaN;
  return year >= 1900 && year <= 2200 ? year : undefined;
}

/** « 12 500,50 », « 12500.5 », « 12 500 € » → cents, without going through a float. */
function centsOf(value: string): number | undefined {
  let text = value.replace(/[\s\u00a0\u202f€]/g, '').replace(/eur$/i, '');
  if (text.includes(',') && text.includes('.')) text = text.replace(/\./g, '');
  text = text.replace(',', '.');
  const match = /^(\d{1,13})(?:\.(\d{1,2}))?$/.exec(text);
  if (!match) return undefined;
  return Number(match[1]) * 100 + Number((match[2] ?? '').padEnd(2, '0'));
}

function countryOf(value: string): string | undefined {
  const upper = value.trim().toUpperCase();
  if (/^[A-Z]{2}$/.test(upper)) return isCountryCode(upper) ? upper : undefined;
  const folded = foldText(value);
  return placeNames.countries.get(folded) ?? placeNames.countries.get(folded.replace(/[-'’]/g, ' '));
}

// ——— The file, read ———

export interface ImportLine {
  line: number;
  cells: Partial<Record<ImportField, string>>;
}

/** What a line does (or would do), or why it is refused. */
export interface LineOutcome {
  line: number;
  label: string;
  status: 'refused' | 'unchanged' | 'changed';
  /** The reason of a refusal, or the changes (« création du partenariat », « ajout du projet « X » »). */
  details: string[];
}

export interface AtlasImport {
  id: string;
  fileName: string;
  preview: LineOutcome[];
  report: LineOutcome[] | null;
  createdAt: Date;
  appliedAt: Date | null;
}

/** Reads the file's table into lines of cells by field; a missing required column refuses the file. */
export async function readImportFile(data: Buffer): Promise<Result<ImportLine[]>> {
  let table: Awaited<ReturnType<typeof readTable>>;
  try {
    table = await readTable(data);
  } catch (error) {
    if (error instanceof SheetError) return fail(400, 'invalid_file', error.message);
    throw error;
  }
  const columns = table.headers.map((h) => headerAliases[headerKey(h)]);
  const missing = requiredFields.filter((f) => !columns.includes(f));
  if (missing.length)
    return fail(
      400,
      'invalid_file',
      m.importMissingColumns({ columns: missing.map((f) => importHeaders[f]) }),
    );
  if (table.rows.length > 5000) return fail(400, 'invalid_file', m.importTooLong());
  const lines: ImportLine[] = [];
  for (const [index, record] of table.rows.entries()) {
    const cells: ImportLine['cells'] = {};
    columns.forEach((field, i) => {
      const value = record[i]?.trim();
      // A column named twice keeps its first non-empty cell.
      if (field && value && !cells[field]) cells[field] = value;
    });
    if (Object.keys(cells).length) lines.push({ line: table.lines[index + 1] ?? index + 2, cells });
  }
  if (lines.length === 0) return fail(400, 'invalid_file', m.importEmpty());
  return ok(lines);
}

// ——— Planning: what each line does ———

interface Org {
  /** Its id, or a placeholder (`reference:…`, `new:…`) for an organisation the import will create. */
  id: string;
  name: string;
}

/** An organisation the import creates, by placeholder: from the official reference, or a foreign partner. */
type ToCreate = { entry: ReferenceEntry } | { name: string; country: string };
type Creation = ToCreate & { line: number };

/** A partnership as the file makes it, line after line. */
interface Planned {
  id: string | null;
  before: Snapshot | null;
  after: Snapshot;
  archived: boolean;
  /** The first line accepted for it (0 while none is): a new partnership is created by it. */
  firstLine: number;
  /** The first line that gave each partnership field, to refuse a later line that says otherwise. */
  given: Partial<Record<'kind' | 'since' | 'status', { value: unknown; line: number }>>;
  /** Projects of the file (title folded and start year) → the line that gave them. */
  projectLines: Map<string, number>;
}

class LineError extends Error {
  readonly reason: Message;
  constructor(reason: Message) {
    super(reason.text);
    this.reason = reason;
  }
}
const refuse = (reason: Message): never => {
  throw new LineError(reason);
};

let communeBySiren: Map<string, string> | undefined;
/** A commune's INSEE code from its SIREN (the official reference's own list: its lookup is by INSEE code). */
function communeCodeOf(siren: string): string | undefined {
  if (!communeBySiren) {
    const require = createRequire(import.meta.url);
    const communes = require('@etalab/decoupage-administratif/data/communes.json') as {
      code: string;
      siren?: string;
      type: string;
    }[];
    communeBySiren = new Map(
      communes.filter((c) => c.siren && c.type === 'commune-actuelle').map((c) => [c.siren!, c.code]),
    );
  }
  return communeBySiren.get(siren);
}

/** « département 11 », « région 11 »: the kind of a code that names two local governments. */
const prefixKinds: Record<string, string[]> = {
  commune: ['commune', 'com'],
  epci: ['epci'],
  departement: ['departement'],
  dep: ['departement'],
  dept: ['departement'],
  region: ['region'],
  reg: ['region'],
};

type LineValues = ReturnType<Planner['read']>;

/**
 * Plans a file's lines against the database, reading only: what each line does, and the partnerships,
 * organisations and partners' régions as the accepted lines make them. `write` then makes it so. A refused
 * line leaves no trace in the plan: it changes nothing.
 */
class Planner {
  private readonly french = new Map<string, Org>();
  private readonly partners = new Map<string, Org & { region: string | null }>();
  private readonly plans = new Map<string, Planned>();
  /** What is to be created, by placeholder, and from which line: filled by accepted lines only. */
  private readonly creations = new Map<string, Creation>();
  private readonly pendingCreations = new Map<string, ToCreate>();
  /** Partners' régions to record (partner id or placeholder → région). */
  private readonly places = new Map<string, string>();

  private readonly executor: Executor;

  constructor(executor: Executor) {
    this.executor = executor;
  }

  async line({ line, cells }: ImportLine): Promise<LineOutcome> {
    const label = [
      cells.french,
      cells.partner && `${cells.partner}${cells.country ? ` (${cells.country})` : ''}`,
      cells.project && `${cells.project}${cells.startYear ? ` (${cells.startYear})` : ''}`,
    ]
      .filter(Boolean)
      .join(' — ');
    try {
      const values = this.read(cells);
      const frenchOrgs: Org[] = [];
      for (const token of values.french) frenchOrgs.push(await this.frenchOf(token));
      const partner = await this.partnerOf(values.partnerName, values.country);
      const plan = await this.planOf(frenchOrgs, partner.id);
      if (plan.archived) refuse(m.lineArchived());
      for (const field of ['kind', 'since', 'status'] as const) {
        const first = plan.given[field];
        if (values[field] !== undefined && first && first.value !== values[field])
          refuse(m.lineContradicts({ column: importHeaders[field], line: first.line }));
      }
      const projectKey = values.project && `${foldText(values.project.title)}|${values.project.startYear}`;
      const sameProject = projectKey ? plan.projectLines.get(projectKey) : undefined;
      if (sameProject !== undefined) refuse(m.lineSameProject({ line: sameProject }));
      return { line, label, ...this.accept(line, values, frenchOrgs, partner, plan, projectKey) };
    } catch (error) {
      if (!(error instanceof LineError)) throw error;
      return { line, label, status: 'refused', details: [error.message] };
    }
  }

  /** The line is valid: it now changes the plan. */
  private accept(
    line: number,
    values: LineValues,
    frenchOrgs: Org[],
    partner: Org & { region: string | null },
    plan: Planned,
    projectKey: string | undefined,
  ): Pick<LineOutcome, 'status' | 'details'> {
    const done: string[] = [];
    for (const id of [...frenchOrgs.map((o) => o.id), partner.id]) {
      const creation = this.pendingCreations.get(id);
      if (!creation || this.creations.has(id)) continue;
      this.creations.set(id, { ...creation, line });
      done.push(
        'entry' in creation
          ? m.doneFrenchCreated({ name: creation.entry.name }).text
          : m.donePartnerCreated({ name: `${creation.name} (${countryName(creation.country)})` }).text,
      );
    }
    if (values.partnerRegion && values.partnerRegion !== partner.region) {
      partner.region = values.partnerRegion;
      this.places.set(partner.id, values.partnerRegion);
      done.push(m.donePartnerPlace({ region: values.partnerRegion }).text);
    }
    const previous = structuredClone(plan.after);
    const after = plan.after;
    for (const field of ['kind', 'since', 'status'] as const)
      if (values[field] !== undefined) plan.given[field] ??= { value: values[field], line };
    if (values.kind) after.kind = values.kind;
    if (values.since !== undefined) after.since = values.since;
    if (values.status) after.status = values.status;
    // An import adds themes, never removes one: removing is a decision taken on the partnership's page.
    after.themes = [...new Set([...after.themes, ...values.themes])];
    if (plan.firstLine === 0) {
      plan.firstLine = line;
      if (plan.id === null) done.push(m.donePartnershipCreated().text);
    }
    if (plan.id !== null || plan.firstLine !== line) {
      const fields: string[] = [];
      if (previous.kind !== after.kind) fields.push('type');
      if (previous.since !== after.since) fields.push('depuis');
      if (previous.status !== after.status) fields.push('statut');
      if (!sameList(previous.themes, after.themes)) fields.push('thèmes');
      if (fields.length) done.push(m.donePartnershipChanged({ fields }).text);
    }
    if (values.project && projectKey) {
      plan.projectLines.set(projectKey, line);
      this.project(after, values.project, values.themes, done);
    }
    return done.length
      ? { status: 'changed', details: done }
      : { status: 'unchanged', details: [m.upToDate().text] };
  }

  /** Every cell of the line, read and checked before anything is looked up. */
  read(cells: ImportLine['cells']) {
    const french = list(cells.french);
    if (french.length === 0) refuse(m.lineFrenchMissing());
    const partnerName = (cells.partner ?? '').replace(/\s+/g, ' ').trim();
    if (!partnerName) refuse(m.linePartnerMissing());
    if (!cells.country) refuse(m.lineCountryMissing());
    const country = countryOf(cells.country!) ?? refuse(m.lineCountryUnknown({ value: cells.country! }));
    if (country === 'FR') refuse(m.lineCountryFrance());
    const kind = cells.kind
      ? (kindWords[normalise(cells.kind)] ?? refuse(m.lineKind({ value: cells.kind })))
      : undefined;
    const status = cells.status
      ? (statusWords[normalise(cells.status)] ?? refuse(m.lineStatus({ value: cells.status })))
      : undefined;
    const year = (field: 'since' | 'startYear' | 'endYear') => {
      const cell = cells[field];
      if (!cell) return undefined;
      return yearOf(cell) ?? refuse(m.lineYear({ column: importHeaders[field], value: cell }));
    };
    const since = year('since');
    const themeCodes = [
      ...new Set(
        list(cells.themes).map((t) => themeWords.get(normalise(t)) ?? refuse(m.lineTheme({ value: t }))),
      ),
    ];
    const startYear = year('startYear');
    const endYear = year('endYear');
    const budgetCents = cells.amount
      ? (centsOf(cells.amount) ?? refuse(m.lineAmount({ value: cells.amount })))
      : undefined;
    const coFunders = cells.coFunders === undefined ? undefined : list(cells.coFunders);
    let project: ProjectCells | undefined;
    const title = cells.project?.replace(/\s+/g, ' ').trim();
    if (title) {
      if (startYear === undefined) refuse(m.lineProjectWithoutStart());
      if (endYear !== undefined && endYear < startYear!) refuse(m.lineYearsOrder());
      project = {
        title,
        startYear: startYear!,
        ...(endYear !== undefined ? { endYear } : {}),
        ...(budgetCents !== undefined ? { budgetCents } : {}),
        ...(coFunders !== undefined ? { coFunders } : {}),
      };
      const parsed = parseProject({ ...project, themes: themeCodes });
      if (!parsed.ok)
        refuse(
          m.lineInvalid({
            reason: Object.values(parsed.error.fields ?? {}).join(' ') || parsed.error.message,
          }),
        );
    } else if (
      startYear !== undefined ||
      endYear !== undefined ||
      budgetCents !== undefined ||
      coFunders?.length
    ) {
      refuse(m.lineProjectWithoutTitle());
    }
    return {
      french,
      partnerName,
      country,
      partnerRegion: cells.partnerRegion?.replace(/\s+/g, ' ').trim() || undefined,
      kind,
      since,
      status,
      themes: themeCodes,
      project,
    };
  }

  /** A French local government by SIREN or INSEE code: the platform's, or one to make from the reference. */
  private async frenchOf(token: string): Promise<Org> {
    const known = this.french.get(token);
    if (known) return known;
    const prefix = /^(\p{L}+)\.?\s+(.+)$/u.exec(token);
    const kinds = prefix ? prefixKinds[normalise(prefix[1]!)] : undefined;
    if (prefix && !kinds) refuse(m.lineFrenchCode({ value: token }));
    const code = (kinds ? prefix![2]! : token).replace(/\s+/g, '').toUpperCase();
    const isSiren = /^\d{9}$/.test(code);
    if (!isSiren && !/^[0-9][0-9AB]\d{0,3}$/.test(code)) refuse(m.lineFrenchCode({ value: token }));
    const candidates =
      kinds ??
      (isSiren
        ? [...frenchLocalGovernmentKinds]
        : code.length === 5
          ? ['commune', 'com']
          : ['departement', 'region', 'com']);
    // Through the organisations module's own search (SIREN or INSEE code typed), kept to exact codes and kinds.
    const matching = (await pageOfOrganisations(this.executor, matchingName(code), 1, 25)).items.filter(
      (o) => (isSiren ? o.siren === code : o.inseeCode === code) && candidates.includes(o.kind),
    );
    const found = matching.filter((o) => !o.archivedAt);
    if (found.length > 1) refuse(m.lineFrenchAmbiguous({ value: code, names: found.map((f) => f.name) }));
    // An archived one is not made again from the reference (createOrganisation would refuse the duplicate).
    if (found.length === 0 && matching[0]) refuse(m.lineFrenchArchived({ name: matching[0].name }));
    let org: Org | undefined = found[0] && { id: found[0].id, name: found[0].name };
    if (!org) {
      const entries: ReferenceEntry[] = [];
      if (isSiren) {
        const epci = findReferenceEntry('epci', code);
        const commune = communeCodeOf(code);
        if (epci) entries.push(epci);
        const entry =
          commune && (findReferenceEntry('commune', commune) ?? findReferenceEntry('com', commune));
        if (entry) entries.push(entry);
      } else {
        for (const kind of candidates) {
          const entry = findReferenceEntry(kind, code);
          if (entry) entries.push(entry);
        }
      }
      if (entries.length === 0) refuse(m.lineFrenchUnknown({ value: code }));
      if (entries.length > 1)
        refuse(m.lineFrenchAmbiguous({ value: code, names: entries.map((e) => e.label) }));
      const entry = entries[0]!;
      org = { id: `reference:${entry.kind}:${entry.inseeCode}`, name: entry.name };
      this.pendingCreations.set(org.id, { entry });
    }
    this.french.set(token, org);
    return org;
  }

  /** The foreign local government named so in that country (accents and case aside), or one to create. */
  private async partnerOf(name: string, country: string) {
    const key = `${country}|${foldText(name)}`;
    const known = this.partners.get(key);
    if (known) return known;
    const folded = foldText(name);
    const inCountry = (
      await pageOfOrganisations(this.executor, and(matchingName(name), notArchived()), 1, 500)
    ).items.filter((o) => o.country === country);
    const matches = inCountry.filter((o) => foldText(o.name) === folded);
    const foreign = matches.find((o) => o.kind === 'foreign_local_government');
    if (!foreign && matches.length) refuse(m.linePartnerNotForeign({ name }));
    let partner: Org & { region: string | null };
    if (foreign) {
      const [place] = await this.executor
        .select({ region: partnerPlaces.region })
        .from(partnerPlaces)
        .where(eq(partnerPlaces.organisationId, foreign.id));
      partner = { id: foreign.id, name: foreign.name, region: place?.region ?? null };
    } else {
      partner = { id: `new:${key}`, name, region: null };
      this.pendingCreations.set(partner.id, { name, country });
    }
    this.partners.set(key, partner);
    return partner;
  }

  /** The partnership of these French local governments with this partner: found, or to be created. */
  private async planOf(french: Org[], partnerId: string): Promise<Planned> {
    const ids = [...new Set(french.map((o) => o.id))];
    const key = `${partnerId}|${[...ids].sort().join(',')}`;
    const known = this.plans.get(key);
    if (known) return known;
    let plan: Planned | undefined;
    if (!this.pendingCreations.has(partnerId) && ids.every((id) => !this.pendingCreations.has(id))) {
      const rows = await this.executor
        .select({
          id: partnerships.id,
          archivedAt: partnerships.archivedAt,
          sides: sql<string[]>`array_agg(${partnershipSides.organisationId}::text)`,
        })
        .from(partnerships)
        .innerJoin(partnershipSides, eq(partnershipSides.partnershipId, partnerships.id))
        .where(eq(partnerships.partnerOrganisationId, partnerId))
        .groupBy(partnerships.id)
        // The one in the atlas rather than an archived one, when both have the same sides.
        .orderBy(sql`${partnerships.archivedAt} is not null`, desc(partnerships.updatedAt));
      const same = rows.find((r) => r.sides.length === ids.length && ids.every((id) => r.sides.includes(id)));
      if (same) {
        const before = await snapshotOf(this.executor, same.id);
        plan = {
          id: same.id,
          before,
          after: structuredClone(before),
          archived: same.archivedAt !== null,
          firstLine: 0,
          given: {},
          projectLines: new Map(),
        };
      }
    }
    plan ??= {
      id: null,
      before: null,
      after: {
        frenchOrganisationIds: ids,
        partnerOrganisationId: partnerId,
        kind: 'decentralised_cooperation',
        since: null,
        status: 'active',
        themes: [],
        description: null,
        agreementReference: null,
        agreementOn: null,
        contactIds: [],
        projects: [],
      },
      archived: false,
      firstLine: 0,
      given: {},
      projectLines: new Map(),
    };
    this.plans.set(key, plan);
    return plan;
  }

  /** Adds the line's project, or changes the one of the same title and start year with what the line gives. */
  private project(after: Snapshot, project: ProjectCells, themeCodes: string[], done: string[]) {
    const title = foldText(project.title);
    const existing = after.projects.find(
      (p) => foldText(p.title) === title && p.startYear === project.startYear,
    );
    if (!existing) {
      after.projects.push({
        title: project.title,
        startYear: project.startYear,
        ...(project.endYear !== undefined ? { endYear: project.endYear } : {}),
        ...(project.budgetCents !== undefined ? { budgetCents: project.budgetCents } : {}),
        currency: 'EUR',
        coFunders: project.coFunders ?? [],
        themes: themeCodes,
      });
      done.push(m.doneProjectAdded({ title: project.title }).text);
      return;
    }
    const fields: string[] = [];
    if (existing.title !== project.title) {
      existing.title = project.title;
      fields.push('titre');
    }
    if (project.endYear !== undefined && existing.endYear !== project.endYear) {
      existing.endYear = project.endYear;
      fields.push('année de fin');
    }
    if (
      project.budgetCents !== undefined &&
      (existing.budgetCents !== project.budgetCents || existing.currency !== 'EUR')
    ) {
      existing.budgetCents = project.budgetCents;
      existing.currency = 'EUR';
      fields.push('montant');
    }
    if (project.coFunders !== undefined && !sameList(existing.coFunders ?? [], project.coFunders)) {
      existing.coFunders = project.coFunders;
      fields.push('cofinanceurs');
    }
    if (themeCodes.length && !sameList(existing.themes ?? [], themeCodes)) {
      existing.themes = themeCodes;
      fields.push('thèmes');
    }
    if (fields.length) done.push(m.doneProjectChanged({ title: project.title, fields }).text);
  }

  /**
   * Makes the plan so, in the caller's transaction: the organisations to create, the partners' régions, then
   * each partnership the file changes, once (a version each). Throws `WriteFailed` when a write is refused.
   */
  async write(actorId: string) {
    const ids = new Map<string, string>();
    const real = (id: string) => ids.get(id) ?? id;
    for (const [placeholder, creation] of this.creations) {
      const input =
        'entry' in creation
          ? {
              name: creation.entry.name,
              kind: creation.entry.kind,
              inseeCode: creation.entry.inseeCode,
              ...(creation.entry.siren ? { siren: creation.entry.siren } : {}),
            }
          : { name: creation.name, kind: 'foreign_local_government', country: creation.country };
      const created = await createOrganisation(this.executor, input, actorId);
      if (!created.ok) throw new WriteFailed(creation.line, created.error.message);
      ids.set(placeholder, created.value.id);
    }
    const placed: string[] = [];
    for (const [partnerId, region] of this.places) {
      await setPartnerPlace(this.executor, real(partnerId), region);
      placed.push(real(partnerId));
    }
    const written: string[] = [];
    for (const plan of this.plans.values()) {
      if (plan.firstLine === 0) continue;
      if (plan.before && canonical(plan.before) === canonical(plan.after)) continue;
      const snapshot = {
        ...plan.after,
        frenchOrganisationIds: plan.after.frenchOrganisationIds.map(real),
        partnerOrganisationId: real(plan.after.partnerOrganisationId),
      };
      const result = await applySnapshot(this.executor, plan.id, snapshot, actorId, 'import');
      if (!result.ok) throw new WriteFailed(plan.firstLine, result.error.message);
      written.push(result.value.id);
    }
    // A partner's région is in the search document of its partnerships: those not rewritten are reindexed.
    if (placed.length) {
      const others = await this.executor
        .select({ id: partnerships.id })
        .from(partnerships)
        .where(inArray(partnerships.partnerOrganisationId, placed));
      await reindex(
        this.executor,
        others.map((r) => r.id).filter((id) => !written.includes(id)),
      );
    }
    return { partnerships: written.length, organisations: ids.size };
  }
}

interface ProjectCells {
  title: string;
  startYear: number;
  endYear?: number;
  budgetCents?: number;
  coFunders?: string[];
}

class WriteFailed extends Error {
  readonly line: number;
  readonly reason: string;
  constructor(line: number, reason: string) {
    super(reason);
    this.line = line;
    this.reason = reason;
  }
}

const sameList = (a: readonly string[], b: readonly string[]) =>
  a.length === b.length && a.every((v, i) => v === b[i]);

/** A snapshot as compared: its keys in order, whatever order they were set in. */
const canonical = (snapshot: Snapshot) =>
  JSON.stringify(snapshot, (_, value) =>
    value && typeof value === 'object' && !Array.isArray(value)
      ? Object.fromEntries(Object.entries(value).sort(([a], [b]) => a.localeCompare(b)))
      : value,
  );

/** Plans every line in order: the outcomes, and the planner holding what the accepted lines make. */
async function plan(executor: Executor, lines: ImportLine[]) {
  const planner = new Planner(executor);
  const outcomes: LineOutcome[] = [];
  for (const line of lines) outcomes.push(await planner.line(line));
  return { planner, outcomes };
}

// ——— The use cases ———

/** Reads a file into a preview kept in the database; nothing else is written. */
export async function prepareAtlasImport(
  executor: Executor,
  fileName: string,
  data: Buffer,
  actorId: string,
): Promise<Result<AtlasImport>> {
  const lines = await readImportFile(data);
  if (!lines.ok) return lines;
  const { outcomes } = await plan(executor, lines.value);
  const [saved] = await executor
    .insert(atlasImports)
    .values({ fileName: fileName.slice(0, 200), lines: lines.value, preview: outcomes, createdBy: actorId })
    .returning();
  return ok(toImport(saved!));
}

const toImport = (row: typeof atlasImports.$inferSelect): AtlasImport => ({
  id: row.id,
  fileName: row.fileName,
  preview: row.preview as LineOutcome[],
  report: (row.report as LineOutcome[] | null) ?? null,
  createdAt: row.createdAt,
  appliedAt: row.appliedAt,
});

export async function getAtlasImport(executor: Executor, id: string): Promise<AtlasImport | undefined> {
  const [row] = await executor.select().from(atlasImports).where(eq(atlasImports.id, id));
  return row ? toImport(row) : undefined;
}

/**
 * Applies an import once, in one transaction: the lines are planned again against the data of now (a line
 * valid at the preview may have become « déjà à jour », or refused), then each partnership the file changes
 * is written once. A write that fails undoes the whole import.
 */
export async function applyAtlasImport(
  executor: Executor,
  id: string,
  actorId: string,
): Promise<Result<AtlasImport>> {
  try {
    return await executor.transaction(async (tx) => {
      const [claimed] = await tx
        .update(atlasImports)
        .set({ appliedAt: sql`now()` })
        .where(and(eq(atlasImports.id, id), isNull(atlasImports.appliedAt)))
        .returning();
      if (!claimed) {
        const known = await tx
          .select({ id: atlasImports.id })
          .from(atlasImports)
          .where(eq(atlasImports.id, id));
        return known.length
          ? fail(409, 'already_applied', m.importAlreadyApplied())
          : fail(404, 'not_found', m.importNotFound());
      }
      const { planner, outcomes } = await plan(tx, claimed.lines as ImportLine[]);
      const written = await planner.write(actorId);
      const [saved] = await tx
        .update(atlasImports)
        .set({ report: outcomes })
        .where(eq(atlasImports.id, id))
        .returning();
      await audit(tx, {
        actorId,
        action: 'apply',
        entity: 'atlas_import',
        entityId: id,
        data: { ...written, lines: outcomes.length },
      });
      return ok(toImport(saved!));
    });
  } catch (error) {
    if (error instanceof WriteFailed)
      return fail(422, 'import_failed', m.importFailed({ line: error.line, reason: error.reason }));
    throw error;
  }
}

/** Previews of the last 30 days neither applied nor abandoned: what the import page lists. */
export async function listPendingAtlasImports(executor: Executor, at = new Date()) {
  const rows = await executor
    .select()
    .from(atlasImports)
    .where(
      and(
        isNull(atlasImports.appliedAt),
        gt(atlasImports.createdAt, new Date(at.getTime() - 30 * 86_400_000)),
      ),
    )
    .orderBy(desc(atlasImports.createdAt));
  return rows.map((row) => {
    const preview = row.preview as LineOutcome[];
    return {
      id: row.id,
      fileName: row.fileName,
      createdAt: row.createdAt,
      lines: preview.length,
      refused: preview.filter((l) => l.status === 'refused').length,
    };
  });
}

/** Abandons an import not applied: its preview is deleted. */
export async function abandonAtlasImport(
  executor: Executor,
  id: string,
  actorId: string,
): Promise<Result<null>> {
  const [row] = await executor.select().from(atlasImports).where(eq(atlasImports.id, id)).for('update');
  if (!row) return fail(404, 'not_found', m.importNotFound());
  if (row.appliedAt) return fail(409, 'already_applied', m.importCannotAbandon());
  await executor.delete(atlasImports).where(eq(atlasImports.id, id));
  await audit(executor, { actorId, action: 'abandon', entity: 'atlas_import', entityId: id });
  return ok(null);
}
