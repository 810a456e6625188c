// Graceful stop: SIGTERM under a steady load breaks no request the server had accepted and the process is
// gone within 10 s; /readyz follows the database going away and coming back, without a restart.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import http from 'node:http';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { sql } from 'drizzle-orm';
import { queryRows } from '../../src/platform/db/client.ts';
import {
  type Outcome,
  prepareRush,
  registrationOf,
  report,
  request,
  scratchDatabase,
  sleep,
  startAppProcess,
  Teardown,
  waitFor,
  withTimeout,
} from './support.ts';

const workers = 8;

interface Sent {
  rid: number;
  what: 'agenda' | 'register';
  personId?: string;
  at: number;
  outcome: Outcome;
}

describe('graceful stop', () => {
  const teardown = new Teardown();
  after(() => teardown.run());

  it('SIGTERM under load: every request the server accepted gets its whole answer, exit within 10 s', {
    timeout: 120_000,
  }, async (t) => {
    const { url, database } = await scratchDatabase(teardown, 'stop');
    const { event, persons, authorization } = await prepareRush(database, { people: 500, capacity: 100 });
    const app = startAppProcess(teardown, 'app', { DATABASE_URL: url });
    const port = await app.ready();
    const agent = new http.Agent({ keepAlive: true, maxSockets: workers });
    teardown.defer('fermer les connexions du client', () => agent.destroy());

    // The load: each worker alternates the agenda page and a registration (a new person each time), every
    // request tagged `rid` (its X-Request-Id, which the server's log names it by) so that the log says which
    // ones it accepted.
    const sent: Sent[] = [];
    let nextRid = 0;
    let nextPerson = 0;
    const startedAt = Date.now();
    const deadline = startedAt + 40_000;
    const worker = async () => {
      let refusedInARow = 0;
      for (let n = 0; n < 5_000 && Date.now() < deadline; n++) {
        const rid = nextRid++;
        const person = rid % 2 === 1 && nextPerson < persons.length ? persons[nextPerson++] : undefined;
        const at = Date.now();
        const outcome = person
          ? await request(port, {
              method: 'POST',
              path: `/api/v1/events/${event.id}/registrations`,
              headers: { authorization, 'x-request-id': `rid-${rid}` },
              body: { personId: person.id },
              agent,
            })
          : await request(port, {
              method: 'GET',
              path: '/agenda',
              headers: { 'x-request-id': `rid-${rid}` },
              agent,
            });
        sent.push({ rid, what: person ? 'register' : 'agenda', personId: person?.id, at, outcome });
        if (outcome.kind === 'error' && outcome.phase === 'refused') {
          // The port is closed: a few more tries once the process is gone, then this worker stops.
          if (++refusedInARow >= 5 && !app.alive) return;
          await sleep(20);
        } else {
          refusedInARow = 0;
        }
      }
    };
    const load = Promise.all(Array.from({ length: workers }, worker));

    // SIGTERM once the load is steady.
    await waitFor(
      'charge établie',
      () =>
        Date.now() - startedAt >= 1_500 && sent.filter((s) => s.outcome.kind === 'response').length >= 100,
      { timeoutMs: 30_000, intervalMs: 20 },
    );
    const termAt = Date.now();
    app.child.kill('SIGTERM');
    await withTimeout(app.exited, 15_000, 'fin du processus après SIGTERM');
    const exitMs = app.exit!.at - termAt;
    await withTimeout(load, 45_000, 'fin de la charge');

    // Which requests the server accepted (logged « incoming request »), and the status it logged.
    const accepted = new Map<number, number | undefined>();
    const statusOf = new Map<string, number>();
    for (const log of app.logs) {
      if (log.msg === 'request completed' && log.reqId && log.res)
        statusOf.set(log.reqId, log.res.statusCode);
    }
    for (const log of app.logs) {
      const rid = log.msg === 'incoming request' ? /^rid-(\d+)$/.exec(log.reqId ?? '')?.[1] : undefined;
      if (rid !== undefined) accepted.set(Number(rid), statusOf.get(log.reqId ?? ''));
    }
    const expected = { agenda: 200, register: 201 };
    const failures: string[] = [];
    const tally = { normal: 0, shed503: 0, refused: 0, closedUnread: 0 };
    for (const s of sent) {
      const o = s.outcome;
      if (accepted.has(s.rid)) {
        if (o.kind !== 'response')
          failures.push(`rid ${s.rid} (${s.what}) accepted, no answer: ${o.phase} ${o.code}`);
        else if (o.status !== expected[s.what] || o.status !== accepted.get(s.rid))
          failures.push(`rid ${s.rid} (${s.what}) answered ${o.status}, logged ${accepted.get(s.rid)}`);
        else tally.normal++;
      } else if (o.kind === 'response' && o.status === 503 && /Service Unavailable/.test(o.body)) {
        tally.shed503++; // Refused by Fastify while closing, before any handler ran: safe to retry.
      } else if (o.kind === 'error' && o.phase === 'refused') {
        tally.refused++;
      } else if (o.kind === 'error' && o.phase === 'before-response') {
        tally.closedUnread++; // An idle keep-alive connection closed as the request left: never read.
      } else {
        failures.push(`rid ${s.rid} (${s.what}) not accepted, yet ${JSON.stringify(o)}`);
      }
    }
    const afterTerm = sent.filter((s) => s.at >= termAt);
    const inFlightAtTerm = sent.filter(
      (s) => s.at < termAt && s.outcome.kind === 'response' && s.at + s.outcome.ms > termAt,
    );
    // Every registration answered 201 is stored; a registration the server did not accept left no trace
    // (a 503 while closing, or a connection closed unread, is safe to send again).
    const stored = await queryRows<{ id: string; person_id: string }>(
      database.db,
      sql`select id, person_id from registrations where event_id = ${event.id}`,
    );
    const storedIds = new Set(stored.map((r) => r.id));
    const registeredPeople = new Set(stored.map((r) => r.person_id));
    const answeredIds = sent.map((s) => registrationOf(s.outcome)?.id).filter((id) => id !== undefined);
    const notAccepted = sent.filter((s) => s.what === 'register' && !accepted.has(s.rid));
    const leftTrace = notAccepted.filter((s) => registeredPeople.has(s.personId!));
    report(t, 'Arrêt propre sous charge (SIGTERM)', {
      'requêtes envoyées': sent.length,
      'acceptées par le serveur (journal)': accepted.size,
      'réponses normales (200 / 201)': tally.normal,
      'en vol au SIGTERM, menées à bien': inFlightAtTerm.length,
      'envoyées après le SIGTERM': afterTerm.length,
      '503 pendant la fermeture (non traitées)': tally.shed503,
      'connexion refusée (port fermé)': tally.refused,
      'connexion fermée avant lecture': tally.closedUnread,
      'échecs (acceptées sans réponse entière)': failures.length,
      'inscriptions 201 / en base': `${answeredIds.length} / ${stored.length}`,
      'inscriptions non acceptées / laissant une trace': `${notAccepted.length} / ${leftTrace.length}`,
      'sortie après SIGTERM': `${exitMs} ms (code ${app.exit?.code}, signal ${app.exit?.signal})`,
    });

    assert.deepEqual(failures, [], 'no request the server accepted failed');
    assert.ok(tally.normal >= 100, 'the load was served');
    assert.ok(afterTerm.length > 0, 'the load went on after SIGTERM');
    assert.equal(app.exit?.code, 0, `clean exit:\n${app.tail()}`);
    assert.ok(exitMs <= 10_000, `exited ${exitMs} ms after SIGTERM`);
    assert.ok(!app.logs.some((l) => l.msg === 'arrêt forcé après 10 s'), 'not a forced stop');
    for (const id of answeredIds) assert.ok(storedIds.has(id), `registration ${id} answered 201 is stored`);
    assert.deepEqual(leftTrace, [], 'a registration the server did not accept is not stored');
  });

  it('/readyz answers 503 while the database is unreachable and 200 once it is back, without a restart', {
    timeout: 120_000,
  }, async (t) => {
    const cluster = await throwawayCluster(teardown);
    if (typeof cluster === 'string') {
      t.skip(cluster);
      return;
    }
    cluster.start();
    const app = startAppProcess(teardown, 'app', {
      DATABASE_URL: `postgres://postgres@127.0.0.1:${cluster.port}/postgres`,
    });
    const port = await app.ready();
    const readyz = async () => {
      const o = await request(port, { method: 'GET', path: '/readyz', timeoutMs: 10_000 });
      return o.kind === 'response' ? o.status : o.code;
    };
    const until = async (status: number, what: string) => {
      const from = Date.now();
      await waitFor(what, async () => (await readyz()) === status, { timeoutMs: 8_000, intervalMs: 100 });
      return Date.now() - from;
    };
    const before = await readyz();

    cluster.stop();
    const downAfter = await until(503, '/readyz 503, base arrêtée');
    await sleep(1_000);
    const stillDown = await readyz();
    const healthz = await request(port, { method: 'GET', path: '/healthz' });

    cluster.start();
    const upAfter = await until(200, '/readyz 200, base revenue');
    const agenda = await request(port, { method: 'GET', path: '/agenda' });

    report(t, '/readyz et base de données injoignable', {
      'grappe jetable': `port ${cluster.port}`,
      'avant arrêt de la base': before,
      '503 après arrêt de la base en': `${downAfter} ms`,
      '1 s plus tard': stillDown,
      '/healthz base arrêtée': healthz.kind === 'response' ? healthz.status : healthz.code,
      '200 après redémarrage de la base en': `${upAfter} ms`,
      '/agenda ensuite': agenda.kind === 'response' ? agenda.status : agenda.code,
      'même processus': `${app.alive ? 'oui' : 'non'} (pid ${app.pid})`,
    });
    assert.equal(before, 200);
    assert.equal(stillDown, 503);
    assert.ok(healthz.kind === 'response' && healthz.status === 200, 'the process itself stays alive');
    assert.ok(agenda.kind === 'response' && agenda.status === 200, 'pages work again');
    assert.ok(app.alive, `the app was not restarted:\n${app.tail()}`);
  });
});

