// The atlas's maps, read back from their HTML by independent parsers: html-validate for the markup,
// node-html-parser for the drawing's titles and links and the table's rows.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { HtmlValidate } from 'html-validate';
import { type HTMLElement, parse } from 'node-html-parser';
import { render } from 'preact-render-to-string';
import { FranceMap, franceShapes } from './france-map.tsx';
import { colourClasses, noneFill } from './map-parts.tsx';
import { WorldMap, worldShapes } from './world-map.tsx';

const partnerships = { one: 'partenariat actif', many: 'partenariats actifs' };
const engaged = { one: 'collectivité engagée', many: 'collectivités engagées' };
const countryHref = (code: string) => `/atlas/pays/${code.toLowerCase()}`;
/** The seed countries, plus Brazil, Comoros (a dot: missing at 1:110m) and Tuvalu (in no Natural Earth file). */
const worldCounts = new Map([
  ['SN', 42],
  ['JP', 12],
  ['MG', 30],
  ['LB', 8],
  ['AM', 5],
  ['PS', 9],
  ['HT', 3],
  ['VN', 20],
  ['BR', 12],
  ['KM', 2],
  ['TV', 1],
]);

const world = (caption = 'Partenariats actifs par pays') =>
  render(<WorldMap counts={worldCounts} href={countryHref} caption={caption} unit={partnerships} />);

/** « Sénégal : 42 partenariats actifs » → ['Sénégal', 42]; null for a title without a count. */
function titleCount(text: string): [string, number] | null {
  const match = /^(.+) : (\d+) /.exec(text);
  return match ? [match[1]!, Number(match[2])] : null;
}

const svgCounts = (root: HTMLElement) =>
  root
    .querySelectorAll('svg title')
    .flatMap((t) => {
      const count = titleCount(t.text);
      return count ? [count] : [];
    })
    .sort(([a], [b]) => a.localeCompare(b, 'fr'));

const tableRows = (root: HTMLElement) =>
  root
    .querySelectorAll('table tbody tr')
    .map(
      (tr) =>
        [tr.querySelector('th')!.text, Number(tr.querySelector('td')!.text.replace(/\s/g, ''))] as const,
    );

async function validate(fragment: string) {
  const validator = new HtmlValidate({ extends: ['html-validate:standard'] });
  const report = await validator.validateString(
    `<!doctype html><html lang="fr"><head><title>Carte</title></head><body><main>${fragment}</main></body></html>`,
    'carte.html',
  );
  return report.results.flatMap((r) =>
    r.messages.map((m) => `${m.line}:${m.column} ${m.ruleId} — ${m.message}`),
  );
}

describe('the world map of partnerships', () => {
  it('is valid HTML', async () => {
    assert.deepEqual(await validate(world()), []);
  });

  it('lists in its table the same counts as the titles of the drawing, most first', () => {
    const root = parse(world());
    const rows = tableRows(root);
    assert.deepEqual(rows.slice(0, 3), [
      ['Sénégal', 42],
      ['Madagascar', 30],
      ['Viêt Nam', 20],
    ]);
    // Japan and Brazil both count 12: by name.
    assert.deepEqual(
      rows.filter(([, n]) => n === 12),
      [
        ['Brésil', 12],
        ['Japon', 12],
      ],
    );
    const drawnRows = rows.filter(([name]) => name !== 'Tuvalu');
    assert.deepEqual(
      svgCounts(root),
      [...drawnRows].sort(([a], [b]) => a.localeCompare(b, 'fr')),
    );
    assert.equal(rows.length, worldCounts.size);
  });

  it('links a country with partnerships to its page, and not a country without any', () => {
    const root = parse(world());
    const senegal = root.querySelector(`svg a[href="${countryHref('SN')}"]`);
    assert.ok(senegal, 'le Sénégal n’est pas un lien');
    assert.equal(senegal.querySelector('title')?.text, 'Sénégal : 42 partenariats actifs');
    assert.notEqual(senegal.querySelector('path')?.getAttribute('fill'), noneFill);
    assert.equal(root.querySelectorAll('svg a').length, worldCounts.size - 1, 'Tuvalu n’a pas de tracé');
    const chile = root.querySelectorAll('svg title').find((t) => t.text === 'Chili');
    assert.ok(chile, 'le Chili manque à la carte');
    assert.equal(chile.parentNode!.tagName.toLowerCase(), 'path');
    assert.equal(chile.parentNode!.closest('a'), null);
    assert.equal(chile.parentNode!.parentNode!.getAttribute('fill'), noneFill);
    assert.equal(root.querySelector(`a[href="${countryHref('CL')}"]`), null);
  });

  it('draws every seed country, a small island state as a dot, and names in a note one it cannot draw', () => {
    const shapes = worldShapes();
    for (const code of ['JP', 'SN', 'MG', 'LB', 'AM', 'PS', 'HT', 'VN']) {
      assert.ok(
        shapes.shapes.some((s) => s.code === code && s.d),
        `${code} n’a pas de tracé`,
      );
    }
    assert.ok(shapes.shapes.some((s) => s.code === 'KM' && s.d === null && s.dot));
    assert.ok(!shapes.codes.has('TV'));
    const root = parse(world());
    const comoros = root.querySelector(`svg a[href="${countryHref('KM')}"]`);
    assert.ok(comoros?.querySelector('circle'), 'les Comores n’ont pas de point');
    assert.match(root.querySelector('.map-note')!.text, /Tuvalu \(1\)/);
    assert.ok(tableRows(root).some(([name, n]) => name === 'Tuvalu' && n === 1));
  });

  it('escapes its caption', async () => {
    const caption = '<script>alert("x")</script> Partenariats & jumelages';
    const html = world(caption);
    assert.ok(!html.includes('<script>'));
    const root = parse(html);
    assert.equal(root.querySelector('figcaption')?.text, caption);
    assert.equal(root.querySelector('caption')?.text, caption);
    assert.deepEqual(await validate(html), []);
  });

  it('is drawn once, then only coloured: its size and time', (t) => {
    world();
    const start = performance.now();
    let html = '';
    for (let i = 0; i < 1000; i++) html = world();
    const elapsed = performance.now() - start;
    t.diagnostic(
      `carte du monde : ${(elapsed / 1000).toFixed(3)} ms par rendu (1000 rendus en ${elapsed.toFixed(0)} ms)`,
    );
    t.diagnostic(`carte du monde : ${Buffer.byteLength(html)} octets de HTML`);
  });
});

