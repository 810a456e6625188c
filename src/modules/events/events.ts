// The agenda: events, their series, organisers and partners.
import { and, asc, count, eq, inArray, sql } from 'drizzle-orm';
import { z } from 'zod';
import { audit } from '../../platform/db/audit.ts';
import type { Executor } from '../../platform/db/client.ts';
import { prepared } from '../../platform/db/prepared.ts';
import type { Actor } from '../../platform/http/actor.ts';
import { fail, ok, type Result } from '../../platform/result.ts';
import { fieldErrors, optional, text, uuid } from '../../platform/validation.ts';
import { getOrganisationsByIds } from '../organisations/organisations.ts';
import { audienceSchema } from './audiences.ts';
import { checkEventLinks } from './event-links.ts';
import { announce, type InvitationSegment } from './event-notices.ts';
import { eventsMessages as m } from './events.messages.ts';
import { eventsPolicy } from './events.policy.ts';
import {
  type EventFormat,
  type EventKind,
  eventFormats,
  eventInvitations,
  eventKinds,
  eventOrganisations,
  eventSeries,
  events,
  registrations,
} from './events.schema.ts';

export type Event = typeof events.$inferSelect;

export const eventKindLabels: Record<EventKind, string> = {
  meeting: 'Réunion',
  workshop: 'Atelier',
  symposium: 'Colloque',
  conference: 'Conférence',
  webinar: 'Webinaire',
  field_mission: 'Mission de terrain',
  forum: 'Forum',
  steering_committee: 'Comité de pilotage',
  board_meeting: 'Instance du réseau',
  session: 'Séance de parcours',
};

export const eventFormatLabels: Record<EventFormat, string> = {
  in_person: 'En présentiel',
  hybrid: 'Hybride (présentiel et visioconférence)',
  online: 'En visioconférence',
};

/** A session's place in its series: « Saison 6 · 2e session », « 1re session », « Saison 7 ». */
export function sessionLabel(event: Pick<Event, 'season' | 'sessionNumber'>): string | undefined {
  const session =
    event.sessionNumber === null
      ? undefined
      : `${event.sessionNumber === 1 ? '1re' : `${event.sessionNumber}e`} session`;
  if (event.season === null) return session;
  return session ? `Saison ${event.season} · ${session}` : `Saison ${event.season}`;
}

/** Is the event over (its end passed)? Then no seats left to tell and no call to register. */
export const hasEnded = (event: Pick<Event, 'endsAt'>, at: Date = new Date()) => event.endsAt <= at;

const dateTime = z.iso
  .datetime({ offset: true, error: m.dateTimeExpected().text })
  .transform((v) => new Date(v))
  .refine((d) => d.getUTCFullYear() >= 2000 && d.getUTCFullYear() <= 2200, m.dateOutOfRange().text);

/** Each field of an event once, for creating (`eventInput`) and changing (`eventPatch`). */
const eventFields = {
  title: text(300),
  theme: z.string().trim().max(300),
  kind: z.enum(eventKinds, { error: m.kindExpected({ kinds: eventKinds }).text }),
  format: z.enum(eventFormats, { error: m.formatExpected().text }),
  audience: audienceSchema,
  startsAt: dateTime,
  endsAt: dateTime,
  capacity: z.coerce
    .number({ error: m.capacityExpected().text })
    .int(m.wholeNumber().text)
    .min(0, m.capacityNegative().text)
    .max(100_000, m.capacityTooHigh().text),
  registrationOpensAt: dateTime,
  registrationClosesAt: dateTime,
  venue: z.string().trim().max(500),
  onlineUrl: z.url({ protocol: /^https?$/, error: m.webAddressExpected().text }).max(2000),
  description: z.string().trim().max(10_000),
  series: z.string().trim().max(200),
  season: z.coerce
    .number({ error: m.seasonExpected().text })
    .int(m.wholeNumber().text)
    .min(1, m.seasonExpected().text)
    .max(1000, m.seasonExpected().text),
  sessionNumber: z.coerce
    .number({ error: m.sessionNumberExpected().text })
    .int(m.wholeNumber().text)
    .min(1, m.sessionNumberExpected().text)
    .max(1000, m.sessionNumberExpected().text),
  guest: z.string().trim().max(500),
  provisional: z.boolean(),
  organiserIds: z.array(uuid).max(20),
  partnerIds: z.array(uuid).max(50),
};

