// The country directory as a PDF publication (issue 14), read back with poppler (pdfinfo, pdftotext): an
// implementation independent of pdfkit says how many pages there are and what each page shows.
import assert from 'node:assert/strict';
import { execFile, execFileSync } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { promisify } from 'node:util';
import { directoryFixture, endMarker, startMarker } from './directory.fixture.ts';
import { directoryPdf, formatBudget, pageList } from './directory-pdf.ts';

const run = promisify(execFile);
const poppler = (() => {
  try {
    execFileSync('pdftotext', ['-v'], { stdio: 'ignore' });
    execFileSync('pdfinfo', ['-v'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();
const skip = poppler ? false : 'poppler-utils (pdftotext, pdfinfo) is not installed';

/** What poppler reads of a PDF: its information dictionary, and the text of each page, lines kept. */
async function readBack(pdf: Buffer) {
  const dir = await mkdtemp(join(tmpdir(), 'coopdec-repertoire-'));
  try {
    const file = join(dir, 'r.pdf');
    await writeFile(file, pdf);
    const info = Object.fromEntries(
      (await run('pdfinfo', [file])).stdout
        .split('\n')
        .map((line) => /^([^:]+):\s*(.*)$/.exec(line))
        .filter((m) => m !== null)
        .map((m) => [m[1]!, m[2]!]),
    );
    // pdftotext ends each page with a form feed: one call, then one text per page.
    const pages = (await run('pdftotext', ['-layout', file, '-'], { maxBuffer: 64 * 1024 * 1024 })).stdout
      .split('\f')
      .slice(0, Number(info.Pages));
    const page = async (n: number) =>
      (await run('pdftotext', ['-layout', '-f', `${n}`, '-l', `${n}`, file, '-'])).stdout;
    return { info, pages, page };
  } finally {
    // The page reader above needs the file only while a test awaits it: the tests that use it read it first.
    setTimeout(() => void rm(dir, { recursive: true, force: true }), 60_000).unref();
  }
}

/** No-break spaces as plain spaces, word joiners left out, so that an expected text can be typed plainly. */
const plain = (text: string) => text.replace(/[\u00a0\u202f]/g, ' ').replaceAll('\u2060', '');

describe('the country directory as a PDF publication', { skip }, async () => {
  const japan = directoryFixture({ country: 'Japon', partnerships: 196, long: 77 });
  // Once before the timed render, so that the time is the document's, not loading pdfkit and the fonts.
  await directoryPdf(directoryFixture({ country: 'Japon', partnerships: 3 }));
  const started = performance.now();
  const pdf = await directoryPdf(japan);
  const seconds = (performance.now() - started) / 1000;
  const { info, pages, page } = poppler ? await readBack(pdf) : { info: {}, pages: [], page: async () => '' };
  const total = Number(info.Pages);
  const tocPage = pages[1] ?? '';

  it('renders the Japon directory of about 200 pages, its time said', (t) => {
    t.diagnostic(
      `${total} pages, ${japan.figures.partnerships} partnerships, ${japan.figures.projects} projects, rendered in ${seconds.toFixed(2)} s (${Math.round(pdf.length / 1024)} KiB)`,
    );
    assert.ok(total >= 180 && total <= 230, `${total} pages`);
    assert.equal(info.Title, 'Répertoire des partenariats de coopération décentralisée — Japon');
    assert.equal(info.Author, 'Cités Unies France');
  });

  it('says on its cover the publisher, the title, the country, the edition day and the key figures', () => {
    const cover = plain(pages[0]!).replace(/[ \n]+/g, ' ');
    assert.match(cover, /CITÉS UNIES FRANCE/);
    assert.match(cover, /Répertoire des partenariats de coopération décentralisée/);
    assert.match(cover, /Japon/);
    assert.match(cover, /Édition du 30 novembre 2026/);
    assert.match(
      cover,
      new RegExp(
        `${japan.figures.partnerships} ${japan.figures.activePartnerships} ${japan.figures.frenchOrganisations} ${japan.figures.projects}`,
      ),
    );
    assert.match(cover, /partenariats actifs collectivités françaises projets/);
    assert.doesNotMatch(cover, / \/ \d+/, 'no page number on the cover');
  });

  it('lists each région in its contents with the page where that région’s heading is', async () => {
    assert.match(tocPage, /Sommaire/);
    for (const [label, heading] of [
      ...japan.regions.map((r) => [r.name, r.name]),
      ['Introduction', 'Introduction'],
      ['Chiffres clés', 'Chiffres clés'],
      ['Index des collectivités françaises', 'Index des collectivités françaises'],
    ] as [string, string][]) {
      const entry = new RegExp(
        `^\\s*${label.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\s*\\.+\\s*(\\d+)\\s*$`,
        'm',
      ).exec(plain(tocPage));
      assert.ok(entry, `${label} in the contents`);
      const listed = Number(entry[1]);
      const found =
        pages.findIndex(
          (text, i) =>
            i > 1 &&
            plain(text)
              .split('\n')
              .some((line) => line.trim() === label),
        ) + 1;
      assert.equal(listed, found, `${heading}: listed on page ${listed}, its heading found on page ${found}`);
    }
    // The same reading one page at a time (pdftotext -f N -l N) for one région.
    const first = japan.regions[0]!.name;
    const listed = Number(new RegExp(`${first}\\s*\\.+\\s*(\\d+)`).exec(plain(tocPage))![1]);
    assert.ok((await page(listed)).split('\n').some((line) => line.trim() === first));
  });

  it('has the running head and « N / total » on every page but the cover', () => {
    for (let n = 2; n <= total; n++) {
      const text = plain(pages[n - 1]!);
      const head = text.split('\n').find((line) => line.trim() !== '') ?? '';
      assert.match(head, /Répertoire des partenariats\s+Japon/, `page ${n}`);
      assert.match(text, new RegExp(`^\\s*${n} / ${total}\\s*$`, 'm'), `page ${n}`);
    }
  });

  it('never cuts across pages a partnership that fits on one page', () => {
    const pageOf = (marker: string) => {
      const found = pages.flatMap((text, i) => (new RegExp(`\\b${marker}\\b`).test(text) ? [i + 1] : []));
      assert.equal(found.length, 1, `${marker} on one page exactly, found on ${found.join(', ')}`);
      return found[0]!;
    };
    for (let n = 1; n <= japan.figures.partnerships; n++) {
      const [start, end] = [pageOf(startMarker(n)), pageOf(endMarker(n))];
      // Partnership 77 has 14 projects: longer than a page, it breaks (and is still printed to its end).
      if (n === 77) assert.ok(end > start, `${startMarker(n)}: from page ${start} to ${end}`);
      else assert.equal(end, start, `partnership ${n} starts on page ${start}, ends on page ${end}`);
    }
  });

  it('prints each partnership’s facts and projects, budgets the French way', () => {
    const partnership = japan.regions[0]!.partnerships[0]!;
    const project = partnership.projects.find((p) => p.budgetCents !== null)!;
    const text = plain(pages.join('\n'));
    assert.match(
      text,
      new RegExp(`budget ${formatBudget(project.budgetCents!, 'EUR').replace(/[\u00a0\u202f]/g, ' ')}`),
    );
    assert.match(
      text,
      new RegExp(`${partnership.kind} · ${partnership.status} · depuis ${partnership.since}`),
    );
  });

  it('indexes the French local governments with the pages of their partnerships', () => {
    const indexStart = pages.findIndex((text) =>
      text.split('\n').some((l) => l.trim() === 'Index des collectivités françaises'),
    );
    const index = plain(pages.slice(indexStart).join('\n'));
    const lyon = japan.regions
      .flatMap((r) => r.partnerships)
      .filter((p) => p.frenchOrganisations.some((o) => o.name === 'Lyon'));
    assert.ok(lyon.length > 0);
    const listed = /Lyon \(Rhône\)\s+([\d, –]+)/.exec(index);
    assert.ok(listed, 'Lyon in the index');
    const expected = lyon.map((p) => pages.findIndex((text) => text.includes(p.partner.name)));
    assert.equal(listed[1]!.trim(), plain(pageList(expected)));
    assert.equal(plain(pageList([11, 30, 31, 32, 39, 39])), '12, 31–33, 40');
  });
});

describe('a small directory, its accents and its amounts', { skip }, () => {
  it('keeps « Sénégal », « coopération », « Île-de-France » and prints « 120 000 € »', async () => {
    const directory = directoryFixture({ country: 'Sénégal', partnerships: 4 });
    directory.regions[0]!.name = 'Île-de-France';
    const project = directory.regions[0]!.partnerships[0]!.projects[0]!;
    project.budgetCents = 12_000_000;
    project.coFunders = ['Agence française de développement'];
    const { info, pages } = await readBack(await directoryPdf(directory));
    const text = plain(pages.join('\n'));
    assert.equal(info.Title, 'Répertoire des partenariats de coopération décentralisée — Sénégal');
    assert.match(text, /Sénégal/);
    assert.match(text, /coopération décentralisée/);
    assert.match(text, /Île-de-France/);
    assert.match(text, /budget 120 000 €/);
    assert.match(text, /Cofinanceurs : Agence française de développement/);
    assert.equal(formatBudget(250_000_000, 'XOF').replace(/[\u00a0\u202f]/g, ' '), '2 500 000 F CFA');
  });
});

describe('a document printed after another in the same process', { skip }, () => {
  it('keeps « E » and « I » in its text after another printed « É » and « Î »', async () => {
    // A fresh process: the fonts are shared by the documents of a process, and the first one to print a
    // letter decides how fontkit caches its glyph.
    const script = `
      import { renderPdf } from './src/platform/pdf/pdf.ts';
      await renderPdf({ title: 'a', author: 'b' }, (doc) => doc.font('regular').text('Île Éducation'));
      const pdf = await renderPdf({ title: 'a', author: 'b' }, (doc) => doc.font('regular').text('Grand Est Il'));
      process.stdout.write(pdf.toString('base64'));`;
    const { stdout } = await run(
      process.execPath,
      ['--import', './bin/typescript.js', '--input-type=module', '-e', script],
      {
        cwd: new URL('../../../', import.meta.url),
        maxBuffer: 16 * 1024 * 1024,
      },
    );
    const { pages } = await readBack(Buffer.from(stdout, 'base64'));
    assert.match(pages[0]!, /Grand Est Il/);
  });
});
