// Minutes and documents of a group or of one of its meetings, checked by their content as the agenda's are
// (`checkDocument`); public, or for the group's members only.
import { and, desc, eq, inArray } from 'drizzle-orm';
import { z } from 'zod';
import { audit } from '../../platform/db/audit.ts';
import type { Executor } from '../../platform/db/client.ts';
import { fail, ok, type Result } from '../../platform/result.ts';
import { fieldErrors, optional, uuid } from '../../platform/validation.ts';
import { checkDocument } from '../events/documents.ts';
import { groupsMessages as m } from './groups.messages.ts';
import { documentVisibilities, groupDocuments } from './groups.schema.ts';
import { getGroup } from './groups.ts';
import { isMeetingOf } from './meetings.ts';

export const documentKindLabels = { minutes: 'Compte rendu', document: 'Document' } as const;
export const visibilityLabels = { public: 'Public', members: 'Réservé aux membres du groupe' } as const;

export const documentInput = z.object({
  kind: z.enum(['minutes', 'document'], { error: m.documentKindExpected().text }),
  visibility: z.enum(documentVisibilities, { error: m.visibilityExpected().text }),
  title: z.string().trim().max(300).default(''),
  eventId: optional(uuid),
});

export async function addGroupDocument(
  executor: Executor,
  groupId: string,
  input: unknown,
  file: { fileName: string; content: Buffer },
  actorId: string,
): Promise<Result<{ id: string }>> {
  if (!(await getGroup(executor, groupId))) return fail(404, 'not_found', m.groupNotFound());
  const parsed = documentInput.safeParse(input);
  if (!parsed.success) return fail(400, 'invalid', m.invalid(), fieldErrors(parsed.error));
  const { eventId, title, ...rest } = parsed.data;
  if (eventId && !(await isMeetingOf(executor, groupId, eventId)))
    return fail(422, 'unknown_event', m.eventNotFound(), { eventId: m.eventNotFound().text });
  const checked = await checkDocument(file.content, file.fileName);
  if (!checked.ok) return checked;
  const [row] = await executor
    .insert(groupDocuments)
    .values({
      groupId,
      eventId: eventId ?? null,
      ...rest,
      title: title || checked.value.base,
      fileName: checked.value.fileName,
      mimeType: checked.value.mimeType,
      size: file.content.length,
      content: file.content,
      uploadedBy: actorId,
    })
    .returning({ id: groupDocuments.id });
  await audit(executor, {
    actorId,
    action: 'upload',
    entity: 'group_document',
    entityId: row!.id,
    data: { groupId, eventId: eventId ?? null },
  });
  return ok(row!);
}

/** A group's documents, newest first: the public ones, and the members' too when `members`. */
export async function documentsOf(executor: Executor, groupId: string, members: boolean) {
  return executor
    .select({
      id: groupDocuments.id,
      eventId: groupDocuments.eventId,
      kind: groupDocuments.kind,
      visibility: groupDocuments.visibility,
      title: groupDocuments.title,
      fileName: groupDocuments.fileName,
      size: groupDocuments.size,
      createdAt: groupDocuments.createdAt,
    })
    .from(groupDocuments)
    .where(
      and(
        eq(groupDocuments.groupId, groupId),
        inArray(groupDocuments.visibility, members ? ['public', 'members'] : ['public']),
      ),
    )
    .orderBy(desc(groupDocuments.createdAt));
}

export async function getGroupDocument(executor: Executor, groupId: string, id: string) {
  const [row] = await executor
    .select()
    .from(groupDocuments)
    .where(and(eq(groupDocuments.id, id), eq(groupDocuments.groupId, groupId)));
  return row;
}

/** Staff remove a document of a group (a wrong file, minutes replaced); the audit keeps its title and name. */
export async function removeGroupDocument(
  executor: Executor,
  groupId: string,
  id: string,
  actorId: string,
): Promise<Result<true>> {
  const [row] = await executor
    .delete(groupDocuments)
    .where(and(eq(groupDocuments.id, id), eq(groupDocuments.groupId, groupId)))
    .returning({ title: groupDocuments.title, fileName: groupDocuments.fileName });
  if (!row) return fail(404, 'not_found', m.documentNotFound(), { documentId: m.documentNotFound().text });
  await audit(executor, {
    actorId,
    action: 'remove_document',
    entity: 'group',
    entityId: groupId,
    data: { documentId: id, title: row.title, fileName: row.fileName },
  });
  return ok(true);
}
