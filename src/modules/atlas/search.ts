// The atlas's search in plain French (decision 019): PostgreSQL's full text with the `coopdec_fr`
// configuration (unaccent + French stemming, drizzle/0023), trigrams for misspelt names, facets with counts.
// The search document and the facets' values live on each partnership's row (`reindex`), so that a search
// reads one table whatever its filters.
import { type SQL, sql } from 'drizzle-orm';
import { z } from 'zod';
import { type Executor, queryRows } from '../../platform/db/client.ts';
import { foldText } from '../../platform/db/fold.ts';
import { optional } from '../../platform/validation.ts';
import { frenchLocalGovernmentKinds } from '../organisations/kinds.ts';
import { getOrganisationsByIds } from '../organisations/organisations.ts';
import { partnershipStatuses } from './atlas.schema.ts';
import { countryName, countryNamesByCode, departementName, frenchRegions, regionName } from './places.ts';
import { themes } from './themes.ts';

const themeWords = JSON.stringify(
  Object.fromEntries(themes.map((t) => [t.code, `${t.label} ${t.words.join(' ')}`])),
);
let placeWords: string | undefined;

/**
 * Refreshes the derived columns of partnerships (all when `ids` is absent): the search document — names
 * weighted A; country, places, régions and themes B; descriptions and projects C — and the facets' values.
 * The organisations' names, kinds and places are read through the organisations module and given to the
 * statement as one JSON parameter (their table is that module's).
 */
export async function reindex(executor: Executor, ids?: string[]): Promise<void> {
  if (ids && ids.length === 0) return;
  placeWords ??= JSON.stringify({
    countries: countryNamesByCode(),
    regions: Object.fromEntries(frenchRegions().map((r) => [r.code, r.name])),
  });
  const only = ids
    ? sql`where p.id in (${sql.join(
        ids.map((id) => sql`${id}::uuid`),
        sql`, `,
      )})`
    : sql``;
  const involved = await queryRows<{ id: string }>(
    executor,
    sql`select p.partner_organisation_id as id from partnerships p ${only}
      union select s.organisation_id from partnership_sides s join partnerships p on p.id = s.partnership_id ${only}`,
  );
  const organisations = Object.fromEntries(
    (
      await getOrganisationsByIds(
        executor,
        involved.map((r) => r.id),
      )
    ).map((o) => [
      o.id,
      {
        name: o.name,
        kind: o.kind,
        country: o.country,
        region: o.regionCode,
        departement: o.departementCode,
      },
    ]),
  );
  await executor.execute(sql`
    with target as (select p.id, p.partner_organisation_id, p.description, p.themes from partnerships p ${only}),
    o as (
      select key::uuid as id, value ->> 'name' as name, value ->> 'kind' as kind, value ->> 'country' as country,
        value ->> 'region' as region_code, value ->> 'departement' as departement_code
      from jsonb_each(${JSON.stringify(organisations)}::jsonb)),
    sides as (
      select ps.partnership_id as id, string_agg(o.name, ' ' order by ps.position) as names,
        coalesce(array_agg(distinct o.region_code) filter (where o.region_code is not null), '{}') as regions,
        coalesce(array_agg(distinct o.departement_code) filter (where o.departement_code is not null), '{}') as deps,
        array_agg(distinct o.kind) as kinds
      from partnership_sides ps join o on o.id = ps.organisation_id
      where ps.partnership_id in (select id from target) group by ps.partnership_id),
    works as (
      select pr.partnership_id as id,
        string_agg(concat_ws(' ', pr.title, pr.description, pr.place), ' ') as words
      from partnership_projects pr where pr.partnership_id in (select id from target) group by pr.partnership_id),
    funders as (
      select pr.partnership_id as id, array_agg(distinct f) as co_funders
      from partnership_projects pr cross join lateral unnest(pr.co_funders) f
      where pr.partnership_id in (select id from target) group by pr.partnership_id),
    words as (select ${placeWords}::jsonb as places, ${themeWords}::jsonb as themes),
    computed as (
      select t.id, o.country, coalesce(s.regions, '{}') as regions, coalesce(s.deps, '{}') as deps,
        coalesce(s.kinds, '{}') as kinds, coalesce(f.co_funders, '{}') as co_funders,
        lower(unaccent(concat_ws(' ', s.names, o.name))) as names,
        setweight(to_tsvector('coopdec_fr', concat_ws(' ', s.names, o.name)), 'A')
        || setweight(to_tsvector('coopdec_fr', concat_ws(' ',
             w.places -> 'countries' ->> o.country, pp.region,
             (select string_agg(w.places -> 'regions' ->> r, ' ') from unnest(s.regions) r),
             (select string_agg(w.themes ->> th, ' ') from unnest(t.themes) th))), 'B')
        || setweight(to_tsvector('coopdec_fr', concat_ws(' ', t.description, k.words)), 'C') as search
      from target t
      join o on o.id = t.partner_organisation_id
      left join partner_places pp on pp.organisation_id = o.id
      left join sides s on s.id = t.id
      left join works k on k.id = t.id
      left join funders f on f.id = t.id
      cross join words w)
    update partnerships p set country = c.country, french_regions = c.regions, french_departements = c.deps,
      french_kinds = c.kinds, co_funders = c.co_funders, names = c.names, search = c.search
    from computed c where p.id = c.id`);
}

