// Names of places the atlas shows and understands: countries (ISO 3166-1 alpha-2, in French from the
// platform's CLDR), French régions and départements (INSEE codes, from the official reference's small files).
import { createRequire } from 'node:module';
import { countryCodes, countryName, isCountryCode } from '../../platform/countries.ts';
import { foldText } from '../../platform/db/fold.ts';

const require = createRequire(import.meta.url);

interface Area {
  code: string;
  nom: string;
  region?: string;
}
const regionRows = require('@etalab/decoupage-administratif/data/regions.json') as Area[];
const departementRows = require('@etalab/decoupage-administratif/data/departements.json') as Area[];

const regionNames = new Map(regionRows.map((r) => [r.code, r.nom]));
const departementNames = new Map(departementRows.map((d) => [d.code, d.nom]));

export const regionName = (code: string) => regionNames.get(code) ?? code;
export const departementName = (code: string) => departementNames.get(code) ?? code;
export const frenchRegions = (): { code: string; name: string }[] =>
  regionRows.map((r) => ({ code: r.code, name: r.nom })).sort((a, b) => a.name.localeCompare(b.name, 'fr'));

export { countryName, isCountryCode };

/** The French names of every country, by code: the search document reads them (« Sénégal » finds SN). */
export const countryNamesByCode = (): Record<string, string> =>
  Object.fromEntries(countryCodes.map((c) => [c, countryName(c)]));

// How people name some countries otherwise than the CLDR does.
const countryAliases: Record<string, string> = {
  coree: 'KR',
  'coree du sud': 'KR',
  palestine: 'PS',
  'etats unis': 'US',
  usa: 'US',
  amerique: 'US',
  birmanie: 'MM',
  'republique democratique du congo': 'CD',
  rdc: 'CD',
};

/** Folded names (one to five words) → what they name. */
export const placeNames = (() => {
  const countries = new Map<string, string>(Object.entries(countryAliases));
  for (const code of countryCodes) countries.set(foldText(countryName(code)), code);
  const regions = new Map<string, string>();
  for (const r of regionRows) regions.set(foldText(r.nom), r.code);
  return { countries, regions };
})();
