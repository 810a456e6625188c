// `npm run bench`: every benchmark in sequence, each in its own process (a crash or a time limit stops that
// one only), then bench/results/summary.json and the README's figures (`writeReadme`). `npm run bench --
// agenda certificates` runs some of them.
// Benchmarks print figures and whether each target is met; they are not tests: the exit code is not 0 only
// when a benchmark could not run to its end.
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { availableParallelism, loadavg } from 'node:os';
import { round, type Target } from './lib/load.ts';
import { root } from './lib/processes.ts';
import { recordResult } from './results.ts';

/** What the runner reads of a benchmark's file (which holds more). */
interface Recorded {
  at: string;
  cores: number;
  loadAverage: number[];
  targets?: Target[];
  [figure: string]: unknown;
}

interface Benchmark {
  name: string;
  script: string;
  limitMinutes: number;
  /** The few figures the summary repeats, as paths in the benchmark's file. */
  headline: string[];
}

/** `get(r, 'app.p99Ms')`: a figure of a benchmark's file, or undefined. */
function get(record: unknown, path: string): unknown {
  let value = record;
  for (const key of path.split('.')) value = (value as Record<string, unknown> | undefined)?.[key];
  return value;
}

const benchmarks: Benchmark[] = [
  {
    name: 'registration-rush',
    script: 'bench/registration-rush.ts',
    limitMinutes: 15,
    headline: [
      'app.reqPerSec',
      'app.p50Ms',
      'app.p99Ms',
      'app.statuses',
      'app.confirmed',
      'app.waitlisted',
      'app.peakRssMiB',
      'bare.reqPerSec',
      'bare.p50Ms',
      'bare.p99Ms',
      'bare.confirmed',
      'bare.waitlisted',
      'throughputRatio',
      'p99Ratio',
    ],
  },
  {
    name: 'conference-rush',
    script: 'bench/conference-rush.ts',
    limitMinutes: 15,
    headline: [
      'app.reqPerSec',
      'app.p50Ms',
      'app.p99Ms',
      'app.statuses',
      'app.confirmed',
      'app.waitlisted',
      'app.oversold',
      'app.overlaps',
      'app.peakRssMiB',
      'bare.reqPerSec',
      'bare.p50Ms',
      'bare.p99Ms',
      'bare.statuses',
      'bare.confirmed',
      'bare.waitlisted',
      'bare.oversold',
      'bare.overlaps',
      'throughputRatio',
      'p99Ratio',
    ],
  },
  {
    name: 'agenda',
    script: 'bench/agenda.ts',
    limitMinutes: 10,
    headline: [
      'app.reqPerSec',
      'app.p50Ms',
      'app.p99Ms',
      'app.eventsOnPage',
      'app.serverCpuMsPerRequest',
      'fair.reqPerSec',
      'fair.p50Ms',
      'fair.p99Ms',
      'fairRatio',
      'bare.reqPerSec',
      'bare.p50Ms',
      'bare.p99Ms',
      'throughputRatio',
      'revalidation.reqPerSec',
      'revalidation.revalidated',
      'pages.agendaList.serverCpuMsPerRequest',
      'pages.agendaMonth.serverCpuMsPerRequest',
      'pages.event.serverCpuMsPerRequest',
      'pages.programmes.serverCpuMsPerRequest',
      'pages.programme.serverCpuMsPerRequest',
      'pages.home.serverCpuMsPerRequest',
    ],
  },
  {
    name: 'certificates',
    script: 'bench/certificates.ts',
    limitMinutes: 15,
    headline: [
      'issued',
      'seconds',
      'certificatesPerSecond',
      'baselinePdfSeconds',
      'pdfSharePercent',
      'pdfCpuSharePercent',
    ],
  },
  {
    name: 'atlas',
    script: 'bench/atlas.ts',
    limitMinutes: 10,
    headline: [
      'app.reqPerSec',
      'app.p99Ms',
      'bare.reqPerSec',
      'bare.p99Ms',
      'ratio',
      'map.reqPerSec',
      'map.p99Ms',
      'pdf.first',
    ],
  },
  {
    name: 'directory-pdf',
    script: 'bench/directory-pdf.ts',
    limitMinutes: 5,
    headline: ['pages', 'medianSeconds', 'slowestSeconds', 'medianCpuSeconds'],
  },
  {
    name: 'newsletter-send',
    script: 'bench/newsletter-send.ts',
    limitMinutes: 20,
    headline: [
      'readers',
      'seconds',
      'mailsPerSecond',
      'peakRssMiB',
      'bareSeconds',
      'resumeSeconds',
      'repeatedAfterKill',
      'sentAnewAfterKill',
    ],
  },
  {
    name: 'cold-start',
    script: 'bench/cold-start.ts',
    limitMinutes: 10,
    headline: [
      'coldStartMedianMs',
      'coldStartCpuMedianMs',
      'restartMedianMs',
      'restartCpuMedianMs',
      'withoutPreparedCopyMs',
      'withoutPreparedCopyCpuMs',
    ],
  },
];

