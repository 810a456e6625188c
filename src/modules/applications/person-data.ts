// What the applications module does for a person's rights (RGPD): their copy (art. 15 and 20) and their
// erasure (art. 17), as `people.exported` / `people.erased` of the manifest (organisations calls them).
//
// - The copy holds the person's applications: the record applied to, status, answers, who submitted it,
//   the decision and its motivation. Reviewers' opinions, scores and private notes are not in it: they are
//   the reviewers' working notes on the application, never shown to the applicant (decision 011), and the
//   copy says so. Opinions the person gave as a reviewer are not about them: not in it either.
// - Erasure deletes the person's applications (their answers and decisions with them: nothing obliges the
//   network to keep an application, and a certificate, kept by the program, does not need it) and the
//   opinions they gave as a reviewer; where they only submitted or decided someone else's application, the
//   application stays and no longer names them.
import { eq, inArray } from 'drizzle-orm';
import type { Executor } from '../../platform/db/client.ts';
import { personCards } from '../organisations/directory.ts';
import { applicationsMessages as m } from './applications.messages.ts';
import { applicationReviews, applications } from './applications.schema.ts';
import { pipelineOf, statusLabel } from './pipeline.ts';

export async function exportedApplications(executor: Executor, personId: string) {
  const rows = await executor
    .select()
    .from(applications)
    .where(eq(applications.personId, personId))
    .orderBy(applications.createdAt);
  if (rows.length === 0) return undefined;
  const submitters = await personCards(
    executor,
    rows.flatMap((r) => (r.submittedBy && r.submittedBy !== personId ? [r.submittedBy] : [])),
  );
  const records = await Promise.all(
    rows.map(async (row) => {
      const pipeline = pipelineOf(row.scope);
      const owner = pipeline ? await pipeline.owner(executor, row.ownerId) : undefined;
      return owner !== undefined && pipeline?.ownerName ? pipeline.ownerName(owner) : row.scope;
    }),
  );
  return {
    title: m.exportTitle().text,
    data: {
      note: m.exportNote().text,
      applications: rows.map((row, i) => {
        const pipeline = pipelineOf(row.scope);
        const by =
          row.submittedBy && row.submittedBy !== personId ? submitters.get(row.submittedBy) : undefined;
        return {
          id: row.id,
          record: records[i],
          status: pipeline ? statusLabel(pipeline, row.status) : row.status,
          answers: row.answers,
          submittedAt: row.submittedAt?.toISOString() ?? null,
          submittedBy: by ? `${by.firstName} ${by.lastName}` : row.submittedBy ? 'vous-même' : null,
          decidedAt: row.decidedAt?.toISOString() ?? null,
          decisionMotivation: row.decisionMotivation,
        };
      }),
    },
  };
}

export async function eraseApplications(executor: Executor, personId: string): Promise<void> {
  const own = await executor
    .select({ id: applications.id })
    .from(applications)
    .where(eq(applications.personId, personId));
  // Their reviews go with them (the foreign key cascades); said here rather than relied upon.
  if (own.length) {
    await executor.delete(applicationReviews).where(
      inArray(
        applicationReviews.applicationId,
        own.map((a) => a.id),
      ),
    );
    await executor.delete(applications).where(eq(applications.personId, personId));
  }
  await executor.delete(applicationReviews).where(eq(applicationReviews.reviewerId, personId));
  await executor
    .update(applications)
    .set({ submittedBy: null })
    .where(eq(applications.submittedBy, personId));
  await executor.update(applications).set({ decidedBy: null }).where(eq(applications.decidedBy, personId));
}
