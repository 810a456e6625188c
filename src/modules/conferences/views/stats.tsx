// The statistics page of an edition for staff and the board: the summary the network says of it, then each
// table with its caption, numbers written the French way; the downloads at the top.
import { formatCents } from '../../../platform/money.ts';
import { capitalised, formatWhen } from '../../../platform/time.ts';
import { Layout, type PageContext } from '../../../platform/views/layout.tsx';
import { statsMessages as m } from '../stats.messages.ts';
import type { ConferenceStats, StatCell, StatKind, StatTable } from '../stats.ts';

export const statsPath = (conferenceId: string) => `/gestion/rencontres/${conferenceId}/statistiques`;
export const registrationsExportPath = (conferenceId: string) =>
  `/gestion/rencontres/${conferenceId}/inscriptions`;

const rate = new Intl.NumberFormat('fr-FR', { style: 'percent', maximumFractionDigits: 0 });

/** A cell as the page writes it: « 1 234 », « 150,00 € », « 85 % »; a dash for nothing. */
export function cellText(kind: StatKind, value: StatCell): string {
  if (value === null || value === '') return '—';
  if (typeof value === 'string') return value;
  switch (kind) {
    case 'cents':
      return formatCents(value);
    case 'rate':
      return rate.format(value);
    default:
      return value.toLocaleString('fr-FR');
  }
}

const basisText = (basis: ConferenceStats['summary']['basis']) =>
  ({
    present: m.statsBasisPresent(),
    confirmed: m.statsBasisConfirmed(),
    registered: m.statsBasisRegistered(),
  })[basis].text;

function Table({ table, id }: { table: StatTable; id: string }) {
  const [first, ...others] = table.columns;
  return (
    <section aria-labelledby={id}>
      <h2 id={id}>{table.title}</h2>
      {table.rows.length === 0 ? (
        <p>{table.empty}</p>
      ) : (
        <div class="table-scroll">
          {/* A table of two columns fits a phone; a wider one becomes a card per row there. */}
          <table class={table.columns.length > 2 ? 'table-cards' : undefined}>
            <caption>{table.caption}</caption>
            <thead>
              <tr>
                {table.columns.map((c) => (
                  <th key={c.header} scope="col">
                    {c.header}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {table.rows.map(([head, ...cells], i) => (
                <tr key={i}>
                  <th scope="row" class="name">
                    {cellText(first!.kind, head ?? null)}
                  </th>
                  {cells.map((cell, j) => (
                    <td key={others[j]!.header} data-label={others[j]!.header}>
                      {cellText(others[j]!.kind, cell)}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

export function StatsPage(props: { ctx: PageContext; stats: ConferenceStats; tables: readonly StatTable[] }) {
  const { conference, summary } = props.stats;
  const { event } = conference;
  const title = `Statistiques — ${event.title}`;
  const exports = registrationsExportPath(conference.id);
  return (
    <Layout ctx={props.ctx} title={title}>
      <h1>{title}</h1>
      <p class="muted">
        {capitalised(formatWhen(event.startsAt, event.endsAt))}
        {event.venue ? `, ${event.venue}` : ''}
      </p>
      <p class="lead">
        <strong>{summary.text}</strong>
      </p>
      <p class="muted">{basisText(summary.basis)}</p>
      <ul>
        <li>
          La liste des inscriptions, pour l’équipe de l’événement : <a href={`${exports}.csv`}>CSV</a>,{' '}
          <a href={`${exports}.xlsx`}>Excel</a>
        </li>
        <li>
          Ces tableaux, une feuille chacun : <a href={`${statsPath(conference.id)}.xlsx`}>Excel</a>
        </li>
        <li>
          <a href={`/gestion/rencontres/${conference.id}/accueil`}>L’accueil et les portes</a> ·{' '}
          <a href={`/rencontres/${conference.id}/programme`}>Le programme</a>
        </li>
      </ul>
      {props.tables.map((table, i) => (
        <Table key={table.title} table={table} id={`tableau-${i + 1}`} />
      ))}
    </Layout>
  );
}
