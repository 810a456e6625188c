// The Rencontres' figures for staff and the board (issue 18): who registered, under which category, for which
// days, from which country, région and kind of organisation, members or not, who came, how full the workshops
// were; the sentence the network says of an edition; the tables of its page and workbook, and the list of
// registrations the event team downloads.
import { and, asc, eq, ne } from 'drizzle-orm';
import { countryName } from '../../platform/countries.ts';
import type { Executor } from '../../platform/db/client.ts';
import type { Column } from '../../platform/sheets/sheets.ts';
import { formatDay, parisDate, parisTime } from '../../platform/time.ts';
import { listRegistrations } from '../events/registrations.queries.ts';
import { registrationStatusLabels } from '../events/views/parts.tsx';
import {
  frenchLocalGovernmentKinds,
  type OrganisationKind,
  organisationKinds,
} from '../organisations/kinds.ts';
import { peopleWithStanding } from '../organisations/memberships.ts';
import {
  getOrganisationsByIds,
  type Organisation,
  organisationKindLabels,
} from '../organisations/organisations.ts';
import { regions } from '../organisations/reference.ts';
import { presentCount } from './check-in.ts';
import { fillOfSessions } from './choices.ts';
import {
  type CategoryCode,
  type ChoiceStatus,
  conferenceChoices,
  conferenceRegistrations,
  conferenceScans,
  conferenceSessions,
} from './conferences.schema.ts';
import {
  type Conference,
  categoryLabels,
  choosableKinds,
  conferenceDays,
  getConference,
  listCategories,
  listRooms,
  listSessions,
  sessionWhen,
} from './conferences.ts';
import { statsMessages as m } from './stats.messages.ts';

type RegistrationStatus = keyof typeof registrationStatusLabels;

/** One registration to an edition, as the statistics and the event team's list read it. */
export interface RegistrationLine {
  registrationId: string;
  status: RegistrationStatus;
  registeredAt: Date;
  person: { id: string; firstName: string; lastName: string; email: string };
  organisation: Organisation | undefined;
  /** The organisation was a member in good standing on the edition's first day. */
  member: boolean;
  /** Null for a registration made in the agenda before the event became an edition, not given one since. */
  category: CategoryCode | null;
  amountDueCents: number;
  /** The days attended; empty: every day. */
  days: string[];
  lunch: boolean;
  accessibilityNeeds: string | null;
  /** The agenda's attendance: present at the edition, through any door. */
  present: boolean;
  /** The workshops chosen, in the programme's order. */
  choices: { title: string; status: ChoiceStatus }[];
}

/**
 * Every registration of an edition (any status), in the agenda's order: confirmed first, then waiting, then
 * cancelled. The person's organisation is today's (people move; the platform keeps no history of it); the
 * membership is the one of the edition's first day.
 */
