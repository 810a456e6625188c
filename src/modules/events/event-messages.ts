// Writing to an event's registrants: staff chooses whom (confirmed, waiting list, present, absent, all),
// writes a subject and a text, reads who will receive what (`previewEventMessage`), then sends
// (`sendEventMessage`). The message is kept on the event; its mails go through the job queue. The same
// message (audience, subject and text) is recorded and mailed once: a second press of the button, or an
// API call retried, finds it recorded and sends nothing more.
import { createHash } from 'node:crypto';
import { and, desc, eq, inArray } from 'drizzle-orm';
import { z } from 'zod';
import { audit } from '../../platform/db/audit.ts';
import type { Db, Executor } from '../../platform/db/client.ts';
import type { MailMessage } from '../../platform/mail/mail.tsx';
import { fail, ok, type Result } from '../../platform/result.ts';
import { fieldErrors, text } from '../../platform/validation.ts';
import { type PersonCard, personCards } from '../organisations/directory.ts';
import { eventMessageMail } from './event-notice-mails.ts';
import { announce, type MessageReason } from './event-notices.ts';
import { eventsMessages as m } from './events.messages.ts';
import {
  attendance,
  eventMessages,
  type MessageAudience,
  messageAudiences,
  registrations,
} from './events.schema.ts';
import { type Event, getEvent } from './events.ts';

export type EventMessage = typeof eventMessages.$inferSelect;

export const messageAudienceLabels: Record<MessageAudience, string> = {
  confirmed: 'Inscrits confirmés',
  waitlisted: 'Liste d’attente',
  present: 'Présents',
  absent: 'Absents (inscrits confirmés sans présence enregistrée)',
  all: 'Tous (inscrits, liste d’attente et présents)',
};

export const messageReasonLabels: Record<MessageReason, string> = {
  confirmed: 'Inscrit·e',
  waitlisted: 'Liste d’attente',
  present: 'Présent·e',
  absent: 'Absent·e',
};

export const eventMessageInput = z.object({
  subject: text(200),
  body: text(20_000),
  to: z.enum(messageAudiences, { error: m.chooseMessageAudience().text }),
});
export type EventMessageInput = z.input<typeof eventMessageInput>;

/** What the API takes: the same, its audiences named in the API's words (« absent » is the pages' only). */
export const apiMessageInput = eventMessageInput.extend({
  to: z.enum(['confirmed', 'waitlisted', 'present', 'all'], { error: m.messageAudienceExpected().text }),
});

export type MessageRecipient = PersonCard & { why: MessageReason };

/**
 * The people an audience names, accounts disabled aside, by name. « Absent » means registered (confirmed)
 * with no presence recorded, and only once the event has started; « all » is everyone the other audiences
 * name, each once (present before confirmed before waiting).
 */
export async function messageRecipients(
  executor: Executor,
  event: Event,
  audience: MessageAudience,
  at: Date = new Date(),
): Promise<Result<MessageRecipient[]>> {
  if (audience === 'absent' && event.startsAt > at)
    return fail(422, 'not_started', m.absentBeforeStart(), { to: m.absentBeforeStart().text });
  const [live, present] = await Promise.all([
    executor
      .select({ personId: registrations.personId, status: registrations.status })
      .from(registrations)
      .where(
        and(eq(registrations.eventId, event.id), inArray(registrations.status, ['confirmed', 'waitlisted'])),
      ),
    executor
      .select({ personId: attendance.personId })
      .from(attendance)
      .where(eq(attendance.eventId, event.id)),
  ]);
  const wasThere = new Set(present.map((p) => p.personId));
  const why = new Map<string, MessageReason>();
  const confirmed = live.filter((r) => r.status === 'confirmed').map((r) => r.personId);
  const waiting = live.filter((r) => r.status === 'waitlisted').map((r) => r.personId);
  if (audience === 'present' || audience === 'all') for (const id of wasThere) why.set(id, 'present');
  if (audience === 'confirmed' || audience === 'all')
    for (const id of confirmed) if (!why.has(id)) why.set(id, 'confirmed');
  if (audience === 'waitlisted' || audience === 'all')
    for (const id of waiting) if (!why.has(id)) why.set(id, 'waitlisted');
  if (audience === 'absent') for (const id of confirmed) if (!wasThere.has(id)) why.set(id, 'absent');
  const cards = await personCards(executor, [...why.keys()]);
  return ok(
    [...why]
      .flatMap(([id, reason]) => {
        const card = cards.get(id);
        return card && !card.disabled ? [{ ...card, why: reason }] : [];
      })
      .sort(
        (a, b) =>
          a.lastName.localeCompare(b.lastName, 'fr') ||
          a.firstName.localeCompare(b.firstName, 'fr') ||
          a.id.localeCompare(b.id),
      ),
  );
}

