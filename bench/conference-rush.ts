// The Rencontres' workshop rush (issue 18): 400 registered people, each with their own API token, choose
// at the same instant among 12 workshops of 40 seats — 3 time slots of 4 parallel workshops, one workshop a
// slot, some far more wanted than others — through the whole stack (HTTP, token, validation, the
// registration's and the edition's checks, the person's lock and the workshop's, the count, the choice, its
// audit row). Forty of them also ask for a second workshop of the first slot at the same instant (two tabs):
// it must be refused as overlapping. Against a bare Fastify + pg route doing only the same SQL
// (bench/bare-server.ts) for a second edition with the same grid, the same people and the same choices.

import { addRoom, createConference, saveSession } from '../src/modules/conferences/conferences.ts';
import { registerToConference } from '../src/modules/conferences/registrations.ts';
import { notificationSettings } from '../src/modules/events/notifications.ts';
import { bootModules } from '../src/modules/index.ts';
import { parseEnv } from '../src/platform/env.ts';
import { parisDate, parisTime } from '../src/platform/time.ts';
import { bearer, buildLocalGovernment, buildPerson, buildStaff } from '../tests/factories.ts';
import { runAll } from './lib/cleanup.ts';
import { expectOk, seeded, times } from './lib/data.ts';
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

const peopleCount = 400;
const seats = 40;
const slots = ['09:30', '11:30', '14:30'];
const parallel = 4;
/** How people spread over a slot's four workshops: three full, one not (about 220, 100, 52 and 28 of 400). */
const popularity = [0.55, 0.25, 0.13, 0.07];
/** Every tenth person also asks for another workshop of the first slot, at the same instant. */
const doubles = (person: number) => person % 10 === 0;
// One connection per person: the first 400 choices leave at the same instant, and each connection sends the
// next choice of the list as soon as its answer is back, so that 400 requests are in flight until the last
// ones, forty times the app's 10 database connections; one person's choices of two slots may then be in flight
// together (the person's lock orders them). The app's pool waits 5 s at most for a connection: a rush that
// queued longer would answer 500s (see registration-rush), which the targets below would show.
const connections = Number(process.env.CONFERENCE_RUSH_CONNECTIONS ?? peopleCount);
const poolSize = 10;
const maxRssMiB = 300;

type RushFigures = LoadFigures & {
  requestsBuilt: number;
  serverCpuSeconds: number;
  postgresCpuSeconds: number;
  loadGeneratorCpuSeconds: number;
  peakRssMiB: number;
  loggedErrors: { count: number; messages: string[] };
};

/** What the rows say after a rush, for one edition. */
interface Outcome {
  confirmed: number;
  waitlisted: number;
  /** Confirmed choices beyond a workshop's seats, summed over the workshops. */
  oversold: number;
  /** Seats left empty in a workshop that has people waiting, summed. */
  emptyWhileWaiting: number;
  /** Pairs of live choices of one person whose times overlap. */
  overlaps: number;
  /** People with exactly one live choice in each slot. */
  complete: number;
  workshops: { title: string; seats: number; confirmed: number; waitlisted: number }[];
}

