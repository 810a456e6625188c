// What the agenda's pages read, one function per page: the agenda and an event as their viewer sees them
// (eventsPolicy.see), « Mes inscriptions » and the calendars, the staff's lists, an event's staff page, the
// check-in list, the video-call reports, the export of registrations.
import { and, asc, count, desc, eq, gte, inArray, lt, ne, sql } from 'drizzle-orm';
import type { Executor } from '../../platform/db/client.ts';
import { auditLog } from '../../platform/db/platform.schema.ts';
import type { Actor } from '../../platform/http/actor.ts';
import type { Sheet } from '../../platform/http/send-sheet.ts';
import { toCalendar } from '../../platform/ical/ical.ts';
import { type Paged, paginate } from '../../platform/pagination.ts';
import type { Column } from '../../platform/sheets/sheets.ts';
import { parisDate, parisTime } from '../../platform/time.ts';
import { personCards } from '../organisations/directory.ts';
import { getPerson, listPeopleOfOrganisation } from '../organisations/people.ts';
import { normalise } from '../organisations/reference.ts';
import { getAttendanceImport } from './attendance-import.ts';
import { type CalendarSite, calendarEntry, hasCalendarFeed } from './calendar-feeds.ts';
import { getRegistration } from './cancel-registration.ts';
import { checkInAddress } from './check-in.ts';
import { listDocuments } from './documents.ts';
import { checkEligibility } from './eligibility.ts';
import { eventLabels } from './event-links.ts';
import { noticeRecipients, type Recipient } from './event-notice-mails.ts';
import type { PracticalChange } from './event-notices.ts';
import type { AgendaQuery } from './events.forms.ts';
import { eventsPolicy as policy } from './events.policy.ts';
import { attendanceImports, eventInvitations, eventSeries, events, registrations } from './events.schema.ts';
import { countEvents, eventDetails, getEvent, hasEnded, listEvents, listSeries } from './events.ts';
import { confirmedCount, registrationWindow } from './register.ts';
import {
  listRegistrations,
  listRegistrationsOf,
  liveRegistration,
  participationOf,
  seatsTaken,
} from './registrations.queries.ts';
import type { EventPageProps } from './views/event.tsx';
import { showsQr } from './views/my-registrations.tsx';
import { attendanceSourceLabels, modeLabels, registrationStatusLabels } from './views/parts.tsx';
import type { StaffEventRow } from './views/staff-events.tsx';
import type { Invitee, RegistrationRow } from './views/staff-registrations.tsx';

type Viewer = Actor | null;

/** Events a page of the public agenda shows. */
export const agendaPageSize = 30;
/** Events a page of each staff list (upcoming, past) shows. */
export const staffEventsPageSize = 50;
/** Video-call reports listed on the upload page: the latest ones (older ones stay on the event's record). */
export const reportsShown = 20;

// ——— The public agenda ———

/** YYYY-MM → the next month, YYYY-MM. */
function nextMonth(month: string): string {
  const [year, m] = month.split('-').map(Number) as [number, number];
  const next = new Date(Date.UTC(year, m, 1));
  return `${next.getUTCFullYear()}-${String(next.getUTCMonth() + 1).padStart(2, '0')}`;
}

/**
 * The agenda as the viewer sees it. The list starts today (from midnight in Paris) and is paged with its
 * honest total; the month view shows every event of the month, from its first to its last Paris instant.
 * `agendaVersion`: the agenda's change counter read by the request (an anonymous visitor's page), see listSeries.
 */
