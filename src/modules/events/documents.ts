// Minutes and documents of an event: PDF and office files, checked by their content, not their name.
import { asc, eq } from 'drizzle-orm';
import { fileTypeFromBuffer } from 'file-type';
import { audit } from '../../platform/db/audit.ts';
import type { Executor } from '../../platform/db/client.ts';
import { fail, ok, type Result } from '../../platform/result.ts';
import { eventsMessages as m } from './events.messages.ts';
import { eventDocuments } from './events.schema.ts';
import { getEvent } from './events.ts';

export const maxDocumentBytes = 10 * 1024 * 1024;

const allowed = new Map<string, string>([
  ['application/pdf', 'pdf'],
  ['application/vnd.openxmlformats-officedocument.wordprocessingml.document', 'docx'],
  ['application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', 'xlsx'],
  ['application/vnd.openxmlformats-officedocument.presentationml.presentation', 'pptx'],
  ['application/vnd.oasis.opendocument.text', 'odt'],
  ['application/vnd.oasis.opendocument.spreadsheet', 'ods'],
  ['application/vnd.oasis.opendocument.presentation', 'odp'],
]);

// Word, Excel and PowerPoint 97–2003 files share one container (CFB) that file-type cannot tell apart: the
// file's own extension says which it is (any other CFB file, an Outlook message say, is refused).
const legacyOffice = new Map<string, string>([
  ['doc', 'application/msword'],
  ['xls', 'application/vnd.ms-excel'],
  ['ppt', 'application/vnd.ms-powerpoint'],
]);

/**
 * A file checked by its content: refused when empty, too large or of another type; otherwise the name and
 * media type to store (the name's extension is the content's). Other modules' documents use it too.
 */
export async function checkDocument(
  content: Buffer,
  fileName: string,
): Promise<Result<{ fileName: string; mimeType: string; base: string }>> {
  if (content.length === 0) return fail(400, 'invalid_file', m.emptyFile());
  if (content.length > maxDocumentBytes) return fail(413, 'payload_too_large', m.fileTooLarge());
  const detected = await fileTypeFromBuffer(content);
  const named = /\.([a-z0-9]+)$/i.exec(fileName)?.[1]?.toLowerCase() ?? '';
  const extension =
    detected?.mime === 'application/x-cfb'
      ? legacyOffice.has(named)
        ? named
        : undefined
      : detected
        ? allowed.get(detected.mime)
        : undefined;
  if (!detected || !extension) return fail(415, 'unsupported_media_type', m.documentType());
  const base =
    fileName
      .replace(/\.[^.]*$/, '')
      .replace(/[^\p{L}\p{N} ._-]/gu, '_')
      .slice(0, 150) || 'document';
  return ok({
    fileName: `${base}.${extension}`,
    mimeType: legacyOffice.get(extension) ?? detected.mime,
    base,
  });
}

export async function addDocument(
  executor: Executor,
  input: { eventId: string; kind: 'minutes' | 'document'; title: string; fileName: string; content: Buffer },
  actorId: string,
): Promise<Result<{ id: string }>> {
  if (!(await getEvent(executor, input.eventId))) return fail(404, 'not_found', m.eventNotFound());
  const file = await checkDocument(input.content, input.fileName);
  if (!file.ok) return file;
  const { base, fileName, mimeType } = file.value;
  const [row] = await executor
    .insert(eventDocuments)
    .values({
      eventId: input.eventId,
      kind: input.kind,
      title: input.title.trim().slice(0, 300) || base,
      fileName,
      mimeType,
      size: input.content.length,
      content: input.content,
      uploadedBy: actorId,
    })
    .returning({ id: eventDocuments.id });
  await audit(executor, {
    actorId,
    action: 'upload',
    entity: 'event_document',
    entityId: row!.id,
    data: { eventId: input.eventId },
  });
  return ok(row!);
}

export async function listDocuments(executor: Executor, eventId: string) {
  return executor
    .select({
      id: eventDocuments.id,
      kind: eventDocuments.kind,
      title: eventDocuments.title,
      fileName: eventDocuments.fileName,
      size: eventDocuments.size,
      createdAt: eventDocuments.createdAt,
    })
    .from(eventDocuments)
    .where(eq(eventDocuments.eventId, eventId))
    .orderBy(asc(eventDocuments.kind), asc(eventDocuments.createdAt));
}

export async function getDocument(executor: Executor, id: string) {
  const [row] = await executor.select().from(eventDocuments).where(eq(eventDocuments.id, id));
  return row;
}
