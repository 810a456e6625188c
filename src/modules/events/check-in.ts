// Attendance: a check-in by staff (list or QR code) or an imported video-call report. Recording the same
// person twice records nothing new.
import { and, eq, inArray } from 'drizzle-orm';
import { audit } from '../../platform/db/audit.ts';
import type { Executor } from '../../platform/db/client.ts';
import { fail, ok, type Result } from '../../platform/result.ts';
import { attendance, registrations } from './events.schema.ts';

export type Attendance = typeof attendance.$inferSelect;

/** Records that a person was at an event; `recorded` is false when it was already known. */
export async function recordAttendance(
  executor: Executor,
  entry: {
    eventId: string;
    personId: string;
    source: Attendance['source'];
    minutes?: number | null;
    recordedBy: string | null;
  },
): Promise<{ recorded: boolean }> {
  const rows = await executor
    .insert(attendance)
    .values({ ...entry, minutes: entry.minutes ?? null })
    .onConflictDoNothing({ target: [attendance.eventId, attendance.personId] })
    .returning({ id: attendance.id });
  if (rows.length) {
    await audit(executor, {
      actorId: entry.recordedBy,
      action: 'attend',
      entity: 'attendance',
      entityId: rows[0]!.id,
      data: entry,
    });
  }
  return { recorded: rows.length > 0 };
}

export async function checkIn(
  executor: Executor,
  registrationId: string,
  actorId: string | null,
  source: 'check_in' | 'qr' = 'check_in',
): Promise<Result<{ recorded: boolean; registration: typeof registrations.$inferSelect }>> {
  const [registration] = await executor
    .select()
    .from(registrations)
    .where(eq(registrations.id, registrationId));
  if (!registration) return fail(404, 'not_found', 'Cette inscription n’existe pas.');
  if (registration.status !== 'confirmed') {
    return fail(
      409,
      'not_confirmed',
      registration.status === 'cancelled'
        ? 'Cette inscription a été annulée.'
        : 'Cette personne est sur la liste d’attente.',
    );
  }
  const { recorded } = await recordAttendance(executor, {
    eventId: registration.eventId,
    personId: registration.personId,
    source,
    recordedBy: actorId,
  });
  return ok({ recorded, registration });
}

/** Undoes a check-in made by mistake at the door (not an imported online attendance). */
export async function undoCheckIn(executor: Executor, eventId: string, personId: string, actorId: string) {
  const rows = await executor
    .delete(attendance)
    .where(
      and(
        eq(attendance.eventId, eventId),
        eq(attendance.personId, personId),
        inArray(attendance.source, ['check_in', 'qr']),
      ),
    )
    .returning({ id: attendance.id });
  if (rows.length)
    await audit(executor, { actorId, action: 'undo_attend', entity: 'attendance', entityId: rows[0]!.id });
  return rows.length > 0;
}

export async function findByCheckInToken(executor: Executor, token: string) {
  const [row] = await executor.select().from(registrations).where(eq(registrations.checkInToken, token));
  return row;
}