export const eventInput = z
  .object({
    title: eventFields.title,
    theme: optional(eventFields.theme),
    kind: eventFields.kind,
    format: eventFields.format,
    audience: eventFields.audience,
    startsAt: eventFields.startsAt,
    endsAt: eventFields.endsAt,
    capacity: optional(eventFields.capacity),
    registrationOpensAt: optional(eventFields.registrationOpensAt),
    registrationClosesAt: optional(eventFields.registrationClosesAt),
    venue: optional(eventFields.venue),
    onlineUrl: optional(eventFields.onlineUrl),
    description: optional(eventFields.description),
    series: optional(eventFields.series),
    season: optional(eventFields.season),
    sessionNumber: optional(eventFields.sessionNumber),
    guest: optional(eventFields.guest),
    provisional: optional(eventFields.provisional),
    organiserIds: optional(eventFields.organiserIds),
    partnerIds: optional(eventFields.partnerIds),
  })
  .superRefine((v, ctx) => {
    if (v.endsAt < v.startsAt)
      ctx.addIssue({ code: 'custom', path: ['endsAt'], message: m.endBeforeStart().text });
    if (v.registrationOpensAt && v.registrationClosesAt && v.registrationClosesAt < v.registrationOpensAt) {
      ctx.addIssue({ code: 'custom', path: ['registrationClosesAt'], message: m.closesBeforeOpening().text });
    }
    if (v.format === 'in_person' && v.onlineUrl) {
      ctx.addIssue({ code: 'custom', path: ['onlineUrl'], message: m.inPersonHasNoLink().text });
    }
  });
export type EventInput = z.input<typeof eventInput>;

/** `null` — or an empty string, as forms send — clears an optional field when an event is changed. */
const clearing = <T extends z.ZodType>(schema: T) =>
  z.preprocess((v) => (typeof v === 'string' && v.trim() === '' ? null : v), schema.nullable().optional());

/** A change to an event: any field of `eventInput`, each optional; `null` clears an optional one. */
export const eventPatch = z.object({
  title: eventFields.title.optional(),
  kind: eventFields.kind.optional(),
  format: eventFields.format.optional(),
  audience: eventFields.audience.optional(),
  startsAt: eventFields.startsAt.optional(),
  endsAt: eventFields.endsAt.optional(),
  provisional: eventFields.provisional.optional(),
  theme: clearing(eventFields.theme),
  capacity: clearing(eventFields.capacity),
  registrationOpensAt: clearing(eventFields.registrationOpensAt),
  registrationClosesAt: clearing(eventFields.registrationClosesAt),
  venue: clearing(eventFields.venue),
  onlineUrl: clearing(eventFields.onlineUrl),
  description: clearing(eventFields.description),
  series: clearing(eventFields.series),
  season: clearing(eventFields.season),
  sessionNumber: clearing(eventFields.sessionNumber),
  guest: clearing(eventFields.guest),
  organiserIds: clearing(eventFields.organiserIds),
  partnerIds: clearing(eventFields.partnerIds),
});
export type EventPatch = z.input<typeof eventPatch>;

export async function seriesId(executor: Executor, title: string | undefined): Promise<string | null> {
  if (!title) return null;
  // « chroniques géopolitiques » typed in a form is the series « Chroniques géopolitiques », not a new one.
  const sameTitle = eq(sql`lower(${eventSeries.title})`, title.toLowerCase());
  const [known] = await executor.select({ id: eventSeries.id }).from(eventSeries).where(sameTitle).limit(1);
  if (known) return known.id;
  await executor.insert(eventSeries).values({ title }).onConflictDoNothing();
  const [row] = await executor
    .select({ id: eventSeries.id })
    .from(eventSeries)
    .where(eq(eventSeries.title, title));
  return row!.id;
}

/** What a series says of itself on its page, and what it calls a session's guest (« Grand témoin »). */
export async function describeSeries(
  executor: Executor,
  title: string,
  about: { description: string | null; guestLabel: string | null },
  actorId: string | null,
) {
  const id = (await seriesId(executor, title))!;
  await executor.update(eventSeries).set(about).where(eq(eventSeries.id, id));
  await audit(executor, { actorId, action: 'describe', entity: 'event_series', entityId: id, data: about });
  return id;
}

/** The organisers and partners named exist; a refusal otherwise. */
export async function organisationsExist(executor: Executor, ids: string[]): Promise<Result<true>> {
  if (ids.length === 0) return ok(true);
  const unique = [...new Set(ids)];
  const found = await getOrganisationsByIds(executor, unique);
  if (found.length !== unique.length) return fail(422, 'unknown_organisation', m.unknownOrganisation());
  return ok(true);
}

/** Links organisers and partners to an event (an organisation named as both is an organiser). */
export async function linkOrganisations(
  executor: Executor,
  eventId: string,
  organiserIds: string[],
  partnerIds: string[],
) {
  const links = [
    ...organiserIds.map((organisationId) => ({ eventId, organisationId, role: 'organiser' as const })),
    ...partnerIds
      .filter((id) => !organiserIds.includes(id))
      .map((organisationId) => ({ eventId, organisationId, role: 'partner' as const })),
  ];
  if (links.length) await executor.insert(eventOrganisations).values(links).onConflictDoNothing();
}

