// Registering a person for an event: window, audience, one live registration per person, and never
// more confirmed than the capacity, whatever the concurrency.
import { and, count, eq, ne } from 'drizzle-orm';
import { audit } from '../../platform/db/audit.ts';
import type { Db, Executor } from '../../platform/db/client.ts';
import type { Actor } from '../../platform/http/actor.ts';
import { fail, ok, type Result } from '../../platform/result.ts';
import { uuid } from '../../platform/validation.ts';
import { organisationsPolicy } from '../organisations/organisations.policy.ts';
import { findPersonByEmail, getPerson } from '../organisations/people.ts';
import { checkEligibility } from './eligibility.ts';
import { eventsMessages as m } from './events.messages.ts';
import { type AttendanceMode, registrations } from './events.schema.ts';
import { type Event, getEvent } from './events.ts';
import { type EventLock, lockEvent } from './lock.ts';
import { type NotificationSettings, notify, scheduleReminders } from './notifications.ts';

export type Registration = typeof registrations.$inferSelect;

export interface RegisterInput {
  eventId: string;
  personId: string;
  mode?: AttendanceMode | undefined;
  /** Who made the registration: the person, their referent, or staff. */
  registeredBy: string | null;
}

export interface RegisterOptions {
  settings: NotificationSettings;
  at?: Date;
  /** Replaced only by the test that proves the lock is what prevents overselling. */
  lock?: EventLock;
}

/** Is the registration window open? A refusal says the event is cancelled, when it opens, or that it has closed. */
export function registrationWindow(event: Event, at: Date): Result<true> {
  if (event.cancelledAt) return fail(422, 'event_cancelled', m.cancelledNoRegistration());
  if (event.registrationOpensAt && at < event.registrationOpensAt) {
    return fail(422, 'registration_closed', m.registrationOpensAt({ opens: event.registrationOpensAt }));
  }
  const closes =
    event.registrationClosesAt && event.registrationClosesAt < event.startsAt
      ? event.registrationClosesAt
      : event.startsAt;
  if (at >= closes) return fail(422, 'registration_closed', m.registrationClosed());
  return ok(true);
}

function modeFor(event: Event, mode: AttendanceMode | undefined): Result<AttendanceMode> {
  if (event.format === 'in_person') {
    return mode === 'online'
      ? fail(400, 'invalid', m.inPersonOnly(), { mode: m.inPersonOnlyField().text })
      : ok('in_person');
  }
  if (event.format === 'online') {
    return mode === 'in_person'
      ? fail(400, 'invalid', m.onlineOnly(), { mode: m.onlineOnlyField().text })
      : ok('online');
  }
  return ok(mode ?? 'in_person');
}

export async function confirmedCount(tx: Executor, eventId: string): Promise<number> {
  const [row] = await tx
    .select({ n: count() })
    .from(registrations)
    .where(and(eq(registrations.eventId, eventId), eq(registrations.status, 'confirmed')));
  return row?.n ?? 0;
}

