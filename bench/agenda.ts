// Agenda page: 1,000 events over the next 12 months; GET /agenda (the HTML page the public sees, rendered
// afresh: no validator sent) under 50 connections for 10 s, against two ceilings measured in the same run by
// the bare server (bench/bare-server.ts): the fair one, GET /agenda running the app's SQL for that page and
// writing comparable HTML with template strings; and the old one, a GET of one `events` row by id. Then the
// revalidation of the page (If-None-Match → 304), and the CPU time per page of each public page.

import { eventFormats, eventKinds } from '../src/modules/events/events.schema.ts';
import { createEvent, type EventInput } from '../src/modules/events/events.ts';
import { bootModules } from '../src/modules/index.ts';
import { createProgram } from '../src/modules/program/programs.ts';
import { buildStaff } from '../tests/factories.ts';
import { runAll } from './lib/cleanup.ts';
import { expectOk, seeded, times } from './lib/data.ts';
import { createBenchDatabase } from './lib/database.ts';
import { describe, type LoadFigures, load, printTargets, round, type Target } from './lib/load.ts';
import { postgresCpu, type Server, startServer } from './lib/processes.ts';
import { recordResult } from './results.ts';

const eventCount = 1000;
const connections = Number(process.env.AGENDA_CONNECTIONS ?? 50);
const seconds = Number(process.env.AGENDA_SECONDS ?? 10);
const poolSize = 10;

const series = [
  'Assises de la coopération décentralisée',
  'Comité pays Sénégal',
  'Comité pays Liban',
  'Groupe thématique eau et assainissement',
  'Groupe thématique climat',
  'Rencontres jeunesse et mobilité',
  'Webinaires de la coopération',
  'Conseil d’administration',
];
const places = ['Paris', 'Lyon', 'Marseille', 'Toulouse', 'Nantes', 'Lille', 'Strasbourg', 'Rennes', 'Dakar'];
const themes = ['Eau', 'Climat', 'Jeunesse', 'Culture', 'Santé', 'Agriculture', 'Gouvernance locale'];
const words =
  'coopération décentralisée collectivités partenaires projet action internationale territoire échanges'.split(
    ' ',
  );

/** The i-th event: kinds, formats, audiences, series and dates spread over the next 12 months. */
function eventAt(i: number, random: ReturnType<typeof seeded>): EventInput {
  const day = new Date();
  day.setUTCHours(0, 0, 0, 0);
  const startsAt = new Date(
    day.getTime() +
      random.int(0, 364) * 86_400_000 +
      random.int(7, 16) * 3_600_000 +
      random.pick([0, 30]) * 60_000,
  );
  const kind = random.pick(eventKinds);
  const format = random.pick(eventFormats);
  const hours = kind === 'field_mission' ? random.int(2, 5) * 24 : random.int(1, 8);
  // Mostly open events; a few restricted ones, which the public does not see.
  const audience =
    random.next() < 0.05 ? 'restricted' : random.pick(['public', 'members', 'local_governments', 'cohort']);
  const description = Array.from({ length: random.int(20, 80) }, () => random.pick(words)).join(' ');
  return {
    title: `${kind === 'webinar' ? 'Webinaire' : 'Rencontre'} ${random.pick(themes).toLowerCase()} n° ${i + 1}`,
    theme: random.pick(themes),
    kind,
    format,
    audience,
    startsAt: startsAt.toISOString(),
    endsAt: new Date(startsAt.getTime() + hours * 3_600_000).toISOString(),
    capacity: random.next() < 0.5 ? undefined : random.int(2, 50) * 10,
    venue: format === 'online' ? undefined : `${random.pick(places)}, salle ${random.int(1, 12)}`,
    onlineUrl: format === 'in_person' ? undefined : `https://visio.example.org/${i}`,
    description,
    series: random.next() < 0.3 ? random.pick(series) : undefined,
    provisional: random.next() < 0.1,
  };
}

/** The page once: its size and how many events it shows (links to distinct events). */
async function pageFacts(server: Server, path: string) {
  const response = await fetch(`${server.baseUrl}${path}`);
  const html = await response.text();
  if (!response.ok) throw new Error(`${path} : HTTP ${response.status}`);
  const links = new Set(html.match(/href="\/agenda\/[0-9a-f-]{36}"/g) ?? []);
  return { status: response.status, bytes: Buffer.byteLength(html), events: links.size };
}

type Figures = LoadFigures & { serverCpuMsPerRequest: number; postgresCpuMsPerRequest: number };

async function measure(
  server: Server,
  database: string,
  path: string,
  duration = seconds,
  options: { connections?: number; headers?: Record<string, string> } = {},
): Promise<Figures> {
  const url = `${server.baseUrl}${path}`;
  const request = { url, connections: options.connections ?? connections, headers: options.headers ?? {} };
  // Two seconds first, so that the server is not measured while still compiling its code.
  await load({ ...request, duration: 2 });
  const cpu = server.cpuSeconds();
  const pgCpu = postgresCpu(database);
  const figures = await load({ ...request, duration });
  // CPU time per response, of the server process and of PostgreSQL: less sensitive than req/s to other
  // work on the machine.
  // No answer within the run (a page slower than the run): no figure, rather than Infinity.
  const perRequest = (seconds: number) =>
    figures.requests ? round((seconds * 1000) / figures.requests, 2) : Number.NaN;
  const serverCpuMsPerRequest = perRequest(server.cpuSeconds() - cpu);
  const postgresCpuMsPerRequest = perRequest(pgCpu());
  return { ...figures, serverCpuMsPerRequest, postgresCpuMsPerRequest };
}

