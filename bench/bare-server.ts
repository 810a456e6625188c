// The baseline of the load benchmarks: a bare Fastify server with a pg pool of the app's size, whose routes
// do only the SQL of the measured operation — no auth, validation, eligibility, mail, audit or HTML.
// `node --import ./bin/typescript.js bench/bare-server.ts` with DATABASE_URL, PORT, DATABASE_POOL_SIZE, BARE_REGISTERED_BY.
import { drizzle } from 'drizzle-orm/node-postgres';
import Fastify from 'fastify';
import pg from 'pg';
import { cardsOf } from '../src/modules/atlas/atlas.queries.ts';
import { searchFilters, searchPartnerships } from '../src/modules/atlas/search.ts';
import type { Db } from '../src/platform/db/client.ts';
import { formatWhen } from '../src/platform/time.ts';

const pool = new pg.Pool({
  connectionString: process.env.DATABASE_URL,
  max: Number(process.env.DATABASE_POOL_SIZE ?? 10),
  // As the app's pool (src/platform/db/client.ts).
  connectionTimeoutMillis: 5000,
});
pool.on('error', () => {});
const registeredBy = process.env.BARE_REGISTERED_BY ?? null;

const app = Fastify({ logger: false });

app.get('/healthz', async () => ({ status: 'ok' }));

/** One row of `events` by id (baseline of the agenda page). */
app.get<{ Params: { id: string } }>('/events/:id', async (request, reply) => {
  const { rows } = await pool.query('select * from events where id = $1', [request.params.id]);
  if (!rows[0]) return reply.code(404).send({ error: 'not_found' });
  return rows[0];
});

// ——— The fair ceiling of the public agenda: the app's SQL for GET /agenda, HTML by template strings ———