export async function agendaPage(
  executor: Executor,
  viewer: Viewer,
  query: AgendaQuery,
  { now = new Date(), agendaVersion }: { now?: Date; agendaVersion?: number | undefined } = {},
) {
  const month = query.month ?? parisDate(now).slice(0, 7);
  const filters = { ...query.filters };
  const series = listSeries(executor, agendaVersion);
  if (query.view === 'mois') {
    filters.from = parisTime(`${month}-01`);
    filters.to = new Date(parisTime(`${nextMonth(month)}-01`).getTime() - 1);
    const rows = await listEvents(executor, filters, viewer, null);
    return { view: query.view, month, filters, series: await series, rows, paged: undefined };
  }
  filters.from ??= parisTime(parisDate(now));
  const paged = await paginate(
    query.page,
    agendaPageSize,
    ({ limit, offset }) => listEvents(executor, filters, viewer, limit, offset),
    () => countEvents(executor, filters, viewer),
  );
  // What other modules link the events to (a group's meeting): its name on the list.
  const labels = await eventLabels(
    executor,
    paged.items.map((r) => r.event.id),
  );
  const rows = paged.items.map((r) => ({ ...r, labels: labels.get(r.event.id) ?? [] }));
  return { view: query.view, month, filters, series: await series, rows, paged };
}

/** The public calendar: every event of the last 90 days and to come that everyone may see. */
export async function publicCalendar(executor: Executor, site: CalendarSite, now = new Date()) {
  const rows = await listEvents(executor, { from: new Date(now.getTime() - 90 * 86_400_000) }, null, null);
  return toCalendar(
    'Agenda du réseau — Coopdec',
    rows.map(({ event }) => calendarEntry(event, site)),
  );
}

// ——— An event ———

/** An event the viewer may see (eventsPolicy.see), with its series and organisations; undefined otherwise. */
export async function visibleEvent(executor: Executor, viewer: Viewer, id: string) {
  const details = await eventDetails(executor, id);
  if (!details || !(await policy.see(executor, viewer, details.event))) return undefined;
  return details;
}

/** An event's calendar file, as the viewer sees it (the video link only for a confirmed place or staff). */
export async function eventCalendar(executor: Executor, viewer: Viewer, id: string, site: CalendarSite) {
  const details = await visibleEvent(executor, viewer, id);
  if (!details) return undefined;
  const { event } = details;
  const mine = viewer ? await liveRegistration(executor, event.id, viewer.personId) : undefined;
  const entry = calendarEntry(event, site, {
    withOnlineUrl: policy.seeOnlineUrl(viewer, mine?.status === 'confirmed'),
    waitlisted: mine?.status === 'waitlisted',
  });
  return toCalendar(event.title, [entry]);
}

/** The people of an event with a live registration (confirmed or waiting). */
async function liveRegistrants(executor: Executor, eventId: string): Promise<Set<string>> {
  const rows = await executor
    .select({ personId: registrations.personId })
    .from(registrations)
    .where(and(eq(registrations.eventId, eventId), ne(registrations.status, 'cancelled')));
  return new Set(rows.map((r) => r.personId));
}

/**
 * An event's page as its viewer sees it: their registration or whether they may register (and why not),
 * the colleagues a referent may register, the documents of its audience. Undefined when it is not theirs
 * to see. `error` and `status` come back from a refused registration.
 */
export async function eventPage(
  executor: Executor,
  viewer: Viewer,
  id: string,
  site: { baseUrl: string; network: { name: string; url: string } },
  now = new Date(),
): Promise<Omit<EventPageProps, 'ctx' | 'notice' | 'error'> | undefined> {
  const details = await visibleEvent(executor, viewer, id);
  if (!details) return undefined;
  const { event } = details;
  const [mine, { confirmed }, person] = await Promise.all([
    viewer ? liveRegistration(executor, event.id, viewer.personId) : undefined,
    seatsTaken(executor, event.id),
    viewer ? getPerson(executor, viewer.personId) : undefined,
  ]);
  let canRegister: EventPageProps['canRegister'] = null;
  let colleagues: EventPageProps['colleagues'];
  if (person) {
    const window = registrationWindow(event, now);
    const eligible = window.ok ? await checkEligibility({ executor, event, person, at: now }) : window;
    canRegister = eligible.ok ? { ok: true } : { ok: false, message: eligible.error.message };
    if (viewer?.referent && person.organisationId && window.ok) {
      const [registered, people] = await Promise.all([
        liveRegistrants(executor, event.id),
        listPeopleOfOrganisation(executor, person.organisationId),
      ]);
      colleagues = people
        .filter((c) => c.id !== person.id && !c.disabledAt)
        .map((c) => ({ ...c, registered: registered.has(c.id) }));
    }
  }
  const documents = (await policy.seeDocuments(executor, viewer, event))
    ? await listDocuments(executor, event.id)
    : undefined;
  return {
    event,
    seriesTitle: details.seriesTitle,
    guestLabel: details.guestLabel,
    labels: (await eventLabels(executor, [event.id])).get(event.id) ?? [],
    organisers: details.organisers,
    partners: details.partners,
    confirmed,
    baseUrl: site.baseUrl,
    network: site.network,
    registration: mine,
    canRegister,
    colleagues,
    showOnlineUrl: policy.seeOnlineUrl(viewer, mine?.status === 'confirmed'),
    documents,
    staff: Boolean(viewer?.staff),
  };
}

