// Mails of the agenda: confirmation, waiting list, promotion, cancellation, link, reminder.
import { and, eq } from 'drizzle-orm';
import type { Executor } from '../../platform/db/client.ts';
import type { Config } from '../../platform/env.ts';
import { type Identity, identityOf } from '../../platform/identity.ts';
import { type JobHandler, jobsInsert, type NewJob } from '../../platform/jobs/queue.ts';
import { composeMail, type MailContent, queueMail } from '../../platform/mail/mail.tsx';
import { capitalised, formatWhen } from '../../platform/time.ts';
import { getPerson, type Person } from '../organisations/people.ts';
import { events, registrations } from './events.schema.ts';
import type { Event } from './events.ts';
import { eventFormatLabels } from './events.ts';
import { type CalendarAction, calendarPart } from './itip.ts';

export type Notice = 'confirmed' | 'waitlisted' | 'promoted' | 'cancelled' | 'link' | 'reminder';

export interface NotificationSettings {
  baseUrl: string;
  /** How long before the start the video link is mailed. */
  linkHoursBefore: number;
  /** The platform's domain (calendar UIDs) and the network's address (organiser of invitations). */
  identity: Identity;
}

export const notificationSettings = (config: Config): NotificationSettings => ({
  baseUrl: config.baseUrl,
  linkHoursBefore: config.EVENT_LINK_HOURS_BEFORE,
  identity: identityOf(config),
});

/** « Mardi 15 décembre 2026, de 15 h à 17 h — En présentiel, Limoges. » */
export const whenAndWhere = (event: Event) =>
  `${capitalised(formatWhen(event.startsAt, event.endsAt, { withHours: true }))} — ${eventFormatLabels[event.format]}${event.venue ? `, ${event.venue}` : ''}.`;

/** What a notice does to the person's calendar, if anything. */
const calendarActions: Partial<Record<Notice, CalendarAction>> = {
  confirmed: 'registered',
  promoted: 'registered',
  cancelled: 'removed',
};

const subjects: Record<Notice, (e: Event) => string> = {
  confirmed: (e) => `Inscription confirmée : ${e.title}`,
  waitlisted: (e) => `Liste d’attente : ${e.title}`,
  promoted: (e) => `Une place s’est libérée : ${e.title}`,
  cancelled: (e) => `Inscription annulée : ${e.title}`,
  link: (e) => `Lien de connexion : ${e.title}`,
  reminder: (e) => `C’est demain : ${e.title}`,
};

function paragraphs(notice: Notice, event: Event, byOther: string | null, inPerson: boolean): string[] {
  const when = whenAndWhere(event);
  const by = byOther ? ` ${byOther} vous a inscrit·e.` : '';
  switch (notice) {
    case 'confirmed':
      return [
        `Votre inscription à « ${event.title} » est confirmée.${by}`,
        when,
        // The code is shown at a door: none for who attends online.
        inPerson
          ? 'Votre code de présence (QR), à présenter à l’accueil, est dans « Mes inscriptions ».'
          : '',
      ].filter(Boolean);
    case 'waitlisted':
      return [
        `L’événement « ${event.title} » est complet : vous êtes sur la liste d’attente.${by}`,
        'Nous vous écrirons dès qu’une place se libère.',
        when,
      ];
    case 'promoted':
      return [`Une place s’est libérée : votre inscription à « ${event.title} » est confirmée.`, when];
    case 'cancelled':
      return [`Votre inscription à « ${event.title} » est annulée.`, when];
    case 'link':
      return [
        `« ${event.title} » approche.`,
        when,
        event.onlineUrl ? `Lien de la visioconférence : ${event.onlineUrl}` : '',
      ].filter(Boolean);
    case 'reminder':
      return [`Rappel : « ${event.title} » a lieu demain.`, when];
  }
}

/** The subject and words of a notice about a registration, as staff sees them before acting. */
export const noticePreview = (notice: Notice, event: Event) => ({
  subject: subjects[notice](event),
  paragraphs: paragraphs(notice, event, null, event.format !== 'online'),
});

/** What a notice is about: the registration, its event and person, and who registered them if not themselves. */
export interface NoticeSubject {
  event: Event;
  registration: Pick<typeof registrations.$inferSelect, 'id' | 'status' | 'mode'>;
  person: Pick<Person, 'firstName' | 'lastName' | 'email'>;
  /** « Prénom Nom » of who made the registration for the person, if someone else did. */
  byOther: string | null;
}

