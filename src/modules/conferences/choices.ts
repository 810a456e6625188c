// A person's own programme: the workshops and micro-workshops they choose. A session never has more
// confirmed choices than seats, whatever the rush (the same guarantee as the agenda's registrations: an
// advisory lock per session, then the count); two sessions at the same time are refused.

import { randomUUID } from 'node:crypto';
import { and, asc, eq, inArray, isNull, ne, sql } from 'drizzle-orm';
import { audit, auditInsert } from '../../platform/db/audit.ts';
import type { Db, Executor } from '../../platform/db/client.ts';
import { prepared, runNamed } from '../../platform/db/prepared.ts';
import { together } from '../../platform/db/together.ts';
import { fail, ok, type Result } from '../../platform/result.ts';
import { formatDay, parisDate } from '../../platform/time.ts';
import { eventEndOf, registrationPersonOf, registrationStatusOf } from '../events/registrations.queries.ts';
import { type Person, selectPersonWith } from '../organisations/people.ts';
import { conferencesMessages as m } from './conferences.messages.ts';
import {
  type ChoiceStatus,
  conferenceChoices,
  conferenceRooms,
  conferenceSessions,
} from './conferences.schema.ts';
import { choosableKinds, sessionWhen } from './conferences.ts';
import { lock } from './lock.ts';

export type Choice = typeof conferenceChoices.$inferSelect;

/** The key of a session's lock (as `eventLockKey` for an event's). */
export const sessionLockKey = (sessionId: string) => `conference-session:${sessionId}`;

export interface ChoiceOptions {
  /** May the actor change this person's programme (theirs, a colleague's as referent, anyone's as staff)? */
  actFor: (person: Person) => boolean;
  /** Staff may place someone in a session reserved to invited people. */
  staff: boolean;
  at?: Date;
  /**
   * The key of the session's lock. Replaced only by the test that proves the lock is what prevents
   * overselling: a key of its own for each choice is no lock at all.
   */
  lockKey?: (sessionId: string) => string;
}

/** The seats of a session: its own number, or its room's; null when neither says (no limit). */
const seatsOf = sql<number | null>`coalesce(${conferenceSessions.capacity}, ${conferenceRooms.capacity})`;

/** Confirmed choices of a session whose registration to the Rencontres still holds. */
async function confirmedChoices(tx: Executor, sessionId: string): Promise<number> {
  const [row] = await tx
    .select({ n: sql<number>`count(*)::int` })
    .from(conferenceChoices)
    .where(
      and(
        eq(conferenceChoices.sessionId, sessionId),
        eq(conferenceChoices.status, 'confirmed'),
        ne(registrationStatusOf(conferenceChoices.registrationId), 'cancelled'),
      ),
    );
  return row!.n;
}

/** A session with its seats, by id (prepared: every choice reads it). */
const sessionWithSeats = prepared((executor) =>
  executor
    .select({ session: conferenceSessions, seats: seatsOf })
    .from(conferenceSessions)
    .leftJoin(conferenceRooms, eq(conferenceRooms.id, conferenceSessions.roomId))
    .where(eq(conferenceSessions.id, sql.placeholder('id')))
    .prepare('conference_session_with_seats'),
);

/**
 * What a choice checks before any lock, in one prepared statement: the person of the registration, the
 * registration's status, its edition (null: not a registration to the Rencontres), the days it attends and
 * the edition's end. (Every choice of a rush reads it: statements and round trips are its cost, decision 026.)
 */
const registrationContext = prepared((executor) => {
  const id = sql`${sql.placeholder('id')}::uuid`;
  const conferenceOf = sql`(select cr.conference_id from conference_registrations cr where cr.registration_id = ${id})`;
  return selectPersonWith(executor, registrationPersonOf(id), {
    status: registrationStatusOf(id),
    conferenceId: sql<string | null>`${conferenceOf}`,
    days: sql<
      string[] | null
    >`(select cr.days from conference_registrations cr where cr.registration_id = ${id})`,
    endsAt: eventEndOf(sql`(select c.event_id from conferences c where c.id = ${conferenceOf})`),
  }).prepare('conference_choice_context');
});

