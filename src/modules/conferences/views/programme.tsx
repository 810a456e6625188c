// The public programme of the Rencontres: the editions, an edition's grid and lists, a session's page.

import { capitalised, formatDay, formatTime, formatWhen, parisTime } from '../../../platform/time.ts';
import { Layout, type PageContext, Select } from '../../../platform/views/layout.tsx';
import type { SessionKind } from '../conferences.schema.ts';
import {
  type Conference,
  type Room,
  type SessionWithSpeakers,
  sessionKindLabels,
  sessionWhen,
} from '../conferences.ts';
import type { GridRow } from '../grid.ts';
import { programmeMessages as m } from '../programme.messages.ts';

/** « 1re édition », « 17e édition ». */
const editionLabel = (n: number) => `${n === 1 ? '1re' : `${n}e`} édition`;

const programmeUrl = (conferenceId: string) => `/rencontres/${conferenceId}/programme`;
const sessionUrl = (conferenceId: string, sessionId: string) =>
  `/rencontres/${conferenceId}/seances/${sessionId}`;

/** « 10 h 30 » never broken across lines (a narrow row header would). */
const clock = (at: Date) => formatTime(at).replaceAll(' ', '\u00a0');

function TimeRange({ startsAt, endsAt }: { startsAt: Date; endsAt: Date }) {
  return (
    <>
      <time dateTime={startsAt.toISOString()}>{clock(startsAt)}</time> –{' '}
      <time dateTime={endsAt.toISOString()}>{clock(endsAt)}</time>
    </>
  );
}

const roomLabel = (room: Room) => `${room.name} (${room.accessible ? 'accessible' : 'non accessible'})`;

// ——— The editions ———

export function ConferencesPage({ ctx, conferences }: { ctx: PageContext; conferences: Conference[] }) {
  const title = 'Les Rencontres de l’action internationale des collectivités territoriales';
  return (
    <Layout ctx={ctx} title="Les Rencontres">
      <h1>{title}</h1>
      {conferences.length === 0 ? (
        <p>{m.programmeNoEditions().text}</p>
      ) : (
        <ul class="cards">
          {conferences.map((c) => (
            <li key={c.id} class="card">
              <h2>
                <a href={programmeUrl(c.id)}>{c.event.title}</a>
              </h2>
              <EditionFacts conference={c} />
            </li>
          ))}
        </ul>
      )}
    </Layout>
  );
}

/** What names an edition: its number, dates (provisional or not), venue and « fil rouge ». */
function EditionFacts({ conference }: { conference: Conference }) {
  const { event } = conference;
  return (
    <dl class="facts">
      {conference.edition ? (
        <>
          <dt>Édition</dt>
          <dd>{editionLabel(conference.edition)}</dd>
        </>
      ) : null}
      <dt>Dates</dt>
      <dd>
        <time dateTime={event.startsAt.toISOString()}>
          {capitalised(formatWhen(event.startsAt, event.endsAt))}
        </time>
        {event.provisional ? ' — dates provisoires' : ''}
        {event.cancelledAt ? ' — annulées' : ''}
      </dd>
      {event.venue ? (
        <>
          <dt>Lieu</dt>
          <dd>{event.venue}</dd>
        </>
      ) : null}
      {event.theme ? (
        <>
          <dt>Fil rouge</dt>
          <dd>{event.theme}</dd>
        </>
      ) : null}
    </dl>
  );
}

// ——— An edition's programme ———

export interface ProgrammeFilters {
  view: 'grille' | 'types';
  kind: SessionKind | undefined;
  groupId: string | undefined;
}

export interface ProgrammeDay {
  /** YYYY-MM-DD, Paris. */
  day: string;
  sessions: SessionWithSpeakers[];
  /** The grid; null when the edition has no rooms yet (the list says it all). */
  rows: GridRow<SessionWithSpeakers>[] | null;
}

export interface ProgrammePageProps {
  ctx: PageContext;
  conference: Conference;
  rooms: Room[];
  days: ProgrammeDay[];
  /** The groups the programme's sessions are of, for the filter. */
  groups: { id: string; title: string }[];
  filters: ProgrammeFilters;
  notice?: string | undefined;
}

