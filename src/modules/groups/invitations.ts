// Inviting a group's meeting: its followers and the referents of its member organisations, each person once.
// Staff reads who will receive what first (`planGroupInvitations`), then sends (`sendGroupInvitations`): the
// primary key of `group_invitations` keeps a second press, or two staff pressing together, from inviting
// anyone twice; the mails (with the meeting's .ics and the registration link) are written by a job.
// Seven days before, a reminder goes to the invited people who have not registered (`remindJob`).
import { and, eq, inArray, isNull } from 'drizzle-orm';
import { audit } from '../../platform/db/audit.ts';
import type { Executor } from '../../platform/db/client.ts';
import { enqueue, type JobHandler } from '../../platform/jobs/queue.ts';
import { composeMail, type MailMessage, queueMail } from '../../platform/mail/mail.tsx';
import { fail, ok, type Result } from '../../platform/result.ts';
import { formatWhen } from '../../platform/time.ts';
import { type Event, getEvent, getEventsByIds } from '../events/events.ts';
import { byName } from '../events/invitations.ts';
import { calendarPart } from '../events/itip.ts';
import { type NotificationSettings, whenAndWhere } from '../events/notifications.ts';
import { listRegistrations, liveRegistration } from '../events/registrations.queries.ts';
import { type PersonCard, personCards } from '../organisations/directory.ts';
import { listPeopleOfOrganisation } from '../organisations/people.ts';
import { groupsMessages as m } from './groups.messages.ts';
import { groupInvitations } from './groups.schema.ts';
import { type Group, groupTitle } from './groups.ts';
import { groupsOfEvent } from './meetings.ts';
import { followerIds, memberIdsOf } from './members.ts';

export const invitationJob = 'groups.invitation';
export const reminderJob = 'groups.reminder';
/** How long before a meeting its invited people who have not answered are reminded. */
export const reminderDays = 7;

/** Why a person is invited: they follow the group, or they are the referent of a member organisation. */
export type InvitationReason = 'follower' | 'referent';
export type Invitee = PersonCard & { why: InvitationReason };

export interface GroupInvitationPlan {
  event: Event;
  groups: Group[];
  toInvite: Invitee[];
  alreadyInvited: Invitee[];
  /** People registered already (confirmed or waiting): not invited. */
  alreadyRegistered: Invitee[];
  example: MailMessage | undefined;
}

/** « le groupe-pays Japon », « le groupe-pays Maroc et la mission transversale Climat ». */
const namesOf = (groups: Group[]) => {
  const names = groups.map((g) => `« ${groupTitle(g)} »`);
  return names.length > 1 ? `${names.slice(0, -1).join(', ')} et ${names.at(-1)}` : (names[0] ?? '');
};

/** The followers of the event's groups and the referents of their member organisations, accounts not disabled. */
async function inviteesOf(executor: Executor, groups: Group[]): Promise<Invitee[]> {
  const ids = groups.map((g) => g.id);
  const followers = await followerIds(executor, ids);
  const referents = (
    await Promise.all((await memberIdsOf(executor, ids)).map((o) => listPeopleOfOrganisation(executor, o)))
  )
    .flat()
    .filter((p) => p.referent)
    .map((p) => p.id);
  const cards = await personCards(executor, [...followers, ...referents]);
  const isFollower = new Set(followers);
  return [...cards.values()]
    .filter((c) => !c.disabled)
    .map((c) => ({ ...c, why: isFollower.has(c.id) ? ('follower' as const) : ('referent' as const) }))
    .sort(byName);
}

export function groupInvitationMail(
  event: Event,
  groups: Group[],
  person: Pick<Invitee, 'firstName' | 'email' | 'why'>,
  settings: Pick<NotificationSettings, 'baseUrl'>,
): MailMessage {
  const names = namesOf(groups);
  return {
    to: person.email,
    subject: `Invitation : ${event.title}`,
    greeting: `Bonjour ${person.firstName},`,
    paragraphs: [
      m.invitationIntro({ groups: names, title: event.title }).text,
      whenAndWhere(event),
      m.invitationHowTo().text,
    ],
    action: { label: 'M’inscrire', url: `${settings.baseUrl}/agenda/${event.id}` },
    reason: (person.why === 'follower' ? m.invitationReasonFollower : m.invitationReasonReferent)({
      groups: names,
    }).text,
  };
}

/**
 * Who the invitation to a group's meeting would reach, and the mail: refused for an event that does not
 * exist (404), is no group's meeting, is cancelled or has started (422). Writes nothing.
 */