/**
 * The mail of a notice about a registration, and its key: a notice already written for the registration
 * (same notice, same status or same start) is not written again.
 */
export function noticeMail(notice: Notice, subject: NoticeSubject, settings: NotificationSettings) {
  const { event, registration, person } = subject;
  const action = calendarActions[notice];
  const content: MailContent = {
    ...composeMail({
      to: person.email,
      subject: subjects[notice](event),
      greeting: `Bonjour ${person.firstName},`,
      paragraphs: paragraphs(
        notice,
        event,
        subject.byOther,
        registration.mode !== 'online' && event.format !== 'online',
      ),
      action: { label: 'Voir l’événement', url: `${settings.baseUrl}/agenda/${event.id}` },
    }),
    calendar: action
      ? calendarPart(event, person, action, settings, { withOnlineUrl: action === 'registered' })
      : undefined,
  };
  const key = `registration:${registration.id}:${notice}:${notice === 'link' || notice === 'reminder' ? event.startsAt.toISOString() : registration.status}`;
  return { content, key };
}

/** Writes the mail about a registration, once: a notice already written for it is not written again. */
export async function notify(
  executor: Executor,
  registrationId: string,
  notice: Notice,
  settings: NotificationSettings,
) {
  const [row] = await executor
    .select({ registration: registrations, event: events })
    .from(registrations)
    .innerJoin(events, eq(events.id, registrations.eventId))
    .where(eq(registrations.id, registrationId));
  const person = row ? await getPerson(executor, row.registration.personId) : undefined;
  if (!row || !person) return;
  const { event, registration } = row;
  let byOther: string | null = null;
  if (registration.registeredBy && registration.registeredBy !== person.id && notice !== 'promoted') {
    const by = await getPerson(executor, registration.registeredBy);
    if (by) byOther = `${by.firstName} ${by.lastName}`;
  }
  const { content, key } = noticeMail(notice, { event, registration, person, byOther }, settings);
  await queueMail(executor, content, { key });
}

export const reminderJob = 'event.reminder';

/** The link mail (online and hybrid events) and the reminder of the day before, as jobs (none past due). */
export function reminderJobs(registrationId: string, event: Event, settings: NotificationSettings): NewJob[] {
  const startsAt = event.startsAt.toISOString();
  const plans: [Notice, number][] = [['reminder', 24]];
  if (event.format !== 'in_person') plans.push(['link', settings.linkHoursBefore]);
  return plans.flatMap(([notice, hours]) => {
    const runAt = new Date(event.startsAt.getTime() - hours * 3_600_000);
    if (runAt.getTime() < Date.now() - 60_000) return [];
    return [{ kind: reminderJob, payload: { registrationId, notice, startsAt }, runAt }];
  });
}

/** Schedules the reminder jobs of a registration (see `reminderJobs`), in one statement. */
export async function scheduleReminders(
  executor: Executor,
  registrationId: string,
  event: Event,
  settings: NotificationSettings,
) {
  const jobs = reminderJobs(registrationId, event, settings);
  if (jobs.length) await executor.execute(jobsInsert(jobs));
}

/**
 * The scheduled job: sends only if the registration is still confirmed, and the event neither moved
 * (a change schedules new reminders) nor was cancelled. The reminders of an event that is changed or
 * cancelled stay queued and end here, without a mail.
 */
export function reminderHandler(db: Executor, settings: NotificationSettings): JobHandler {
  return async (payload) => {
    const registrationId = String(payload.registrationId);
    const [row] = await db
      .select({
        status: registrations.status,
        startsAt: events.startsAt,
        cancelledAt: events.cancelledAt,
        format: events.format,
      })
      .from(registrations)
      .innerJoin(events, eq(events.id, registrations.eventId))
      .where(and(eq(registrations.id, registrationId)));
    if (row?.status !== 'confirmed' || row.cancelledAt || row.startsAt.toISOString() !== payload.startsAt)
      return;
    // An event changed to « in person » has no video link to send.
    if (payload.notice === 'link' && row.format === 'in_person') return;
    await notify(db, registrationId, payload.notice as Notice, settings);
  };
}
