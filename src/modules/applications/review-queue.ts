// The review queue of one owner's record: its applications with who applied, from which organisation, who
// submitted them; filtered by status, region and kind of organisation; what awaits a decision first. The
// owner adds its own columns and filters (the program: mandates, new élus) before cutting it into pages.
import { z } from 'zod';
import type { Executor } from '../../platform/db/client.ts';
import { optional } from '../../platform/validation.ts';
import { type PersonCard, personCards } from '../organisations/directory.ts';
import { type OrganisationKind, organisationKinds } from '../organisations/kinds.ts';
import { getOrganisationsByIds } from '../organisations/organisations.ts';
import { regions } from '../organisations/reference.ts';
import { type Application, countByStatus, listApplications, type StatusCounts } from './applications.ts';
import type { Pipeline } from './pipeline.ts';
import { applicationStatuses, queueOrder } from './statuses.ts';

/** The queue's common filters, as the address gives them. */
export const queueFilters = z.object({
  status: optional(z.enum(applicationStatuses)),
  region: optional(z.string().regex(/^\d{2,3}$/)),
  kind: optional(z.enum(organisationKinds)),
});
export type QueueFilters = z.infer<typeof queueFilters>;

export interface QueueRow {
  application: Application;
  applicant: PersonCard;
  /** The organisation applied from. */
  organisation:
    | { name: string; kind: OrganisationKind; regionCode: string | null; regionName: string | undefined }
    | undefined;
  /** Who submitted it, when not the applicant (a referent, staff). */
  submittedByName: string | undefined;
}

export interface Queue {
  rows: QueueRow[];
  /** Every application of the record, per status (filters aside). */
  counts: StatusCounts;
}

export async function reviewQueue(
  executor: Executor,
  pipeline: Pick<Pipeline, 'scope'>,
  ownerId: string,
  filters: QueueFilters,
): Promise<Queue> {
  const [all, counts] = await Promise.all([
    listApplications(executor, pipeline, ownerId),
    countByStatus(executor, pipeline, [ownerId]),
  ]);
  const people = await personCards(
    executor,
    all.flatMap((a) => (a.submittedBy ? [a.personId, a.submittedBy] : [a.personId])),
  );
  const organisationIds = [...new Set(all.flatMap((a) => (a.organisationId ? [a.organisationId] : [])))];
  const organisations = new Map(
    (await getOrganisationsByIds(executor, organisationIds)).map((o) => [o.id, o]),
  );
  const regionNames = new Map(regions().map((r) => [r.code, r.name]));
  const rows: QueueRow[] = [];
  for (const application of all) {
    const applicant = people.get(application.personId);
    if (!applicant) continue;
    const organisation = application.organisationId
      ? organisations.get(application.organisationId)
      : undefined;
    const by =
      application.submittedBy && application.submittedBy !== application.personId
        ? people.get(application.submittedBy)
        : undefined;
    rows.push({
      application,
      applicant,
      organisation: organisation && {
        name: organisation.name,
        kind: organisation.kind,
        regionCode: organisation.regionCode,
        regionName: organisation.regionCode ? regionNames.get(organisation.regionCode) : undefined,
      },
      submittedByName: by ? `${by.firstName} ${by.lastName}` : undefined,
    });
  }
  const shown = rows
    .filter(
      (r) =>
        (!filters.status || r.application.status === filters.status) &&
        (!filters.region || r.organisation?.regionCode === filters.region) &&
        (!filters.kind || r.organisation?.kind === filters.kind),
    )
    .sort(
      (a, b) =>
        queueOrder[a.application.status] - queueOrder[b.application.status] ||
        a.application.createdAt.getTime() - b.application.createdAt.getTime(),
    );
  return { rows: shown, counts: counts.get(ownerId) ?? {} };
}
