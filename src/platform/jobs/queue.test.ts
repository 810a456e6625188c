import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { sql } from 'drizzle-orm';
import pino from 'pino';
import { testDatabase } from '../../../tests/helpers.ts';
import { type Db, openDatabase, queryRows } from '../db/client.ts';
import { enqueue, type JobHandler, JobRunner, maxAttempts } from './queue.ts';

const logger = pino({ level: 'silent' });

// Raw rows: timestamps come back as strings or Dates depending on the driver; only their presence matters here.
interface JobRow {
  attempts: number;
  run_in: number;
  locked_until: unknown;
  last_error: string | null;
  done_at: unknown;
  failed_at: unknown;
}

const jobRow = async (db: Db, id: number) =>
  (
    await queryRows<JobRow>(
      db,
      sql`select attempts, extract(epoch from run_at - now())::float8 as run_in, locked_until, last_error,
            done_at, failed_at
          from jobs where id = ${id}`,
    )
  )[0]!;

describe('the job queue', async () => {
  const database = await testDatabase({ after });
  const { db } = database;

  it('never runs a job enqueued in a transaction that was rolled back (outbox)', async () => {
    const seen: unknown[] = [];
    const runner = new JobRunner(
      db,
      { 'test.outbox': async (payload) => void seen.push(payload.n) },
      { pollMs: 50, logger },
    );
    await assert.rejects(
      db.transaction(async (tx) => {
        await enqueue(tx, 'test.outbox', { n: 1 });
        throw new Error('annulé');
      }),
      /annulé/,
    );
    await db.transaction((tx) => enqueue(tx, 'test.outbox', { n: 2 }));
    assert.equal(await runner.drain(), 1);
    assert.deepEqual(seen, [2]);
    const [count] = await queryRows<{ n: number }>(
      db,
      sql`select count(*)::int as n from jobs where kind = 'test.outbox'`,
    );
    assert.equal(count?.n, 1);
  });

  it('retries a failing job with a doubling delay, then sets it aside after maxAttempts', async () => {
    let calls = 0;
    const failing: JobHandler = async (_payload, job) => {
      calls++;
      assert.equal(job.attempts, calls, 'the handler sees the attempt number');
      throw new Error('serveur injoignable');
    };
    const runner = new JobRunner(db, { 'test.failing': failing }, { pollMs: 50, logger });
    const id = await enqueue(db, 'test.failing', {});
    for (let attempt = 1; attempt <= maxAttempts; attempt++) {
      assert.equal(await runner.runOnce(), 1, `attempt ${attempt} runs`);
      const row = await jobRow(db, id);
      assert.equal(row.attempts, attempt);
      assert.equal(row.last_error, 'serveur injoignable');
      assert.equal(row.locked_until, null);
      assert.equal(row.done_at, null);
      if (attempt < maxAttempts) {
        assert.equal(row.failed_at, null, `attempt ${attempt} is not the last`);
        const delay = 10 * 2 ** (attempt - 1);
        assert.ok(
          Math.abs(row.run_in - delay) < 2,
          `attempt ${attempt}: next run in ${row.run_in}s, not ${delay}s`,
        );
        // Not due yet: nothing runs.
        assert.equal(await runner.runOnce(), 0);
        await db.execute(sql`update jobs set run_at = now() - interval '1 second' where id = ${id}`);
      } else {
        assert.notEqual(row.failed_at, null, 'set aside after the last attempt');
      }
    }
    await db.execute(sql`update jobs set run_at = now() - interval '1 second' where id = ${id}`);
    assert.equal(await runner.runOnce(), 0, 'a job set aside is not retried');
    assert.equal(calls, maxAttempts);
  });

  it('fails a job of an unknown kind like any failure, with a message saying so', async () => {
    const runner = new JobRunner(db, {}, { pollMs: 50, logger });
    const id = await enqueue(db, 'test.inconnu', {});
    assert.equal(await runner.runOnce(), 1);
    const row = await jobRow(db, id);
    assert.match(row.last_error ?? '', /aucun traitement pour le travail « test\.inconnu »/);
    assert.equal(row.done_at, null);
  });

  it('waits for run_at, and takes again a job whose worker died once its lock expires', async () => {
    let calls = 0;
    const runner = new JobRunner(db, { 'test.later': async () => void calls++ }, { pollMs: 50, logger });
    const id = await enqueue(db, 'test.later', {}, { runAt: new Date(Date.now() + 60_000) });
    assert.equal(await runner.drain(), 0);
    // A worker claimed it, then died: the lock holds it for a while, then it is free again.
    await db.execute(
      sql`update jobs set run_at = now(), attempts = 1, locked_until = now() + interval '5 minutes' where id = ${id}`,
    );
    assert.equal(await runner.drain(), 0);
    await db.execute(sql`update jobs set locked_until = now() - interval '1 second' where id = ${id}`);
    assert.equal(await runner.drain(), 1);
    assert.equal(calls, 1);
    const row = await jobRow(db, id);
    assert.equal(row.attempts, 2);
    assert.notEqual(row.done_at, null);
  });

  it('runs queued work in the background once started, and stops cleanly', async () => {
    const done: number[] = [];
    const runner = new JobRunner(
      db,
      { 'test.background': async (p) => void done.push(Number(p.n)) },
      { pollMs: 20, logger },
    );
    runner.start();
    try {
      await enqueue(db, 'test.background', { n: 1 });
      runner.poke();
      await enqueue(db, 'test.background', { n: 2 });
      for (let i = 0; i < 200 && done.length < 2; i++) await sleep(10);
    } finally {
      await runner.stop();
    }
    assert.deepEqual(done.sort(), [1, 2]);
    await enqueue(db, 'test.background', { n: 3 });
    await sleep(100);
    assert.deepEqual(done, [1, 2], 'a stopped runner takes no more work');
    await db.execute(sql`delete from jobs where kind = 'test.background' and done_at is null`);
  });

  it('shares the work of two runners on the same database: each of 200 jobs runs exactly once', async () => {
    const total = 200;
    const calls = new Map<number, number>();
    const handler: JobHandler = async (_payload, job) => {
      calls.set(job.id, (calls.get(job.id) ?? 0) + 1);
      await sleep(Math.random() * 3);
    };
    const ids = new Set<number>();
    for (let i = 0; i < total; i++) ids.add(await enqueue(db, 'test.once', { i }));
    // On PostgreSQL the second runner has its own connection pool, as a second process would.
    const second = database.url
      ? await openDatabase({ databaseUrl: database.url, dataDir: 'memory', poolSize: 5 })
      : undefined;
    try {
      const a = new JobRunner(db, { 'test.once': handler }, { pollMs: 50, batchSize: 5, logger });
      const b = new JobRunner(
        second?.db ?? db,
        { 'test.once': handler },
        { pollMs: 50, batchSize: 5, logger },
      );
      const [byA, byB] = await Promise.all([a.drain(), b.drain()]);
      assert.equal(byA + byB, total);
      assert.ok(byA > 0 && byB > 0, `both runners worked (${byA} and ${byB})`);
    } finally {
      await second?.close();
    }
    assert.deepEqual(new Set(calls.keys()), ids);
    const twice = [...calls].filter(([, n]) => n !== 1);
    assert.deepEqual(twice, [], 'no job ran twice');
    const [left] = await queryRows<{ n: number }>(
      db,
      sql`select count(*)::int as n from jobs where kind = 'test.once' and (done_at is null or attempts <> 1)`,
    );
    assert.equal(left?.n, 0);
  });
});