// ——— A series ———

/**
 * A series' page as its viewer sees it: its sessions (those the viewer may see), to come soonest first and
 * past latest first, each past one with the documents its audience may read; the viewer's part in each.
 */
export async function seriesPage(executor: Executor, viewer: Viewer, seriesId: string, now = new Date()) {
  const [series] = await executor.select().from(eventSeries).where(eq(eventSeries.id, seriesId));
  if (!series) return undefined;
  const visible = policy.seeCondition(viewer);
  const sessions = await executor
    .select()
    .from(events)
    .where(visible ? and(eq(events.seriesId, seriesId), visible) : eq(events.seriesId, seriesId))
    .orderBy(asc(events.startsAt), asc(events.id));
  const mine = viewer
    ? await participationOf(
        executor,
        viewer.personId,
        sessions.map((e) => e.id),
      )
    : undefined;
  const upcoming = sessions.filter((e) => !hasEnded(e, now));
  const past = await Promise.all(
    sessions
      .filter((e) => hasEnded(e, now))
      .reverse()
      .map(async (event) => ({
        event,
        documents: (await policy.seeDocuments(executor, viewer, event))
          ? await listDocuments(executor, event.id)
          : [],
      })),
  );
  return {
    series,
    upcoming: upcoming.map((event) => ({ event, status: mine?.get(event.id)?.status ?? null })),
    past: past.map((p) => ({ ...p, attended: mine?.get(p.event.id)?.attended ?? false })),
    // The seasons one may register for at once: those with a session to come that is not cancelled.
    seasonsToCome: [
      ...new Set(
        upcoming.filter((e) => !e.cancelledAt && e.season !== null && e.startsAt > now).map((e) => e.season!),
      ),
    ].sort((a, b) => a - b),
  };
}
export type SeriesPageData = NonNullable<Awaited<ReturnType<typeof seriesPage>>>;

// ——— Staff: the series ———

/** Every series (by title) with its sessions to come or under way and past ones, cancelled ones not counted. */
export async function staffSeriesList(executor: Executor, now = new Date()) {
  const held = and(eq(events.seriesId, eventSeries.id), sql`${events.cancelledAt} is null`);
  const at = sql`${now.toISOString()}::timestamptz`;
  return executor
    .select({
      series: eventSeries,
      upcoming: sql<number>`(count(*) filter (where ${events.endsAt} > ${at}))::int`,
      past: sql<number>`(count(*) filter (where ${events.endsAt} <= ${at}))::int`,
    })
    .from(eventSeries)
    .leftJoin(events, held)
    .groupBy(eventSeries.id)
    .orderBy(asc(eventSeries.title));
}
export type StaffSeriesRow = Awaited<ReturnType<typeof staffSeriesList>>[number];

/** A series as its edit form shows it; undefined when there is none. */
export async function getSeries(executor: Executor, seriesId: string) {
  const [series] = await executor.select().from(eventSeries).where(eq(eventSeries.id, seriesId));
  return series;
}

// ——— « Mes inscriptions » ———

/**
 * One's registrations (with the QR code of each confirmed one, to show at the door) and one's calendar
 * address: shown once, just after it is made (`feedToken`), never again.
 */
