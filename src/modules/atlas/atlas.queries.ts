// What the atlas's pages, API and publications read of partnerships: full cards for a list of ids (three
// queries whatever their number), a country's directory, the counts per country and per French région.
import { asc, eq, getTableColumns, inArray, sql } from 'drizzle-orm';
import { type Executor, queryRows } from '../../platform/db/client.ts';
import { formatDate } from '../../platform/time.ts';
import { personCards } from '../organisations/directory.ts';
import { getOrganisationsByIds } from '../organisations/organisations.ts';
import {
  countryDirectories,
  partnerPlaces,
  partnershipContacts,
  partnershipProjects,
  partnershipSides,
  partnerships,
} from './atlas.schema.ts';
import type { Directory, DirectoryPartnership } from './directory.types.ts';
import {
  type Partnership,
  type Project,
  partnershipKindLabels,
  partnershipStatusLabels,
} from './partnerships.ts';
import { countryName, departementName, regionName } from './places.ts';
import { themeLabel } from './themes.ts';

export interface Side {
  id: string;
  name: string;
  kind: string;
  regionCode: string | null;
  departementCode: string | null;
}

// The search document and the folded names are the search's (search.ts): no card shows them, and the
// document is about a kilobyte a partnership to send and parse.
const { search: _search, names: _names, ...cardColumns } = getTableColumns(partnerships);

export interface Card extends Omit<Partnership, 'search' | 'names'> {
  french: Side[];
  partner: { id: string; name: string; country: string; region: string | null };
  projects: Project[];
  contacts: { id: string; firstName: string; lastName: string; email: string; organisation: string | null }[];
}

/** Partnerships with their sides, partner, projects and contacts, in the order of `ids`. */
export async function cardsOf(executor: Executor, ids: string[]): Promise<Card[]> {
  if (ids.length === 0) return [];
  const [rows, sides, projects, contacts] = await Promise.all([
    executor
      .select({ p: cardColumns, region: partnerPlaces.region })
      .from(partnerships)
      .leftJoin(partnerPlaces, eq(partnerPlaces.organisationId, partnerships.partnerOrganisationId))
      .where(inArray(partnerships.id, ids)),
    executor
      .select()
      .from(partnershipSides)
      .where(inArray(partnershipSides.partnershipId, ids))
      .orderBy(asc(partnershipSides.position)),
    executor
      .select()
      .from(partnershipProjects)
      .where(inArray(partnershipProjects.partnershipId, ids))
      .orderBy(asc(partnershipProjects.startYear), asc(partnershipProjects.title)),
    executor.select().from(partnershipContacts).where(inArray(partnershipContacts.partnershipId, ids)),
  ]);
  // Names and places of organisations and people, from their module (one query each).
  const [organisations, people] = await Promise.all([
    getOrganisationsByIds(executor, [
      ...new Set([...rows.map((r) => r.p.partnerOrganisationId), ...sides.map((s) => s.organisationId)]),
    ]),
    personCards(executor, [...new Set(contacts.map((c) => c.personId))]),
  ]);
  const organisation = new Map(organisations.map((o) => [o.id, o]));
  const person = new Map([...people.values()].filter((p) => !p.disabled).map((p) => [p.id, p]));
  const group = <T extends { partnershipId: string }>(list: T[]) => {
    const map = new Map<string, T[]>();
    for (const item of list) map.set(item.partnershipId, [...(map.get(item.partnershipId) ?? []), item]);
    return map;
  };
  const sidesBy = group(sides);
  const projectsBy = group(projects);
  const contactsBy = group(contacts);
  const byId = new Map(
    rows.map(({ p, region }) => {
      const partner = organisation.get(p.partnerOrganisationId);
      const card: Card = {
        ...p,
        french: (sidesBy.get(p.id) ?? []).flatMap((side) => {
          const o = organisation.get(side.organisationId);
          return o
            ? [
                {
                  id: o.id,
                  name: o.name,
                  kind: o.kind,
                  regionCode: o.regionCode,
                  departementCode: o.departementCode,
                },
              ]
            : [];
        }),
        partner: {
          id: p.partnerOrganisationId,
          name: partner?.name ?? '',
          country: partner?.country ?? p.country,
          region,
        },
        projects: projectsBy.get(p.id) ?? [],
        contacts: (contactsBy.get(p.id) ?? []).flatMap((c) => {
          const found = person.get(c.personId);
          return found
            ? [
                {
                  id: found.id,
                  firstName: found.firstName,
                  lastName: found.lastName,
                  email: found.email,
                  organisation: found.organisationName,
                },
              ]
            : [];
        }),
      };
      return [p.id, card];
    }),
  );
  return ids.flatMap((id) => (byId.has(id) ? [byId.get(id)!] : []));
}

