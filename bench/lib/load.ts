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

/**
 * The speed and memory targets of a rush against its bare route (the registrations' and the workshops'):
 * throughput ≥ 70 % of the bare route's, p99 ≤ 2 × its own, peak RSS within the limit of `npm start`'s flags.
 */
export function rushTargets(
  app: { reqPerSec: number; p99Ms: number; peakRssMiB: number },
  bare: { reqPerSec: number; p99Ms: number },
  limits: { maxRssMiB: number; flags: readonly string[] },
): Target[] {
  const throughputRatio = round(app.reqPerSec / bare.reqPerSec, 2);
  const p99Ratio = round(app.p99Ms / bare.p99Ms, 2);
  return [
    {
      target: 'app throughput ≥ 70 % of the bare route',
      value: `${Math.round(throughputRatio * 100)} % (${app.reqPerSec} vs ${bare.reqPerSec} req/s)`,
      met: throughputRatio >= 0.7,
    },
    {
      target: 'app p99 ≤ 2 × the bare route’s p99',
      value: `${p99Ratio} × (${app.p99Ms} vs ${bare.p99Ms} ms)`,
      met: p99Ratio <= 2,
    },
    {
      target: `app peak RSS ≤ ${limits.maxRssMiB} MiB (node ${limits.flags.join(' ')}, as npm start)`,
      value: `${app.peakRssMiB} MiB`,
      met: app.peakRssMiB <= limits.maxRssMiB,
    },
  ];
}