export const facetNames = [
  'country',
  'theme',
  'region',
  'departement',
  'kind',
  'status',
  'coFunder',
] as const;
export type FacetName = (typeof facetNames)[number];

const filterFields = {
  q: optional(z.string().trim().max(200)),
  country: optional(
    z
      .string()
      .trim()
      .regex(/^[A-Z]{2}$/, 'Code de pays ISO 3166-1 attendu (deux lettres, par exemple SN).'),
  ),
  theme: optional(
    z.enum(themes.map((t) => t.code) as [string, ...string[]], {
      error: 'Code de thème attendu (voir /api/v1/themes).',
    }),
  ),
  region: optional(
    z
      .string()
      .trim()
      .regex(/^\d{2,3}$/, 'Code INSEE de région attendu (par exemple 84).'),
  ),
  departement: optional(
    z
      .string()
      .trim()
      .regex(/^[0-9][0-9AB]\d?$/, 'Code de département attendu (par exemple 2A ou 75).'),
  ),
  kind: optional(
    z.enum(frenchLocalGovernmentKinds as [string, ...string[]], {
      error: 'Type attendu : commune, epci, departement, region ou com.',
    }),
  ),
  status: optional(z.enum(partnershipStatuses, { error: 'Statut attendu : active, dormant ou ended.' })),
  coFunder: optional(z.string().trim().max(120)),
  page: z.coerce.number({ error: 'Numéro de page attendu.' }).int().min(1).max(10_000).default(1),
};

/** What a search asks, as the API reads it: a value that is not one of a facet's is a 400 in French. */
export const searchFilters = z.object(filterFields);

/** The same for pages: a value that is not one of the facet's is ignored, not an error (links get old). */
export const lenientSearchFilters = z.object(
  Object.fromEntries(
    Object.entries(filterFields).map(([name, schema]) => [
      name,
      (schema as z.ZodType).catch(name === 'page' ? 1 : undefined),
    ]),
  ),
) as unknown as typeof searchFilters;
export type SearchFilters = z.infer<typeof searchFilters>;

/** The condition of one facet's filter (arrays are matched with their GIN index: `@>`). */
function facetCondition(facet: FacetName, value: string): SQL {
  switch (facet) {
    case 'country':
      return sql`p.country = ${value}`;
    case 'status':
      return sql`p.status = ${value}`;
    case 'theme':
      return sql`p.themes @> array[${value}]::text[]`;
    case 'region':
      return sql`p.french_regions @> array[${value}]::text[]`;
    case 'departement':
      return sql`p.french_departements @> array[${value}]::text[]`;
    case 'kind':
      return sql`p.french_kinds @> array[${value}]::text[]`;
    case 'coFunder':
      return sql`p.co_funders @> array[${value}]::text[]`;
  }
}

/** The text's condition: the words (stemmed, unaccented), or a partner's name near enough (« Shizuoca »). */
function textCondition(q: string): SQL {
  return sql`(p.search @@ websearch_to_tsquery('coopdec_fr', ${q}) or ${foldText(q)} <% p.names)`;
}

