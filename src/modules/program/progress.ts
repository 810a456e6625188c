// Progress along the path: the one place where the certification rule is written.
// A participant is certified after attending at least `minSessions` sessions including every mandatory
// one. Attendance comes only from the agenda's attendance records. Where they stand is told from what
// remains: a session not yet started is « left »; one in progress can still be attended (a late arrival is
// checked in at the door); one over without them is missed; a cancelled one neither counts nor remains.
import type { Executor } from '../../platform/db/client.ts';
import { attendanceByPerson, participationOf } from '../events/registrations.queries.ts';
import type { Program } from './programs.ts';
import { listSessions, type SessionWithEvent } from './programs.ts';

export type SessionState =
  | 'attended'
  | 'registered'
  | 'waitlisted'
  | 'missed'
  | 'ongoing'
  | 'upcoming'
  | 'cancelled';

/**
 * eligible: the rule is met (« certifiable » until a certificate is issued);
 * on_track: it can still be met, with room to spare;
 * at_risk: it can still be met, but sessions were missed and one more missed at most leaves it possible;
 * out_of_reach: it cannot be met any more with the sessions left (a mandatory one missed, or too few left).
 */
export const standings = ['eligible', 'on_track', 'at_risk', 'out_of_reach'] as const;
export type Standing = (typeof standings)[number];

export interface RuleSession {
  mandatory: boolean;
  /** Over: its end has passed. */
  ended: boolean;
  /** Started: not « left » any more (in progress when not ended). */
  started: boolean;
  attended: boolean;
  /** A cancelled session is out of the count: not attended, not missed, not left. */
  cancelled?: boolean;
}

export interface RuleInput {
  minSessions: number;
  sessions: RuleSession[];
}

export interface RuleOutcome {
  attended: number;
  mandatoryAttended: number;
  /** Mandatory sessions that take place (cancelled ones aside). */
  mandatoryTotal: number;
  minSessions: number;
  eligible: boolean;
  standing: Standing;
  /** Sessions still to attend to meet the rule, and the mandatory ones among them (0 once eligible). */
  remaining: number;
  mandatoryRemaining: number;
  /** Sessions not started yet (cancelled ones aside). */
  left: number;
  /** Sessions over without the participant (cancelled ones aside). */
  missed: number;
}

/** How many more sessions one may miss and still qualify, at most, before saying « à risque ». */
const riskMargin = 1;

export function applyRule({ minSessions, sessions }: RuleInput): RuleOutcome {
  const held = sessions.filter((s) => !s.cancelled);
  const attended = held.filter((s) => s.attended).length;
  const mandatory = held.filter((s) => s.mandatory);
  const mandatoryAttended = mandatory.filter((s) => s.attended).length;
  const eligible = attended >= minSessions && mandatoryAttended === mandatory.length;
  // Still attendable: not started, or in progress (a late arrival is checked in).
  const open = held.filter((s) => !s.attended && !s.ended);
  const missed = held.filter((s) => !s.attended && s.ended).length;
  const mandatoryMissed = mandatory.some((s) => s.ended && !s.attended);
  // The mandatory sessions not yet attended are to attend whatever the count: 4 ordinary sessions of 5
  // leave 2 to attend when both mandatory ones are missing, not 1.
  const needed = eligible ? 0 : Math.max(minSessions - attended, mandatory.length - mandatoryAttended);
  const possible = !mandatoryMissed && attended + open.length >= minSessions;
  // Room to spare: how many of the sessions still open one may skip. Nobody is « à risque » before missing
  // a session: at the start of an edition whose every session is required, each participant is on track.
  const slack = open.length - needed;
  const standing: Standing = eligible
    ? 'eligible'
    : !possible
      ? 'out_of_reach'
      : missed > 0 && slack <= riskMargin
        ? 'at_risk'
        : 'on_track';
  return {
    attended,
    mandatoryAttended,
    mandatoryTotal: mandatory.length,
    minSessions,
    eligible,
    standing,
    remaining: needed,
    mandatoryRemaining: eligible ? 0 : mandatory.length - mandatoryAttended,
    left: held.filter((s) => !s.started).length,
    missed,
  };
}

export interface SessionProgress extends SessionWithEvent {
  state: SessionState;
}

/** A session as the rule reads it, at an instant. */
function ruleSession(s: SessionWithEvent, attended: boolean, at: Date): RuleSession {
  return {
    mandatory: s.mandatory,
    ended: s.event.endsAt <= at,
    started: s.event.startsAt <= at,
    attended,
    cancelled: s.event.cancelledAt !== null,
  };
}

export async function participantProgress(
  executor: Executor,
  program: Program,
  personId: string,
  at = new Date(),
) {
  const sessions = await listSessions(executor, program.id);
  const participation = await participationOf(
    executor,
    personId,
    sessions.map((s) => s.eventId),
  );
  const detailed: SessionProgress[] = sessions.map((s) => {
    const p = participation.get(s.eventId)!;
    const state: SessionState =
      s.event.cancelledAt !== null
        ? 'cancelled'
        : p.attended
          ? 'attended'
          : s.event.endsAt <= at
            ? 'missed'
            : s.event.startsAt <= at
              ? 'ongoing'
              : p.status === 'confirmed'
                ? 'registered'
                : p.status === 'waitlisted'
                  ? 'waitlisted'
                  : 'upcoming';
    return { ...s, state };
  });
  const outcome = applyRule({
    minSessions: program.minSessions,
    sessions: detailed.map((s) => ruleSession(s, s.state === 'attended', at)),
  });
  return { sessions: detailed, ...outcome };
}

/** The whole cohort at once (for staff's table and certificate issuing). */
export async function cohortProgress(
  executor: Executor,
  program: Program,
  personIds: string[],
  at = new Date(),
) {
  const sessions = await listSessions(executor, program.id);
  const attended = await attendanceByPerson(
    executor,
    personIds,
    sessions.map((s) => s.eventId),
  );
  return new Map(
    personIds.map((personId) => {
      const mine = attended.get(personId) ?? new Set<string>();
      return [
        personId,
        applyRule({
          minSessions: program.minSessions,
          sessions: sessions.map((s) => ruleSession(s, mine.has(s.eventId), at)),
        }),
      ];
    }),
  );
}
