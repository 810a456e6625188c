// Deciding: one application or many at once, with one motivation. All or none: an unknown id, another
// owner's application or an acceptance the owner refuses (no place left) leaves every one as it was. Each
// applicant whose status changes is mailed once, through the queue; saving the same decision again (a
// motivation corrected) mails nobody.
import { and, eq, inArray, sql } from 'drizzle-orm';
import { z } from 'zod';
import { audit } from '../../platform/db/audit.ts';
import type { Executor } from '../../platform/db/client.ts';
import { composeMail, type MailContent, queueMail } from '../../platform/mail/mail.tsx';
import { type Failure, fail, ok, type Result } from '../../platform/result.ts';
import { fieldErrors, optional, uuid } from '../../platform/validation.ts';
import { personCards } from '../organisations/directory.ts';
import { applicationsMessages as m } from './applications.messages.ts';
import { applications } from './applications.schema.ts';
import type { Application } from './applications.ts';
import { decisionsOf, type Pipeline } from './pipeline.ts';
import { type ApplicationStatus, type Decision, decisionStatuses } from './statuses.ts';

/** At most this many applications in one decision (a review queue's page, many times over). */
export const maxDecided = 500;

export const motivation = optional(z.string().trim().max(2000, m.motivationTooLong().text));

export interface DecisionInput {
  ids: string[];
  decision: Decision;
  motivation?: string | undefined;
}

/** The decision field: one of the decisions this pipeline offers, said in French otherwise. */
export function decisionField(offered: readonly Decision[]) {
  const choices = decisionStatuses.filter((d) => offered.includes(d));
  return z.enum(choices as [Decision, ...Decision[]], { error: m.decisionExpected({ choices }).text });
}

const decisionInput = <Owner, Answers extends Record<string, unknown>>(pipeline: Pipeline<Owner, Answers>) =>
  z.object({
    ids: z
      .array(uuid, { error: m.noApplication().text })
      .min(1, m.noApplication().text)
      .max(maxDecided, m.tooManyApplications().text),
    decision: decisionField(decisionsOf(pipeline)),
    motivation,
  });

/**
 * The decision asked (its ids without repeats) and the owner's record the applications all belong to; a
 * refusal when the input is invalid, an id unknown or of another owner's pipeline, or records are mixed.
 */
async function readDecision<Owner, Answers extends Record<string, unknown>>(
  executor: Executor,
  pipeline: Pipeline<Owner, Answers>,
  input: unknown,
) {
  const parsed = decisionInput(pipeline).safeParse(input);
  if (!parsed.success) return fail(400, 'invalid', m.invalid(), fieldErrors(parsed.error));
  if (pipeline.motivationRequired && !parsed.data.motivation)
    return fail(400, 'invalid', m.motivationRequired(), { motivation: m.motivationRequired().text });
  const ids = [...new Set(parsed.data.ids)];
  const found = await executor
    .select({ id: applications.id, ownerId: applications.ownerId })
    .from(applications)
    .where(and(eq(applications.scope, pipeline.scope), inArray(applications.id, ids)));
  if (found.length !== ids.length) return fail(404, 'not_found', m.notFound());
  const ownerIds = [...new Set(found.map((a) => a.ownerId))];
  if (ownerIds.length > 1) return fail(422, 'mixed_owners', m.mixedOwners());
  const ownerId = ownerIds[0]!;
  const owner = await pipeline.owner(executor, ownerId);
  if (!owner) return fail(404, 'not_found', pipeline.texts.ownerNotFound());
  return ok({ ...parsed.data, ids, ownerId, owner });
}

/**
 * Why these applications cannot take this decision from where they are: a draft is never decided; an owner
 * that instructs first accepts or refuses only dossiers in instruction (it may close one without follow-up).
 */
function transitionRefusal(
  pipeline: Pick<Pipeline, 'instructionFirst'>,
  decision: Decision,
  rows: readonly { status: ApplicationStatus }[],
) {
  const moving = rows.filter((r) => r.status !== decision);
  if (moving.some((r) => r.status === 'draft')) return fail(422, 'not_submitted', m.draftUndecidable());
  if (pipeline.instructionFirst && decision !== 'closed' && moving.some((r) => r.status === 'submitted'))
    return fail(422, 'not_in_instruction', m.instructionFirst());
  return undefined;
}

/** The mail that announces a decision to one applicant: the same in the preview and in the outbox. */
function decisionMail<Owner, Answers extends Record<string, unknown>>(
  pipeline: Pipeline<Owner, Answers>,
  owner: Owner,
  person: { firstName: string; email: string },
  decision: Decision,
  motivation: string | undefined,
  baseUrl: string,
) {
  return composeMail({
    to: person.email,
    subject: pipeline.mail.subject(owner),
    greeting: m.greeting({ firstName: person.firstName }).text,
    paragraphs: [pipeline.decisions[decision]!.mail, ...(motivation ? [motivation] : [])],
    action: pipeline.mail.action(owner, baseUrl),
  });
}