export async function registrationLines(
  executor: Executor,
  conference: Conference,
): Promise<RegistrationLine[]> {
  const [agenda, ours, choices] = await Promise.all([
    listRegistrations(executor, conference.eventId),
    executor
      .select()
      .from(conferenceRegistrations)
      .where(eq(conferenceRegistrations.conferenceId, conference.id)),
    executor
      .select({
        registrationId: conferenceChoices.registrationId,
        title: conferenceSessions.title,
        status: conferenceChoices.status,
      })
      .from(conferenceChoices)
      .innerJoin(conferenceSessions, eq(conferenceSessions.id, conferenceChoices.sessionId))
      .where(
        and(eq(conferenceSessions.conferenceId, conference.id), ne(conferenceChoices.status, 'cancelled')),
      )
      .orderBy(asc(conferenceSessions.startsAt), asc(conferenceSessions.title)),
  ]);
  const people = new Map(
    (
      await peopleWithStanding(
        executor,
        agenda.map((r) => r.person.id),
        conference.event.startsAt,
      )
    ).map((p) => [p.id, p]),
  );
  const organisationIds = [...new Set([...people.values()].flatMap((p) => p.organisationId ?? []))];
  const organisations = new Map(
    (await getOrganisationsByIds(executor, organisationIds)).map((o) => [o.id, o]),
  );
  const byRegistration = new Map(ours.map((r) => [r.registrationId, r]));
  const chosen = new Map<string, RegistrationLine['choices']>();
  for (const { registrationId, title, status } of choices)
    chosen.set(registrationId, [...(chosen.get(registrationId) ?? []), { title, status }]);
  return agenda.map(({ registration, person, attendance }) => {
    const row = byRegistration.get(registration.id);
    const standing = people.get(person.id);
    const organisation = standing?.organisationId ? organisations.get(standing.organisationId) : undefined;
    return {
      registrationId: registration.id,
      status: registration.status,
      registeredAt: registration.createdAt,
      person: { id: person.id, firstName: person.firstName, lastName: person.lastName, email: person.email },
      organisation,
      member: organisation !== undefined && (standing?.member ?? false),
      category: row?.category ?? null,
      amountDueCents: row?.amountDueCents ?? 0,
      days: row?.days ?? [],
      lunch: row?.lunch ?? false,
      accessibilityNeeds: row?.accessibilityNeeds ?? null,
      present: attendance !== null,
      choices: chosen.get(registration.id) ?? [],
    };
  });
}

// ——— The figures ———

/** A row of a count: what is counted, its French name, how many. */
export interface Count {
  key: string | null;
  label: string;
  count: number;
}

export interface WorkshopFill {
  sessionId: string;
  title: string;
  when: string;
  room: string | null;
  /** Null: no limit (neither the session nor its room says). */
  seats: number | null;
  confirmed: number;
  waitlisted: number;
  /** People scanned at its door (let in without a choice included). */
  present: number;
}

export interface ConferenceStats {
  conference: Conference;
  /** Before its first day, during it, after its last. */
  phase: 'upcoming' | 'running' | 'past';
  registrations: Record<RegistrationStatus, number>;
  /** Confirmed registrations present or not, once the edition has begun. */
  attendance: { present: number; absent: number } | undefined;
  categories: (Count & { amountDueCents: number })[];
  days: (Count & { scanned: number })[];
  countries: Count[];
  regions: Count[];
  kinds: Count[];
  membership: { members: number; nonMembers: number };
  lunch: number;
  accessibilityNeeds: number;
  workshops: WorkshopFill[];
  summary: { text: string; basis: 'present' | 'confirmed' | 'registered' };
}

/** Counts by key, the most numerous first, then by name. */
function countBy(
  lines: readonly RegistrationLine[],
  keyOf: (line: RegistrationLine) => [string | null, string],
) {
  const counts = new Map<string | null, Count>();
  for (const line of lines) {
    const [key, label] = keyOf(line);
    const known = counts.get(key) ?? { key, label, count: 0 };
    known.count++;
    counts.set(key, known);
  }
  return [...counts.values()].sort((a, b) => b.count - a.count || a.label.localeCompare(b.label, 'fr'));
}

/**
 * The round number « près de » may name for a count, if any: the next multiple of a round step (50 for
 * hundreds, 500 for thousands…) when the count is at most 3 % below it. « Près de 400 » for 390 or 397; for
 * 385, or 403, the figure itself: the network never rounds up what is far below, nor what is above.
 */
export function nearRound(count: number): number | null {
  if (count < 10) return null;
  const step = 5 * 10 ** Math.max(1, Math.floor(Math.log10(count)) - 1);
  const round = Math.ceil(count / step) * step;
  return round > count && (round - count) * 100 <= 3 * round ? round : null;
}

