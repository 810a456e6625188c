// Organisations: French local governments (from the official reference), foreign local governments,
// institutions.
import { and, asc, count, eq, inArray, isNotNull, isNull, or, type SQL, sql } from 'drizzle-orm';
import { z } from 'zod';
import { audit } from '../../platform/db/audit.ts';
import type { Executor } from '../../platform/db/client.ts';
import { containsWords, foldedWords } from '../../platform/db/fold.ts';
import { type Paged, paginate } from '../../platform/pagination.ts';
import { fail, ok, type Result } from '../../platform/result.ts';
import { fieldErrors, optional, text } from '../../platform/validation.ts';
import { type OrganisationKind, organisationKinds } from './kinds.ts';
import { inGoodStanding, membersInGoodStanding } from './memberships.ts';
import { organisationsMessages as m } from './organisations.messages.ts';
import { organisations } from './organisations.schema.ts';
import { findReferenceEntry } from './reference.ts';

export type Organisation = typeof organisations.$inferSelect;

export const organisationKindLabels: Record<OrganisationKind, string> = {
  commune: 'Commune',
  epci: 'Intercommunalité (EPCI)',
  departement: 'Département',
  region: 'Région',
  com: 'Collectivité d’outre-mer',
  foreign_local_government: 'Collectivité étrangère',
  institution: 'Institution',
};

const referenceKinds = ['commune', 'epci', 'departement', 'region', 'com'] as const;

/** A French local government: its name and codes come from the official reference, not from staff. */
export const isFromReference = (kind: OrganisationKind) =>
  (referenceKinds as readonly string[]).includes(kind);

export const organisationInput = z
  .object({
    name: text(200),
    kind: z.enum(organisationKinds, { error: m.unknownKind().text }),
    siren: optional(z.string().regex(/^\d{9}$/, m.sirenFormat().text)),
    inseeCode: optional(z.string().regex(/^[0-9][0-9AB][0-9]{0,7}$/, m.inseeFormat().text)),
    country: optional(
      z
        .string()
        .regex(/^[A-Za-z]{2}$/, m.countryFormat().text)
        .transform((c) => c.toUpperCase()),
    ),
  })
  .superRefine((value, ctx) => {
    if (value.kind === 'foreign_local_government' && (!value.country || value.country === 'FR')) {
      ctx.addIssue({ code: 'custom', path: ['country'], message: m.countryRequired().text });
    }
    if ((referenceKinds as readonly string[]).includes(value.kind) && !value.inseeCode && !value.siren) {
      ctx.addIssue({ code: 'custom', path: ['inseeCode'], message: m.referenceRequired().text });
    }
  });
export type OrganisationInput = z.input<typeof organisationInput>;

/**
 * Creates an organisation. A French local government is completed from the official reference:
 * the codes given must exist there, and the name, région and département come from it.
 */
export async function createOrganisation(
  executor: Executor,
  input: unknown,
  actorId: string | null,
): Promise<Result<Organisation>> {
  const parsed = organisationInput.safeParse(input);
  if (!parsed.success) {
    return fail(400, 'invalid', m.invalid(), fieldErrors(parsed.error));
  }
  const value = parsed.data;
  let values: typeof organisations.$inferInsert = {
    name: value.name,
    kind: value.kind,
    siren: value.siren ?? null,
    inseeCode: value.inseeCode ?? null,
    country: value.country ?? 'FR',
  };
  if ((referenceKinds as readonly string[]).includes(value.kind)) {
    const code = value.kind === 'epci' ? (value.inseeCode ?? value.siren) : value.inseeCode;
    const entry = code ? findReferenceEntry(value.kind, code) : undefined;
    if (!entry) {
      return fail(422, 'unknown_reference', m.notInReference(), {
        inseeCode: m.noSuchCodeInReference().text,
      });
    }
    if (value.siren && entry.siren && value.siren !== entry.siren) {
      return fail(422, 'unknown_reference', m.sirenMismatch(), {
        siren: m.sirenOf({ name: entry.name, siren: entry.siren }).text,
      });
    }
    values = {
      ...values,
      name: entry.name,
      inseeCode: entry.inseeCode,
      siren: entry.siren ?? value.siren ?? null,
      country: 'FR',
      regionCode: entry.regionCode,
      departementCode: entry.departementCode,
    };
  }
  const duplicate = await executor
    .select({ id: organisations.id, name: organisations.name })
    .from(organisations)
    .where(
      or(
        values.siren ? eq(organisations.siren, values.siren) : sql`false`,
        values.inseeCode
          ? and(eq(organisations.kind, values.kind), eq(organisations.inseeCode, values.inseeCode))
          : sql`false`,
      ),
    )
    .limit(1);
  if (duplicate[0]) {
    return fail(409, 'conflict', m.organisationExists({ name: duplicate[0].name }));
  }
  const [created] = await executor.insert(organisations).values(values).returning();
  await audit(executor, {
    actorId,
    action: 'create',
    entity: 'organisation',
    entityId: created!.id,
    data: values,
  });
  return ok(created!);
}

