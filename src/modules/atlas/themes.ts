// The network's themes: one controlled list for partnerships, projects, search facets and the API
// (`GET /api/v1/themes`). Each theme is mapped to the UN's Sustainable Development Goals (« ODD ») it serves
// most directly, so that a directory can say which goals the partnerships of a country work for.

/** The 17 Sustainable Development Goals, by number, with their official French short names. */
export const sdgs: Readonly<Record<number, string>> = {
  1: 'Pas de pauvreté',
  2: 'Faim « zéro »',
  3: 'Bonne santé et bien-être',
  4: 'Éducation de qualité',
  5: 'Égalité entre les sexes',
  6: 'Eau propre et assainissement',
  7: 'Énergie propre et d’un coût abordable',
  8: 'Travail décent et croissance économique',
  9: 'Industrie, innovation et infrastructure',
  10: 'Inégalités réduites',
  11: 'Villes et communautés durables',
  12: 'Consommation et production responsables',
  13: 'Mesures relatives à la lutte contre les changements climatiques',
  14: 'Vie aquatique',
  15: 'Vie terrestre',
  16: 'Paix, justice et institutions efficaces',
  17: 'Partenariats pour la réalisation des objectifs',
};

export interface Theme {
  code: string;
  label: string;
  /** The goals it serves, by number. */
  sdgs: number[];
  /** Other words people type for it (« assainissement » for water): read by the matchmaking search. */
  words: string[];
}

export const themes: readonly Theme[] = [
  {
    code: 'water',
    label: 'Eau et assainissement',
    sdgs: [6, 3],
    words: ['eau', 'assainissement', 'hydraulique', 'potable'],
  },
  {
    code: 'climate',
    label: 'Climat et transition énergétique',
    sdgs: [13, 7, 11],
    words: ['climat', 'climatique', 'energie', 'transition'],
  },
  {
    code: 'youth',
    label: 'Jeunesse et ECSI',
    sdgs: [4, 10, 16],
    words: ['jeunesse', 'jeunes', 'ecsi', 'citoyennete'],
  },
  { code: 'gender', label: 'Égalité femmes-hommes', sdgs: [5, 10], words: ['genre', 'femmes', 'egalite'] },
  {
    code: 'economy',
    label: 'Développement économique',
    sdgs: [8, 9, 1],
    words: ['economie', 'economique', 'emploi', 'entreprises'],
  },
  {
    code: 'culture',
    label: 'Culture et patrimoine',
    sdgs: [11, 4],
    words: ['culture', 'patrimoine', 'culturel', 'musee'],
  },
  { code: 'health', label: 'Santé', sdgs: [3], words: ['sante', 'hopital', 'medical', 'soins'] },
  {
    code: 'food',
    label: 'Agriculture et alimentation',
    sdgs: [2, 12, 15],
    words: ['agriculture', 'alimentation', 'alimentaire', 'agricole', 'nutrition'],
  },
  {
    code: 'waste',
    label: 'Déchets',
    sdgs: [12, 11, 14],
    words: ['dechets', 'dechet', 'recyclage', 'ordures'],
  },
  {
    code: 'governance',
    label: 'Gouvernance et décentralisation',
    sdgs: [16, 17],
    words: ['gouvernance', 'decentralisation', 'etat civil', 'institutions'],
  },
  {
    code: 'crisis',
    label: 'Crises et reconstruction',
    sdgs: [1, 11, 16],
    words: ['crise', 'urgence', 'reconstruction', 'seisme'],
  },
  { code: 'tourism', label: 'Tourisme', sdgs: [8, 12], words: ['tourisme', 'touristique'] },
  {
    code: 'education',
    label: 'Éducation et formation',
    sdgs: [4],
    words: ['education', 'ecole', 'formation', 'universite'],
  },
  {
    code: 'volunteering',
    label: 'Volontariat et mobilité',
    sdgs: [17, 4],
    words: ['volontariat', 'volontaires', 'mobilite', 'service civique'],
  },
];

export const themeCodes = themes.map((t) => t.code) as [string, ...string[]];
const byCode = new Map(themes.map((t) => [t.code, t]));
export const themeLabel = (code: string): string => byCode.get(code)?.label ?? code;
export const isTheme = (code: string): boolean => byCode.has(code);
