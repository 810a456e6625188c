// Registering a person for an event: window, audience, one live registration per person, and never
// more confirmed than the capacity, whatever the concurrency.
import { randomUUID } from 'node:crypto';
import { eq, is, type Placeholder, sql } from 'drizzle-orm';
import { PgTransaction } from 'drizzle-orm/pg-core';
import { auditInsert } from '../../platform/db/audit.ts';
import { type Db, type Executor, queryRows } from '../../platform/db/client.ts';
import { isUniqueViolation } from '../../platform/db/errors.ts';
import { prepared, runNamed } from '../../platform/db/prepared.ts';
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
import { eventLockKey } from './lock.ts';
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
  /**
   * The key of the lock the registration takes (the event's). Replaced only by the test that proves the
   * lock is what prevents overselling: a key of its own for each registration is no lock at all.
   */
  lockKey?: (eventId: string) => string;
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
const confirmedOf = (eventId: Placeholder | string) =>
  sql<number>`(select count(*)::int from ${registrations}
    where ${registrations.eventId} = ${eventId}::uuid and ${registrations.status} = 'confirmed')`;

export async function confirmedCount(tx: Executor, eventId: string): Promise<number> {
  const [row] = await queryRows<{ n: number }>(tx, sql`select ${confirmedOf(eventId)} as n`);
  return row?.n ?? 0;
}

/**
 * The event as a registration reads it before taking the lock, with its row version (PostgreSQL's `xmin`,
 * new at every update of the row) and its confirmed seats then: under the lock, the registration is
 * written only if the event is still that version, so that the rules checked on it (window, audience,
 * mode, the mail's words) are those in force, without reading the event again while the lock is held.
 */
const eventWithVersion = prepared((executor) =>
  executor
    .select({
      event: events,
      version: sql<string>`xmin::text`,
      confirmed: confirmedOf(sql.placeholder('id')),
    })
    .from(events)
    .where(eq(events.id, sql.placeholder('id')))
    .prepare('event_with_version'),
);

/** How many times a registration starts again (see `register`'s `attempt`). */
const attempts = 3;

/**
 * `attempt` counts the starts: a registration starts again, on the event as it is then, when the event
 * changed while it waited for the lock, when a seat freed in an event full when it was read (its
 * confirmation mail was not made), or when the same person registered at the same instant.
 */