function Filters(p: ProgrammePageProps) {
  const { filters } = p;
  // A GET form: it filters without JavaScript, and the filtered programme has an address one can share.
  return (
    <form
      method="get"
      action={programmeUrl(p.conference.id)}
      class="filters"
      aria-label="Filtrer le programme"
    >
      {filters.view === 'types' ? <input type="hidden" name="vue" value="types" /> : null}
      <Select
        name="type"
        label="Type de séance"
        options={Object.entries(sessionKindLabels)}
        value={filters.kind}
        empty="Tous"
      />
      {p.groups.length ? (
        <Select
          name="groupe"
          label="Groupe"
          options={p.groups.map((g) => [g.id, g.title] as const)}
          value={filters.groupId}
          empty="Tous"
        />
      ) : null}
      <div class="field">
        <button type="submit">Filtrer</button>
      </div>
    </form>
  );
}

/** The address of the programme in the other view, the filters kept. */
function viewUrl(p: ProgrammePageProps, view: ProgrammeFilters['view']) {
  const search = new URLSearchParams();
  if (view === 'types') search.set('vue', 'types');
  if (p.filters.kind) search.set('type', p.filters.kind);
  if (p.filters.groupId) search.set('groupe', p.filters.groupId);
  const query = search.toString();
  return `${programmeUrl(p.conference.id)}${query ? `?${query}` : ''}`;
}

function ViewSwitch(p: ProgrammePageProps) {
  const current = p.filters.view;
  const link = (view: ProgrammeFilters['view'], label: string) => (
    <li>
      <a href={viewUrl(p, view)} aria-current={current === view ? 'page' : undefined}>
        {label}
      </a>
    </li>
  );
  return (
    <nav aria-label="Affichage du programme">
      <ul class="row-actions">
        {link('grille', 'Par jour et par salle')}
        {link('types', 'Par type de séance')}
        <li>
          <a href={`/rencontres/${p.conference.id}/programme.ics`}>
            Le programme pour mon agenda (iCalendar)
          </a>
        </li>
      </ul>
    </nav>
  );
}

function SessionLine({
  conferenceId,
  session,
  room,
  withDay,
}: {
  conferenceId: string;
  session: SessionWithSpeakers;
  room: Room | undefined;
  withDay?: boolean;
}) {
  return (
    <li>
      {withDay ? `${capitalised(formatDay(session.startsAt))}, ` : ''}
      <TimeRange startsAt={session.startsAt} endsAt={session.endsAt} /> · {sessionKindLabels[session.kind]} ·{' '}
      <a href={sessionUrl(conferenceId, session.id)}>{session.title}</a> ·{' '}
      {room ? roomLabel(room) : 'toutes les salles'}
      {session.invitationOnly ? ' · sur invitation' : ''}
    </li>
  );
}

