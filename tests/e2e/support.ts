// Browser tests support: the real app listening on loopback with the demo data, a real SMTP server that
// catches its mails, Debian's Chromium driven by playwright-core, and an axe-core check.
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { after, before } from 'node:test';
import { type ParsedMail, simpleParser } from 'mailparser';
import pino from 'pino';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { SMTPServer } from 'smtp-server';
import { seedDemo } from '../../src/demo/seed.ts';
import type { Services } from '../../src/platform/services.ts';
import { parisYear } from '../../src/platform/time.ts';
import { buildApp } from '../../src/server.ts';
import { createJobRunner } from '../../src/services.ts';
import { testConfig, testDatabase } from '../helpers.ts';

const require = createRequire(import.meta.url);

export const demoStaff = 'equipe@example.org';
/** This year in Paris, as the app counts memberships (the demo data is relative to it too). */
export const thisYear = parisYear();
/** A referent of Angers in the demo data (seed: « prénom.nom@organisation.example.org »). */
export const demoReferent = 'julien.moreau@angers.example.org';

/** Waits for a condition, polling; fails with `what` after `ms`. */
async function until<T>(what: string, probe: () => T | undefined, ms = 15_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`délai dépassé : ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

/** An SMTP server on loopback that keeps every message it receives. */
export class MailCatcher {
  readonly received: ParsedMail[] = [];
  readonly #server: SMTPServer;
  port = 0;

  constructor() {
    this.#server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      logger: false,
      onData: (stream, _session, callback) => {
        simpleParser(stream)
          .then((mail) => {
            this.received.push(mail);
            callback();
          })
          .catch((error: Error) => callback(error));
      },
    });
  }

  async start(): Promise<void> {
    await new Promise<void>((resolve, reject) => {
      this.#server.once('error', reject);
      this.#server.listen(0, '127.0.0.1', () => resolve());
    });
    const address = this.#server.server.address();
    assert.ok(address && typeof address === 'object');
    this.port = address.port;
  }

  stop(): Promise<void> {
    return new Promise((resolve) => this.#server.close(() => resolve()));
  }

  /**
   * The first message to `to` received after the first `after` messages (with this subject, when given: other
   * mails to the same person, written by jobs, may arrive in between).
   */
  next(to: string, after: number, subject?: string): Promise<ParsedMail> {
    const wanted = (mail: ParsedMail) => {
      const recipients = Array.isArray(mail.to) ? mail.to : mail.to ? [mail.to] : [];
      return (
        recipients.some((r) => r.value.some((v) => v.address?.toLowerCase() === to.toLowerCase())) &&
        (subject === undefined || mail.subject === subject)
      );
    };
    return until(`courriel pour ${to}${subject ? ` (« ${subject} »)` : ''}`, () =>
      this.received.slice(after).find(wanted),
    );
  }
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const address = server.address();
  assert.ok(address && typeof address === 'object');
  await new Promise((resolve) => server.close(resolve));
  return address.port;
}

export interface RunningApp {
  baseUrl: string;
  mail: MailCatcher;
  services: Services;
  browser: Browser;
  /**
   * A fresh browser context (cookies of its own) on the app. `bypassCSP` lets axe-core be injected into
   * pages whose Content-Security-Policy refuses inline scripts; other tests keep the policy enforced.
   * `phone`: a 375 × 812 touch screen, as a phone's browser.
   */
  newContext(options?: {
    javaScriptEnabled?: boolean;
    bypassCSP?: boolean;
    phone?: boolean;
  }): Promise<BrowserContext>;
  stop(): Promise<void>;
}

/**
 * For a `describe`: the app started before its tests and stopped after them, and pages in browser contexts of
 * their own (closed at the end), on a phone when asked — what every browser test file otherwise writes out.
 */
export function browserSuite() {
  let app: RunningApp | undefined;
  const contexts: BrowserContext[] = [];
  before(async () => {
    app = await startApp();
  });
  after(async () => {
    for (const context of contexts) await context.close().catch(() => {});
    await app?.stop();
  });
  return {
    app: () => app!,
    async newPage(phone = false): Promise<Page> {
      const context = await app!.newContext({ bypassCSP: true, phone });
      contexts.push(context);
      return context.newPage();
    },
  };
}

/** The whole app as in production, on a fresh database with the demo data, sending mail over SMTP. */
export async function startApp(): Promise<RunningApp> {
  // What is started is stopped in reverse order, also when starting fails half-way (a server left
  // listening would keep the test process alive).
  const stops: (() => unknown)[] = [];
  const stopAll = async () => {
    for (const stop of stops.reverse()) await stop();
  };
  try {
    const mail = new MailCatcher();
    await mail.start();
    stops.push(() => mail.stop());
    const port = await freePort();
    const baseUrl = `http://127.0.0.1:${port}`;
    const config = testConfig({
      DEMO_DATA: 'true',
      PORT: String(port),
      HOST: '127.0.0.1',
      BASE_URL: baseUrl,
      SMTP_URL: `smtp://127.0.0.1:${mail.port}`,
      JOBS_POLL_MS: '50',
    });
    const database = await testDatabase({ after: (fn) => stops.push(fn) });
    await seedDemo(database.db);
    const logger = pino({ level: 'silent' });
    // Every module's job handlers, as in production; mails leave over SMTP to the catcher.
    const { jobs, close: stopJobs } = createJobRunner(database.db, config, logger);
    stops.push(stopJobs);
    const services: Services = { config, database, db: database.db, logger, jobs };
    const { app } = await buildApp(services);
    stops.push(() => app.close());
    await app.listen({ port, host: '127.0.0.1' });
    jobs.start();
    const executablePath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
    if (!existsSync(executablePath))
      throw new Error(
        `Chromium introuvable (${executablePath}) : apt-get install chromium, ou CHROMIUM_PATH=…`,
      );
    const browser = await chromium.launch({
      executablePath,
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    });
    stops.push(() => browser.close());
    return {
      baseUrl,
      mail,
      services,
      browser,
      async newContext({ phone, ...options } = {}) {
        const context = await browser.newContext({
          baseURL: baseUrl,
          locale: 'fr-FR',
          ...(phone ? { viewport: { width: 375, height: 812 }, isMobile: true, hasTouch: true } : {}),
          ...options,
        });
        context.setDefaultTimeout(15_000);
        return context;
      },
      stop: stopAll,
    };
  } catch (error) {
    await stopAll();
    throw error;
  }
}

