// What the atlas's staff pages do besides partnerships.ts: a new foreign partner typed in the partnership's
// form, archiving several partnerships at once (planned, then confirmed), the countries' introductions and
// the publications' catalogue; and the forms' fields read as the use cases' inputs. Each write is audited.
import { asc, desc, eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import { audit } from '../../platform/db/audit.ts';
import { type Executor, queryRows } from '../../platform/db/client.ts';
import { parseEuros } from '../../platform/money.ts';
import { fail, ok, type Result } from '../../platform/result.ts';
import { fieldErrors, isoDate, optional, text } from '../../platform/validation.ts';
import { frenchLocalGovernmentKinds } from '../organisations/kinds.ts';
import {
  createOrganisation,
  getOrganisationsByIds,
  type Organisation,
  organisationConditions,
  pageOfOrganisations,
} from '../organisations/organisations.ts';
import { atlasMessages as am } from './atlas.messages.ts';
import { type Card, cardsOf } from './atlas.queries.ts';
import { countryDirectories, publicationKinds, publications } from './atlas.schema.ts';
import { type Partnership, setArchived, setPartnerPlace } from './partnerships.ts';
import { countryName, isCountryCode } from './places.ts';
import { staffAtlasMessages as m } from './staff-atlas.messages.ts';

export type Publication = typeof publications.$inferSelect;

/** A form's raw body: a field repeated (boxes, the French side's lists) is a list. */
export type Body = Record<string, unknown>;

/** Every value of a repeated field, as texts (a crafted non-text value reads as an empty one). */
export function listOf(body: Body, name: string): string[] {
  const raw = body[name];
  if (raw === undefined) return [];
  return [raw].flat().map((v) => (typeof v === 'string' ? v : ''));
}

const one = (body: Body, name: string): string => listOf(body, name).at(-1) ?? '';

// ——— The partnership's form ———

export interface PartnershipValues {
  french: string[];
  partnerId: string;
  newPartnerName: string;
  newPartnerCountry: string;
  newPartnerRegion: string;
  kind: string;
  since: string;
  status: string;
  agreementReference: string;
  agreementOn: string;
  themes: string[];
  description: string;
  contactIds: string[];
}

export function partnershipValues(body: Body): PartnershipValues {
  return {
    // The form offers empty lists to add a side: an empty one names nobody.
    french: listOf(body, 'french').filter((id) => id !== ''),
    partnerId: one(body, 'partnerId'),
    newPartnerName: one(body, 'newPartnerName').trim(),
    newPartnerCountry: one(body, 'newPartnerCountry'),
    newPartnerRegion: one(body, 'newPartnerRegion').trim(),
    kind: one(body, 'kind'),
    since: one(body, 'since'),
    status: one(body, 'status'),
    agreementReference: one(body, 'agreementReference'),
    agreementOn: one(body, 'agreementOn'),
    themes: listOf(body, 'themes'),
    description: one(body, 'description'),
    contactIds: listOf(body, 'contactIds'),
  };
}

/** The use case's input from the form, the partner chosen or just created. */
export const partnershipInputOf = (v: PartnershipValues, partnerId: string) => ({
  frenchOrganisationIds: v.french,
  partnerOrganisationId: partnerId,
  kind: v.kind,
  since: v.since,
  status: v.status,
  themes: v.themes,
  description: v.description,
  agreementReference: v.agreementReference,
  agreementOn: v.agreementOn,
  contactIds: v.contactIds,
});

/**
 * The partner of the form: the one chosen, or a foreign local government created from its name, country and
 * region (created in the caller's transaction: undone if the partnership is refused).
 */
export async function partnerOf(
  executor: Executor,
  v: PartnershipValues,
  actorId: string,
): Promise<Result<string>> {
  const typed = v.newPartnerName !== '' || v.newPartnerRegion !== '';
  if (v.partnerId && typed)
    return fail(422, 'partner_twice', m.staffPartnerTwice(), { partnerId: m.staffPartnerTwice().text });
  if (v.partnerId) return ok(v.partnerId);
  if (!typed)
    return fail(422, 'partner_required', m.staffPartnerRequired(), {
      partnerId: m.staffPartnerRequired().text,
    });
  if (!isCountryCode(v.newPartnerCountry) || v.newPartnerCountry === 'FR')
    return fail(422, 'country_expected', m.staffCountryExpected(), {
      newPartnerCountry: m.staffCountryExpected().text,
    });
  const created = await createOrganisation(
    executor,
    { name: v.newPartnerName, kind: 'foreign_local_government', country: v.newPartnerCountry },
    actorId,
  );
  if (!created.ok) {
    const fields = created.error.fields ?? {};
    return fail(created.error.status, created.error.code, created.error.message, {
      ...(fields.name ? { newPartnerName: fields.name } : {}),
      ...(fields.country ? { newPartnerCountry: fields.country } : {}),
      ...(!fields.name && !fields.country ? { newPartnerName: created.error.message } : {}),
    });
  }
  if (v.newPartnerRegion) await setPartnerPlace(executor, created.value.id, v.newPartnerRegion);
  return ok(created.value.id);
}

/** The form's values of a partnership as it is. */
export const valuesOfPartnership = (
  p: Omit<Partnership, 'search' | 'names'>,
  french: string[],
  contactIds: string[],
): PartnershipValues => ({
  french,
  partnerId: p.partnerOrganisationId,
  newPartnerName: '',
  newPartnerCountry: '',
  newPartnerRegion: '',
  kind: p.kind,
  since: p.since === null ? '' : String(p.since),
  status: p.status,
  agreementReference: p.agreementReference ?? '',
  agreementOn: p.agreementOn ?? '',
  themes: p.themes,
  description: p.description ?? '',
  contactIds,
});

// ——— A project's form ———

export interface ProjectValues {
  title: string;
  startYear: string;
  endYear: string;
  budget: string;
  currency: string;
  coFunders: string;
  themes: string[];
  description: string;
  place: string;
}

export function projectValues(body: Body): ProjectValues {
  return {
    title: one(body, 'title'),
    startYear: one(body, 'startYear'),
    endYear: one(body, 'endYear'),
    budget: one(body, 'budget'),
    currency: one(body, 'currency'),
    coFunders: one(body, 'coFunders'),
    themes: listOf(body, 'themes'),
    description: one(body, 'description'),
    place: one(body, 'place'),
  };
}

/** The use case's input: the budget typed in euros « 12 500,50 » as cents, the co-funders split on commas. */
export function projectInputOf(v: ProjectValues): Result<Record<string, unknown>> {
  const budget = v.budget.trim();
  const cents = budget === '' ? undefined : parseEuros(budget);
  if (budget !== '' && cents === undefined)
    return fail(422, 'budget_expected', m.staffBudgetExpected(), { budget: m.staffBudgetExpected().text });
  return ok({
    title: v.title,
    startYear: v.startYear,
    endYear: v.endYear,
    ...(cents !== undefined ? { budgetCents: cents } : {}),
    currency: v.currency,
    coFunders: v.coFunders
      .split(',')
      .map((f) => f.trim())
      .filter(Boolean),
    themes: v.themes,
    description: v.description,
    place: v.place,
  });
}

// ——— Archiving several ———

export interface ArchivePlan {
  archive: boolean;
  /** The partnerships ticked, each with whether it changes (one archived already stays as it is). */
  rows: { id: string; label: string; changes: boolean }[];
}

/** What archiving (or restoring) the ticked partnerships would change, before it is confirmed. */
export async function planArchive(
  executor: Executor,
  ids: string[],
  archive: boolean,
): Promise<Result<ArchivePlan>> {
  if (ids.length === 0) return fail(400, 'nothing_selected', m.staffNothingSelected());
  const unique = [...new Set(ids)];
  const cards = await cardsOf(executor, unique);
  if (cards.length !== unique.length) return fail(404, 'not_found', am.partnershipNotFound());
  const label = (c: Card) => `${c.french.map((s) => s.name).join(', ')} — ${c.partner.name}`;
  return ok({
    archive,
    rows: cards
      .map((c) => ({ id: c.id, label: label(c), changes: (c.archivedAt !== null) !== archive }))
      .sort((a, b) => a.label.localeCompare(b.label, 'fr')),
  });
}

/** Archives (or restores) the partnerships the plan changes; refused when it changes none. */
export async function applyArchivePlan(
  executor: Executor,
  plan: ArchivePlan,
  actorId: string,
): Promise<Result<number>> {
  const changing = plan.rows.filter((r) => r.changes);
  if (changing.length === 0) return fail(409, 'nothing_changes', m.staffNothingChanges());
  for (const row of changing) {
    const done = await setArchived(executor, row.id, plan.archive, actorId);
    if (!done.ok) return done;
  }
  return ok(changing.length);
}

// ——— Countries' directories ———

export interface CountryRow {
  code: string;
  name: string;
  partnerships: number;
  archived: number;
  introduction: boolean;
}

/** Countries with partnerships, or with an introduction already written, by French name. */
export async function directoryCountries(executor: Executor): Promise<CountryRow[]> {
  const rows = await queryRows<{ country: string; n: number; archived: number; intro: boolean }>(
    executor,
    sql`select c.country, coalesce(p.n, 0)::int as n, coalesce(p.archived, 0)::int as archived,
        coalesce(d.introduction <> '', false) as intro
      from (select country from partnerships where country <> '' union select country from country_directories) c
      left join (select country, count(*) filter (where archived_at is null) as n,
          count(*) filter (where archived_at is not null) as archived
        from partnerships group by country) p on p.country = c.country
      left join country_directories d on d.country = c.country`,
  );
  return rows
    .map((r) => ({
      code: r.country,
      name: countryName(r.country),
      partnerships: Number(r.n),
      archived: Number(r.archived),
      introduction: Boolean(r.intro),
    }))
    .sort((a, b) => a.name.localeCompare(b.name, 'fr'));
}

const introductionText = z.string().max(20_000, m.staffIntroductionTooLong().text);

/** Writes a country's introduction (plain paragraphs, separated by an empty line); empty clears it. */
export async function saveIntroduction(
  executor: Executor,
  country: string,
  introduction: string,
  actorId: string,
): Promise<Result<null>> {
  if (!isCountryCode(country) || country === 'FR')
    return fail(404, 'not_found', am.countryNotFound({ code: country }));
  const parsed = introductionText.safeParse(introduction.replace(/\r\n/g, '\n').trim());
  if (!parsed.success)
    return fail(422, 'invalid', am.invalid(), { introduction: m.staffIntroductionTooLong().text });
  await executor
    .insert(countryDirectories)
    .values({ country, introduction: parsed.data, updatedBy: actorId })
    .onConflictDoUpdate({
      target: countryDirectories.country,
      set: { introduction: parsed.data, updatedBy: actorId, updatedAt: sql`now()` },
    });
  await audit(executor, {
    actorId,
    action: 'update',
    entity: 'country_directory',
    entityId: country,
    data: { length: parsed.data.length },
  });
  return ok(null);
}

// ——— Publications ———

const webAddress = z
  .string()
  .trim()
  .max(2000)
  .refine((value) => {
    try {
      return ['https:', 'http:'].includes(new URL(value).protocol);
    } catch {
      return false;
    }
  }, m.staffUrlExpected().text);

export const publicationInput = z.object({
  kind: z.enum(publicationKinds, { error: m.staffPublicationKindExpected().text }),
  title: text(300),
  description: optional(z.string().trim().max(5_000)),
  editedOn: isoDate,
  url: optional(webAddress),
});

export const publicationKindLabels: Record<(typeof publicationKinds)[number], string> = {
  guide: 'Guide',
  brochure: 'Brochure',
  report: 'Rapport',
};

export async function listPublications(executor: Executor): Promise<Publication[]> {
  return executor
    .select()
    .from(publications)
    .orderBy(
      sql`${publications.archivedAt} is not null`,
      desc(publications.editedOn),
      asc(publications.title),
    );
}

export async function getPublication(executor: Executor, id: string): Promise<Publication | undefined> {
  const [row] = await executor.select().from(publications).where(eq(publications.id, id));
  return row;
}

const publicationRow = (v: z.infer<typeof publicationInput>) => ({
  kind: v.kind,
  title: v.title,
  description: v.description ?? null,
  editedOn: v.editedOn,
  url: v.url ?? null,
});

async function sameTitle(executor: Executor, v: z.infer<typeof publicationInput>, except?: string) {
  const rows = await executor
    .select({ id: publications.id })
    .from(publications)
    .where(sql`${publications.title} = ${v.title} and ${publications.editedOn} = ${v.editedOn}`);
  return rows.some((r) => r.id !== except);
}

export async function createPublication(
  executor: Executor,
  input: unknown,
  actorId: string,
): Promise<Result<Publication>> {
  const parsed = publicationInput.safeParse(input);
  if (!parsed.success) return fail(400, 'invalid', am.invalid(), fieldErrors(parsed.error));
  if (await sameTitle(executor, parsed.data))
    return fail(409, 'duplicate', m.staffPublicationTwice(), { title: m.staffPublicationTwice().text });
  const [created] = await executor.insert(publications).values(publicationRow(parsed.data)).returning();
  await audit(executor, { actorId, action: 'create', entity: 'publication', entityId: created!.id });
  return ok(created!);
}

export async function updatePublication(
  executor: Executor,
  id: string,
  input: unknown,
  actorId: string,
): Promise<Result<Publication>> {
  const found = await getPublication(executor, id);
  if (!found) return fail(404, 'not_found', am.publicationNotFound());
  if (found.archivedAt) return fail(409, 'archived', m.staffPublicationArchived());
  const parsed = publicationInput.safeParse(input);
  if (!parsed.success) return fail(400, 'invalid', am.invalid(), fieldErrors(parsed.error));
  if (await sameTitle(executor, parsed.data, id))
    return fail(409, 'duplicate', m.staffPublicationTwice(), { title: m.staffPublicationTwice().text });
  const [updated] = await executor
    .update(publications)
    .set(publicationRow(parsed.data))
    .where(eq(publications.id, id))
    .returning();
  await audit(executor, { actorId, action: 'update', entity: 'publication', entityId: id });
  return ok(updated!);
}

export async function setPublicationArchived(
  executor: Executor,
  id: string,
  archived: boolean,
  actorId: string,
): Promise<Result<Publication>> {
  const [updated] = await executor
    .update(publications)
    .set({ archivedAt: archived ? sql`now()` : null })
    .where(eq(publications.id, id))
    .returning();
  if (!updated) return fail(404, 'not_found', am.publicationNotFound());
  await audit(executor, {
    actorId,
    action: archived ? 'archive' : 'restore',
    entity: 'publication',
    entityId: id,
  });
  return ok(updated);
}

// ——— What the forms choose among ———

/**
 * What the partnership's form chooses among, by name: French local governments (its sides) and foreign
 * ones (its partner), not archived — besides those already chosen, which stay offered.
 */
export async function pickableSides(
  executor: Executor,
  chosenIds: string[],
): Promise<{ french: Organisation[]; foreign: Organisation[] }> {
  const [all, chosen] = await Promise.all([
    pageOfOrganisations(executor, organisationConditions({}), 1, 100_000),
    getOrganisationsByIds(executor, chosenIds),
  ]);
  const byId = new Map(all.items.map((o) => [o.id, o]));
  for (const o of chosen) byId.set(o.id, o);
  const sorted = [...byId.values()].sort(
    (a, b) => a.name.localeCompare(b.name, 'fr') || a.id.localeCompare(b.id),
  );
  return {
    french: sorted.filter((o) => frenchLocalGovernmentKinds.includes(o.kind)),
    foreign: sorted.filter((o) => o.kind === 'foreign_local_government'),
  };
}
