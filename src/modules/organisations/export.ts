// Exports of organisations and people for staff (CSV and XLSX share the same columns).
import { asc, eq } from 'drizzle-orm';
import type { Executor } from '../../platform/db/client.ts';
import type { Sheet } from '../../platform/http/send-sheet.ts';
import type { Column } from '../../platform/sheets/sheets.ts';
import { membershipStatusLabels, membersInGoodStanding } from './memberships.ts';
import { organisations, people } from './organisations.schema.ts';
import { type Organisation, organisationKindLabels } from './organisations.ts';
import { personKindLabels } from './people.ts';

export async function listAllOrganisations(executor: Executor) {
  const rows = await executor.select().from(organisations).orderBy(asc(organisations.name));
  const members = await membersInGoodStanding(
    executor,
    rows.map((o) => o.id),
  );
  return rows.map((organisation) => ({ organisation, member: members.has(organisation.id) }));
}

export async function listAllPeople(executor: Executor) {
  return executor
    .select({ person: people, organisationName: organisations.name })
    .from(people)
    .leftJoin(organisations, eq(organisations.id, people.organisationId))
    .orderBy(asc(people.lastName), asc(people.firstName));
}

type OrganisationRow = { organisation: Organisation; member: boolean };
type PersonRow = Awaited<ReturnType<typeof listAllPeople>>[number];

export const exportColumns: { organisations: Column<OrganisationRow>[]; people: Column<PersonRow>[] } = {
  organisations: [
    { header: 'Nom', value: (r) => r.organisation.name },
    { header: 'Type', value: (r) => organisationKindLabels[r.organisation.kind] },
    { header: 'SIREN', value: (r) => r.organisation.siren },
    { header: 'Code INSEE', value: (r) => r.organisation.inseeCode },
    { header: 'Pays', value: (r) => r.organisation.country },
    { header: 'Code région', value: (r) => r.organisation.regionCode },
    { header: 'Adhésion de l’année', value: (r) => (r.member ? membershipStatusLabels.active : 'Non') },
  ],
  people: [
    { header: 'Prénom', value: (r) => r.person.firstName },
    { header: 'Nom', value: (r) => r.person.lastName },
    { header: 'Email', value: (r) => r.person.email },
    { header: 'Type', value: (r) => personKindLabels[r.person.kind] },
    { header: 'Organisation', value: (r) => r.organisationName },
    { header: 'Référent', value: (r) => (r.person.referent ? 'Oui' : 'Non') },
  ],
};

/** What an export file holds, whatever its format: every organisation, or every person, with no limit. */
export type Export<T> = Omit<Sheet<T>, 'format'>;

export async function organisationsExport(executor: Executor): Promise<Export<OrganisationRow>> {
  return {
    name: 'organisations',
    title: 'Organisations',
    columns: exportColumns.organisations,
    rows: await listAllOrganisations(executor),
  };
}

export async function peopleExport(executor: Executor): Promise<Export<PersonRow>> {
  return {
    name: 'personnes',
    title: 'Personnes',
    columns: exportColumns.people,
    rows: await listAllPeople(executor),
  };
}