/** Asks for a link on /connexion, reads it in the mail received over SMTP, opens it and confirms. */
export async function signIn(app: RunningApp, page: Page, email: string): Promise<void> {
  const before = app.mail.received.length;
  await page.goto('/connexion');
  await page.getByLabel('Votre adresse électronique').fill(email);
  await page.getByRole('button', { name: 'Recevoir un lien de connexion' }).click();
  await expectHeading(page, 'Vérifiez votre messagerie');
  const message = await app.mail.next(email, before, 'Votre lien de connexion — Cités Unies France');
  const link = /https?:\/\/\S+\/connexion\/lien\?jeton=\S+/.exec(message.text ?? '')?.[0];
  assert.ok(link, `pas de lien de connexion dans le courriel :\n${message.text}`);
  assert.ok(link.startsWith(app.baseUrl), `le lien ${link} ne mène pas à ${app.baseUrl}`);
  await page.goto(link);
  await page.getByRole('button', { name: 'Me connecter' }).click();
  await expectHeading(page, 'Mon espace');
  assert.equal(new URL(page.url()).pathname, '/mon-espace');
}

/** Fails unless the page's title (h1) is `heading`, showing what the page says instead. */
export async function expectHeading(page: Page, heading: string): Promise<void> {
  const title = page.getByRole('heading', { level: 1, name: heading, exact: true });
  const shown = await title.waitFor({ timeout: 5_000 }).then(
    () => true,
    () => false,
  );
  if (!shown) {
    const main = (await page.getByRole('main').innerText()).replace(/\n+/g, ' ¶ ');
    assert.fail(`page « ${heading} » attendue sur ${page.url()}, reçu : ${main}`);
  }
}

interface AxeResult {
  violations: {
    id: string;
    impact: string | null;
    help: string;
    helpUrl: string;
    nodes: { target: unknown[]; failureSummary?: string; html: string }[];
  }[];
}

/** axe-core's WCAG 2.1 A and AA violations on the page, written for a person to read; empty when none. */
export async function axeViolations(page: Page): Promise<string[]> {
  const loaded = await page.evaluate(() => 'axe' in window);
  if (!loaded) await page.addScriptTag({ path: require.resolve('axe-core/axe.min.js') });
  const result = (await page.evaluate(() =>
    // biome-ignore lint/suspicious/noExplicitAny: axe is injected into the page at run time.
    (window as any).axe.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
    }),
  )) as AxeResult;
  return result.violations.map((v) =>
    [
      `[${v.impact ?? '?'}] ${v.id} : ${v.help} (${v.helpUrl})`,
      ...v.nodes.map(
        (n) =>
          `    ${n.target.join(' ')}\n      ${n.html.slice(0, 200)}\n      ${(n.failureSummary ?? '').replace(/\n/g, '\n      ')}`,
      ),
    ].join('\n'),
  );
}

/** Runs `probe` with the page on a 375 × 812 phone screen, then puts the page back to its size. */
export async function onPhone<T>(page: Page, probe: () => Promise<T>): Promise<T> {
  const size = page.viewportSize();
  await page.setViewportSize({ width: 375, height: 812 });
  try {
    return await probe();
  } finally {
    if (size) await page.setViewportSize(size);
  }
}

/** How much wider than a 375 px phone screen the page is (0 when it fits; call it within onPhone). */
export async function phoneOverflow(page: Page): Promise<number> {
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - 375);
  return Math.max(0, overflow - 1);
}

/** Links within the page (« #champ ») that lead nowhere. */
export async function brokenInPageLinks(page: Page): Promise<string[]> {
  return page.evaluate(() =>
    [...document.querySelectorAll<HTMLAnchorElement>('a[href^="#"]')]
      .filter((a) => !document.getElementById(decodeURIComponent(a.hash.slice(1))))
      .map((a) => `« ${a.textContent?.trim()} » → ${a.getAttribute('href')}`),
  );
}

/** Fails with every axe violation of the page, readably. */
export async function assertNoAxeViolation(page: Page, label = page.url()): Promise<void> {
  const violations = await axeViolations(page);
  assert.equal(violations.length, 0, `${label} :\n${violations.join('\n')}`);
}
