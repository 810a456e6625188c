// « Demander un compte »: someone the network does not know yet asks for an account; the request waits in
// the staff's queue, which approves it (the person is created, or the existing one linked, and mailed a
// sign-in link) or declines it with a reason (mailed too). The form answers the same whether or not the
// address is known: an address that already has an account is mailed a sign-in link instead, and nothing
// waits in the queue. A request not answered in 30 days expires and is purged.
import { and, asc, count, desc, eq, gt, isNotNull, lt, or } from 'drizzle-orm';
import { z } from 'zod';
import { audit } from '../../platform/db/audit.ts';
import type { Executor } from '../../platform/db/client.ts';
import { network } from '../../platform/identity.ts';
import { composeMail, queueMail } from '../../platform/mail/mail.tsx';
import { fail, ok, type Result } from '../../platform/result.ts';
import { fieldErrors, optional, text } from '../../platform/validation.ts';
import { findOrganisationByReference } from '../organisations/directory.ts';
import { emailField } from '../organisations/edit-person.ts';
import { createOrganisation, getOrganisation } from '../organisations/organisations.ts';
import { createPerson, findPersonByEmail, type Person } from '../organisations/people.ts';
import { findReferenceEntry } from '../organisations/reference.ts';
import { accountsMessages as m } from './accounts.messages.ts';
import { accountRequests, requestedKinds } from './accounts.schema.ts';
import { createSignInLink, linksPerAddress, recentLinks } from './sign-in-link.ts';

export type AccountRequest = typeof accountRequests.$inferSelect;

/** How long a request waits for an answer before it expires (and is purged). */
export const requestValidDays = 30;
/** How long a decided request is kept (who asked, who decided), then purged. */
export const decidedKeptDays = 90;

export interface RequestOptions {
  baseUrl: string;
  /** Validity of the sign-in links mailed (MAGIC_LINK_MINUTES). */
  validMinutes: number;
}

/**
 * The organisation chosen in the form: a known one (`id:<uuid>`) or an entry of the official reference
 * (`ref:<kind>:<INSEE code>`); or, when it is in neither, its name typed in `organisationName`.
 */
const choice = z
  .string()
  .regex(
    /^(id:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|ref:(commune|epci|departement|region|com):[0-9][0-9AB][0-9]{0,7})$/,
    m.organisationChoice().text,
  );

export const accountRequestInput = z
  .object({
    firstName: text(100),
    lastName: text(100),
    email: emailField,
    kind: z.enum(requestedKinds, { error: m.requestKind().text }),
    organisation: optional(choice),
    organisationName: optional(text(200)),
    role: optional(text(300)),
    message: optional(text(2000)),
  })
  .superRefine((value, ctx) => {
    if (!value.organisation && !value.organisationName) {
      ctx.addIssue({ code: 'custom', path: ['organisation'], message: m.organisationRequired().text });
    }
  });
export type AccountRequestInput = z.input<typeof accountRequestInput>;

const host = (baseUrl: string) => new URL(baseUrl).host;

/** The organisation a request names, read from its choice: a known one, an entry of the reference. */
async function resolveChoice(
  executor: Executor,
  value: string | undefined,
): Promise<
  Result<{
    organisationId: string | null;
    referenceKind: string | null;
    referenceCode: string | null;
    name: string | null;
  }>
> {
  const none = { organisationId: null, referenceKind: null, referenceCode: null, name: null };
  if (!value) return ok(none);
  const refused = () => fail(400, 'invalid', m.invalid(), { organisation: m.organisationChoice().text });
  if (value.startsWith('id:')) {
    const organisation = await getOrganisation(executor, value.slice(3));
    if (!organisation || organisation.archivedAt) return refused();
    return ok({ ...none, organisationId: organisation.id, name: organisation.name });
  }
  const [, kind, code] = value.split(':') as [string, string, string];
  const entry = findReferenceEntry(kind, code);
  if (!entry) return refused();
  const known = await findOrganisationByReference(executor, entry.kind, entry.inseeCode);
  if (known && !known.archivedAt) return ok({ ...none, organisationId: known.id, name: known.name });
  return ok({ ...none, referenceKind: entry.kind, referenceCode: entry.inseeCode, name: entry.name });
}

/**
 * Receives a request from the public form. Invalid input is refused (400, to correct the form); otherwise
 * the answer is the same whatever the address: a known enabled account is mailed a sign-in link, a second
 * request from an address already waiting adds nothing, a new one waits for the staff.
 */
