// The pipeline's part of merging two records of one person (organisations/merge-people.ts): applications
// and the opinions given as a reviewer move to the record kept.
// Where both records applied in their own name to the same owner's record (two applications to one
// edition; an organisation's dossiers are not theirs to pair), the more advanced application is kept:
// accepted, then waiting list, then refused or closed (decided), then in review, then submitted, then
// draft; at the same step the earlier one. The other is deleted, its reviewers'
// opinions moved to the kept one where the reviewer has given none on it. Where both records reviewed the
// same application, the opinion changed last is kept.
import { count, eq, sql } from 'drizzle-orm';
import type { Executor } from '../../platform/db/client.ts';
import { defineMessages } from '../../platform/messages.ts';
import type { PersonHolding } from '../organisations/person-hooks.ts';
import { applicationReviews, applications } from './applications.schema.ts';

const m = defineMessages('applications', {
  heldApplications: 'Candidatures',
  heldReviews: 'Avis donnés sur des candidatures',
});

const rank = (alias: string) =>
  sql.raw(`(case ${alias}.status when 'accepted' then 6 when 'waitlisted' then 5 when 'rejected' then 4
    when 'closed' then 4 when 'in_review' then 3 when 'submitted' then 2 else 1 end)`);

export async function mergeApplicationsPerson(
  executor: Executor,
  fromId: string,
  intoId: string,
): Promise<void> {
  // The losing applications of both records, by pairs (same scope and owner's record).
  const losers = sql`
    select case when ${rank('f')} > ${rank('i')}
        or (${rank('f')} = ${rank('i')} and (f.created_at, f.id) < (i.created_at, i.id))
      then i.id else f.id end as loser,
      case when ${rank('f')} > ${rank('i')}
        or (${rank('f')} = ${rank('i')} and (f.created_at, f.id) < (i.created_at, i.id))
      then f.id else i.id end as winner
    from applications f join applications i on f.scope = i.scope and f.owner_id = i.owner_id
      and f.applicant_key = f.person_id and i.applicant_key = i.person_id
    where f.person_id = ${fromId} and i.person_id = ${intoId}`;
  await executor.execute(sql`
    update application_reviews r set application_id = pairs.winner
    from (${losers}) pairs
    where r.application_id = pairs.loser
      and not exists (select 1 from application_reviews w
        where w.application_id = pairs.winner and w.reviewer_id = r.reviewer_id)`);
  await executor.execute(sql`delete from applications where id in (select loser from (${losers}) pairs)`);
  // A person's own applications follow their key; an organisation's dossiers keep theirs.
  await executor.execute(sql`
    update applications set person_id = ${intoId},
      applicant_key = case when applicant_key = person_id then ${intoId}::uuid else applicant_key end
    where person_id = ${fromId}`);
  await executor
    .update(applications)
    .set({ submittedBy: intoId })
    .where(eq(applications.submittedBy, fromId));
  await executor.update(applications).set({ decidedBy: intoId }).where(eq(applications.decidedBy, fromId));

  // Opinions given by both records on one application: the one changed last stays.
  await executor.execute(sql`
    delete from application_reviews r using application_reviews o
    where r.application_id = o.application_id
      and ((r.reviewer_id = ${fromId} and o.reviewer_id = ${intoId}) or (r.reviewer_id = ${intoId} and o.reviewer_id = ${fromId}))
      and (r.updated_at, r.id) < (o.updated_at, o.id)`);
  await executor
    .update(applicationReviews)
    .set({ reviewerId: intoId })
    .where(eq(applicationReviews.reviewerId, fromId));
}

export async function applicationsHeldBy(executor: Executor, personId: string): Promise<PersonHolding[]> {
  const [applied] = await executor
    .select({ n: count() })
    .from(applications)
    .where(eq(applications.personId, personId));
  const [reviewed] = await executor
    .select({ n: count() })
    .from(applicationReviews)
    .where(eq(applicationReviews.reviewerId, personId));
  return [
    { key: 'applications.applications', label: m.heldApplications().text, count: applied?.n ?? 0 },
    { key: 'applications.reviews', label: m.heldReviews().text, count: reviewed?.n ?? 0 },
  ];
}
