// The atlas's open data: the public part of every partnership in the atlas (archived ones aside), as JSON
// (`GET /api/v1/partnerships/export`, its schema in the API document) and as a CSV for French spreadsheets
// (`/atlas/donnees.csv`). What the directories keep for members stays out: descriptions, budgets, agreements'
// references and contacts — the same line as `atlasPolicy.readFull`.
import { asc, eq, inArray, isNull } from 'drizzle-orm';
import { z } from 'zod';
import type { Executor } from '../../platform/db/client.ts';
import type { Column } from '../../platform/sheets/sheets.ts';
import { getOrganisationsByIds } from '../organisations/organisations.ts';
import {
  partnerPlaces,
  partnershipKinds,
  partnershipProjects,
  partnershipSides,
  partnershipStatuses,
  partnerships,
} from './atlas.schema.ts';
import { partnershipKindLabels, partnershipStatusLabels } from './partnerships.ts';
import { countryName, departementName, regionName } from './places.ts';
import { themeLabel } from './themes.ts';

const place = z.object({ code: z.string(), name: z.string() });
const theme = z.object({
  code: z.string().describe('Code du thème (voir GET /api/v1/themes)'),
  label: z.string(),
});

export const openPartnership = z.object({
  id: z.uuid(),
  frenchOrganisations: z
    .array(
      z.object({
        name: z.string(),
        kind: z.string().describe('commune, epci, departement, region ou com'),
        siren: z.string().nullable(),
        inseeCode: z.string().nullable().describe('Code officiel géographique de l’INSEE'),
        region: place.nullable().describe('Région (code INSEE et nom)'),
        departement: place.nullable().describe('Département (code INSEE et nom)'),
      }),
    )
    .describe('Les collectivités françaises du partenariat, dans leur ordre'),
  partner: z.object({
    name: z.string(),
    country: z.string().describe('Code ISO 3166-1 alpha-2'),
    countryName: z.string().describe('Nom français du pays'),
    region: z
      .string()
      .nullable()
      .describe('Région, province ou préfecture du partenaire, quand elle est connue'),
  }),
  kind: z.enum(partnershipKinds),
  kindLabel: z.string(),
  since: z.number().int().nullable().describe('Année du début du partenariat'),
  status: z.enum(partnershipStatuses),
  statusLabel: z.string(),
  themes: z.array(theme),
  projects: z.array(
    z.object({
      title: z.string(),
      startYear: z.number().int(),
      endYear: z.number().int().nullable(),
      coFunders: z.array(z.string()),
      themes: z.array(theme),
    }),
  ),
  updatedAt: z.iso.datetime({ offset: true }).describe('Dernière modification du partenariat'),
});
export type OpenPartnership = z.infer<typeof openPartnership>;

export const openDataDocument = z.object({
  generatedAt: z.iso.datetime({ offset: true }),
  count: z.number().int(),
  note: z.string(),
  items: z.array(openPartnership),
});

const note =
  'Partie publique de l’atlas des partenariats : les descriptions, les budgets des projets, les références des conventions et les contacts sont réservés aux collectivités adhérentes et ne figurent pas dans cet export.';

const areaOf = (code: string | null, name: (code: string) => string) =>
  code ? { code, name: name(code) } : null;
const themesOf = (codes: string[]) => codes.map((code) => ({ code, label: themeLabel(code) }));

