// A small outbox in PostgreSQL: jobs are rows written in the transaction of the data they follow,
// claimed with FOR UPDATE SKIP LOCKED so that several processes share the work, retried with backoff.
// No maintained queue library runs on both PGlite and a PostgreSQL server (docs/decisions/005).
import { and, inArray, isNotNull, isNull, type SQL, sql } from 'drizzle-orm';
import type { Logger } from 'pino';
import { type Db, type Executor, queryRows } from '../db/client.ts';
import { jobs } from '../db/platform.schema.ts';

export type JobHandler = (
  payload: Record<string, unknown>,
  job: { id: number; attempts: number },
) => Promise<void>;

export interface EnqueueOptions {
  runAt?: Date;
}

export interface NewJob extends EnqueueOptions {
  kind: string;
  payload: Record<string, unknown>;
}

/**
 * The insert of jobs (at least one), as a statement of its own or as a part of one that writes them with the
 * data they follow (`together`). Without `runAt`, a job is due at once.
 */
export function jobsInsert(newJobs: readonly NewJob[], when?: SQL): SQL {
  const rows = newJobs.map(
    (job) =>
      sql`(${job.kind}, ${JSON.stringify(job.payload)}::jsonb, ${(job.runAt ?? new Date()).toISOString()}::timestamptz)`,
  );
  const values = sql`values ${sql.join(rows, sql`, `)}`;
  return when
    ? sql`insert into ${jobs} (kind, payload, run_at) select * from (${values}) as new_jobs where ${when}`
    : sql`insert into ${jobs} (kind, payload, run_at) ${values}`;
}

export async function enqueue(
  executor: Executor,
  kind: string,
  payload: Record<string, unknown>,
  options: EnqueueOptions = {},
): Promise<number> {
  const [row] = await queryRows<{ id: string | number }>(
    executor,
    sql`${jobsInsert([{ kind, payload, ...options }])} returning id`,
  );
  return Number(row!.id);
}

export const maxAttempts = 8;
/**
 * A claim is a lease, renewed while the worker holds the job: a worker that dies (kill -9, lost machine)
 * frees its jobs within `leaseSeconds`, and a job that runs longer than that is not taken twice.
 */
export const leaseSeconds = 30;
const renewEveryMs = 10_000;

interface ClaimedJob {
  id: number;
  kind: string;
  payload: Record<string, unknown>;
  attempts: number;
  scheduled: string | null;
}

/** A job that comes back: the runner keeps one waiting, and writes the next when one is done. */
export interface Schedule {
  kind: string;
  everyMinutes: number;
}

export interface JobRunnerOptions {
  pollMs: number;
  batchSize?: number;
  logger: Logger;
  schedules?: Schedule[];
}

export class JobRunner {
  #timer: NodeJS.Timeout | undefined;
  #running: Promise<void> | undefined;
  #stopped = true;
  #busy = false;

  private readonly db: Db;
  private readonly handlers: Record<string, JobHandler>;
  private readonly options: JobRunnerOptions;

  constructor(db: Db, handlers: Record<string, JobHandler>, options: JobRunnerOptions) {
    this.db = db;
    this.handlers = handlers;
    this.options = options;
  }