/** Active partnerships per partner country (archived ones aside). */
export async function activeByCountry(executor: Executor): Promise<Map<string, number>> {
  const rows = await queryRows<{ country: string; n: number }>(
    executor,
    sql`select country, count(*)::int as n from partnerships
      where archived_at is null and status = 'active' and country <> '' group by country`,
  );
  return new Map(rows.map((r) => [r.country, Number(r.n)]));
}

/** French local governments engaged in an active partnership (with `country`), per French région. */
export async function engagedByRegion(executor: Executor, country?: string): Promise<Map<string, number>> {
  const rows = await queryRows<{ id: string }>(
    executor,
    sql`select distinct s.organisation_id as id
      from partnerships p join partnership_sides s on s.partnership_id = p.id
      where p.archived_at is null and p.status = 'active' ${country ? sql`and p.country = ${country}` : sql``}`,
  );
  const counts = new Map<string, number>();
  for (const o of await getOrganisationsByIds(
    executor,
    rows.map((r) => r.id),
  ))
    if (o.regionCode) counts.set(o.regionCode, (counts.get(o.regionCode) ?? 0) + 1);
  return counts;
}

export async function directoryIntroduction(executor: Executor, country: string) {
  const [row] = await executor
    .select()
    .from(countryDirectories)
    .where(eq(countryDirectories.country, country));
  return row;
}

const paragraphs = (text: string | null) =>
  (text ?? '')
    .split(/\n\s*\n/)
    .map((p) => p.replace(/\s+/g, ' ').trim())
    .filter(Boolean);

/** A country's directory: every partnership not archived, grouped by the French région of its first side. */
export async function directoryOf(
  executor: Executor,
  country: string,
  at: Date = new Date(),
): Promise<Directory> {
  const ids = (
    await executor
      .select({ id: partnerships.id })
      .from(partnerships)
      .where(sql`${partnerships.country} = ${country} and ${partnerships.archivedAt} is null`)
  ).map((r) => r.id);
  const [cards, intro] = await Promise.all([
    cardsOf(executor, ids),
    directoryIntroduction(executor, country),
  ]);
  const regions = new Map<string, DirectoryPartnership[]>();
  const frenchIds = new Set<string>();
  const themeCounts = new Map<string, number>();
  const funderCounts = new Map<string, number>();
  let projects = 0;
  for (const card of cards) {
    for (const side of card.french) frenchIds.add(side.id);
    for (const theme of card.themes) themeCounts.set(theme, (themeCounts.get(theme) ?? 0) + 1);
    for (const project of card.projects) {
      projects++;
      for (const funder of project.coFunders) funderCounts.set(funder, (funderCounts.get(funder) ?? 0) + 1);
    }
    const region = card.french[0]?.regionCode
      ? regionName(card.french[0].regionCode)
      : 'Autres collectivités';
    regions.set(region, [...(regions.get(region) ?? []), directoryEntry(card)]);
  }
  const byCount = (map: Map<string, number>) =>
    [...map].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0], 'fr'));
  return {
    country: { code: country, name: countryName(country) },
    introduction: paragraphs(intro?.introduction ?? null),
    editedOn: at,
    figures: {
      partnerships: cards.length,
      activePartnerships: cards.filter((c) => c.status === 'active').length,
      frenchOrganisations: frenchIds.size,
      projects,
      themes: byCount(themeCounts).map(([code, count]) => ({ label: themeLabel(code), count })),
      coFunders: byCount(funderCounts).map(([name, count]) => ({ name, count })),
    },
    regions: [...regions]
      .sort((a, b) => a[0].localeCompare(b[0], 'fr'))
      .map(([name, list]) => ({
        name,
        partnerships: list.sort((a, b) =>
          (a.frenchOrganisations[0]?.name ?? '').localeCompare(b.frenchOrganisations[0]?.name ?? '', 'fr'),
        ),
      })),
    publisher: { name: 'Cités Unies France', url: 'https://cites-unies-france.org' },
  };
}