export interface MessagePreview {
  event: Event;
  message: z.output<typeof eventMessageInput>;
  recipients: MessageRecipient[];
  /** The mail as the first recipient reads it (the others read it with their name and their reason). */
  example: MailMessage;
}

/**
 * Who a message would reach, and the mail: refused for an unknown event (404), a cancelled one (422
 * `event_cancelled`), invalid input (400, field by field) and an audience that names nobody (422). Writes
 * nothing.
 */
export async function previewEventMessage(
  executor: Executor,
  eventId: string,
  input: unknown,
  settings: { baseUrl: string },
  at: Date = new Date(),
): Promise<Result<MessagePreview>> {
  const event = await getEvent(executor, eventId);
  if (!event) return fail(404, 'not_found', m.eventNotFound());
  if (event.cancelledAt) return fail(422, 'event_cancelled', m.cancelledNoMessage());
  const parsed = eventMessageInput.safeParse(input);
  if (!parsed.success) return fail(400, 'invalid', m.invalid(), fieldErrors(parsed.error));
  const recipients = await messageRecipients(executor, event, parsed.data.to, at);
  if (!recipients.ok) return recipients;
  const first = recipients.value[0];
  if (!first) {
    const none = m.noRecipients({ audience: messageAudienceLabels[parsed.data.to] });
    return fail(422, 'no_recipients', none, { to: none.text });
  }
  return ok({
    event,
    message: parsed.data,
    recipients: recipients.value,
    example: eventMessageMail(event, parsed.data, first, first.why, settings),
  });
}

/** What names a message: its audience, subject and text (the same three are the same message). */
const digestOf = (message: z.output<typeof eventMessageInput>) =>
  createHash('sha256')
    .update(JSON.stringify([message.to, message.subject, message.body]))
    .digest('hex');

/**
 * Records the message on the event and queues its mails, one per recipient of the preview's rule. The same
 * message sent again answers with the first sending's count and `already`, and mails nobody.
 */
export async function sendEventMessage(
  db: Db,
  eventId: string,
  input: unknown,
  actorId: string | null,
  settings: { baseUrl: string },
  at: Date = new Date(),
): Promise<Result<{ recipients: number; already: boolean; messageId: string }>> {
  return db.transaction(async (tx) => {
    const preview = await previewEventMessage(tx, eventId, input, settings, at);
    if (!preview.ok) return preview;
    const { event, message, recipients } = preview.value;
    const digest = digestOf(message);
    const [created] = await tx
      .insert(eventMessages)
      .values({
        eventId: event.id,
        subject: message.subject,
        body: message.body,
        audience: message.to,
        recipients: recipients.length,
        digest,
        sentBy: actorId,
        sentAt: at,
      })
      .onConflictDoNothing()
      .returning();
    if (!created) {
      const [first] = await tx
        .select()
        .from(eventMessages)
        .where(and(eq(eventMessages.eventId, event.id), eq(eventMessages.digest, digest)));
      return ok({ recipients: first!.recipients, already: true, messageId: first!.id });
    }
    await announce(tx, event.id, {
      notice: 'message',
      messageId: created.id,
      recipients: recipients.map((r) => ({ personId: r.id, why: r.why })),
    });
    await audit(tx, {
      actorId,
      action: 'message',
      entity: 'event',
      entityId: event.id,
      data: {
        messageId: created.id,
        audience: message.to,
        subject: message.subject,
        recipients: recipients.length,
      },
    });
    return ok({ recipients: recipients.length, already: false, messageId: created.id });
  });
}

/** The messages written to an event's registrants, newest first, with the name of who sent each. */
export async function listEventMessages(executor: Executor, eventId: string) {
  const rows = await executor
    .select()
    .from(eventMessages)
    .where(eq(eventMessages.eventId, eventId))
    .orderBy(desc(eventMessages.sentAt), desc(eventMessages.id));
  const senders = await personCards(
    executor,
    rows.flatMap((r) => (r.sentBy ? [r.sentBy] : [])),
  );
  return rows.map((message) => {
    const sender = message.sentBy ? senders.get(message.sentBy) : undefined;
    return { message, sentByName: sender ? `${sender.firstName} ${sender.lastName}` : null };
  });
}
export type EventMessageRow = Awaited<ReturnType<typeof listEventMessages>>[number];
