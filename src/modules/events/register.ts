// Registering a person for an event: window, audience, one live registration per person, and never
// more confirmed than the capacity, whatever the concurrency.
import { randomUUID } from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import { auditInsert } from '../../platform/db/audit.ts';
import { type Db, type Executor, queryRows } from '../../platform/db/client.ts';
import { together } from '../../platform/db/together.ts';
import type { Actor } from '../../platform/http/actor.ts';
import { jobsInsert } from '../../platform/jobs/queue.ts';
import { mailInserts } from '../../platform/mail/mail.tsx';
import { fail, ok, type Result } from '../../platform/result.ts';
import { uuid } from '../../platform/validation.ts';
import { peopleWithStanding } from '../organisations/memberships.ts';
import { organisationsPolicy } from '../organisations/organisations.policy.ts';
import { findPersonByEmail, getPerson, type Person } from '../organisations/people.ts';
import { checkEligibility } from './eligibility.ts';
import { eventsMessages as m } from './events.messages.ts';
import { type AttendanceMode, events, type RegistrationStatus, registrations } from './events.schema.ts';
import { type Event, getEvent } from './events.ts';
import { type EventLock, lockEvent } from './lock.ts';
import { type NotificationSettings, noticeMail, reminderJobs } from './notifications.ts';

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
  /**
   * May the one registering act for this person? Checked first (an unknown person: 404, another's: 403),
   * on the person register() reads anyway, so that a route does not read them once more to decide.
   */
  actFor?: (person: Person) => boolean;
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

/**
 * How many confirmed registrations an event has, as an SQL expression. Drizzle names columns without
 * their table in a one-table select, so the event is a value here, never the outer query's column.
 */
const confirmedOf = (eventId: string) =>
  sql<number>`(select count(*)::int from ${registrations}
    where ${registrations.eventId} = ${eventId}::uuid and ${registrations.status} = 'confirmed')`;

export async function confirmedCount(tx: Executor, eventId: string): Promise<number> {
  const [row] = await queryRows<{ n: number }>(tx, sql`select ${confirmedOf(eventId)} as n`);
  return row?.n ?? 0;
}

/**
 * What a registration reads once it holds the event's lock, in one statement: the event as it is now, the
 * person's live registration if any, and the confirmed seats.
 */
async function underLock(tx: Executor, eventId: string, personId: string) {
  const [row] = await tx
    .select({
      event: events,
      existing: sql<RegistrationStatus | null>`(select ${registrations.status} from ${registrations}
        where ${registrations.eventId} = ${eventId}::uuid and ${registrations.personId} = ${personId}::uuid
          and ${registrations.status} <> 'cancelled' limit 1)`,
      confirmed: confirmedOf(eventId),
    })
    .from(events)
    .where(eq(events.id, eventId));
  return row;
}

export async function register(
  db: Db,
  input: RegisterInput,
  options: RegisterOptions,
): Promise<Result<Registration>> {
  const at = options.at ?? new Date();
  const lock = options.lock ?? lockEvent;
  // Who may register is decided before taking the event's lock: the lock then covers only what must be
  // serialised (seats and the writes), so that a rush waits as little as possible. The event, the person
  // with their organisation's standing, and who registers them: two queries at once.
  const registrar = input.registeredBy && input.registeredBy !== input.personId ? input.registeredBy : null;
  const [found, people] = await Promise.all([
    getEvent(db, input.eventId),
    peopleWithStanding(db, registrar ? [input.personId, registrar] : [input.personId], at),
  ]);
  const person = people.find((p) => p.id === input.personId);
  if (options.actFor) {
    if (!person) return fail(404, 'not_found', m.personNotFound());
    if (!options.actFor(person)) return fail(403, 'forbidden', m.forbidden());
  }
  if (!found) return fail(404, 'not_found', m.eventNotFound());
  // A cancelled event says so before anything about the person (the window is checked again under the lock).
  const open = registrationWindow(found, at);
  if (!open.ok && open.error.code === 'event_cancelled') return open;
  if (!person) return fail(404, 'not_found', m.personNotFound());
  const eligible = await checkEligibility({ executor: db, event: found, person, at, member: person.member });
  if (!eligible.ok) return eligible;
  const mode = modeFor(found, input.mode);
  if (!mode.ok) return mode;
  const by = registrar ? people.find((p) => p.id === registrar) : undefined;
  return db.transaction(async (tx) => {
    await lock(tx, input.eventId);
    // Read again under the lock: capacity and window are those in force now.
    const now = await underLock(tx, input.eventId, person.id);
    if (!now) return fail(404, 'not_found', m.eventNotFound());
    const { event } = now;
    const window = registrationWindow(event, at);
    if (!window.ok) return window;
    if (now.existing) {
      const name = `${person.firstName} ${person.lastName}`;
      return fail(
        409,
        'already_registered',
        now.existing === 'confirmed' ? m.alreadyRegistered({ name }) : m.alreadyWaitlisted({ name }),
      );
    }
    const full = event.capacity !== null && now.confirmed >= event.capacity;
    const status = full ? 'waitlisted' : 'confirmed';
    // The registration, its mail and mail job, its reminders and its audit row: one statement, so that the
    // lock is held for three round trips (lock, read, write) and the commit.
    const id = randomUUID();
    const mail = noticeMail(
      status,
      {
        event,
        registration: { id, status, mode: mode.value },
        person,
        byOther: by ? `${by.firstName} ${by.lastName}` : null,
      },
      options.settings,
    );
    const reminders = status === 'confirmed' ? reminderJobs(id, event, options.settings) : [];
    const [written] = await queryRows<{ created_at: Date | string }>(
      tx,
      together(
        {
          registration: sql`insert into ${registrations} (id, event_id, person_id, status, mode, registered_by)
            values (${id}::uuid, ${event.id}::uuid, ${person.id}::uuid, ${status}, ${mode.value},
              ${input.registeredBy}::uuid) returning created_at`,
          ...mailInserts(mail.content, { key: mail.key }),
          ...(reminders.length ? { reminders: jobsInsert(reminders) } : {}),
          audit: auditInsert({
            actorId: input.registeredBy,
            action: 'register',
            entity: 'registration',
            entityId: id,
            data: { eventId: event.id, personId: person.id, status },
          }),
        },
        sql`select created_at from registration`,
      ),
    );
    return ok({
      id,
      eventId: event.id,
      personId: person.id,
      status,
      mode: mode.value,
      registeredBy: input.registeredBy,
      createdAt: new Date(written!.created_at),
      promotedAt: null,
      cancelledAt: null,
    });
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