const wanted = process.argv.slice(2);
const unknown = wanted.filter((w) => !benchmarks.some((b) => b.name === w));
if (unknown.length) {
  console.error(
    `unknown benchmark: ${unknown.join(', ')} (known: ${benchmarks.map((b) => b.name).join(', ')})`,
  );
  process.exit(2);
}
const selected = wanted.length ? benchmarks.filter((b) => wanted.includes(b.name)) : benchmarks;

let current: ReturnType<typeof spawn> | undefined;
let stopping = false;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    // The benchmark cleans up (databases, servers) on SIGTERM; the runner stops after it.
    current?.kill('SIGTERM');
    process.exitCode = 130;
    stopping = true;
  });
}

function runScript(b: Benchmark): Promise<{ code: number | null; timedOut: boolean }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', './bin/typescript.js', b.script], {
      cwd: root,
      stdio: 'inherit',
    });
    current = child;
    let timedOut = false;
    const limit = setTimeout(() => {
      timedOut = true;
      console.error(`${b.name}: time limit of ${b.limitMinutes} min reached, stopping it`);
      child.kill('SIGTERM');
      setTimeout(() => child.kill('SIGKILL'), 30_000).unref();
    }, b.limitMinutes * 60_000);
    child.once('exit', (code) => {
      clearTimeout(limit);
      current = undefined;
      resolve({ code, timedOut });
    });
  });
}

interface Outcome {
  name: string;
  status: 'ok' | 'timed out' | 'failed';
  /** When it started, and the machine's load average then and at its end. */
  at: string;
  loadAverage: number[];
  loadAverageAtEnd: number[];
  cores: number;
  seconds: number;
  headline?: Record<string, unknown>;
  targets?: Target[];
}

const outcomes: Outcome[] = [];
const started = performance.now();
for (const b of selected) {
  if (stopping) break;
  const loadAverage = loadavg().map((l) => round(l, 2));
  console.log(`\n── ${b.name} (load average of the machine: ${loadAverage.join(', ')})`);
  const at = Date.now();
  const { code, timedOut } = await runScript(b);
  const seconds = round((Date.now() - at) / 1000);
  const file = new URL(`results/${b.name}.json`, import.meta.url);
  const result =
    code === 0 && existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as Recorded) : undefined;
  const fresh = result && Date.parse(result.at) >= at - 1000 ? result : undefined;
  const ok = code === 0 && fresh !== undefined;
  outcomes.push({
    name: b.name,
    status: ok ? 'ok' : timedOut ? 'timed out' : 'failed',
    at: new Date(at).toISOString(),
    loadAverage,
    loadAverageAtEnd: fresh?.loadAverage ?? loadavg().map((l) => round(l, 2)),
    cores: availableParallelism(),
    seconds,
    ...(ok
      ? {
          headline: Object.fromEntries(b.headline.map((path) => [path, get(fresh, path)])),
          targets: fresh.targets ?? [],
        }
      : {}),
  });
}

const targets = outcomes.flatMap((o) => o.targets ?? []);
recordResult('summary', {
  seconds: round((performance.now() - started) / 1000),
  targetsMet: targets.filter((t) => t.met).length,
  targetsMissed: targets.filter((t) => !t.met).length,
  benchmarks: outcomes,
});

