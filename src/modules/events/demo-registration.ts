// A registration written as register() writes it — a random check-in token, who registered, the audit
// entry — but without its window, audience check or mails: the one way demo data writes registrations of
// past months (the agenda's own demo, the program's cohort at its sessions). The caller has decided who
// may attend and whether a seat was left.
import type { Executor } from '../../platform/db/client.ts';
import { auditLog } from '../../platform/db/platform.schema.ts';
import { type AttendanceMode, registrations } from './events.schema.ts';
import type { Registration } from './register.ts';

export async function seedRegistration(
  executor: Executor,
  input: {
    eventId: string;
    personId: string;
    mode: AttendanceMode;
    registeredBy: string | null;
    /** Confirmed unless the event was full that day. */
    status?: 'confirmed' | 'waitlisted';
    /** When it was made (now by default): the registration and its audit entry are dated so. */
    at?: Date;
  },
): Promise<Registration | undefined> {
  const [registration] = await executor
    .insert(registrations)
    .values({
      eventId: input.eventId,
      personId: input.personId,
      status: input.status ?? 'confirmed',
      mode: input.mode,
      registeredBy: input.registeredBy,
      // Set here rather than by the database: the audit entry below is dated with the very same instant.
      createdAt: input.at ?? new Date(),
    })
    .onConflictDoNothing()
    .returning();
  // Already registered (a live registration exists): nothing new, nothing to audit.
  if (!registration) return undefined;
  await executor.insert(auditLog).values({
    at: registration.createdAt,
    actorId: registration.registeredBy,
    action: 'register',
    entity: 'registration',
    entityId: registration.id,
    data: { eventId: registration.eventId, personId: registration.personId, status: registration.status },
  });
  return registration;
}
