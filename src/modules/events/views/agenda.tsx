import type { Paged } from '../../../platform/pagination.ts';
import { formatTime, formatWhen, parisDate, parisDays } from '../../../platform/time.ts';
import { Field, Layout, type PageContext, Select } from '../../../platform/views/layout.tsx';
import { Pagination } from '../../../platform/views/pagination.tsx';
import { audienceChoices, audienceLabel } from '../audiences.ts';
import type { EventLabel } from '../event-links.ts';
import { eventFormats, eventKinds } from '../events.schema.ts';
import {
  type AgendaFilters,
  type Event,
  eventFormatLabels,
  eventKindLabels,
  hasEnded,
  sessionLabel,
} from '../events.ts';

export type AgendaRow = {
  event: Event;
  seriesTitle: string | null;
  confirmed: number;
  /** What other modules link the event to (the groups it is a meeting of), on the list. */
  labels?: EventLabel[];
};

const monthTitle = new Intl.DateTimeFormat('fr-FR', { timeZone: 'UTC', month: 'long', year: 'numeric' });

/** The records other modules link an event to, as links: « Groupe-pays Japon, Mission transversale Climat ». */
export function LinkedTo({ labels }: { labels: EventLabel[] }) {
  return (
    <>
      {labels.map((l, i) => (
        <span key={l.href}>
          {i ? ', ' : ''}
          <a href={l.href}>{l.label}</a>
        </span>
      ))}
    </>
  );
}

export function seatsLeft(event: Event, confirmed: number): number | null {
  return event.capacity === null ? null : Math.max(0, event.capacity - confirmed);
}

export function EventFacts({ row }: { row: AgendaRow }) {
  const { event } = row;
  const ended = hasEnded(event);
  // An event over has no seats left to tell.
  const left = ended ? null : seatsLeft(event, row.confirmed);
  return (
    <p class="muted">
      {event.cancelledAt ? (
        <>
          <span class="badge badge-warn">Annulé</span>{' '}
        </>
      ) : ended ? (
        <>
          <span class="badge">Terminé</span>{' '}
        </>
      ) : null}
      {eventKindLabels[event.kind]} · {eventFormatLabels[event.format]}
      {event.venue ? ` · ${event.venue}` : ''} · <strong>{audienceLabel(event.audience)}</strong>
      {left !== null && !event.cancelledAt
        ? ` · ${left === 0 ? 'complet (liste d’attente)' : `${left} place${left > 1 ? 's' : ''} restante${left > 1 ? 's' : ''}`}`
        : ''}
      {event.provisional ? ' · date provisoire' : ''}
    </p>
  );
}

function Filters({
  filters,
  series,
  view,
  month,
}: {
  filters: AgendaFilters;
  series: { id: string; title: string }[];
  view: string;
  month: string;
}) {
  return (
    <form method="get" action="/agenda" class="filters" aria-label="Filtrer l’agenda">
      <input type="hidden" name="vue" value={view} />
      {view === 'mois' ? <input type="hidden" name="mois" value={month} /> : null}
      <Field name="q" label="Rechercher" type="search" value={filters.q} />
      <Select
        name="kind"
        label="Type"
        options={eventKinds.map((k) => [k, eventKindLabels[k]] as const)}
        value={filters.kind}
        empty="Tous"
      />
      <Select
        name="format"
        label="Format"
        options={eventFormats.map((k) => [k, eventFormatLabels[k]] as const)}
        value={filters.format}
        empty="Tous"
      />
      <Select
        name="audience"
        label="Public"
        options={audienceChoices()}
        value={filters.audience}
        empty="Tous"
      />
      <Select
        name="series"
        label="Série"
        options={series.map((s) => [s.id, s.title] as const)}
        value={filters.series}
        empty="Toutes"
      />
      <div class="field">
        <button type="submit">Filtrer</button>
      </div>
    </form>
  );
}

function query(params: Record<string, string | undefined>) {
  const search = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v) search.set(k, v);
  return `/agenda?${search}`;
}

