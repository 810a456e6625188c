// Partnerships and their projects: created and changed by staff, by an accepted contribution or by an
// import; every change leaves a version (who, when, what) from which the history and the diffs are read.
import { and, asc, desc, eq, inArray, sql } from 'drizzle-orm';
import { z } from 'zod';
import { audit } from '../../platform/db/audit.ts';
import type { Executor } from '../../platform/db/client.ts';
import { fail, ok, type Result } from '../../platform/result.ts';
import { fieldErrors, isoDate, optional, text, uuid } from '../../platform/validation.ts';
import { personCards } from '../organisations/directory.ts';
import { frenchLocalGovernmentKinds } from '../organisations/kinds.ts';
import { getOrganisationsByIds } from '../organisations/organisations.ts';
import { atlasMessages as m } from './atlas.messages.ts';
import {
  type PartnershipKind,
  type PartnershipStatus,
  partnerPlaces,
  partnershipContacts,
  partnershipKinds,
  partnershipProjects,
  partnershipSides,
  partnershipStatuses,
  partnerships,
  partnershipVersions,
} from './atlas.schema.ts';
import { reindex } from './search.ts';
import { isTheme } from './themes.ts';

export type Partnership = typeof partnerships.$inferSelect;
export type Project = typeof partnershipProjects.$inferSelect;
export type VersionSource = 'staff' | 'contribution' | 'import';

export const partnershipKindLabels: Record<PartnershipKind, string> = {
  twinning: 'Jumelage',
  decentralised_cooperation: 'Coopération décentralisée',
  friendship_pact: 'Pacte d’amitié',
  memorandum: 'Protocole d’accord',
  other: 'Autre',
};

export const partnershipStatusLabels: Record<PartnershipStatus, string> = {
  active: 'Actif',
  dormant: 'En sommeil',
  ended: 'Terminé',
};

const year = z.coerce.number({ error: 'Année attendue.' }).int('Année attendue.').min(1900).max(2200);
const themeList = z.array(
  z
    .string()
    .refine(isTheme, { error: (issue) => m.themeExpected({ code: String(issue.input).slice(0, 40) }).text }),
);
const names = z.array(z.string().trim().min(1).max(120)).max(20);

export const partnershipInput = z.object({
  frenchOrganisationIds: z
    .array(uuid)
    .min(1, m.frenchSideRequired().text)
    .max(20, m.tooManyFrenchSides().text),
  partnerOrganisationId: uuid,
  kind: z.enum(partnershipKinds, { error: m.kindExpected().text }),
  since: optional(year),
  status: z.enum(partnershipStatuses, { error: m.statusExpected().text }),
  themes: themeList.max(14),
  description: optional(z.string().trim().max(20_000)),
  agreementReference: optional(z.string().trim().max(200)),
  agreementOn: optional(isoDate),
  contactIds: optional(z.array(uuid).max(10)),
});
export type PartnershipInput = z.infer<typeof partnershipInput>;

export const projectInput = z
  .object({
    title: text(300),
    startYear: year,
    endYear: optional(year),
    budgetCents: optional(
      z.coerce
        .number({ error: m.budgetExpected().text })
        .int(m.budgetExpected().text)
        .min(0, m.budgetExpected().text)
        .max(1e13),
    ),
    currency: optional(
      z
        .string()
        .trim()
        .toUpperCase()
        .regex(/^[A-Z]{3}$/, m.currencyExpected().text),
    ),
    coFunders: optional(names),
    themes: optional(themeList.max(14)),
    description: optional(z.string().trim().max(20_000)),
    place: optional(z.string().trim().max(300)),
  })
  .refine((p) => p.endYear === undefined || p.endYear >= p.startYear, {
    path: ['endYear'],
    error: m.yearsOrder().text,
  });
export type ProjectInput = z.infer<typeof projectInput>;

/** A partnership as a version keeps it and as a contribution proposes it (projects included). */
export interface Snapshot {
  frenchOrganisationIds: string[];
  partnerOrganisationId: string;
  kind: PartnershipKind;
  since: number | null;
  status: PartnershipStatus;
  themes: string[];
  description: string | null;
  agreementReference: string | null;
  agreementOn: string | null;
  contactIds: string[];
  projects: (ProjectInput & { id?: string })[];
}

