// Experts' opinions (« avis ») on a dossier, as « Démarches simplifiées » asks them: a person inside or outside
// the network, with no account, reached by a personal link. The link's token is kept only as its hash; it
// gives one opinion (the answer spends it, whatever the concurrency), until it expires a week after the
// deadline; the reminder, two days before the deadline, sends a new link (the old one then stops working, as
// the token is never stored). A confidential opinion is read by the instructors alone; the town reads none.
import { createHash, randomBytes } from 'node:crypto';
import { and, asc, eq, gt, isNull, lte, sql } from 'drizzle-orm';
import { z } from 'zod';
import { audit } from '../../platform/db/audit.ts';
import type { Db, Executor } from '../../platform/db/client.ts';
import { network } from '../../platform/identity.ts';
import { composeMail, type MailContent, maskedSecret, queueMail } from '../../platform/mail/mail.tsx';
import { fail, ok, type Result } from '../../platform/result.ts';
import { formatDate, parisDate, parisTime } from '../../platform/time.ts';
import { fieldErrors, optional, text } from '../../platform/validation.ts';
import { type Application, getApplication } from '../applications/applications.ts';
import { startInstruction } from '../applications/submit.ts';
import { getOrganisation } from '../organisations/organisations.ts';
import { callsMessages as m } from './calls.messages.ts';
import { callsPipeline } from './calls.pipeline.ts';
import { callExpertRequests } from './calls.schema.ts';
import { type Call, getCall } from './calls.ts';

export type ExpertRequest = typeof callExpertRequests.$inferSelect;

export const expertOpinions = ['favourable', 'reserved', 'unfavourable'] as const;
export type ExpertOpinion = (typeof expertOpinions)[number];
export const expertOpinionLabels: Record<ExpertOpinion, string> = {
  favourable: 'Favorable',
  reserved: 'Favorable avec réserves',
  unfavourable: 'Défavorable',
};

/** The link stays open a week after the deadline: a late opinion is still worth having. */
const graceDays = 7;
/** The reminder goes this many days before the deadline. */
export const reminderDays = 2;
export const expertReminderJob = 'calls.expert-reminder';

const day = z.iso.date({ error: m.deadlineExpected().text });

export const expertInput = z.object({
  name: text(200),
  email: z.email({ error: m.emailExpected().text }).max(320, m.emailExpected().text),
  expertise: optional(z.string().trim().max(300)),
  question: optional(z.string().trim().max(3000)),
  confidential: z.boolean().default(false),
  deadline: day,
});
export type ExpertInput = z.input<typeof expertInput>;

export const opinionInput = z.object({
  opinion: z.enum(expertOpinions, { error: m.opinionExpected().text }),
  body: z
    .string({ error: m.opinionBodyExpected().text })
    .trim()
    .min(1, m.opinionBodyExpected().text)
    .max(10_000),
});

const hashOf = (token: string) => createHash('sha256').update(token).digest('hex');
const newToken = () => randomBytes(32).toString('base64url');
export const expertUrl = (baseUrl: string, token: string) => `${baseUrl}/avis/${token}`;

/** The end of the link: the deadline's Paris day, then the grace days. */
const expiryOf = (deadline: string) =>
  new Date(parisTime(deadline, '23:59').getTime() + graceDays * 86_400_000);

/** The mail that asks (or reminds) an expert; its link is the secret the outbox keeps masked. */
function expertMail(
  request: Pick<ExpertRequest, 'expertName' | 'expertEmail' | 'deadline' | 'question'>,
  call: Call,
  townName: string,
  reminder: boolean,
): MailContent {
  return composeMail({
    to: request.expertEmail,
    subject: reminder
      ? m.expertReminderSubject({ number: call.number, town: townName }).text
      : m.expertSubject({ number: call.number, town: townName }).text,
    greeting: m.greeting({ firstName: request.expertName }).text,
    paragraphs: [
      m.expertIntro({ network: network().name, number: call.number, title: call.title, town: townName }).text,
      ...(request.question ? [m.expertQuestion({ question: request.question }).text] : []),
      m.expertDeadline({ deadline: formatDate(request.deadline) }).text,
      ...(reminder ? [m.expertReminderNote().text] : []),
    ],
    action: { label: m.expertAction().text, url: maskedSecret },
    footnote: m.expertFootnote().text,
    reason: m.expertReason().text,
  });
}

