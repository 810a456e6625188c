// Applying: the owner's record exists, the person may apply (from this organisation), the window is open,
// the answers fit the owner's form; one application per applicant and record (or as many as the owner
// allows it), whatever the concurrency (the unique index decides, not a read before the insert). An owner that takes drafts lets the applicant save
// one (« brouillon ») and submit it later, when every rule is checked again; until reviewers take the
// dossier into instruction its answers may still be corrected (« en construction »).
import { createHash } from 'node:crypto';
import { and, eq, inArray } from 'drizzle-orm';
import { audit } from '../../platform/db/audit.ts';
import type { Executor } from '../../platform/db/client.ts';
import { fail, ok, type Result } from '../../platform/result.ts';
import { fieldErrors } from '../../platform/validation.ts';
import { getOrganisation } from '../organisations/organisations.ts';
import { getPerson, type Person } from '../organisations/people.ts';
import { applicationsMessages as m } from './applications.messages.ts';
import { applications } from './applications.schema.ts';
import { type Application, getApplication, lockApplication } from './applications.ts';
import type { Pipeline } from './pipeline.ts';

export interface Submission {
  /** The owner's record applied to. */
  ownerId: string;
  /** The applicant (for an organisation's dossier: the person who writes it and receives its mails). */
  personId: string;
  /** The organisation applied from; the person's own when not given. */
  organisationId?: string | null | undefined;
  /** The owner's form, checked by the pipeline's `answers`. */
  answers: unknown;
  /** Who submits: the applicant, their referent, staff. */
  submittedBy: string | null;
}

/** Every rule of applying, checked before anything is written; what the application is made of. */
async function admissible<Owner, Answers extends Record<string, unknown>>(
  executor: Executor,
  pipeline: Pipeline<Owner, Answers>,
  submission: Omit<Submission, 'submittedBy'>,
  at: Date,
): Promise<Result<{ person: Person; organisationId: string | null; answers: Answers }>> {
  const answers = pipeline.answers.safeParse(submission.answers);
  if (!answers.success) return fail(400, 'invalid', m.invalid(), fieldErrors(answers.error));
  const owner = await pipeline.owner(executor, submission.ownerId);
  if (!owner) return fail(404, 'not_found', pipeline.texts.ownerNotFound());
  const person = await getPerson(executor, submission.personId);
  if (!person) return fail(404, 'not_found', m.personNotFound());
  const organisationId =
    submission.organisationId === undefined ? person.organisationId : submission.organisationId;
  const eligible = await pipeline.eligibility(executor, person, owner, organisationId);
  if (!eligible.ok) return eligible;
  const window = pipeline.window(owner, at);
  if (!window.ok) return window;
  const complete = pipeline.complete ? await pipeline.complete(executor, person, answers.data) : answers.data;
  return ok({ person, organisationId, answers: complete });
}

/**
 * The key of an applicant's place on a record (`applications.applicant_key`, unique per record): the first
 * place is the applicant's own id, the next ones ids derived from it, the same each time. Taking places in
 * order, a second application made at the same instant as the first waits for it on the index, then takes
 * the next place: never more than the places allowed.
 */
export function placeKey(applicantId: string, place: number): string {
  if (place === 0) return applicantId;
  const hex = createHash('sha256').update(`${applicantId}/${place}`).digest('hex');
  return [hex.slice(0, 8), hex.slice(8, 12), hex.slice(12, 16), hex.slice(16, 20), hex.slice(20, 32)].join(
    '-',
  );
}

async function insertApplication<Owner, Answers extends Record<string, unknown>>(
  executor: Executor,
  pipeline: Pipeline<Owner, Answers>,
  submission: Submission,
  status: 'draft' | 'submitted',
  at: Date,
): Promise<Result<Application>> {
  const read = await admissible(executor, pipeline, submission, at);
  if (!read.ok) return read;
  const { person, organisationId, answers } = read.value;
  const byOrganisation = pipeline.applicant === 'organisation';
  if (byOrganisation && !organisationId) return fail(400, 'invalid', m.organisationExpected());
  const applicant = byOrganisation ? organisationId! : person.id;
  const places = (await pipeline.places?.(executor, submission.ownerId, applicant)) ?? 1;
  let application: Application | undefined;
  for (let place = 0; place < places && !application; place++) {
    [application] = await executor
      .insert(applications)
      .values({
        scope: pipeline.scope,
        ownerId: submission.ownerId,
        personId: person.id,
        organisationId,
        applicantKey: placeKey(applicant, place),
        status,
        answers,
        submittedBy: submission.submittedBy,
        submittedAt: status === 'submitted' ? at : null,
      })
      .onConflictDoNothing()
      .returning();
  }
  if (!application) {
    // The applicant, in the refusal: the organisation whose dossier exists, or the person.
    const organisation = byOrganisation ? await getOrganisation(executor, organisationId!) : undefined;
    const name = organisation?.name ?? `${person.firstName} ${person.lastName}`;
    return fail(409, 'conflict', pipeline.texts.alreadyApplied({ name, places }));
  }
  await audit(executor, {
    actorId: submission.submittedBy,
    action: status === 'draft' ? 'draft' : 'apply',
    entity: 'application',
    entityId: application.id,
    data: { scope: pipeline.scope, ownerId: submission.ownerId },
  });
  return ok(application);
}

