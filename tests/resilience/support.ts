// Support of the resilience tests: real app processes (`node --import ./bin/typescript.js src/main.ts`) on a scratch
// database of the PostgreSQL server, a loopback SMTP server that counts what it accepts, an HTTP client
// that tells a normal answer from a refused connection or a reset, and a teardown that always runs.
import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { sql } from 'drizzle-orm';
import { simpleParser } from 'mailparser';
import pg from 'pg';
import { SMTPServer } from 'smtp-server';
import { createApiToken } from '../../src/modules/accounts/api-tokens.ts';
import { type Database, openDatabase, queryRows } from '../../src/platform/db/client.ts';
import { buildEvent, buildLocalGovernment, buildOfficer, buildStaff } from '../factories.ts';

export const repoRoot = fileURLToPath(new URL('../..', import.meta.url));

/** The PostgreSQL server on which scratch databases are created (the shared one by default). */
export const serverUrl =
  process.env.RESILIENCE_DATABASE_URL ??
  process.env.DATABASE_URL ??
  'postgres://postgres@127.0.0.1:5432/postgres';

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Clean-up steps, run last-in first-out, each one bounded in time; a failing step does not stop the others. */
export class Teardown {
  #steps: { what: string; fn: () => unknown }[] = [];

  defer(what: string, fn: () => unknown): void {
    this.#steps.push({ what, fn });
  }