const escapes: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};
const escapeHtml = (text: unknown) => String(text ?? '').replace(/[&<>"']/g, (c) => escapes[c]!);
const parisDay = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Europe/Paris',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});
const visibleUpcoming = `e.ends_at >= $1 and e.audience <> 'restricted'`;

interface AgendaRow {
  id: string;
  title: string;
  starts_at: Date;
  ends_at: Date;
  kind: string;
  format: string;
  venue: string | null;
  audience: string;
  capacity: number | null;
  provisional: boolean;
  cancelled_at: Date | null;
  series_id: string | null;
  series_title: string | null;
  confirmed: number;
}

function card(row: AgendaRow): string {
  const left = row.capacity === null ? null : Math.max(0, row.capacity - row.confirmed);
  return `<li class="card"><h2><a href="/agenda/${row.id}">${escapeHtml(row.title)}</a></h2><p><time datetime="${row.starts_at.toISOString()}">${escapeHtml(formatWhen(row.starts_at, row.ends_at))}</time></p>${
    row.series_id
      ? `<p><a href="/agenda/series/${row.series_id}">${escapeHtml(row.series_title)}</a></p>`
      : ''
  }<p class="muted">${row.cancelled_at ? '<span class="badge badge-warn">Annulé</span> ' : ''}${escapeHtml(row.kind)} · ${escapeHtml(row.format)}${
    row.venue ? ` · ${escapeHtml(row.venue)}` : ''
  } · <strong>${escapeHtml(row.audience)}</strong>${left === null ? '' : ` · ${left} places restantes`}${row.provisional ? ' · date provisoire' : ''}</p></li>`;
}

const options = (items: string[]) => items.map((i) => `<option value="${i}">${i}</option>`).join('');

let seriesRead: { version: number; rows: { id: string; title: string }[] } | undefined;

/**
 * GET /agenda for an anonymous visitor: the statements the app's page runs, then a page of the same shape. The
 * page's validators (the agenda's change counter), then the events, their count and — read again only when that
 * counter moved, as the app does — the series; then what the groups, the calls and the funds link the events to.
 */
app.get('/agenda', async (_request, reply) => {
  const from = new Date(`${parisDay.format(new Date())}T00:00:00+01:00`);
  const changes = await pool.query<{ version: number }>(
    'select * from changes where scope = any($1::text[])',
    [['agenda']],
  );
  const version = Number(changes.rows[0]?.version ?? 0);
  const [list, total, series] = await Promise.all([
    pool.query<AgendaRow>(
      `select e.*, s.title as series_title, (select count(*)::int from registrations r
         where r.event_id = e.id and r.status = 'confirmed') as confirmed
       from events e left join event_series s on s.id = e.series_id
       where ${visibleUpcoming} order by e.starts_at, e.id limit 30 offset 0`,
      [from],
    ),
    pool.query<{ n: number }>(`select count(*)::int as n from events e where ${visibleUpcoming}`, [from]),
    seriesRead?.version === version
      ? seriesRead
      : pool.query<{ id: string; title: string }>('select * from event_series order by title'),
  ]);
  seriesRead = { version, rows: series.rows };
  const ids = list.rows.map((r) => r.id);
  await Promise.all([
    pool.query('select group_id, event_id from group_events where event_id = any($1::uuid[])', [ids]),
    pool.query('select * from call_events where event_id = any($1::uuid[])', [ids]),
    pool.query('select fund_id, event_id from fund_events where event_id = any($1::uuid[])', [ids]),
  ]);
  const pages = Math.ceil(total.rows[0]!.n / 30);
  const html = `<!doctype html><html lang="fr"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>Agenda — Réseau</title><link rel="stylesheet" href="/static/app.css"></head><body><a class="skip-link" href="#contenu">Aller au contenu</a><header class="site-header"><div class="wrap header-bar"><a class="brand" href="/"><span>Réseau</span></a><nav aria-label="Menu principal"><ul><li><a href="/">Accueil</a></li><li><a href="/agenda" aria-current="page">Agenda</a></li><li><a href="/programme">Programme</a></li></ul></nav></div></header><main id="contenu" class="wrap" tabindex="-1"><h1>Agenda du réseau</h1><nav aria-label="Affichage de l’agenda" class="actions"><a href="/agenda?vue=liste" aria-current="page">Liste des prochains événements</a><a href="/agenda?vue=mois">Vue par mois</a><a href="/agenda.ics">S’abonner à l’agenda (iCal)</a></nav><form method="get" action="/agenda" class="filters"><input type="hidden" name="vue" value="liste"><div class="field"><label for="q">Rechercher</label><input id="q" name="q" type="search"></div><div class="field"><label for="kind">Type</label><select id="kind" name="kind"><option value="">Tous</option>${options(['meeting', 'webinar', 'training', 'field_mission'])}</select></div><div class="field"><label for="format">Format</label><select id="format" name="format"><option value="">Tous</option>${options(['in_person', 'online', 'hybrid'])}</select></div><div class="field"><label for="series">Série</label><select id="series" name="series"><option value="">Toutes</option>${series.rows
    .map((s) => `<option value="${s.id}">${escapeHtml(s.title)}</option>`)
    .join(
      '',
    )}</select></div><div class="field"><button type="submit">Filtrer</button></div></form><ul class="cards">${list.rows.map(card).join('')}</ul><nav aria-label="Pages de l’agenda"><ul class="pagination"><li aria-current="page">Page 1 sur ${pages}</li><li><a href="/agenda?vue=liste&amp;page=2">Événements suivants</a></li></ul></nav></main><footer class="site-footer"><div class="wrap"><p><strong>Réseau</strong> · adresse · téléphone</p><ul><li><a href="/contact">Contact</a></li><li><a href="/confidentialite">Données personnelles</a></li><li><a href="/accessibilite">Accessibilité</a></li></ul></div></footer></body></html>`;
  return reply.type('text/html; charset=utf-8').send(html);
});

/**
 * The SQL of a registration, in one transaction: the event's advisory lock, its capacity and confirmed
 * count (one statement), the registration row (same columns as the app's), one job row.
 */
app.post<{ Params: { id: string }; Body: { personId: string } }>(
  '/events/:id/registrations',
  async (request, reply) => {
    const eventId = request.params.id;
    const client = await pool.connect();
    try {
      await client.query('begin');
      await client.query('select pg_advisory_xact_lock(hashtextextended($1, 0))', [`event:${eventId}`]);
      const {
        rows: [seats],
      } = await client.query(
        `select e.capacity, (select count(*)::int from registrations r
           where r.event_id = e.id and r.status = 'confirmed') as confirmed
         from events e where e.id = $1`,
        [eventId],
      );
      const full = seats.capacity !== null && seats.confirmed >= seats.capacity;
      const {
        rows: [registration],
      } = await client.query(
        `insert into registrations (event_id, person_id, status, mode, registered_by)
         values ($1, $2, $3, 'in_person', $4) returning id, status`,
        [eventId, request.body.personId, full ? 'waitlisted' : 'confirmed', registeredBy],
      );
      await client.query(`insert into jobs (kind, payload) values ('mail.send', $1)`, [
        JSON.stringify({ registrationId: registration.id, bench: 'bare' }),
      ]);
      await client.query('commit');
      return reply.code(201).send({ id: registration.id, status: registration.status });
    } catch (error) {
      await client.query('rollback').catch(() => {});
      throw error;
    } finally {
      client.release();
    }
  },
);

/**
 * The SQL of a workshop's choice, in one transaction: the person's programme's lock then the session's (the
 * app's keys, in its order), one statement reading the seats, the confirmed choices (of registrations not
 * cancelled) and whether the person already has a live choice at that time, then the choice row and its audit
 * row, as the app writes them. No token, no checks of the registration or the edition before the locks.
 */
app.post<{ Params: { id: string }; Body: { sessionId: string } }>(
  '/conference-registrations/:id/choices',
  async (request, reply) => {
    const registrationId = request.params.id;
    const { sessionId } = request.body;
    const client = await pool.connect();
    try {
      await client.query('begin');
      await client.query('select pg_advisory_xact_lock(hashtextextended($1, 0))', [
        `conference-registration:${registrationId}`,
      ]);
      await client.query('select pg_advisory_xact_lock(hashtextextended($1, 0))', [
        `conference-session:${sessionId}`,
      ]);
      const {
        rows: [seats],
      } = await client.query(
        `select coalesce(s.capacity, r.capacity) as seats,
           (select count(*)::int from conference_choices c
             where c.session_id = s.id and c.status = 'confirmed'
               and (select g.status from registrations g where g.id = c.registration_id) <> 'cancelled') as confirmed,
           exists (select 1 from conference_choices c join conference_sessions o on o.id = c.session_id
             where c.registration_id = $2 and c.status <> 'cancelled' and o.cancelled_at is null
               and o.starts_at < s.ends_at and o.ends_at > s.starts_at) as overlap
         from conference_sessions s left join conference_rooms r on r.id = s.room_id where s.id = $1`,
        [sessionId, registrationId],
      );
      if (seats.overlap) {
        await client.query('rollback');
        return reply.code(409).send({ error: { code: 'overlap' } });
      }
      const status = seats.seats !== null && seats.confirmed >= seats.seats ? 'waitlisted' : 'confirmed';
      const {
        rows: [choice],
      } = await client.query(
        `insert into conference_choices (registration_id, session_id, status) values ($1, $2, $3)
         returning id, session_id, status`,
        [registrationId, sessionId, status],
      );
      await client.query(
        `insert into audit_log (actor_id, action, entity, entity_id, data)
         values (null, 'choose', 'conference_choice', $1, $2)`,
        [choice.id, JSON.stringify({ registrationId, sessionId, status })],
      );
      await client.query('commit');
      return reply.code(201).send({ id: choice.id, sessionId: choice.session_id, status: choice.status });
    } catch (error) {
      await client.query('rollback').catch(() => {});
      throw error;
    } finally {
      client.release();
    }
  },
);

// ——— The ceiling of the atlas's search: the app's SQL (search, facets, cards) through the same pool ———

const db = drizzle(pool) as unknown as Db;
app.get('/atlas/search', async (request) => {
  const filters = searchFilters.parse(request.query);
  const found = await searchPartnerships(db, filters);
  const cards = await cardsOf(db, found.ids);
  return {
    items: cards.map((c) => ({ id: c.id, partner: c.partner, themes: c.themes })),
    total: found.total,
    facets: found.facets,
  };
});

await app.listen({ port: Number(process.env.PORT ?? 3999), host: '127.0.0.1' });

async function stop() {
  await app.close();
  await pool.end();
  process.exit(0);
}
process.once('SIGTERM', () => void stop());
process.once('SIGINT', () => void stop());
