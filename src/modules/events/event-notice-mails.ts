// The job that writes the mails of an event notice (event-notices.ts), one per person. Each has a dedupe
// key, so that a job run twice, or two jobs for the same thing, mail each person once. The mails of an
// invitation and of a message to registrants are built here too for the previews staff reads before
// sending (`invitationMessage`, `eventMessageMail`): what the preview shows is what is sent.
import { and, eq, inArray } from 'drizzle-orm';
import type { Executor } from '../../platform/db/client.ts';
import type { JobHandler } from '../../platform/jobs/queue.ts';
import { composeMail, type MailMessage, queueMail } from '../../platform/mail/mail.tsx';
import { formatMoment, formatWhen, parisYear } from '../../platform/time.ts';
import { type PersonCard, personCards } from '../organisations/directory.ts';
import type { EventNotice, InvitationSegment, MessageReason, PracticalChange } from './event-notices.ts';
import { eventsMessages as m } from './events.messages.ts';
import { eventInvitations, eventMessages, registrations } from './events.schema.ts';
import { type Event, getEvent } from './events.ts';
import { calendarPart } from './itip.ts';
import { type NotificationSettings, whenAndWhere } from './notifications.ts';

const changeLabels: Record<PracticalChange, string> = {
  schedule: 'la date ou l’horaire',
  place: 'le lieu',
  format: 'le format',
  link: 'le lien de visioconférence',
};

export type Recipient = PersonCard & { status: 'confirmed' | 'waitlisted' | 'invited' };

/** These people as the members' module knows them (names, addresses), accounts not disabled. */
async function recipients(
  executor: Executor,
  rows: { personId: string; status: Recipient['status'] }[],
): Promise<Recipient[]> {
  const cards = await personCards(
    executor,
    rows.map((r) => r.personId),
  );
  return rows.flatMap(({ personId, status }) => {
    const card = cards.get(personId);
    return card && !card.disabled ? [{ ...card, status }] : [];
  });
}

/** People with a live registration (confirmed or waiting), accounts not disabled. */
async function registrants(executor: Executor, eventId: string): Promise<Recipient[]> {
  const rows = await executor
    .select({ personId: registrations.personId, status: registrations.status })
    .from(registrations)
    .where(
      and(eq(registrations.eventId, eventId), inArray(registrations.status, ['confirmed', 'waitlisted'])),
    );
  return recipients(
    executor,
    rows.map((r) => ({ personId: r.personId, status: r.status as 'confirmed' | 'waitlisted' })),
  );
}

/** The invitees named, still on the invitation list. */
async function invitees(executor: Executor, eventId: string, personIds: string[]): Promise<Recipient[]> {
  if (personIds.length === 0) return [];
  const rows = await executor
    .select({ personId: eventInvitations.personId })
    .from(eventInvitations)
    .where(and(eq(eventInvitations.eventId, eventId), inArray(eventInvitations.personId, personIds)));
  return recipients(
    executor,
    rows.map((r) => ({ personId: r.personId, status: 'invited' as const })),
  );
}

/** The subject of the mail that announces a cancellation. */
export const cancellationSubject = (event: Event) => `Annulé : ${event.title}`;

/** The words of the mail that announces a cancellation (the staff's page shows them before it is sent). */
export function cancellationParagraphs(event: Event, confirmed: boolean, reason: string | null): string[] {
  return [
    `Vous recevez ce message car vous êtes ${confirmed ? 'inscrit·e à' : 'sur la liste d’attente de'} « ${event.title} », prévu le ${formatMoment(event.startsAt)}. Cet événement est annulé.`,
    reason ? `Motif : ${reason}` : '',
    'Vous n’avez rien à faire : l’invitation jointe retire l’événement de votre agenda.',
  ].filter(Boolean);
}

/**
 * Who a change or a cancellation of the event is mailed to: the people registered or waiting, accounts not
 * disabled (the waiting list never had the video link: a new link alone is no news to them).
 */
export async function noticeRecipients(
  executor: Executor,
  eventId: string,
  notice: { notice: 'cancelled' } | { notice: 'changed'; changed: PracticalChange[] },
): Promise<Recipient[]> {
  const people = await registrants(executor, eventId);
  if (notice.notice === 'cancelled') return people;
  return people.filter((p) => p.status === 'confirmed' || notice.changed.some((c) => c !== 'link'));
}

/** The invitation to an event, as the invitee reads it; the reason says why they are invited. */
export function invitationMessage(
  event: Event,
  person: Pick<PersonCard, 'firstName' | 'email' | 'organisationName'>,
  segment: InvitationSegment,
  settings: Pick<NotificationSettings, 'baseUrl'>,
  at: Date = new Date(),
): MailMessage {
  const organisation = person.organisationName ?? '';
  const reason =
    segment === 'elected' && organisation
      ? m.invitationReasonElected({ organisation, year: parisYear(at) })
      : segment === 'referents' && organisation
        ? m.invitationReasonReferent({ organisation })
        : m.invitationReasonPersonal();
  return {
    to: person.email,
    subject: `Invitation : ${event.title}`,
    greeting: `Bonjour ${person.firstName},`,
    paragraphs: [
      (event.audience === 'restricted' ? m.invitationIntroRestricted : m.invitationIntro)({
        title: event.title,
      }).text,
      whenAndWhere(event),
      m.invitationHowTo().text,
    ],
    action: { label: 'M’inscrire', url: `${settings.baseUrl}/agenda/${event.id}` },
    reason: reason.text,
  };
}

/** The paragraphs of a text typed by staff: separated by an empty line. */
export const paragraphsOf = (body: string) =>
  body
    .split(/\r?\n\s*\r?\n/)
    .map((p) => p.trim())
    .filter(Boolean);

