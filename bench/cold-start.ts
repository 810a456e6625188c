// Cold start on the embedded database: from `node src/main.ts` on an empty data folder (migrations and demo
// data included) to the first page served, and a restart on the same folder. The in-run baseline is the
// same cold start without the prepared copy of a new database (as after `npm install --ignore-scripts`: PGlite's
// initdb and every migration at start, decision 017). Besides the time to the first page, the CPU time of the
// app's process until then: on a loaded machine the wall time waits for a core, the CPU time much less.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, renameSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { findTemplate } from '../src/platform/db/template.ts';
import { printTargets, round, type Target } from './lib/load.ts';
import { cpuSeconds, freePort, root } from './lib/processes.ts';
import { recordResult } from './results.ts';

const coldTargetMs = 5000;
const restartTargetMs = 2000;

interface Start {
  /** From the spawn to the first page's last byte. */
  ms: number;
  /** CPU time of the app's process until then. */
  cpuMs: number;
}

async function startAndFetch(dataDir: string): Promise<Start> {
  const port = await freePort();
  const started = performance.now();
  const { DATABASE_URL: _, ...env } = process.env;
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    cwd: root,
    env: { ...env, DATA_DIR: dataDir, PORT: String(port), LOG_LEVEL: 'warn' },
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

/** A cold start without the prepared copy; the copy is put back afterwards (the start made a new one). */
async function coldWithoutCopy(): Promise<Start> {
  const { path } = await findTemplate(fileURLToPath(new URL('drizzle', root)));
  const aside = `${path}.bench`;
  if (existsSync(path)) renameSync(path, aside);
  try {
    return (await coldAndRestart())[0];
  } finally {
    if (existsSync(aside)) renameSync(aside, path);
  }
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
const runs = Number(process.env.RUNS ?? 3);
console.log(
  `cold start: ${runs} runs on an empty embedded database, then a restart (load average: ${loadavg()
    .map((l) => round(l, 2))
    .join(', ')})`,
);
// The first run makes the copy if `npm install` did not (installed with --ignore-scripts): not counted.
await coldAndRestart();
const cold: Start[] = [];
const restart: Start[] = [];
for (let i = 0; i < runs; i++) {
  const [c, r] = await coldAndRestart();
  cold.push(c);
  restart.push(r);
}
const withoutCopy = await coldWithoutCopy();

const result = {
  runs,
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
    value: `median ${result.coldStartMedianMs} ms (CPU ${result.coldStartCpuMedianMs} ms); without the prepared copy ${withoutCopy.ms} ms (CPU ${withoutCopy.cpuMs} ms)`,
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
    `CPU ${result.restartCpuMedianMs} ms; baseline without the prepared copy: ${withoutCopy.ms} ms, CPU ${withoutCopy.cpuMs} ms`,
);
printTargets(targets);
recordResult('cold-start', { ...result, targets });
