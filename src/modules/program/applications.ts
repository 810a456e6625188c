// Applications to an edition, through the applications module's pipeline (program.pipeline.ts), in the
// program's words: the edition is the owner's record, the élu's three answers are fields of the application.
// The pages, the API, the cohort and the certificates read them here.
import { z } from 'zod';
import type { Executor } from '../../platform/db/client.ts';
import { fail, ok, type Result } from '../../platform/result.ts';
import { fieldErrors, uuid } from '../../platform/validation.ts';
import {
  applicationsOfPerson,
  holdsStatus,
  type Application as PipelineApplication,
  applicationOf as pipelineApplicationOf,
  getApplication as pipelineGetApplication,
  listApplications as pipelineListApplications,
} from '../applications/applications.ts';
import {
  type DecisionPreview,
  decideApplications,
  decisionField,
  motivation,
  previewDecisions as previewPipelineDecisions,
} from '../applications/decide.ts';
import { decisionsOf, statusesOf, statusLabel } from '../applications/pipeline.ts';
import type { ApplicationStatus } from '../applications/statuses.ts';
import { submitApplication } from '../applications/submit.ts';
import { programMessages as m } from './program.messages.ts';
import { programAnswers, programPipeline } from './program.pipeline.ts';

export { applicationEligibility, applicationWindow } from './program.pipeline.ts';

export type { ApplicationStatus };

/** An application to an edition, as the program knows it. */
export interface Application {
  id: string;
  programId: string;
  personId: string;
  status: ApplicationStatus;
  mandate: string | null;
  motivation: string | null;
  availability: string | null;
  submittedBy: string | null;
  decidedBy: string | null;
  decidedAt: Date | null;
  decisionComment: string | null;
  createdAt: Date;
}

const answer = (value: unknown) => (typeof value === 'string' ? value : null);

function asProgramApplication(row: PipelineApplication): Application {
  return {
    id: row.id,
    programId: row.ownerId,
    personId: row.personId,
    status: row.status,
    mandate: answer(row.answers.mandate),
    motivation: answer(row.answers.motivation),
    availability: answer(row.answers.availability),
    submittedBy: row.submittedBy,
    decidedBy: row.decidedBy,
    decidedAt: row.decidedAt,
    decisionComment: row.decisionMotivation,
    createdAt: row.createdAt,
  };
}

/** The statuses an application to an edition goes through, in the queue's order. */
export const applicationStatuses = statusesOf(programPipeline);

export const applicationStatusLabels = Object.fromEntries(
  applicationStatuses.map((s) => [s, statusLabel(programPipeline, s)]),
) as Record<ApplicationStatus, string>;

export const notEligibleMessage = m.notEligible().text;

/** Applying: for whom, and the élu's answers. */
export const applicationInput = z.object({
  personId: uuid,
  ...programAnswers.shape,
});

export async function applyToProgram(
  executor: Executor,
  programId: string,
  input: unknown,
  submittedBy: string | null,
  at = new Date(),
): Promise<Result<Application>> {
  const parsed = applicationInput.safeParse(input);
  if (!parsed.success) return fail(400, 'invalid', m.invalid(), fieldErrors(parsed.error));
  const { personId, ...answers } = parsed.data;
  const result = await submitApplication(
    executor,
    programPipeline,
    { ownerId: programId, personId, answers, submittedBy },
    at,
  );
  return result.ok ? ok(asProgramApplication(result.value)) : result;
}

/** A decision on one application: accepted, waitlisted or rejected, with a word for the person. */
export const decisionInput = z.object({
  decision: decisionField(decisionsOf(programPipeline)),
  comment: motivation,
});

/** Records staff's decision and tells the applicant. The cohort never exceeds its size. */
export async function decideApplication(
  executor: Executor,
  applicationId: string,
  input: unknown,
  actorId: string,
  baseUrl: string,
): Promise<Result<Application>> {
  const { decision, comment } = (input ?? {}) as { decision?: unknown; comment?: unknown };
  const result = await decideApplications(
    executor,
    programPipeline,
    { ids: [applicationId], decision, motivation: comment },
    actorId,
    baseUrl,
  );
  return result.ok ? ok(asProgramApplication(result.value[0]!)) : result;
}

/** The decision for several applications of one edition, with one motivation (the review table's form). */
export interface BulkDecision {
  ids: string[];
  decision: unknown;
  motivation?: unknown;
}

/** Every id names an application of this edition (another edition's, or none, is not found here). */
async function ofEdition(executor: Executor, programId: string, ids: string[]): Promise<boolean> {
  const mine = new Set((await listApplications(executor, programId)).map((a) => a.id));
  return ids.every((id) => mine.has(id));
}

/** Who would be mailed what by this decision: nothing is written. */
export async function previewDecisions(
  executor: Executor,
  programId: string,
  input: BulkDecision,
  baseUrl: string,
): Promise<Result<DecisionPreview>> {
  if (input.ids.length && !(await ofEdition(executor, programId, input.ids)))
    return fail(404, 'not_found', m.applicationNotFound());
  return previewPipelineDecisions(executor, programPipeline, input, baseUrl);
}

/** Decides several applications of the edition at once; all or none, each person whose status changes mailed once. */
export async function decideApplicationsOfEdition(
  executor: Executor,
  programId: string,
  input: BulkDecision,
  actorId: string,
  baseUrl: string,
): Promise<Result<Application[]>> {
  if (input.ids.length && !(await ofEdition(executor, programId, input.ids)))
    return fail(404, 'not_found', m.applicationNotFound());
  const result = await decideApplications(executor, programPipeline, input, actorId, baseUrl);
  return result.ok ? ok(result.value.map(asProgramApplication)) : result;
}

export async function getApplication(executor: Executor, id: string) {
  const row = await pipelineGetApplication(executor, programPipeline, id);
  return row && asProgramApplication(row);
}

export async function applicationOf(executor: Executor, programId: string, personId: string) {
  const row = await pipelineApplicationOf(executor, programPipeline, programId, personId);
  return row && asProgramApplication(row);
}

/** A person's applications, to every edition, oldest first. */
export async function applicationsOf(executor: Executor, personId: string) {
  return (await applicationsOfPerson(executor, programPipeline, personId)).map(asProgramApplication);
}

export async function listApplications(
  executor: Executor,
  programId: string,
  statuses?: ApplicationStatus[],
): Promise<Application[]> {
  return (await pipelineListApplications(executor, programPipeline, programId, statuses)).map(
    asProgramApplication,
  );
}

/** Is this person in the cohort of one of these editions? (the `cohort` audience asks this) */
export async function inCohortOf(
  executor: Executor,
  programIds: string[],
  personId: string,
): Promise<boolean> {
  return holdsStatus(executor, programPipeline, programIds, personId, 'accepted');
}