describe('recurring jobs', async () => {
  const database = await testDatabase({ after });
  const { db } = database;
  const waiting = async () =>
    (
      await queryRows<{ n: number; run_in: number | null }>(
        db,
        sql`select count(*)::int as n, min(extract(epoch from run_at - now()))::float8 as run_in
            from jobs where scheduled = 'test.daily' and done_at is null and failed_at is null`,
      )
    )[0]!;

  it('keeps one run waiting whatever the number of processes starting, and writes the next when one ends', async () => {
    let runs = 0;
    const make = () =>
      new JobRunner(
        db,
        { 'test.daily': async () => void runs++ },
        { pollMs: 50, logger, schedules: [{ kind: 'test.daily', everyMinutes: 1440 }] },
      );
    const [a, b] = [make(), make()];
    await Promise.all([a.ensureSchedules(), b.ensureSchedules(), a.ensureSchedules()]);
    assert.equal((await waiting()).n, 1, 'one waiting run, not three');
    assert.equal(await a.drain(), 1);
    assert.equal(runs, 1);
    const next = await waiting();
    assert.equal(next.n, 1, 'the next run is written');
    assert.ok(next.run_in! > 1430 * 60 && next.run_in! <= 1440 * 60, `next run in ${next.run_in} s`);
    assert.equal(await b.drain(), 0, 'not due before tomorrow');
  });
});