export interface DecisionPreviewRow {
  id: string;
  person: { id: string; firstName: string; lastName: string; email: string };
  status: ApplicationStatus;
  /** Mailed only when its status changes: the same decision saved again mails nobody. */
  mail: MailContent | undefined;
}

export interface DecisionPreview {
  decision: Decision;
  motivation: string | undefined;
  rows: DecisionPreviewRow[];
  /** What would refuse it now (no place left for so many acceptances), said before anything is sent. */
  refusal: Failure | undefined;
}

/**
 * Who would be mailed what if this decision were taken now: each application, its applicant, and the mail
 * they would receive (none when their status stays the same). Writes nothing. The decision itself checks
 * again, under its locks (`decideApplications`).
 */
export async function previewDecisions<Owner, Answers extends Record<string, unknown>>(
  executor: Executor,
  pipeline: Pipeline<Owner, Answers>,
  input: unknown,
  baseUrl: string,
): Promise<Result<DecisionPreview>> {
  const read = await readDecision(executor, pipeline, input);
  if (!read.ok) return read;
  const { ids, decision, owner } = read.value;
  const rows = await executor
    .select({ id: applications.id, status: applications.status, personId: applications.personId })
    .from(applications)
    .where(inArray(applications.id, ids));
  const people = await personCards(
    executor,
    rows.map((r) => r.personId),
  );
  const order = new Map(ids.map((id, i) => [id, i]));
  const changing = rows.filter((r) => r.status !== decision).map((r) => r.id);
  const transition = transitionRefusal(pipeline, decision, rows);
  const accepted =
    !transition && decision === 'accepted' && changing.length && pipeline.acceptance
      ? await pipeline.acceptance(executor, owner, changing)
      : undefined;
  return ok({
    decision,
    motivation: read.value.motivation,
    refusal: transition?.error ?? (accepted && !accepted.ok ? accepted.error : undefined),
    rows: rows
      .sort((a, b) => order.get(a.id)! - order.get(b.id)!)
      .flatMap((row) => {
        const person = people.get(row.personId);
        if (!person) return [];
        return [
          {
            id: row.id,
            person: {
              id: person.id,
              firstName: person.firstName,
              lastName: person.lastName,
              email: person.email,
            },
            status: row.status,
            mail:
              row.status === decision
                ? undefined
                : decisionMail(pipeline, owner, person, decision, read.value.motivation, baseUrl),
          },
        ];
      }),
  });
}

export async function decideApplications<Owner, Answers extends Record<string, unknown>>(
  executor: Executor,
  pipeline: Pipeline<Owner, Answers>,
  input: unknown,
  actorId: string,
  baseUrl: string,
  /** When it was decided: now, but for a record of an earlier decision (the demo's past calls). */
  at?: Date,
): Promise<Result<Application[]>> {
  const read = await readDecision(executor, pipeline, input);
  if (!read.ok) return read;
  const { ids, decision, ownerId, owner } = read.value;
  if (decision === 'accepted') {
    // Acceptances of one record wait for each other: the places the owner counts cannot change meanwhile.
    await executor.execute(
      sql`select pg_advisory_xact_lock(hashtextextended(${`applications:${pipeline.scope}:${ownerId}`}, 0))`,
    );
  }
  // Locked until the end of the transaction: a second click waits, then sees the status already changed.
  const before = await executor
    .select({ id: applications.id, status: applications.status, personId: applications.personId })
    .from(applications)
    .where(inArray(applications.id, ids))
    .for('update');
  const changing = before.filter((a) => a.status !== decision);
  const transition = transitionRefusal(pipeline, decision, before);
  if (transition) return transition;
  if (decision === 'accepted' && changing.length && pipeline.acceptance) {
    const accepted = await pipeline.acceptance(
      executor,
      owner,
      changing.map((a) => a.id),
    );
    if (!accepted.ok) return accepted;
  }
  const decided = await executor
    .update(applications)
    .set({
      status: decision,
      decisionMotivation: read.value.motivation ?? null,
      decidedBy: actorId,
      decidedAt: at ?? sql`now()`,
    })
    .where(inArray(applications.id, ids))
    .returning();
  const people = await personCards(
    executor,
    changing.map((a) => a.personId),
  );
  for (const application of changing) {
    const person = people.get(application.personId);
    if (!person) continue;
    await queueMail(
      executor,
      decisionMail(pipeline, owner, person, decision, read.value.motivation, baseUrl),
    );
  }
  for (const application of decided) {
    await audit(executor, {
      actorId,
      action: 'decide',
      entity: 'application',
      entityId: application.id,
      data: { decision, ...(read.value.motivation ? { motivation: read.value.motivation } : {}) },
    });
  }
  const order = new Map(ids.map((id, i) => [id, i]));
  return ok(decided.sort((a, b) => order.get(a.id)! - order.get(b.id)!));
}
