// Registration rush: 2,000 registration requests at once for an event of 400 seats, through the whole stack
// (HTTP, API token, validation, eligibility, lock, insert, mail job), against a bare Fastify + pg route doing
// only the same SQL (bench/bare-server.ts) for a second event of 400 seats, with the same 2,000 people.
import { bearer, buildEvent, buildLocalGovernment, buildPerson, buildStaff } from '../tests/factories.ts';
import { runAll } from './lib/cleanup.ts';
import { times } from './lib/data.ts';
import { createBenchDatabase, sqlRows } from './lib/database.ts';
import {
  describe,
  type LoadFigures,
  load,
  printTargets,
  round,
  rushTargets,
  type Target,
} from './lib/load.ts';
import { ownCpu, postgresCpu, type Server, startFlags, startServer } from './lib/processes.ts';
import { recordResult } from './results.ts';

const peopleCount = Number(process.env.RUSH_PEOPLE ?? 2000);
const capacity = 400;
// 200 connections, each sending its 10 requests one after the other: 200 requests always in flight, twenty
// times the app's 10 database connections, so that the queue on the event's lock never empties (the
// figures are those of a saturated server), while every latency is that of one registration waiting its
// turn. RUSH_CONNECTIONS=2000 sends all 2,000 in the same instant instead: then most requests wait longer
// than the pool's 5 s connection timeout and fail with a 500, in the app and in the bare route alike, so
// that the run measures that timeout rather than a throughput.
const connections = Number(process.env.RUSH_CONNECTIONS ?? 200);
const poolSize = 10;
const jobsPollMs = 1000;
const maxRssMiB = 300;

type RushFigures = LoadFigures & {
  requestsBuilt: number;
  serverCpuSeconds: number;
  postgresCpuSeconds: number;
  loadGeneratorCpuSeconds: number;
  peakRssMiB: number;
  loggedErrors: { count: number; messages: string[] };
};