export async function submitAccountRequest(
  executor: Executor,
  input: unknown,
  options: RequestOptions,
  at = new Date(),
): Promise<Result<void>> {
  const parsed = accountRequestInput.safeParse(input);
  if (!parsed.success) return fail(400, 'invalid', m.invalid(), fieldErrors(parsed.error));
  const value = parsed.data;
  const organisation = await resolveChoice(executor, value.organisation);
  if (!organisation.ok) return organisation;
  const { name } = network();
  const known = await findPersonByEmail(executor, value.email);
  if (known && !known.disabledAt) {
    // Under the sign-in page's limit per address: the form cannot be used to flood someone's mailbox.
    if ((await recentLinks(executor, known.id)) >= linksPerAddress) return ok(undefined);
    const url = await createSignInLink(executor, known.id, options);
    await queueMail(
      executor,
      composeMail({
        to: known.email,
        subject: m.alreadyAccountSubject({ network: name }).text,
        greeting: `Bonjour ${known.firstName},`,
        paragraphs: [m.alreadyAccountBody().text],
        action: { label: 'Me connecter', url },
        footnote: m.linkExpiry({ minutes: options.validMinutes }).text,
        reason: m.alreadyAccountWhy({ host: host(options.baseUrl) }).text,
      }),
    );
    return ok(undefined);
  }
  const [request] = await executor
    .insert(accountRequests)
    .values({
      firstName: value.firstName,
      lastName: value.lastName,
      email: value.email,
      kind: value.kind,
      organisationId: organisation.value.organisationId,
      referenceKind: organisation.value.referenceKind,
      referenceCode: organisation.value.referenceCode,
      organisationName: organisation.value.name ?? value.organisationName!,
      role: value.role ?? null,
      message: value.message ?? null,
      expiresAt: new Date(at.getTime() + requestValidDays * 86_400_000),
    })
    // One waiting request per address (the unique index decides): a second one adds nothing.
    .onConflictDoNothing()
    .returning();
  if (!request) return ok(undefined);
  await audit(executor, { actorId: null, action: 'create', entity: 'account_request', entityId: request.id });
  await queueMail(
    executor,
    composeMail({
      to: request.email,
      subject: m.requestReceivedSubject({ network: name }).text,
      greeting: `Bonjour ${request.firstName},`,
      paragraphs: [m.requestReceivedBody({ network: name }).text],
      reason: m.requestWhy({ host: host(options.baseUrl) }).text,
    }),
    { key: `account-request-received:${request.id}` },
  );
  return ok(undefined);
}

/** Requests waiting for an answer (not expired), oldest first. */
const waiting = (at: Date) => and(eq(accountRequests.status, 'pending'), gt(accountRequests.expiresAt, at));

export async function countWaitingRequests(executor: Executor, at = new Date()): Promise<number> {
  const [row] = await executor.select({ n: count() }).from(accountRequests).where(waiting(at));
  return row?.n ?? 0;
}

/** The staff's queue: the requests waiting (oldest first), and the last ones decided. */
export async function requestQueue(executor: Executor, at = new Date()) {
  const [pending, decided] = await Promise.all([
    executor.select().from(accountRequests).where(waiting(at)).orderBy(asc(accountRequests.createdAt)),
    executor
      .select()
      .from(accountRequests)
      .where(isNotNull(accountRequests.decidedAt))
      .orderBy(desc(accountRequests.decidedAt))
      .limit(20),
  ]);
  return { pending, decided };
}

/** A request, and the person its address already belongs to (if any). */
export async function getAccountRequest(
  executor: Executor,
  id: string,
): Promise<{ request: AccountRequest; existing: Person | undefined } | undefined> {
  const [request] = await executor.select().from(accountRequests).where(eq(accountRequests.id, id));
  if (!request) return undefined;
  return { request, existing: await findPersonByEmail(executor, request.email) };
}

/** The request locked for a decision: 404 unknown, 409 decided already (a second click), 410 expired. */
async function lockWaiting(executor: Executor, id: string, at: Date): Promise<Result<AccountRequest>> {
  const [request] = await executor
    .select()
    .from(accountRequests)
    .where(eq(accountRequests.id, id))
    .for('update');
  if (!request) return fail(404, 'not_found', m.requestNotFound());
  if (request.status !== 'pending') return fail(409, 'already_decided', m.requestDecided());
  if (request.expiresAt <= at) return fail(410, 'expired', m.requestExpired());
  return ok(request);
}

/**
 * Approves a request: its organisation is the known one it names, or is created from the reference; the
 * person is created (or, when the address has an account since, that account is linked) and mailed a
 * sign-in link. Returns the person.
 */
