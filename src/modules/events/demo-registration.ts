// A confirmed registration written as register() writes it, but without its window, audience check or
// mails: for other modules' demo data of past months (the program registers its cohort to its sessions).
import { randomBytes } from 'node:crypto';
import type { Executor } from '../../platform/db/client.ts';
import { type AttendanceMode, registrations } from './events.schema.ts';

export async function seedRegistration(
  executor: Executor,
  input: { eventId: string; personId: string; mode: AttendanceMode; registeredBy: string | null },
): Promise<void> {
  await executor
    .insert(registrations)
    .values({
      eventId: input.eventId,
      personId: input.personId,
      status: 'confirmed',
      mode: input.mode,
      registeredBy: input.registeredBy,
      checkInToken: randomBytes(24).toString('base64url'),
    })
    .onConflictDoNothing();
}