export async function myRegistrationsPage(
  executor: Executor,
  actor: Actor,
  baseUrl: string,
  feedToken?: string,
) {
  const rows = await listRegistrationsOf(executor, actor.personId);
  const now = new Date();
  // Loaded here, not at start: few pages draw a QR code (decision 025).
  const { default: QRCode } = await import('qrcode');
  const items = await Promise.all(
    rows.map(async (row) => ({
      ...row,
      qr: showsQr(row, now)
        ? `data:image/svg+xml;base64,${Buffer.from(
            await QRCode.toString(checkInAddress(baseUrl, row.registration.id), {
              type: 'svg',
              margin: 1,
            }),
          ).toString('base64')}`
        : undefined,
    })),
  );
  return {
    items,
    feedUrl: feedToken ? `${baseUrl}/agenda/personnel/${feedToken}.ics` : undefined,
    hasFeed: await hasCalendarFeed(executor, actor.personId),
  };
}

// ——— Staff: the lists of events ———

/** The staff's lists: events to come or under way (nearest first), and past ones (latest first), each paged. */
export async function staffEventsPage(
  executor: Executor,
  pages: { upcoming: number; past: number },
  now = new Date(),
): Promise<{ upcoming: Paged<StaffEventRow>; past: Paged<StaffEventRow> }> {
  // Written out: in a query on one table, drizzle leaves column names unqualified, and « id » inside the
  // subquery would be the registration's.
  const columns = {
    event: events,
    confirmed: sql<number>`(select count(*)::int from registrations r where r.event_id = events.id and r.status = 'confirmed')`,
    waitlisted: sql<number>`(select count(*)::int from registrations r where r.event_id = events.id and r.status = 'waitlisted')`,
    attended: sql<number>`(select count(*)::int from attendance a where a.event_id = events.id)`,
  };
  const list = (page: number, upcoming: boolean) => {
    const where = upcoming ? gte(events.endsAt, now) : lt(events.endsAt, now);
    const order = upcoming
      ? [asc(events.startsAt), asc(events.id)]
      : [desc(events.startsAt), desc(events.id)];
    return paginate(
      page,
      staffEventsPageSize,
      ({ limit, offset }) =>
        executor
          .select(columns)
          .from(events)
          .where(where)
          .orderBy(...order)
          .limit(limit)
          .offset(offset),
      async () => (await executor.select({ n: count() }).from(events).where(where))[0]?.n ?? 0,
    );
  };
  const [upcoming, past] = await Promise.all([list(pages.upcoming, true), list(pages.past, false)]);
  return { upcoming, past };
}

// ——— Staff: one event ———

/** The people invited to an event, by name (asked of the members' module). */
async function listInvitees(executor: Executor, eventId: string): Promise<Invitee[]> {
  const rows = await executor
    .select({ personId: eventInvitations.personId })
    .from(eventInvitations)
    .where(eq(eventInvitations.eventId, eventId));
  const cards = await personCards(
    executor,
    rows.map((r) => r.personId),
  );
  return [...cards.values()]
    .map(({ id, firstName, lastName, email, organisationName }) => ({
      id,
      firstName,
      lastName,
      email,
      organisationName,
    }))
    .sort(
      (a, b) =>
        a.lastName.localeCompare(b.lastName, 'fr') ||
        a.firstName.localeCompare(b.firstName, 'fr') ||
        a.id.localeCompare(b.id),
    );
}

/** An event's staff page: its facts, registrations with attendance, invitees, documents. */
export async function manageEventPage(executor: Executor, eventId: string) {
  const details = await eventDetails(executor, eventId);
  if (!details) return undefined;
  const [rows, documents, invitees, changeLog] = await Promise.all([
    listRegistrations(executor, eventId),
    listDocuments(executor, eventId),
    listInvitees(executor, eventId),
    eventChangeLog(executor, eventId),
  ]);
  return {
    event: details.event,
    seriesTitle: details.seriesTitle,
    registrations: rows satisfies RegistrationRow[],
    invitees,
    documents,
    changeLog,
  };
}
export type ManageEventData = NonNullable<Awaited<ReturnType<typeof manageEventPage>>>;

