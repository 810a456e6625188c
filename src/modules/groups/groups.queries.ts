// What the groups' pages read: the list by kind with each chair and next meeting, a group's page (public
// view, members' view), « Mes groupes », the staff's page of a group.
import type { Executor } from '../../platform/db/client.ts';
import type { Actor } from '../../platform/http/actor.ts';
import { formatWhen } from '../../platform/time.ts';
import { eventsPolicy } from '../events/events.policy.ts';
import type { Event } from '../events/events.ts';
import { listEvents } from '../events/events.ts';
import type { PersonalBlock } from '../module.ts';
import { getOrganisation } from '../organisations/organisations.ts';
import { type ChairState, chairState, chairsOf } from './chairs.ts';
import { documentsOf } from './documents.ts';
import { groupsPolicy as policy } from './groups.policy.ts';
import { type Group, getGroupsByIds, groupTitle, listGroups } from './groups.ts';
import { meetingsOf } from './meetings.ts';
import { followedBy, followersCount, groupsOfOrganisation, membersOf } from './members.ts';
import { roadmapOf } from './roadmap.ts';

type Viewer = Actor | null;

/** A group's meetings the viewer may see (eventsPolicy.see), split into to come and past. */
async function visibleMeetings(executor: Executor, viewer: Viewer, groupId: string, at: Date) {
  const all = await meetingsOf(executor, groupId);
  const seen: Event[] = [];
  for (const event of all) if (await eventsPolicy.see(executor, viewer, event)) seen.push(event);
  return {
    next: seen.filter((e) => e.endsAt > at && !e.cancelledAt),
    past: seen.filter((e) => e.endsAt <= at).reverse(),
  };
}

export interface GroupSummary {
  group: Group;
  chair: ChairState;
  chairOrganisation: string | null;
  nextMeeting: Event | undefined;
}

async function summary(executor: Executor, viewer: Viewer, group: Group, at: Date): Promise<GroupSummary> {
  const chair = await chairState(executor, await chairsOf(executor, group.id), at);
  const organisationId = chair.state === 'none' ? null : chair.term.organisationId;
  const organisation = organisationId ? await getOrganisation(executor, organisationId) : undefined;
  const { next } = await visibleMeetings(executor, viewer, group.id, at);
  return { group, chair, chairOrganisation: organisation?.name ?? null, nextMeeting: next[0] };
}

/** « Groupes »: every group not archived, by kind, with its chair and its next meeting. */
export async function groupsOverview(executor: Executor, viewer: Viewer, at: Date = new Date()) {
  const groups = await listGroups(executor);
  return Promise.all(groups.map((g) => summary(executor, viewer, g, at)));
}

/** A group's page as the viewer sees it: the public view, and the members' view for its members and staff. */
export async function groupPage(executor: Executor, viewer: Viewer, group: Group, at: Date = new Date()) {
  const [base, chairs, members, meetings, insider] = await Promise.all([
    summary(executor, viewer, group, at),
    chairsOf(executor, group.id),
    membersOf(executor, group.id),
    visibleMeetings(executor, viewer, group.id, at),
    policy.seeMembersView(executor, viewer, group.id),
  ]);
  const following = viewer ? (await followedBy(executor, viewer.personId)).includes(group.id) : false;
  const organisationMember = viewer?.organisationId
    ? (await groupsOfOrganisation(executor, viewer.organisationId)).includes(group.id)
    : false;
  return {
    ...base,
    chairs,
    members,
    meetings,
    documents: await documentsOf(executor, group.id, insider),
    insider,
    roadmap: insider ? await roadmapOf(executor, group.id) : undefined,
    followers: insider ? await followersCount(executor, group.id) : undefined,
    following,
    canJoin: Boolean(viewer?.referent && viewer.organisationId && !organisationMember),
    organisationMember,
  };
}
export type GroupPageData = Awaited<ReturnType<typeof groupPage>>;

/** « Mes groupes »: the groups the person follows and those of their organisation. */
export async function myGroups(executor: Executor, actor: Actor, at: Date = new Date()) {
  const ids = new Set([
    ...(await followedBy(executor, actor.personId)),
    ...(actor.organisationId ? await groupsOfOrganisation(executor, actor.organisationId) : []),
  ]);
  const followed = new Set(await followedBy(executor, actor.personId));
  const groups = (await getGroupsByIds(executor, [...ids]))
    .filter((g) => !g.archivedAt)
    .sort((a, b) => a.name.localeCompare(b.name, 'fr'));
  // Each group's next meeting only: the chair is on the group's page (this list is on every « Mon espace »).
  return Promise.all(
    groups.map(async (group) => ({
      group,
      nextMeeting: (await visibleMeetings(executor, actor, group.id, at)).next[0],
      following: followed.has(group.id),
    })),
  );
}
export type MyGroupRow = Awaited<ReturnType<typeof myGroups>>[number];

/** The block « Mes groupes » of « Mon espace »: each group and its next meeting. */
export async function groupsForPerson(executor: Executor, actor: Actor, at: Date): Promise<PersonalBlock> {
  const rows = await myGroups(executor, actor, at);
  return {
    title: 'Mes groupes',
    items: rows.map((r) => ({
      label: groupTitle(r.group),
      href: `/groupes/${r.group.slug}`,
      ...(r.nextMeeting
        ? { detail: `prochaine réunion ${formatWhen(r.nextMeeting.startsAt, r.nextMeeting.endsAt)}` }
        : {}),
    })),
    more: { label: 'Tous mes groupes', href: '/mes-groupes' },
  };
}

/** The staff's page of a group: everything, and the events to choose a meeting from (the next 200). */
export async function manageGroupPage(executor: Executor, actor: Actor, group: Group, at: Date = new Date()) {
  const page = await groupPage(executor, actor, group, at);
  const upcoming = await listEvents(executor, { from: at }, actor, 200);
  const linked = new Set([...page.meetings.next, ...page.meetings.past].map((e) => e.id));
  return { ...page, choices: upcoming.map((r) => r.event).filter((e) => !linked.has(e.id)) };
}
export type ManageGroupData = Awaited<ReturnType<typeof manageGroupPage>>;