async function dossierContext(executor: Executor, application: Application) {
  const call = await getCall(executor, application.ownerId);
  const town = application.organisationId
    ? await getOrganisation(executor, application.organisationId)
    : undefined;
  return { call: call!, townName: town?.name ?? '—' };
}

/** What asking would send: to whom, which mail (the link masked), or why it is refused. Writes nothing. */
export async function previewExpertRequest(
  executor: Executor,
  applicationId: string,
  input: unknown,
  at = new Date(),
): Promise<Result<{ input: z.infer<typeof expertInput>; mail: MailContent }>> {
  const parsed = expertInput.safeParse(input);
  if (!parsed.success) return fail(400, 'invalid', m.invalid(), fieldErrors(parsed.error));
  const application = await getApplication(executor, callsPipeline, applicationId);
  if (!application) return fail(404, 'not_found', m.dossierNotFound());
  if (application.status !== 'submitted' && application.status !== 'in_review')
    return fail(422, 'not_in_instruction', m.expertNotNow());
  const today = parisDate(at);
  const latest = parisDate(new Date(at.getTime() + 90 * 86_400_000));
  if (parsed.data.deadline <= today || parsed.data.deadline > latest)
    return fail(400, 'invalid', m.invalid(), { deadline: m.deadlineRange().text });
  const { call, townName } = await dossierContext(executor, application);
  const { name, email, question, deadline } = parsed.data;
  const mail = expertMail(
    { expertName: name, expertEmail: email, question: question ?? null, deadline },
    call,
    townName,
    false,
  );
  return ok({ input: parsed.data, mail });
}

/**
 * Asks an expert: the request, its token's hash, and the mail with the link (sealed in the outbox). A dossier
 * asked about is in instruction: the town no longer changes it under the expert's eyes.
 */
export async function requestExpertOpinion(
  executor: Executor,
  applicationId: string,
  input: unknown,
  requesterId: string,
  baseUrl: string,
  at = new Date(),
): Promise<Result<{ request: ExpertRequest; token: string }>> {
  const preview = await previewExpertRequest(executor, applicationId, input, at);
  if (!preview.ok) return preview;
  const token = newToken();
  const { deadline, ...rest } = preview.value.input;
  const [request] = await executor
    .insert(callExpertRequests)
    .values({
      applicationId,
      expertName: rest.name,
      expertEmail: rest.email,
      expertise: rest.expertise ?? null,
      question: rest.question ?? null,
      confidential: rest.confidential,
      deadline,
      expiresAt: expiryOf(deadline),
      tokenHash: hashOf(token),
      requestedBy: requesterId,
      requestedAt: at,
    })
    .returning();
  await queueMail(executor, {
    ...preview.value.mail,
    secret: { placeholder: maskedSecret, value: expertUrl(baseUrl, token) },
  });
  await startInstruction(executor, callsPipeline, applicationId);
  await audit(executor, {
    actorId: requesterId,
    action: 'request_opinion',
    entity: 'application',
    entityId: applicationId,
    data: { expert: rest.email, confidential: rest.confidential, deadline },
  });
  // The token leaves only in the mail (and to the caller, which must not show it).
  return ok({ request: request!, token });
}

/** The requests of a dossier, oldest first (the instructors' view: every opinion, confidential or not). */
export async function expertRequestsOf(executor: Executor, applicationId: string): Promise<ExpertRequest[]> {
  return executor
    .select()
    .from(callExpertRequests)
    .where(eq(callExpertRequests.applicationId, applicationId))
    .orderBy(asc(callExpertRequests.requestedAt), asc(callExpertRequests.id));
}

/** Withdraws a request not yet answered: its link stops working. */
export async function cancelExpertRequest(
  executor: Executor,
  applicationId: string,
  requestId: string,
  actorId: string,
): Promise<Result<true>> {
  const [cancelled] = await executor
    .update(callExpertRequests)
    .set({ cancelledAt: sql`now()` })
    .where(
      and(
        eq(callExpertRequests.id, requestId),
        eq(callExpertRequests.applicationId, applicationId),
        isNull(callExpertRequests.answeredAt),
        isNull(callExpertRequests.cancelledAt),
      ),
    )
    .returning();
  if (!cancelled) return fail(409, 'not_pending', m.expertNotPending());
  await audit(executor, {
    actorId,
    action: 'cancel_opinion',
    entity: 'application',
    entityId: applicationId,
  });
  return ok(true);
}