export async function getOrganisation(executor: Executor, id: string): Promise<Organisation | undefined> {
  const [row] = await executor.select().from(organisations).where(eq(organisations.id, id));
  return row;
}

export async function getOrganisationsByIds(executor: Executor, ids: string[]): Promise<Organisation[]> {
  if (ids.length === 0) return [];
  return executor.select().from(organisations).where(inArray(organisations.id, ids));
}

export const organisationFilters = z.object({
  q: optional(z.string().trim().max(200)),
  kind: optional(z.enum(organisationKinds, { error: m.unknownKind().text })),
  region: optional(z.string().regex(/^\d{2,3}$/, m.regionFormat().text)),
  member: optional(z.enum(['true', 'false'], { error: m.trueOrFalse().text })),
  /** Archived organisations are left out unless asked for (`true`: only them). */
  archived: optional(z.enum(['true', 'false'], { error: m.trueOrFalse().text })),
  page: optional(z.coerce.number().int().min(1).max(100_000)),
});
export type OrganisationFilters = z.infer<typeof organisationFilters>;

export const pageSize = 25;

/**
 * Organisations whose name holds every word typed, whatever the accents, case and hyphens (« saint etienne »
 * finds « Saint-Étienne »), or whose SIREN or INSEE code is exactly what was typed.
 */
export function matchingName(q: string): SQL {
  const code = q.trim();
  return or(
    containsWords(organisations.name, foldedWords(q)),
    eq(organisations.siren, code),
    eq(organisations.inseeCode, code),
  )!;
}

/** Archived organisations leave lists and pickers: this keeps the others. */
export const notArchived = (): SQL => isNull(organisations.archivedAt);

/** The SQL condition of the list's filters (the page is not one). */
export function organisationConditions(filters: OrganisationFilters, at = new Date()): SQL | undefined {
  const conditions: SQL[] = [];
  if (filters.q) conditions.push(matchingName(filters.q));
  if (filters.kind) conditions.push(eq(organisations.kind, filters.kind));
  if (filters.region) conditions.push(eq(organisations.regionCode, filters.region));
  conditions.push(filters.archived === 'true' ? isNotNull(organisations.archivedAt) : notArchived());
  const activeThisYear = inGoodStanding(organisations.id, at);
  if (filters.member === 'true') conditions.push(activeThisYear);
  if (filters.member === 'false') conditions.push(sql`not ${activeThisYear}`);
  return and(...conditions);
}

/** A page of the organisations a condition keeps, by name, and how many it keeps in all. */
export function pageOfOrganisations(
  executor: Executor,
  where: SQL | undefined,
  page: number,
  size: number,
): Promise<Paged<Organisation>> {
  return paginate(
    page,
    size,
    ({ limit, offset }) =>
      executor
        .select()
        .from(organisations)
        .where(where)
        .orderBy(asc(sql`lower(${organisations.name})`), asc(organisations.id))
        .limit(limit)
        .offset(offset),
    async () => (await executor.select({ total: count() }).from(organisations).where(where))[0]?.total ?? 0,
  );
}

/** A page of organisations (alphabetical), with the honest count of all those the filters keep. */
export async function listOrganisations(
  executor: Executor,
  filters: OrganisationFilters,
  at = new Date(),
): Promise<Paged<Organisation & { memberThisYear: boolean }>> {
  const where = organisationConditions(filters, at);
  const paged = await pageOfOrganisations(executor, where, filters.page ?? 1, pageSize);
  // Asked separately: in a one-table select, drizzle writes the select list's columns unqualified, which
  // would turn the subquery of inGoodStanding into a comparison of memberships with itself.
  const members = await membersInGoodStanding(
    executor,
    paged.items.map((o) => o.id),
    at,
  );
  return { ...paged, items: paged.items.map((o) => ({ ...o, memberThisYear: members.has(o.id) })) };
}
