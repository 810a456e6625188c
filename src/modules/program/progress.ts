// Progress along the path: the one place where the certification rule is written.
// A participant is certified after attending at least `minSessions` sessions including every mandatory
// one. Attendance comes only from the agenda's attendance records.
import type { Executor } from '../../platform/db/client.ts';
import { attendanceByPerson, participationOf } from '../events/registrations.queries.ts';
import type { Program } from './programs.ts';
import { listSessions, type SessionWithEvent } from './programs.ts';

export type SessionState = 'attended' | 'registered' | 'waitlisted' | 'missed' | 'upcoming';
export type Standing = 'eligible' | 'on_track' | 'at_risk';

export interface RuleInput {
  minSessions: number;
  sessions: { mandatory: boolean; ended: boolean; attended: boolean }[];
}

export interface RuleOutcome {
  attended: number;
  mandatoryAttended: number;
  mandatoryTotal: number;
  minSessions: number;
  eligible: boolean;
  /** eligible; on track (can still make it); at risk (cannot make it any more with the sessions left). */
  standing: Standing;
  /** Sessions still to attend, and the mandatory ones not yet attended. */
  remaining: number;
  mandatoryRemaining: number;
}

export function applyRule({ minSessions, sessions }: RuleInput): RuleOutcome {
  const attended = sessions.filter((s) => s.attended).length;
  const mandatory = sessions.filter((s) => s.mandatory);
  const mandatoryAttended = mandatory.filter((s) => s.attended).length;
  const eligible = attended >= minSessions && mandatoryAttended === mandatory.length;
  const stillOpen = sessions.filter((s) => !s.ended && !s.attended).length;
  const mandatoryMissed = mandatory.some((s) => s.ended && !s.attended);
  const standing: Standing = eligible
    ? 'eligible'
    : mandatoryMissed || attended + stillOpen < minSessions
      ? 'at_risk'
      : 'on_track';
  return {
    attended,
    mandatoryAttended,
    mandatoryTotal: mandatory.length,
    minSessions,
    eligible,
    standing,
    // The mandatory sessions not yet attended are to attend whatever the count: 4 ordinary sessions of 5
    // leave 2 to attend when both mandatory ones are missing, not 1.
    remaining: eligible ? 0 : Math.max(minSessions - attended, mandatory.length - mandatoryAttended),
    mandatoryRemaining: mandatory.length - mandatoryAttended,
  };
}

export interface SessionProgress extends SessionWithEvent {
  state: SessionState;
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
    const ended = s.event.endsAt <= at;
    const state: SessionState = p.attended
      ? 'attended'
      : ended
        ? 'missed'
        : p.status === 'confirmed'
          ? 'registered'
          : p.status === 'waitlisted'
            ? 'waitlisted'
            : 'upcoming';
    return { ...s, state };
  });
  const outcome = applyRule({
    minSessions: program.minSessions,
    sessions: detailed.map((s) => ({
      mandatory: s.mandatory,
      ended: s.event.endsAt <= at,
      attended: s.state === 'attended',
    })),
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
          sessions: sessions.map((s) => ({
            mandatory: s.mandatory,
            ended: s.event.endsAt <= at,
            attended: mine.has(s.eventId),
          })),
        }),
      ];
    }),
  );
}