const agreementText = (card: Card) => {
  const parts = [
    card.agreementOn ? `Convention du ${formatDate(card.agreementOn)}` : null,
    card.agreementReference ? `réf. ${card.agreementReference}` : null,
  ].filter(Boolean);
  return parts.length ? parts.join(', ') : null;
};

function directoryEntry(card: Card): DirectoryPartnership {
  return {
    id: card.id,
    frenchOrganisations: card.french.map((s) => ({
      name: s.name,
      departement: s.departementCode ? departementName(s.departementCode) : null,
    })),
    partner: { name: card.partner.name, region: card.partner.region },
    kind: partnershipKindLabels[card.kind],
    status: partnershipStatusLabels[card.status],
    since: card.since,
    agreement: agreementText(card),
    themes: card.themes.map(themeLabel),
    description: card.description,
    projects: card.projects.map((p) => ({
      title: p.title,
      startYear: p.startYear,
      endYear: p.endYear,
      budgetCents: p.budgetCents,
      currency: p.currency,
      coFunders: p.coFunders,
      themes: p.themes.map(themeLabel),
      description: p.description,
      place: p.place,
    })),
  };
}

/** Other French local governments cooperating with a partner in the same foreign region as the organisation's. */
export async function sameRegionAs(executor: Executor, organisationId: string) {
  const rows = await queryRows<{ organisation: string; partner: string; region: string; country: string }>(
    executor,
    sql`with mine as (
        select distinct pp.region, p.country from partnerships p
        join partnership_sides s on s.partnership_id = p.id
        join partner_places pp on pp.organisation_id = p.partner_organisation_id
        where s.organisation_id = ${organisationId} and p.archived_at is null)
      select distinct s.organisation_id as organisation, p.partner_organisation_id as partner, pp.region, p.country
      from partnerships p
      join partner_places pp on pp.organisation_id = p.partner_organisation_id
      join mine on mine.region = pp.region and mine.country = p.country
      join partnership_sides s on s.partnership_id = p.id
      where p.archived_at is null and s.organisation_id <> ${organisationId}
        and not exists (select 1 from partnership_sides own
          where own.partnership_id = p.id and own.organisation_id = ${organisationId})
      limit 60`,
  );
  const names = new Map(
    (
      await getOrganisationsByIds(executor, [...new Set(rows.flatMap((r) => [r.organisation, r.partner]))])
    ).map((o) => [o.id, o.name]),
  );
  return rows
    .map((r) => ({
      ...r,
      organisation: names.get(r.organisation) ?? '',
      partner: names.get(r.partner) ?? '',
    }))
    .sort(
      (a, b) => a.region.localeCompare(b.region, 'fr') || a.organisation.localeCompare(b.organisation, 'fr'),
    );
}

/** The countries with partnerships (archived aside): all and active ones, most first. */
export async function countriesWithPartnerships(executor: Executor) {
  const rows = await queryRows<{ country: string; total: number; active: number }>(
    executor,
    sql`select country, count(*)::int as total, count(*) filter (where status = 'active')::int as active
      from partnerships where archived_at is null and country <> '' group by country`,
  );
  return rows
    .map((r) => ({
      code: r.country,
      name: countryName(r.country),
      total: Number(r.total),
      active: Number(r.active),
    }))
    .sort((a, b) => b.total - a.total || a.name.localeCompare(b.name, 'fr'));
}
