// The Lettre's agenda, generated from the agenda's events, never retyped: the events of the period
// grouped by month and by day, each with where it takes place and who it is for in words (« en
// visioconférence (réservé aux adhérents de CUF) »), then « autres dates à retenir » from the months after.
// What an anonymous visitor of the agenda sees: a restricted committee stays out of a public Lettre.
import type { Executor } from '../../platform/db/client.ts';
import { capitalised, formatDay, formatWhen, parisDate, parisTime, timeZone } from '../../platform/time.ts';
import { audienceLabel } from '../events/audiences.ts';
import { listEvents } from '../events/events.ts';

export interface AgendaLine {
  id: string;
  title: string;
  /** « à Limoges », « en visioconférence », « à Paris et en visioconférence ». */
  where: string;
  /** Who it is for, when it is not open to all: « réservé aux adhérents de CUF ». */
  audience: string | undefined;
  href: string;
}

export interface AgendaDay {
  /** « Jeudi 11 décembre 2025 », « Du mercredi 10 au vendredi 21 novembre 2025 ». */
  label: string;
  lines: AgendaLine[];
}

export interface AgendaMonth {
  /** « Décembre 2025 ». */
  label: string;
  days: AgendaDay[];
}

type Listed = Awaited<ReturnType<typeof listEvents>>[number]['event'];

const monthName = new Intl.DateTimeFormat('fr-FR', { month: 'long', year: 'numeric', timeZone });

/** « à Limoges », « en visioconférence », « à Paris et en visioconférence ». */
export function whereOf(event: Pick<Listed, 'venue' | 'format'>): string {
  const place = event.venue ? `à ${event.venue}` : undefined;
  if (event.format === 'online') return 'en visioconférence';
  if (event.format === 'hybrid')
    return place ? `${place} et en visioconférence` : 'en présentiel et en visioconférence';
  return place ?? 'en présentiel';
}

function audienceWords(key: string): string | undefined {
  if (key === 'public') return undefined;
  if (key === 'members') return 'réservé aux adhérents de CUF';
  const label = audienceLabel(key);
  return label.charAt(0).toLowerCase() + label.slice(1);
}

const lineOf = (event: Listed, baseUrl: string): AgendaLine => ({
  id: event.id,
  // Kept in the agenda, as the agenda keeps it: a reader who noted the date learns it will not take place.
  title: event.cancelledAt ? `${event.title} (annulé)` : event.title,
  where: whereOf(event),
  audience: audienceWords(event.audience),
  href: `${baseUrl}/agenda/${event.id}`,
});

/** « Jeudi 11 décembre 2025 » for a day; « Du mercredi 10 au vendredi 21 novembre 2025 » over several. */
const dayLabel = (event: Listed) =>
  capitalised(
    parisDate(event.startsAt) === parisDate(event.endsAt)
      ? formatDay(event.startsAt)
      : formatWhen(event.startsAt, event.endsAt),
  );

/** The events that start in the period (Paris days, both included), by month and by day. */
export async function agendaOf(
  executor: Executor,
  period: { start: string; end: string },
  baseUrl = '',
): Promise<AgendaMonth[]> {
  const from = parisTime(period.start);
  const rows = await listEvents(executor, { from, to: parisTime(period.end, '23:59') }, null, null);
  const months: AgendaMonth[] = [];
  for (const { event } of rows) {
    // An event begun before the period and still going on belongs to the issue that announced it.
    if (event.startsAt < from) continue;
    const month = capitalised(monthName.format(event.startsAt));
    if (months.at(-1)?.label !== month) months.push({ label: month, days: [] });
    const days = months.at(-1)!.days;
    const label = dayLabel(event);
    if (days.at(-1)?.label !== label) days.push({ label, lines: [] });
    days.at(-1)!.lines.push(lineOf(event, baseUrl));
  }
  return months;
}

export interface LaterDate extends AgendaLine {
  /** « le mardi 10 février 2026 », « du mercredi 8 au jeudi 9 juillet 2026 ». */
  when: string;
}

/** « Autres dates à retenir »: the next events after the period, up to `limit`. */
export async function laterDates(
  executor: Executor,
  periodEnd: string,
  baseUrl = '',
  limit = 8,
): Promise<LaterDate[]> {
  const after = parisTime(periodEnd, '23:59');
  // The agenda keeps the events not over at `after`: those begun before are skipped, hence the margin.
  const rows = await listEvents(executor, { from: after }, null, limit + 20);
  return rows
    .filter(({ event }) => event.startsAt > after)
    .slice(0, limit)
    .map(({ event }) => ({
      ...lineOf(event, baseUrl),
      when:
        parisDate(event.startsAt) === parisDate(event.endsAt)
          ? `le ${formatDay(event.startsAt)}`
          : formatWhen(event.startsAt, event.endsAt),
    }));
}
