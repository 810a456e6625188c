// A realistic country directory for the PDF's tests and benchmark (no database): deterministic (a seeded
// generator), with texts of the lengths a real directory has, and a marker at the start and the end of each
// partnership so that a reader of the PDF can tell on which pages a partnership starts and ends.
import type { Directory, DirectoryPartnership, DirectoryProject } from './directory.types.ts';

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
export const startMarker = (n: number) => `P${String(n).padStart(3, '0')}`;
export const endMarker = (n: number) => `F${String(n).padStart(3, '0')}`;

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