/** The people scanned at any door, by Paris day of their passage. */
async function scannedByDay(executor: Executor, conferenceId: string) {
  const rows = await executor
    .select({ registrationId: conferenceScans.registrationId, scannedAt: conferenceScans.scannedAt })
    .from(conferenceScans)
    .where(eq(conferenceScans.conferenceId, conferenceId));
  const byDay = new Map<string, Set<string>>();
  for (const row of rows) {
    const day = parisDate(row.scannedAt);
    byDay.set(day, (byDay.get(day) ?? new Set()).add(row.registrationId));
  }
  return byDay;
}

async function workshopFills(executor: Executor, conferenceId: string): Promise<WorkshopFill[]> {
  const [sessions, rooms, fills] = await Promise.all([
    listSessions(executor, conferenceId),
    listRooms(executor, conferenceId),
    fillOfSessions(executor, conferenceId),
  ]);
  const workshops = sessions.filter((s) => choosableKinds.includes(s.kind));
  const present = await Promise.all(workshops.map((s) => presentCount(executor, conferenceId, s.id)));
  return workshops.map((session, i) => {
    const fill = fills.get(session.id);
    return {
      sessionId: session.id,
      title: session.title,
      when: sessionWhen(session),
      room: rooms.find((r) => r.id === session.roomId)?.name ?? null,
      seats: fill?.seats ?? null,
      confirmed: fill?.confirmed ?? 0,
      waitlisted: fill?.waitlisted ?? 0,
      present: present[i]!,
    };
  });
}

/**
 * The figures of an edition at `at` (now by default): the past tense once its last day is over. Undefined
 * for no such edition.
 */
export async function conferenceStats(
  executor: Executor,
  conferenceId: string,
  at: Date = new Date(),
): Promise<ConferenceStats | undefined> {
  const conference = await getConference(executor, conferenceId);
  if (!conference) return undefined;
  const [lines, categories, scanned, workshops] = await Promise.all([
    registrationLines(executor, conference),
    listCategories(executor, conference.id),
    scannedByDay(executor, conference.id),
    workshopFills(executor, conference.id),
  ]);
  const { startsAt, endsAt } = conference.event;
  const phase = at < startsAt ? 'upcoming' : at < endsAt ? 'running' : 'past';
  const registrations = { confirmed: 0, waitlisted: 0, cancelled: 0 };
  for (const line of lines) registrations[line.status]++;
  const confirmed = lines.filter((l) => l.status === 'confirmed');
  const present = confirmed.filter((l) => l.present);

  const byCategory = [...categories.map((c) => c.code), null].map((code) => {
    const of = confirmed.filter((l) => l.category === code);
    return {
      key: code,
      label: code ? categoryLabels[code] : m.statsNoCategory().text,
      count: of.length,
      amountDueCents: of.reduce((sum, l) => sum + l.amountDueCents, 0),
    };
  });

  const editionDays = [
    ...new Set([...conferenceDays(conference), ...confirmed.flatMap((l) => l.days)]),
  ].sort();
  const days = editionDays.map((day) => ({
    key: day,
    label: formatDay(parisTime(day)),
    count: confirmed.filter((l) => l.days.length === 0 || l.days.includes(day)).length,
    scanned: scanned.get(day)?.size ?? 0,
  }));

  const regionNames = new Map(regions().map((r) => [r.code, r.name]));
  const french = confirmed.filter(
    (l) =>
      l.organisation &&
      l.organisation.country === 'FR' &&
      frenchLocalGovernmentKinds.includes(l.organisation.kind),
  );
  const kindRank = (key: string | null) =>
    key === null ? organisationKinds.length : organisationKinds.indexOf(key as OrganisationKind);

  // After the edition, its participants are those who came, when the doors recorded anyone; else those
  // registered (an edition whose check-in was kept on paper).
  const basis = phase !== 'past' ? 'registered' : present.length ? 'present' : 'confirmed';
  const counted = basis === 'present' ? present : confirmed;
  const countries = new Set(counted.flatMap((l) => l.organisation?.country ?? [])).size;
  const summary =
    phase === 'past'
      ? m.statsSummaryPast({ count: counted.length, near: nearRound(counted.length), countries })
      : m.statsSummaryUpcoming({ count: registrations.confirmed, waitlisted: registrations.waitlisted });

  return {
    conference,
    phase,
    registrations,
    attendance:
      phase === 'upcoming'
        ? undefined
        : { present: present.length, absent: confirmed.length - present.length },
    categories: byCategory.filter((c) => c.key !== null || c.count > 0),
    days,
    countries: countBy(confirmed, (l) =>
      l.organisation
        ? [l.organisation.country, countryName(l.organisation.country)]
        : [null, m.statsNoOrganisation().text],
    ),
    regions: countBy(french, (l) => {
      const code = l.organisation!.regionCode;
      return [code, (code && regionNames.get(code)) || m.statsUnknownRegion().text];
    }),
    kinds: countBy(confirmed, (l) =>
      l.organisation
        ? [l.organisation.kind, organisationKindLabels[l.organisation.kind]]
        : [null, m.statsNoOrganisation().text],
    ).sort((a, b) => kindRank(a.key) - kindRank(b.key)),
    membership: {
      members: confirmed.filter((l) => l.member).length,
      nonMembers: confirmed.filter((l) => !l.member).length,
    },
    lunch: confirmed.filter((l) => l.lunch).length,
    accessibilityNeeds: confirmed.filter((l) => l.accessibilityNeeds).length,
    workshops,
    summary: { text: summary.text, basis },
  };
}

