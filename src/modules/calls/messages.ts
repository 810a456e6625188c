// Around a dossier in instruction, as in « Démarches simplifiées »: the instructors' private annotations
// (theirs alone, never shown, mailed or exported to the town) and one thread of messages between the
// instructors and the town, each message mailed once to the other side — to the person who carries the
// dossier, or to the instructors who follow it (else to whoever opened the call).
import { and, asc, eq } from 'drizzle-orm';
import { z } from 'zod';
import { audit } from '../../platform/db/audit.ts';
import type { Executor } from '../../platform/db/client.ts';
import { composeMail, queueMail } from '../../platform/mail/mail.tsx';
import { fail, ok, type Result } from '../../platform/result.ts';
import { fieldErrors, uuid } from '../../platform/validation.ts';
import { getApplication } from '../applications/applications.ts';
import { personCards } from '../organisations/directory.ts';
import { getOrganisation } from '../organisations/organisations.ts';
import { callsMessages as m } from './calls.messages.ts';
import { callsPipeline } from './calls.pipeline.ts';
import { callMessages, callNotes } from './calls.schema.ts';
import { getCall } from './calls.ts';
import { followersOf } from './dossiers.ts';

const body = z
  .string({ error: m.bodyExpected().text })
  .trim()
  .min(1, m.bodyExpected().text)
  .max(5000, m.bodyExpected().text);

export const noteInput = z.object({ body });
export const messageInput = z.object({ body, key: uuid });

export interface Written {
  id: string;
  body: string;
  createdAt: Date;
  authorName: string;
}

const authorName = (card: { firstName: string; lastName: string } | undefined) =>
  card ? `${card.firstName} ${card.lastName}` : 'Personne dont le compte a été effacé';

export async function addNote(
  executor: Executor,
  applicationId: string,
  input: unknown,
  authorId: string,
): Promise<Result<true>> {
  const parsed = noteInput.safeParse(input);
  if (!parsed.success) return fail(400, 'invalid', m.invalid(), fieldErrors(parsed.error));
  if (!(await getApplication(executor, callsPipeline, applicationId)))
    return fail(404, 'not_found', m.dossierNotFound());
  await executor.insert(callNotes).values({ applicationId, authorId, body: parsed.data.body });
  return ok(true);
}

/** Deletes one of the instructor's own annotations on the dossier (another's is not found). */
export async function deleteNote(
  executor: Executor,
  applicationId: string,
  noteId: unknown,
  authorId: string,
): Promise<Result<true>> {
  const id = uuid.safeParse(noteId);
  const [deleted] = id.success
    ? await executor
        .delete(callNotes)
        .where(
          and(
            eq(callNotes.id, id.data),
            eq(callNotes.applicationId, applicationId),
            eq(callNotes.authorId, authorId),
          ),
        )
        .returning({ id: callNotes.id })
    : [];
  return deleted ? ok(true) : fail(404, 'not_found', m.noteNotFound());
}

/** The dossier's private annotations, oldest first, with who wrote each (its author may delete it). */
export async function notesOf(executor: Executor, applicationId: string): Promise<Note[]> {
  const rows = await executor
    .select()
    .from(callNotes)
    .where(eq(callNotes.applicationId, applicationId))
    .orderBy(asc(callNotes.createdAt), asc(callNotes.id));
  const cards = await personCards(
    executor,
    rows.flatMap((r) => (r.authorId ? [r.authorId] : [])),
  );
  return rows.map((r) => ({
    id: r.id,
    body: r.body,
    createdAt: r.createdAt,
    authorId: r.authorId,
    authorName: authorName(r.authorId ? cards.get(r.authorId) : undefined),
  }));
}

export type Note = Written & { authorId: string | null };

export interface ThreadMessage extends Written {
  fromStaff: boolean;
}

/** The dossier's thread, oldest first: what the town and its instructors both read. */
export async function messagesOf(executor: Executor, applicationId: string): Promise<ThreadMessage[]> {
  const rows = await executor
    .select()
    .from(callMessages)
    .where(eq(callMessages.applicationId, applicationId))
    .orderBy(asc(callMessages.createdAt), asc(callMessages.id));
  const cards = await personCards(
    executor,
    rows.flatMap((r) => (r.authorId ? [r.authorId] : [])),
  );
  return rows.map((r) => ({
    id: r.id,
    body: r.body,
    createdAt: r.createdAt,
    fromStaff: r.fromStaff,
    authorName: r.fromStaff
      ? 'L’équipe du réseau'
      : authorName(r.authorId ? cards.get(r.authorId) : undefined),
  }));
}

/**
 * Writes a message on the dossier's thread and mails it, once, to the other side: from staff to the person
 * who carries the dossier; from the town to the instructors who follow it, else to whoever opened the call.
 * The same form sent twice writes and mails nothing more. A draft has no thread (the town is still writing).
 */
export async function sendMessage(
  executor: Executor,
  applicationId: string,
  input: unknown,
  author: { id: string; staff: boolean },
  baseUrl: string,
): Promise<Result<{ id: string | undefined }>> {
  const parsed = messageInput.safeParse(input);
  if (!parsed.success) return fail(400, 'invalid', m.invalid(), fieldErrors(parsed.error));
  const application = await getApplication(executor, callsPipeline, applicationId);
  if (!application) return fail(404, 'not_found', m.dossierNotFound());
  if (application.status === 'draft') return fail(422, 'draft', m.noThreadForDraft());
  const [written] = await executor
    .insert(callMessages)
    .values({
      applicationId,
      authorId: author.id,
      fromStaff: author.staff,
      body: parsed.data.body,
      key: parsed.data.key,
    })
    .onConflictDoNothing()
    .returning();
  if (!written) return ok({ id: undefined });
  const call = await getCall(executor, application.ownerId);
  const recipients = author.staff
    ? [application.personId]
    : ((await followersOf(executor, [applicationId])).get(applicationId) ??
      (call?.createdBy ? [call.createdBy] : []));
  const cards = await personCards(executor, recipients);
  const town = application.organisationId
    ? await getOrganisation(executor, application.organisationId)
    : undefined;
  for (const card of cards.values()) {
    if (card.disabled) continue;
    await queueMail(
      executor,
      composeMail({
        to: card.email,
        subject: author.staff
          ? m.messageSubject({ number: call?.number ?? 0 }).text
          : m.messageSubjectStaff({ number: call?.number ?? 0, name: town?.name ?? '—' }).text,
        greeting: m.greeting({ firstName: card.firstName }).text,
        paragraphs: [author.staff ? m.messageFromStaff().text : m.messageFromTown().text, parsed.data.body],
        action: {
          label: m.mailAction().text,
          url: author.staff
            ? `${baseUrl}/mon-espace/dossiers/${applicationId}`
            : `${baseUrl}/gestion/appels/${application.ownerId}/dossiers/${applicationId}`,
        },
        reason: author.staff ? m.messageReasonTown().text : m.messageReasonStaff().text,
      }),
      { key: `call-message:${written.id}:${card.id}` },
    );
  }
  await audit(executor, {
    actorId: author.id,
    action: 'message',
    entity: 'application',
    entityId: applicationId,
  });
  return ok({ id: written.id });
}
