// The Lettre sent to 10,000 confirmed readers (issue 17): the app's sending job delivers one issue to an SMTP
// server on loopback with the rate limit off; the target is 60 s, none twice, none lost. Then another issue,
// with the app killed (SIGKILL) half-way and started again: each reader still gets it, only the mails « in
// doubt » (accepted by the server in the instant before the kill) may come twice, with the same Message-ID.
// The ceiling, measured in the same run: a plain nodemailer loop sending the same 10,000 rendered mails over
// the same pool of connections, without database.
import type { AddressInfo } from 'node:net';
import { sql } from 'drizzle-orm';
import nodemailer from 'nodemailer';
import { SMTPServer } from 'smtp-server';
import { createIssue, setPublished } from '../src/modules/newsletter/issues.ts';
import { issueJson } from '../src/modules/newsletter/newsletter.matrix.ts';
import { startSend } from '../src/modules/newsletter/sending.ts';
import { createPerson } from '../src/modules/organisations/people.ts';
import { parseEnv } from '../src/platform/env.ts';
import { runAll } from './lib/cleanup.ts';
import { expectOk } from './lib/data.ts';
import { createBenchDatabase, sqlRows } from './lib/database.ts';
import { printTargets, round, type Target } from './lib/load.ts';
import { type Server, startServer } from './lib/processes.ts';
import { recordResult } from './results.ts';

const readers = Number(process.env.BENCH_READERS ?? 10_000);
const targetSeconds = 60;
const connections = 4;