/** The French side must be French local governments, the partner a foreign one: French sentences otherwise. */
async function checkSides(executor: Executor, input: PartnershipInput): Promise<Result<null>> {
  const ids = [...new Set([...input.frenchOrganisationIds, input.partnerOrganisationId])];
  const rows = await getOrganisationsByIds(executor, ids);
  const byId = new Map(rows.map((r) => [r.id, r]));
  if (rows.length !== ids.length) return fail(422, 'organisation_unknown', m.organisationUnknown());
  for (const id of input.frenchOrganisationIds) {
    const o = byId.get(id)!;
    if (!frenchLocalGovernmentKinds.includes(o.kind))
      return fail(422, 'not_french_local_government', m.frenchSideNotLocalGovernment({ name: o.name }));
  }
  const partner = byId.get(input.partnerOrganisationId)!;
  if (partner.kind !== 'foreign_local_government')
    return fail(422, 'partner_not_foreign', m.partnerNotForeign({ name: partner.name }));
  if (input.contactIds?.length) {
    const wanted = [...new Set(input.contactIds)];
    if ((await personCards(executor, wanted)).size !== wanted.length)
      return fail(422, 'contact_unknown', m.contactUnknown());
  }
  return ok(null);
}

export function parsePartnership(input: unknown): Result<PartnershipInput> {
  const parsed = partnershipInput.safeParse(input);
  if (!parsed.success) return fail(400, 'invalid', m.invalid(), fieldErrors(parsed.error));
  return ok(parsed.data);
}

export function parseProject(input: unknown): Result<ProjectInput> {
  const parsed = projectInput.safeParse(input);
  if (!parsed.success) return fail(400, 'invalid', m.invalid(), fieldErrors(parsed.error));
  return ok(parsed.data);
}

const row = (input: PartnershipInput) => ({
  partnerOrganisationId: input.partnerOrganisationId,
  kind: input.kind,
  since: input.since ?? null,
  status: input.status,
  themes: [...new Set(input.themes)],
  description: input.description ?? null,
  agreementReference: input.agreementReference ?? null,
  agreementOn: input.agreementOn ?? null,
});

const projectRow = (partnershipId: string, p: ProjectInput) => ({
  partnershipId,
  title: p.title,
  startYear: p.startYear,
  endYear: p.endYear ?? null,
  budgetCents: p.budgetCents ?? null,
  currency: p.currency ?? 'EUR',
  coFunders: [...new Set(p.coFunders ?? [])],
  themes: [...new Set(p.themes ?? [])],
  description: p.description ?? null,
  place: p.place ?? null,
});

async function writeSides(executor: Executor, id: string, input: PartnershipInput) {
  await executor.delete(partnershipSides).where(eq(partnershipSides.partnershipId, id));
  await executor.insert(partnershipSides).values(
    [...new Set(input.frenchOrganisationIds)].map((organisationId, position) => ({
      partnershipId: id,
      organisationId,
      position,
    })),
  );
  if (input.contactIds === undefined) return;
  await executor.delete(partnershipContacts).where(eq(partnershipContacts.partnershipId, id));
  const contacts = [...new Set(input.contactIds)];
  if (contacts.length)
    await executor
      .insert(partnershipContacts)
      .values(contacts.map((personId) => ({ partnershipId: id, personId })));
}

/** Records the partnership's state after a change, and refreshes its search document and facets. */
export async function recordVersion(
  executor: Executor,
  id: string,
  actorId: string | null,
  source: VersionSource,
) {
  await reindex(executor, [id]);
  const snapshot = await snapshotOf(executor, id);
  await executor
    .insert(partnershipVersions)
    .values({ partnershipId: id, snapshot, changedBy: actorId, source });
}

export async function createPartnership(
  executor: Executor,
  input: unknown,
  actorId: string | null,
  source: VersionSource = 'staff',
): Promise<Result<Partnership>> {
  const parsed = parsePartnership(input);
  if (!parsed.ok) return parsed;
  const checked = await checkSides(executor, parsed.value);
  if (!checked.ok) return checked;
  const [created] = await executor.insert(partnerships).values(row(parsed.value)).returning();
  await writeSides(executor, created!.id, { contactIds: [], ...parsed.value });
  await recordVersion(executor, created!.id, actorId, source);
  await audit(executor, {
    actorId,
    action: 'create',
    entity: 'partnership',
    entityId: created!.id,
    data: { source },
  });
  return ok(created!);
}

/** Replaces what the form or the proposal gives (the projects are changed one by one, or by `applySnapshot`). */
export async function updatePartnership(
  executor: Executor,
  id: string,
  input: unknown,
  actorId: string | null,
  source: VersionSource = 'staff',
): Promise<Result<Partnership>> {
  if (!(await getPartnership(executor, id))) return fail(404, 'not_found', m.partnershipNotFound());
  const parsed = parsePartnership(input);
  if (!parsed.ok) return parsed;
  const checked = await checkSides(executor, parsed.value);
  if (!checked.ok) return checked;
  const [updated] = await executor
    .update(partnerships)
    .set({ ...row(parsed.value), updatedAt: sql`now()` })
    .where(eq(partnerships.id, id))
    .returning();
  await writeSides(executor, id, parsed.value);
  await recordVersion(executor, id, actorId, source);
  await audit(executor, { actorId, action: 'update', entity: 'partnership', entityId: id, data: { source } });
  return ok(updated!);
}

