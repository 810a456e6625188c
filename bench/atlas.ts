// The atlas (issue 14): 20,000 partnerships with 40,000 projects on PostgreSQL. The search with text and two
// facets (`GET /api/v1/partnerships`) under 50 connections, against the ceiling measured in the same run: a
// bare Fastify route running the same SQL (search, facets, cards) through a pg pool of the same size
// (bench/bare-server.ts); the world map page (`GET /atlas`, rendered afresh) under 50 connections; both
// again for one person at a time; and the Japon directory (190 partnerships) as a PDF for a member: made
// once, then served again.
import { sql } from 'drizzle-orm';
import {
  partnerPlaces,
  partnershipProjects,
  partnershipSides,
  partnerships,
} from '../src/modules/atlas/atlas.schema.ts';
import { reindex } from '../src/modules/atlas/search.ts';
import { themes } from '../src/modules/atlas/themes.ts';
import { bootModules } from '../src/modules/index.ts';
import { organisations } from '../src/modules/organisations/organisations.schema.ts';
import { bearer, buildLocalGovernment, buildOfficer } from '../tests/factories.ts';
import { runAll } from './lib/cleanup.ts';
import { seeded, timed } from './lib/data.ts';
import { createBenchDatabase } from './lib/database.ts';
import { describe, type LoadFigures, load, printTargets, round, type Target } from './lib/load.ts';
import { postgresCpu, type Server, startServer } from './lib/processes.ts';
import { recordResult } from './results.ts';

const partnershipCount = 20_000;
const japan = 190;
const connections = Number(process.env.ATLAS_CONNECTIONS ?? 50);
const seconds = Number(process.env.ATLAS_SECONDS ?? 10);
const poolSize = 10;
const countries = [
  'SN',
  'MG',
  'MR',
  'CN',
  'LB',
  'AM',
  'MA',
  'TN',
  'AR',
  'HT',
  'VN',
  'US',
  'KR',
  'PS',
  'UA',
  'NE',
  'BF',
  'ML',
  'CO',
  'BR',
  'CA',
  'DE',
  'IT',
  'ES',
  'CM',
  'CI',
  'BJ',
  'TG',
  'GN',
  'IN',
];
const regions = [
  '11',
  '24',
  '27',
  '28',
  '32',
  '44',
  '52',
  '53',
  '75',
  '76',
  '84',
  '93',
  '94',
  '01',
  '02',
  '03',
  '04',
  '06',
];
const words =
  'coopération décentralisée eau potable assainissement jeunesse culture patrimoine santé agriculture alimentation déchets gouvernance formation échanges climat énergie'.split(
    ' ',
  );
const coFunders = ['DCTCIV', 'AFD', 'Union européenne', 'Agences de l’eau', 'Fondations'];

async function insertBatches<T>(rows: T[], insert: (batch: T[]) => Promise<unknown>, size = 1000) {
  for (let i = 0; i < rows.length; i += size) await insert(rows.slice(i, i + size));
}

type Figures = LoadFigures & { serverCpuMsPerRequest: number; postgresCpuMsPerRequest: number };

async function measure(
  server: Server,
  database: string,
  path: string,
  headers: Record<string, string> = {},
  { clients = connections, duration = seconds } = {},
): Promise<Figures> {
  const url = `${server.baseUrl}${path}`;
  await load({ url, connections: clients, duration: 2, headers });
  const cpu = server.cpuSeconds();
  const pgCpu = postgresCpu(database);
  const figures = await load({ url, connections: clients, duration, headers });
  const perRequest = (s: number) => (figures.requests ? round((s * 1000) / figures.requests, 2) : Number.NaN);
  return {
    ...figures,
    serverCpuMsPerRequest: perRequest(server.cpuSeconds() - cpu),
    postgresCpuMsPerRequest: perRequest(pgCpu()),
  };
}