async function main() {
  console.log(
    `registration rush: ${peopleCount} requests (one per person), capacity ${capacity}, ` +
      `${connections} connections, database pool ${poolSize}`,
  );
  const database = await createBenchDatabase(poolSize);
  const { db, url } = database;
  try {
    const started = performance.now();
    const staff = await buildStaff(db);
    const auth = await bearer(db, staff);
    const organisations = await times(20, 5, () => buildLocalGovernment(db, { member: true }));
    const people = await times(peopleCount, 10, (i) =>
      buildPerson(db, {
        kind: i % 3 === 0 ? 'elected' : 'officer',
        organisationId: organisations[i % organisations.length]!.id,
      }),
    );
    // Members only: the eligibility rule reads the organisation's membership on every registration.
    const event = (title: string) =>
      buildEvent(db, { title, capacity, audience: 'members', format: 'in_person' }, 45);
    const appEvent = await event('Assemblée générale (app)');
    const bareEvent = await event('Assemblée générale (bare)');
    console.log(
      `  data ready in ${round((performance.now() - started) / 1000)} s (database ${database.name})`,
    );

    /** Every person once: each request autocannon builds takes the next person. */
    async function rush(server: Server, path: string, warmUpPath: string, headers: Record<string, string>) {
      // Two seconds of reads first, so that no server is measured while still compiling its code.
      await load({ url: `${server.baseUrl}${warmUpPath}`, connections: 10, duration: 2, headers });
      let next = 0;
      const serverCpu = server.cpuSeconds();
      const pgCpu = postgresCpu(database.name);
      const benchCpu = ownCpu();
      const figures = await load({
        url: server.baseUrl,
        connections,
        amount: people.length,
        timeout: 60,
        requests: [
          {
            method: 'POST',
            path,
            headers: { 'content-type': 'application/json', ...headers },
            setupRequest: (request) => ({
              ...request,
              body: JSON.stringify({ personId: people[next++ % people.length]!.id }),
            }),
          },
        ],
      });
      return {
        ...figures,
        requestsBuilt: next,
        serverCpuSeconds: round(server.cpuSeconds() - serverCpu, 2),
        postgresCpuSeconds: round(pgCpu(), 2),
        loadGeneratorCpuSeconds: round(benchCpu(), 2),
        peakRssMiB: server.peakRssMiB(),
        loggedErrors: server.loggedErrors(),
      } satisfies RushFigures;
    }

    // 1. The baseline, alone on the machine.
    const bareServer = await startServer('bare server', 'bench/bare-server.ts', {
      DATABASE_URL: url,
      DATABASE_POOL_SIZE: String(poolSize),
      BARE_REGISTERED_BY: staff.id,
    });
    let bare: RushFigures;
    try {
      bare = await rush(bareServer, `/events/${bareEvent.id}/registrations`, `/events/${bareEvent.id}`, {});
    } finally {
      await bareServer.stop();
    }
    // Its job rows are done: the app's job runner must not pick them up during its own run.
    await sqlRows(url, `update jobs set done_at = now() where payload->>'bench' = 'bare'`);

    // 2. The app, alone on the machine.
    const appServer = await startServer('app', 'src/main.ts', {
      DATABASE_URL: url,
      DATABASE_POOL_SIZE: String(poolSize),
      DEMO_DATA: 'false',
      LOG_LEVEL: 'warn',
      JOBS_POLL_MS: String(jobsPollMs),
      // The rush stands for 2,000 people; it sends them with one staff token, which the per-token limit of
      // the API (a protection against one runaway client) would otherwise stop.
      API_RATE_LIMIT_PER_MINUTE: '1000000',
    });
    let app: RushFigures;
    try {
      app = await rush(
        appServer,
        `/api/v1/events/${appEvent.id}/registrations`,
        `/api/v1/events/${appEvent.id}`,
        auth,
      );
    } finally {
      await appServer.stop();
    }

    const counts = await sqlRows<{ event_id: string; confirmed: number; waitlisted: number; total: number }>(
      url,
      `select event_id,
         count(*) filter (where status = 'confirmed')::int as confirmed,
         count(*) filter (where status = 'waitlisted')::int as waitlisted,
         count(*)::int as total
       from registrations group by event_id`,
    );
    const countOf = (eventId: string) => {
      const { confirmed = 0, waitlisted = 0 } = counts.find((c) => c.event_id === eventId) ?? {};
      return { confirmed, waitlisted };
    };
    const [written] = await sqlRows<{ mails: number; mailJobs: number; reminderJobs: number }>(
      url,
      `select (select count(*)::int from mails where dedupe_key like 'registration:%') as "mails",
              (select count(*)::int from jobs where kind = 'mail.send' and payload->>'bench' is null) as "mailJobs",
              (select count(*)::int from jobs where kind = 'event.reminder' and payload->>'bench' is null)
                as "reminderJobs"`,
    );
    const appCounts = countOf(appEvent.id);
    const bareCounts = countOf(bareEvent.id);
    const throughputRatio = round(app.reqPerSec / bare.reqPerSec, 2);
    const p99Ratio = round(app.p99Ms / bare.p99Ms, 2);

    const print = (label: string, f: RushFigures, c: { confirmed: number; waitlisted: number }) => {
      console.log(`  ${label}: ${describe(f)}`);
      console.log(
        `      ${c.confirmed} confirmed, ${c.waitlisted} waitlisted; CPU during the rush: server process ` +
          `${f.serverCpuSeconds} s (${Math.round((100 * f.serverCpuSeconds) / f.seconds)} % of one core, ` +
          `${round((1000 * f.serverCpuSeconds) / f.requests, 1)} ms per request), ` +
          `PostgreSQL ${f.postgresCpuSeconds} s, load generator ${f.loadGeneratorCpuSeconds} s; peak RSS ${f.peakRssMiB} MiB`,
      );
    };
    print('app (whole stack)', app, appCounts);
    console.log(
      `      written by the app: ${written!.mails} mails, ${written!.mailJobs} mail jobs, ${written!.reminderJobs} reminder jobs` +
        (app.loggedErrors.count
          ? `; ${app.loggedErrors.count} errors logged: ${app.loggedErrors.messages.join(' | ')}`
          : ''),
    );
    print('bare (same SQL)  ', bare, bareCounts);
    console.log(`  ratio app/bare: throughput ${throughputRatio}, p99 ${p99Ratio}`);
    // A baseline that answers errors is fast and worthless (the bare route answered 500 to every request
    // from the day the check_in_token column was dropped until issue 12): the ratios count only when it
    // registered everyone.
    const bareCreated = bare.statuses['201'] ?? 0;
    const targets: Target[] = [
      {
        target: `bare route: ${peopleCount} answers 201, ${capacity} confirmed (a valid baseline)`,
        value: `${bareCreated} answers 201, ${bareCounts.confirmed} confirmed, ${bareCounts.waitlisted} waitlisted`,
        met: bareCreated === peopleCount && bareCounts.confirmed === capacity,
      },
      {
        target: `app: ${capacity} confirmed and ${peopleCount - capacity} waitlisted`,
        value: `${appCounts.confirmed} confirmed, ${appCounts.waitlisted} waitlisted`,
        met: appCounts.confirmed === capacity && appCounts.waitlisted === peopleCount - capacity,
      },
      ...rushTargets(app, bare, { maxRssMiB, flags: startFlags }),
    ];
    printTargets(targets);
    recordResult('registration-rush', {
      people: peopleCount,
      capacity,
      connections,
      poolSize,
      app: { ...app, ...appCounts, written },
      bare: { ...bare, ...bareCounts },
      throughputRatio,
      p99Ratio,
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