export function AgendaPage(props: {
  ctx: PageContext;
  rows: AgendaRow[];
  filters: AgendaFilters;
  series: { id: string; title: string }[];
  view: 'liste' | 'mois';
  month: string;
  /** The list's page and its honest total (the month view shows its whole month). */
  paged: Pick<Paged<unknown>, 'page' | 'total' | 'pageSize'> | undefined;
  notice?: string | undefined;
}) {
  const { filters } = props;
  const common = {
    q: filters.q,
    kind: filters.kind,
    format: filters.format,
    audience: filters.audience,
    series: filters.series,
  };
  return (
    <Layout ctx={props.ctx} title="Agenda" notice={props.notice}>
      <h1>Agenda du réseau</h1>
      <nav aria-label="Affichage de l’agenda" class="actions">
        <a
          href={query({ ...common, vue: 'liste' })}
          aria-current={props.view === 'liste' ? 'page' : undefined}
        >
          Liste des prochains événements
        </a>
        <a
          href={query({ ...common, vue: 'mois', mois: props.month })}
          aria-current={props.view === 'mois' ? 'page' : undefined}
        >
          Vue par mois
        </a>
        <a href="/agenda.ics">S’abonner à l’agenda (iCal)</a>
      </nav>
      <Filters filters={filters} series={props.series} view={props.view} month={props.month} />
      {props.view === 'mois' ? (
        <MonthView rows={props.rows} month={props.month} common={common} />
      ) : (
        <>
          <ListView rows={props.rows} />
          {props.paged ? (
            <Pagination
              paged={props.paged}
              query={(page) => query({ ...common, vue: 'liste', page: String(page) })}
              label="Pages de l’agenda"
              previous="Événements précédents"
              next="Événements suivants"
            />
          ) : null}
        </>
      )}
    </Layout>
  );
}

function ListView({ rows }: { rows: AgendaRow[] }) {
  if (rows.length === 0) return <p role="status">Aucun événement ne correspond.</p>;
  return (
    <ul class="cards">
      {rows.map((row) => (
        <li key={row.event.id} class="card">
          <h2>
            <a href={`/agenda/${row.event.id}`}>{row.event.title}</a>
          </h2>
          <p>
            <time dateTime={row.event.startsAt.toISOString()}>
              {formatWhen(row.event.startsAt, row.event.endsAt)}
            </time>
          </p>
          {row.seriesTitle && row.event.seriesId ? (
            <p>
              <a href={`/agenda/series/${row.event.seriesId}`}>{row.seriesTitle}</a>
              {sessionLabel(row.event) ? ` · ${sessionLabel(row.event)}` : ''}
            </p>
          ) : null}
          {row.labels?.length ? (
            <p>
              Réunion de <LinkedTo labels={row.labels} />
            </p>
          ) : null}
          <EventFacts row={row} />
        </li>
      ))}
    </ul>
  );
}

function MonthView({
  rows,
  month,
  common,
}: {
  rows: AgendaRow[];
  month: string;
  common: Record<string, string | undefined>;
}) {
  const [year, m] = month.split('-').map(Number) as [number, number];
  const first = new Date(Date.UTC(year, m - 1, 1));
  const days = new Date(Date.UTC(year, m, 0)).getUTCDate();
  const offset = (first.getUTCDay() + 6) % 7;
  const byDay = new Map<string, AgendaRow[]>();
  // An event over several days appears on each of them (its hour on the first only).
  for (const row of rows) {
    for (const key of parisDays(row.event.startsAt, row.event.endsAt)) {
      byDay.set(key, [...(byDay.get(key) ?? []), row]);
    }
  }
  const cells: (number | null)[] = [
    ...Array(offset).fill(null),
    ...Array.from({ length: days }, (_, i) => i + 1),
  ];
  while (cells.length % 7) cells.push(null);
  const weeks = Array.from({ length: cells.length / 7 }, (_, w) => cells.slice(w * 7, w * 7 + 7));
  const shift = (delta: number) => {
    const d = new Date(Date.UTC(year, m - 1 + delta, 1));
    return `${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, '0')}`;
  };
  const title = monthTitle.format(first);
  return (
    <>
      <nav aria-label="Mois" class="actions">
        <a href={query({ ...common, vue: 'mois', mois: shift(-1) })}>Mois précédent</a>
        <a href={query({ ...common, vue: 'mois', mois: shift(1) })}>Mois suivant</a>
      </nav>
      <table class="month">
        <caption>
          {title.charAt(0).toUpperCase() + title.slice(1)} — {rows.length} événement
          {rows.length > 1 ? 's' : ''}
        </caption>
        <thead>
          <tr>
            {['lundi', 'mardi', 'mercredi', 'jeudi', 'vendredi', 'samedi', 'dimanche'].map((d) => (
              <th key={d} scope="col">
                {d}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {weeks.map((week) => (
            <tr key={week.join('-')}>
              {week.map((day, i) => {
                const key = day ? `${month}-${String(day).padStart(2, '0')}` : '';
                const items = day ? (byDay.get(key) ?? []) : [];
                return (
                  <td key={i} class={items.length ? 'has-events' : 'no-events'}>
                    {day ? <span class="day-number">{day}</span> : null}
                    {items.length ? (
                      <ul>
                        {items.map((row) => (
                          <li key={row.event.id}>
                            {parisDate(row.event.startsAt) === key
                              ? `${formatTime(row.event.startsAt)} `
                              : 'suite : '}
                            {row.event.cancelledAt ? 'Annulé : ' : ''}
                            <a href={`/agenda/${row.event.id}`}>{row.event.title}</a>
                          </li>
                        ))}
                      </ul>
                    ) : null}
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}
