// « Inscrivez-moi à toute la saison »: a person registers, in one click, for every session to come of one
// season of a series, each through register() (window, audience, capacity, mail). Sessions they may not see
// (a restricted one they are not invited to) are left out unsaid; every other session says how it went.
import { and, asc, eq, gt, isNull } from 'drizzle-orm';
import type { Db, Executor } from '../../platform/db/client.ts';
import type { Actor } from '../../platform/http/actor.ts';
import { fail, ok, type Result } from '../../platform/result.ts';
import { eventsMessages as m } from './events.messages.ts';
import { eventsPolicy } from './events.policy.ts';
import { eventSeries, events } from './events.schema.ts';
import type { Event } from './events.ts';
import { type RegisterOptions, register } from './register.ts';

export interface SeasonRegistration {
  seriesId: string;
  seriesTitle: string;
  season: number;
  /** Registered, a seat for each. */
  registered: Event[];
  /** Full: on the waiting list. */
  waitlisted: Event[];
  /** Already registered (or waiting) before the click: nothing changed. */
  already: Event[];
  /** Refused, with why (members only, registrations closed…). */
  refused: { event: Event; reason: string }[];
}

/** The series and the sessions to come of one of its seasons, not cancelled, soonest first. */
export async function seasonSessionsToCome(executor: Executor, seriesId: string, season: number, at: Date) {
  const [series] = await executor.select().from(eventSeries).where(eq(eventSeries.id, seriesId));
  if (!series) return undefined;
  const sessions = await executor
    .select()
    .from(events)
    .where(
      and(
        eq(events.seriesId, seriesId),
        eq(events.season, season),
        isNull(events.cancelledAt),
        gt(events.startsAt, at),
      ),
    )
    .orderBy(asc(events.startsAt), asc(events.id));
  return { series, sessions };
}

export async function registerForSeason(
  db: Db,
  actor: Actor,
  input: { seriesId: string; season: number },
  options: RegisterOptions,
): Promise<Result<SeasonRegistration>> {
  const at = options.at ?? new Date();
  const found = await seasonSessionsToCome(db, input.seriesId, input.season, at);
  if (!found) return fail(404, 'not_found', m.seriesGone());
  const visible: Event[] = [];
  for (const event of found.sessions) if (await eventsPolicy.see(db, actor, event)) visible.push(event);
  if (visible.length === 0) return fail(422, 'nothing_to_come', m.seasonNothingToCome());
  const result: SeasonRegistration = {
    seriesId: found.series.id,
    seriesTitle: found.series.title,
    season: input.season,
    registered: [],
    waitlisted: [],
    already: [],
    refused: [],
  };
  for (const event of visible) {
    const done = await register(
      db,
      { eventId: event.id, personId: actor.personId, registeredBy: actor.personId },
      { ...options, at },
    );
    if (done.ok) (done.value.status === 'confirmed' ? result.registered : result.waitlisted).push(event);
    else if (done.error.code === 'already_registered') result.already.push(event);
    else result.refused.push({ event, reason: done.error.message });
  }
  return ok(result);
}
