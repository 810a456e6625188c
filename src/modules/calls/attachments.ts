// The documents a dossier joins, one per expected attachment of its form version (council decision,
// budget…): checked by their content, not their name (the events' documents' rule), replaced while the town
// may still change its dossier, read by the town, its instructors and the experts asked about it.
import { and, asc, eq, sql } from 'drizzle-orm';
import type { FastifyReply } from 'fastify';
import { audit } from '../../platform/db/audit.ts';
import type { Executor } from '../../platform/db/client.ts';
import { fail, ok, type Result } from '../../platform/result.ts';
import { lockApplication } from '../applications/applications.ts';
import { checkDocument } from '../events/documents.ts';
import { callsMessages as m } from './calls.messages.ts';
import { callsPipeline } from './calls.pipeline.ts';
import { callAttachments } from './calls.schema.ts';
import { detailsOf } from './envelope.ts';
import { formOf } from './forms.ts';

export interface AttachmentCard {
  id: string;
  key: string;
  fileName: string;
  mimeType: string;
  bytes: number;
  createdAt: Date;
}

/** The dossier's documents, without their content, in the order of its form's expected attachments. */
export async function attachmentsOf(executor: Executor, applicationId: string): Promise<AttachmentCard[]> {
  return executor
    .select({
      id: callAttachments.id,
      key: callAttachments.key,
      fileName: callAttachments.fileName,
      mimeType: callAttachments.mimeType,
      bytes: sql<number>`octet_length(${callAttachments.content})::int`,
      createdAt: callAttachments.createdAt,
    })
    .from(callAttachments)
    .where(eq(callAttachments.applicationId, applicationId))
    .orderBy(asc(callAttachments.key));
}

/** One document of a dossier, with its content (undefined when it is another dossier's). */
export async function getAttachment(executor: Executor, applicationId: string, id: string) {
  const [row] = await executor
    .select()
    .from(callAttachments)
    .where(and(eq(callAttachments.id, id), eq(callAttachments.applicationId, applicationId)));
  return row;
}

/** The expected attachments of the dossier's own form version. */
export async function expectedAttachments(executor: Executor, applicationId: string, callId: string) {
  const version = (await detailsOf(executor, [applicationId])).get(applicationId)?.formVersion;
  const form = version ? await formOf(executor, callId, version) : undefined;
  return form?.attachments ?? [];
}

/** A draft or a dossier submitted and not yet in instruction: the town still changes it. */
// Locked like a submission locks it: a document joined or removed while the dossier is being submitted waits,
// then meets the dossier as submitted.
async function changeable(executor: Executor, applicationId: string) {
  const application = await lockApplication(executor, callsPipeline, applicationId);
  if (!application) return fail(404, 'not_found', m.dossierNotFound());
  if (application.status !== 'draft' && application.status !== 'submitted')
    return fail(422, 'in_instruction', m.attachmentsFixed());
  return ok(application);
}

/** Joins (or replaces) the document of an expected attachment, after checking what the file is. */
export async function joinAttachment(
  executor: Executor,
  applicationId: string,
  input: { key: string; fileName: string; content: Buffer },
  actorId: string,
): Promise<Result<AttachmentCard>> {
  const application = await changeable(executor, applicationId);
  if (!application.ok) return application;
  const expected = await expectedAttachments(executor, applicationId, application.value.ownerId);
  if (!expected.some((a) => a.key === input.key))
    return fail(400, 'invalid', m.invalid(), { key: m.unknownAttachment().text });
  const checked = await checkDocument(input.content, input.fileName);
  // The form's field says why the file is refused.
  if (!checked.ok) return { ok: false, error: { ...checked.error, fields: { file: checked.error.message } } };
  const values = {
    applicationId,
    key: input.key,
    fileName: checked.value.fileName,
    mimeType: checked.value.mimeType,
    content: input.content,
    uploadedBy: actorId,
  };
  await executor
    .insert(callAttachments)
    .values(values)
    .onConflictDoUpdate({
      target: [callAttachments.applicationId, callAttachments.key],
      set: {
        fileName: values.fileName,
        mimeType: values.mimeType,
        content: values.content,
        uploadedBy: actorId,
        createdAt: sql`now()`,
      },
    });
  await audit(executor, {
    actorId,
    action: 'attach',
    entity: 'application',
    entityId: applicationId,
    data: { key: input.key },
  });
  return ok((await attachmentsOf(executor, applicationId)).find((a) => a.key === input.key)!);
}

export async function removeAttachment(
  executor: Executor,
  applicationId: string,
  id: string,
  actorId: string,
): Promise<Result<true>> {
  const application = await changeable(executor, applicationId);
  if (!application.ok) return application;
  if (application.value.status === 'submitted') {
    // A submitted dossier stays complete: its required documents are replaced, never removed.
    const card = (await attachmentsOf(executor, applicationId)).find((a) => a.id === id);
    const expected = await expectedAttachments(executor, applicationId, application.value.ownerId);
    const required = expected.find((a) => a.key === card?.key && a.required);
    if (required) return fail(422, 'incomplete', m.attachmentStays({ label: required.label }));
  }
  const [removed] = await executor
    .delete(callAttachments)
    .where(and(eq(callAttachments.id, id), eq(callAttachments.applicationId, applicationId)))
    .returning({ id: callAttachments.id });
  if (!removed) return fail(404, 'not_found', m.attachmentNotFound());
  await audit(executor, { actorId, action: 'detach', entity: 'application', entityId: applicationId });
  return ok(true);
}

/** The required attachments the dossier lacks, by field (`attachments.p1`), to refuse its submission. */
export async function missingAttachments(
  executor: Executor,
  applicationId: string,
  callId: string,
): Promise<Record<string, string>> {
  const [expected, joined] = await Promise.all([
    expectedAttachments(executor, applicationId, callId),
    attachmentsOf(executor, applicationId),
  ]);
  const present = new Set(joined.map((a) => a.key));
  return Object.fromEntries(
    expected
      .filter((a) => a.required && !present.has(a.key))
      .map((a) => [`attachments.${a.key}`, m.attachmentRequired({ label: a.label }).text]),
  );
}

/** A document sent as a download, never shown inline (its type is the one its content was checked to be). */
export const sendAttachment = (
  reply: FastifyReply,
  file: { fileName: string; mimeType: string; content: Buffer },
) =>
  reply
    .type(file.mimeType)
    .header('content-disposition', `attachment; filename="${encodeURIComponent(file.fileName)}"`)
    .header('x-content-type-options', 'nosniff')
    .header('cache-control', 'private, no-store')
    .send(file.content);