console.log(`\n── summary (bench/results/summary.json), ${round((performance.now() - started) / 1000)} s`);
for (const o of outcomes) {
  console.log(`  ${o.name}: ${o.status} in ${o.seconds} s`);
  for (const t of o.targets ?? [])
    console.log(`    ${t.met ? '✔ met   ' : '✘ missed'}  ${t.target} — ${t.value}`);
}
console.log(
  `  targets: ${targets.filter((t) => t.met).length} met, ${targets.filter((t) => !t.met).length} missed`,
);
if (outcomes.some((o) => o.status !== 'ok') || outcomes.length < selected.length) process.exitCode ||= 1;

/**
 * The README's figures, written by the run, never by hand: between the markers of its benchmark section, one
 * block per benchmark, which its next run replaces (a run of some benchmarks leaves the others' blocks, each
 * with its own date and load average). A benchmark that could not finish replaces its figures by that fact.
 */
function writeReadme(results: Outcome[]) {
  const path = new URL('README.md', root);
  const readme = readFileSync(path, 'utf8');
  const [open, close] = ['<!-- bench:figures -->', '<!-- /bench:figures -->'];
  const from = readme.indexOf(open);
  const to = readme.indexOf(close);
  if (from < 0 || to < from) {
    console.warn(`README.md: markers ${open} … ${close} not found, figures not written`);
    return;
  }
  const blocks = new Map<string, string>();
  for (const [block, name] of readme
    .slice(from, to)
    .matchAll(/<!-- bench:([\w-]+) -->[\s\S]*?<!-- \/bench:\1 -->/g))
    blocks.set(name!, block);
  for (const o of results)
    blocks.set(o.name, `<!-- bench:${o.name} -->\n${readmeBlock(o)}\n<!-- /bench:${o.name} -->`);
  const ordered = [
    ...benchmarks.flatMap((b) => blocks.get(b.name) ?? []),
    ...[...blocks].filter(([name]) => !benchmarks.some((b) => b.name === name)).map(([, block]) => block),
  ];
  writeFileSync(path, `${readme.slice(0, from)}${open}\n${ordered.join('\n\n')}\n${readme.slice(to)}`);
  console.log('  README.md: figures written in the benchmark section');
}

const number = new Intl.NumberFormat('fr-FR', { maximumFractionDigits: 2 });
const shown = (value: unknown) =>
  typeof value === 'number'
    ? number.format(value)
    : value === undefined
      ? '—'
      : typeof value === 'string'
        ? value
        : JSON.stringify(value);
const cell = (text: string) => text.replaceAll('|', '\\|').replaceAll('\n', ' ');

function readmeBlock(o: Outcome): string {
  const when = `${o.at.slice(0, 10)} ${o.at.slice(11, 16)} UTC`;
  const lines = [
    `**${o.name}** — lancé le ${when}, ${number.format(o.seconds)} s ; charge moyenne de la machine (1, 5, 15 min) ` +
      `${o.loadAverage.map(shown).join(' / ')} au début, ${o.loadAverageAtEnd.map(shown).join(' / ')} à la fin ; ${o.cores} cœurs.`,
  ];
  if (o.status !== 'ok') {
    lines.push(
      '',
      `Pas de chiffres : la mesure n’est pas allée au bout (${o.status === 'failed' ? 'échec' : 'temps limite atteint'}).`,
    );
    return lines.join('\n');
  }
  lines.push('', '| objectif | mesuré (et plafond du même lancement) | |', '|---|---|---|');
  for (const t of o.targets ?? [])
    lines.push(`| ${cell(t.target)} | ${cell(t.value)} | ${t.met ? '✔ atteint' : '✘ manqué'} |`);
  // A figure of the app (`app.…`) beside the same figure of the in-run reference (`bare.…`), its ceiling.
  const headline = o.headline ?? {};
  const figures = Object.keys(headline).filter(
    (path) => !(path.startsWith('bare.') && `app.${path.slice(5)}` in headline),
  );
  lines.push('', '| chiffre | mesuré | plafond : référence nue, même lancement |', '|---|---|---|');
  for (const path of figures) {
    const ceiling = path.startsWith('app.') ? headline[`bare.${path.slice(4)}`] : undefined;
    lines.push(`| \`${path}\` | ${cell(shown(headline[path]))} | ${cell(shown(ceiling))} |`);
  }
  return lines.join('\n');
}

writeReadme(outcomes);