const messageReasons = {
  confirmed: m.messageReasonConfirmed,
  waitlisted: m.messageReasonWaitlisted,
  present: m.messageReasonPresent,
  absent: m.messageReasonAbsent,
} satisfies Record<MessageReason, unknown>;

/** A message staff writes to an event's registrants, as one of them reads it. */
export function eventMessageMail(
  event: Event,
  message: { subject: string; body: string },
  person: Pick<PersonCard, 'firstName' | 'email'>,
  why: MessageReason,
  settings: Pick<NotificationSettings, 'baseUrl'>,
): MailMessage {
  return {
    to: person.email,
    subject: `${message.subject} — ${event.title}`,
    greeting: `Bonjour ${person.firstName},`,
    paragraphs: paragraphsOf(message.body),
    action: { label: m.seeEvent().text, url: `${settings.baseUrl}/agenda/${event.id}` },
    reason: messageReasons[why]({
      title: event.title,
      when: formatWhen(event.startsAt, event.endsAt, { withHours: true }),
    }).text,
  };
}

type NoticeWithRecipients = Exclude<EventNotice, { notice: 'message' }>;

function mailOf(
  event: Event,
  person: Recipient,
  notice: NoticeWithRecipients,
  settings: NotificationSettings,
) {
  const eventUrl = `${settings.baseUrl}/agenda/${event.id}`;
  const greeting = `Bonjour ${person.firstName},`;
  const confirmed = person.status === 'confirmed';
  const link = confirmed && event.format !== 'in_person' && event.onlineUrl;
  switch (notice.notice) {
    case 'changed':
      return {
        ...composeMail({
          to: person.email,
          subject: `Modification : ${event.title}`,
          greeting,
          paragraphs: [
            `Vous recevez ce message car vous êtes ${confirmed ? 'inscrit·e à' : 'sur la liste d’attente de'} « ${event.title} ». Ce qui change : ${notice.changed.map((c) => changeLabels[c]).join(', ')}.`,
            `Désormais : ${whenAndWhere(event)}`,
            link ? `Lien de la visioconférence : ${event.onlineUrl}` : '',
            confirmed
              ? 'L’invitation jointe met à jour votre agenda.'
              : 'Vous restez sur la liste d’attente : nous vous écrirons si une place se libère.',
          ].filter(Boolean),
          action: { label: 'Voir l’événement', url: eventUrl },
        }),
        // Only a confirmed place is a meeting in the person's calendar.
        calendar: confirmed
          ? calendarPart(event, person, 'registered', settings, { withOnlineUrl: true })
          : undefined,
      };
    case 'cancelled':
      return {
        ...composeMail({
          to: person.email,
          subject: cancellationSubject(event),
          greeting,
          paragraphs: cancellationParagraphs(event, confirmed, event.cancellationReason),
          action: { label: 'Voir l’événement', url: eventUrl },
        }),
        calendar: calendarPart(event, person, 'cancelled', settings),
      };
    case 'invited':
      return {
        ...composeMail(invitationMessage(event, person, notice.segment ?? 'emails', settings)),
        calendar: calendarPart(event, person, 'invited', settings),
      };
  }
}

/**
 * The job. It reads the event as it is when it runs: a change announced before a cancellation is not
 * mailed once the event is cancelled, nor an invitation to an event that has started or was cancelled.
 */
export function eventNoticeHandler(db: Executor, settings: NotificationSettings): JobHandler {
  return async (payload) => {
    const event = await getEvent(db, String(payload.eventId));
    if (!event) return;
    const notice = payload as unknown as EventNotice;
    if (notice.notice === 'message') return mailMessage(db, event, notice, settings);
    let recipients: Recipient[];
    let key: (person: Recipient) => string;
    switch (notice.notice) {
      case 'changed':
        if (event.cancelledAt) return;
        recipients = await noticeRecipients(db, event.id, notice);
        key = (p) => `event:${event.id}:changed:${notice.sequence}:${p.id}`;
        break;
      case 'cancelled':
        if (!event.cancelledAt) return;
        recipients = await noticeRecipients(db, event.id, notice);
        key = (p) => `event:${event.id}:cancelled:${p.id}`;
        break;
      case 'invited':
        if (event.cancelledAt || event.startsAt <= new Date()) return;
        recipients = await invitees(db, event.id, notice.personIds.map(String));
        key = (p) => `event:${event.id}:invited:${p.id}`;
        break;
      default:
        throw new Error(`avis d’événement inconnu : ${JSON.stringify(payload).slice(0, 200)}`);
    }
    for (const person of recipients) {
      await queueMail(db, mailOf(event, person, notice, settings), { key: key(person) });
    }
  };
}

/**
 * The mails of a message to registrants: to the people chosen when it was sent (the preview's), accounts
 * disabled since aside. Sent even if the event was cancelled meanwhile: staff wrote it while it was not.
 */
async function mailMessage(
  db: Executor,
  event: Event,
  notice: Extract<EventNotice, { notice: 'message' }>,
  settings: NotificationSettings,
) {
  const [message] = await db
    .select()
    .from(eventMessages)
    .where(and(eq(eventMessages.id, String(notice.messageId)), eq(eventMessages.eventId, event.id)));
  if (!message) return;
  const cards = await personCards(
    db,
    notice.recipients.map((r) => String(r.personId)),
  );
  for (const { personId, why } of notice.recipients) {
    const person = cards.get(String(personId));
    if (!person || person.disabled) continue;
    await queueMail(db, composeMail(eventMessageMail(event, message, person, why, settings)), {
      key: `event-message:${message.id}:${person.id}`,
    });
  }
}
