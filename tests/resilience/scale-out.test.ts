// Scale-out: two app processes on one PostgreSQL database share a rush of 1,000 registrations for 200 seats.
// Exactly 200 confirmed, each mail sent once, and both processes drain the job queue.
import assert from 'node:assert/strict';
import http from 'node:http';
import { after, describe, it } from 'node:test';
import { sql } from 'drizzle-orm';
import { queryRows } from '../../src/platform/db/client.ts';
import {
  pool,
  prepareRush,
  registrationOf,
  report,
  request,
  scratchDatabase,
  sleep,
  startAppProcess,
  startSmtp,
  Teardown,
  waitForDrainedQueue,
} from './support.ts';

const people = 1_000;
const capacity = 200;
const concurrency = 32;

describe('scale-out (two processes, one database)', () => {
  const teardown = new Teardown();
  after(() => teardown.run());

  it('confirms exactly the capacity over two processes, sends each mail once, both drain the queue', {
    timeout: 300_000,
  }, async (t) => {
    const { url, database } = await scratchDatabase(teardown, 'scale');
    const { db } = database;
    const smtp = await startSmtp(teardown);
    const { event, persons, authorization } = await prepareRush(database, { people, capacity });
    // Each process announces its own name to the SMTP server: that is how we see who sent what.
    const apps = ['app-a', 'app-b'].map((name) =>
      startAppProcess(teardown, name, { DATABASE_URL: url, SMTP_URL: smtp.url(name), JOBS_POLL_MS: '50' }),
    );
    const ports = await Promise.all(apps.map((app) => app.ready()));
    const agent = new http.Agent({ keepAlive: true, maxSockets: concurrency });
    teardown.defer('fermer les connexions du client', () => agent.destroy());

    // The rush, round-robin between the two ports.
    const started = Date.now();
    const outcomes = await pool(
      persons.map((_, i) => i),
      concurrency,
      (i) =>
        request(ports[i % 2]!, {
          method: 'POST',
          path: `/api/v1/events/${event.id}/registrations`,
          headers: { authorization },
          body: { personId: persons[i]!.id },
          agent,
        }),
    );
    const rushMs = Date.now() - started;

    const drained = await waitForDrainedQueue(database, 180_000);
    const drainedMs = Date.now() - started;
    await sleep(300);

    const answered = outcomes.filter((o) => o.kind === 'response');
    const seen = outcomes.map(registrationOf).filter((r) => r !== undefined);
    const [figures] = await queryRows<{ confirmed: number; waitlisted: number; people: number }>(
      db,
      sql`select count(*) filter (where status = 'confirmed')::int as confirmed,
            count(*) filter (where status = 'waitlisted')::int as waitlisted,
            count(distinct person_id)::int as people
          from registrations where event_id = ${event.id}`,
    );
    const mailRows = await queryRows<{ id: string; sent: boolean }>(
      db,
      sql`select id, sent_at is not null as sent from mails`,
    );
    const counts = smtp.counts();
    const duplicates = [...counts].filter(([, n]) => n > 1);
    const byProcess = new Map<string, number>();
    for (const d of smtp.deliveries) byProcess.set(d.client, (byProcess.get(d.client) ?? 0) + 1);
    const servedBy = apps.map((app) => app.logs.filter((l) => l.msg === 'request completed').length);
    report(t, 'Deux processus, une base (1 000 demandes, 200 places)', {
      'demandes (a / b)': `${outcomes.length} (${Math.ceil(people / 2)} / ${Math.floor(people / 2)})`,
      'réponses 201': answered.filter((o) => o.status === 201).length,
      'autres issues': outcomes.length - answered.filter((o) => o.status === 201).length,
      'confirmées vues par le client': seen.filter((r) => r.status === 'confirmed').length,
      'confirmées / en attente en base': `${figures?.confirmed} / ${figures?.waitlisted}`,
      'requêtes servies (journal a / b)': servedBy.join(' / '),
      'courriels en base': mailRows.length,
      'courriels reçus (SMTP)': smtp.deliveries.length,
      'Message-ID distincts': counts.size,
      doublons: duplicates.length,
      'envoyés par app-a / app-b': `${byProcess.get('app-a') ?? 0} / ${byProcess.get('app-b') ?? 0}`,
      'travaux / échoués / pris deux fois': `${drained.total} / ${drained.failed} / ${drained.retaken}`,
      'ruée en': `${rushMs} ms`,
      'file vidée en': `${drainedMs} ms`,
    });

    for (const o of outcomes) assert.ok(o.kind === 'response' && o.status === 201, JSON.stringify(o));
    assert.equal(figures?.people, people, 'every person registered once');
    assert.equal(figures?.confirmed, capacity, 'exactly the capacity is confirmed');
    assert.equal(figures?.waitlisted, people - capacity);
    assert.equal(seen.filter((r) => r.status === 'confirmed').length, capacity, 'the client saw the same');
    assert.equal(drained.failed, 0, 'no job set aside');
    assert.equal(drained.retaken, 0, 'no job taken twice');
    assert.equal(mailRows.length, people, 'one mail per registration');
    assert.ok(
      mailRows.every((m) => m.sent && counts.get(`<${m.id}@coopdec.example.org>`) === 1),
      'every mail received exactly once',
    );
    assert.deepEqual(duplicates, [], 'no mail sent twice');
    assert.equal(smtp.deliveries.length, people);
    for (const app of apps) {
      assert.ok((byProcess.get(app.name) ?? 0) > 0, `${app.name} sent mails (it took jobs from the queue)`);
      assert.ok(app.alive, `${app.name} still running:\n${app.tail()}`);
    }
    assert.ok(
      servedBy.every((n) => n >= people / 2),
      'each process served its half of the requests',
    );
  });
});
