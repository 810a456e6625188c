// The Rencontres: an edition (its event of the agenda carries dates, venue, window, capacity), its rooms,
// its categories of participants and its grid of sessions, where a room holds one session at a time and a
// speaker is in one place at a time.
import { and, asc, eq, inArray, isNull, ne, sql } from 'drizzle-orm';
import { z } from 'zod';
import { audit } from '../../platform/db/audit.ts';
import type { Executor } from '../../platform/db/client.ts';
import { fail, ok, type Result } from '../../platform/result.ts';
import { formatDay, formatTime, parisDate, parisDays, parisTime } from '../../platform/time.ts';
import { fieldErrors, isoDate, optional, text, uuid } from '../../platform/validation.ts';
import { createEvent, type Event, getEvent, setEventAudience } from '../events/events.ts';
import { getGroupsByIds } from '../groups/groups.ts';
import { personCards } from '../organisations/directory.ts';
import { conferenceAudience } from './conference-audience.ts';
import { conferencesMessages as m } from './conferences.messages.ts';
import {
  type CategoryCode,
  categoryCodes,
  conferenceCategories,
  conferenceRooms,
  conferenceSessions,
  conferenceSpeakers,
  conferences,
  type SessionKind,
  sessionKinds,
} from './conferences.schema.ts';
import { lock } from './lock.ts';

export type Conference = typeof conferences.$inferSelect & { event: Event };
export type Room = typeof conferenceRooms.$inferSelect;
export type Category = typeof conferenceCategories.$inferSelect;
export type Session = typeof conferenceSessions.$inferSelect;
export type Speaker = typeof conferenceSpeakers.$inferSelect;

export const categoryLabels: Record<CategoryCode, string> = {
  member_local_government: 'Collectivité adhérente',
  local_government: 'Collectivité non adhérente',
  foreign_delegation: 'Collectivité étrangère ou délégation',
  partner: 'Institution partenaire',
  exhibitor: 'Exposant',
  speaker: 'Intervenant·e',
  press: 'Presse',
  staff: 'Équipe',
};

export const sessionKindLabels: Record<SessionKind, string> = {
  plenary: 'Plénière',
  workshop: 'Atelier',
  micro_workshop: 'Micro-atelier',
  country_point: 'Point pays',
  cafe: 'Café des RAICT',
  side_meeting: 'Réunion en marge',
  break: 'Pause',
  lunch: 'Déjeuner',
  ceremony: 'Cérémonie',
  registration_desk: 'Accueil',
};

/** The sessions a registered person chooses (the others are open to every registered person). */
export const choosableKinds: readonly SessionKind[] = ['workshop', 'micro_workshop'];
/** The sessions drawn across every room when they have none. */
export const everyRoomKinds: readonly SessionKind[] = ['break', 'lunch', 'registration_desk'];

/**
 * Each edition starts with every category, free for member local governments (seed 004). The other fees
 * are those staff set before opening registrations; these are the last editions' (decision 026).
 */
const defaultCategories: Record<CategoryCode, Pick<Category, 'feeCents' | 'selfService' | 'colour'>> = {
  member_local_government: { feeCents: 0, selfService: true, colour: '#000091' },
  local_government: { feeCents: 15_000, selfService: true, colour: '#6a6af4' },
  foreign_delegation: { feeCents: 0, selfService: true, colour: '#18753c' },
  partner: { feeCents: 15_000, selfService: true, colour: '#b34000' },
  exhibitor: { feeCents: 60_000, selfService: false, colour: '#a94645' },
  speaker: { feeCents: 0, selfService: false, colour: '#7d4e5b' },
  press: { feeCents: 0, selfService: false, colour: '#3a3a3a' },
  staff: { feeCents: 0, selfService: false, colour: '#ce0500' },
};

// ——— Editions ———

const dateTime = z.iso
  .datetime({ offset: true, error: m.dateTimeExpected().text })
  .transform((v) => new Date(v));
/** A registration date: a day (Paris midnight) or an instant. */
const dayOrDateTime = z.union([isoDate.transform((day) => parisTime(day)), dateTime], {
  error: m.dateTimeExpected().text,
});
const capacity = z.coerce
  .number({ error: m.capacityExpected().text })
  .int(m.capacityExpected().text)
  .min(1, m.capacityExpected().text)
  .max(100_000, m.capacityExpected().text);

