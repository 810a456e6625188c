// « Qui travaille sur l'eau au Sénégal ? »: a question typed in the atlas's search box is read as a theme, a
// country and a French région when it names them; the words left are searched as text. What was understood
// is shown to the person, each part removable, so that a wrong guess costs one click.
import { foldText } from '../../platform/db/fold.ts';
import { frenchRegions, placeNames } from './places.ts';
import { themes } from './themes.ts';

export interface Understood {
  theme?: string;
  country?: string;
  region?: string;
  /** The words left, as typed (accents kept for the search's stemming). */
  rest: string;
}

// Words of a question that say nothing of what is searched.
const filler = new Set(
  (
    'qui que quoi quel quelle quels quelles ou est sont il elles ils on y a en au aux du de des d l le la les un une ' +
    'sur avec dans pour par et chez vers travaille travaillent travaillant cooperent coopere cooperant collabore ' +
    'collaborent agit agissent oeuvre oeuvrent mene menent engage engagee engagees engages projet projets ' +
    'collectivite collectivites partenariat partenariats partenaire partenaires cooperation cooperations ville villes'
  ).split(' '),
);

const themeWords = new Map<string, string>();
for (const theme of themes) {
  for (const word of theme.words) themeWords.set(foldText(word), theme.code);
  themeWords.set(foldText(theme.label), theme.code);
}

/** Reads a question; returns nothing understood when it names no theme, country or région. */
export function understand(question: string): Understood {
  const words = question.split(/[\s,;?!.«»"()-]+|(?<=[’'])/u).filter(Boolean);
  const folded = words.map((w) => foldText(w).replace(/\s+/g, ''));
  const used = new Array<boolean>(words.length).fill(false);
  const found: Omit<Understood, 'rest'> = {};
  // Longest names first (« Burkina Faso », « Centre-Val de Loire » before « Centre »).
  for (let size = 5; size >= 1; size--) {
    for (let i = 0; i + size <= words.length; i++) {
      if (used.slice(i, i + size).some(Boolean)) continue;
      const phrase = folded.slice(i, i + size).join(' ');
      let hit = false;
      const country = placeNames.countries.get(phrase);
      const region = placeNames.regions.get(phrase);
      const theme = themeWords.get(phrase);
      if (country && !found.country && !(size === 1 && phrase.length < 3)) {
        found.country = country;
        hit = true;
      } else if (region && !found.region) {
        found.region = region;
        hit = true;
      } else if (theme && (!found.theme || found.theme === theme)) {
        found.theme = theme;
        hit = true;
      }
      if (hit) for (let j = i; j < i + size; j++) used[j] = true;
    }
  }
  if (!found.country && !found.region && !found.theme) return { rest: question.trim() };
  const rest = words
    .filter(
      (_, i) =>
        !used[i] &&
        !filler.has(folded[i]!.replace(/[’']/g, '')) &&
        folded[i]!.replace(/[’']/g, '').length > 0,
    )
    .join(' ');
  return { ...found, rest };
}

export const regionOptions = frenchRegions;