/** The checks before any lock: who, which session, in which state; what the lock then decides is the seat. */
async function choosing(
  executor: Executor,
  registrationId: string,
  sessionId: string,
  options: ChoiceOptions,
) {
  const [[found], [row]] = await Promise.all([
    registrationContext(executor).execute({ id: registrationId }),
    sessionWithSeats(executor).execute({ id: sessionId }),
  ]);
  if (!found?.conferenceId) return fail(404, 'not_found', m.registrationNotFound());
  if (!options.actFor(found.person)) return fail(403, 'forbidden', m.forbidden());
  if (!row || row.session.conferenceId !== found.conferenceId)
    return fail(404, 'not_found', m.sessionNotFound());
  if ((options.at ?? new Date()) >= new Date(found.endsAt)) return fail(422, 'ended', m.ended());
  return ok({
    status: found.status,
    days: found.days ?? [],
    session: row.session,
    seats: row.seats === null ? null : Number(row.seats),
  });
}

/** Adds a session to a person's programme: `confirmed` within its seats, `waitlisted` beyond. */
export async function chooseSession(
  db: Db,
  registrationId: string,
  sessionId: string,
  options: ChoiceOptions,
): Promise<Result<Choice>> {
  const found = await choosing(db, registrationId, sessionId, options);
  if (!found.ok) return found;
  const { session, status, days, seats } = found.value;
  if (session.cancelledAt) return fail(422, 'session_cancelled', m.sessionCancelled());
  if (!choosableKinds.includes(session.kind)) return fail(422, 'not_choosable', m.notChoosable());
  if (session.invitationOnly && !options.staff) return fail(403, 'forbidden', m.invitationOnly());
  if (status === 'cancelled') return fail(409, 'registration_cancelled', m.registrationCancelled());
  if (status !== 'confirmed') return fail(409, 'not_confirmed', m.notConfirmed());
  const day = parisDate(session.startsAt);
  if (days.length && !days.includes(day))
    return fail(422, 'not_attending', m.notAttendingThatDay({ day: formatDay(session.startsAt) }));

  return db.transaction(async (tx) => {
    // The person's programme first (two choices of theirs at once), then the session's seats: always in this
    // order, so that two choices never wait for each other.
    await lock(tx, `conference-registration:${registrationId}`);
    await lock(tx, (options.lockKey ?? sessionLockKey)(sessionId));
    const live = await tx
      .select({ choice: conferenceChoices, session: conferenceSessions })
      .from(conferenceChoices)
      .innerJoin(conferenceSessions, eq(conferenceSessions.id, conferenceChoices.sessionId))
      .where(
        and(
          eq(conferenceChoices.registrationId, registrationId),
          ne(conferenceChoices.status, 'cancelled'),
          isNull(conferenceSessions.cancelledAt),
        ),
      );
    if (live.some((c) => c.session.id === sessionId)) return fail(409, 'already_chosen', m.alreadyChosen());
    const clash = live.find(
      (c) => c.session.startsAt < session.endsAt && c.session.endsAt > session.startsAt,
    );
    if (clash)
      return fail(
        409,
        'overlap',
        m.overlap({ title: clash.session.title, when: sessionWhen(clash.session) }),
      );
    // The seat is counted in the statement that writes the choice, which starts after the lock was granted:
    // it sees every choice committed before. The choice and its audit row go in that one statement.
    const id = randomUUID();
    const confirmedSoFar = sql`(select count(*) from conference_choices c where c.session_id = ${sessionId}::uuid
      and c.status = 'confirmed' and ${registrationStatusOf(sql`c.registration_id`)} <> 'cancelled')`;
    const audited = (status: ChoiceStatus) =>
      auditInsert({
        actorId: null,
        action: 'choose',
        entity: 'conference_choice',
        entityId: id,
        data: { registrationId, sessionId, status },
        when: sql`exists (select 1 from choice where status = ${status})`,
      });
    const [row] = await runNamed<{ status: ChoiceStatus; created_at: Date | string }>(
      tx,
      together(
        {
          choice: sql`insert into ${conferenceChoices} (id, registration_id, session_id, status)
            select ${id}::uuid, ${registrationId}::uuid, ${sessionId}::uuid,
              case when ${seats}::int is null or ${confirmedSoFar} < ${seats}::int then 'confirmed' else 'waitlisted' end
            returning status, created_at`,
          confirmed: audited('confirmed'),
          waitlisted: audited('waitlisted'),
        },
        sql`select status, created_at from choice`,
      ),
    );
    return ok({
      id,
      registrationId,
      sessionId,
      status: row!.status,
      createdAt: new Date(row!.created_at),
      cancelledAt: null,
      presentAt: null,
    });
  });
}