export async function register(
  db: Db,
  input: RegisterInput,
  options: RegisterOptions,
  attempt = 1,
): Promise<Result<Registration>> {
  const at = options.at ?? new Date();
  // Who may register is decided before taking the event's lock: the lock then covers only what must be
  // serialised (seats and the writes), so that a rush waits as little as possible. The event, the person
  // with their organisation's standing, and who registers them: two queries at once.
  const registrar = input.registeredBy && input.registeredBy !== input.personId ? input.registeredBy : null;
  const [[found], people] = await Promise.all([
    eventWithVersion(db).execute({ id: input.eventId }),
    peopleWithStanding(db, registrar ? [input.personId, registrar] : [input.personId], at),
  ]);
  const person = people.find((p) => p.id === input.personId);
  if (options.actFor) {
    if (!person) return fail(404, 'not_found', m.personNotFound());
    if (!options.actFor(person)) return fail(403, 'forbidden', m.forbidden());
  }
  if (!found) return fail(404, 'not_found', m.eventNotFound());
  const { event, version } = found;
  // A cancelled event says so before anything about the person.
  const open = registrationWindow(event, at);
  if (!open.ok && open.error.code === 'event_cancelled') return open;
  if (!person) return fail(404, 'not_found', m.personNotFound());
  const eligible = await checkEligibility({ executor: db, event, person, at, member: person.member });
  if (!eligible.ok) return eligible;
  const mode = modeFor(event, input.mode);
  if (!mode.ok) return mode;
  if (!open.ok) return open;
  const by = registrar ? people.find((p) => p.id === registrar) : undefined;

  // Everything the write needs is made before the lock, for each outcome foreseen: without a capacity, a
  // confirmed place; in an event full when read, the waiting list (a rush's many latecomers: no calendar
  // part to make for them); else both. The statement keeps the mail, reminders and audit row of the
  // status it decides, and writes nothing for an outcome not foreseen.
  const foreseen: ('confirmed' | 'waitlisted')[] =
    event.capacity === null
      ? ['confirmed']
      : found.confirmed >= event.capacity
        ? ['waitlisted']
        : ['confirmed', 'waitlisted'];
  const id = randomUUID();
  const byOther = by ? `${by.firstName} ${by.lastName}` : null;
  const decided = (status: RegistrationStatus) =>
    sql`exists (select 1 from registration where status = ${status})`;
  const parts = foreseen.map((status) => {
    const mail = noticeMail(
      status,
      { event, registration: { id, status, mode: mode.value }, person, byOther },
      options.settings,
    );
    const reminders = status === 'confirmed' ? reminderJobs(id, event, options.settings) : [];
    return {
      ...mailInserts(mail.content, { key: mail.key, when: decided(status) }, `mail_${status}`),
      ...(reminders.length ? { [`reminders_${status}`]: jobsInsert(reminders, decided(status)) } : {}),
      [`audit_${status}`]: auditInsert({
        actorId: input.registeredBy,
        action: 'register',
        entity: 'registration',
        entityId: id,
        data: { eventId: event.id, personId: person.id, status },
        when: decided(status),
      }),
    };
  });
  const write = together(
    {
      // The event's lock, then the status its seats give, if it is still as it was read (null if not).
      seen: sql`select registration_seat(${event.id}::uuid, ${version}, ${(options.lockKey ?? eventLockKey)(event.id)}) as status`,
      existing: sql`select ${registrations.status} as status from ${registrations}
        where ${registrations.eventId} = ${event.id}::uuid and ${registrations.personId} = ${person.id}::uuid
          and ${registrations.status} <> 'cancelled' limit 1`,
      registration: sql`insert into ${registrations} (id, event_id, person_id, status, mode, registered_by)
        select ${id}::uuid, ${event.id}::uuid, ${person.id}::uuid, status, ${mode.value}, ${input.registeredBy}::uuid
        from seen where status in ${foreseen} and not exists (select 1 from existing)
        returning status, created_at`,
      ...Object.assign({}, ...parts),
    },
    sql`select (select status from registration) as status, (select created_at from registration) as created_at,
      (select status from existing) as existing`,
  );

  // One statement, one round trip, no transaction of its own: the lock is held from the function's taking
  // it to the statement's commit, without a round trip to this process in between. Within a caller's
  // transaction, a savepoint: a refused row must not end that transaction.
  type Outcome = {
    status: 'confirmed' | 'waitlisted' | null;
    created_at: Date | string | null;
    existing: RegistrationStatus | null;
  };
  const run = (executor: Executor) => runNamed<Outcome>(executor, write);
  let rows: Outcome[];
  try {
    rows = await (is(db, PgTransaction) ? db.transaction(run) : run(db));
  } catch (error) {
    // The same person registered at the same instant, by another request (a double click): the unique
    // index of live registrations refused the second; starting again reads the first, and says so.
    if (!isUniqueViolation(error) || attempt >= attempts) throw error;
    return register(db, input, options, attempt + 1);
  }
  const outcome = rows[0]!;
  if (outcome.existing) {
    const name = `${person.firstName} ${person.lastName}`;
    return fail(
      409,
      'already_registered',
      outcome.existing === 'confirmed' ? m.alreadyRegistered({ name }) : m.alreadyWaitlisted({ name }),
    );
  }
  if (!outcome.status) {
    // The event changed (or went) while this registration waited, or a seat freed that was not foreseen.
    return attempt < attempts
      ? register(db, input, options, attempt + 1)
      : fail(409, 'conflict', m.eventJustChanged());
  }
  return ok({
    id,
    eventId: event.id,
    personId: person.id,
    status: outcome.status,
    mode: mode.value,
    registeredBy: input.registeredBy,
    createdAt: new Date(outcome.created_at!),
    promotedAt: null,
    cancelledAt: null,
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