/** Applies at once (the program: an élu's application is submitted as it is written). */
export function submitApplication<Owner, Answers extends Record<string, unknown>>(
  executor: Executor,
  pipeline: Pipeline<Owner, Answers>,
  submission: Submission,
  at = new Date(),
): Promise<Result<Application>> {
  return insertApplication(executor, pipeline, submission, 'submitted', at);
}

/** Saves a draft: checked as an application is (the place is taken), submitted later. */
export function saveDraft<Owner, Answers extends Record<string, unknown>>(
  executor: Executor,
  pipeline: Pipeline<Owner, Answers>,
  submission: Submission,
  at = new Date(),
): Promise<Result<Application>> {
  return insertApplication(executor, pipeline, submission, 'draft', at);
}

/**
 * Submits a draft: the window, the applicant's eligibility and the answers are checked again (a draft of
 * last week, a membership lapsed since). Submitting an application already submitted changes nothing.
 */
export async function submitDraft<Owner, Answers extends Record<string, unknown>>(
  executor: Executor,
  pipeline: Pipeline<Owner, Answers>,
  id: string,
  submittedBy: string | null,
  at = new Date(),
): Promise<Result<Application>> {
  const application = await lockApplication(executor, pipeline, id);
  if (!application) return fail(404, 'not_found', m.notFound());
  if (application.status === 'submitted') return ok(application);
  if (application.status !== 'draft') return fail(422, 'already_submitted', m.alreadySubmitted());
  const read = await admissible(
    executor,
    pipeline,
    {
      ownerId: application.ownerId,
      personId: application.personId,
      organisationId: application.organisationId,
      answers: application.answers,
    },
    at,
  );
  if (!read.ok) return read;
  const [submitted] = await executor
    .update(applications)
    .set({ status: 'submitted', answers: read.value.answers, submittedBy, submittedAt: at })
    .where(eq(applications.id, id))
    .returning();
  await audit(executor, {
    actorId: submittedBy,
    action: 'apply',
    entity: 'application',
    entityId: id,
    data: { scope: pipeline.scope, ownerId: application.ownerId },
  });
  return ok(submitted!);
}

/**
 * Corrects the answers of a draft or of a dossier submitted and not yet in instruction (« en
 * construction »); once reviewers have taken it, it is theirs as it was submitted.
 */
export async function correctAnswers<Owner, Answers extends Record<string, unknown>>(
  executor: Executor,
  pipeline: Pipeline<Owner, Answers>,
  id: string,
  input: unknown,
  actorId: string | null,
): Promise<Result<Application>> {
  const answers = pipeline.answers.safeParse(input);
  if (!answers.success) return fail(400, 'invalid', m.invalid(), fieldErrors(answers.error));
  const [corrected] = await executor
    .update(applications)
    .set({ answers: answers.data })
    .where(
      and(
        eq(applications.id, id),
        eq(applications.scope, pipeline.scope),
        inArray(applications.status, ['draft', 'submitted']),
      ),
    )
    .returning();
  if (!corrected) {
    const exists = await getApplication(executor, pipeline, id);
    return exists ? fail(422, 'in_instruction', m.inInstruction()) : fail(404, 'not_found', m.notFound());
  }
  await audit(executor, { actorId, action: 'correct', entity: 'application', entityId: id });
  return ok(corrected);
}

/** Takes a submitted dossier into instruction (the first opinion or score does): its answers are then fixed. */
export async function startInstruction(executor: Executor, pipeline: Pick<Pipeline, 'scope'>, id: string) {
  await executor
    .update(applications)
    .set({ status: 'in_review' })
    .where(
      and(
        eq(applications.id, id),
        eq(applications.scope, pipeline.scope),
        eq(applications.status, 'submitted'),
      ),
    );
}
