// The groups' part of what happens to a person (organisations/person-hooks.ts): merging two records of one
// person, what the merge's preview counts, the person's copy of their data, and erasure.
import { count, eq, sql } from 'drizzle-orm';
import type { Executor } from '../../platform/db/client.ts';
import { defineMessages } from '../../platform/messages.ts';
import type { PersonHolding } from '../organisations/person-hooks.ts';
import {
  groupChairs,
  groupDocuments,
  groupFollowers,
  groupInvitations,
  groupMembers,
} from './groups.schema.ts';
import { getGroupsByIds, groupTitle } from './groups.ts';

const m = defineMessages('groups', {
  heldFollowing: 'Groupes suivis',
  heldChairs: 'Présidences de groupes',
  exportTitle: 'Groupes',
});

/**
 * The record kept gets the other's followings and invitations (where both hold one for the same group or
 * meeting, the kept record's stays), its chair terms, and what it did (added, invited, uploaded).
 */
export async function mergeGroupsPerson(executor: Executor, fromId: string, intoId: string): Promise<void> {
  await executor.execute(sql`
    insert into ${groupFollowers} (group_id, person_id, added_by, created_at)
    select group_id, ${intoId}, added_by, created_at from ${groupFollowers} where person_id = ${fromId}
    on conflict do nothing`);
  await executor.delete(groupFollowers).where(eq(groupFollowers.personId, fromId));
  await executor.execute(sql`
    insert into ${groupInvitations} (event_id, person_id, invited_by, invited_at, reminded_at)
    select event_id, ${intoId}, invited_by, invited_at, reminded_at from ${groupInvitations} where person_id = ${fromId}
    on conflict do nothing`);
  await executor.delete(groupInvitations).where(eq(groupInvitations.personId, fromId));
  await executor.update(groupChairs).set({ personId: intoId }).where(eq(groupChairs.personId, fromId));
  await executor.update(groupFollowers).set({ addedBy: intoId }).where(eq(groupFollowers.addedBy, fromId));
  await executor.update(groupMembers).set({ addedBy: intoId }).where(eq(groupMembers.addedBy, fromId));
  await executor
    .update(groupInvitations)
    .set({ invitedBy: intoId })
    .where(eq(groupInvitations.invitedBy, fromId));
  await executor
    .update(groupDocuments)
    .set({ uploadedBy: intoId })
    .where(eq(groupDocuments.uploadedBy, fromId));
}

export async function groupsHeldBy(executor: Executor, personId: string): Promise<PersonHolding[]> {
  const [[following], [chairs]] = await Promise.all([
    executor.select({ n: count() }).from(groupFollowers).where(eq(groupFollowers.personId, personId)),
    executor.select({ n: count() }).from(groupChairs).where(eq(groupChairs.personId, personId)),
  ]);
  return [
    { key: 'groups.following', label: m.heldFollowing().text, count: following?.n ?? 0 },
    { key: 'groups.chairs', label: m.heldChairs().text, count: chairs?.n ?? 0 },
  ];
}

/** The groups the person follows, the ones they chaired, the meetings they were invited to. */
export async function exportedGroupsData(executor: Executor, personId: string) {
  const [following, chairs, invitations] = await Promise.all([
    executor.select().from(groupFollowers).where(eq(groupFollowers.personId, personId)),
    executor.select().from(groupChairs).where(eq(groupChairs.personId, personId)),
    executor.select().from(groupInvitations).where(eq(groupInvitations.personId, personId)),
  ]);
  if (following.length + chairs.length + invitations.length === 0) return undefined;
  const named = new Map(
    (
      await getGroupsByIds(executor, [...following.map((f) => f.groupId), ...chairs.map((c) => c.groupId)])
    ).map((g) => [g.id, groupTitle(g)]),
  );
  return {
    title: m.exportTitle().text,
    data: {
      suivis: following.map((f) => ({ groupe: named.get(f.groupId), depuis: f.createdAt.toISOString() })),
      presidences: chairs.map((c) => ({ groupe: named.get(c.groupId), du: c.startsOn, au: c.endsOn })),
      invitations: invitations.map((i) => ({
        evenement: i.eventId,
        le: i.invitedAt.toISOString(),
        rappel: i.remindedAt?.toISOString() ?? null,
      })),
    },
  };
}

/**
 * Erasure: followings and invitations go. Chair terms stay: chairing a group is a public office held by an
 * élu, part of the network's history (as the newsletters that name them); they say who, not more.
 */
export async function eraseGroupsData(executor: Executor, personId: string): Promise<void> {
  await executor.delete(groupFollowers).where(eq(groupFollowers.personId, personId));
  await executor.delete(groupInvitations).where(eq(groupInvitations.personId, personId));
  for (const [table, column] of [
    [groupFollowers, groupFollowers.addedBy],
    [groupMembers, groupMembers.addedBy],
  ] as const)
    await executor.update(table).set({ addedBy: null }).where(eq(column, personId));
  await executor
    .update(groupInvitations)
    .set({ invitedBy: null })
    .where(eq(groupInvitations.invitedBy, personId));
  await executor
    .update(groupDocuments)
    .set({ uploadedBy: null })
    .where(eq(groupDocuments.uploadedBy, personId));
}
