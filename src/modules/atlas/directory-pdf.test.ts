// The country directory as a PDF publication (issue 14), read back with poppler (pdfinfo, pdftotext): an
// implementation independent of pdfkit says how many pages there are and what each page shows.
import assert from 'node:assert/strict';
import { execFile, execFileSync } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { promisify } from 'node:util';
import type { Directory, DirectoryPartnership, DirectoryProject } from './directory.types.ts';
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

// ——— A fixture generator: a realistic directory, deterministic (a seeded generator, no Math.random) ———

function seeded(seed: number) {
  let s = seed;
  return () => {
    s = (s * 1_103_515_245 + 12_345) % 2_147_483_648;
    return s / 2_147_483_648;
  };
}

const frenchRegions: { name: string; places: [string, string][] }[] = [
  {
    name: 'Auvergne-Rhône-Alpes',
    places: [
      ['Lyon', 'Rhône'],
      ['Grenoble', 'Isère'],
      ['Saint-Étienne', 'Loire'],
      ['Chambéry', 'Savoie'],
      ['Annecy', 'Haute-Savoie'],
      ['Clermont-Ferrand', 'Puy-de-Dôme'],
    ],
  },
  {
    name: 'Bourgogne-Franche-Comté',
    places: [
      ['Dijon', 'Côte-d’Or'],
      ['Besançon', 'Doubs'],
      ['Beaune', 'Côte-d’Or'],
      ['Mâcon', 'Saône-et-Loire'],
    ],
  },
  {
    name: 'Bretagne',
    places: [
      ['Rennes', 'Ille-et-Vilaine'],
      ['Brest', 'Finistère'],
      ['Lorient', 'Morbihan'],
      ['Saint-Brieuc', 'Côtes-d’Armor'],
    ],
  },
  {
    name: 'Centre-Val de Loire',
    places: [
      ['Tours', 'Indre-et-Loire'],
      ['Orléans', 'Loiret'],
      ['Blois', 'Loir-et-Cher'],
      ['Bourges', 'Cher'],
    ],
  },
  {
    name: 'Grand Est',
    places: [
      ['Strasbourg', 'Bas-Rhin'],
      ['Metz', 'Moselle'],
      ['Nancy', 'Meurthe-et-Moselle'],
      ['Reims', 'Marne'],
      ['Colmar', 'Haut-Rhin'],
    ],
  },
  {
    name: 'Hauts-de-France',
    places: [
      ['Lille', 'Nord'],
      ['Amiens', 'Somme'],
      ['Arras', 'Pas-de-Calais'],
      ['Dunkerque', 'Nord'],
    ],
  },
  {
    name: 'Île-de-France',
    places: [
      ['Paris', 'Paris'],
      ['Versailles', 'Yvelines'],
      ['Saint-Denis', 'Seine-Saint-Denis'],
      ['Créteil', 'Val-de-Marne'],
      ['Évry-Courcouronnes', 'Essonne'],
      ['Boulogne-Billancourt', 'Hauts-de-Seine'],
    ],
  },
  {
    name: 'Normandie',
    places: [
      ['Rouen', 'Seine-Maritime'],
      ['Caen', 'Calvados'],
      ['Le Havre', 'Seine-Maritime'],
      ['Cherbourg-en-Cotentin', 'Manche'],
    ],
  },
  {
    name: 'Nouvelle-Aquitaine',
    places: [
      ['Bordeaux', 'Gironde'],
      ['Limoges', 'Haute-Vienne'],
      ['Poitiers', 'Vienne'],
      ['La Rochelle', 'Charente-Maritime'],
      ['Pau', 'Pyrénées-Atlantiques'],
    ],
  },
  {
    name: 'Occitanie',
    places: [
      ['Toulouse', 'Haute-Garonne'],
      ['Montpellier', 'Hérault'],
      ['Nîmes', 'Gard'],
      ['Perpignan', 'Pyrénées-Orientales'],
      ['Albi', 'Tarn'],
    ],
  },
  {
    name: 'Pays de la Loire',
    places: [
      ['Nantes', 'Loire-Atlantique'],
      ['Angers', 'Maine-et-Loire'],
      ['Le Mans', 'Sarthe'],
      ['Saint-Nazaire', 'Loire-Atlantique'],
    ],
  },
  {
    name: 'Provence-Alpes-Côte d’Azur',
    places: [
      ['Marseille', 'Bouches-du-Rhône'],
      ['Nice', 'Alpes-Maritimes'],
      ['Avignon', 'Vaucluse'],
      ['Aix-en-Provence', 'Bouches-du-Rhône'],
      ['Toulon', 'Var'],
    ],
  },
  {
    name: 'La Réunion',
    places: [
      ['Saint-Denis de La Réunion', 'La Réunion'],
      ['Saint-Pierre', 'La Réunion'],
    ],
  },
];
const japaneseCities: [string, string][] = [
  ['Kyōto', 'Kansai'],
  ['Ōsaka', 'Kansai'],
  ['Kōbe', 'Kansai'],
  ['Nara', 'Kansai'],
  ['Yokohama', 'Kantō'],
  ['Sendai', 'Tōhoku'],
  ['Sapporo', 'Hokkaidō'],
  ['Hiroshima', 'Chūgoku'],
  ['Fukuoka', 'Kyūshū'],
  ['Nagoya', 'Chūbu'],
  ['Kanazawa', 'Chūbu'],
  ['Matsuyama', 'Shikoku'],
  ['Kumamoto', 'Kyūshū'],
  ['Niigata', 'Chūbu'],
  ['Shizuoka', 'Chūbu'],
  ['Nagasaki', 'Kyūshū'],
  ['Okayama', 'Chūgoku'],
];
const themeLabels = [
  'Culture et patrimoine',
  'Jeunesse et ECSI',
  'Développement économique',
  'Climat et transition énergétique',
  'Éducation et formation',
  'Tourisme',
  'Crises et reconstruction',
  'Santé',
  'Agriculture et alimentation',
];
const coFunders = [
  'Ministère de l’Europe et des Affaires étrangères (DAECT)',
  'Agence française de développement',
  'Région',
  'Fondation du Japon',
  'CLAIR Paris',
  'Union européenne (Erasmus+)',
  'Département',
  'Ambassade du Japon en France',
  'Chambre de commerce et d’industrie',
];
const sentences = [
  'Le jumelage est né d’une rencontre entre deux maires au cours d’un congrès international, puis d’échanges scolaires réguliers.',
  'Chaque année, une délégation d’élus et de techniciens se rend dans la ville partenaire pour faire le point sur les actions engagées.',
  'La coopération s’appuie sur les associations d’amitié franco-japonaise, très actives de part et d’autre, et sur les universités.',
  'Les deux collectivités partagent une expérience de la prévention des risques naturels et de la reconstruction après une catastrophe.',
  'Les échanges portent sur la gestion des déchets, la sobriété énergétique des bâtiments publics et la mobilité douce en ville.',
  'Un comité de pilotage conjoint se réunit deux fois par an, en visioconférence et lors des visites officielles.',
  'La convention a été renouvelée pour cinq ans ; elle prévoit un programme de résidences d’artistes et d’échanges de jeunes.',
  'Les services culturels coopèrent pour la restauration d’un patrimoine bâti ancien et la formation d’artisans d’art.',
  'Des lycéens des deux villes correspondent toute l’année et se rencontrent lors d’un séjour d’étude de deux semaines.',
  'La ville partenaire accueille chaque printemps une semaine de la gastronomie française, avec les producteurs du territoire.',
  'Les entreprises des deux territoires se rencontrent lors de missions économiques organisées avec les chambres consulaires.',
  'Le partenariat contribue aux objectifs de développement durable, en particulier les villes durables et l’éducation de qualité.',
];

