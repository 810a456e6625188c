// A call's dossier as the module writes it on the pipeline: the answers checked against the form's version
// it stands on, the cost of the support asked (counted against the envelope), the instructors who follow
// it. The pipeline keeps the rest (one per town, drafts, instruction, decisions).
import { and, eq, inArray } from 'drizzle-orm';
import { z } from 'zod';
import type { Executor } from '../../platform/db/client.ts';
import { fail, type Result } from '../../platform/result.ts';
import { optional, uuid } from '../../platform/validation.ts';
import { type Application, getApplication, lockApplication } from '../applications/applications.ts';
import { correctAnswers, saveDraft, submitDraft } from '../applications/submit.ts';
import type { Person } from '../organisations/people.ts';
import { missingAttachments } from './attachments.ts';
import { callsMessages as m } from './calls.messages.ts';
import { callAnswers, carrierOf, callsPipeline as pipeline } from './calls.pipeline.ts';
import { type CallQuestion, callDossiers, callFollowers } from './calls.schema.ts';
import { getCall } from './calls.ts';
import { detailsOf } from './envelope.ts';
import { currentForm, formOf, unanswered, unknownAnswers } from './forms.ts';

// Up to 10 million euros for one town's support: a cost, never a number that JSON cannot carry exactly.
const requestedCents = optional(
  z
    .number({ error: m.requestedExpected().text })
    .int(m.requestedExpected().text)
    .min(1, m.requestedExpected().text)
    .max(1_000_000_000, m.requestedExpected().text),
);

export const dossierInput = z.object({
  organisationId: uuid,
  answers: callAnswers.default({}),
  requestedCents,
});
export const correctionInput = z.object({ answers: callAnswers, requestedCents });

const unknownRefusal = (keys: string[]) =>
  fail(
    400,
    'invalid',
    m.invalid(),
    Object.fromEntries(keys.map((k) => [`answers.${k}`, m.unknownQuestion().text])),
  );

/**
 * A town's dossier, as a draft on the call's current form: by its people, or by staff on its behalf (the
 * carrier is then its referent or an élu).
 */
export async function createDossier(
  executor: Executor,
  actor: Person,
  callId: string,
  input: z.infer<typeof dossierInput>,
  at = new Date(),
): Promise<Result<Application>> {
  if (!(await getCall(executor, callId))) return fail(404, 'not_found', m.notFound());
  const form = await currentForm(executor, callId);
  if (!form) return fail(404, 'not_found', m.notFound());
  const unknown = unknownAnswers(form, input.answers);
  if (unknown.length) return unknownRefusal(unknown);
  const carrier = await carrierOf(executor, actor, input.organisationId);
  if (!carrier.ok) return carrier;
  const saved = await saveDraft(
    executor,
    pipeline,
    {
      ownerId: callId,
      personId: carrier.value.id,
      organisationId: input.organisationId,
      answers: input.answers,
      submittedBy: actor.id,
    },
    at,
  );
  if (!saved.ok) return saved;
  await executor.insert(callDossiers).values({
    applicationId: saved.value.id,
    callId,
    formVersion: form.version,
    requestedCents: input.requestedCents ?? null,
  });
  return saved;
}

const missingFields = (questions: readonly CallQuestion[]): Record<string, string> =>
  Object.fromEntries(questions.map((q) => [`answers.${q.key}`, m.answerRequired({ label: q.label }).text]));

/** The dossier's form version (every dossier of the module has one). */
async function formOfDossier(executor: Executor, application: Application) {
  const details = (await detailsOf(executor, [application.id])).get(application.id);
  const form = details ? await formOf(executor, application.ownerId, details.formVersion) : undefined;
  return { details, form };
}

/**
 * Submits a draft: its required questions answered and, for a call with an envelope, the cost asked; then
 * the pipeline's rules (window, membership) again.
 */
export async function submitDossier(
  executor: Executor,
  id: string,
  actorId: string,
  at = new Date(),
): Promise<Result<Application>> {
  // Locked before its documents are counted: one removed meanwhile waits for the submission, then is refused.
  const application = await lockApplication(executor, pipeline, id);
  if (!application) return fail(404, 'not_found', m.dossierNotFound());
  if (application.status === 'draft') {
    const { details, form } = await formOfDossier(executor, application);
    const call = await getCall(executor, application.ownerId);
    const fields = missingFields(form ? unanswered(form, application.answers) : []);
    if (call?.envelopeCents && !details?.requestedCents) fields.requestedCents = m.requestedRequired().text;
    Object.assign(fields, await missingAttachments(executor, id, application.ownerId));
    if (Object.keys(fields).length) return fail(422, 'incomplete', m.incomplete(), fields);
  }
  return submitDraft(executor, pipeline, id, actorId, at);
}

/** Corrects the answers (and the cost asked) until instruction starts; questions of its version only. */
export async function correctDossier(
  executor: Executor,
  id: string,
  input: z.infer<typeof correctionInput>,
  actorId: string,
): Promise<Result<Application>> {
  const application = await getApplication(executor, pipeline, id);
  if (!application) return fail(404, 'not_found', m.dossierNotFound());
  const { form } = await formOfDossier(executor, application);
  const unknown = form ? unknownAnswers(form, input.answers) : [];
  if (unknown.length) return unknownRefusal(unknown);
  // A dossier submitted stays complete.
  const missing = application.status === 'submitted' && form ? unanswered(form, input.answers) : [];
  if (missing.length) return fail(422, 'incomplete', m.incomplete(), missingFields(missing));
  const corrected = await correctAnswers(executor, pipeline, id, input.answers, actorId);
  if (!corrected.ok) return corrected;
  if (input.requestedCents !== undefined)
    await executor
      .update(callDossiers)
      .set({ requestedCents: input.requestedCents })
      .where(eq(callDossiers.applicationId, id));
  return corrected;
}

export async function follow(executor: Executor, applicationId: string, personId: string) {
  await executor.insert(callFollowers).values({ applicationId, personId }).onConflictDoNothing();
}

export async function unfollow(executor: Executor, applicationId: string, personId: string) {
  await executor
    .delete(callFollowers)
    .where(and(eq(callFollowers.applicationId, applicationId), eq(callFollowers.personId, personId)));
}

/** Who follows each dossier (person ids). */
export async function followersOf(
  executor: Executor,
  applicationIds: readonly string[],
): Promise<Map<string, string[]>> {
  const map = new Map<string, string[]>();
  if (applicationIds.length === 0) return map;
  const rows = await executor
    .select()
    .from(callFollowers)
    .where(inArray(callFollowers.applicationId, [...applicationIds]));
  for (const row of rows) map.set(row.applicationId, [...(map.get(row.applicationId) ?? []), row.personId]);
  return map;
}