async function main() {
  bootModules();
  console.log(`atlas: ${partnershipCount} partnerships, ${connections} connections for ${seconds} s each`);
  const database = await createBenchDatabase(poolSize);
  const { db, url } = database;
  try {
    const started = performance.now();
    const random = seeded(14);
    // 2,000 French communes across the régions, 3,000 foreign local governments (100 in Japan).
    const french = Array.from({ length: 2000 }, (_, i) => ({
      id: crypto.randomUUID(),
      name: `Commune bench ${i}`,
      kind: 'commune' as const,
      country: 'FR',
      regionCode: regions[i % regions.length]!,
      departementCode: String(1 + (i % 95)).padStart(2, '0'),
    }));
    const foreign = Array.from({ length: 3000 }, (_, i) => ({
      id: crypto.randomUUID(),
      name: `Ville partenaire ${i}`,
      kind: 'foreign_local_government' as const,
      country: i < 100 ? 'JP' : countries[i % countries.length]!,
    }));
    await insertBatches([...french, ...foreign], (b) => db.insert(organisations).values(b));
    await insertBatches(
      foreign.map((o, i) => ({ organisationId: o.id, region: `Province ${i % 300}` })),
      (b) => db.insert(partnerPlaces).values(b),
    );
    const rows: (typeof partnerships.$inferInsert)[] = [];
    const sides: (typeof partnershipSides.$inferInsert)[] = [];
    const projects: (typeof partnershipProjects.$inferInsert)[] = [];
    const text = (n: number) => Array.from({ length: n }, () => random.pick(words)).join(' ');
    for (let i = 0; i < partnershipCount; i++) {
      const id = crypto.randomUUID();
      const partner = i < japan ? foreign[i % 100]! : foreign[100 + random.int(0, 2899)]!;
      rows.push({
        id,
        partnerOrganisationId: partner.id,
        kind: random.pick([
          'twinning',
          'decentralised_cooperation',
          'friendship_pact',
          'memorandum',
          'other',
        ] as const),
        status: random.pick(['active', 'active', 'active', 'dormant', 'ended'] as const),
        since: random.int(1960, 2025),
        themes: [...new Set([random.pick(themes).code, random.pick(themes).code])],
        description: `Partenariat de ${text(30)}.`,
      });
      sides.push({ partnershipId: id, organisationId: random.pick(french).id, position: 0 });
      for (let p = 0; p < 2; p++)
        projects.push({
          partnershipId: id,
          title: `Projet ${text(4)}`,
          startYear: random.int(2010, 2026),
          budgetCents: random.int(5, 500) * 1_000_000,
          coFunders: [random.pick(coFunders)],
          themes: [random.pick(themes).code],
          description: text(40),
          place: partner.name,
        });
    }
    await insertBatches(rows, (b) => db.insert(partnerships).values(b));
    await insertBatches(sides, (b) => db.insert(partnershipSides).values(b));
    await insertBatches(projects, (b) => db.insert(partnershipProjects).values(b));
    const reindexed = await timed(() => reindex(db));
    // As autovacuum leaves a table a minute after a bulk load: the reindex rewrote every row, and the
    // indexes' entries for the old versions made each search read twice the rows.
    await db.execute(sql`vacuum analyze`);
    // A member in good standing with an API token, to fetch the directory's PDF.
    const member = await buildLocalGovernment(db, { member: true });
    const auth = await bearer(db, await buildOfficer(db, member.id));
    console.log(
      `  data ready in ${round((performance.now() - started) / 1000)} s (reindex of ${partnershipCount} partnerships: ${round(reindexed.seconds, 1)} s; database ${database.name})`,
    );

    const query = `q=${encodeURIComponent('coopération')}&country=SN&theme=water`;
    const bareServer = await startServer('bare server', 'bench/bare-server.ts', {
      DATABASE_URL: url,
      DATABASE_POOL_SIZE: String(poolSize),
    });
    let bare: Figures;
    try {
      bare = await measure(bareServer, database.name, `/atlas/search?${query}`);
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
    let map: Figures;
    let oneSearcher: Figures;
    let oneVisitor: Figures;
    let pdf: { first: number; again: number; bytes: number; status: number };
    let total = 0;
    try {
      total = (
        (await (await fetch(`${appServer.baseUrl}/api/v1/partnerships?${query}`)).json()) as { total: number }
      ).total;
      app = await measure(appServer, database.name, `/api/v1/partnerships?${query}`);
      map = await measure(appServer, database.name, '/atlas');
      // What one person waits, the machine otherwise idle.
      const alone = { clients: 1, duration: 3 };
      oneSearcher = await measure(appServer, database.name, `/api/v1/partnerships?${query}`, {}, alone);
      oneVisitor = await measure(appServer, database.name, '/atlas', {}, alone);
      const get = async () => {
        const response = await fetch(`${appServer.baseUrl}/repertoires/JP.pdf`, { headers: auth });
        return { status: response.status, bytes: (await response.arrayBuffer()).byteLength };
      };
      const first = await timed(get);
      const again = await timed(get);
      pdf = {
        first: round(first.seconds, 2),
        again: round(again.seconds, 3),
        bytes: first.value.bytes,
        status: first.value.status,
      };
    } finally {
      await appServer.stop();
    }
    const ratio = round(app.reqPerSec / bare.reqPerSec, 2);
    console.log(`  search « coopération » + country SN + theme water (${total} found):`);
    console.log(
      `      app GET /api/v1/partnerships: ${describe(app)}; CPU per request: app ${app.serverCpuMsPerRequest} ms, PostgreSQL ${app.postgresCpuMsPerRequest} ms`,
    );
    console.log(
      `      ceiling, bare route, same SQL: ${describe(bare)}; CPU per request: bare ${bare.serverCpuMsPerRequest} ms, PostgreSQL ${bare.postgresCpuMsPerRequest} ms`,
    );
    console.log(
      `  world map page, app GET /atlas: ${describe(map)}; CPU per page: app ${map.serverCpuMsPerRequest} ms, PostgreSQL ${map.postgresCpuMsPerRequest} ms`,
    );
    console.log(`  one connection: search ${describe(oneSearcher)}; world map page ${describe(oneVisitor)}`);
    console.log(
      `  Japon directory PDF (${japan} partnerships): HTTP ${pdf.status}, ${round(pdf.bytes / 1024)} KiB, made in ${pdf.first} s, served again in ${pdf.again} s`,
    );
    const targets: Target[] = [
      // Issue 14 asked for 30 ms and 50 ms at 50 connections; at that load a request waits on average
      // 50 / throughput (Little's law), a second at the bare route's 50 searches a second on two cores.
      // The wait under load is judged against the bare route's, the milliseconds against one person's
      // (decision 025).
      {
        target: 'search with text and two facets: p99 ≤ 30 ms for one searcher (PostgreSQL)',
        value: `${oneSearcher.p99Ms} ms`,
        met: oneSearcher.p99Ms <= 30,
      },
      {
        target: 'search p99 at 50 connections ≤ 2 × the bare route’s p99',
        value: `${round(app.p99Ms / bare.p99Ms, 2)} × (${app.p99Ms} vs ${bare.p99Ms} ms)`,
        met: app.p99Ms <= 2 * bare.p99Ms,
      },
      {
        target: 'search throughput ≥ 50 % of the bare route running the same SQL',
        value: `${Math.round(ratio * 100)} % (${app.reqPerSec} vs ${bare.reqPerSec} req/s)`,
        met: ratio >= 0.5,
      },
      {
        target: 'world map page p99 ≤ 50 ms for one visitor',
        value: `${oneVisitor.p99Ms} ms (${map.p99Ms} ms at ${connections} connections)`,
        met: oneVisitor.p99Ms <= 50,
      },
      {
        target: 'the Japon directory PDF in ≤ 5 s',
        value: `${pdf.first} s (HTTP ${pdf.status})`,
        met: pdf.status === 200 && pdf.first <= 5,
      },
    ];
    printTargets(targets);
    recordResult('atlas', {
      partnerships: partnershipCount,
      connections,
      seconds,
      found: total,
      app,
      bare,
      ratio,
      map,
      oneSearcher,
      oneVisitor,
      pdf,
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