function paragraph(random: () => number, count: number) {
  return Array.from({ length: count }, () => sentences[Math.floor(random() * sentences.length)]!).join(' ');
}

/** The marker that opens partnership `n` (in its partner's name) and the one that closes it (its last sentence). */
const startMarker = (n: number) => `P${String(n).padStart(3, '0')}`;
const endMarker = (n: number) => `F${String(n).padStart(3, '0')}`;

/**
 * A directory of `partnerships` partnerships over 13 régions, 2 or 3 projects each, texts of the lengths a real
 * directory has (two paragraphs on the partnership, a few sentences on each project). Partnership `long`
 * (when given) has 14 projects: longer than a page. Partnership n's heading says `P00n`, its last sentence
 * `F00n`.
 */
export function directoryFixture(options: {
  country: string;
  partnerships: number;
  long?: number;
}): Directory {
  const random = seeded(14);
  const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)]!;
  const regions = frenchRegions.map((r) => ({ name: r.name, partnerships: [] as DirectoryPartnership[] }));
  let projectCount = 0;
  for (let n = 1; n <= options.partnerships; n++) {
    // Uneven régions, as the network's are: the first ones hold more partnerships.
    const r = Math.min(frenchRegions.length - 1, Math.floor(frenchRegions.length * random() ** 1.4));
    const region = frenchRegions[r]!;
    const joint = random() < 0.15;
    const french = (joint ? [pick(region.places), pick(region.places)] : [pick(region.places)]).map(
      ([name, departement]) => ({ name, departement }),
    );
    const [city, prefecture] = pick(japaneseCities);
    const projectsOf = n === options.long ? 14 : 2 + Math.floor(random() * 2);
    const projects: DirectoryProject[] = Array.from({ length: projectsOf }, () => {
      const start = 2012 + Math.floor(random() * 12);
      return {
        title: `${pick(['Échanges', 'Programme', 'Résidences', 'Coopération', 'Ateliers'])} ${pick(['scolaires', 'culturels', 'de jeunes', 'techniques', 'd’artisans', 'universitaires'])} ${start}`,
        startYear: start,
        endYear: random() < 0.3 ? null : start + 1 + Math.floor(random() * 4),
        budgetCents: random() < 0.2 ? null : (5 + Math.floor(random() * 40)) * 500_000,
        currency: 'EUR',
        coFunders: Array.from({ length: Math.floor(random() * 3) }, () => pick(coFunders)),
        themes: [pick(themeLabels)],
        description: paragraph(random, 3 + Math.floor(random() * 2)),
        place: random() < 0.5 ? `${city} et ${french[0]!.name}` : null,
      };
    });
    projectCount += projects.length;
    const last = projects[projects.length - 1]!;
    last.description = `${last.description} Fin de la fiche ${endMarker(n)}.`;
    regions[r]!.partnerships.push({
      id: `p${n}`,
      frenchOrganisations: french,
      partner: { name: `${city} ${startMarker(n)}`, region: prefecture },
      kind: pick(['Jumelage', 'Pacte d’amitié', 'Coopération décentralisée']),
      status: random() < 0.8 ? 'Active' : 'En sommeil',
      since: 1960 + Math.floor(random() * 60),
      agreement:
        random() < 0.6 ? `Convention du 12 mars ${2000 + Math.floor(random() * 24)} (réf. ${n})` : null,
      themes: [pick(themeLabels), pick(themeLabels)].filter((v, i, a) => a.indexOf(v) === i),
      description: `${paragraph(random, 3)}\n\n${paragraph(random, 2 + Math.floor(random() * 2))}`,
      projects,
    });
  }
  const all = regions.flatMap((r) => r.partnerships);
  const count = <T>(values: T[]) => {
    const counts = new Map<T, number>();
    for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
    return [...counts].sort((a, b) => b[1] - a[1]);
  };
  return {
    country: { code: 'JP', name: options.country },
    introduction: [
      'Le Japon est un État unitaire décentralisé : 47 préfectures et plus de 1 700 municipalités, dont les compétences ont été renforcées par les lois de décentralisation de 1999.',
      paragraph(random, 4),
      paragraph(random, 3),
    ],
    editedOn: new Date('2026-11-30T10:00:00Z'),
    figures: {
      partnerships: all.length,
      activePartnerships: all.filter((p) => p.status === 'Active').length,
      frenchOrganisations: new Set(all.flatMap((p) => p.frenchOrganisations.map((o) => o.name))).size,
      projects: projectCount,
      themes: count(all.flatMap((p) => p.themes)).map(([label, c]) => ({ label, count: c })),
      coFunders: count(all.flatMap((p) => p.projects.flatMap((x) => x.coFunders))).map(([name, c]) => ({
        name,
        count: c,
      })),
    },
    regions: regions
      .filter((r) => r.partnerships.length > 0)
      .sort((a, b) => a.name.localeCompare(b.name, 'fr')),
    publisher: { name: 'Cités Unies France', url: 'https://cites-unies-france.org' },
  };
}

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
    const { stdout } = await run(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
      cwd: new URL('../../../', import.meta.url),
      maxBuffer: 16 * 1024 * 1024,
    });
    const { pages } = await readBack(Buffer.from(stdout, 'base64'));
    assert.match(pages[0]!, /Grand Est Il/);
  });
});
