// Inviting people to an event: a segment of the member local governments' people (their élus, their
// referents), or the addresses staff types — every address must be someone's, or nobody is invited (staff
// corrects the list rather than wondering who was left out). Staff first reads who will receive what
// (`planInvitations`), then sends (`inviteSegment`): people already registered or already invited are left
// out, so each person is invited once. For a restricted event, the invitation also opens it to them.
import { and, eq, inArray } from 'drizzle-orm';
import { z } from 'zod';
import type { Executor } from '../../platform/db/client.ts';
import type { MailMessage } from '../../platform/mail/mail.tsx';
import { fail, ok, type Result } from '../../platform/result.ts';
import {
  findPeopleByEmails,
  type PersonCard,
  peopleOfMembers,
  personCards,
} from '../organisations/directory.ts';
import { invitationMessage } from './event-notice-mails.ts';
import { type InvitationSegment, invitationSegments } from './event-notices.ts';
import { eventsMessages as m } from './events.messages.ts';
import { eventInvitations, registrations } from './events.schema.ts';
import { type Event, getEvent, invite } from './events.ts';

/** How many addresses one form may carry. */
export const invitationsAtOnce = 500;

export const invitationSegmentLabels: Record<InvitationSegment, string> = {
  elected: 'Les élus des collectivités adhérentes cette année',
  referents: 'Les référents des collectivités adhérentes',
  emails: 'Une liste d’adresses électroniques',
};

export const invitationInput = z.object({
  segment: z.enum(invitationSegments, { error: m.chooseSegment().text }),
  /** For the `emails` segment: the addresses, lower-cased, each once. */
  emails: z.array(z.string()).default([]),
});
export type InvitationInput = z.input<typeof invitationInput>;

export interface InvitationPlan {
  event: Event;
  segment: InvitationSegment;
  /** Who will receive the invitation, by organisation then name. */
  toInvite: PersonCard[];
  alreadyRegistered: PersonCard[];
  alreadyInvited: PersonCard[];
  /** People named by address whose account is disabled: no mail reaches them. */
  disabled: PersonCard[];
  /** The mail the first invitee will read (each reads the same, with their name and organisation). */
  example: MailMessage | undefined;
}

/** People by organisation, then name, in French order (lists of invitees, here and in other modules). */
export const byName = (a: PersonCard, b: PersonCard) =>
  (a.organisationName ?? '').localeCompare(b.organisationName ?? '', 'fr') ||
  a.lastName.localeCompare(b.lastName, 'fr') ||
  a.firstName.localeCompare(b.firstName, 'fr') ||
  a.id.localeCompare(b.id);

/** The people of a segment, or a refusal for a list of addresses that is empty, too long, or unknown. */
async function peopleOf(
  executor: Executor,
  segment: InvitationSegment,
  emails: readonly string[],
  at: Date,
): Promise<Result<PersonCard[]>> {
  if (segment !== 'emails') return ok(await peopleOfMembers(executor, segment, at));
  const refuse = (status: number, code: string, message: ReturnType<typeof m.emailsRequired>) =>
    fail(status, code, message, { emails: message.text });
  if (emails.length === 0) return refuse(400, 'invalid', m.emailsRequired());
  if (emails.length > invitationsAtOnce)
    return refuse(400, 'invalid', m.tooManyEmails({ max: invitationsAtOnce }));
  const found = await findPeopleByEmails(executor, emails);
  const known = new Set(found.map((p) => p.email.toLowerCase()));
  const unknown = emails.filter((e) => !known.has(e.toLowerCase()));
  if (unknown.length) return refuse(422, 'unknown_person', m.unknownEmails({ emails: unknown }));
  const cards = await personCards(
    executor,
    found.map((p) => p.id),
  );
  return ok([...cards.values()]);
}

/**
 * Who an invitation would reach, and the mail: refused for an event that does not exist (404), is cancelled
 * or has started (422), and for a list of addresses that names someone unknown. Writes nothing.
 */
export async function planInvitations(
  executor: Executor,
  eventId: string,
  input: unknown,
  settings: { baseUrl: string },
  at: Date = new Date(),
): Promise<Result<InvitationPlan>> {
  const event = await getEvent(executor, eventId);
  if (!event) return fail(404, 'not_found', m.eventNotFound());
  if (event.cancelledAt) return fail(422, 'event_cancelled', m.cancelledNoInvitation());
  if (event.startsAt <= at) return fail(422, 'event_started', m.startedNoInvitation());
  const parsed = invitationInput.safeParse(input);
  if (!parsed.success) return fail(400, 'invalid', m.chooseSegment(), { segment: m.chooseSegment().text });
  const { segment, emails } = parsed.data;
  const people = await peopleOf(executor, segment, emails, at);
  if (!people.ok) return people;
  const ids = people.value.map((p) => p.id);
  const [registered, invited] = ids.length
    ? await Promise.all([
        executor
          .select({ personId: registrations.personId })
          .from(registrations)
          .where(
            and(
              eq(registrations.eventId, event.id),
              inArray(registrations.status, ['confirmed', 'waitlisted']),
              inArray(registrations.personId, ids),
            ),
          ),
        executor
          .select({ personId: eventInvitations.personId })
          .from(eventInvitations)
          .where(and(eq(eventInvitations.eventId, event.id), inArray(eventInvitations.personId, ids))),
      ])
    : [[], []];
  const isRegistered = new Set(registered.map((r) => r.personId));
  const isInvited = new Set(invited.map((r) => r.personId));
  const sorted = [...people.value].sort(byName);
  const plan = {
    disabled: sorted.filter((p) => p.disabled),
    alreadyRegistered: sorted.filter((p) => !p.disabled && isRegistered.has(p.id)),
    alreadyInvited: sorted.filter((p) => !p.disabled && !isRegistered.has(p.id) && isInvited.has(p.id)),
    toInvite: sorted.filter((p) => !p.disabled && !isRegistered.has(p.id) && !isInvited.has(p.id)),
  };
  const first = plan.toInvite[0];
  return ok({
    event,
    segment,
    ...plan,
    example: first ? invitationMessage(event, first, segment, settings, at) : undefined,
  });
}

/**
 * Invites the people the plan names now (each mailed once, by a job); a second press finds them invited
 * and invites nobody more. Returns how many were invited.
 */
export async function inviteSegment(
  executor: Executor,
  eventId: string,
  input: unknown,
  actorId: string,
  settings: { baseUrl: string },
  at: Date = new Date(),
): Promise<Result<{ invited: number }>> {
  const plan = await planInvitations(executor, eventId, input, settings, at);
  if (!plan.ok) return plan;
  const invited = await invite(
    executor,
    plan.value.event.id,
    plan.value.toInvite.map((p) => p.id),
    actorId,
    plan.value.segment,
  );
  return ok({ invited });
}