const registrationColumns: Column<RegistrationRow>[] = [
  { header: 'Prénom', value: (r) => r.person.firstName },
  { header: 'Nom', value: (r) => r.person.lastName },
  { header: 'Email', value: (r) => r.person.email },
  { header: 'Organisation', value: (r) => r.organisationName },
  { header: 'Statut', value: (r) => registrationStatusLabels[r.registration.status] },
  { header: 'Participation', value: (r) => (r.registration.mode ? modeLabels[r.registration.mode] : '') },
  { header: 'Inscrit·e le', type: 'datetime', value: (r) => r.registration.createdAt },
  { header: 'Présent·e', value: (r) => (r.attendance ? 'oui' : 'non') },
  {
    header: 'Présence enregistrée par',
    value: (r) => (r.attendance ? attendanceSourceLabels[r.attendance.source] : ''),
  },
  { header: 'Minutes en ligne', type: 'number', value: (r) => r.attendance?.minutes },
  { header: 'Présence enregistrée le', type: 'datetime', value: (r) => r.attendance?.recordedAt },
];

/** Every registration of an event with its attendance, as a sheet (all of them: an export is never paged). */
export async function registrationsSheet(
  executor: Executor,
  eventId: string,
): Promise<Omit<Sheet<RegistrationRow>, 'format'> | undefined> {
  if (!(await getEvent(executor, eventId))) return undefined;
  return {
    name: 'inscriptions',
    title: 'Inscriptions',
    columns: registrationColumns,
    rows: await listRegistrations(executor, eventId),
  };
}

// ——— Staff: attendance ———

/**
 * The check-in list: confirmed registrations by name, those matching what was typed (any order of the
 * words, accents and case aside), and how many are present of how many confirmed.
 */
export async function checkInPage(executor: Executor, eventId: string, q: string) {
  const event = await getEvent(executor, eventId);
  if (!event) return undefined;
  const confirmed = (await listRegistrations(executor, event.id))
    .filter((r) => r.registration.status === 'confirmed')
    .sort(
      (a, b) =>
        a.person.lastName.localeCompare(b.person.lastName, 'fr') ||
        a.person.firstName.localeCompare(b.person.firstName, 'fr'),
    );
  const words = normalise(q).split(' ').filter(Boolean);
  const rows = confirmed
    .filter((r) => {
      const haystack = normalise(`${r.person.firstName} ${r.person.lastName} ${r.person.email}`);
      return words.every((w) => haystack.includes(w));
    })
    .map((r) => ({
      registrationId: r.registration.id,
      name: `${r.person.firstName} ${r.person.lastName}`,
      organisationName: r.organisationName,
      attendance: r.attendance,
    }));
  return {
    event,
    rows,
    q,
    present: confirmed.filter((r) => r.attendance).length,
    confirmed: confirmed.length,
  };
}

/** The form to upload a video-call report, with the latest reports of the event and how many in all. */
export async function attendanceUploadPage(executor: Executor, eventId: string) {
  const event = await getEvent(executor, eventId);
  if (!event) return undefined;
  const ofEvent = eq(attendanceImports.eventId, eventId);
  const imports = await paginate(
    1,
    reportsShown,
    ({ limit, offset }) =>
      executor
        .select({
          id: attendanceImports.id,
          fileName: attendanceImports.fileName,
          createdAt: attendanceImports.createdAt,
          appliedAt: attendanceImports.appliedAt,
        })
        .from(attendanceImports)
        .where(ofEvent)
        .orderBy(desc(attendanceImports.createdAt), desc(attendanceImports.id))
        .limit(limit)
        .offset(offset),
    async () => (await executor.select({ n: count() }).from(attendanceImports).where(ofEvent))[0]?.n ?? 0,
  );
  return { event, imports };
}

