// Exports of organisations and people for staff (CSV and XLSX share the same columns): the list as its page
// filters it, every row of it.
import { asc, sql } from 'drizzle-orm';
import type { Executor } from '../../platform/db/client.ts';
import type { Sheet } from '../../platform/http/send-sheet.ts';
import type { Column } from '../../platform/sheets/sheets.ts';
import type { civilities } from './kinds.ts';
import { membershipStatusLabels, membersInGoodStanding } from './memberships.ts';
import { organisations } from './organisations.schema.ts';
import {
  type Organisation,
  type OrganisationFilters,
  organisationConditions,
  organisationKindLabels,
} from './organisations.ts';
import { personKindLabels } from './people.ts';
import { allPeople, type DirectoryEntry, type PeopleFilters } from './people-directory.ts';

export async function listAllOrganisations(executor: Executor, filters: OrganisationFilters = {}) {
  const rows = await executor
    .select()
    .from(organisations)
    .where(organisationConditions(filters))
    .orderBy(asc(sql`lower(${organisations.name})`), asc(organisations.id));
  const members = await membersInGoodStanding(
    executor,
    rows.map((o) => o.id),
  );
  return rows.map((organisation) => ({ organisation, member: members.has(organisation.id) }));
}

type OrganisationRow = { organisation: Organisation; member: boolean };

const civilityLabels: Record<(typeof civilities)[number], string> = {
  madame: 'Madame',
  monsieur: 'Monsieur',
};

export const exportColumns: { organisations: Column<OrganisationRow>[]; people: Column<DirectoryEntry>[] } = {
  organisations: [
    { header: 'Nom', value: (r) => r.organisation.name },
    { header: 'Type', value: (r) => organisationKindLabels[r.organisation.kind] },
    { header: 'SIREN', value: (r) => r.organisation.siren },
    { header: 'Code INSEE', value: (r) => r.organisation.inseeCode },
    { header: 'Pays', value: (r) => r.organisation.country },
    { header: 'Code région', value: (r) => r.organisation.regionCode },
    { header: 'Adhésion de l’année', value: (r) => (r.member ? membershipStatusLabels.active : 'Non') },
    { header: 'Archivée', value: (r) => (r.organisation.archivedAt ? 'Oui' : 'Non') },
  ],
  people: [
    { header: 'Prénom', value: (r) => r.person.firstName },
    { header: 'Nom', value: (r) => r.person.lastName },
    { header: 'Email', value: (r) => r.person.email },
    { header: 'Type', value: (r) => personKindLabels[r.person.kind] },
    { header: 'Organisation', value: (r) => r.organisationName },
    { header: 'Référent', value: (r) => (r.person.referent ? 'Oui' : 'Non') },
    { header: 'Civilité', value: (r) => (r.person.civility ? civilityLabels[r.person.civility] : null) },
    { header: 'Mandat en cours', value: (r) => r.mandates.join(' ; ') || null },
    { header: 'Compte', value: (r) => (r.person.disabledAt ? 'Désactivé' : 'Actif') },
  ],
};

/** What an export file holds, whatever its format: every row the filters keep, with no limit. */
export type Export<T> = Omit<Sheet<T>, 'format'>;

export async function organisationsExport(
  executor: Executor,
  filters: OrganisationFilters = {},
): Promise<Export<OrganisationRow>> {
  return {
    name: 'organisations',
    title: 'Organisations',
    columns: exportColumns.organisations,
    rows: await listAllOrganisations(executor, filters),
  };
}

export async function peopleExport(
  executor: Executor,
  filters: PeopleFilters = {},
): Promise<Export<DirectoryEntry>> {
  return {
    name: 'personnes',
    title: 'Personnes',
    columns: exportColumns.people,
    rows: await allPeople(executor, filters),
  };
}
