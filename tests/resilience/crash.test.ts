// Crash without loss: a registration rush against a real app process, `kill -9` half-way, a new process on
// the same environment. Whatever the client saw confirmed is confirmed, nothing is confirmed twice or
// beyond the capacity, and every mail leaves once the new process has drained the queue.
import assert from 'node:assert/strict';
import http from 'node:http';
import { after, describe, it } from 'node:test';
import { sql } from 'drizzle-orm';
import { queryRows } from '../../src/platform/db/client.ts';
import {
  type Outcome,
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

const people = 300;
const capacity = 120;
const concurrency = 16;
/** The process is killed when this many registrations have been answered. */
const killAfter = people / 2;

describe('crash without loss (kill -9 during a registration rush)', () => {
  const teardown = new Teardown();
  after(() => teardown.run());

  it('keeps every confirmation the client saw, confirms no one twice nor beyond capacity, and mails each once', {
    timeout: 240_000,
  }, async (t) => {
    const { url, database } = await scratchDatabase(teardown, 'crash');
    const { db } = database;
    const smtp = await startSmtp(teardown);
    const { event, persons, authorization } = await prepareRush(database, { people, capacity });
    const env = { DATABASE_URL: url, SMTP_URL: smtp.url('crash'), JOBS_POLL_MS: '50' };
    const agent = new http.Agent({ keepAlive: true, maxSockets: concurrency });
    teardown.defer('fermer les connexions du client', () => agent.destroy());
    const registerAt = (port: number, i: number) =>
      request(port, {
        method: 'POST',
        path: `/api/v1/events/${event.id}/registrations`,
        headers: { authorization },
        body: { personId: persons[i]!.id },
        agent,
      });

    // 1. The rush, and kill -9 once half of it has been answered.
    const first = startAppProcess(teardown, 'app (avant le crash)', env);
    const firstPort = await first.ready();
    let answered = 0;
    let killedAt = 0;
    const rush: Outcome[] = await pool(
      persons.map((_, i) => i),
      concurrency,
      async (i) => {
        const outcome = await registerAt(firstPort, i);
        if (outcome.kind === 'response' && ++answered === killAfter) {
          killedAt = Date.now();
          first.child.kill('SIGKILL');
        }
        return outcome;
      },
    );
    await first.exited;
    assert.equal(first.exit?.signal, 'SIGKILL', 'the first process was killed by the test');
    agent.destroy();
    // Let the SMTP server finish reading what arrived before the kill, then see which mails are in doubt:
    // accepted by the SMTP server while the dead process had not yet written `sent_at`.
    await sleep(500);
    const deliveredBeforeRestart = new Set(smtp.deliveries.map((d) => d.messageId));
    const unsentAtCrash = await queryRows<{ id: string }>(
      db,
      sql`select id from mails where sent_at is null`,
    );
    // Message-IDs are on the platform's domain: BASE_URL is localhost here, so MAIL_FROM's (the default).
    const inDoubt = unsentAtCrash
      .map((m) => `<${m.id}@coopdec.example.org>`)
      .filter((id) => deliveredBeforeRestart.has(id));

    // 2. A new process, same environment; the client retries what got no answer.
    const restartedAt = Date.now();
    const second = startAppProcess(teardown, 'app (après le crash)', env);
    const secondPort = await second.ready();
    const unanswered = rush.map((o, i) => (o.kind === 'error' ? i : -1)).filter((i) => i >= 0);
    const retries = await pool(unanswered, concurrency, (i) => registerAt(secondPort, i));

    // 3. The queue drains (the dead process's claims expire with their lease).
    const drained = await waitForDrainedQueue(database, 120_000);
    const drainedAfterMs = Date.now() - restartedAt;
    await sleep(300);

    // The figures.
    const seen = [...rush, ...retries].map(registrationOf).filter((r) => r !== undefined);
    const seenConfirmed = seen.filter((r) => r.status === 'confirmed');
    const rows = await queryRows<{ id: string; person_id: string; status: string }>(
      db,
      sql`select id, person_id, status from registrations where event_id = ${event.id}`,
    );
    const mailRows = await queryRows<{ id: string; to: string; dedupe_key: string | null; sent: boolean }>(
      db,
      sql`select id, "to", dedupe_key, sent_at is not null as sent from mails`,
    );
    const counts = smtp.counts();
    const duplicates = [...counts].filter(([, n]) => n > 1);
    const byId = new Map(rows.map((r) => [r.id, r]));
    const dbConfirmed = rows.filter((r) => r.status === 'confirmed');
    const errors = rush.filter((o) => o.kind === 'error');
    report(t, 'Crash sans perte (kill -9 pendant la ruée)', {
      'personnes / places': `${people} / ${capacity}`,
      'requêtes envoyées (ruée)': rush.length,
      'répondues avant le kill': rush.filter((o) => o.kind === 'response').length,
      'perdues en vol (connexion coupée)': errors.filter((o) => o.kind === 'error' && o.phase !== 'refused')
        .length,
      'refusées (processus mort)': errors.filter((o) => o.kind === 'error' && o.phase === 'refused').length,
      'rejouées après redémarrage': retries.length,
      '  dont 201 / 409 déjà inscrit': `${retries.filter((o) => o.kind === 'response' && o.status === 201).length} / ${retries.filter((o) => o.kind === 'response' && o.status === 409).length}`,
      'confirmées vues par le client': seenConfirmed.length,
      'inscriptions en base': rows.length,
      'confirmées en base': dbConfirmed.length,
      'en attente en base': rows.filter((r) => r.status === 'waitlisted').length,
      'courriels en base': mailRows.length,
      'courriels reçus (SMTP)': smtp.deliveries.length,
      'Message-ID distincts reçus': counts.size,
      'destinataires distincts': new Set(smtp.deliveries.flatMap((d) => d.recipients)).size,
      'reçus avant le kill': deliveredBeforeRestart.size,
      'en doute au kill (acceptés, sent_at vide)': inDoubt.length
        ? `${inDoubt.length} (${inDoubt.map((id) => smtp.deliveries.find((d) => d.messageId === id)?.subject).join(', ')})`
        : 0,
      'doublons (Message-ID reçu 2 fois ou plus)': duplicates.length,
      'travaux / repris après le crash': `${drained.total} / ${drained.retaken}`,
      'file vidée après redémarrage en': `${drainedAfterMs} ms`,
      'kill après': `${killAfter} réponses (${killedAt ? new Date(killedAt).toISOString() : '—'})`,
    });

    // Every registration the client saw confirmed is confirmed in the database, under the same id.
    assert.ok(seenConfirmed.length > 0, 'the client saw confirmations before the kill');
    for (const r of seenConfirmed) assert.equal(byId.get(r.id)?.status, 'confirmed', `registration ${r.id}`);
    for (const r of seen) assert.ok(byId.has(r.id), `registration ${r.id} answered 201 is in the database`);
    // Every answer is a registration or, for a retried request that had been written, « already registered ».
    for (const o of rush) if (o.kind === 'response') assert.equal(o.status, 201, o.body);
    for (const o of retries) {
      assert.equal(o.kind, 'response', `a retry after the restart got an answer (${JSON.stringify(o)})`);
      if (o.kind === 'response') assert.ok(o.status === 201 || o.status === 409, o.body);
    }
    assert.ok(errors.length > 0, 'the kill cut the rush (some requests got no answer)');
    // Nobody twice, never beyond capacity; everyone is registered once the retries are done.
    const perPerson = new Map<string, number>();
    for (const r of rows) perPerson.set(r.person_id, (perPerson.get(r.person_id) ?? 0) + 1);
    assert.deepEqual(
      [...perPerson].filter(([, n]) => n > 1),
      [],
      'nobody is registered twice',
    );
    assert.equal(perPerson.size, people, 'every person is registered once');
    assert.ok(dbConfirmed.length <= capacity, `${dbConfirmed.length} confirmed for ${capacity} seats`);
    assert.equal(dbConfirmed.length, capacity, 'the seats are all taken (more people than seats)');

    // The queue is drained, nothing set aside; every mail written was sent and received.
    assert.equal(drained.failed, 0, 'no job set aside');
    assert.equal(mailRows.length, people, 'one mail per registration (confirmation or waiting list)');
    for (const m of mailRows) {
      assert.ok(m.sent, `mail ${m.id} is marked sent`);
      assert.ok((counts.get(`<${m.id}@coopdec.example.org>`) ?? 0) >= 1, `mail ${m.id} was received`);
    }
    // Each confirmation mail arrives once, to the right person. The only possible repeat is a mail the SMTP
    // server had accepted when the process died before writing `sent_at` (docs/decisions/004): one at most,
    // as a process sends one mail at a time.
    assert.ok(inDoubt.length <= 1, `at most one mail in doubt at the kill (${inDoubt.join(', ')})`);
    const mailByKey = new Map(mailRows.map((m) => [m.dedupe_key, m]));
    const emailOf = new Map(persons.map((p) => [p.id, p.email.toLowerCase()]));
    for (const r of dbConfirmed) {
      const mail = mailByKey.get(`registration:${r.id}:confirmed:confirmed`);
      assert.ok(mail, `a confirmation mail is written for ${r.id}`);
      const messageId = `<${mail.id}@coopdec.example.org>`;
      const received = smtp.deliveries.filter((d) => d.messageId === messageId);
      assert.equal(received.length, inDoubt.includes(messageId) ? received.length : 1, `${messageId} once`);
      assert.ok(received.length <= 2);
      for (const d of received) assert.deepEqual(d.recipients, [emailOf.get(r.person_id)]);
    }
    assert.deepEqual(
      duplicates.filter(([id]) => !inDoubt.includes(id)),
      [],
      'no mail marked sent is sent again',
    );
    assert.ok(second.alive, 'the new process is still running');
  });
});