/** A video-call report of the event named in the address: its preview, or what was recorded. */
export async function attendanceReportPage(executor: Executor, eventId: string, importId: string) {
  const found = await getAttendanceImport(executor, importId);
  if (!found || found.eventId !== eventId) return undefined;
  const event = await getEvent(executor, found.eventId);
  if (!event) return undefined;
  return {
    event,
    fileName: found.fileName,
    minMinutes: found.minMinutes,
    report: found.report,
    appliedAt: found.appliedAt,
    importId: found.id,
  };
}

// ——— Staff: an event's life (changes, cancellation, registrations acted on for someone) ———

/** What the change log tells of: the event's own actions, not the registrations' (they have their list). */
const loggedActions = ['create', 'change', 'cancel', 'invite', 'audience'];

export interface ChangeLogEntry {
  at: Date;
  action: string;
  /** Who did it; null for the platform itself (another module, a job). */
  who: string | null;
  data: Record<string, unknown> | null;
}

/** Who changed the event, what and when, latest first (from the audit log). */
export async function eventChangeLog(executor: Executor, eventId: string): Promise<ChangeLogEntry[]> {
  const rows = await executor
    .select()
    .from(auditLog)
    .where(
      and(
        eq(auditLog.entity, 'event'),
        eq(auditLog.entityId, eventId),
        inArray(auditLog.action, loggedActions),
      ),
    )
    .orderBy(desc(auditLog.at), desc(auditLog.id));
  const cards = await personCards(
    executor,
    rows.flatMap((r) => (r.actorId ? [r.actorId] : [])),
  );
  return rows.map((r) => {
    const card = r.actorId ? cards.get(r.actorId) : undefined;
    return {
      at: r.at,
      action: r.action,
      who: card ? `${card.firstName} ${card.lastName}` : null,
      data: (r.data as Record<string, unknown> | null) ?? null,
    };
  });
}

const byName = (a: { firstName: string; lastName: string }, b: { firstName: string; lastName: string }) =>
  a.lastName.localeCompare(b.lastName, 'fr') || a.firstName.localeCompare(b.firstName, 'fr');

/** The cancellation page: the event and who would be mailed (registered or waiting, by name). */
export async function cancelEventPage(executor: Executor, eventId: string) {
  const event = await getEvent(executor, eventId);
  if (!event) return undefined;
  const recipients: Recipient[] = (await noticeRecipients(executor, eventId, { notice: 'cancelled' })).sort(
    byName,
  );
  return { event, recipients };
}

/** How many people a change of these practical things would be mailed to. */
export async function changeRecipientsCount(executor: Executor, eventId: string, changed: PracticalChange[]) {
  return (await noticeRecipients(executor, eventId, { notice: 'changed', changed })).length;
}

/**
 * A registration of the event in the address, for a staff action on it: its person, whether the event is
 * full, and who waiting would take the seat a confirmed registration frees (in their order).
 */
export async function registrationActionPage(executor: Executor, eventId: string, registrationId: string) {
  const registration = await getRegistration(executor, registrationId);
  if (!registration || registration.eventId !== eventId) return undefined;
  const event = await getEvent(executor, eventId);
  const person = (await personCards(executor, [registration.personId])).get(registration.personId);
  if (!event || !person) return undefined;
  const confirmed = await confirmedCount(executor, eventId);
  const full = event.capacity !== null && confirmed >= event.capacity;
  let next: { firstName: string; lastName: string }[] = [];
  if (registration.status === 'confirmed' && event.capacity !== null && !event.cancelledAt) {
    const free = event.capacity - (confirmed - 1);
    if (free > 0) {
      const waiting = await executor
        .select({ personId: registrations.personId })
        .from(registrations)
        .where(and(eq(registrations.eventId, eventId), eq(registrations.status, 'waitlisted')))
        .orderBy(asc(registrations.createdAt), asc(registrations.id))
        .limit(free);
      const cards = await personCards(
        executor,
        waiting.map((w) => w.personId),
      );
      next = waiting.flatMap((w) => {
        const card = cards.get(w.personId);
        return card ? [card] : [];
      });
    }
  }
  return { event, registration, person, full, next };
}