async function main() {
  bootModules();
  const requestCount = peopleCount * slots.length + peopleCount / 10;
  console.log(
    `conference rush: ${peopleCount} people, ${slots.length * parallel} workshops of ${seats} seats ` +
      `(${slots.length} slots × ${parallel}), ${requestCount} choices, ${connections} connections, database pool ${poolSize}`,
  );
  const database = await createBenchDatabase(poolSize);
  const { db, url } = database;
  try {
    const started = performance.now();
    const config = parseEnv({ DATABASE_URL: url, BASE_URL: 'http://127.0.0.1:3000' });
    const staff = await buildStaff(db);
    const organisations = await times(20, 5, () => buildLocalGovernment(db, { member: true }));
    const people = await times(peopleCount, 10, (i) =>
      buildPerson(db, {
        kind: i % 3 === 0 ? 'elected' : 'officer',
        organisationId: organisations[i % organisations.length]!.id,
      }),
    );
    // Each person chooses for themselves, with their own token (a person acts for themselves).
    const tokens = await times(peopleCount, 10, (i) => bearer(db, people[i]!));
    const day = parisDate(new Date(Date.now() + 30 * 86_400_000));
    const nextDay = parisDate(new Date(Date.now() + 31 * 86_400_000));

    /** An edition of two days with its 12 workshops on the first, and everyone registered (member, free). */
    async function edition(title: string) {
      const conference = expectOk(
        await createConference(
          db,
          { title, startsOn: day, endsOn: nextDay, venue: 'Paris', registrationOpensAt: '2020-01-01' },
          staff.id,
        ),
      );
      const rooms = [];
      for (let r = 0; r < parallel; r++)
        rooms.push(
          expectOk(await addRoom(db, conference.id, { name: `Salle ${r + 1}`, capacity: seats }, staff.id)),
        );
      const sessions: string[][] = [];
      for (const [s, time] of slots.entries()) {
        const startsAt = parisTime(day, time);
        const endsAt = new Date(startsAt.getTime() + 90 * 60_000);
        sessions.push(
          await Promise.all(
            rooms.map(async (room, r) => {
              const saved = await db.transaction((tx) =>
                saveSession(
                  tx,
                  conference.id,
                  {
                    kind: 'workshop',
                    title: `Atelier ${s + 1}.${r + 1}`,
                    roomId: room.id,
                    startsAt: startsAt.toISOString(),
                    endsAt: endsAt.toISOString(),
                  },
                  staff.id,
                ),
              );
              return expectOk(saved).id;
            }),
          ),
        );
      }
      const settings = notificationSettings(config);
      const registrations = await times(peopleCount, 5, async (i) => {
        const registered = await registerToConference(
          db,
          conference.id,
          { personId: people[i]!.id, category: 'member_local_government' },
          { settings, actorId: staff.id, staff: true, actFor: () => true },
        );
        return expectOk(registered).registrationId;
      });
      return { id: conference.id, eventId: conference.eventId, sessions, registrations };
    }
    const [appEdition, bareEdition] = await Promise.all([
      edition('Rencontres (app)'),
      edition('Rencontres (bare)'),
    ]);
    // The registrations' mails and reminders are the setup's: the app's job runner must not send them
    // during the rush.
    await sqlRows(url, 'update jobs set done_at = now() where done_at is null');

    // The same choices for both editions, drawn once: person, slot, workshop (its place in the slot). By slot,
    // everyone's first choice then everyone's second; a second workshop of the first slot right after the first.
    const random = seeded(18);
    const draw = (slot: number) => {
      let r = random.next();
      for (const [rank, share] of popularity.entries()) {
        r -= share;
        if (r < 0) return (rank + slot) % parallel;
      }
      return (popularity.length - 1 + slot) % parallel;
    };
    const plan: { person: number; slot: number; workshop: number }[] = [];
    for (let slot = 0; slot < slots.length; slot++)
      for (let person = 0; person < peopleCount; person++) {
        const workshop = draw(slot);
        plan.push({ person, slot, workshop });
        if (slot === 0 && doubles(person))
          plan.push({ person, slot, workshop: (workshop + random.int(1, parallel - 1)) % parallel });
      }
    const secondChoices = plan.length - peopleCount * slots.length;
    console.log(
      `  data ready in ${round((performance.now() - started) / 1000)} s (database ${database.name})`,
    );

    /** Every choice of the plan once, for one edition: each request autocannon builds takes the next one. */
    async function rush(
      server: Server,
      path: (registrationId: string) => string,
      warmUpPath: string,
      edition: typeof appEdition,
      withToken: boolean,
    ) {
      // Two seconds of reads first, so that no server is measured while still compiling its code.
      await load({ url: `${server.baseUrl}${warmUpPath}`, connections: 10, duration: 2 });
      let next = 0;
      const serverCpu = server.cpuSeconds();
      const pgCpu = postgresCpu(database.name);
      const benchCpu = ownCpu();
      const figures = await load({
        url: server.baseUrl,
        connections,
        amount: plan.length,
        timeout: 60,
        requests: [
          {
            method: 'POST',
            setupRequest: (request) => {
              const { person, slot, workshop } = plan[next++ % plan.length]!;
              return {
                ...request,
                path: path(edition.registrations[person]!),
                headers: {
                  'content-type': 'application/json',
                  ...(withToken ? tokens[person]! : {}),
                },
                body: JSON.stringify({ sessionId: edition.sessions[slot]![workshop] }),
              };
            },
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
    });
    let bare: RushFigures;
    try {
      bare = await rush(
        bareServer,
        (id) => `/conference-registrations/${id}/choices`,
        `/events/${bareEdition.eventId}`,
        bareEdition,
        false,
      );
    } finally {
      await bareServer.stop();
    }

    // 2. The app, alone on the machine.
    const appServer = await startServer('app', 'src/main.ts', {
      DATABASE_URL: url,
      DATABASE_POOL_SIZE: String(poolSize),
      DEMO_DATA: 'false',
      LOG_LEVEL: 'warn',
      // The warm-up reads the edition from one address for two seconds, more than the API's limit a minute
      // for one client; the rush's 400 tokens send at most four requests each.
      API_RATE_LIMIT_PER_MINUTE: '1000000',
    });
    let app: RushFigures;
    try {
      app = await rush(
        appServer,
        (id) => `/api/v1/conference-registrations/${id}/choices`,
        `/api/v1/conferences/${appEdition.id}`,
        appEdition,
        true,
      );
    } finally {
      await appServer.stop();
    }

    /** The rows after the rush: each workshop's confirmed and waiting choices, overlaps, complete programmes. */
    async function outcome(conferenceId: string): Promise<Outcome> {
      const workshops = await sqlRows<Outcome['workshops'][number]>(
        url,
        `select s.title, coalesce(s.capacity, r.capacity) as seats,
           count(c.id) filter (where c.status = 'confirmed')::int as confirmed,
           count(c.id) filter (where c.status = 'waitlisted')::int as waitlisted
         from conference_sessions s
         left join conference_rooms r on r.id = s.room_id
         left join conference_choices c on c.session_id = s.id
         where s.conference_id = $1 and s.kind = 'workshop'
         group by s.id, r.capacity order by s.starts_at, s.title`,
        [conferenceId],
      );
      const [people] = await sqlRows<{ overlaps: number; complete: number }>(
        url,
        `with live as (
           select c.id, c.registration_id, s.starts_at, s.ends_at from conference_choices c
           join conference_sessions s on s.id = c.session_id
           where s.conference_id = $1 and c.status <> 'cancelled' and s.cancelled_at is null)
         select
           (select count(*)::int from live a join live b on b.registration_id = a.registration_id
             and a.id < b.id and a.starts_at < b.ends_at and b.starts_at < a.ends_at) as overlaps,
           (select count(*)::int from (select registration_id from live group by registration_id
             having count(*) = $2 and count(distinct starts_at) = $2) p) as complete`,
        [conferenceId, slots.length],
      );
      return {
        confirmed: workshops.reduce((n, w) => n + w.confirmed, 0),
        waitlisted: workshops.reduce((n, w) => n + w.waitlisted, 0),
        oversold: workshops.reduce((n, w) => n + Math.max(0, w.confirmed - w.seats), 0),
        emptyWhileWaiting: workshops.reduce(
          (n, w) => n + (w.waitlisted > 0 ? Math.max(0, w.seats - w.confirmed) : 0),
          0,
        ),
        overlaps: people!.overlaps,
        complete: people!.complete,
        workshops,
      };
    }
    const appRows = await outcome(appEdition.id);
    const bareRows = await outcome(bareEdition.id);
    const throughputRatio = round(app.reqPerSec / bare.reqPerSec, 2);
    const p99Ratio = round(app.p99Ms / bare.p99Ms, 2);

    const print = (label: string, f: RushFigures, o: Outcome) => {
      console.log(`  ${label}: ${describe(f)}`);
      console.log(
        `      ${o.confirmed} confirmed, ${o.waitlisted} waitlisted, ${o.oversold} seats oversold, ` +
          `${o.overlaps} overlapping pairs, ${o.complete} of ${peopleCount} with one workshop a slot; ` +
          `CPU during the rush: server process ${f.serverCpuSeconds} s (${Math.round((100 * f.serverCpuSeconds) / f.seconds)} % of one core, ` +
          `${round((1000 * f.serverCpuSeconds) / f.requests, 1)} ms per request), ` +
          `PostgreSQL ${f.postgresCpuSeconds} s, load generator ${f.loadGeneratorCpuSeconds} s; peak RSS ${f.peakRssMiB} MiB`,
      );
      console.log(
        `      per workshop (confirmed+waitlisted): ${o.workshops.map((w) => `${w.title} ${w.confirmed}+${w.waitlisted}`).join(', ')}`,
      );
      if (f.loggedErrors.count)
        console.log(`      ${f.loggedErrors.count} errors logged: ${f.loggedErrors.messages.join(' | ')}`);
    };
    print('app (whole stack)', app, appRows);
    print('bare (same SQL)  ', bare, bareRows);
    console.log(`  ratio app/bare: throughput ${throughputRatio}, p99 ${p99Ratio}`);

    const choices = peopleCount * slots.length;
    const answers = (f: RushFigures) =>
      `${f.statuses['201'] ?? 0} answers 201, ${f.statuses['409'] ?? 0} answers 409` +
      (f.requests !== plan.length ? ` (${f.requests} responses of ${plan.length})` : '');
    const allAnswered = (f: RushFigures) =>
      f.statuses['201'] === choices && f.statuses['409'] === secondChoices && f.requests === plan.length;
    const sound = (o: Outcome) => o.oversold === 0 && o.overlaps === 0 && o.emptyWhileWaiting === 0;
    const targets: Target[] = [
      {
        // A baseline that answers errors is fast and worthless: the ratios count only when it did the work.
        target: `bare route: ${choices} answers 201 and ${secondChoices} answers 409 (second workshop of a slot), no seat oversold, no overlap (a valid baseline)`,
        value: `${answers(bare)}; ${bareRows.oversold} oversold, ${bareRows.overlaps} overlaps`,
        met: allAnswered(bare) && sound(bareRows),
      },
      {
        target: `app: ${choices} choices taken (201) and the ${secondChoices} second choices of a slot refused (409)`,
        value: `${answers(app)}, ${appRows.complete} of ${peopleCount} people with one workshop a slot`,
        met: allAnswered(app) && appRows.complete === peopleCount,
      },
      {
        target: `app: zero oversell — no workshop with more confirmed choices than its ${seats} seats`,
        value: `${appRows.oversold} seats oversold; most confirmed in a workshop: ${Math.max(...appRows.workshops.map((w) => w.confirmed))}`,
        met: appRows.oversold === 0 && appRows.workshops.length === slots.length * parallel,
      },
      {
        target: 'app: nobody has two live choices at the same time',
        value: `${appRows.overlaps} overlapping pairs`,
        met: appRows.overlaps === 0,
      },
      {
        target: 'app: no seat left empty in a workshop where people wait',
        value: `${appRows.emptyWhileWaiting} seats; ${appRows.confirmed} confirmed, ${appRows.waitlisted} waitlisted`,
        met: appRows.emptyWhileWaiting === 0,
      },
      ...rushTargets(app, bare, { maxRssMiB, flags: startFlags }),
    ];
    printTargets(targets);
    const { workshops: appWorkshops, ...appCounts } = appRows;
    const { workshops: bareWorkshops, ...bareCounts } = bareRows;
    recordResult('conference-rush', {
      people: peopleCount,
      workshops: slots.length * parallel,
      seats,
      requests: plan.length,
      secondChoices,
      connections,
      poolSize,
      app: { ...app, ...appCounts, workshops: appWorkshops },
      bare: { ...bare, ...bareCounts, workshops: bareWorkshops },
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
