import { mkdirSync, writeFileSync } from 'node:fs';

/** Writes a benchmark's figures as JSON under bench/results/, stamped with the date and the machine. */
export function recordResult(name: string, figures: Record<string, unknown>) {
  const dir = new URL('./results/', import.meta.url);
  mkdirSync(dir, { recursive: true });
  const record = { name, at: new Date().toISOString(), node: process.version, ...figures };
  writeFileSync(new URL(`${name}.json`, dir), `${JSON.stringify(record, null, 2)}\n`);
}