/** Every partnership of the atlas (archived ones aside), by partner country, partner, then id. */
export async function openPartnerships(executor: Executor): Promise<OpenPartnership[]> {
  const rows = await executor
    .select({
      id: partnerships.id,
      partnerId: partnerships.partnerOrganisationId,
      kind: partnerships.kind,
      since: partnerships.since,
      status: partnerships.status,
      themes: partnerships.themes,
      updatedAt: partnerships.updatedAt,
      region: partnerPlaces.region,
    })
    .from(partnerships)
    .leftJoin(partnerPlaces, eq(partnerPlaces.organisationId, partnerships.partnerOrganisationId))
    .where(isNull(partnerships.archivedAt));
  if (rows.length === 0) return [];
  const ids = rows.map((r) => r.id);
  // Three more queries whatever the number of partnerships (the list is the whole atlas).
  const [sides, projects] = await Promise.all([
    executor
      .select({
        partnershipId: partnershipSides.partnershipId,
        organisationId: partnershipSides.organisationId,
      })
      .from(partnershipSides)
      .where(inArray(partnershipSides.partnershipId, ids))
      .orderBy(asc(partnershipSides.partnershipId), asc(partnershipSides.position)),
    executor
      .select({
        partnershipId: partnershipProjects.partnershipId,
        title: partnershipProjects.title,
        startYear: partnershipProjects.startYear,
        endYear: partnershipProjects.endYear,
        coFunders: partnershipProjects.coFunders,
        themes: partnershipProjects.themes,
      })
      .from(partnershipProjects)
      .where(inArray(partnershipProjects.partnershipId, ids))
      .orderBy(asc(partnershipProjects.startYear), asc(partnershipProjects.title)),
  ]);
  const organisationIds = [
    ...new Set([...rows.map((r) => r.partnerId), ...sides.map((s) => s.organisationId)]),
  ];
  const orgs = new Map((await getOrganisationsByIds(executor, organisationIds)).map((o) => [o.id, o]));
  const sidesBy = Map.groupBy(sides, (s) => s.partnershipId);
  const projectsBy = Map.groupBy(projects, (p) => p.partnershipId);
  const items = rows.map((p): OpenPartnership => {
    const partner = orgs.get(p.partnerId)!;
    return {
      id: p.id,
      frenchOrganisations: (sidesBy.get(p.id) ?? []).map(({ organisationId }) => {
        const o = orgs.get(organisationId)!;
        return {
          name: o.name,
          kind: o.kind,
          siren: o.siren,
          inseeCode: o.inseeCode,
          region: areaOf(o.regionCode, regionName),
          departement: areaOf(o.departementCode, departementName),
        };
      }),
      partner: {
        name: partner.name,
        country: partner.country,
        countryName: countryName(partner.country),
        region: p.region,
      },
      kind: p.kind,
      kindLabel: partnershipKindLabels[p.kind],
      since: p.since,
      status: p.status,
      statusLabel: partnershipStatusLabels[p.status],
      themes: themesOf(p.themes),
      projects: (projectsBy.get(p.id) ?? []).map((pr) => ({
        title: pr.title,
        startYear: pr.startYear,
        endYear: pr.endYear,
        coFunders: pr.coFunders,
        themes: themesOf(pr.themes),
      })),
      updatedAt: p.updatedAt.toISOString(),
    };
  });
  return items.sort(
    (a, b) =>
      a.partner.country.localeCompare(b.partner.country) ||
      a.partner.name.localeCompare(b.partner.name, 'fr') ||
      a.id.localeCompare(b.id),
  );
}

export async function openDataOf(
  executor: Executor,
  at = new Date(),
): Promise<z.infer<typeof openDataDocument>> {
  const items = await openPartnerships(executor);
  return { generatedAt: at.toISOString(), count: items.length, note, items };
}

/** Several values in one cell, in order: split on « | » to read them back. */
const joined = (values: readonly (string | null | undefined)[]) => values.map((v) => v ?? '').join(' | ');

const years = (p: OpenPartnership['projects'][number]) =>
  p.endYear === null
    ? `depuis ${p.startYear}`
    : p.endYear === p.startYear
      ? `${p.startYear}`
      : `${p.startYear}-${p.endYear}`;

/** A project in one cell: « Titre (2019-2022) ; cofinanceurs : AFD, DCTCIV ; thèmes : Eau et assainissement ». */
const projectText = (p: OpenPartnership['projects'][number]) =>
  [
    `${p.title} (${years(p)})`,
    p.coFunders.length ? `cofinanceurs : ${p.coFunders.join(', ')}` : null,
    p.themes.length ? `thèmes : ${p.themes.map((t) => t.label).join(', ')}` : null,
  ]
    .filter(Boolean)
    .join(' ; ');

/** The CSV's columns: one line per partnership; the French side's columns list its members in the same order. */
export const openDataColumns: Column<OpenPartnership>[] = [
  { header: 'Identifiant', value: (p) => p.id },
  { header: 'Collectivités françaises', value: (p) => joined(p.frenchOrganisations.map((o) => o.name)) },
  { header: 'SIREN', value: (p) => joined(p.frenchOrganisations.map((o) => o.siren)) },
  { header: 'Codes INSEE', value: (p) => joined(p.frenchOrganisations.map((o) => o.inseeCode)) },
  { header: 'Régions', value: (p) => joined(p.frenchOrganisations.map((o) => o.region?.name)) },
  { header: 'Départements', value: (p) => joined(p.frenchOrganisations.map((o) => o.departement?.name)) },
  { header: 'Partenaire', value: (p) => p.partner.name },
  { header: 'Code pays', value: (p) => p.partner.country },
  { header: 'Pays', value: (p) => p.partner.countryName },
  { header: 'Région du partenaire', value: (p) => p.partner.region },
  { header: 'Type', value: (p) => p.kindLabel },
  { header: 'Depuis', type: 'number', value: (p) => p.since },
  { header: 'Statut', value: (p) => p.statusLabel },
  { header: 'Codes des thèmes', value: (p) => joined(p.themes.map((t) => t.code)) },
  { header: 'Thèmes', value: (p) => joined(p.themes.map((t) => t.label)) },
  { header: 'Nombre de projets', type: 'number', value: (p) => p.projects.length },
  { header: 'Projets', value: (p) => joined(p.projects.map(projectText)) },
  { header: 'Dernière modification', type: 'date', value: (p) => new Date(p.updatedAt) },
];