export async function planGroupInvitations(
  executor: Executor,
  eventId: string,
  settings: Pick<NotificationSettings, 'baseUrl'>,
  at: Date = new Date(),
): Promise<Result<GroupInvitationPlan>> {
  const event = await getEvent(executor, eventId);
  if (!event) return fail(404, 'not_found', m.eventNotFound());
  const groups = await groupsOfEvent(executor, event.id);
  if (groups.length === 0) return fail(422, 'not_group_meeting', m.notGroupMeeting());
  if (event.cancelledAt) return fail(422, 'event_cancelled', m.cancelledNoInvitation());
  if (event.startsAt <= at) return fail(422, 'event_started', m.startedNoInvitation());
  const people = await inviteesOf(executor, groups);
  const invited = people.length
    ? await executor
        .select({ personId: groupInvitations.personId })
        .from(groupInvitations)
        .where(
          and(
            eq(groupInvitations.eventId, event.id),
            inArray(
              groupInvitations.personId,
              people.map((p) => p.id),
            ),
          ),
        )
    : [];
  const done = new Set(invited.map((r) => r.personId));
  const registered = new Set(
    (await listRegistrations(executor, event.id))
      .filter((r) => r.registration.status !== 'cancelled')
      .map((r) => r.person.id),
  );
  const toInvite = people.filter((p) => !done.has(p.id) && !registered.has(p.id));
  const first = toInvite[0];
  return ok({
    event,
    groups,
    toInvite,
    alreadyInvited: people.filter((p) => done.has(p.id)),
    alreadyRegistered: people.filter((p) => !done.has(p.id) && registered.has(p.id)),
    example: first ? groupInvitationMail(event, groups, first, settings) : undefined,
  });
}

/** Invites those the plan names now; returns how many were queued (0 when everyone was invited already). */
export async function sendGroupInvitations(
  executor: Executor,
  eventId: string,
  actorId: string | null,
  settings: Pick<NotificationSettings, 'baseUrl'>,
  at: Date = new Date(),
): Promise<Result<{ queued: number }>> {
  const plan = await planGroupInvitations(executor, eventId, settings, at);
  if (!plan.ok) return plan;
  const { event, toInvite } = plan.value;
  if (toInvite.length === 0) return ok({ queued: 0 });
  // The key decides: whoever inserts a row invites that person; a concurrent press finds it taken.
  const added = await executor
    .insert(groupInvitations)
    .values(toInvite.map((p) => ({ eventId: event.id, personId: p.id, invitedBy: actorId, invitedAt: at })))
    .onConflictDoNothing()
    .returning({ personId: groupInvitations.personId });
  if (added.length === 0) return ok({ queued: 0 });
  const why = new Map(toInvite.map((p) => [p.id, p.why]));
  await enqueue(executor, invitationJob, {
    eventId: event.id,
    invitees: added.map((a) => ({ personId: a.personId, why: why.get(a.personId) })),
  });
  await audit(executor, {
    actorId,
    action: 'invite',
    entity: 'event',
    entityId: event.id,
    data: { groups: plan.value.groups.map((g) => g.id), added: added.length },
  });
  return ok({ queued: added.length });
}

/** The job: one mail per invitee (a dedupe key: a job run twice mails nobody twice), with the .ics. */
export function invitationHandler(db: Executor, settings: NotificationSettings): JobHandler {
  return async (payload) => {
    const event = await getEvent(db, String(payload.eventId));
    if (!event || event.cancelledAt || event.startsAt <= new Date()) return;
    const groups = await groupsOfEvent(db, event.id);
    const invitees = payload.invitees as { personId: string; why: InvitationReason }[];
    const cards = await personCards(
      db,
      invitees.map((i) => i.personId),
    );
    for (const { personId, why } of invitees) {
      const person = cards.get(personId);
      if (!person || person.disabled) continue;
      await queueMail(
        db,
        {
          ...composeMail(groupInvitationMail(event, groups, { ...person, why }, settings)),
          calendar: calendarPart(event, person, 'invited', settings),
        },
        { key: `group-invitation:${event.id}:${person.id}` },
      );
    }
  };
}

/**
 * The reminder, each hour: invitations to meetings that start within 7 days and were not reminded yet; the
 * people still without a live registration are mailed (once: a dedupe key), then every such invitation is
 * marked reminded.
 */
export async function sendReminders(db: Executor, settings: NotificationSettings, at: Date = new Date()) {
  const pending = await db
    .select({ eventId: groupInvitations.eventId, personId: groupInvitations.personId })
    .from(groupInvitations)
    .where(isNull(groupInvitations.remindedAt));
  const horizon = at.getTime() + reminderDays * 86_400_000;
  const soon = (await getEventsByIds(db, [...new Set(pending.map((p) => p.eventId))])).filter(
    (e) => !e.cancelledAt && e.startsAt > at && e.startsAt.getTime() <= horizon,
  );
  let reminded = 0;
  for (const event of soon) {
    const personIds = pending.filter((p) => p.eventId === event.id).map((p) => p.personId);
    const cards = await personCards(db, personIds);
    for (const person of cards.values()) {
      if (person.disabled || (await liveRegistration(db, event.id, person.id))) continue;
      const mail = composeMail({
        to: person.email,
        subject: `Rappel : ${event.title}`,
        greeting: `Bonjour ${person.firstName},`,
        paragraphs: [
          m.reminderIntro({
            title: event.title,
            when: formatWhen(event.startsAt, event.endsAt, { withHours: true }),
          }).text,
          whenAndWhere(event),
          m.invitationHowTo().text,
        ],
        action: { label: 'M’inscrire', url: `${settings.baseUrl}/agenda/${event.id}` },
        reason: m.reminderReason().text,
      });
      const sent = await queueMail(
        db,
        { ...mail, calendar: calendarPart(event, person, 'invited', settings) },
        { key: `group-reminder:${event.id}:${person.id}` },
      );
      if (sent) reminded++;
    }
    await db
      .update(groupInvitations)
      .set({ remindedAt: at })
      .where(and(eq(groupInvitations.eventId, event.id), inArray(groupInvitations.personId, personIds)));
  }
  return reminded;
}
