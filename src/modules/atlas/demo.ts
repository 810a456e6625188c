// Demo data of the atlas: about 330 partnerships across the twenty countries the seeds name, between French
// local governments of the official reference (the members' demo ones, the régions, départements and their
// chefs-lieux) and real foreign cities and provinces, with projects, themes and co-funders — made up, except
// the pairs the seeds state: Cannes–Shizuoka (« la ville de Cannes, jumelée avec Shizuoka », seed 002) and
// « Récap'Alimentaire Madagascar » in Erada, Maroalomainty and Sampona, co-funded by the DCTCIV with
// Nouvelle-Aquitaine, Ille-et-Vilaine, Mamoudzou and Mayotte. Rows are written in bulk (a few statements,
// not thousands): the demo is loaded at every first start.
import { randomUUID } from 'node:crypto';
import { createRequire } from 'node:module';
import type { Executor } from '../../platform/db/client.ts';
import type { DemoData } from '../module.ts';
import { findOrganisationByReference } from '../organisations/directory.ts';
import { createOrganisation, type Organisation } from '../organisations/organisations.ts';
import {
  countryDirectories,
  partnerPlaces,
  partnershipContacts,
  partnershipContributions,
  partnershipProjects,
  partnershipSides,
  partnerships,
  partnershipVersions,
  publications,
} from './atlas.schema.ts';
import { coFunderNames, foreignPlaces, partnershipsPerCountry, projectTitles } from './demo-places.ts';
import type { Snapshot } from './partnerships.ts';
import { reindex } from './search.ts';
import { themes } from './themes.ts';

const require = createRequire(import.meta.url);

