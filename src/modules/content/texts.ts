// The site's texts that staff edit without a deployment (the home page's introduction, the path's public
// page, the accessibility statement…). A module declares each of its texts with a default (`Module.texts`);
// saving makes a new version, so every text keeps its history and can be put back.
import { and, desc, eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import { audit } from '../../platform/db/audit.ts';
import type { Executor } from '../../platform/db/client.ts';
import { fail, ok, type Result } from '../../platform/result.ts';
import { fieldErrors } from '../../platform/validation.ts';
import { messages } from './content.messages.ts';
import { textVersions } from './content.schema.ts';
import { renderMarkdown } from './markdown.ts';

/** A text of the site: its key (`<module>.<name>`), what staff call it, and the words until they edit them. */
export interface EditableText {
  key: string;
  label: string;
  /** Where it shows, for staff: « page d’accueil, sous le titre ». */
  where: string;
  default: string;
}

export type TextVersion = typeof textVersions.$inferSelect;

/** The text's Markdown now: its newest version, or its default. */
export async function currentText(executor: Executor, text: EditableText): Promise<string> {
  const [row] = await executor
    .select({ body: textVersions.body })
    .from(textVersions)
    .where(eq(textVersions.key, text.key))
    .orderBy(desc(textVersions.id))
    .limit(1);
  return row?.body ?? text.default;
}

/** The text as safe HTML for a page. */
export async function renderText(executor: Executor, text: EditableText): Promise<string> {
  return renderMarkdown(await currentText(executor, text));
}

export const textInput = z.object({
  body: z
    .string({ error: () => messages.bodyRequired().text })
    .trim()
    .min(1, { error: () => messages.bodyRequired().text })
    .max(20_000, { error: () => messages.bodyTooLong().text }),
});

/** Saves a new version (nothing when the words are those of now). */
export async function saveText(
  executor: Executor,
  text: EditableText,
  input: unknown,
  actorId: string,
): Promise<Result<{ saved: boolean; versionId?: number }>> {
  const parsed = textInput.safeParse(input);
  if (!parsed.success) return fail(400, 'invalid', messages.invalid(), fieldErrors(parsed.error));
  if ((await currentText(executor, text)) === parsed.data.body) return ok({ saved: false });
  const [row] = await executor
    .insert(textVersions)
    .values({ key: text.key, body: parsed.data.body, savedBy: actorId })
    .returning({ id: textVersions.id });
  await audit(executor, {
    actorId,
    action: 'edit',
    entity: 'text',
    entityId: text.key,
    data: { version: row!.id },
  });
  return ok({ saved: true, versionId: row!.id });
}

/** The versions of a text, newest first. */
export async function textHistory(executor: Executor, key: string): Promise<TextVersion[]> {
  return executor
    .select()
    .from(textVersions)
    .where(eq(textVersions.key, key))
    .orderBy(desc(textVersions.id))
    .limit(100);
}

/** Puts an older version back (as a new version: the history keeps the one it replaces). */
export async function restoreText(
  executor: Executor,
  text: EditableText,
  versionId: number,
  actorId: string,
): Promise<Result<{ saved: boolean; versionId?: number }>> {
  const [version] = await executor
    .select()
    .from(textVersions)
    .where(and(eq(textVersions.id, versionId), eq(textVersions.key, text.key)));
  if (!version) return fail(404, 'not_found', messages.versionNotFound());
  return saveText(executor, text, { body: version.body }, actorId);
}

/** How many versions each text has (for the list of texts). */
export async function versionCounts(executor: Executor): Promise<Map<string, number>> {
  const rows = await executor
    .select({ key: textVersions.key, n: sql<number>`count(*)::int` })
    .from(textVersions)
    .groupBy(textVersions.key);
  return new Map(rows.map((r) => [r.key, r.n]));
}
