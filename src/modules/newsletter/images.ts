// The images of an issue: uploaded by staff on the issue's page (PNG or JPEG, checked by their content, 2 MB
// at most), served by the platform, placed in an item by a line « Image : <id> | texte alternatif ». An image
// belongs to its issue (deleted with its draft); one an item shows cannot be deleted.
import { and, asc, eq } from 'drizzle-orm';
import { fileTypeFromBuffer } from 'file-type';
import type { Executor } from '../../platform/db/client.ts';
import { fail, ok, type Result } from '../../platform/result.ts';
import { newsletterMessages as m } from './newsletter.messages.ts';
import { newsletterImages, newsletterItems } from './newsletter.schema.ts';

export const maxImageBytes = 2 * 1024 * 1024;
export type Image = Omit<typeof newsletterImages.$inferSelect, 'content'>;

/** The address the platform serves an image at (the mail makes it absolute). */
export const imageHref = (id: string) => `/lettre/images/${id}`;

const listed = {
  id: newsletterImages.id,
  issueId: newsletterImages.issueId,
  fileName: newsletterImages.fileName,
  mediaType: newsletterImages.mediaType,
  createdBy: newsletterImages.createdBy,
  createdAt: newsletterImages.createdAt,
};

export async function addImage(
  executor: Executor,
  issueId: string,
  file: { fileName: string; content: Buffer },
  actorId: string,
): Promise<Result<Image>> {
  if (file.content.length === 0)
    return fail(400, 'invalid_file', m.imageMissing(), { file: m.imageMissing().text });
  if (file.content.length > maxImageBytes)
    return fail(413, 'payload_too_large', m.imageTooLarge(), { file: m.imageTooLarge().text });
  const detected = await fileTypeFromBuffer(file.content);
  if (detected?.mime !== 'image/png' && detected?.mime !== 'image/jpeg')
    return fail(415, 'unsupported_media_type', m.imageType(), { file: m.imageType().text });
  const [image] = await executor
    .insert(newsletterImages)
    .values({
      issueId,
      fileName: file.fileName.replace(/[^\p{L}\p{N} ._-]/gu, '_').slice(0, 150) || 'image',
      mediaType: detected.mime,
      content: file.content,
      createdBy: actorId,
    })
    .returning(listed);
  return ok(image!);
}

export async function imagesOf(executor: Executor, issueId: string): Promise<Image[]> {
  return executor
    .select(listed)
    .from(newsletterImages)
    .where(eq(newsletterImages.issueId, issueId))
    .orderBy(asc(newsletterImages.createdAt));
}

/** An image with its bytes, to serve or to embed. */
export async function imageContent(executor: Executor, id: string) {
  const [image] = await executor
    .select({ mediaType: newsletterImages.mediaType, content: newsletterImages.content })
    .from(newsletterImages)
    .where(eq(newsletterImages.id, id));
  return image;
}

/** Deletes an image of the issue that no item shows (409 otherwise, said in French). */
export async function deleteImage(executor: Executor, issueId: string, id: string): Promise<Result<true>> {
  const [used] = await executor
    .select({ id: newsletterItems.id })
    .from(newsletterItems)
    .where(eq(newsletterItems.imageId, id))
    .limit(1);
  if (used) return fail(409, 'image_in_use', m.imageInUse());
  const deleted = await executor
    .delete(newsletterImages)
    .where(and(eq(newsletterImages.id, id), eq(newsletterImages.issueId, issueId)))
    .returning({ id: newsletterImages.id });
  return deleted.length ? ok(true) : fail(404, 'not_found', m.imageGone());
}