describe('the France map by région', () => {
  const counts = new Map([
    ['84', 20],
    ['11', 35],
    ['53', 9],
    ['04', 2],
    ['06', 2],
  ]);
  const href = (code: string) => (code === '11' ? undefined : `/atlas/regions/${code}`);
  const france = (caption = 'Collectivités engagées par région') =>
    render(<FranceMap counts={counts} href={href} caption={caption} unit={engaged} />);

  it('is valid HTML', async () => {
    assert.deepEqual(await validate(france()), []);
  });

  it('draws the 13 régions of the mainland and the 5 overseas', () => {
    const codes = franceShapes()
      .regions.map((r) => r.code)
      .sort();
    assert.deepEqual(codes, [
      '01',
      '02',
      '03',
      '04',
      '06',
      '11',
      '24',
      '27',
      '28',
      '32',
      '44',
      '52',
      '53',
      '75',
      '76',
      '84',
      '93',
      '94',
    ]);
    const root = parse(france());
    const areaTitles = root.querySelectorAll('svg title').filter((t) => t.parentNode?.tagName !== 'SVG');
    assert.equal(areaTitles.length, 18);
    assert.ok(root.querySelectorAll('svg title').some((t) => t.text === 'Corse : 0 collectivité engagée'));
    assert.ok(franceShapes().regions.every((r) => /^M[\d.]+[ ,][\d.]+[lL]/.test(r.d)));
  });

  it('lists in its table the same counts as the titles of the drawing', () => {
    const root = parse(france());
    assert.deepEqual(tableRows(root), [
      ['Île-de-France', 35],
      ['Auvergne-Rhône-Alpes', 20],
      ['Bretagne', 9],
      ['La Réunion', 2],
      ['Mayotte', 2],
    ]);
    assert.deepEqual(
      svgCounts(root).filter(([, n]) => n > 0),
      tableRows(root).sort(([a], [b]) => a.localeCompare(b, 'fr')),
    );
  });

  it('links a région when its address is given, and only then', () => {
    const root = parse(france());
    const brittany = root.querySelector('svg a[href="/atlas/regions/53"]');
    assert.equal(brittany?.querySelector('title')?.text, 'Bretagne : 9 collectivités engagées');
    const paris = root.querySelectorAll('svg title').find((t) => t.text.startsWith('Île-de-France'));
    assert.ok(paris);
    assert.equal(paris.parentNode!.tagName.toLowerCase(), 'g');
    assert.equal(root.querySelectorAll('svg a').length, 4);
    const brittanyRow = root.querySelectorAll('tbody th').find((th) => th.text === 'Bretagne');
    assert.equal(brittanyRow?.querySelector('a')?.getAttribute('href'), '/atlas/regions/53');
  });

  it('escapes its caption', () => {
    const caption = 'Régions <b>engagées</b> & « solidaires »';
    const root = parse(france(caption));
    assert.equal(root.querySelector('figcaption')?.text, caption);
    assert.equal(root.querySelector('figcaption b'), null);
  });

  it('credits the maps it is drawn from, as their licence asks', () => {
    assert.match(parse(france()).querySelector('.map-note')!.text, /MapSVG \(licence CC BY 4\.0\)/);
  });

  it('measures its size', (t) => {
    t.diagnostic(`carte de France : ${Buffer.byteLength(france())} octets de HTML`);
  });
});

describe('the colour classes', () => {
  it('gives each value its class when there are five values or fewer, spread from light to dark', () => {
    const classes = colourClasses([3, 1, 3, 8]);
    assert.deepEqual(
      classes.map((c) => [c.from, c.to]),
      [
        [1, 1],
        [2, 3],
        [4, 8],
      ],
    );
    assert.equal(new Set(classes.map((c) => c.fill)).size, 3);
  });

  it('cuts many values at their quintiles into five classes that cover them all', () => {
    const counts = Array.from({ length: 50 }, (_, i) => i + 1);
    const classes = colourClasses(counts);
    assert.equal(classes.length, 5);
    assert.deepEqual(
      classes.map((c) => [c.from, c.to]),
      [
        [1, 10],
        [11, 20],
        [21, 30],
        [31, 40],
        [41, 50],
      ],
    );
  });

  it('has no class without any count', () => {
    assert.deepEqual(colourClasses([0, 0]), []);
  });
});
