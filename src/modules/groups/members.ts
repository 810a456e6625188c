// Member organisations of a group and the people who follow it (they receive its invitations and news).
import { and, asc, count, eq, inArray } from 'drizzle-orm';
import { audit } from '../../platform/db/audit.ts';
import type { Executor } from '../../platform/db/client.ts';
import { fail, ok, type Result } from '../../platform/result.ts';
import { getOrganisation, getOrganisationsByIds, type Organisation } from '../organisations/organisations.ts';
import { getPerson } from '../organisations/people.ts';
import { groupsMessages as m } from './groups.messages.ts';
import { groupFollowers, groupMembers } from './groups.schema.ts';
import { getGroup } from './groups.ts';

/** Makes an organisation a member of the group (409 if it is one already). */
export async function addMember(
  executor: Executor,
  groupId: string,
  organisationId: string,
  actorId: string | null,
): Promise<Result<true>> {
  if (!(await getGroup(executor, groupId))) return fail(404, 'not_found', m.groupNotFound());
  if (!(await getOrganisation(executor, organisationId)))
    return fail(404, 'not_found', m.organisationNotFound());
  const added = await executor
    .insert(groupMembers)
    .values({ groupId, organisationId, addedBy: actorId })
    .onConflictDoNothing()
    .returning({ groupId: groupMembers.groupId });
  if (added.length === 0) return fail(409, 'already_member', m.alreadyMember());
  await audit(executor, {
    actorId,
    action: 'add_member',
    entity: 'group',
    entityId: groupId,
    data: { organisationId },
  });
  return ok(true);
}

export async function removeMember(
  executor: Executor,
  groupId: string,
  organisationId: string,
  actorId: string | null,
): Promise<Result<true>> {
  const removed = await executor
    .delete(groupMembers)
    .where(and(eq(groupMembers.groupId, groupId), eq(groupMembers.organisationId, organisationId)))
    .returning({ groupId: groupMembers.groupId });
  if (removed.length === 0) return fail(404, 'not_member', m.notMember());
  await audit(executor, {
    actorId,
    action: 'remove_member',
    entity: 'group',
    entityId: groupId,
    data: { organisationId },
  });
  return ok(true);
}

/** The member organisations of a group, in French order of their names. */
export async function membersOf(executor: Executor, groupId: string): Promise<Organisation[]> {
  const rows = await executor
    .select({ organisationId: groupMembers.organisationId })
    .from(groupMembers)
    .where(eq(groupMembers.groupId, groupId));
  const organisations = await getOrganisationsByIds(
    executor,
    rows.map((r) => r.organisationId),
  );
  return organisations.sort((a, b) => a.name.localeCompare(b.name, 'fr') || a.id.localeCompare(b.id));
}

/** The person follows the group (following it again changes nothing). Returns whether it is new. */
export async function follow(
  executor: Executor,
  groupId: string,
  personId: string,
  actorId: string | null,
): Promise<Result<{ added: boolean }>> {
  if (!(await getGroup(executor, groupId))) return fail(404, 'not_found', m.groupNotFound());
  if (!(await getPerson(executor, personId))) return fail(404, 'not_found', m.personNotFound());
  const added = await executor
    .insert(groupFollowers)
    .values({ groupId, personId, addedBy: actorId })
    .onConflictDoNothing()
    .returning({ groupId: groupFollowers.groupId });
  if (added.length)
    await audit(executor, {
      actorId,
      action: 'follow',
      entity: 'group',
      entityId: groupId,
      data: { personId },
    });
  return ok({ added: added.length > 0 });
}

/** The person stops following the group (not following it is no error: the result is the same). */
export async function unfollow(
  executor: Executor,
  groupId: string,
  personId: string,
  actorId: string | null,
): Promise<Result<true>> {
  if (!(await getGroup(executor, groupId))) return fail(404, 'not_found', m.groupNotFound());
  const removed = await executor
    .delete(groupFollowers)
    .where(and(eq(groupFollowers.groupId, groupId), eq(groupFollowers.personId, personId)))
    .returning({ groupId: groupFollowers.groupId });
  if (removed.length)
    await audit(executor, {
      actorId,
      action: 'unfollow',
      entity: 'group',
      entityId: groupId,
      data: { personId },
    });
  return ok(true);
}

export async function followerIds(executor: Executor, groupIds: string[]): Promise<string[]> {
  if (groupIds.length === 0) return [];
  const rows = await executor
    .select({ personId: groupFollowers.personId })
    .from(groupFollowers)
    .where(inArray(groupFollowers.groupId, groupIds))
    .orderBy(asc(groupFollowers.createdAt));
  return [...new Set(rows.map((r) => r.personId))];
}

export async function followersCount(executor: Executor, groupId: string): Promise<number> {
  const [row] = await executor
    .select({ n: count() })
    .from(groupFollowers)
    .where(eq(groupFollowers.groupId, groupId));
  return row?.n ?? 0;
}

/** The groups a person follows. */
export async function followedBy(executor: Executor, personId: string): Promise<string[]> {
  const rows = await executor
    .select({ groupId: groupFollowers.groupId })
    .from(groupFollowers)
    .where(eq(groupFollowers.personId, personId));
  return rows.map((r) => r.groupId);
}

/** The groups an organisation is a member of. */
export async function groupsOfOrganisation(executor: Executor, organisationId: string): Promise<string[]> {
  const rows = await executor
    .select({ groupId: groupMembers.groupId })
    .from(groupMembers)
    .where(eq(groupMembers.organisationId, organisationId));
  return rows.map((r) => r.groupId);
}

/** Is the person in one of these groups: a follower, or of a member organisation? */
export async function belongsTo(
  executor: Executor,
  groupIds: string[],
  person: { id: string; organisationId: string | null },
): Promise<boolean> {
  if (groupIds.length === 0) return false;
  const [followed, member] = await Promise.all([
    executor
      .select({ groupId: groupFollowers.groupId })
      .from(groupFollowers)
      .where(and(inArray(groupFollowers.groupId, groupIds), eq(groupFollowers.personId, person.id)))
      .limit(1),
    person.organisationId
      ? executor
          .select({ groupId: groupMembers.groupId })
          .from(groupMembers)
          .where(
            and(
              inArray(groupMembers.groupId, groupIds),
              eq(groupMembers.organisationId, person.organisationId),
            ),
          )
          .limit(1)
      : [],
  ]);
  return followed.length > 0 || member.length > 0;
}

/** The member organisations of these groups (their ids). */
export async function memberIdsOf(executor: Executor, groupIds: string[]): Promise<string[]> {
  if (groupIds.length === 0) return [];
  const rows = await executor
    .select({ organisationId: groupMembers.organisationId })
    .from(groupMembers)
    .where(inArray(groupMembers.groupId, groupIds));
  return [...new Set(rows.map((r) => r.organisationId))];
}
