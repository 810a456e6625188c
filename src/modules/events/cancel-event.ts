// Cancelling an event, with a reason: it shows « Annulé » everywhere, refuses registrations, and each
// person registered or waiting is mailed once, with a calendar part that removes the meeting.
import { and, eq, isNull } from 'drizzle-orm';
import { z } from 'zod';
import { audit } from '../../platform/db/audit.ts';
import type { Db } from '../../platform/db/client.ts';
import { fail, ok, type Result } from '../../platform/result.ts';
import { fieldErrors, text } from '../../platform/validation.ts';
import { announce } from './event-notices.ts';
import { eventsMessages as m } from './events.messages.ts';
import { events } from './events.schema.ts';
import { type Event, getEvent } from './events.ts';
import { lockEvent } from './lock.ts';

export const cancellationInput = z.object({ reason: text(1000) });

/**
 * Cancels an event that has not ended. A second cancellation — two staff members at once, say — is
 * refused (409) and writes nothing: the event's lock makes the two wait for each other, and the one that
 * comes second finds the event cancelled.
 */
export async function cancelEvent(
  db: Db,
  eventId: string,
  input: unknown,
  actorId: string | null,
  options: { at?: Date } = {},
): Promise<Result<Event>> {
  const at = options.at ?? new Date();
  const parsed = cancellationInput.safeParse(input ?? {});
  if (!parsed.success) return fail(400, 'invalid', m.reasonRequired(), fieldErrors(parsed.error));
  if (!(await getEvent(db, eventId))) return fail(404, 'not_found', m.eventNotFound());
  return db.transaction(async (tx) => {
    await lockEvent(tx, eventId);
    const event = (await getEvent(tx, eventId))!;
    const already = (since: Date) => fail(409, 'already_cancelled', m.alreadyCancelled({ since }));
    if (event.cancelledAt) return already(event.cancelledAt);
    if (at >= event.endsAt) return fail(422, 'event_over', m.eventOver());
    const [cancelled] = await tx
      .update(events)
      .set({ cancelledAt: at, cancellationReason: parsed.data.reason, sequence: event.sequence + 1 })
      .where(and(eq(events.id, eventId), isNull(events.cancelledAt)))
      .returning();
    // Under the lock this cannot happen; the condition keeps a second cancellation harmless without it.
    if (!cancelled) return already(at);
    await audit(tx, {
      actorId,
      action: 'cancel',
      entity: 'event',
      entityId: eventId,
      data: { reason: parsed.data.reason, sequence: cancelled.sequence },
    });
    await announce(tx, eventId, { notice: 'cancelled' });
    return ok(cancelled);
  });
}
