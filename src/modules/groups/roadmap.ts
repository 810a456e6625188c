// A group's roadmap: its items (« préparer les Assises franco-marocaines »), with a due date, a status, the
// meeting or event it leads to and the organisation that carries it. Visible to the group's members.
import { and, asc, eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import { audit } from '../../platform/db/audit.ts';
import type { Executor } from '../../platform/db/client.ts';
import { fail, ok, type Result } from '../../platform/result.ts';
import { fieldErrors, isoDate, optional, text, uuid } from '../../platform/validation.ts';
import { getEvent } from '../events/events.ts';
import { getOrganisation } from '../organisations/organisations.ts';
import { groupsMessages as m } from './groups.messages.ts';
import { type RoadmapStatus, roadmapItems, roadmapStatuses } from './groups.schema.ts';
import { getGroup } from './groups.ts';

export type RoadmapItem = typeof roadmapItems.$inferSelect;

export const roadmapStatusLabels: Record<RoadmapStatus, string> = {
  planned: 'Prévu',
  in_progress: 'En cours',
  done: 'Fait',
  dropped: 'Abandonné',
};

const status = z.enum(roadmapStatuses, { error: m.roadmapStatusExpected().text });

export const roadmapInput = z.object({
  title: text(300),
  dueOn: optional(isoDate),
  status: optional(status),
  eventId: optional(uuid),
  ownerOrganisationId: optional(uuid),
});

/** A form field left empty, or null, clears an optional fact of an item; absent, it is kept. */
const clearable = <T extends z.ZodType>(schema: T) =>
  z.preprocess((v) => (typeof v === 'string' && v.trim() === '' ? null : v), schema.nullable().optional());

/** A change of an item: each field optional, null (or empty) clears the due date, event or organisation. */
export const roadmapPatch = z.object({
  title: text(300).optional(),
  dueOn: clearable(isoDate),
  status: status.optional(),
  eventId: clearable(uuid),
  ownerOrganisationId: clearable(uuid),
});

/** The event and organisation an item names exist (422 in French otherwise). */
async function checkNamed(
  executor: Executor,
  { eventId, ownerOrganisationId }: { eventId?: string | null; ownerOrganisationId?: string | null },
): Promise<Result<true>> {
  if (eventId && !(await getEvent(executor, eventId)))
    return fail(422, 'unknown_event', m.eventNotFound(), { eventId: m.eventNotFound().text });
  if (ownerOrganisationId && !(await getOrganisation(executor, ownerOrganisationId)))
    return fail(422, 'unknown_organisation', m.organisationNotFound(), {
      ownerOrganisationId: m.organisationNotFound().text,
    });
  return ok(true);
}

export async function addRoadmapItem(
  executor: Executor,
  groupId: string,
  input: unknown,
  actorId: string | null,
): Promise<Result<RoadmapItem>> {
  if (!(await getGroup(executor, groupId))) return fail(404, 'not_found', m.groupNotFound());
  const parsed = roadmapInput.safeParse(input);
  if (!parsed.success) return fail(400, 'invalid', m.invalid(), fieldErrors(parsed.error));
  const named = await checkNamed(executor, parsed.data);
  if (!named.ok) return named;
  const [item] = await executor
    .insert(roadmapItems)
    .values({ groupId, ...parsed.data })
    .returning();
  await audit(executor, {
    actorId,
    action: 'add_roadmap_item',
    entity: 'group',
    entityId: groupId,
    data: { itemId: item!.id, title: item!.title },
  });
  return ok(item!);
}

const ofGroup = (groupId: string, itemId: string) =>
  and(eq(roadmapItems.id, itemId), eq(roadmapItems.groupId, groupId));

/** Changes an item of this group's roadmap: the fields given (404 for an item of another group). */
export async function updateRoadmapItem(
  executor: Executor,
  groupId: string,
  itemId: string,
  input: unknown,
  actorId: string | null,
): Promise<Result<RoadmapItem>> {
  const parsed = roadmapPatch.safeParse(input ?? {});
  if (!parsed.success) return fail(400, 'invalid', m.invalid(), fieldErrors(parsed.error));
  const [current] = await executor.select().from(roadmapItems).where(ofGroup(groupId, itemId));
  if (!current) return fail(404, 'not_found', m.roadmapItemNotFound());
  const named = await checkNamed(executor, parsed.data);
  if (!named.ok) return named;
  const change = Object.fromEntries(Object.entries(parsed.data).filter(([, v]) => v !== undefined));
  if (Object.keys(change).length === 0) return ok(current);
  const [item] = await executor.update(roadmapItems).set(change).where(ofGroup(groupId, itemId)).returning();
  await audit(executor, {
    actorId,
    action: 'update_roadmap_item',
    entity: 'group',
    entityId: groupId,
    data: { itemId, ...change },
  });
  return ok(item!);
}

/** Deletes an item of this group's roadmap (404 for an item of another group); the audit keeps its title. */
export async function deleteRoadmapItem(
  executor: Executor,
  groupId: string,
  itemId: string,
  actorId: string | null,
): Promise<Result<true>> {
  const [item] = await executor.delete(roadmapItems).where(ofGroup(groupId, itemId)).returning();
  if (!item) return fail(404, 'not_found', m.roadmapItemNotFound());
  await audit(executor, {
    actorId,
    action: 'delete_roadmap_item',
    entity: 'group',
    entityId: groupId,
    data: { itemId, title: item.title, dueOn: item.dueOn, status: item.status },
  });
  return ok(true);
}

/** The roadmap by due date (items without one last). */
export async function roadmapOf(executor: Executor, groupId: string): Promise<RoadmapItem[]> {
  return executor
    .select()
    .from(roadmapItems)
    .where(eq(roadmapItems.groupId, groupId))
    .orderBy(sql`${roadmapItems.dueOn} asc nulls last`, asc(roadmapItems.createdAt));
}