/** The facets' filters (all, or all but one), on rows already matched by the text. */
function facetConditions(filters: SearchFilters, except?: FacetName): SQL {
  const parts: SQL[] = [sql`true`];
  for (const facet of facetNames) {
    const value = filters[facet];
    if (value && facet !== except) parts.push(facetCondition(facet, value));
  }
  return sql.join(parts, sql` and `);
}

const facetValues: Record<FacetName, SQL> = {
  country: sql`p.country`,
  status: sql`p.status`,
  theme: sql`unnest(p.themes)`,
  region: sql`unnest(p.french_regions)`,
  departement: sql`unnest(p.french_departements)`,
  kind: sql`unnest(p.french_kinds)`,
  coFunder: sql`unnest(p.co_funders)`,
};

export const pageSize = 30;

export interface SearchResult {
  ids: string[];
  total: number;
  /** For each facet, its values with the number of partnerships the search would find with it chosen. */
  facets: Record<FacetName, Record<string, number>>;
}

/** Staff's lists only: archived partnerships searched too, and a longer page (an export is one page). */
export interface SearchOptions {
  includeArchived?: boolean;
  pageSize?: number;
}

/**
 * One page of partnerships (relevance, then the latest changed), the total, and the facets' counts, in one
 * statement. A facet's counts apply every filter but its own: each count is the total one would get by
 * choosing it. The rows that pass the text and every filter are read once (`m`): the page, the total and the
 * counts of the facets not chosen come from them. A chosen facet's counts read their own rows, found through
 * the indexes of the other filters: a text that nearly every partnership matches (« coopération ») no longer
 * makes each facet go over all of them (decision 025).
 */
export async function searchPartnerships(
  executor: Executor,
  filters: SearchFilters,
  options: SearchOptions = {},
): Promise<SearchResult> {
  const size = options.pageSize ?? pageSize;
  const query = filters.q ? sql`websearch_to_tsquery('coopdec_fr', ${filters.q})` : undefined;
  const rank = query
    ? sql`ts_rank(s.search, ${query}) + similarity(${foldText(filters.q!)}, s.names) desc,`
    : sql``;
  const matched = sql`${options.includeArchived ? sql`true` : sql`p.archived_at is null`}
    and ${filters.q ? textCondition(filters.q) : sql`true`}`;
  const rows = await queryRows<{ facet: string; value: string; n: number }>(
    executor,
    sql`with m as materialized (
        select p.id, p.updated_at, p.country, p.status, p.themes, p.french_regions, p.french_departements,
          p.french_kinds, p.co_funders
        from partnerships p where ${matched} and ${facetConditions(filters)}),
      page as (
        select p.id, row_number() over (order by ${rank} p.updated_at desc, p.id) as position
        from m p ${query ? sql`join partnerships s on s.id = p.id` : sql``}
        order by position limit ${size} offset ${(filters.page - 1) * size})
      select '' as facet, id::text as value, position::int as n from page
      union all select '*', '', count(*)::int from m p
      ${sql.join(
        facetNames.map((facet) => {
          const rowsOf = filters[facet]
            ? sql`partnerships p where ${matched} and ${facetConditions(filters, facet)}`
            : sql`m p`;
          return sql` union all (select ${facet}::text, v, count(*)::int
              from (select ${facetValues[facet]} as v from ${rowsOf}) x group by v)`;
        }),
        sql``,
      )}`,
  );
  const facets = Object.fromEntries(facetNames.map((f) => [f, {}])) as SearchResult['facets'];
  const page: { id: string; position: number }[] = [];
  let total = 0;
  for (const row of rows) {
    if (row.facet === '') page.push({ id: row.value, position: Number(row.n) });
    else if (row.facet === '*') total = Number(row.n);
    else facets[row.facet as FacetName][row.value] = Number(row.n);
  }
  return { ids: page.sort((a, b) => a.position - b.position).map((r) => r.id), total, facets };
}

/** A facet value as people read it: a country's or a région's name, a theme's label. */
export function facetLabel(facet: FacetName, value: string): string {
  switch (facet) {
    case 'country':
      return countryName(value);
    case 'region':
      return regionName(value);
    case 'departement':
      return `${departementName(value)} (${value})`;
    case 'theme':
      return themes.find((t) => t.code === value)?.label ?? value;
    default:
      return value;
  }
}
