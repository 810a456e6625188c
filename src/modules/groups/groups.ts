// The network's groups: country groups, thematic dynamics and cross-cutting missions.
import { and, asc, eq, inArray, isNull } from 'drizzle-orm';
import { z } from 'zod';
import { isCountryCode } from '../../platform/countries.ts';
import { audit } from '../../platform/db/audit.ts';
import type { Executor } from '../../platform/db/client.ts';
import { fail, ok, type Result } from '../../platform/result.ts';
import { fieldErrors, optional, text } from '../../platform/validation.ts';
import { groupsMessages as m } from './groups.messages.ts';
import { type GroupKind, type GroupStatus, groupKinds, groupStatuses, groups } from './groups.schema.ts';

export type Group = typeof groups.$inferSelect;

export const groupKindLabels: Record<GroupKind, string> = {
  country: 'Groupe-pays',
  thematic: 'Dynamique thématique',
  mission: 'Mission transversale',
};

/** The headings of « Groupes », in the order the network presents them. */
export const groupKindHeadings: Record<GroupKind, string> = {
  country: 'Groupes-pays',
  thematic: 'Dynamiques thématiques',
  mission: 'Missions transversales',
};

export const groupStatusLabels: Record<GroupStatus, string> = {
  active: 'Actif',
  dormant: 'En sommeil',
};

/** An ISO 3166-1 alpha-2 code the platform's CLDR knows as a region (typed in any case). */
const countryCode = z
  .string()
  .trim()
  .toUpperCase()
  .refine((code) => isCountryCode(code), {
    error: (issue) => m.countryExpected({ code: String(issue.input).slice(0, 10) }).text,
  });

export const groupInput = z.object({
  kind: z.enum(groupKinds, { error: m.kindExpected().text }),
  name: text(200),
  countries: optional(z.array(countryCode).max(30, m.tooManyCountries().text)),
  description: optional(z.string().trim().max(10_000)),
  status: optional(z.enum(groupStatuses, { error: m.statusExpected().text })),
});
export type GroupInput = z.input<typeof groupInput>;

/** « Amérique latine et Caraïbes (DALC) » → « amerique-latine-et-caraibes-dalc ». */
export function slugOf(name: string): string {
  return (
    name
      .normalize('NFD')
      .replace(/\p{M}/gu, '')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 80) || 'groupe'
  );
}

export async function createGroup(
  executor: Executor,
  input: unknown,
  actorId: string | null,
): Promise<Result<Group>> {
  const parsed = groupInput.safeParse(input);
  if (!parsed.success) return fail(400, 'invalid', m.invalid(), fieldErrors(parsed.error));
  const { countries = [], ...value } = parsed.data;
  // The name's slug, then « -2 », « -3 »…: the unique key decides, so two groups of one name created at
  // once get two slugs rather than an error.
  const base = slugOf(value.name);
  let group: Group | undefined;
  for (let n = 1; !group; n++) {
    [group] = await executor
      .insert(groups)
      .values({ ...value, countries: [...new Set(countries)], slug: n === 1 ? base : `${base}-${n}` })
      .onConflictDoNothing({ target: groups.slug })
      .returning();
  }
  await audit(executor, {
    actorId,
    action: 'create',
    entity: 'group',
    entityId: group.id,
    data: { kind: group.kind, name: group.name },
  });
  return ok(group);
}

/** Changes a group (its slug stays: addresses already shared keep working). */
export async function updateGroup(
  executor: Executor,
  id: string,
  input: unknown,
  actorId: string | null,
): Promise<Result<Group>> {
  if (!(await getGroup(executor, id))) return fail(404, 'not_found', m.groupNotFound());
  const parsed = groupInput.safeParse(input);
  if (!parsed.success) return fail(400, 'invalid', m.invalid(), fieldErrors(parsed.error));
  const { countries = [], ...value } = parsed.data;
  const [group] = await executor
    .update(groups)
    .set({
      ...value,
      description: value.description ?? null,
      status: value.status ?? 'active',
      countries: [...new Set(countries)],
    })
    .where(eq(groups.id, id))
    .returning();
  await audit(executor, { actorId, action: 'update', entity: 'group', entityId: id, data: parsed.data });
  return ok(group!);
}

export async function archiveGroup(
  executor: Executor,
  id: string,
  actorId: string | null,
  at: Date = new Date(),
): Promise<Result<Group>> {
  const group = await getGroup(executor, id);
  if (!group) return fail(404, 'not_found', m.groupNotFound());
  if (group.archivedAt) return fail(409, 'already_archived', m.archived());
  const [row] = await executor.update(groups).set({ archivedAt: at }).where(eq(groups.id, id)).returning();
  await audit(executor, { actorId, action: 'archive', entity: 'group', entityId: id });
  return ok(row!);
}

export async function getGroup(executor: Executor, id: string): Promise<Group | undefined> {
  const [row] = await executor.select().from(groups).where(eq(groups.id, id));
  return row;
}

export async function getGroupBySlug(executor: Executor, slug: string): Promise<Group | undefined> {
  const [row] = await executor.select().from(groups).where(eq(groups.slug, slug));
  return row;
}

export async function getGroupsByIds(executor: Executor, ids: string[]): Promise<Group[]> {
  if (ids.length === 0) return [];
  return executor.select().from(groups).where(inArray(groups.id, ids));
}

const kindOrder = new Map(groupKinds.map((k, i) => [k, i]));

/** The groups not archived (of one kind), by kind then name in French order. */
export async function listGroups(executor: Executor, kind?: GroupKind): Promise<Group[]> {
  const rows = await executor
    .select()
    .from(groups)
    .where(and(isNull(groups.archivedAt), kind ? eq(groups.kind, kind) : undefined))
    .orderBy(asc(groups.name));
  return rows.sort(
    (a, b) =>
      kindOrder.get(a.kind)! - kindOrder.get(b.kind)! ||
      a.name.localeCompare(b.name, 'fr') ||
      a.id.localeCompare(b.id),
  );
}

/** « Groupe-pays Japon », « Mission transversale Climat »: a group as pages, mails and the agenda name it. */
export const groupTitle = (group: Pick<Group, 'kind' | 'name'>) =>
  `${groupKindLabels[group.kind]} ${group.name}`;
