// Cold start on the embedded database: from `node src/main.ts` on an empty data folder (migrations and
// demo data included) to the first page served, against a warm restart on the same folder.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { recordResult } from './results.ts';

async function startAndFetch(dataDir: string, port: number): Promise<number> {
  const started = performance.now();
  const { DATABASE_URL: _, ...env } = process.env;
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    env: { ...env, DATA_DIR: dataDir, PORT: String(port), LOG_LEVEL: 'warn' },
    stdio: 'ignore',
  });
  const exited = new Promise((resolve) => child.once('exit', resolve));
  try {
    for (;;) {
      try {
        const response = await fetch(`http://127.0.0.1:${port}/`);
        if (response.ok) return performance.now() - started;
      } catch {
        // not listening yet
      }
      if (child.exitCode !== null) throw new Error(`l’application s’est arrêtée (code ${child.exitCode})`);
      if (performance.now() - started > 60_000) throw new Error('pas de réponse en 60 s');
      await new Promise((r) => setTimeout(r, 25));
    }
  } finally {
    child.kill('SIGTERM');
    await exited;
  }
}

const runs = Number(process.env.RUNS ?? 3);
const cold: number[] = [];
const warm: number[] = [];
for (let i = 0; i < runs; i++) {
  const dataDir = mkdtempSync(join(tmpdir(), 'coopdec-cold-'));
  try {
    cold.push(await startAndFetch(dataDir, 3900 + i));
    warm.push(await startAndFetch(dataDir, 3950 + i));
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
const result = {
  runs,
  coldStartMs: cold.map(Math.round),
  coldStartMedianMs: Math.round(median(cold)),
  warmRestartMedianMs: Math.round(median(warm)),
  targetMs: 8000,
};
console.log(
  `cold start (empty embedded database → first page): median ${result.coldStartMedianMs} ms over ${runs} runs ` +
    `[${result.coldStartMs.join(', ')}]; warm restart (baseline, same folder): median ${result.warmRestartMedianMs} ms; target ≤ 8000 ms`,
);
recordResult('cold-start', result);