/** Why a link no longer opens, in the expert's words; undefined while it does. */
function closedLink(request: ExpertRequest, at: Date): Result<never> | undefined {
  if (request.answeredAt)
    return fail(410, 'answered', m.expertAnswered({ on: formatDate(request.answeredAt) }));
  if (request.cancelledAt) return fail(410, 'cancelled', m.expertCancelled());
  if (request.expiresAt <= at) return fail(410, 'expired', m.expertExpired());
  return undefined;
}

/** The request a link names, while it is open (a token unknown or replaced by the reminder's: 404). */
export async function openRequest(
  executor: Executor,
  token: string,
  at = new Date(),
): Promise<Result<ExpertRequest>> {
  const [request] = await executor
    .select()
    .from(callExpertRequests)
    .where(eq(callExpertRequests.tokenHash, hashOf(token)));
  if (!request) return fail(404, 'not_found', m.expertUnknown());
  return closedLink(request, at) ?? ok(request);
}

/** Gives the opinion: once per link, whatever the concurrency (the update claims the open request). */
export async function giveExpertOpinion(
  executor: Executor,
  token: string,
  input: unknown,
  at = new Date(),
): Promise<Result<ExpertRequest>> {
  const open = await openRequest(executor, token, at);
  if (!open.ok) return open;
  const parsed = opinionInput.safeParse(input);
  if (!parsed.success) return fail(400, 'invalid', m.invalid(), fieldErrors(parsed.error));
  const [answered] = await executor
    .update(callExpertRequests)
    .set({ opinion: parsed.data.opinion, body: parsed.data.body, answeredAt: at })
    .where(
      and(
        eq(callExpertRequests.tokenHash, hashOf(token)),
        isNull(callExpertRequests.answeredAt),
        isNull(callExpertRequests.cancelledAt),
        gt(callExpertRequests.expiresAt, at),
      ),
    )
    .returning();
  if (!answered) return (await openRequest(executor, token, at)) as Result<never>;
  await audit(executor, {
    actorId: null,
    action: 'give_opinion',
    entity: 'application',
    entityId: answered.applicationId,
    data: { expert: answered.expertEmail, opinion: answered.opinion },
  });
  return ok(answered);
}

/**
 * The reminder, each hour: the requests still open whose deadline is within two days and that were not
 * reminded get a new link by mail (each request once: the update that rotates the token claims it).
 */
export async function remindExperts(executor: Db, baseUrl: string, at = new Date()): Promise<number> {
  const horizon = parisDate(new Date(at.getTime() + reminderDays * 86_400_000));
  const due = await executor
    .select({ id: callExpertRequests.id })
    .from(callExpertRequests)
    .where(
      and(
        isNull(callExpertRequests.remindedAt),
        isNull(callExpertRequests.answeredAt),
        isNull(callExpertRequests.cancelledAt),
        gt(callExpertRequests.expiresAt, at),
        lte(callExpertRequests.deadline, horizon),
      ),
    );
  let reminded = 0;
  for (const { id } of due) {
    const sent = await executor.transaction(async (tx) => {
      const token = newToken();
      const [request] = await tx
        .update(callExpertRequests)
        .set({ remindedAt: at, tokenHash: hashOf(token) })
        .where(
          and(
            eq(callExpertRequests.id, id),
            isNull(callExpertRequests.remindedAt),
            isNull(callExpertRequests.answeredAt),
          ),
        )
        .returning();
      if (!request) return false;
      const application = await getApplication(tx, callsPipeline, request.applicationId);
      if (!application) return false;
      const { call, townName } = await dossierContext(tx, application);
      await queueMail(tx, {
        ...expertMail(request, call, townName, true),
        secret: { placeholder: maskedSecret, value: expertUrl(baseUrl, token) },
      });
      return true;
    });
    if (sent) reminded++;
  }
  return reminded;
}
