// The load generator: autocannon, from the bench process, against a server running in another process.
import autocannon, { type Options, type Result } from 'autocannon';

export interface LoadFigures {
  /** Responses received. */
  requests: number;
  seconds: number;
  /** Responses per second over the whole run (requests / seconds: a short run has few 1-second samples). */
  reqPerSec: number;
  p50Ms: number;
  p90Ms: number;
  p99Ms: number;
  maxMs: number;
  /** Responses per HTTP status. */
  statuses: Record<string, number>;
  errors: number;
  timeouts: number;
  /** Bytes per response, on average. */
  bytesPerResponse: number;
}

export async function load(options: Options): Promise<LoadFigures> {
  // The run lasts until its last response. autocannon's own duration is counted in whole sampling intervals
  // (a second): a run of a fixed number of requests that ends at 3.1 s is reported as 4.02 s, which made
  // a four-second rush's throughput up to a third too low.
  const started = performance.now();
  let last = started;
  const run = autocannon({ timeout: 30, ...options });
  run.on('response', () => {
    last = performance.now();
  });
  const result: Result = await run;
  const statuses = Object.fromEntries(Object.entries(result.statusCodeStats).map(([s, v]) => [s, v.count]));
  const requests = Object.values(statuses).reduce((a, b) => a + b, 0);
  const seconds = round((last - started) / 1000, 2);
  return {
    requests,
    seconds,
    reqPerSec: round(requests / seconds),
    p50Ms: result.latency.p50,
    p90Ms: result.latency.p90,
    p99Ms: result.latency.p99,
    maxMs: result.latency.max,
    statuses,
    errors: result.errors,
    timeouts: result.timeouts,
    bytesPerResponse: requests ? Math.round(result.throughput.total / requests) : 0,
  };
}

export const round = (value: number, digits = 1) => Math.round(value * 10 ** digits) / 10 ** digits;

export const describe = (f: LoadFigures) =>
  `${f.reqPerSec} req/s, p50 ${f.p50Ms} ms, p99 ${f.p99Ms} ms (max ${f.maxMs} ms; ${f.requests} responses in ${f.seconds} s, statuses ${JSON.stringify(f.statuses)}${f.errors ? `, ${f.errors} errors` : ''}${f.timeouts ? `, ${f.timeouts} timeouts` : ''})`;

export interface Target {
  target: string;
  value: string;
  met: boolean;
}

export function printTargets(targets: Target[]) {
  for (const t of targets)
    console.log(`  ${t.met ? '✔ met   ' : '✘ missed'}  ${t.target} — measured: ${t.value}`);
}