async function main() {
  bootModules();
  console.log(`agenda page: ${eventCount} events, ${connections} connections for ${seconds} s each`);
  const database = await createBenchDatabase(poolSize);
  const { db, url } = database;
  try {
    const started = performance.now();
    const staff = await buildStaff(db);
    const random = seeded(2026);
    const inputs = Array.from({ length: eventCount }, (_, i) => eventAt(i, random));
    const events = await times(eventCount, 10, async (i) =>
      expectOk(await createEvent(db, inputs[i], staff.id)),
    );
    const program = expectOk(
      await createProgram(db, { title: 'Diplomates des territoires 2027', minSessions: 3 }, staff.id),
    );
    // A public event (the page an anonymous visitor sees whole).
    const publicEvent = events.find((e) => e.audience === 'public')!;
    console.log(
      `  data ready in ${round((performance.now() - started) / 1000)} s (database ${database.name})`,
    );

    const bareServer = await startServer('bare server', 'bench/bare-server.ts', {
      DATABASE_URL: url,
      DATABASE_POOL_SIZE: String(poolSize),
    });
    let bare: Figures;
    let fair: Figures;
    let fairPage: Awaited<ReturnType<typeof pageFacts>>;
    try {
      fairPage = await pageFacts(bareServer, '/agenda');
      fair = await measure(bareServer, database.name, '/agenda');
      bare = await measure(bareServer, database.name, `/events/${events[0]!.id}`);
    } finally {
      await bareServer.stop();
    }

    const appServer = await startServer('app', 'src/main.ts', {
      DATABASE_URL: url,
      DATABASE_POOL_SIZE: String(poolSize),
      DEMO_DATA: 'false',
      LOG_LEVEL: 'warn',
      JOBS_POLL_MS: '1000',
    });
    let app: Figures;
    let month: Figures;
    const nextMonth = new Date();
    nextMonth.setUTCDate(15);
    nextMonth.setUTCMonth(nextMonth.getUTCMonth() + 1);
    const monthPath = `/agenda?vue=mois&mois=${nextMonth.toISOString().slice(0, 7)}`;
    let listPage: Awaited<ReturnType<typeof pageFacts>>;
    let monthPage: Awaited<ReturnType<typeof pageFacts>>;
    let revalidation: Figures;
    const pages: Record<
      string,
      {
        path: string;
        serverCpuMsPerRequest: number;
        postgresCpuMsPerRequest: number;
        reqPerSec: number;
        p99Ms: number;
        statuses: Record<string, number>;
      }
    > = {};
    const publicPages = {
      agendaList: '/agenda',
      agendaMonth: monthPath,
      event: `/agenda/${publicEvent.id}`,
      eventCalendar: `/agenda/${publicEvent.id}.ics`,
      agendaCalendar: '/agenda.ics',
      programmes: '/parcours',
      programme: `/parcours/${program.id}`,
      home: '/',
    };
    try {
      listPage = await pageFacts(appServer, '/agenda');
      monthPage = await pageFacts(appServer, monthPath);
      app = await measure(appServer, database.name, '/agenda');
      // Variation: the month view, which shows every event of a month (how the time grows with the events).
      month = await measure(appServer, database.name, monthPath, Math.max(3, Math.round(seconds / 2)));
      // A repeat visit: the browser (or a shared cache) asks whether its copy is still good.
      const etag = (await fetch(`${appServer.baseUrl}/agenda`)).headers.get('etag');
      revalidation = await measure(
        appServer,
        database.name,
        '/agenda',
        Math.max(3, Math.round(seconds / 2)),
        {
          headers: etag ? { 'if-none-match': etag } : {},
        },
      );
      // CPU per page of each public page, rendered afresh, one request at a time: no queue, and nothing left
      // running on the server when the next page is measured (the whole agenda's feed is long to write).
      for (const [name, path] of Object.entries(publicPages)) {
        const f = await measure(appServer, database.name, path, 3, { connections: 1 });
        pages[name] = {
          path,
          serverCpuMsPerRequest: f.serverCpuMsPerRequest,
          postgresCpuMsPerRequest: f.postgresCpuMsPerRequest,
          reqPerSec: f.reqPerSec,
          p99Ms: f.p99Ms,
          statuses: f.statuses,
        };
      }
    } finally {
      await appServer.stop();
    }

    const throughputRatio = round(app.reqPerSec / bare.reqPerSec, 2);
    const fairRatio = round(app.reqPerSec / fair.reqPerSec, 2);
    console.log(`  app GET /agenda: ${describe(app)}`);
    console.log(
      `      the page shows ${listPage.events} events in ${round(listPage.bytes / 1024)} KiB of HTML; ` +
        `CPU per page: app process ${app.serverCpuMsPerRequest} ms, PostgreSQL ${app.postgresCpuMsPerRequest} ms`,
    );
    console.log(`  fair ceiling, bare GET /agenda (same SQL, template strings): ${describe(fair)}`);
    console.log(
      `      the page shows ${fairPage.events} events in ${round(fairPage.bytes / 1024)} KiB of HTML; ` +
        `CPU per page: bare process ${fair.serverCpuMsPerRequest} ms, PostgreSQL ${fair.postgresCpuMsPerRequest} ms`,
    );
    console.log(`  ratio app/fair ceiling: throughput ${fairRatio}, p99 ${round(app.p99Ms / fair.p99Ms, 2)}`);
    console.log(`  old ceiling, bare GET /events/:id (one row): ${describe(bare)}`);
    console.log(
      `      CPU per request: bare process ${bare.serverCpuMsPerRequest} ms, PostgreSQL ${bare.postgresCpuMsPerRequest} ms`,
    );
    console.log(
      `  ratio app/one row: throughput ${throughputRatio}, p99 ${round(app.p99Ms / bare.p99Ms, 2)}`,
    );
    console.log(
      `  variation, app GET ${monthPath} (${monthPage.events} events, ${round(monthPage.bytes / 1024)} KiB): ` +
        `${describe(month)}; CPU per page: app process ${month.serverCpuMsPerRequest} ms, PostgreSQL ${month.postgresCpuMsPerRequest} ms`,
    );
    console.log(
      `  revalidation, GET /agenda with If-None-Match: ${describe(revalidation)}; CPU per request: app process ${revalidation.serverCpuMsPerRequest} ms, PostgreSQL ${revalidation.postgresCpuMsPerRequest} ms`,
    );
    console.log('  CPU per public page (1 connection, 3 s each, fresh render):');
    for (const [name, p] of Object.entries(pages))
      console.log(
        `      ${name.padEnd(15)} ${p.path.padEnd(60)} app ${p.serverCpuMsPerRequest} ms, PostgreSQL ${p.postgresCpuMsPerRequest} ms (${p.reqPerSec} req/s, p99 ${p.p99Ms} ms, ${JSON.stringify(p.statuses)})`,
      );
    const revalidated = revalidation.statuses['304'] ?? 0;
    const targets: Target[] = [
      {
        target: 'agenda throughput ≥ 75 % of the fair ceiling (bare Fastify + pg, same SQL and HTML)',
        value: `${Math.round(fairRatio * 100)} % (${app.reqPerSec} vs ${fair.reqPerSec} req/s)`,
        met: fairRatio >= 0.75,
      },
      // At 50 connections a page waits on average 50 / throughput (Little's law): 100 ms at the fair ceiling's
      // 500 req/s on two cores, so the issue's « p99 ≤ 50 ms » at that load is out of any server's reach here.
      // The wait under load is judged against the ceiling's, as the rush's is; 50 ms is what one visitor
      // gets (decision 025).
      {
        target: 'agenda p99 at 50 connections ≤ 2 × the fair ceiling’s p99',
        value: `${round(app.p99Ms / fair.p99Ms, 2)} × (${app.p99Ms} vs ${fair.p99Ms} ms; mean wait by Little’s law ≥ ${round((connections / fair.reqPerSec) * 1000)} ms at the ceiling)`,
        met: app.p99Ms <= 2 * fair.p99Ms,
      },
      {
        target: 'agenda p99 ≤ 50 ms for a visitor (one connection)',
        value: `${pages.agendaList!.p99Ms} ms`,
        met: pages.agendaList!.p99Ms <= 50,
      },
      {
        target: 'a repeat visit is answered 304 Not Modified',
        value: `${revalidated} of ${revalidation.requests} at ${revalidation.reqPerSec} req/s`,
        met: revalidated > 0 && revalidated === revalidation.requests,
      },
    ];
    printTargets(targets);
    recordResult('agenda', {
      events: eventCount,
      connections,
      seconds,
      app: { ...app, path: '/agenda', eventsOnPage: listPage.events, pageBytes: listPage.bytes },
      fair: { ...fair, path: '/agenda', eventsOnPage: fairPage.events, pageBytes: fairPage.bytes },
      fairRatio,
      fairP99Ratio: round(app.p99Ms / fair.p99Ms, 2),
      bare: { ...bare, path: '/events/:id' },
      throughputRatio,
      p99Ratio: round(app.p99Ms / bare.p99Ms, 2),
      variationMonthView: {
        ...month,
        path: monthPath,
        eventsOnPage: monthPage.events,
        pageBytes: monthPage.bytes,
      },
      revalidation: { ...revalidation, path: '/agenda', revalidated },
      pages,
      targets,
    });
  } finally {
    await database.drop();
  }
}

try {
  await main();
} catch (error) {
  await runAll();
  console.error(error);
  process.exitCode = 1;
}