/** A free TCP port on loopback (released just before use). */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

const pgBin = (name: string) =>
  ['/usr/lib/postgresql/15/bin', '/usr/local/bin'].map((dir) => join(dir, name)).find((p) => existsSync(p)) ??
  name;

/**
 * A PostgreSQL cluster of our own in a temporary folder, that the test may stop and start (never the shared
 * server). initdb refuses to run as root: then it runs as the `postgres` system user, or the test is skipped.
 * Returns the reason to skip as a string.
 */
async function throwawayCluster(teardown: Teardown) {
  const asRoot = process.getuid?.() === 0;
  let owner: { uid: number; gid: number } | undefined;
  if (asRoot) {
    try {
      const uid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim());
      const gid = Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).trim());
      owner = { uid, gid };
    } catch {
      return 'initdb refuse de tourner en root et il n’y a pas d’utilisateur système « postgres »';
    }
  }
  const run = (bin: string, args: string[]) =>
    execFileSync(
      owner ? 'runuser' : pgBin(bin),
      owner ? ['-u', 'postgres', '--', pgBin(bin), ...args] : args,
      {
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'pipe'],
        timeout: 60_000,
      },
    );
  const dir = mkdtempSync(join(tmpdir(), 'coopdec-pg-'));
  teardown.defer('supprimer la grappe jetable', () => rmSync(dir, { recursive: true, force: true }));
  if (owner) chownSync(dir, owner.uid, owner.gid);
  const data = join(dir, 'data');
  try {
    run('initdb', ['-D', data, '-U', 'postgres', '--auth=trust', '--no-sync', '-E', 'UTF8', '--locale=C']);
  } catch (error) {
    throw new Error(`initdb a échoué : ${String((error as { stderr?: string }).stderr ?? error)}`);
  }
  const port = await freePort();
  teardown.defer('arrêter la grappe jetable', () => {
    // Whatever state a failed test left it in: a postmaster.pid means a server may be running.
    if (existsSync(join(data, 'postmaster.pid')))
      run('pg_ctl', ['-D', data, '-m', 'immediate', '-w', 'stop']);
  });
  return {
    port,
    start() {
      const options = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off`;
      run('pg_ctl', ['-D', data, '-o', options, '-l', join(dir, 'log'), '-w', '-t', '30', 'start']);
    },
    stop() {
      run('pg_ctl', ['-D', data, '-m', 'fast', '-w', '-t', '30', 'stop']);
    },
  };
}