export async function register(
  db: Db,
  input: RegisterInput,
  options: RegisterOptions,
): Promise<Result<Registration>> {
  const at = options.at ?? new Date();
  const lock = options.lock ?? lockEvent;
  // Who may register is decided before taking the event's lock: the lock then covers only what must be
  // serialised (seats and the insert), so that a rush waits as little as possible.
  const found = await getEvent(db, input.eventId);
  if (!found) return fail(404, 'not_found', m.eventNotFound());
  // A cancelled event says so before anything about the person (the window is checked again under the lock).
  const open = registrationWindow(found, at);
  if (!open.ok && open.error.code === 'event_cancelled') return open;
  const person = await getPerson(db, input.personId);
  if (!person) return fail(404, 'not_found', m.personNotFound());
  const eligible = await checkEligibility({ executor: db, event: found, person, at });
  if (!eligible.ok) return eligible;
  const mode = modeFor(found, input.mode);
  if (!mode.ok) return mode;
  return db.transaction(async (tx) => {
    await lock(tx, input.eventId);
    // Read again under the lock: capacity and window are those in force now.
    const event = await getEvent(tx, input.eventId);
    if (!event) return fail(404, 'not_found', m.eventNotFound());
    const window = registrationWindow(event, at);
    if (!window.ok) return window;
    const [existing] = await tx
      .select({ id: registrations.id, status: registrations.status })
      .from(registrations)
      .where(
        and(
          eq(registrations.eventId, event.id),
          eq(registrations.personId, person.id),
          ne(registrations.status, 'cancelled'),
        ),
      );
    if (existing) {
      const name = `${person.firstName} ${person.lastName}`;
      return fail(
        409,
        'already_registered',
        existing.status === 'confirmed' ? m.alreadyRegistered({ name }) : m.alreadyWaitlisted({ name }),
      );
    }
    const full = event.capacity !== null && (await confirmedCount(tx, event.id)) >= event.capacity;
    const [registration] = await tx
      .insert(registrations)
      .values({
        eventId: event.id,
        personId: person.id,
        status: full ? 'waitlisted' : 'confirmed',
        mode: mode.value,
        registeredBy: input.registeredBy,
      })
      .returning();
    await notify(
      tx,
      registration!.id,
      registration!.status === 'confirmed' ? 'confirmed' : 'waitlisted',
      options.settings,
    );
    if (registration!.status === 'confirmed')
      await scheduleReminders(tx, registration!.id, event, options.settings);
    await audit(tx, {
      actorId: input.registeredBy,
      action: 'register',
      entity: 'registration',
      entityId: registration!.id,
      data: { eventId: event.id, personId: person.id, status: registration!.status },
    });
    return ok(registration!);
  });
}

/** How many people a referent registers at once, at most (a crafted form could name thousands). */
export const colleaguesAtOnce = 200;

/**
 * A referent registers colleagues of their organisation, each told by mail. Someone who is not theirs to
 * register (another organisation's, oneself, an id that names nobody) is refused without a word about who
 * they are; the others are registered. The refusals, gathered, make one 422.
 */
export async function registerColleagues(
  db: Db,
  actor: Actor,
  eventId: string,
  personIds: readonly string[],
  options: RegisterOptions & { mode?: AttendanceMode | undefined },
): Promise<Result<{ registered: number }>> {
  const refusals: string[] = [];
  let registered = 0;
  for (const personId of personIds.slice(0, colleaguesAtOnce)) {
    const person = uuid.safeParse(personId).success ? await getPerson(db, personId) : undefined;
    if (!person || person.id === actor.personId || !organisationsPolicy.actFor(actor, person)) {
      refusals.push(m.notAColleague().text);
      continue;
    }
    const result = await register(
      db,
      { eventId, personId: person.id, mode: options.mode, registeredBy: actor.personId },
      options,
    );
    if (result.ok) registered++;
    else
      refusals.push(
        m.refusedFor({ name: `${person.firstName} ${person.lastName}`, reason: result.error.message }).text,
      );
  }
  if (refusals.length) return fail(422, 'not_registered', m.refusals({ refusals }));
  return ok({ registered });
}

/**
 * Staff registers someone by their address (the person must have an account): they are told by mail, as
 * when they register themselves. The mode counts only for a hybrid event.
 */
export async function registerByEmail(
  db: Db,
  input: { eventId: string; email: string; mode?: AttendanceMode | undefined; registeredBy: string },
  options: RegisterOptions,
): Promise<Result<Registration>> {
  const event = await getEvent(db, input.eventId);
  if (!event) return fail(404, 'not_found', m.eventNotFound());
  const email = input.email.trim();
  if (!email) return fail(400, 'invalid', m.emailToRegister(), { email: m.emailToRegister().text });
  const person = await findPersonByEmail(db, email);
  if (!person) {
    const refusal = m.nobodyWithEmail({ email });
    return fail(422, 'unknown_person', refusal, { email: refusal.text });
  }
  const mode = event.format === 'hybrid' ? input.mode : undefined;
  return register(
    db,
    { eventId: event.id, personId: person.id, mode, registeredBy: input.registeredBy },
    options,
  );
}