/** Takes a session out of a person's programme; the first one waiting for a seat gets it. */
export async function dropSession(
  db: Db,
  registrationId: string,
  sessionId: string,
  options: ChoiceOptions,
): Promise<Result<{ promoted: string | null }>> {
  const found = await choosing(db, registrationId, sessionId, options);
  if (!found.ok) return found;
  const { seats } = found.value;
  return db.transaction(async (tx) => {
    await lock(tx, `conference-registration:${registrationId}`);
    await lock(tx, sessionLockKey(sessionId));
    const [dropped] = await tx
      .select()
      .from(conferenceChoices)
      .where(
        and(
          eq(conferenceChoices.registrationId, registrationId),
          eq(conferenceChoices.sessionId, sessionId),
          ne(conferenceChoices.status, 'cancelled'),
        ),
      );
    if (!dropped) return fail(404, 'not_chosen', m.notChosen());
    await tx
      .update(conferenceChoices)
      .set({ status: 'cancelled', cancelledAt: new Date() })
      .where(eq(conferenceChoices.id, dropped.id));
    await audit(tx, { actorId: null, action: 'drop', entity: 'conference_choice', entityId: dropped.id });
    // A seat freed goes to the first one waiting; a place on the waiting list frees nothing.
    if (
      dropped.status !== 'confirmed' ||
      (seats !== null && (await confirmedChoices(tx, sessionId)) >= seats)
    )
      return ok({ promoted: null });
    const [next] = await tx
      .select({ id: conferenceChoices.id })
      .from(conferenceChoices)
      .where(
        and(
          eq(conferenceChoices.sessionId, sessionId),
          eq(conferenceChoices.status, 'waitlisted'),
          eq(registrationStatusOf(conferenceChoices.registrationId), 'confirmed'),
        ),
      )
      .orderBy(asc(conferenceChoices.createdAt))
      .limit(1);
    if (!next) return ok({ promoted: null });
    await tx.update(conferenceChoices).set({ status: 'confirmed' }).where(eq(conferenceChoices.id, next.id));
    await audit(tx, { actorId: null, action: 'promote', entity: 'conference_choice', entityId: next.id });
    return ok({ promoted: next.id });
  });
}

/** A person's programme at an edition: their live choices with their sessions, in time order. */
export async function programmeOf(executor: Executor, registrationId: string) {
  return executor
    .select({ choice: conferenceChoices, session: conferenceSessions })
    .from(conferenceChoices)
    .innerJoin(conferenceSessions, eq(conferenceSessions.id, conferenceChoices.sessionId))
    .where(
      and(eq(conferenceChoices.registrationId, registrationId), ne(conferenceChoices.status, 'cancelled')),
    )
    .orderBy(asc(conferenceSessions.startsAt));
}

/** How full each choosable session of an edition is: confirmed, waiting, seats. */
export async function fillOfSessions(executor: Executor, conferenceId: string) {
  const rows = await executor
    .select({
      sessionId: conferenceSessions.id,
      seats: seatsOf,
      confirmed: sql<number>`count(*) filter (where ${conferenceChoices.status} = 'confirmed' and ${registrationStatusOf(conferenceChoices.registrationId)} <> 'cancelled')::int`,
      waitlisted: sql<number>`count(*) filter (where ${conferenceChoices.status} = 'waitlisted' and ${registrationStatusOf(conferenceChoices.registrationId)} <> 'cancelled')::int`,
    })
    .from(conferenceSessions)
    .leftJoin(conferenceRooms, eq(conferenceRooms.id, conferenceSessions.roomId))
    .leftJoin(conferenceChoices, eq(conferenceChoices.sessionId, conferenceSessions.id))
    .where(
      and(
        eq(conferenceSessions.conferenceId, conferenceId),
        inArray(conferenceSessions.kind, [...choosableKinds]),
      ),
    )
    .groupBy(conferenceSessions.id, conferenceRooms.capacity);
  return new Map(
    rows.map((r) => [
      r.sessionId,
      { seats: r.seats === null ? null : Number(r.seats), confirmed: r.confirmed, waitlisted: r.waitlisted },
    ]),
  );
}