export async function approveAccountRequest(
  executor: Executor,
  id: string,
  actorId: string,
  options: RequestOptions,
  at = new Date(),
): Promise<Result<Person>> {
  const locked = await lockWaiting(executor, id, at);
  if (!locked.ok) return locked;
  const request = locked.value;
  let person = await findPersonByEmail(executor, request.email);
  if (person?.disabledAt) return fail(409, 'account_disabled', m.accountDisabled());
  if (!person) {
    let organisationId = request.organisationId;
    if (organisationId && (await getOrganisation(executor, organisationId))?.archivedAt)
      organisationId = null;
    if (!organisationId && request.referenceKind && request.referenceCode) {
      const known = await findOrganisationByReference(executor, request.referenceKind, request.referenceCode);
      if (known) organisationId = known.archivedAt ? null : known.id;
      else {
        const created = await createOrganisation(
          executor,
          { name: request.organisationName, kind: request.referenceKind, inseeCode: request.referenceCode },
          actorId,
        );
        if (!created.ok) return created;
        organisationId = created.value.id;
      }
    }
    const created = await createPerson(
      executor,
      {
        firstName: request.firstName,
        lastName: request.lastName,
        email: request.email,
        kind: request.kind,
        organisationId: organisationId ?? undefined,
      },
      actorId,
    );
    if (!created.ok) return created;
    person = created.value;
  }
  await executor
    .update(accountRequests)
    .set({ status: 'approved', decidedBy: actorId, decidedAt: at, personId: person.id })
    .where(eq(accountRequests.id, id));
  await audit(executor, {
    actorId,
    action: 'approve',
    entity: 'account_request',
    entityId: id,
    data: { personId: person.id },
  });
  const { name } = network();
  const url = await createSignInLink(executor, person.id, options);
  await queueMail(
    executor,
    composeMail({
      to: person.email,
      subject: m.approvedSubject({ network: name }).text,
      greeting: `Bonjour ${person.firstName},`,
      paragraphs: [m.approvedBody({ network: name }).text],
      action: { label: 'Me connecter', url },
      footnote: m.approvedLinkExpiry({ host: host(options.baseUrl), minutes: options.validMinutes }).text,
      reason: m.approvedWhy({ host: host(options.baseUrl) }).text,
    }),
    { key: `account-request-decided:${id}` },
  );
  return ok(person);
}

export const declineInput = z.object({ reason: text(1000) });

/** Declines a request with a reason, mailed to the requester in a polite answer. */
export async function declineAccountRequest(
  executor: Executor,
  id: string,
  input: unknown,
  actorId: string,
  options: Pick<RequestOptions, 'baseUrl'>,
  at = new Date(),
): Promise<Result<AccountRequest>> {
  const parsed = declineInput.safeParse(input);
  if (!parsed.success) return fail(400, 'invalid', m.reasonRequired(), { reason: m.reasonRequired().text });
  const locked = await lockWaiting(executor, id, at);
  if (!locked.ok) return locked;
  const [declined] = await executor
    .update(accountRequests)
    .set({ status: 'declined', decidedBy: actorId, decidedAt: at, declineReason: parsed.data.reason })
    .where(eq(accountRequests.id, id))
    .returning();
  await audit(executor, { actorId, action: 'decline', entity: 'account_request', entityId: id });
  const { name, email, phone } = network();
  await queueMail(
    executor,
    composeMail({
      to: declined!.email,
      subject: m.declinedSubject({ network: name }).text,
      greeting: `Bonjour ${declined!.firstName},`,
      paragraphs: [
        m.declinedBody({ network: name }).text,
        parsed.data.reason,
        m.declinedContact({ email, phone }).text,
      ],
      reason: m.declinedWhy({ host: host(options.baseUrl) }).text,
    }),
    { key: `account-request-decided:${id}` },
  );
  return ok(declined!);
}

export const purgeAccountRequestsJob = 'accounts.purge_account_requests';

/**
 * Deletes the requests that expired unanswered, and the decided ones older than `decidedKeptDays` (what was
 * decided stays in the audit log, without the person's details). Returns how many it deleted.
 */
export async function purgeAccountRequests(executor: Executor, at = new Date()): Promise<number> {
  const deleted = await executor
    .delete(accountRequests)
    .where(
      or(
        and(eq(accountRequests.status, 'pending'), lt(accountRequests.expiresAt, at)),
        and(
          isNotNull(accountRequests.decidedAt),
          lt(accountRequests.decidedAt, new Date(at.getTime() - decidedKeptDays * 86_400_000)),
        ),
      ),
    )
    .returning({ id: accountRequests.id });
  return deleted.length;
}

/** The person's own details in a request are theirs: a merge moves the link to the record kept. */
export async function moveRequestsOf(executor: Executor, fromId: string, intoId: string) {
  await executor
    .update(accountRequests)
    .set({ personId: intoId })
    .where(eq(accountRequests.personId, fromId));
  await executor
    .update(accountRequests)
    .set({ decidedBy: intoId })
    .where(eq(accountRequests.decidedBy, fromId));
}