export async function setArchived(
  executor: Executor,
  id: string,
  archived: boolean,
  actorId: string | null,
): Promise<Result<Partnership>> {
  const [updated] = await executor
    .update(partnerships)
    .set({ archivedAt: archived ? sql`now()` : null, updatedAt: sql`now()` })
    .where(eq(partnerships.id, id))
    .returning();
  if (!updated) return fail(404, 'not_found', m.partnershipNotFound());
  await audit(executor, {
    actorId,
    action: archived ? 'archive' : 'restore',
    entity: 'partnership',
    entityId: id,
  });
  return ok(updated);
}

export async function addProject(
  executor: Executor,
  partnershipId: string,
  input: unknown,
  actorId: string | null,
  source: VersionSource = 'staff',
): Promise<Result<Project>> {
  if (!(await getPartnership(executor, partnershipId)))
    return fail(404, 'not_found', m.partnershipNotFound());
  const parsed = parseProject(input);
  if (!parsed.ok) return parsed;
  const [project] = await executor
    .insert(partnershipProjects)
    .values(projectRow(partnershipId, parsed.value))
    .returning();
  await touch(executor, partnershipId);
  await recordVersion(executor, partnershipId, actorId, source);
  await audit(executor, { actorId, action: 'create', entity: 'partnership_project', entityId: project!.id });
  return ok(project!);
}

export async function updateProject(
  executor: Executor,
  partnershipId: string,
  projectId: string,
  input: unknown,
  actorId: string | null,
): Promise<Result<Project>> {
  const parsed = parseProject(input);
  if (!parsed.ok) return parsed;
  const [project] = await executor
    .update(partnershipProjects)
    .set(projectRow(partnershipId, parsed.value))
    .where(and(eq(partnershipProjects.id, projectId), eq(partnershipProjects.partnershipId, partnershipId)))
    .returning();
  if (!project) return fail(404, 'not_found', m.projectNotFound());
  await touch(executor, partnershipId);
  await recordVersion(executor, partnershipId, actorId, 'staff');
  await audit(executor, { actorId, action: 'update', entity: 'partnership_project', entityId: projectId });
  return ok(project);
}

export async function deleteProject(
  executor: Executor,
  partnershipId: string,
  projectId: string,
  actorId: string | null,
): Promise<Result<null>> {
  const [gone] = await executor
    .delete(partnershipProjects)
    .where(and(eq(partnershipProjects.id, projectId), eq(partnershipProjects.partnershipId, partnershipId)))
    .returning({ id: partnershipProjects.id });
  if (!gone) return fail(404, 'not_found', m.projectNotFound());
  await touch(executor, partnershipId);
  await recordVersion(executor, partnershipId, actorId, 'staff');
  await audit(executor, { actorId, action: 'delete', entity: 'partnership_project', entityId: projectId });
  return ok(null);
}

const touch = (executor: Executor, id: string) =>
  executor.update(partnerships).set({ updatedAt: sql`now()` }).where(eq(partnerships.id, id));

/**
 * Makes a partnership what a snapshot says (an accepted contribution, a line of an import): the fields, the
 * sides, and the projects — kept by id, added without one, removed when left out.
 */
