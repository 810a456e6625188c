// Deciding: one application or many at once, with one motivation. All or none: an unknown id, another
// owner's application or an acceptance the owner refuses (no place left) leaves every one as it was. Each
// applicant whose status changes is mailed once, through the queue; saving the same decision again (a
// motivation corrected) mails nobody.
import { and, eq, inArray, sql } from 'drizzle-orm';
import { z } from 'zod';
import { audit } from '../../platform/db/audit.ts';
import type { Executor } from '../../platform/db/client.ts';
import { composeMail, queueMail } from '../../platform/mail/mail.tsx';
import { fail, ok, type Result } from '../../platform/result.ts';
import { fieldErrors, optional, uuid } from '../../platform/validation.ts';
import { personCards } from '../organisations/directory.ts';
import { applicationsMessages as m } from './applications.messages.ts';
import { applications } from './applications.schema.ts';
import type { Application } from './applications.ts';
import { decisionsOf, type Pipeline } from './pipeline.ts';
import { type Decision, decisionStatuses } from './statuses.ts';

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

export async function decideApplications<Owner, Answers extends Record<string, unknown>>(
  executor: Executor,
  pipeline: Pipeline<Owner, Answers>,
  input: unknown,
  actorId: string,
  baseUrl: string,
): Promise<Result<Application[]>> {
  const parsed = z
    .object({
      ids: z
        .array(uuid, { error: m.noApplication().text })
        .min(1, m.noApplication().text)
        .max(maxDecided, m.tooManyApplications().text),
      decision: decisionField(decisionsOf(pipeline)),
      motivation,
    })
    .safeParse(input);
  if (!parsed.success) return fail(400, 'invalid', m.invalid(), fieldErrors(parsed.error));
  const { decision } = parsed.data;
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
  if (decision === 'accepted' && changing.length && pipeline.acceptance) {
    const accepted = await pipeline.acceptance(executor, owner, changing.length);
    if (!accepted.ok) return accepted;
  }
  const decided = await executor
    .update(applications)
    .set({
      status: decision,
      decisionMotivation: parsed.data.motivation ?? null,
      decidedBy: actorId,
      decidedAt: sql`now()`,
    })
    .where(inArray(applications.id, ids))
    .returning();
  const words = pipeline.decisions[decision]!;
  const people = await personCards(
    executor,
    changing.map((a) => a.personId),
  );
  for (const application of changing) {
    const person = people.get(application.personId);
    if (!person) continue;
    await queueMail(
      executor,
      composeMail({
        to: person.email,
        subject: pipeline.mail.subject(owner),
        greeting: m.greeting({ firstName: person.firstName }).text,
        paragraphs: [words.mail, ...(parsed.data.motivation ? [parsed.data.motivation] : [])],
        action: pipeline.mail.action(owner, baseUrl),
      }),
    );
  }
  for (const application of decided) {
    await audit(executor, {
      actorId,
      action: 'decide',
      entity: 'application',
      entityId: application.id,
      data: { decision, ...(parsed.data.motivation ? { motivation: parsed.data.motivation } : {}) },
    });
  }
  const order = new Map(ids.map((id, i) => [id, i]));
  return ok(decided.sort((a, b) => order.get(a.id)! - order.get(b.id)!));
}