export async function createEvent(
  executor: Executor,
  input: unknown,
  actorId: string | null,
): Promise<Result<Event>> {
  const parsed = eventInput.safeParse(input);
  if (!parsed.success) return fail(400, 'invalid', m.invalid(), fieldErrors(parsed.error));
  const { series, organiserIds = [], partnerIds = [], ...value } = parsed.data;
  const known = await organisationsExist(executor, [...organiserIds, ...partnerIds]);
  if (!known.ok) return known;
  // What other modules link the event to (a group's meeting): checked before anything is written.
  const links = await checkEventLinks(executor, input);
  if (!links.ok) return links;
  const [event] = await executor
    .insert(events)
    .values({ ...value, provisional: value.provisional ?? false, seriesId: await seriesId(executor, series) })
    .returning();
  await linkOrganisations(executor, event!.id, organiserIds, partnerIds);
  await links.value(executor, event!.id, actorId);
  await audit(executor, {
    actorId,
    action: 'create',
    entity: 'event',
    entityId: event!.id,
    data: { title: value.title },
  });
  return ok(event!);
}

// Read by most requests about one event (prepared: platform/db/prepared.ts).
const eventById = prepared((executor) =>
  executor
    .select()
    .from(events)
    .where(eq(events.id, sql.placeholder('id')))
    .prepare('event_by_id'),
);

export async function getEvent(executor: Executor, id: string): Promise<Event | undefined> {
  const [row] = await eventById(executor).execute({ id });
  return row;
}

export async function eventDetails(executor: Executor, id: string) {
  const [row] = await executor
    .select({ event: events, seriesTitle: eventSeries.title, guestLabel: eventSeries.guestLabel })
    .from(events)
    .leftJoin(eventSeries, eq(eventSeries.id, events.seriesId))
    .where(eq(events.id, id));
  if (!row) return undefined;
  const links = await executor
    .select({ organisationId: eventOrganisations.organisationId, role: eventOrganisations.role })
    .from(eventOrganisations)
    .where(eq(eventOrganisations.eventId, id));
  // Their names are the members' module's: asked there, then put in the order people read them.
  const named = new Map(
    (
      await getOrganisationsByIds(
        executor,
        links.map((l) => l.organisationId),
      )
    ).map((o) => [o.id, o.name]),
  );
  const linked = links
    .flatMap((l) => {
      const name = named.get(l.organisationId);
      return name === undefined ? [] : [{ id: l.organisationId, name, role: l.role }];
    })
    .sort((a, b) => a.name.localeCompare(b.name, 'fr') || a.id.localeCompare(b.id));
  return {
    ...row,
    organisers: linked.filter((o) => o.role === 'organiser'),
    partners: linked.filter((o) => o.role === 'partner'),
  };
}

export const agendaFilters = z.object({
  from: optional(dateTime),
  to: optional(dateTime),
  kind: optional(z.enum(eventKinds, { error: m.unknownKind().text })),
  format: optional(z.enum(eventFormats, { error: m.unknownFormat().text })),
  audience: optional(audienceSchema),
  series: optional(uuid),
  q: optional(z.string().trim().max(200)),
});
export type AgendaFilters = z.infer<typeof agendaFilters>;

type Viewer = Pick<Actor, 'personId' | 'staff'> | null;

// The agenda's two queries are prepared (platform/db/prepared.ts): every filter and the viewer are values of
// the query, a filter left out is null. Dates are compared through coalesce so that the indexes on the dates
// still serve a plan made for any values.
const value = (name: string) => sql.placeholder(name);
const agendaCondition = () =>
  and(
    sql`${events.endsAt} >= coalesce(${value('from')}::timestamptz, '-infinity')`,
    sql`${events.startsAt} <= coalesce(${value('to')}::timestamptz, 'infinity')`,
    sql`(${value('kind')}::text is null or ${events.kind} = ${value('kind')}::text)`,
    sql`(${value('format')}::text is null or ${events.format} = ${value('format')}::text)`,
    sql`(${value('audience')}::text is null or ${events.audience} = ${value('audience')}::text)`,
    sql`(${value('series')}::uuid is null or ${events.seriesId} = ${value('series')}::uuid)`,
    sql`(${value('q')}::text is null or ${events.title} ilike ${value('q')}::text or ${events.theme} ilike ${value('q')}::text or ${events.venue} ilike ${value('q')}::text)`,
    eventsPolicy.seeWhere(value('staff'), value('person')),
  );