export const conferenceInput = z
  .object({
    title: text(300),
    startsOn: isoDate,
    endsOn: isoDate,
    venue: text(500),
    registrationOpensAt: dayOrDateTime,
    registrationClosesAt: optional(dayOrDateTime),
    capacity: optional(capacity),
    edition: optional(z.coerce.number().int().min(1).max(1000)),
    theme: optional(z.string().trim().max(300)),
    description: optional(z.string().trim().max(10_000)),
    provisional: optional(z.boolean()),
    slotMinutes: optional(
      z.coerce
        .number({ error: m.slotExpected().text })
        .refine((n) => [5, 10, 15, 20, 30, 60].includes(n), m.slotExpected().text),
    ),
  })
  .superRefine((v, ctx) => {
    if (v.endsOn < v.startsOn)
      ctx.addIssue({ code: 'custom', path: ['endsOn'], message: m.endsBeforeStart().text });
    if (v.registrationClosesAt && v.registrationClosesAt < v.registrationOpensAt) {
      ctx.addIssue({ code: 'custom', path: ['registrationClosesAt'], message: m.closesBeforeOpening().text });
    }
  });
export type ConferenceInput = z.input<typeof conferenceInput>;

/** An edition and its event: from 8 h on its first day to 19 h on its last (the grid says the rest). */
export async function createConference(
  tx: Executor,
  input: unknown,
  actorId: string | null,
): Promise<Result<Conference>> {
  const parsed = conferenceInput.safeParse(input);
  if (!parsed.success) return fail(400, 'invalid', m.invalid(), fieldErrors(parsed.error));
  const v = parsed.data;
  const created = await createEvent(
    tx,
    {
      title: v.title,
      theme: v.theme,
      kind: 'conference',
      format: 'in_person',
      audience: conferenceAudience.key,
      startsAt: parisTime(v.startsOn, '08:00').toISOString(),
      endsAt: parisTime(v.endsOn, '19:00').toISOString(),
      capacity: v.capacity,
      registrationOpensAt: v.registrationOpensAt.toISOString(),
      registrationClosesAt: v.registrationClosesAt?.toISOString(),
      venue: v.venue,
      description: v.description,
      provisional: v.provisional,
    },
    actorId,
  );
  if (!created.ok) return created;
  return conferenceOfEvent(tx, created.value.id, { edition: v.edition, slotMinutes: v.slotMinutes }, actorId);
}

/**
 * Makes an event of the agenda an edition of the Rencontres (staff announced it in the agenda first):
 * its registrations then go through the Rencontres, with a category; those it already has keep theirs
 * without one until staff gives it.
 */
export async function conferenceOfEvent(
  tx: Executor,
  eventId: string,
  input: { edition?: number | undefined; slotMinutes?: number | undefined },
  actorId: string | null,
): Promise<Result<Conference>> {
  const event = await getEvent(tx, eventId);
  if (!event) return fail(404, 'not_found', m.conferenceNotFound());
  const [row] = await tx
    .insert(conferences)
    .values({ eventId, edition: input.edition ?? null, slotMinutes: input.slotMinutes ?? 30 })
    .onConflictDoNothing()
    .returning();
  if (!row) return fail(409, 'already_conference', m.alreadyConference());
  if (event.audience !== conferenceAudience.key)
    await setEventAudience(tx, eventId, conferenceAudience.key, actorId);
  await tx
    .insert(conferenceCategories)
    .values(categoryCodes.map((code) => ({ conferenceId: row.id, code, ...defaultCategories[code] })));
  await audit(tx, { actorId, action: 'create', entity: 'conference', entityId: row.id, data: { eventId } });
  return ok({ ...row, event: { ...event, audience: conferenceAudience.key } });
}

export async function getConference(executor: Executor, id: string): Promise<Conference | undefined> {
  const [row] = await executor.select().from(conferences).where(eq(conferences.id, id));
  if (!row) return undefined;
  const event = await getEvent(executor, row.eventId);
  return event && { ...row, event };
}

/** The editions, the latest first. */
export async function listConferences(executor: Executor): Promise<Conference[]> {
  const rows = await executor.select().from(conferences);
  const all = await Promise.all(rows.map((row) => getConference(executor, row.id)));
  return (all.filter(Boolean) as Conference[]).sort(
    (a, b) => b.event.startsAt.getTime() - a.event.startsAt.getTime(),
  );
}

/** The Paris days of an edition (YYYY-MM-DD). */
export const conferenceDays = (conference: Conference) =>
  parisDays(conference.event.startsAt, conference.event.endsAt);

export async function archiveConference(tx: Executor, id: string, actorId: string): Promise<Result<true>> {
  const rows = await tx
    .update(conferences)
    .set({ archivedAt: new Date() })
    .where(and(eq(conferences.id, id), isNull(conferences.archivedAt)))
    .returning({ id: conferences.id });
  if (rows.length) await audit(tx, { actorId, action: 'archive', entity: 'conference', entityId: id });
  return ok(true);
}

