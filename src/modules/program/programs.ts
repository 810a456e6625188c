// Editions of « Diplomates des territoires » and their sessions (events of the agenda).
import { and, asc, eq } from 'drizzle-orm';
import { z } from 'zod';
import { audit } from '../../platform/db/audit.ts';
import type { Executor } from '../../platform/db/client.ts';
import { fail, ok, type Result } from '../../platform/result.ts';
import { fieldErrors, isoDate, optional, text, uuid } from '../../platform/validation.ts';
import { type Event, getEvent, getEventsByIds, setEventAudience } from '../events/events.ts';
import { programMessages as m } from './program.messages.ts';
import { programSessions, programs } from './program.schema.ts';

export type Program = typeof programs.$inferSelect;
export type ProgramSession = typeof programSessions.$inferSelect;

const dateTime = z.iso
  .datetime({ offset: true, error: m.dateTimeExpected().text })
  .transform((v) => new Date(v));

export const programInput = z.object({
  title: text(300),
  minSessions: z.coerce
    .number({ error: m.sessionCountExpected().text })
    .int(m.wholeNumber().text)
    .min(1, m.atLeastOneSession().text)
    .max(100, m.atMost100Sessions().text),
  cohortSize: optional(
    z.coerce
      .number()
      .int(m.wholeNumber().text)
      .min(1, m.atLeastOnePlace().text)
      .max(10_000, m.sizeTooLarge().text),
  ),
  interestOpensOn: optional(isoDate),
  applicationsOpenAt: optional(dateTime),
  applicationsCloseAt: optional(dateTime),
  certificatesOn: optional(isoDate),
  signatoryName: optional(z.string().trim().max(200)),
  signatoryTitle: optional(z.string().trim().max(200)),
});

export async function createProgram(
  executor: Executor,
  input: unknown,
  actorId: string | null,
): Promise<Result<Program>> {
  const parsed = programInput.safeParse(input);
  if (!parsed.success) return fail(400, 'invalid', m.invalid(), fieldErrors(parsed.error));
  const [program] = await executor.insert(programs).values(parsed.data).returning();
  await audit(executor, {
    actorId,
    action: 'create',
    entity: 'program',
    entityId: program!.id,
    data: { title: program!.title },
  });
  return ok(program!);
}

export async function getProgram(executor: Executor, id: string): Promise<Program | undefined> {
  const [row] = await executor.select().from(programs).where(eq(programs.id, id));
  return row;
}

export async function listPrograms(executor: Executor): Promise<Program[]> {
  return executor.select().from(programs).orderBy(asc(programs.createdAt));
}

export const sessionInput = z.object({
  eventId: uuid,
  mandatory: z.boolean({ error: m.trueOrFalse().text }).default(false),
  cohortOnly: z.boolean({ error: m.trueOrFalse().text }).default(false),
});

/** Links an event to an edition; a cohort-only session takes the `cohort` audience of the agenda. */
export async function addSession(
  executor: Executor,
  programId: string,
  input: unknown,
  actorId: string | null,
): Promise<Result<ProgramSession>> {
  const parsed = sessionInput.safeParse(input);
  if (!parsed.success) return fail(400, 'invalid', m.invalid(), fieldErrors(parsed.error));
  if (!(await getProgram(executor, programId))) return fail(404, 'not_found', m.programNotFound());
  if (!(await getEvent(executor, parsed.data.eventId))) {
    return fail(422, 'unknown_event', m.unknownEvent(), { eventId: m.eventNotFound().text });
  }
  const [session] = await executor
    .insert(programSessions)
    .values({ programId, ...parsed.data })
    .onConflictDoNothing()
    .returning();
  if (!session) return fail(409, 'conflict', m.alreadySession());
  if (parsed.data.cohortOnly) await setEventAudience(executor, parsed.data.eventId, 'cohort', actorId);
  await audit(executor, {
    actorId,
    action: 'add_session',
    entity: 'program',
    entityId: programId,
    data: parsed.data,
  });
  return ok(session);
}

export interface SessionWithEvent extends ProgramSession {
  event: Event;
}

/** The sessions of an edition, in date order. */
export async function listSessions(executor: Executor, programId: string): Promise<SessionWithEvent[]> {
  const rows = await executor.select().from(programSessions).where(eq(programSessions.programId, programId));
  const eventsById = new Map(
    (
      await getEventsByIds(
        executor,
        rows.map((r) => r.eventId),
      )
    ).map((e) => [e.id, e]),
  );
  return rows
    .map((r) => ({ ...r, event: eventsById.get(r.eventId)! }))
    .sort((a, b) => a.event.startsAt.getTime() - b.event.startsAt.getTime());
}

/** The editions in which an event is a session (for the cohort audience). */
export async function programsOfEvent(executor: Executor, eventId: string) {
  return executor
    .select({ programId: programSessions.programId, cohortOnly: programSessions.cohortOnly })
    .from(programSessions)
    .where(and(eq(programSessions.eventId, eventId)));
}
