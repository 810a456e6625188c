// Submitting an application: the owner's record exists, the person may apply, the window is open, the
// answers fit the owner's form; one application per person and record, whatever the concurrency (the
// unique index decides, not a read before the insert).
import { audit } from '../../platform/db/audit.ts';
import type { Executor } from '../../platform/db/client.ts';
import { fail, ok, type Result } from '../../platform/result.ts';
import { fieldErrors } from '../../platform/validation.ts';
import { getPerson } from '../organisations/people.ts';
import { applicationsMessages as m } from './applications.messages.ts';
import { applications } from './applications.schema.ts';
import type { Application } from './applications.ts';
import type { Pipeline } from './pipeline.ts';

export interface Submission {
  /** The owner's record applied to. */
  ownerId: string;
  /** The applicant. */
  personId: string;
  /** The owner's form, checked by the pipeline's `answers`. */
  answers: unknown;
  /** Who submits: the applicant, their referent, staff. */
  submittedBy: string | null;
}

export async function submitApplication<Owner, Answers extends Record<string, unknown>>(
  executor: Executor,
  pipeline: Pipeline<Owner, Answers>,
  submission: Submission,
  at = new Date(),
): Promise<Result<Application>> {
  const answers = pipeline.answers.safeParse(submission.answers);
  if (!answers.success) return fail(400, 'invalid', m.invalid(), fieldErrors(answers.error));
  const owner = await pipeline.owner(executor, submission.ownerId);
  if (!owner) return fail(404, 'not_found', pipeline.texts.ownerNotFound());
  const person = await getPerson(executor, submission.personId);
  if (!person) return fail(404, 'not_found', m.personNotFound());
  const eligible = await pipeline.eligibility(executor, person, owner);
  if (!eligible.ok) return eligible;
  const window = pipeline.window(owner, at);
  if (!window.ok) return window;
  const complete = pipeline.complete ? await pipeline.complete(executor, person, answers.data) : answers.data;
  const [application] = await executor
    .insert(applications)
    .values({
      scope: pipeline.scope,
      ownerId: submission.ownerId,
      personId: person.id,
      organisationId: person.organisationId,
      status: 'submitted',
      answers: complete,
      submittedBy: submission.submittedBy,
      submittedAt: at,
    })
    .onConflictDoNothing()
    .returning();
  if (!application)
    return fail(
      409,
      'conflict',
      pipeline.texts.alreadyApplied({ name: `${person.firstName} ${person.lastName}` }),
    );
  await audit(executor, {
    actorId: submission.submittedBy,
    action: 'apply',
    entity: 'application',
    entityId: application.id,
    data: { scope: pipeline.scope, ownerId: submission.ownerId },
  });
  return ok(application);
}
