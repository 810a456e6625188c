import { mkdirSync, writeFileSync } from 'node:fs';
import { availableParallelism, loadavg } from 'node:os';

/**
 * Writes a benchmark's figures as JSON under bench/results/, stamped with the date and the machine (its
 * cores, and its load average at the end: other work on the machine skews the figures).
 */
export function recordResult(name: string, figures: Record<string, unknown>) {
  const dir = new URL('./results/', import.meta.url);
  mkdirSync(dir, { recursive: true });
  const record = {
    name,
    at: new Date().toISOString(),
    node: process.version,
    cores: availableParallelism(),
    loadAverage: loadavg().map((l) => Math.round(l * 100) / 100),
    ...figures,
  };
  writeFileSync(new URL(`${name}.json`, dir), `${JSON.stringify(record, null, 2)}\n`);
}