/** A small deterministic generator (mulberry32): the same demo at every start. */
function random(seed: number) {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const introductions: Record<string, string> = {
  JP: 'Le Japon compte 47 préfectures et plus de 1 700 municipalités. La décentralisation, engagée par la loi de 1999, a élargi les compétences des collectivités, qui mènent une action internationale active : jumelages anciens, échanges culturels et universitaires, coopération sur le vieillissement, la résilience et la transition énergétique.\n\nLes Rencontres franco-japonaises de la coopération décentralisée réunissent tous les deux ans les collectivités des deux pays.',
  SN: 'Le Sénégal a engagé l’Acte III de la décentralisation en 2013 : 14 régions, 46 départements et 557 communes. Les collectivités françaises y coopèrent de longue date, notamment sur l’eau et l’assainissement, la gouvernance locale, l’état civil et le développement économique.',
  MG: 'Madagascar compte 23 régions et plus de 1 600 communes. La coopération décentralisée franco-malgache porte sur l’appui aux communes rurales, l’eau, l’agriculture et la sécurité alimentaire, notamment dans le Grand Sud.',
  MR: 'La Mauritanie a créé en 2018 des conseils régionaux élus, qui s’ajoutent aux communes. Les partenariats franco-mauritaniens, moins nombreux qu’ailleurs, portent sur l’eau, la santé et le renforcement des services communaux.',
  CN: 'La Chine compte 34 divisions de niveau provincial et des milliers de villes. Les partenariats franco-chinois, souvent anciens, vont des échanges culturels et universitaires à la coopération économique et au développement urbain durable.',
  LB: 'Le Liban compte plus de 1 000 municipalités et une cinquantaine de fédérations de municipalités. Les collectivités françaises y maintiennent leur coopération malgré la crise, sur l’eau, les déchets, le patrimoine et l’appui aux services municipaux.',
};

interface PoolEntry {
  id: string;
  regionCode: string | null;
}

/** The French local governments partnerships are drawn from: the members' demo ones, then the reference's. */
async function frenchPool(tx: Executor, demo: DemoData): Promise<PoolEntry[]> {
  const pool = new Map<string, PoolEntry>();
  for (const o of demo.organisations.values())
    if (o.country === 'FR' && o.kind !== 'institution')
      pool.set(o.id, { id: o.id, regionCode: o.regionCode });
  const regions = require('@etalab/decoupage-administratif/data/regions.json') as {
    code: string;
    zone: string;
  }[];
  const departements = require('@etalab/decoupage-administratif/data/departements.json') as {
    code: string;
    chefLieu: string;
  }[];
  const wanted: { kind: 'region' | 'departement' | 'commune'; inseeCode: string }[] = [
    ...regions.filter((r) => r.zone !== 'com').map((r) => ({ kind: 'region' as const, inseeCode: r.code })),
    ...departements
      .filter((_, i) => i % 2 === 0)
      .map((d) => ({ kind: 'departement' as const, inseeCode: d.code })),
    // Nancy (54395) stays out, as in the groups' demo: adding it from the reference is the newcomer's first step.
    ...departements
      .filter((d) => d.chefLieu !== '54395')
      .map((d) => ({ kind: 'commune' as const, inseeCode: d.chefLieu })),
    { kind: 'departement', inseeCode: '35' },
    { kind: 'departement', inseeCode: '976' },
    { kind: 'commune', inseeCode: '97611' },
  ];
  for (const w of wanted) {
    // The name is the reference's; the one given only fills the form's required field.
    const created = await createOrganisation(tx, { ...w, name: w.inseeCode }, null);
    const organisation: Organisation | undefined = created.ok
      ? created.value
      : await findOrganisationByReference(tx, w.kind, w.inseeCode);
    if (organisation) pool.set(organisation.id, { id: organisation.id, regionCode: organisation.regionCode });
  }
  return [...pool.values()];
}

async function findOrganisation(tx: Executor, kind: 'region' | 'departement' | 'commune', inseeCode: string) {
  const found = await findOrganisationByReference(tx, kind, inseeCode);
  if (!found) throw new Error(`démo de l’atlas : ${kind} ${inseeCode} absente`);
  return found;
}

export async function seedDemoAtlas(tx: Executor, demo: DemoData) {
  const next = random(2026);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)]!;
  const pool = await frenchPool(tx, demo);

  // The foreign local governments, with their province or region.
  const partners = new Map<string, { id: string; name: string }[]>();
  const places: (typeof partnerPlaces.$inferInsert)[] = [];
  for (const [country, list] of Object.entries(foreignPlaces)) {
    const made: { id: string; name: string }[] = [];
    for (const [name, region] of list) {
      const existing = [...demo.organisations.values()].find((o) => o.name === name && o.country === country);
      const created = existing
        ? { ok: true as const, value: existing }
        : await createOrganisation(tx, { name, kind: 'foreign_local_government', country }, null);
      if (!created.ok) throw new Error(`${name} : ${created.error.message}`);
      made.push({ id: created.value.id, name });
      places.push({ organisationId: created.value.id, region });
      demo.organisations.set(name, created.value);
    }
    partners.set(country, made);
  }
  await tx.insert(partnerPlaces).values(places).onConflictDoNothing();

  const rows: (typeof partnerships.$inferInsert)[] = [];
  const sides: (typeof partnershipSides.$inferInsert)[] = [];
  const projects: (typeof partnershipProjects.$inferInsert & { id: string })[] = [];
  const snapshots = new Map<string, Snapshot>();
  const year = demo.at.getUTCFullYear();

  const add = (
    partner: { id: string; name: string },
    french: string[],
    fields: {
      kind: Snapshot['kind'];
      since: number;
      status: Snapshot['status'];
      themes: string[];
      description: string;
    },
    works: Omit<typeof partnershipProjects.$inferInsert, 'partnershipId'>[],
  ) => {
    const id = randomUUID();
    rows.push({ id, partnerOrganisationId: partner.id, ...fields });
    for (const [position, organisationId] of french.entries())
      sides.push({ partnershipId: id, organisationId, position });
    const made = works.map((w) => ({ ...w, id: randomUUID(), partnershipId: id }));
    projects.push(...made);
    snapshots.set(id, {
      frenchOrganisationIds: french,
      partnerOrganisationId: partner.id,
      ...fields,
      agreementReference: null,
      agreementOn: null,
      contactIds: [],
      projects: made.map(({ partnershipId: _, ...p }) => ({
        id: p.id,
        title: p.title,
        startYear: p.startYear,
        ...(p.endYear ? { endYear: p.endYear } : {}),
        ...(p.budgetCents ? { budgetCents: p.budgetCents } : {}),
        currency: 'EUR',
        coFunders: p.coFunders ?? [],
        themes: p.themes ?? [],
        ...(p.description ? { description: p.description } : {}),
        ...(p.place ? { place: p.place } : {}),
      })),
    });
  };

  // The pairs the seeds state.
  const cannes = demo.organisations.get('Cannes');
  const shizuoka = partners.get('JP')!.find((p) => p.name === 'Shizuoka')!;
  if (cannes)
    add(
      shizuoka,
      [cannes.id],
      {
        kind: 'twinning',
        since: 1991,
        status: 'active',
        themes: ['culture', 'tourism', 'education'],
        description:
          'Jumelage entre Cannes et Shizuoka, villes du cinéma et du littoral. Cannes accueille en octobre 2026 la 9ᵉ édition des Rencontres franco-japonaises de la coopération décentralisée.',
      },
      [
        {
          title: 'Rencontres franco-japonaises de la coopération décentralisée (9ᵉ édition)',
          startYear: 2026,
          endYear: 2026,
          themes: ['culture', 'tourism'],
          coFunders: ['DCTCIV'],
          place: 'Cannes',
          description: 'Accueil des collectivités françaises et japonaises du 21 au 24 octobre 2026.',
        },
      ],
    );
  const nouvelleAquitaine = await findOrganisation(tx, 'region', '75');
  const recap = [
    nouvelleAquitaine.id,
    (await findOrganisation(tx, 'departement', '35')).id,
    (await findOrganisation(tx, 'commune', '97611')).id,
    (await findOrganisation(tx, 'departement', '976')).id,
  ];
  for (const name of ['Erada', 'Maroalomainty', 'Sampona']) {
    const partner = partners.get('MG')!.find((p) => p.name === name)!;
    add(
      partner,
      recap,
      {
        kind: 'decentralised_cooperation',
        since: 2023,
        status: 'active',
        themes: ['food', 'governance'],
        description:
          'Projet clé en main « Récap’Alimentaire Madagascar » : renforcer l’autonomie alimentaire des collectivités rurales du Grand Sud (régions Anosy et Androy). Mise en œuvre par le Gret, Agrisud International et le Centre technique agro-écologique du Sud (CTAS).',
      },
      [
        {
          title: 'Récap’Alimentaire Madagascar',
          startYear: 2023,
          endYear: 2026,
          budgetCents: 180_000_000,
          coFunders: ['DCTCIV', 'Nouvelle-Aquitaine', 'Ille-et-Vilaine', 'Mamoudzou', 'Mayotte'],
          themes: ['food', 'governance'],
          place: name,
          description: 'Atelier final de capitalisation les 9 et 10 décembre 2025 à Ambovombe.',
        },
      ],
    );
  }

  // The made-up ones, country by country.
  const kinds: Snapshot['kind'][] = [
    'twinning',
    'decentralised_cooperation',
    'decentralised_cooperation',
    'friendship_pact',
    'memorandum',
  ];
  const statuses: Snapshot['status'][] = ['active', 'active', 'active', 'active', 'dormant', 'ended'];
  for (const [country, count] of Object.entries(partnershipsPerCountry)) {
    const list = partners.get(country)!;
    const already = rows.filter((r) => list.some((p) => p.id === r.partnerOrganisationId)).length;
    for (let i = already; i < count; i++) {
      const partner = list[i % list.length]!;
      const french = [pick(pool).id];
      if (next() < 0.08) {
        const second = pick(pool).id;
        if (second !== french[0]) french.push(second);
      }
      const chosen = [
        ...new Set([pick(themes).code, pick(themes).code, ...(next() < 0.5 ? [pick(themes).code] : [])]),
      ];
      const since = 1960 + Math.floor(next() * (year - 1962));
      const works = Array.from({ length: Math.floor(next() * 4) }, () => {
        const theme = pick(chosen);
        const start = Math.max(since, year - 12 + Math.floor(next() * 12));
        return {
          title: pick(projectTitles[theme]!).replace('{place}', partner.name),
          startYear: start,
          endYear: next() < 0.7 ? start + 1 + Math.floor(next() * 3) : null,
          budgetCents: next() < 0.8 ? (5 + Math.floor(next() * 60)) * 1_000_000 : null,
          coFunders: [...new Set([pick(coFunderNames), ...(next() < 0.4 ? [pick(coFunderNames)] : [])])],
          themes: [theme],
          place: partner.name,
          description: `Projet mené avec ${partner.name} : diagnostic partagé, formation des équipes, réalisations et évaluation conjointe.`,
        };
      });
      add(
        partner,
        french,
        {
          kind: pick(kinds),
          since,
          status: pick(statuses),
          themes: chosen,
          description: `Partenariat engagé en ${since} avec ${partner.name}. Il réunit élus, services et acteurs du territoire autour de projets communs et d’échanges réguliers.`,
        },
        works,
      );
    }
  }

  await tx.insert(partnerships).values(rows);
  await tx.insert(partnershipSides).values(sides);
  await tx.insert(partnershipProjects).values(projects);
  // The members' demo referents are the contacts of their organisations' partnerships.
  const contacts: (typeof partnershipContacts.$inferInsert)[] = [];
  for (const person of demo.people.values()) {
    if (!person.referent || !person.organisationId) continue;
    for (const side of sides)
      if (side.organisationId === person.organisationId)
        contacts.push({ partnershipId: side.partnershipId, personId: person.id });
  }
  if (contacts.length) await tx.insert(partnershipContacts).values(contacts).onConflictDoNothing();
  for (const c of contacts) snapshots.get(c.partnershipId)!.contactIds.push(c.personId);
  await tx.insert(partnershipVersions).values(
    [...snapshots].map(([partnershipId, snapshot]) => ({
      partnershipId,
      snapshot,
      source: 'import' as const,
    })),
  );
  await reindex(tx);

  await tx
    .insert(countryDirectories)
    .values(Object.entries(introductions).map(([country, introduction]) => ({ country, introduction })));
  await tx.insert(publications).values([
    {
      kind: 'guide',
      title:
        'Guide sur l’action internationale des collectivités territoriales en période pré-électorale — Repères essentiels',
      description:
        'Publié avec l’ARRICOD : ce que la période pré-électorale change pour les partenariats et les projets.',
      editedOn: '2025-11-15',
      url: 'https://cites-unies-france.org',
    },
    {
      kind: 'brochure',
      title: 'Plaquette de présentation de Cités Unies France',
      description:
        'Les activités et services offerts aux adhérents : décryptages, espaces de dialogue, rencontres, DCOL, fonds de solidarité.',
      editedOn: '2025-12-01',
      url: 'https://cites-unies-france.org',
    },
  ]);

  // A referent's proposal waiting in the moderation queue (Angers proposes a new partnership in Japan).
  const angers = demo.organisations.get('Angers');
  const referent = [...demo.people.values()].find((p) => p.referent && p.organisationId === angers?.id);
  if (angers && referent)
    await tx.insert(partnershipContributions).values({
      organisationId: angers.id,
      proposedBy: referent.id,
      note: 'Convention signée au printemps : pouvez-vous l’ajouter au répertoire franco-japonais ?',
      proposal: {
        frenchOrganisationIds: [angers.id],
        partnerOrganisationId: partners.get('JP')!.find((p) => p.name === 'Matsumoto')!.id,
        kind: 'friendship_pact',
        since: 2026,
        status: 'active',
        themes: ['culture', 'youth'],
        description: 'Pacte d’amitié signé en 2026 : échanges scolaires et résidences d’artistes.',
        agreementReference: null,
        agreementOn: '2026-04-18',
        contactIds: [referent.id],
        projects: [],
      } satisfies Snapshot,
    });
}