export async function applySnapshot(
  executor: Executor,
  id: string | null,
  snapshot: Snapshot,
  actorId: string | null,
  source: VersionSource,
): Promise<Result<Partnership>> {
  const { projects, ...fields } = snapshot;
  const parsedProjects: (ProjectInput & { id?: string })[] = [];
  for (const project of projects) {
    const parsed = parseProject(project);
    if (!parsed.ok) return parsed;
    parsedProjects.push({ ...parsed.value, ...(project.id ? { id: project.id } : {}) });
  }
  const input = Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== null));
  const parsed = parsePartnership(input);
  if (!parsed.ok) return parsed;
  const checked = await checkSides(executor, parsed.value);
  if (!checked.ok) return checked;
  let partnership: Partnership | undefined;
  if (id) {
    [partnership] = await executor
      .update(partnerships)
      .set({ ...row(parsed.value), updatedAt: sql`now()` })
      .where(eq(partnerships.id, id))
      .returning();
    if (!partnership) return fail(404, 'not_found', m.partnershipNotFound());
  } else {
    [partnership] = await executor.insert(partnerships).values(row(parsed.value)).returning();
  }
  const pid = partnership!.id;
  await writeSides(executor, pid, parsed.value);
  const existing = await executor
    .select({ id: partnershipProjects.id })
    .from(partnershipProjects)
    .where(eq(partnershipProjects.partnershipId, pid));
  const kept = new Set(parsedProjects.flatMap((p) => (p.id ? [p.id] : [])));
  const removed = existing.filter((p) => !kept.has(p.id)).map((p) => p.id);
  if (removed.length)
    await executor.delete(partnershipProjects).where(inArray(partnershipProjects.id, removed));
  for (const { id: projectId, ...project } of parsedProjects) {
    if (projectId && existing.some((p) => p.id === projectId))
      await executor
        .update(partnershipProjects)
        .set(projectRow(pid, project))
        .where(eq(partnershipProjects.id, projectId));
    else await executor.insert(partnershipProjects).values(projectRow(pid, project));
  }
  await recordVersion(executor, pid, actorId, source);
  await audit(executor, {
    actorId,
    action: id ? 'update' : 'create',
    entity: 'partnership',
    entityId: pid,
    data: { source },
  });
  return ok(partnership!);
}

export async function getPartnership(executor: Executor, id: string): Promise<Partnership | undefined> {
  const [found] = await executor.select().from(partnerships).where(eq(partnerships.id, id));
  return found;
}

/** The partnership's current state as a snapshot (projects by start year then title). */
export async function snapshotOf(executor: Executor, id: string): Promise<Snapshot> {
  const [p] = await executor.select().from(partnerships).where(eq(partnerships.id, id));
  if (!p) throw new Error(`partenariat ${id} introuvable`);
  // One after the other: it runs inside the writes' transactions, where a client takes one query at a time.
  const sides = await executor
    .select({ id: partnershipSides.organisationId })
    .from(partnershipSides)
    .where(eq(partnershipSides.partnershipId, id))
    .orderBy(asc(partnershipSides.position));
  const contacts = await executor
    .select({ id: partnershipContacts.personId })
    .from(partnershipContacts)
    .where(eq(partnershipContacts.partnershipId, id))
    .orderBy(asc(partnershipContacts.personId));
  const projects = await executor
    .select()
    .from(partnershipProjects)
    .where(eq(partnershipProjects.partnershipId, id))
    .orderBy(asc(partnershipProjects.startYear), asc(partnershipProjects.title));
  return {
    frenchOrganisationIds: sides.map((s) => s.id),
    partnerOrganisationId: p.partnerOrganisationId,
    kind: p.kind,
    since: p.since,
    status: p.status,
    themes: p.themes,
    description: p.description,
    agreementReference: p.agreementReference,
    agreementOn: p.agreementOn,
    contactIds: contacts.map((c) => c.id),
    projects: projects.map((pr) => ({
      id: pr.id,
      title: pr.title,
      startYear: pr.startYear,
      ...(pr.endYear !== null ? { endYear: pr.endYear } : {}),
      ...(pr.budgetCents !== null ? { budgetCents: pr.budgetCents } : {}),
      currency: pr.currency,
      coFunders: pr.coFunders,
      themes: pr.themes,
      ...(pr.description !== null ? { description: pr.description } : {}),
      ...(pr.place !== null ? { place: pr.place } : {}),
    })),
  };
}

/** A partnership's versions, the latest first, with who made them. */
export async function versionsOf(executor: Executor, id: string) {
  const rows = await executor
    .select()
    .from(partnershipVersions)
    .where(eq(partnershipVersions.partnershipId, id))
    .orderBy(desc(partnershipVersions.seq));
  const authors = await personCards(executor, [
    ...new Set(rows.flatMap((r) => (r.changedBy ? [r.changedBy] : []))),
  ]);
  return rows.map((r) => {
    const author = r.changedBy ? authors.get(r.changedBy) : undefined;
    return {
      id: r.id,
      snapshot: r.snapshot as Snapshot,
      source: r.source as VersionSource,
      changedAt: r.changedAt,
      firstName: author?.firstName ?? null,
      lastName: author?.lastName ?? null,
    };
  });
}

/** Records where a foreign local government is (province, prefecture…), or forgets it with an empty text. */
export async function setPartnerPlace(executor: Executor, organisationId: string, region: string) {
  const value = region.trim();
  if (!value) {
    await executor.delete(partnerPlaces).where(eq(partnerPlaces.organisationId, organisationId));
    return;
  }
  await executor
    .insert(partnerPlaces)
    .values({ organisationId, region: value })
    .onConflictDoUpdate({ target: partnerPlaces.organisationId, set: { region: value } });
}