/**
 * Serialises the changes of one edition's grid until the transaction ends: the conflicts checked after it
 * cannot appear under our feet (two staff members placing two workshops in one room at once).
 */
const lockGrid = (tx: Executor, conferenceId: string) => lock(tx, `conference-grid:${conferenceId}`);

// ——— Rooms ———

export const roomInput = z.object({
  name: text(200),
  capacity,
  accessible: optional(z.boolean()),
  position: optional(z.coerce.number().int().min(0).max(1000)),
});

export async function addRoom(
  tx: Executor,
  conferenceId: string,
  input: unknown,
  actorId: string | null,
): Promise<Result<Room>> {
  const parsed = roomInput.safeParse(input);
  if (!parsed.success) return fail(400, 'invalid', m.invalid(), fieldErrors(parsed.error));
  if (!(await getConference(tx, conferenceId))) return fail(404, 'not_found', m.conferenceNotFound());
  const [count] = await tx
    .select({ n: sql<number>`count(*)::int` })
    .from(conferenceRooms)
    .where(eq(conferenceRooms.conferenceId, conferenceId));
  const [room] = await tx
    .insert(conferenceRooms)
    .values({
      conferenceId,
      name: parsed.data.name,
      capacity: parsed.data.capacity,
      accessible: parsed.data.accessible ?? true,
      position: parsed.data.position ?? count!.n,
    })
    .onConflictDoNothing()
    .returning();
  if (!room) return fail(409, 'room_exists', m.invalid(), { name: 'Une salle porte déjà ce nom.' });
  await audit(tx, {
    actorId,
    action: 'create',
    entity: 'conference_room',
    entityId: room.id,
    data: parsed.data,
  });
  return ok(room);
}

export const listRooms = (executor: Executor, conferenceId: string) =>
  executor
    .select()
    .from(conferenceRooms)
    .where(eq(conferenceRooms.conferenceId, conferenceId))
    .orderBy(asc(conferenceRooms.position), asc(conferenceRooms.name));

// ——— Categories ———

export const listCategories = (executor: Executor, conferenceId: string) =>
  executor
    .select()
    .from(conferenceCategories)
    .where(eq(conferenceCategories.conferenceId, conferenceId))
    .orderBy(
      sql`array_position(${sql.raw(`array[${categoryCodes.map((c) => `'${c}'`).join(',')}]`)}, ${conferenceCategories.code})`,
    );

