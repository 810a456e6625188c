// Cold start on the embedded database: from `npm start`'s `node src/main.ts` on an empty data folder (migrations and demo
// data included) to the first page served, and a restart on the same folder, after what `npm install` prepares
// (bin/prepare-database.js, run and timed here first). The in-run baseline is the same cold start without the
// prepared copies (as after `npm install --ignore-scripts`: PGlite's initdb, every migration and the demo data
// written at start; decisions 017 and 023). Besides the time to the first page, the CPU time of the
// app's process until then: on a loaded machine the wall time waits for a core, the CPU time much less.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { existsSync, mkdtempSync, renameSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { findDemoCopy } from '../src/demo/copy.ts';
import { findTemplate } from '../src/platform/db/template.ts';
import { printTargets, round, type Target } from './lib/load.ts';
import { cpuSeconds, freePort, root, startFlags } from './lib/processes.ts';
import { recordResult } from './results.ts';

const coldTargetMs = 5000;
const restartTargetMs = 2000;

// The newcomer's environment: no server database, and the address of `npm start`'s default port in the demo's
// links (the app listens on a free port here), as for the copy `npm install` made.
const { DATABASE_URL: _, NODE_ENV: _n, DEMO_DATA: _d, ...inherited } = process.env;
const newcomer = { ...inherited, BASE_URL: 'http://localhost:3000' };

interface Start {
  /** From the spawn to the first page's last byte. */
  ms: number;
  /** CPU time of the app's process until then. */
  cpuMs: number;
}

async function startAndFetch(dataDir: string): Promise<Start> {
  const port = await freePort();
  const started = performance.now();
  const child = spawn(process.execPath, [...startFlags, '--import', './bin/typescript.js', 'src/main.ts'], {
    cwd: root,
    env: { ...newcomer, DATA_DIR: dataDir, PORT: String(port), LOG_LEVEL: 'warn' },
    stdio: 'ignore',
  });
  const exited = new Promise((resolve) => child.once('exit', resolve));
  try {
    for (;;) {
      try {
        const response = await fetch(`http://127.0.0.1:${port}/`);
        await response.arrayBuffer();
        if (response.ok) {
          const ms = performance.now() - started;
          return { ms: Math.round(ms), cpuMs: Math.round(cpuSeconds(child.pid!) * 1000) };
        }
      } catch {
        // not listening yet
      }
      if (child.exitCode !== null) throw new Error(`l’application s’est arrêtée (code ${child.exitCode})`);
      if (performance.now() - started > 90_000) throw new Error('pas de réponse en 90 s');
      await new Promise((r) => setTimeout(r, 25));
    }
  } finally {
    child.kill('SIGTERM');
    await exited;
  }
}

/** A cold start and a restart on a new folder. */
async function coldAndRestart(): Promise<[Start, Start]> {
  const dataDir = mkdtempSync(join(tmpdir(), 'coopdec-cold-'));
  try {
    return [await startAndFetch(dataDir), await startAndFetch(dataDir)];
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}

/** What `npm install` runs after installing: the milliseconds it takes. */
async function prepareAsInstall(): Promise<number> {
  const started = performance.now();
  const child = spawn(process.execPath, ['bin/prepare-database.js'], {
    cwd: root,
    env: newcomer,
    stdio: 'inherit',
  });
  const [code] = (await once(child, 'exit')) as [number | null];
  if (code !== 0) throw new Error(`bin/prepare-database.js s’est arrêté (code ${code})`);
  return Math.round(performance.now() - started);
}

/** A cold start without the prepared copies; they are put back afterwards (the start made new ones). */
async function coldWithoutCopies(): Promise<Start> {
  const copies = [
    (await findTemplate(fileURLToPath(new URL('drizzle', root)))).path,
    (await findDemoCopy(new Date(), newcomer.BASE_URL)).path,
  ];
  for (const path of copies) if (existsSync(path)) renameSync(path, `${path}.bench`);
  try {
    return (await coldAndRestart())[0];
  } finally {
    for (const path of copies) if (existsSync(`${path}.bench`)) renameSync(`${path}.bench`, path);
  }
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
const runs = Number(process.env.RUNS ?? 3);
console.log(
  `cold start: ${runs} runs on an empty embedded database, then a restart (load average: ${loadavg()
    .map((l) => round(l, 2))
    .join(', ')})`,
);
const installMs = await prepareAsInstall();
const cold: Start[] = [];
const restart: Start[] = [];
for (let i = 0; i < runs; i++) {
  const [c, r] = await coldAndRestart();
  cold.push(c);
  restart.push(r);
}
const withoutCopy = await coldWithoutCopies();

const result = {
  runs,
  installPreparationMs: installMs,
  coldStartMs: cold.map((s) => s.ms),
  coldStartMedianMs: median(cold.map((s) => s.ms)),
  coldStartCpuMedianMs: median(cold.map((s) => s.cpuMs)),
  restartMs: restart.map((s) => s.ms),
  restartMedianMs: median(restart.map((s) => s.ms)),
  restartCpuMedianMs: median(restart.map((s) => s.cpuMs)),
  withoutPreparedCopyMs: withoutCopy.ms,
  withoutPreparedCopyCpuMs: withoutCopy.cpuMs,
};
const targets: Target[] = [
  {
    target: `cold start on the embedded database ≤ ${coldTargetMs} ms`,
    value: `median ${result.coldStartMedianMs} ms (CPU ${result.coldStartCpuMedianMs} ms); without the prepared copies ${withoutCopy.ms} ms (CPU ${withoutCopy.cpuMs} ms)`,
    met: result.coldStartMedianMs <= coldTargetMs,
  },
  {
    target: `restart ≤ ${restartTargetMs} ms`,
    value: `median ${result.restartMedianMs} ms (CPU ${result.restartCpuMedianMs} ms)`,
    met: result.restartMedianMs <= restartTargetMs,
  },
];
console.log(
  `cold start (empty embedded database → first page): median ${result.coldStartMedianMs} ms [${result.coldStartMs.join(', ')}], ` +
    `CPU ${result.coldStartCpuMedianMs} ms; restart: median ${result.restartMedianMs} ms [${result.restartMs.join(', ')}], ` +
    `CPU ${result.restartCpuMedianMs} ms; baseline without the prepared copies: ${withoutCopy.ms} ms, CPU ${withoutCopy.cpuMs} ms; ` +
    `npm install's preparation (run first, as npm install does): ${installMs} ms`,
);
printTargets(targets);
recordResult('cold-start', { ...result, targets });
