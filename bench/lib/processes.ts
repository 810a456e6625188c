// The servers under test run as separate processes: the load generator (this process) never shares their
// CPU time slices or event loop. Linux only (/proc) for memory and CPU figures.
import { type ChildProcess, spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { onCleanup } from './cleanup.ts';

export const root = new URL('../../', import.meta.url);

/**
 * The V8 heap flags of `npm start` (docs/decisions/015: without them V8 lets a rush's garbage grow the heap
 * to about 400 MiB; with them a start spends less time collecting), given to every server a bench starts, so
 * that it measures what is served and the ceilings run as the app does.
 */
export const startFlags =
  (
    JSON.parse(readFileSync(new URL('package.json', root), 'utf8')) as {
      scripts: { start: string };
    }
  ).scripts.start.match(/--max-[\w-]+=\d+/g) ?? [];

/** A free TCP port on 127.0.0.1. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

export interface Server {
  pid: number;
  baseUrl: string;
  /** Peak resident memory of the process so far (VmHWM), in MiB. */
  peakRssMiB(): number;
  /** CPU seconds (user + system) the process has used so far. */
  cpuSeconds(): number;
  /** Error lines of its log (pino, level ≥ 50) so far: how many, and the first distinct messages. */
  loggedErrors(): { count: number; messages: string[] };
  /** SIGTERM, then waits for the exit (SIGKILL after 15 s). */
  stop(): Promise<void>;
}

/** Starts `node <startFlags> --import ./bin/typescript.js <script>` with `env`, and waits until `readyPath` answers 200 (60 s at most). */
export async function startServer(
  label: string,
  script: string,
  env: Record<string, string>,
  readyPath = '/healthz',
): Promise<Server> {
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const { DATABASE_URL: _a, DATA_DIR: _b, BASE_URL: _c, ...inherited } = process.env;
  // A profile of the servers, say: BENCH_SERVER_NODE_ARGS="--cpu-prof --cpu-prof-dir=/tmp/prof".
  const nodeArgs = process.env.BENCH_SERVER_NODE_ARGS?.split(' ').filter(Boolean) ?? [];
  const child = spawn(
    process.execPath,
    [...startFlags, ...nodeArgs, '--import', './bin/typescript.js', script],
    {
      cwd: root,
      env: {
        ...inherited,
        NODE_ENV: 'production',
        // Production requires a key that seals the secrets stored in the database; a bench's database is thrown away.
        SECRETS_KEY: Buffer.alloc(32, 7).toString('base64'),
        ...env,
        PORT: String(port),
        HOST: '127.0.0.1',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  // The last lines of its output, shown if it fails; the errors it logs.
  let tail = '';
  const keep = (chunk: Buffer) => {
    tail = (tail + chunk.toString()).slice(-4000);
    if (process.env.BENCH_VERBOSE) process.stderr.write(chunk);
  };
  const errors = { count: 0, messages: [] as string[] };
  let partial = '';
  child.stdout!.on('data', (chunk: Buffer) => {
    keep(chunk);
    const lines = (partial + chunk.toString()).split('\n');
    partial = lines.pop()!;
    for (const line of lines) {
      if (!line.startsWith('{"level":')) continue;
      try {
        const entry = JSON.parse(line) as { level: number; msg?: string; err?: { message?: string } };
        if (entry.level < 50) continue;
        errors.count++;
        // The error's last line (the driver's cause, without the query and its parameters), once per cause.
        const cause = entry.err?.message
          ?.split('\n')
          .at(-1)
          ?.replace(/^params: [^:]*: /, '');
        const message = [entry.msg, cause].filter(Boolean).join(' : ').slice(0, 200);
        if (errors.messages.length < 5 && !errors.messages.includes(message)) errors.messages.push(message);
      } catch {
        // not a log line
      }
    }
  });
  child.stderr!.on('data', keep);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const stop = onCleanup(() => stopChild(child, exited));
  const started = performance.now();
  for (;;) {
    if (child.exitCode !== null || child.signalCode !== null) {
      await stop();
      throw new Error(`${label} stopped while starting (code ${child.exitCode}):\n${tail}`);
    }
    try {
      const response = await fetch(`${baseUrl}${readyPath}`, { signal: AbortSignal.timeout(2000) });
      await response.arrayBuffer();
      if (response.ok) break;
    } catch {
      // not listening yet
    }
    if (performance.now() - started > 60_000) {
      await stop();
      throw new Error(`${label} does not answer after 60 s:\n${tail}`);
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  const pid = child.pid!;
  return {
    pid,
    baseUrl,
    peakRssMiB: () => peakRssMiB(pid),
    cpuSeconds: () => cpuSeconds(pid),
    loggedErrors: () => ({ count: errors.count, messages: [...errors.messages] }),
    stop: async () => {
      await stop();
      if (child.exitCode !== 0 && child.signalCode === null) {
        console.warn(`  (${label} stopped with code ${child.exitCode})\n${tail}`);
      }
    },
  };
}

async function stopChild(child: ChildProcess, exited: Promise<void>) {
  if (child.exitCode !== null || child.signalCode !== null) return;
  child.kill('SIGTERM');
  const killer = setTimeout(() => child.kill('SIGKILL'), 15_000);
  await exited;
  clearTimeout(killer);
}

/** VmHWM of /proc/<pid>/status, in MiB. */
export function peakRssMiB(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kib = Number(/^VmHWM:\s+(\d+) kB/m.exec(status)?.[1] ?? Number.NaN);
  return Math.round(kib / 102.4) / 10;
}

// Clock ticks per second of /proc/<pid>/stat: 100 on Linux (USER_HZ).
const ticksPerSecond = 100;

function ticksOf(pid: number | string): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  // Fields after the command name (which may hold spaces): utime and stime are the 12th and 13th.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return Number(fields[11]) + Number(fields[12]);
}

export function cpuSeconds(pid: number): number {
  return ticksOf(pid) / ticksPerSecond;
}

/**
 * CPU seconds used by the PostgreSQL backends serving `database` (other clients of the server are left
 * out), as a function to call again later: the difference is what they spent in between (backends started
 * in between count from zero; those that ended in between are missed, but pools keep theirs open).
 */
export function postgresCpu(database: string): () => number {
  const read = () => {
    const ticks = new Map<string, number>();
    for (const pid of readdirSync('/proc')) {
      if (!/^\d+$/.test(pid)) continue;
      try {
        if (readFileSync(`/proc/${pid}/comm`, 'utf8').trim() !== 'postgres') continue;
        // The title of a backend: « postgres: 15/main: <user> <database> <client> <state> ».
        if (!readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes(` ${database} `)) continue;
        ticks.set(pid, ticksOf(pid));
      } catch {
        // gone meanwhile
      }
    }
    return ticks;
  };
  const before = read();
  return () => {
    let total = 0;
    for (const [pid, ticks] of read()) total += ticks - (before.get(pid) ?? 0);
    return total / ticksPerSecond;
  };
}

/** CPU seconds used by this process (the load generator) between now and the call of the result. */
export function ownCpu(): () => number {
  const before = process.cpuUsage();
  return () => {
    const used = process.cpuUsage(before);
    return (used.user + used.system) / 1e6;
  };
}