function GridTable({
  p,
  day,
  rows,
}: {
  p: ProgrammePageProps;
  day: string;
  rows: GridRow<SessionWithSpeakers>[];
}) {
  const date = formatDay(parisTime(day, '12:00'));
  const captionId = `grille-${day}`;
  // On a phone the table is wider than the screen: it scrolls inside its own region (labelled by its
  // caption), never the page (WCAG 1.4.10); the keyboard scrolls it by going from one session's link to
  // the next, so the region needs no tabindex of its own. A data table keeps its rows and
  // columns (RGAA 5) — turned into cards under a breakpoint it would lose the rooms side by side, which
  // are the point of it — and the list after it says the same one session per line, readable without
  // scrolling sideways: the link before the table leads straight to it.
  return (
    <>
      <p>
        <a href={`#liste-${day}`}>Aller à la liste des séances du {date}</a>
      </p>
      <p class="muted">{m.programmeScrollHint().text}</p>
      <section class="table-scroll" aria-labelledby={captionId}>
        <table class="programme-grid">
          <caption id={captionId}>Grille du {date} : les salles en colonnes, les heures en lignes</caption>
          <thead>
            <tr>
              <th scope="col">Heure</th>
              {p.rooms.map((room) => (
                <th key={room.id} scope="col">
                  {room.name}
                  <br />
                  <span class="muted">
                    {room.capacity} places · {room.accessible ? 'accessible' : 'non accessible'}
                  </span>
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row.startsAt.toISOString()}>
                <th scope="row">
                  <time dateTime={row.startsAt.toISOString()}>{clock(row.startsAt)}</time>
                </th>
                {row.cells.map((cell) =>
                  cell.kind === 'empty' ? (
                    <td key={cell.column} />
                  ) : (
                    <td
                      key={cell.column}
                      rowSpan={cell.rowspan > 1 ? cell.rowspan : undefined}
                      colSpan={cell.colspan > 1 ? cell.colspan : undefined}
                    >
                      {cell.sessions.map((s) => (
                        <p key={s.id}>
                          <span class="badge">{sessionKindLabels[s.kind]}</span>
                          <br />
                          <a href={sessionUrl(p.conference.id, s.id)}>{s.title}</a>
                          <br />
                          <TimeRange startsAt={s.startsAt} endsAt={s.endsAt} />
                          {s.invitationOnly ? ' · sur invitation' : ''}
                        </p>
                      ))}
                    </td>
                  ),
                )}
              </tr>
            ))}
          </tbody>
        </table>
      </section>
    </>
  );
}

function ByDay(p: ProgrammePageProps) {
  const roomOf = new Map(p.rooms.map((r) => [r.id, r]));
  const filtered = Boolean(p.filters.kind || p.filters.groupId);
  return (
    <>
      {p.days.map(({ day, sessions, rows }) => {
        const date = formatDay(parisTime(day, '12:00'));
        return (
          <section key={day} aria-labelledby={`jour-${day}`}>
            <h2 id={`jour-${day}`}>{capitalised(date)}</h2>
            {sessions.length === 0 ? (
              <p>{filtered ? m.programmeDayNoMatch().text : m.programmeDayEmpty().text}</p>
            ) : (
              <>
                {rows ? <GridTable p={p} day={day} rows={rows} /> : <p>{m.programmeNoRooms().text}</p>}
                <h3 id={`liste-${day}`} tabIndex={-1}>
                  Les séances du {date}, une par ligne
                </h3>
                <ol>
                  {sessions.map((s) => (
                    <SessionLine
                      key={s.id}
                      conferenceId={p.conference.id}
                      session={s}
                      room={s.roomId ? roomOf.get(s.roomId) : undefined}
                    />
                  ))}
                </ol>
              </>
            )}
          </section>
        );
      })}
    </>
  );
}

function ByKind(p: ProgrammePageProps) {
  const roomOf = new Map(p.rooms.map((r) => [r.id, r]));
  const sessions = p.days.flatMap((d) => d.sessions);
  const kinds = (Object.keys(sessionKindLabels) as SessionKind[]).filter((k) =>
    sessions.some((s) => s.kind === k),
  );
  if (kinds.length === 0) return <p>{m.programmeNoMatch().text}</p>;
  return (
    <>
      {kinds.map((kind) => (
        <section key={kind} aria-labelledby={`type-${kind}`}>
          <h2 id={`type-${kind}`}>{sessionKindLabels[kind]}</h2>
          <ol>
            {sessions
              .filter((s) => s.kind === kind)
              .map((s) => (
                <SessionLine
                  key={s.id}
                  conferenceId={p.conference.id}
                  session={s}
                  room={s.roomId ? roomOf.get(s.roomId) : undefined}
                  withDay
                />
              ))}
          </ol>
        </section>
      ))}
    </>
  );
}

