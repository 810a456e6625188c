// The Japon directory as a PDF (issue 14): about 200 pages (196 partnerships, 2 or 3 projects each, one longer
// than a page), rendered 5 times one after the other in this process; the target is 5 s for one. No database:
// the directory is the fixture of the PDF's tests, the figure is the PDF rendering alone.
import { directoryFixture } from '../src/modules/atlas/directory.fixture.ts';
import { directoryPdf } from '../src/modules/atlas/directory-pdf.ts';
import { timed } from './lib/data.ts';
import { printTargets, round, type Target } from './lib/load.ts';
import { ownCpu } from './lib/processes.ts';
import { recordResult } from './results.ts';

const runs = 5;
const targetSeconds = 5;

const directory = directoryFixture({ country: 'Japon', partnerships: 196, long: 77 });
console.log(
  `directory-pdf: Japon, ${directory.figures.partnerships} partnerships, ${directory.figures.projects} projects, ${runs} renders`,
);
// One small directory first, so that no figure includes loading pdfkit and the fonts, or compiling the code.
await directoryPdf(directoryFixture({ country: 'Japon', partnerships: 3 }));

const seconds: number[] = [];
const cpuSeconds: number[] = [];
let pages = 0;
let bytes = 0;
for (let i = 0; i < runs; i++) {
  const cpu = ownCpu();
  const { value, seconds: s } = await timed(() => directoryPdf(directory));
  cpuSeconds.push(cpu());
  seconds.push(s);
  // pdfkit writes one « /Type /Page » dictionary per page (and « /Type /Pages » for their tree).
  pages = value.toString('latin1').match(/\/Type \/Page\b(?!s)/g)?.length ?? 0;
  bytes = value.length;
}
const sorted = [...seconds].sort((a, b) => a - b);
const median = sorted[Math.floor(runs / 2)]!;
const slowest = sorted[runs - 1]!;
console.log(
  `  ${pages} pages, ${round(bytes / 1024)} KiB; median ${round(median, 2)} s, slowest ${round(slowest, 2)} s ` +
    `(${seconds.map((s) => round(s, 2)).join(', ')}); CPU ${cpuSeconds.map((s) => round(s, 2)).join(', ')} s; ` +
    `peak RSS ${round(process.resourceUsage().maxRSS / 1024)} MiB`,
);
const targets: Target[] = [
  {
    target: `the ~200-page Japon directory in ≤ ${targetSeconds} s`,
    value: `${pages} pages, median ${round(median, 2)} s, slowest ${round(slowest, 2)} s`,
    met: slowest <= targetSeconds && pages >= 180,
  },
];
printTargets(targets);
recordResult('directory-pdf', {
  partnerships: directory.figures.partnerships,
  projects: directory.figures.projects,
  pages,
  kib: round(bytes / 1024),
  medianSeconds: round(median, 2),
  slowestSeconds: round(slowest, 2),
  medianCpuSeconds: round([...cpuSeconds].sort((a, b) => a - b)[Math.floor(runs / 2)]!, 2),
  peakRssMiB: round(process.resourceUsage().maxRSS / 1024),
  targets,
});
