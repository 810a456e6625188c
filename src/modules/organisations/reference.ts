// The official reference of French local governments (@etalab/decoupage-administratif, INSEE's COG):
// staff picks a commune, an EPCI, a département or a région from it instead of typing codes.
import { createRequire } from 'node:module';
import type { OrganisationKind } from './kinds.ts';

export interface ReferenceEntry {
  kind: Extract<OrganisationKind, 'commune' | 'epci' | 'departement' | 'region' | 'com'>;
  name: string;
  inseeCode: string;
  siren: string | null;
  regionCode: string | null;
  departementCode: string | null;
  /** What staff reads in a list: « Nancy — commune (54) ». */
  label: string;
}

interface RawCommune {
  code: string;
  nom: string;
  type: string;
  departement?: string;
  region?: string;
  siren?: string;
  zone?: string;
}
interface RawEpci {
  code: string;
  nom: string;
  membres: { code: string }[];
}
interface RawArea {
  code: string;
  nom: string;
  region?: string;
  zone?: string;
}

const kindLabels: Record<ReferenceEntry['kind'], string> = {
  commune: 'commune',
  epci: 'intercommunalité',
  departement: 'département',
  region: 'région',
  com: 'collectivité d’outre-mer',
};

let entries: ReferenceEntry[] | undefined;
let normalisedNames: string[] = [];

export function normalise(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .toLowerCase()
    .replace(/[-'’]/g, ' ')
    .replace(/\bst\b/g, 'saint')
    .replace(/\s+/g, ' ')
    .trim();
}

function load(): ReferenceEntry[] {
  if (entries) return entries;
  const require = createRequire(import.meta.url);
  const communes = require('@etalab/decoupage-administratif/data/communes.json') as RawCommune[];
  const epcis = require('@etalab/decoupage-administratif/data/epci.json') as RawEpci[];
  const departements = require('@etalab/decoupage-administratif/data/departements.json') as RawArea[];
  const regions = require('@etalab/decoupage-administratif/data/regions.json') as RawArea[];
  const communeByCode = new Map<string, RawCommune>();
  const list: ReferenceEntry[] = [];
  for (const c of communes) {
    if (c.type !== 'commune-actuelle') continue;
    communeByCode.set(c.code, c);
    const kind = c.zone === 'com' ? 'com' : 'commune';
    list.push({
      kind,
      name: c.nom,
      inseeCode: c.code,
      siren: c.siren ?? null,
      regionCode: c.region ?? null,
      departementCode: c.departement ?? null,
      label: `${c.nom} — ${kindLabels[kind]} (${c.departement ?? c.code.slice(0, 3)})`,
    });
  }
  for (const e of epcis) {
    const seat = e.membres[0] ? communeByCode.get(e.membres[0].code) : undefined;
    list.push({
      kind: 'epci',
      name: e.nom,
      inseeCode: e.code,
      siren: e.code,
      regionCode: seat?.region ?? null,
      departementCode: seat?.departement ?? null,
      label: `${e.nom} — ${kindLabels.epci}${seat?.departement ? ` (${seat.departement})` : ''}`,
    });
  }
  for (const d of departements) {
    list.push({
      kind: 'departement',
      name: d.nom,
      inseeCode: d.code,
      siren: null,
      regionCode: d.region ?? null,
      departementCode: d.code,
      label: `${d.nom} — ${kindLabels.departement} (${d.code})`,
    });
  }
  for (const r of regions) {
    list.push({
      kind: 'region',
      name: r.nom,
      inseeCode: r.code,
      siren: null,
      regionCode: r.code,
      departementCode: null,
      label: `${r.nom} — ${kindLabels.region}`,
    });
  }
  entries = list;
  normalisedNames = list.map((e) => normalise(e.name));
  return list;
}

const kindRank: Record<ReferenceEntry['kind'], number> = {
  region: 0,
  departement: 1,
  epci: 2,
  commune: 3,
  com: 3,
};

/** Entries whose name matches the query: exact names first, then names starting with it, then others. */
export function searchReference(query: string, limit = 20): ReferenceEntry[] {
  return findInReference(query, limit).items;
}

/**
 * The best `limit` entries for a query and how many entries match in all: a picker shows the best ones
 * and says how many it leaves out, so that staff types more of the name rather than missing one.
 */
export function findInReference(query: string, limit: number): { items: ReferenceEntry[]; total: number } {
  const q = normalise(query);
  if (q.length < 2) return { items: [], total: 0 };
  const list = load();
  const scored: { entry: ReferenceEntry; score: number }[] = [];
  for (let i = 0; i < list.length; i++) {
    const name = normalisedNames[i]!;
    const at = name.indexOf(q);
    if (at < 0) continue;
    const entry = list[i]!;
    const score = (name === q ? 0 : at === 0 ? 100 : 200) + kindRank[entry.kind] * 10 + name.length / 100;
    scored.push({ entry, score });
  }
  scored.sort((a, b) => a.score - b.score);
  return { items: scored.slice(0, limit).map((s) => s.entry), total: scored.length };
}

export function findReferenceEntry(kind: string, inseeCode: string): ReferenceEntry | undefined {
  return load().find((e) => e.kind === kind && e.inseeCode === inseeCode);
}

export function regions(): { code: string; name: string }[] {
  return load()
    .filter((e) => e.kind === 'region')
    .map((e) => ({ code: e.inseeCode, name: e.name }))
    .sort((a, b) => a.name.localeCompare(b.name, 'fr'));
}