  start(): void {
    this.#stopped = false;
    void this.ensureSchedules()
      .catch((error) =>
        this.options.logger.error({ err: error }, 'file de travaux : travaux récurrents non prévus'),
      )
      .finally(() => this.#schedule(0));
  }

  /**
   * Makes sure each recurring job has one run waiting (at once, the first time). Several processes may do
   * it together: the unique index on waiting `scheduled` jobs keeps one.
   */
  async ensureSchedules(): Promise<void> {
    for (const { kind } of this.options.schedules ?? []) {
      await this.db.execute(sql`
        insert into jobs (kind, payload, scheduled) values (${kind}, '{}'::jsonb, ${kind})
        on conflict (scheduled) where done_at is null and failed_at is null do nothing`);
    }
  }

  /** Lets the job in hand finish, then stops. */
  async stop(): Promise<void> {
    this.#stopped = true;
    clearTimeout(this.#timer);
    await this.#running;
  }

  /** Runs due jobs until none is left; returns how many ran. */
  async drain(): Promise<number> {
    let total = 0;
    for (;;) {
      const count = await this.runOnce();
      if (count === 0) return total;
      total += count;
    }
  }

  /** Looks for work now rather than at the next poll (after a request queued a mail, say). */
  poke(): void {
    if (this.#stopped || this.#busy) return;
    clearTimeout(this.#timer);
    this.#schedule(0);
  }

  #schedule(ms: number): void {
    if (this.#stopped) return;
    this.#timer = setTimeout(() => {
      this.#busy = true;
      this.#running = this.runOnce()
        .finally(() => {
          this.#busy = false;
        })
        .catch((error) => this.options.logger.error({ err: error }, 'file de travaux : échec de la relève'))
        .then((count) => this.#schedule(count ? 0 : this.options.pollMs));
    }, ms);
  }

  async runOnce(): Promise<number> {
    const claimed = await this.#claim();
    if (claimed.length === 0) return 0;
    const held = new Set(claimed.map((job) => job.id));
    const renewal = setInterval(() => void this.#renew([...held]), renewEveryMs);
    renewal.unref();
    try {
      for (const job of claimed) {
        await this.#run(job);
        held.delete(job.id);
      }
    } finally {
      clearInterval(renewal);
    }
    return claimed.length;
  }

  /** Extends the lease of the jobs still in hand (a job released after a failure stays released). */
  async #renew(ids: number[]): Promise<void> {
    if (ids.length === 0) return;
    try {
      await this.db
        .update(jobs)
        .set({ lockedUntil: sql`now() + make_interval(secs => ${leaseSeconds})` })
        .where(and(inArray(jobs.id, ids), isNull(jobs.doneAt), isNotNull(jobs.lockedUntil)));
    } catch (error) {
      this.options.logger.warn({ err: error }, 'file de travaux : bail non renouvelé');
    }
  }

  async #claim(): Promise<ClaimedJob[]> {
    const rows = await queryRows<{
      id: string;
      kind: string;
      payload: Record<string, unknown>;
      attempts: number;
      scheduled: string | null;
    }>(
      this.db,
      sql`
      update jobs set locked_until = now() + make_interval(secs => ${leaseSeconds}), attempts = attempts + 1
      where id in (
        select id from jobs
        where done_at is null and failed_at is null and run_at <= now()
          and (locked_until is null or locked_until < now())
        order by run_at, id
        limit ${this.options.batchSize ?? 10}
        for update skip locked)
      returning id, kind, payload, attempts, scheduled`,
    );
    return rows.map((r) => ({ ...r, id: Number(r.id) }));
  }

  async #run(job: ClaimedJob): Promise<void> {
    const handler = this.handlers[job.kind];
    try {
      if (!handler) throw new Error(`aucun traitement pour le travail « ${job.kind} »`);
      await handler(job.payload, job);
      const every = this.options.schedules?.find((s) => s.kind === job.scheduled)?.everyMinutes;
      const done = sql`update jobs set done_at = now(), locked_until = null where id = ${job.id}`;
      // A one-off job ends in one statement (a rush's mails: one round trip each, not three).
      if (every === undefined) {
        await this.db.execute(done);
        return;
      }
      // The next run of a recurring job is written in the transaction that ends this one: a crash between
      // them cannot lose the schedule. (Not one statement: the insert must see this one done, and the parts
      // of a statement see the same snapshot.)
      await this.db.transaction(async (tx) => {
        await tx.execute(done);
        await tx.execute(sql`
          insert into jobs (kind, payload, scheduled, run_at)
          values (${job.kind}, '{}'::jsonb, ${job.scheduled}, now() + make_interval(mins => ${every}))
          on conflict (scheduled) where done_at is null and failed_at is null do nothing`);
      });
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      this.options.logger.warn({ job: job.id, kind: job.kind, err: error }, 'travail en échec');
      // Backoff: 10 s, 20 s, 40 s… then the job is set aside for a human to look at.
      const delay = 10 * 2 ** (job.attempts - 1);
      await this.db.execute(sql`
        update jobs set locked_until = null, last_error = ${message.slice(0, 2000)},
          run_at = now() + make_interval(secs => ${delay}),
          failed_at = case when attempts >= ${maxAttempts} then now() end
        where id = ${job.id}`);
    }
  }
}
