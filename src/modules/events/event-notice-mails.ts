// The job that writes the mails of an event notice (event-notices.ts), one per person. Each has a dedupe
// key, so that a job run twice, or two jobs for the same thing, mail each person once.
import { and, eq, inArray } from 'drizzle-orm';
import type { Executor } from '../../platform/db/client.ts';
import type { JobHandler } from '../../platform/jobs/queue.ts';
import { composeMail, queueMail } from '../../platform/mail/mail.tsx';
import { formatMoment } from '../../platform/time.ts';
import { type PersonCard, personCards } from '../organisations/directory.ts';
import type { EventNotice, PracticalChange } from './event-notices.ts';
import { eventInvitations, registrations } from './events.schema.ts';
import { type Event, getEvent } from './events.ts';
import { calendarPart } from './itip.ts';
import { type NotificationSettings, whenAndWhere } from './notifications.ts';

const changeLabels: Record<PracticalChange, string> = {
  schedule: 'la date ou l’horaire',
  place: 'le lieu',
  format: 'le format',
  link: 'le lien de visioconférence',
};

type Recipient = PersonCard & { status: 'confirmed' | 'waitlisted' | 'invited' };

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

function mailOf(event: Event, person: Recipient, notice: EventNotice, settings: NotificationSettings) {
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
          subject: `Annulé : ${event.title}`,
          greeting,
          paragraphs: [
            `Vous recevez ce message car vous êtes ${confirmed ? 'inscrit·e à' : 'sur la liste d’attente de'} « ${event.title} », prévu le ${formatMoment(event.startsAt)}. Cet événement est annulé.`,
            event.cancellationReason ? `Motif : ${event.cancellationReason}` : '',
            'Vous n’avez rien à faire : l’invitation jointe retire l’événement de votre agenda.',
          ].filter(Boolean),
          action: { label: 'Voir l’événement', url: eventUrl },
        }),
        calendar: calendarPart(event, person, 'cancelled', settings),
      };
    case 'invited':
      return {
        ...composeMail({
          to: person.email,
          subject: `Invitation : ${event.title}`,
          greeting,
          paragraphs: [
            `L’équipe du réseau vous invite à « ${event.title} », une réunion sur invitation.`,
            whenAndWhere(event),
            'Pour confirmer votre participation, inscrivez-vous depuis la page de l’événement : l’invitation jointe ne suffit pas à vous inscrire.',
          ],
          action: { label: 'M’inscrire', url: eventUrl },
        }),
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
    let recipients: Recipient[];
    let key: (person: Recipient) => string;
    switch (notice.notice) {
      case 'changed':
        if (event.cancelledAt) return;
        // The waiting list never had the video link: a new link alone is no news to them.
        recipients = (await registrants(db, event.id)).filter(
          (p) => p.status === 'confirmed' || notice.changed.some((c) => c !== 'link'),
        );
        key = (p) => `event:${event.id}:changed:${notice.sequence}:${p.id}`;
        break;
      case 'cancelled':
        if (!event.cancelledAt) return;
        recipients = await registrants(db, event.id);
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