export function ProgrammePage(p: ProgrammePageProps) {
  const { event } = p.conference;
  return (
    <Layout ctx={p.ctx} title={`Programme — ${event.title}`} notice={p.notice}>
      <p>
        <a href="/rencontres">← Toutes les éditions des Rencontres</a>
      </p>
      <h1>Programme — {event.title}</h1>
      {event.cancelledAt ? (
        <p class="error-summary" role="status">
          <strong>{m.programmeEventCancelled().text}</strong>
        </p>
      ) : null}
      <EditionFacts conference={p.conference} />
      {event.provisional ? <p>{m.programmeProvisional().text}</p> : null}
      <p>
        <a href={`/rencontres/${p.conference.id}/inscription`}>S’inscrire</a> ·{' '}
        <a href={`/rencontres/${p.conference.id}/mon-programme`}>Mon programme</a> ·{' '}
        <a href={`/agenda/${event.id}`}>Informations pratiques</a> · Toutes les heures sont celles de Paris.
      </p>
      <Filters {...p} />
      <ViewSwitch {...p} />
      {p.filters.view === 'types' ? <ByKind {...p} /> : <ByDay {...p} />}
    </Layout>
  );
}

// ——— A session ———

export interface SessionPageProps {
  ctx: PageContext;
  conference: Conference;
  session: SessionWithSpeakers;
  cancelled: boolean;
  room: Room | undefined;
  /** Its group, with its page's address while the group has one. */
  group: { title: string; href: string | null } | undefined;
  /** Seats: its own or its room's; with the confirmed choices for a workshop one chooses. */
  seats: { total: number | null; taken: number | null };
}

export function SessionPage(p: SessionPageProps) {
  const { session, conference, room } = p;
  return (
    <Layout ctx={p.ctx} title={`${session.title} — ${conference.event.title}`}>
      <p>
        <a href={programmeUrl(conference.id)}>← Programme — {conference.event.title}</a>
      </p>
      <h1>{session.title}</h1>
      {p.cancelled ? (
        <p class="error-summary" role="status">
          <strong>{m.programmeSessionCancelled().text}</strong>
        </p>
      ) : null}
      <dl class="facts">
        <dt>Type</dt>
        <dd>{sessionKindLabels[session.kind]}</dd>
        <dt>Quand</dt>
        <dd>
          <time dateTime={session.startsAt.toISOString()}>{capitalised(sessionWhen(session))}</time> (heure de
          Paris)
          {conference.event.provisional ? ' — date provisoire' : ''}
        </dd>
        <dt>Salle</dt>
        <dd>{room ? roomLabel(room) : 'Toutes les salles'}</dd>
        {conference.event.venue ? (
          <>
            <dt>Lieu</dt>
            <dd>{conference.event.venue}</dd>
          </>
        ) : null}
        {session.chair ? (
          <>
            <dt>Présidence de séance</dt>
            <dd>{session.chair}</dd>
          </>
        ) : null}
        {session.partners ? (
          <>
            <dt>Partenaires</dt>
            <dd>{session.partners}</dd>
          </>
        ) : null}
        {p.group ? (
          <>
            <dt>Groupe</dt>
            <dd>{p.group.href ? <a href={p.group.href}>{p.group.title}</a> : p.group.title}</dd>
          </>
        ) : null}
        {p.seats.total !== null ? (
          <>
            <dt>Places</dt>
            <dd>
              {p.seats.total} places
              {p.seats.taken !== null
                ? ` — ${Math.max(0, p.seats.total - p.seats.taken)} encore libres (séance à choisir dans son programme)`
                : ''}
            </dd>
          </>
        ) : null}
        {session.invitationOnly ? (
          <>
            <dt>Public</dt>
            <dd>Sur invitation</dd>
          </>
        ) : null}
      </dl>
      {session.speakers.length ? (
        <section aria-labelledby="intervenants">
          <h2 id="intervenants">Intervenant·es</h2>
          <ul>
            {session.speakers.map((s) => (
              <li key={s.id}>
                <span class="name">{s.name}</span>
                {s.title ? `, ${s.title}` : ''}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      {session.note ? (
        <section aria-labelledby="note-de-cadrage">
          <h2 id="note-de-cadrage">Note de cadrage</h2>
          <p class="pre-line">{session.note}</p>
        </section>
      ) : null}
    </Layout>
  );
}
