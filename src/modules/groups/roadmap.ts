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

export async function addRoadmapItem(
  executor: Executor,
  groupId: string,
  input: unknown,
  actorId: string | null,
): Promise<Result<RoadmapItem>> {
  if (!(await getGroup(executor, groupId))) return fail(404, 'not_found', m.groupNotFound());
  const parsed = roadmapInput.safeParse(input);
  if (!parsed.success) return fail(400, 'invalid', m.invalid(), fieldErrors(parsed.error));
  const { eventId, ownerOrganisationId } = parsed.data;
  if (eventId && !(await getEvent(executor, eventId)))
    return fail(422, 'unknown_event', m.eventNotFound(), { eventId: m.eventNotFound().text });
  if (ownerOrganisationId && !(await getOrganisation(executor, ownerOrganisationId)))
    return fail(422, 'unknown_organisation', m.organisationNotFound(), {
      ownerOrganisationId: m.organisationNotFound().text,
    });
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

/** Moves an item of this group's roadmap to another status (404 for an item of another group). */
export async function setRoadmapStatus(
  executor: Executor,
  groupId: string,
  itemId: string,
  input: unknown,
  actorId: string | null,
): Promise<Result<RoadmapItem>> {
  const parsed = z.object({ status }).safeParse(input);
  if (!parsed.success) return fail(400, 'invalid', m.invalid(), fieldErrors(parsed.error));
  const [item] = await executor
    .update(roadmapItems)
    .set({ status: parsed.data.status })
    .where(and(eq(roadmapItems.id, itemId), eq(roadmapItems.groupId, groupId)))
    .returning();
  if (!item) return fail(404, 'not_found', m.groupNotFound());
  await audit(executor, {
    actorId,
    action: 'roadmap_status',
    entity: 'group',
    entityId: groupId,
    data: { itemId, status: parsed.data.status },
  });
  return ok(item);
}

/** The roadmap by due date (items without one last). */
export async function roadmapOf(executor: Executor, groupId: string): Promise<RoadmapItem[]> {
  return executor
    .select()
    .from(roadmapItems)
    .where(eq(roadmapItems.groupId, groupId))
    .orderBy(sql`${roadmapItems.dueOn} asc nulls last`, asc(roadmapItems.createdAt));
}