  async run(): Promise<void> {
    const errors: string[] = [];
    while (this.#steps.length) {
      const { what, fn } = this.#steps.pop()!;
      try {
        await withTimeout(Promise.resolve().then(fn), 20_000, what);
      } catch (error) {
        errors.push(`${what}: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
    if (errors.length) throw new Error(`nettoyage incomplet :\n${errors.join('\n')}`);
  }
}

export async function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([
      promise,
      new Promise<never>((_resolve, reject) => {
        timer = setTimeout(() => reject(new Error(`${what} : pas de réponse en ${ms} ms`)), ms);
      }),
    ]);
  } finally {
    clearTimeout(timer);
  }
}

/** Polls `check` until it returns a value other than undefined/false; fails after `timeoutMs`. */
export async function waitFor<T>(
  what: string,
  check: () => Promise<T | undefined | false> | T | undefined | false,
  { timeoutMs = 30_000, intervalMs = 100 } = {},
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (let round = 0; round < 100_000; round++) {
    try {
      const value = await check();
      if (value !== undefined && value !== false) return value;
    } catch (error) {
      last = error;
    }
    if (Date.now() >= deadline) break;
    await sleep(intervalMs);
  }
  throw new Error(`${what} : toujours pas après ${timeoutMs} ms${last ? ` (${String(last)})` : ''}`);
}

// ---------------------------------------------------------------------------------------------------
// Databases

async function admin<T>(url: string, fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5000 });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

export interface ScratchDatabase {
  url: string;
  /** The test process's own connection, for preparing data and checking the outcome. */
  database: Database;
}

/** A new, migrated database on the server; dropped (with force) by the teardown. */
export async function scratchDatabase(teardown: Teardown, label: string): Promise<ScratchDatabase> {
  const name = `coopdec_resilience_${label}_${process.pid}_${randomBytes(3).toString('hex')}`;
  try {
    await admin(serverUrl, (c) => c.query(`create database ${name}`));
  } catch (error) {
    throw new Error(
      `Serveur PostgreSQL injoignable (${serverUrl}) : les tests de résilience en ont besoin. ${String(error)}`,
    );
  }
  teardown.defer(`supprimer la base ${name}`, () =>
    admin(serverUrl, (c) => c.query(`drop database if exists ${name} with (force)`)),
  );
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const database = await openDatabase({ databaseUrl: url.href, dataDir: 'memory', poolSize: 10 });
  teardown.defer('fermer la connexion du test', () => database.close());
  // Migrated here, once, so that app processes started together do not race on the migrations.
  await database.migrate();
  return { url: url.href, database };
}

export interface QueueFigures {
  total: number;
  pending: number;
  failed: number;
  /** Jobs claimed more than once (after a crash, or taken twice). */
  retaken: number;
  lastError: string | null;
}

/**
 * Waits until every job is done (but the recurring ones, which always have their next run waiting); on
 * time-out, says what is left and the last error seen.
 */
export async function waitForDrainedQueue(database: Database, timeoutMs: number): Promise<QueueFigures> {
  let last: QueueFigures | undefined;
  try {
    return await waitFor(
      'file de travaux vidée',
      async () => {
        [last] = await queryRows<QueueFigures>(
          database.db,
          sql`select count(*)::int as total, count(*) filter (where done_at is null)::int as pending,
                count(*) filter (where failed_at is not null)::int as failed,
                count(*) filter (where attempts > 1)::int as retaken,
                max(last_error) as "lastError"
              from jobs where scheduled is null`,
        );
        return last && last.pending === 0 ? last : undefined;
      },
      { timeoutMs, intervalMs: 250 },
    );
  } catch (error) {
    throw new Error(`${(error as Error).message} — ${JSON.stringify(last)}`);
  }
}

// ---------------------------------------------------------------------------------------------------
// SMTP

export interface Delivery {
  messageId: string;
  recipients: string[];
  subject: string;
  /** The name the client gave in EHLO: which app process sent it (SMTP_URL `?name=`). */
  client: string;
  at: number;
}

export interface Smtp {
  /**
   * SMTP_URL for an app process; `client` is the name it announces in EHLO. Pooled: the server waits
   * 100 ms before its greeting (smtp-server's early-talker check), too slow for a thousand mails otherwise.
   */
  url(client: string): string;
  deliveries: Delivery[];
  /** Deliveries per Message-ID. */
  counts(): Map<string, number>;
}

/** A real SMTP server on loopback; a message counts once the server has parsed it and answers 250. */
export async function startSmtp(teardown: Teardown): Promise<Smtp> {
  const deliveries: Delivery[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    // Up to two app processes, one message at a time each, plus connections a killed one left behind.
    maxClients: 50,
    onData(stream, session, callback) {
      simpleParser(stream).then(
        (mail) => {
          deliveries.push({
            messageId: mail.messageId ?? '',
            recipients: session.envelope.rcptTo.map((r) => r.address.toLowerCase()),
            subject: mail.subject ?? '',
            client: session.hostNameAppearsAs,
            at: Date.now(),
          });
          callback();
        },
        (error: Error) => callback(error),
      );
    },
  });
  server.on('error', () => {});
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.server.address() as AddressInfo;
  teardown.defer(
    'arrêter le serveur SMTP',
    () => new Promise<void>((resolve) => server.close(() => resolve())),
  );
  return {
    url: (client) => `smtp://127.0.0.1:${port}/?pool=true&name=${encodeURIComponent(client)}`,
    deliveries,
    counts() {
      const counts = new Map<string, number>();
      for (const d of deliveries) counts.set(d.messageId, (counts.get(d.messageId) ?? 0) + 1);
      return counts;
    },
  };
}

// ---------------------------------------------------------------------------------------------------
// App processes

export interface LogLine {
  level?: number;
  msg?: string;
  reqId?: string;
  req?: { method: string; url: string };
  res?: { statusCode: number };
  [key: string]: unknown;
}

/** `node --import ./bin/typescript.js src/main.ts`, its output kept (pino JSON lines parsed), its port read from its log. */
export class AppProcess {
  readonly child: ChildProcess;
  readonly lines: string[] = [];
  readonly logs: LogLine[] = [];
  port: number | undefined;
  exit: { code: number | null; signal: NodeJS.Signals | null; at: number } | undefined;
  readonly exited: Promise<void>;

  readonly name: string;

  constructor(name: string, env: Record<string, string>) {
    this.name = name;
    this.child = spawn(process.execPath, ['--import', './bin/typescript.js', 'src/main.ts'], {
      cwd: repoRoot,
      env: {
        PATH: process.env.PATH ?? '/usr/bin:/bin',
        HOME: process.env.HOME ?? '/tmp',
        NODE_ENV: 'production',
        // Production requires a key that seals the secrets stored in the database (decision 013).
        SECRETS_KEY: Buffer.alloc(32, 7).toString('base64'),
        HOST: '127.0.0.1',
        PORT: '0',
        BASE_URL: 'http://localhost:3000',
        DEMO_DATA: 'false',
        LOG_LEVEL: 'info',
        JOBS_POLL_MS: '50',
        ...env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    // Both pipes are always read: a child whose pipe is full would block.
    for (const stream of [this.child.stdout!, this.child.stderr!]) {
      let pending = '';
      stream.setEncoding('utf8');
      stream.on('data', (chunk: string) => {
        pending += chunk;
        let newline = pending.indexOf('\n');
        while (newline >= 0) {
          this.#line(pending.slice(0, newline));
          pending = pending.slice(newline + 1);
          newline = pending.indexOf('\n');
        }
      });
    }
    this.exited = new Promise((resolve) => {
      this.child.once('exit', (code, signal) => {
        this.exit = { code, signal, at: Date.now() };
        resolve();
      });
    });
  }

  #line(line: string) {
    this.lines.push(line);
    if (!line.startsWith('{')) return;
    try {
      const log = JSON.parse(line) as LogLine;
      this.logs.push(log);
      const listening = /^Server listening at http:\/\/127\.0\.0\.1:(\d+)$/.exec(log.msg ?? '');
      if (listening) this.port = Number(listening[1]);
    } catch {
      // Not a log line.
    }
  }

  get pid(): number {
    return this.child.pid!;
  }

  get alive(): boolean {
    return this.exit === undefined;
  }

  /** The last lines of its output, for a failure message. */
  tail(n = 30): string {
    return this.lines.slice(-n).join('\n');
  }

  /** Waits until it listens and /readyz answers 200. */
  async ready(timeoutMs = 60_000): Promise<number> {
    return waitFor(
      `${this.name} prêt`,
      async () => {
        if (!this.alive)
          throw new Error(`${this.name} s’est arrêté (${JSON.stringify(this.exit)}) :\n${this.tail()}`);
        if (!this.port) return undefined;
        const answer = await request(this.port, { method: 'GET', path: '/readyz', agent: false });
        return answer.kind === 'response' && answer.status === 200 ? this.port : undefined;
      },
      { timeoutMs, intervalMs: 100 },
    ).catch((error: Error) => {
      throw new Error(`${error.message}\n${this.tail()}`);
    });
  }

  /** SIGKILL if still running, then waits for its end. */
  async kill(): Promise<void> {
    if (this.alive) this.child.kill('SIGKILL');
    await withTimeout(this.exited, 10_000, `fin de ${this.name}`);
  }
}

/** Starts an app process; the teardown kills it if it is still running. */
export function startAppProcess(teardown: Teardown, name: string, env: Record<string, string>): AppProcess {
  const app = new AppProcess(name, env);
  teardown.defer(`arrêter ${name}`, () => app.kill());
  return app;
}

// ---------------------------------------------------------------------------------------------------
// HTTP

export type Outcome =
  | { kind: 'response'; status: number; body: string; ms: number }
  /** No answer: `phase` says whether the connection was refused, or lost before or during the answer. */
  | { kind: 'error'; phase: 'refused' | 'before-response' | 'mid-response'; code: string; ms: number };

export interface RequestOptions {
  method: 'GET' | 'POST';
  path: string;
  headers?: Record<string, string>;
  body?: unknown;
  agent?: http.Agent | false;
  timeoutMs?: number;
}

/** One HTTP request; never throws: every way it can end is an Outcome. */
export function request(port: number, options: RequestOptions): Promise<Outcome> {
  const started = performance.now();
  const ms = () => Math.round(performance.now() - started);
  const payload = options.body === undefined ? undefined : JSON.stringify(options.body);
  return new Promise((resolve) => {
    let settled = false;
    let responded = false;
    const settle = (outcome: Outcome) => {
      if (settled) return;
      settled = true;
      resolve(outcome);
    };
    const fail = (error: NodeJS.ErrnoException) => {
      const code = error.code ?? error.message;
      const phase = responded ? 'mid-response' : code === 'ECONNREFUSED' ? 'refused' : 'before-response';
      settle({ kind: 'error', phase, code, ms: ms() });
    };
    const req = http.request(
      {
        host: '127.0.0.1',
        port,
        method: options.method,
        path: options.path,
        agent: options.agent ?? false,
        headers: {
          ...(payload === undefined ? {} : { 'content-type': 'application/json' }),
          ...options.headers,
        },
      },
      (res) => {
        responded = true;
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('error', fail);
        res.on('aborted', () => fail(Object.assign(new Error('aborted'), { code: 'ABORTED' })));
        res.on('end', () => {
          if (!res.complete) return fail(Object.assign(new Error('incomplete'), { code: 'INCOMPLETE' }));
          settle({
            kind: 'response',
            status: res.statusCode ?? 0,
            body: Buffer.concat(chunks).toString('utf8'),
            ms: ms(),
          });
        });
      },
    );
    req.on('error', fail);
    req.setTimeout(options.timeoutMs ?? 20_000, () =>
      req.destroy(Object.assign(new Error('timeout'), { code: 'TIMEOUT' })),
    );
    req.end(payload);
  });
}

/** Runs `fn` over `items` with at most `limit` at a time; results in the order of `items`. */
export async function pool<T, R>(items: T[], limit: number, fn: (item: T, index: number) => Promise<R>) {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await fn(items[index]!, index);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}

// ---------------------------------------------------------------------------------------------------
// Data

/**
 * A member local government with `people` officers, a staff member with an API token, and a public
 * in-person event with `capacity` seats starting in 12 hours (too soon for a reminder: every job is a mail).
 */
export async function prepareRush(database: Database, options: { people: number; capacity: number }) {
  const { db } = database;
  const member = await buildLocalGovernment(db, { member: true });
  const staff = await buildStaff(db);
  const authorization = `Bearer ${(await createApiToken(db, staff.id, { label: 'résilience' })).token}`;
  const event = await buildEvent(db, { capacity: options.capacity, format: 'in_person' }, 0.5);
  const persons = await pool(
    Array.from({ length: options.people }, (_, i) => i),
    8,
    () => buildOfficer(db, member.id),
  );
  return { event, persons, authorization };
}

export interface Registered {
  id: string;
  status: 'confirmed' | 'waitlisted';
}

export function registrationOf(outcome: Outcome): Registered | undefined {
  if (outcome.kind !== 'response' || outcome.status !== 201) return undefined;
  return JSON.parse(outcome.body) as Registered;
}

/** Prints the figures of a test, one per line, in the test report. */
export function report(
  t: { diagnostic(message: string): void },
  title: string,
  figures: Record<string, unknown>,
) {
  const width = Math.max(...Object.keys(figures).map((k) => k.length));
  const lines = Object.entries(figures).map(([k, v]) => `  ${k.padEnd(width)}  ${String(v)}`);
  const text = `${title}\n${lines.join('\n')}`;
  for (const line of text.split('\n')) t.diagnostic(line);
}