export const categoryInput = z.object({
  feeCents: optional(
    z.coerce
      .number({ error: m.feeExpected().text })
      .int(m.feeExpected().text)
      .min(0, m.feeExpected().text)
      .max(10_000_000),
  ),
  quota: optional(z.coerce.number({ error: m.capacityExpected().text }).int().min(0).max(100_000).nullable()),
  selfService: optional(z.boolean()),
  colour: optional(z.string().regex(/^#[0-9a-fA-F]{6}$/, m.colourExpected().text)),
});

export async function updateCategory(
  tx: Executor,
  conferenceId: string,
  code: string,
  input: unknown,
  actorId: string,
): Promise<Result<Category>> {
  const known = z.enum(categoryCodes).safeParse(code);
  if (!known.success) return fail(404, 'not_found', m.categoryExpected({ codes: categoryCodes.join(', ') }));
  const parsed = categoryInput.safeParse(input);
  if (!parsed.success) return fail(400, 'invalid', m.invalid(), fieldErrors(parsed.error));
  const changes = Object.fromEntries(Object.entries(parsed.data).filter(([, v]) => v !== undefined));
  const which = and(
    eq(conferenceCategories.conferenceId, conferenceId),
    eq(conferenceCategories.code, known.data),
  );
  // Nothing to change (an empty PATCH): the category as it is.
  if (Object.keys(changes).length === 0) {
    const [row] = await tx.select().from(conferenceCategories).where(which);
    return row ? ok(row) : fail(404, 'not_found', m.conferenceNotFound());
  }
  const [row] = await tx.update(conferenceCategories).set(changes).where(which).returning();
  if (!row) return fail(404, 'not_found', m.conferenceNotFound());
  await audit(tx, {
    actorId,
    action: 'update',
    entity: 'conference_category',
    entityId: conferenceId,
    data: { code, ...parsed.data },
  });
  return ok(row);
}

// ——— Sessions ———

const speakerInput = z
  .object({
    personId: optional(uuid),
    name: optional(z.string().trim().max(200)),
    title: optional(z.string().trim().max(300)),
  })
  .refine((s) => s.personId || s.name, m.speakerNameExpected().text);

export const sessionInput = z.object({
  title: text(300),
  kind: z.enum(sessionKinds, { error: m.kindExpected({ kinds: sessionKinds.join(', ') }).text }),
  roomId: optional(uuid),
  startsAt: dateTime,
  endsAt: dateTime,
  capacity: optional(capacity),
  note: optional(z.string().trim().max(10_000)),
  chair: optional(z.string().trim().max(300)),
  partners: optional(z.string().trim().max(1000)),
  groupId: optional(uuid),
  invitationOnly: optional(z.boolean()),
  speakers: optional(z.array(speakerInput).max(30)),
});
export type SessionInput = z.input<typeof sessionInput>;

export const sessionWhen = (s: Pick<Session, 'startsAt' | 'endsAt'>) =>
  `${formatDay(s.startsAt)}, ${formatTime(s.startsAt)} – ${formatTime(s.endsAt)}`;

/** The sessions of an edition overlapping [startsAt, endsAt), cancelled ones aside. */
const overlapping = (conferenceId: string, startsAt: Date, endsAt: Date, except: string | undefined) =>
  and(
    eq(conferenceSessions.conferenceId, conferenceId),
    isNull(conferenceSessions.cancelledAt),
    sql`${conferenceSessions.startsAt} < ${endsAt.toISOString()}::timestamptz`,
    sql`${conferenceSessions.endsAt} > ${startsAt.toISOString()}::timestamptz`,
    except ? ne(conferenceSessions.id, except) : undefined,
  );

/**
 * Adds a session to the grid (or changes one, `sessionId`): its room free for its whole time, no session
 * across every room then, its speakers nowhere else. Checked under the grid's lock.
 */
export async function saveSession(
  tx: Executor,
  conferenceId: string,
  input: unknown,
  actorId: string | null,
  sessionId?: string,
): Promise<Result<Session>> {
  const parsed = sessionInput.safeParse(input);
  if (!parsed.success) return fail(400, 'invalid', m.invalid(), fieldErrors(parsed.error));
  const { speakers = [], ...v } = parsed.data;
  if (v.endsAt <= v.startsAt) return fail(400, 'invalid', m.invalid(), { endsAt: m.endsBeforeStart().text });
  const conference = await getConference(tx, conferenceId);
  if (!conference) return fail(404, 'not_found', m.conferenceNotFound());
  const days = conferenceDays(conference);
  if (parisDate(v.startsAt) !== parisDate(new Date(v.endsAt.getTime() - 1)))
    return fail(400, 'invalid', m.invalid(), { endsAt: m.sameDay().text });
  if (!days.includes(parisDate(v.startsAt))) {
    const said = days.map((d) => formatDay(parisTime(d))).join(', ');
    return fail(400, 'invalid', m.invalid(), { startsAt: m.outsideDays({ days: said }).text });
  }
  if (!v.roomId && !everyRoomKinds.includes(v.kind))
    return fail(400, 'invalid', m.invalid(), { roomId: m.roomRequired().text });
  await lockGrid(tx, conferenceId);
  if (sessionId) {
    const [known] = await tx
      .select({ id: conferenceSessions.id })
      .from(conferenceSessions)
      .where(and(eq(conferenceSessions.id, sessionId), eq(conferenceSessions.conferenceId, conferenceId)));
    if (!known) return fail(404, 'not_found', m.sessionNotFound());
  }
  const rooms = await listRooms(tx, conferenceId);
  const room = v.roomId ? rooms.find((r) => r.id === v.roomId) : undefined;
  if (v.roomId && !room)
    return fail(422, 'unknown_room', m.roomNotFound(), { roomId: m.roomNotFound().text });

  const others = await tx
    .select()
    .from(conferenceSessions)
    .where(overlapping(conferenceId, v.startsAt, v.endsAt, sessionId));
  const taking = others.find((s) => !room || s.roomId === null || s.roomId === room.id);
  if (taking) {
    const when = sessionWhen(taking);
    const takenRoom = rooms.find((r) => r.id === taking.roomId);
    return fail(
      409,
      'room_conflict',
      takenRoom
        ? m.roomConflict({ room: takenRoom.name, title: taking.title, when })
        : m.everyRoomConflict({ title: taking.title, when }),
    );
  }
  if (v.groupId && (await getGroupsByIds(tx, [v.groupId])).length === 0)
    return fail(422, 'unknown_group', m.groupNotFound(), { groupId: m.groupNotFound().text });
  const personIds = speakers.flatMap((s) => (s.personId ? [s.personId] : []));
  const named = personIds.length ? await speakerNames(tx, personIds) : new Map<string, string>();
  if (personIds.some((id) => !named.has(id)))
    return fail(422, 'unknown_person', m.personNotFound(), { speakers: m.personNotFound().text });
  if (personIds.length && others.length) {
    const [busy] = await tx
      .select({ speaker: conferenceSpeakers, session: conferenceSessions })
      .from(conferenceSpeakers)
      .innerJoin(conferenceSessions, eq(conferenceSessions.id, conferenceSpeakers.sessionId))
      .where(
        and(
          inArray(conferenceSpeakers.personId, personIds),
          inArray(
            conferenceSpeakers.sessionId,
            others.map((s) => s.id),
          ),
        ),
      )
      .limit(1);
    if (busy) {
      return fail(
        409,
        'speaker_conflict',
        m.speakerConflict({
          name: busy.speaker.name,
          title: busy.session.title,
          when: sessionWhen(busy.session),
        }),
      );
    }
  }

  const values = {
    conferenceId,
    kind: v.kind,
    title: v.title,
    note: v.note ?? null,
    chair: v.chair ?? null,
    partners: v.partners ?? null,
    groupId: v.groupId ?? null,
    roomId: room?.id ?? null,
    startsAt: v.startsAt,
    endsAt: v.endsAt,
    capacity: v.capacity ?? null,
    invitationOnly: v.invitationOnly ?? false,
  };
  const [session] = sessionId
    ? await tx.update(conferenceSessions).set(values).where(eq(conferenceSessions.id, sessionId)).returning()
    : await tx.insert(conferenceSessions).values(values).returning();
  if (sessionId) await tx.delete(conferenceSpeakers).where(eq(conferenceSpeakers.sessionId, sessionId));
  if (speakers.length) {
    await tx.insert(conferenceSpeakers).values(
      speakers.map((s, position) => ({
        sessionId: session!.id,
        personId: s.personId ?? null,
        name: s.name || named.get(s.personId ?? '') || '',
        title: s.title ?? null,
        position,
      })),
    );
  }
  await audit(tx, {
    actorId,
    action: sessionId ? 'update' : 'create',
    entity: 'conference_session',
    entityId: session!.id,
    data: { title: v.title, kind: v.kind },
  });
  return ok(session!);
}

/** The names of speakers chosen among the platform's people. */
async function speakerNames(tx: Executor, ids: string[]) {
  const cards = await personCards(tx, ids);
  return new Map([...cards].map(([id, c]) => [id, `${c.firstName} ${c.lastName}`]));
}

export async function cancelSession(
  tx: Executor,
  conferenceId: string,
  sessionId: string,
  actorId: string,
): Promise<Result<true>> {
  const rows = await tx
    .update(conferenceSessions)
    .set({ cancelledAt: new Date() })
    .where(
      and(
        eq(conferenceSessions.id, sessionId),
        eq(conferenceSessions.conferenceId, conferenceId),
        isNull(conferenceSessions.cancelledAt),
      ),
    )
    .returning({ id: conferenceSessions.id });
  if (!rows.length) return fail(404, 'not_found', m.sessionNotFound());
  await audit(tx, { actorId, action: 'cancel', entity: 'conference_session', entityId: sessionId });
  return ok(true);
}

export async function getSession(executor: Executor, sessionId: string): Promise<Session | undefined> {
  const [row] = await executor.select().from(conferenceSessions).where(eq(conferenceSessions.id, sessionId));
  return row;
}

/** The grid of an edition: its sessions in time order (cancelled ones aside) and their speakers. */
export async function listSessions(executor: Executor, conferenceId: string) {
  const sessions = await executor
    .select()
    .from(conferenceSessions)
    .where(and(eq(conferenceSessions.conferenceId, conferenceId), isNull(conferenceSessions.cancelledAt)))
    .orderBy(asc(conferenceSessions.startsAt), asc(conferenceSessions.title));
  const speakers = sessions.length
    ? await executor
        .select()
        .from(conferenceSpeakers)
        .where(
          inArray(
            conferenceSpeakers.sessionId,
            sessions.map((s) => s.id),
          ),
        )
        .orderBy(asc(conferenceSpeakers.position))
    : [];
  return sessions.map((session) => ({
    ...session,
    speakers: speakers.filter((s) => s.sessionId === session.id),
  }));
}
export type SessionWithSpeakers = Awaited<ReturnType<typeof listSessions>>[number];