// ——— As tables: the page and the workbook read the same ———

/** How a cell reads: a text, a count, an amount in cents, a rate (0 to 1). */
export type StatKind = 'text' | 'count' | 'cents' | 'rate';
export type StatCell = string | number | null;

export interface StatTable {
  /** The table's heading, and its sheet's name in the workbook (31 characters at most). */
  title: string;
  caption: string;
  /** What the page says instead of a table without rows. */
  empty: string;
  columns: { header: string; kind: StatKind }[];
  rows: StatCell[][];
}

const countsTable = (
  title: string,
  caption: string,
  header: string,
  counts: readonly Count[],
): StatTable => ({
  title,
  caption,
  empty: m.statsNoRows().text,
  columns: [
    { header, kind: 'text' },
    { header: 'Participants', kind: 'count' },
  ],
  rows: counts.map((c) => [c.label, c.count]),
});

/** A workshop's fill: its confirmed choices over its seats; null without a limit. */
export const fillRate = (w: WorkshopFill) => (w.seats ? w.confirmed / w.seats : null);

export function statsTables(stats: ConferenceStats): StatTable[] {
  const total = stats.categories.reduce(
    (sum, c) => ({ count: sum.count + c.count, cents: sum.cents + c.amountDueCents }),
    { count: 0, cents: 0 },
  );
  return [
    {
      title: 'Inscriptions',
      empty: m.statsNoRows().text,
      caption: m.statsCaptionRegistrations().text,
      columns: [
        { header: 'État', kind: 'text' },
        { header: 'Inscriptions', kind: 'count' },
      ],
      rows: [
        ...(['confirmed', 'waitlisted', 'cancelled'] as const).map((s) => [
          registrationStatusLabels[s],
          stats.registrations[s],
        ]),
        ...(stats.attendance
          ? [
              ['Confirmées, présent·e', stats.attendance.present],
              [
                stats.phase === 'past' ? 'Confirmées, absent·e' : 'Confirmées, pas encore venu·e',
                stats.attendance.absent,
              ],
            ]
          : []),
      ],
    },
    {
      title: 'Catégories',
      empty: m.statsNoRows().text,
      caption: m.statsCaptionCategories().text,
      columns: [
        { header: 'Catégorie', kind: 'text' },
        { header: 'Participants', kind: 'count' },
        { header: 'Montant dû', kind: 'cents' },
      ],
      rows: [
        ...stats.categories.map((c) => [c.label, c.count, c.amountDueCents]),
        ['Total', total.count, total.cents],
      ],
    },
    {
      title: 'Jours',
      empty: m.statsNoRows().text,
      caption: m.statsCaptionDays().text,
      columns: [
        { header: 'Jour', kind: 'text' },
        { header: 'Participants attendus', kind: 'count' },
        { header: 'Badges scannés', kind: 'count' },
      ],
      rows: stats.days.map((d) => [d.label, d.count, d.scanned]),
    },
    countsTable('Pays', m.statsCaptionCountries().text, 'Pays', stats.countries),
    countsTable('Régions', m.statsCaptionRegions().text, 'Région', stats.regions),
    countsTable('Types d’organisation', m.statsCaptionKinds().text, 'Type d’organisation', stats.kinds),
    countsTable('Adhésion', m.statsCaptionMembership().text, 'Organisation', [
      { key: 'member', label: 'Adhérente', count: stats.membership.members },
      { key: 'non_member', label: 'Non adhérente ou sans organisation', count: stats.membership.nonMembers },
    ]),
    {
      title: 'Accueil',
      empty: m.statsNoRows().text,
      caption: m.statsCaptionWelcome().text,
      columns: [
        { header: 'À prévoir', kind: 'text' },
        { header: 'Participants', kind: 'count' },
      ],
      rows: [
        ['Déjeuner', stats.lunch],
        ['Besoins d’accessibilité signalés', stats.accessibilityNeeds],
      ],
    },
    {
      title: 'Ateliers',
      empty: m.statsNoWorkshops().text,
      caption: m.statsCaptionWorkshops().text,
      columns: [
        { header: 'Atelier', kind: 'text' },
        { header: 'Quand', kind: 'text' },
        { header: 'Salle', kind: 'text' },
        { header: 'Places', kind: 'count' },
        { header: 'Confirmés', kind: 'count' },
        { header: 'Liste d’attente', kind: 'count' },
        { header: 'Présents à la porte', kind: 'count' },
        { header: 'Remplissage', kind: 'rate' },
      ],
      rows: stats.workshops.map((w) => [
        w.title,
        w.when,
        w.room,
        w.seats,
        w.confirmed,
        w.waitlisted,
        w.present,
        fillRate(w),
      ]),
    },
  ];
}

