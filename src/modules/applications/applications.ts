// Reading applications: one, an applicant's, an owner's record's, how many per status. Owners ask here;
// nothing outside this module reads its tables.
import { and, asc, count, eq, inArray } from 'drizzle-orm';
import type { Executor } from '../../platform/db/client.ts';
import { applications } from './applications.schema.ts';
import { type Pipeline, pipelineOf } from './pipeline.ts';
import type { ApplicationStatus } from './statuses.ts';

export type Application = typeof applications.$inferSelect;

const byId = (executor: Executor, pipeline: Pick<Pipeline, 'scope'>, id: string) =>
  executor
    .select()
    .from(applications)
    .where(and(eq(applications.id, id), eq(applications.scope, pipeline.scope)));

/** An application of this pipeline (another owner's application is not found here). */
export async function getApplication(
  executor: Executor,
  pipeline: Pick<Pipeline, 'scope'>,
  id: string,
): Promise<Application | undefined> {
  const [row] = await byId(executor, pipeline, id);
  return row;
}

/**
 * An application of this pipeline, locked until the end of the transaction: a double click, or a document
 * removed while the dossier is submitted, waits and then sees it as it became.
 */
export async function lockApplication(
  executor: Executor,
  pipeline: Pick<Pipeline, 'scope'>,
  id: string,
): Promise<Application | undefined> {
  const [row] = await byId(executor, pipeline, id).for('update');
  return row;
}

/** The pipeline whose rules apply to an application (undefined: no such application, or no such owner). */
export async function pipelineOfApplication(executor: Executor, id: string): Promise<Pipeline | undefined> {
  const [row] = await executor
    .select({ scope: applications.scope })
    .from(applications)
    .where(eq(applications.id, id));
  return row ? pipelineOf(row.scope) : undefined;
}

/** A person's application to one record of an owner. */
export async function applicationOf(
  executor: Executor,
  pipeline: Pick<Pipeline, 'scope'>,
  ownerId: string,
  personId: string,
): Promise<Application | undefined> {
  const [row] = await executor
    .select()
    .from(applications)
    .where(
      and(
        eq(applications.scope, pipeline.scope),
        eq(applications.ownerId, ownerId),
        eq(applications.personId, personId),
      ),
    );
  return row;
}

/** A person's applications to an owner's records, oldest first. */
export async function applicationsOfPerson(
  executor: Executor,
  pipeline: Pick<Pipeline, 'scope'>,
  personId: string,
): Promise<Application[]> {
  return executor
    .select()
    .from(applications)
    .where(and(eq(applications.scope, pipeline.scope), eq(applications.personId, personId)))
    .orderBy(asc(applications.createdAt));
}

/** The applications to one record, oldest first; only those in `statuses` when given. */
export async function listApplications(
  executor: Executor,
  pipeline: Pick<Pipeline, 'scope'>,
  ownerId: string,
  statuses?: readonly ApplicationStatus[],
): Promise<Application[]> {
  return executor
    .select()
    .from(applications)
    .where(
      and(
        eq(applications.scope, pipeline.scope),
        eq(applications.ownerId, ownerId),
        statuses?.length ? inArray(applications.status, [...statuses]) : undefined,
      ),
    )
    .orderBy(asc(applications.createdAt), asc(applications.id));
}

export type StatusCounts = Partial<Record<ApplicationStatus, number>>;

/** How many applications each record has, per status. */
export async function countByStatus(
  executor: Executor,
  pipeline: Pick<Pipeline, 'scope'>,
  ownerIds: readonly string[],
): Promise<Map<string, StatusCounts>> {
  const counts = new Map<string, StatusCounts>(ownerIds.map((id) => [id, {}]));
  if (ownerIds.length === 0) return counts;
  const rows = await executor
    .select({ ownerId: applications.ownerId, status: applications.status, n: count() })
    .from(applications)
    .where(and(eq(applications.scope, pipeline.scope), inArray(applications.ownerId, [...ownerIds])))
    .groupBy(applications.ownerId, applications.status);
  for (const row of rows) counts.get(row.ownerId)![row.status] = row.n;
  return counts;
}

export const totalOf = (counts: StatusCounts) => Object.values(counts).reduce((sum, n) => sum + n, 0);

/** Does this person hold an application in `status` to one of these records? (the program's cohort) */
export async function holdsStatus(
  executor: Executor,
  pipeline: Pick<Pipeline, 'scope'>,
  ownerIds: readonly string[],
  personId: string,
  status: ApplicationStatus,
): Promise<boolean> {
  if (ownerIds.length === 0) return false;
  const rows = await executor
    .select({ id: applications.id })
    .from(applications)
    .where(
      and(
        eq(applications.scope, pipeline.scope),
        inArray(applications.ownerId, [...ownerIds]),
        eq(applications.personId, personId),
        eq(applications.status, status),
      ),
    )
    .limit(1);
  return rows.length > 0;
}
