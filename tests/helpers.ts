// Test support: a fresh real database per test file (embedded PGlite, or a new database on the
// PostgreSQL server named by DATABASE_URL), and the app built on it, answering through inject().

import { randomBytes } from 'node:crypto';
import { parse } from 'node-html-parser';
import pg from 'pg';
import pino, { type Logger } from 'pino';
import { bootModules } from '../src/modules/index.ts';
import { type Database, openDatabase } from '../src/platform/db/client.ts';
import { type Config, parseEnv } from '../src/platform/env.ts';
import type { Services } from '../src/platform/services.ts';
import { buildApp } from '../src/server.ts';
import { createJobRunner } from '../src/services.ts';

/** Anything that runs a function at the end: node:test's `after`, or a test context. */
export interface Cleanup {
  after(fn: () => unknown): void;
}

export const engine = process.env.DATABASE_URL ? 'postgres' : 'pglite';

// Domain functions called directly by tests need what the app installs at boot (the events' audiences…).
bootModules();

/** A fresh, migrated database; dropped when `t` (a suite or a test) ends. */
export async function testDatabase(t?: Cleanup): Promise<Database & { url?: string }> {
  const serverUrl = process.env.DATABASE_URL;
  if (!serverUrl) {
    const database = await openDatabase({ dataDir: 'memory' });
    await database.migrate();
    t?.after(() => database.close());
    return database;
  }
  const name = `coopdec_test_${process.pid}_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  // A test's database is a few rows a table: a parallel plan only forks workers. The proofs' checksum (one
  // statement over every table, thousands of times) took 290 ms with them, 70 ms without, on two cores.
  await admin.query(`alter database ${name} set max_parallel_workers_per_gather = 0`);
  await admin.end();
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const database = await openDatabase({ databaseUrl: url.href, dataDir: 'memory', poolSize: 20 });
  await database.migrate();
  t?.after(async () => {
    await database.close();
    const dropper = new pg.Client({ connectionString: serverUrl });
    await dropper.connect();
    await dropper.query(`drop database if exists ${name} with (force)`);
    await dropper.end();
  });
  return Object.assign(database, { url: url.href });
}

export function testConfig(overrides: Record<string, string> = {}): Config {
  return parseEnv({
    NODE_ENV: 'test',
    LOG_LEVEL: 'silent',
    BASE_URL: 'http://localhost:3000',
    DEMO_DATA: 'false',
    // Tests send many API requests in a minute; the limit itself is proven with a small one.
    API_RATE_LIMIT_PER_MINUTE: '1000000',
    ...overrides,
  });
}

export interface TestApp extends Services {
  app: Awaited<ReturnType<typeof buildApp>>['app'];
}

/** The whole app on a fresh database; jobs run only when the test drains them. */
export async function testApp(
  t: Cleanup,
  overrides: Record<string, string> = {},
  options: { logger?: Logger } = {},
): Promise<TestApp> {
  return appOn(t, await testDatabase(t), overrides, options);
}

/** The app on a given database: several of them on one database are several processes of the platform. */
export async function appOn(
  t: Cleanup,
  database: Database,
  overrides: Record<string, string> = {},
  options: { logger?: Logger } = {},
): Promise<TestApp> {
  const config = testConfig(overrides);
  const logger = options.logger ?? pino({ level: 'silent' });
  const { jobs, close } = createJobRunner(database.db, config, logger, 50);
  const services: Services = { config, database, db: database.db, logger, jobs };
  const { app } = await buildApp(services);
  t.after(async () => {
    await app.close();
    await close();
  });
  return { ...services, app };
}

/** Cookies of a browser: kept across requests, sent back as a Cookie header. */
export class CookieJar {
  #cookies = new Map<string, string>();

  store(response: { cookies: { name: string; value: string; maxAge?: number; expires?: Date }[] }) {
    for (const c of response.cookies) {
      if (c.maxAge === 0 || (c.expires && c.expires.getTime() < Date.now()) || c.value === '')
        this.#cookies.delete(c.name);
      else this.#cookies.set(c.name, c.value);
    }
  }

  get header(): string {
    return [...this.#cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }

  get(name: string) {
    return this.#cookies.get(name);
  }
}

/** A browser-like client for pages: keeps cookies, finds the CSRF token in the last page. */
export class Browser {
  jar = new CookieJar();
  csrf = '';
  lastBody = '';

  private readonly app: TestApp['app'];

  constructor(app: TestApp['app']) {
    this.app = app;
  }

  async get(url: string) {
    const response = await this.app.inject({ method: 'GET', url, headers: { cookie: this.jar.header } });
    this.jar.store(response);
    this.lastBody = response.body;
    const token = /name="_csrf" value="([^"]+)"/.exec(response.body);
    if (token) this.csrf = token[1]!;
    return response;
  }

  /** Posts a form; a list is a repeated field (ticked boxes). */
  async post(
    url: string,
    form: Record<string, string | string[]>,
    options: { csrf?: boolean; origin?: string } = {},
  ) {
    const body = new URLSearchParams();
    for (const [name, value] of Object.entries({
      ...(options.csrf === false ? {} : { _csrf: this.csrf }),
      ...form,
    }))
      for (const one of [value].flat()) body.append(name, one);
    const response = await this.app.inject({
      method: 'POST',
      url,
      headers: {
        cookie: this.jar.header,
        'content-type': 'application/x-www-form-urlencoded',
        ...(options.origin ? { origin: options.origin } : {}),
      },
      payload: body.toString(),
    });
    this.jar.store(response);
    this.lastBody = response.body;
    return response;
  }

  /** Posts a multipart form with one file (field `file`), as a browser sends it, with the CSRF token. */
  async postFile(
    url: string,
    fields: Record<string, string>,
    file: { name: string; type: string; content: Buffer },
  ) {
    const boundary = '----coopdec-test-boundary';
    const parts: Buffer[] = [];
    for (const [name, value] of Object.entries({ _csrf: this.csrf, ...fields }))
      parts.push(
        Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`),
      );
    parts.push(
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${file.name}"\r\nContent-Type: ${file.type}\r\n\r\n`,
      ),
      file.content,
      Buffer.from(`\r\n--${boundary}--\r\n`),
    );
    const response = await this.app.inject({
      method: 'POST',
      url,
      headers: { cookie: this.jar.header, 'content-type': `multipart/form-data; boundary=${boundary}` },
      payload: Buffer.concat(parts),
    });
    this.jar.store(response);
    this.lastBody = response.body;
    return response;
  }
}

/** A page's text as a person reads it: tags dropped, every run of spaces (non-breaking ones too) one space. */
export const pageText = (html: string) =>
  parse(html)
    .text.replace(/\s+/g, ' ')
    .replace(/[\u00a0\u202f]/g, ' ');
