import assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import { after, describe, it } from 'node:test';
import { sql } from 'drizzle-orm';
import { bearer, buildStaff } from '../../../tests/factories.ts';
import { appOn, testDatabase } from '../../../tests/helpers.ts';
import { queryRows } from '../db/client.ts';
import { keepHouse } from '../jobs/housekeeping.ts';
import { createLogger } from './log.ts';

describe('rate limits shared by every process', async () => {
  const database = await testDatabase({ after });
  const lines: string[] = [];
  const logger = createLogger(
    'warn',
    new Writable({
      write(chunk, _e, done) {
        lines.push(String(chunk));
        done();
      },
    }),
  );
  /** One « process » of the app: its own Fastify, rate-limit plugin and job runner, on the shared database. */
  const process = async (overrides: Record<string, string>) =>
    (await appOn({ after }, database, overrides, { logger })).app;
  const [a, b] = [
    await process({ API_RATE_LIMIT_PER_MINUTE: '3' }),
    await process({ API_RATE_LIMIT_PER_MINUTE: '3' }),
  ];
  const staff = await buildStaff(database.db);
  const token = await bearer(database.db, staff);

  it('counts an API token across processes: the 4th request of the minute is refused, in French, wherever it lands', async () => {
    const statuses: number[] = [];
    for (const app of [a, b, a, b]) {
      statuses.push((await app.inject({ url: '/api/v1/events', headers: token })).statusCode);
    }
    assert.deepEqual(statuses, [200, 200, 200, 429]);
    const refused = await b.inject({ url: '/api/v1/events', headers: token });
    assert.equal(refused.statusCode, 429);
    assert.equal(refused.json().error.code, 'rate_limited');
    assert.match(refused.json().error.message, /Trop de tentatives/);
    assert.ok(Number(refused.headers['retry-after']) > 0);
    // Another token has its own count; the table holds no token in clear.
    const other = await bearer(database.db, await buildStaff(database.db));
    assert.equal((await a.inject({ url: '/api/v1/events', headers: other })).statusCode, 200);
    const keys = await queryRows<{ key: string }>(database.db, sql`select key from rate_limits`);
    assert.ok(keys.every((k) => !k.key.includes(token.authorization.slice(7))));
  });

  it('counts the sign-in form across processes too (10 a quarter of an hour per address)', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 11; i++) {
      const app = i % 2 ? a : b;
      const page = await app.inject({ url: '/connexion/lien', method: 'POST', payload: { jeton: 'x' } });
      statuses.push(page.statusCode);
    }
    assert.equal(statuses.filter((s) => s === 429).length, 1, statuses.join());
    assert.equal(statuses.at(-1), 429);
  });

  it('warns once in the log when requests come through a proxy that TRUST_PROXY does not trust', async () => {
    await a.inject({ url: '/healthz', headers: { 'x-forwarded-for': '203.0.113.7' } });
    await a.inject({ url: '/healthz', headers: { 'x-forwarded-for': '203.0.113.8' } });
    const warnings = lines.filter((l) => l.includes('TRUST_PROXY=false'));
    assert.equal(warnings.length, 1);
  });

  it('forgets the counts after a day, with mail contents after a month (housekeeping)', async () => {
    const now = new Date();
    const days = (n: number) => new Date(now.getTime() - n * 86_400_000).toISOString();
    await database.db.execute(sql`
      insert into rate_limits (key, window_start, count) values ('vieux', ${days(2)}::timestamptz, 5);
      `);
    await database.db.execute(sql`
      insert into mails (id, "to", subject, html, text, sent_at) values
        (gen_random_uuid(), 'ancien@example.org', 'Ancien', '<p>corps</p>', 'corps', ${days(31)}::timestamptz),
        (gen_random_uuid(), 'recent@example.org', 'Récent', '<p>corps</p>', 'corps', ${days(10)}::timestamptz),
        (gen_random_uuid(), 'tres-ancien@example.org', 'Très ancien', '', '', ${days(400)}::timestamptz)`);
    await keepHouse(database.db, now);
    const mails = await queryRows<{ to: string; text: string }>(
      database.db,
      sql`select "to", text from mails where "to" like '%example.org' order by "to"`,
    );
    assert.deepEqual(mails, [
      { to: 'ancien@example.org', text: '' },
      { to: 'recent@example.org', text: 'corps' },
    ]);
    const windows = await queryRows<{ key: string }>(
      database.db,
      sql`select key from rate_limits where key = 'vieux'`,
    );
    assert.deepEqual(windows, []);
  });
});
