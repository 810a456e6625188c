// The baseline of the load benchmarks: a bare Fastify server with a pg pool of the app's size, whose routes
// do only the SQL of the measured operation — no auth, validation, eligibility, mail, audit or HTML.
// `node --import tsx bench/bare-server.ts` with DATABASE_URL, PORT, DATABASE_POOL_SIZE, BARE_REGISTERED_BY.
import Fastify from 'fastify';
import pg from 'pg';

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
 * Diagnostic, not a baseline: the statements the app's register() makes inside its transaction, one round
 * trip each, in raw SQL (no auth, validation, ORM or mail rendering). If this route is as slow as the app,
 * the time goes to the round trips made while the event's lock is held, not to the HTTP or ORM layers.
 */
app.post<{ Params: { id: string }; Body: { personId: string } }>(
  '/events/:id/registrations-full',
  async (request, reply) => {
    const eventId = request.params.id;
    const personId = request.body.personId;
    const client = await pool.connect();
    const one = async (text: string, values: unknown[] = []) => (await client.query(text, values)).rows[0];
    try {
      await client.query('begin');
      await client.query('select pg_advisory_xact_lock(hashtextextended($1, 0))', [`event:${eventId}`]);
      const event = await one('select * from events where id = $1', [eventId]);
      const person = await one('select * from people where id = $1', [personId]);
      await one(
        `select exists (select 1 from memberships where organisation_id = $1::uuid and year = $2
           and status = 'active') as member`,
        [person.organisation_id, new Date().getFullYear()],
      );
      await one(
        `select id, status from registrations where event_id = $1 and person_id = $2 and status <> 'cancelled'`,
        [eventId, personId],
      );
      const { n } = await one(
        `select count(*)::int as n from registrations where event_id = $1 and status = 'confirmed'`,
        [eventId],
      );
      const registration = await one(
        `insert into registrations (event_id, person_id, status, mode, registered_by)
         values ($1, $2, $3, 'in_person', $4) returning *`,
        [
          eventId,
          personId,
          event.capacity !== null && n >= event.capacity ? 'waitlisted' : 'confirmed',
          registeredBy,
        ],
      );
      await one(
        `select * from registrations r join events e on e.id = r.event_id join people p on p.id = r.person_id
         where r.id = $1`,
        [registration.id],
      );
      await one('select * from people where id = $1', [registeredBy]);
      const html = `<!doctype html><html lang="fr"><body><p>Bonjour ${person.first_name},</p>${'<p>…</p>'.repeat(150)}</body></html>`;
      const mail = await one(
        `insert into mails ("to", subject, html, text, dedupe_key) values ($1, $2, $3, $4, $5)
         on conflict (dedupe_key) do nothing returning id`,
        [person.email, `Inscription : ${event.title}`, html, html, `bench:${registration.id}`],
      );
      await one(`insert into jobs (kind, payload) values ('mail.send', $1) returning id`, [
        JSON.stringify({ mailId: mail.id, bench: 'bare' }),
      ]);
      if (registration.status === 'confirmed') {
        await one(`insert into jobs (kind, payload, run_at) values ('event.reminder', $1, $2) returning id`, [
          JSON.stringify({ registrationId: registration.id, bench: 'bare' }),
          new Date(event.starts_at.getTime() - 86_400_000),
        ]);
      }
      await one(
        `insert into audit_log (actor_id, action, entity, entity_id, data) values ($1, 'register', 'registration', $2, $3)`,
        [registeredBy, registration.id, JSON.stringify({ eventId, personId, status: registration.status })],
      );
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

await app.listen({ port: Number(process.env.PORT ?? 3999), host: '127.0.0.1' });

async function stop() {
  await app.close();
  await pool.end();
  process.exit(0);
}
process.once('SIGTERM', () => void stop());
process.once('SIGINT', () => void stop());