/** The values of the agenda's queries for these filters and this viewer. */
function agendaValues(filters: AgendaFilters, viewer: Viewer) {
  return {
    from: filters.from?.toISOString() ?? null,
    to: filters.to?.toISOString() ?? null,
    kind: filters.kind ?? null,
    format: filters.format ?? null,
    audience: filters.audience ?? null,
    series: filters.series ?? null,
    q: filters.q ? `%${filters.q.replace(/[\\%_]/g, '\\$&')}%` : null,
    staff: Boolean(viewer?.staff),
    person: viewer?.personId ?? null,
  };
}

const agendaEvents = prepared((executor) =>
  executor
    .select({
      event: events,
      seriesTitle: eventSeries.title,
      confirmed: sql<number>`(select count(*)::int from ${registrations} where ${registrations.eventId} = ${events.id} and ${registrations.status} = 'confirmed')`,
    })
    .from(events)
    .leftJoin(eventSeries, eq(eventSeries.id, events.seriesId))
    .where(agendaCondition())
    .orderBy(asc(events.startsAt), asc(events.id))
    .limit(value('limit'))
    .offset(value('offset'))
    .prepare('agenda_events'),
);

const agendaCount = prepared((executor) =>
  executor.select({ n: count() }).from(events).where(agendaCondition()).prepare('agenda_count'),
);

/**
 * Events of the agenda that the viewer may see (eventsPolicy.see), by date. `limit: null` reads them all:
 * for a window that bounds them itself (a month, a feed); the API keeps its 500.
 */
export async function listEvents(
  executor: Executor,
  filters: AgendaFilters,
  viewer: Viewer,
  limit: number | null = 500,
  offset = 0,
) {
  return agendaEvents(executor).execute({ ...agendaValues(filters, viewer), limit, offset });
}

/** How many events `listEvents` has in all for these filters and this viewer. */
export async function countEvents(executor: Executor, filters: AgendaFilters, viewer: Viewer) {
  const [row] = await agendaCount(executor).execute(agendaValues(filters, viewer));
  return row?.n ?? 0;
}

const allSeries = prepared((executor) =>
  executor.select().from(eventSeries).orderBy(asc(eventSeries.title)).prepare('event_series_all'),
);

type Series = typeof eventSeries.$inferSelect;
const seriesRead = new WeakMap<Executor, { version: number; rows: Series[] }>();

/**
 * The series, by title. `agendaVersion`: the agenda's change counter as this request read it (its page's
 * validators, platform/http/caching.ts). A series' change bumps it, so the list read at that version serves
 * every page at the same one without asking the database again.
 */
export async function listSeries(executor: Executor, agendaVersion?: number): Promise<Series[]> {
  const known = seriesRead.get(executor);
  if (agendaVersion !== undefined && known?.version === agendaVersion) return known.rows;
  const rows = await allSeries(executor).execute();
  if (agendaVersion !== undefined) seriesRead.set(executor, { version: agendaVersion, rows });
  return rows;
}

/**
 * Adds people to the invitation list (for a restricted event, it lets them see it and register); each new
 * invitee is mailed the invitation (once, by a job), which says why they are invited (`segment`). Returns
 * how many were added: people on the list already are not mailed again.
 */
export async function invite(
  executor: Executor,
  eventId: string,
  personIds: string[],
  actorId: string | null,
  segment: InvitationSegment = 'emails',
): Promise<number> {
  if (personIds.length === 0) return 0;
  const added = await executor
    .insert(eventInvitations)
    .values(personIds.map((personId) => ({ eventId, personId })))
    .onConflictDoNothing()
    .returning({ personId: eventInvitations.personId });
  if (added.length)
    await announce(executor, eventId, {
      notice: 'invited',
      personIds: added.map((a) => a.personId),
      segment,
    });
  await audit(executor, {
    actorId,
    action: 'invite',
    entity: 'event',
    entityId: eventId,
    data: { personIds, segment, added: added.length },
  });
  return added.length;
}

export async function isInvited(executor: Executor, eventId: string, personId: string): Promise<boolean> {
  const rows = await executor
    .select({ one: sql`1` })
    .from(eventInvitations)
    .where(and(eq(eventInvitations.eventId, eventId), eq(eventInvitations.personId, personId)));
  return rows.length > 0;
}

/** Changes who may attend (the program module makes its cohort-only sessions `cohort`). */
export async function setEventAudience(
  executor: Executor,
  eventId: string,
  audience: string,
  actorId: string | null,
) {
  await executor.update(events).set({ audience }).where(eq(events.id, eventId));
  await audit(executor, {
    actorId,
    action: 'audience',
    entity: 'event',
    entityId: eventId,
    data: { audience },
  });
}

export async function getEventsByIds(executor: Executor, ids: string[]): Promise<Event[]> {
  if (ids.length === 0) return [];
  return executor.select().from(events).where(inArray(events.id, ids)).orderBy(asc(events.startsAt));
}