// ——— The event team's list ———

const yesNo = (value: boolean) => (value ? 'oui' : 'non');

/** The columns of the registrations' export (the agenda's words for statuses and presence). */
export const registrationColumns: Column<RegistrationLine>[] = [
  { header: 'Nom', value: (l) => l.person.lastName },
  { header: 'Prénom', value: (l) => l.person.firstName },
  { header: 'Email', value: (l) => l.person.email },
  { header: 'Organisation', value: (l) => l.organisation?.name },
  { header: 'Pays', value: (l) => (l.organisation ? countryName(l.organisation.country) : '') },
  { header: 'Catégorie', value: (l) => (l.category ? categoryLabels[l.category] : m.statsNoCategory().text) },
  { header: 'Statut', value: (l) => registrationStatusLabels[l.status] },
  { header: 'Montant dû (€)', type: 'number', value: (l) => l.amountDueCents / 100 },
  {
    header: 'Jours',
    value: (l) =>
      l.days.length ? l.days.map((d) => formatDay(parisTime(d))).join(', ') : m.statsEveryDay().text,
  },
  { header: 'Déjeuner', value: (l) => yesNo(l.lunch) },
  { header: 'Besoins d’accessibilité', value: (l) => l.accessibilityNeeds },
  // Presence means something for a confirmed registration only.
  { header: 'Présent·e', value: (l) => (l.status === 'confirmed' ? yesNo(l.present) : '') },
  {
    header: 'Ateliers choisis',
    value: (l) =>
      l.choices
        .map((c) => (c.status === 'waitlisted' ? `${c.title} (liste d’attente)` : c.title))
        .join(' ; '),
  },
  { header: 'Inscrit·e le', type: 'datetime', value: (l) => l.registeredAt },
];