/** An SMTP sink on loopback: counts each recipient's messages and Message-IDs, without parsing the bodies. */
async function smtpSink() {
  const byRecipient = new Map<string, string[]>();
  let total = 0;
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, session, callback) {
      let head = '';
      stream.on('data', (chunk: Buffer) => {
        if (head.length < 4000) head += chunk.toString('latin1');
      });
      stream.on('end', () => {
        const messageId = /^Message-ID:\s*(<[^>]+>)/im.exec(head)?.[1] ?? '?';
        for (const { address } of session.envelope.rcptTo) {
          const list = byRecipient.get(address) ?? [];
          list.push(messageId);
          byRecipient.set(address, list);
        }
        total++;
        callback();
      });
    },
  });
  // The app killed half-way (kill -9) resets its connections: the sink goes on for the next run.
  server.on('error', () => {});
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const { port } = server.server.address() as AddressInfo;
  return {
    url: `smtp://127.0.0.1:${port}`,
    total: () => total,
    /** Recipients of `suffix` reached, their messages, and their distinct Message-IDs. */
    figures(suffix: string) {
      let received = 0;
      let messages = 0;
      let distinct = 0;
      for (const [address, ids] of byRecipient) {
        if (!address.endsWith(suffix)) continue;
        received++;
        messages += ids.length;
        distinct += new Set(ids).size;
      }
      return { received, messages, distinct };
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

const sink = await smtpSink();
const database = await createBenchDatabase(4);
const config = parseEnv({ DATABASE_URL: database.url, BASE_URL: 'http://127.0.0.1:3000' });
try {
  const staff = await createPerson(
    database.db,
    { kind: 'staff', firstName: 'Équipe', lastName: 'Bench', email: 'equipe@bench.test' },
    null,
  );
  const staffId = expectOk(staff).id;
  await database.db.execute(sql`insert into newsletter_subscribers (email, status, topics, confirmed_at)
    select 'lecteur' || n || '@lecteurs.bench', 'confirmed', array['lettre'], now()
    from generate_series(1, ${readers}::int) n`);
  const newIssue = async (title: string) => {
    const { issue } = expectOk(await createIssue(database.db, { ...issueJson(), title }, staffId));
    expectOk(await setPublished(database.db, issue.id, true, staffId));
    const sent = expectOk(await startSend(database.db, issue.id, 'tous', staffId, config.baseUrl));
    if (sent.recipients !== readers)
      throw new Error(`${sent.recipients} destinataires au lieu de ${readers}`);
    return issue.id;
  };
  const sentOf = async (issueId: string) =>
    Number(
      (
        await sqlRows<{ n: string }>(
          database.url,
          `select count(*) as n from newsletter_deliveries where issue_id = $1 and status = 'sent'`,
          [issueId],
        )
      )[0]!.n,
    );
  const start = (label: string) =>
    startServer(label, 'src/main.ts', {
      DATABASE_URL: database.url,
      DATABASE_POOL_SIZE: '10',
      DEMO_DATA: 'false',
      LOG_LEVEL: 'warn',
      SMTP_URL: sink.url,
      MAIL_RATE_PER_SECOND: '0',
      JOBS_POLL_MS: '100',
    });
  const until = async (issueId: string, count: number, limitSeconds: number) => {
    const started = performance.now();
    for (;;) {
      if ((await sentOf(issueId)) >= count) return (performance.now() - started) / 1000;
      if (performance.now() - started > limitSeconds * 1000)
        throw new Error(`moins de ${count} envoyés après ${limitSeconds} s`);
      await new Promise((r) => setTimeout(r, 100));
    }
  };

  // 1. The whole sending, timed from the start of the app (its job starts at once).
  const first = await newIssue('Lettre du banc d’essai');
  const before = sink.total();
  const t0 = performance.now();
  let app: Server = await start('app');
  await until(first, readers, 600);
  const seconds = (performance.now() - t0) / 1000;
  const appRss = app.peakRssMiB();
  const appCpu = app.cpuSeconds();
  const errors = app.loggedErrors();
  await app.stop();
  const run1 = sink.figures('@lecteurs.bench');
  console.log(
    `newsletter-send: ${readers} readers in ${round(seconds, 1)} s (${round(readers / seconds)} mails/s), ` +
      `${sink.total() - before} mails received, ${run1.messages - run1.received} twice; app peak RSS ${appRss} MiB, CPU ${round(appCpu, 1)} s; errors logged: ${errors.count}`,
  );

  // 2. Killed half-way, started again.
  const second = await newIssue('Lettre interrompue');
  const received2 = sink.total();
  app = await start('app (killed)');
  await until(second, readers / 2, 600);
  process.kill(app.pid, 'SIGKILL');
  await app.stop();
  const atKill = await sentOf(second);
  const t1 = performance.now();
  app = await start('app (restarted)');
  await until(second, readers, 900);
  const resumeSeconds = (performance.now() - t1) / 1000;
  await app.stop();
  const mails2 = sink.total() - received2;
  // Each reader now holds two Lettres (two Message-IDs): a repeat keeps its Message-ID (messages above
  // distinct), a mail sent anew would bring a third one (distinct above two per reader).
  const all = sink.figures('@lecteurs.bench');
  const repeated = all.messages - all.distinct;
  const otherIds = all.distinct - 2 * readers;
  console.log(
    `  killed at ${atKill} sent; restarted, the rest in ${round(resumeSeconds, 1)} s (lease expiry included); ` +
      `${mails2} mails for ${readers} readers: ${repeated} repeated, ${all.received} readers reached`,
  );

  // 3. The ceiling: the same mails through a plain nodemailer loop, no database.
  const transport = nodemailer.createTransport({ url: sink.url, pool: true, maxConnections: connections });
  const [send] = await sqlRows<{ html: string; text: string; subject: string }>(
    database.url,
    `select html, text, subject from newsletter_sends where issue_id = $1`,
    [first],
  );
  const tb = performance.now();
  const queue = Array.from({ length: readers }, (_, i) => i + 1);
  await Promise.all(
    Array.from({ length: connections }, async () => {
      for (let n = queue.shift(); n !== undefined; n = queue.shift()) {
        await transport.sendMail({
          from: config.MAIL_FROM,
          to: `plain${n}@plain.bench`,
          subject: send!.subject,
          html: send!.html,
          text: send!.text,
        });
      }
    }),
  );
  const bareSeconds = (performance.now() - tb) / 1000;
  transport.close();
  console.log(
    `  plain nodemailer loop: ${readers} mails in ${round(bareSeconds, 1)} s (${round(readers / bareSeconds)} mails/s)`,
  );

  const targets: Target[] = [
    {
      target: `${readers} readers delivered in ≤ ${targetSeconds} s, rate limit off`,
      value: `${round(seconds, 1)} s (plain nodemailer loop: ${round(bareSeconds, 1)} s)`,
      met: seconds <= targetSeconds && run1.received === readers,
    },
    {
      target: 'none twice, none lost (uninterrupted)',
      value: `${run1.received} reached, ${run1.messages - run1.received} twice`,
      met: run1.received === readers && run1.messages === readers,
    },
    {
      target:
        'after kill -9 half-way: each reader reached; only « in doubt » mails repeated, with the same Message-ID',
      value: `${all.received} reached, ${repeated} repeated with their Message-ID, ${otherIds} sent anew`,
      met: all.received === readers && otherIds === 0 && mails2 === readers + repeated,
    },
  ];
  printTargets(targets);
  recordResult('newsletter-send', {
    readers,
    seconds: round(seconds, 2),
    mailsPerSecond: round(readers / seconds),
    peakRssMiB: appRss,
    appCpuSeconds: round(appCpu, 1),
    bareSeconds: round(bareSeconds, 2),
    ratio: round(bareSeconds / seconds, 2),
    killedAt: atKill,
    resumeSeconds: round(resumeSeconds, 1),
    repeatedAfterKill: repeated,
    sentAnewAfterKill: otherIds,
    targets,
  });
} finally {
  await sink.close();
  await runAll();
}
