// Issues of « La Lettre »: written by staff (or through the API) as sections of items, kept as drafts until
// published. Changing an issue rewrites its sections and items in one transaction: what staff see in the form
// is what the issue holds.
import { and, asc, desc, eq, inArray, isNotNull } from 'drizzle-orm';
import { z } from 'zod';
import { audit } from '../../platform/db/audit.ts';
import type { Executor } from '../../platform/db/client.ts';
import { fail, ok, type Result } from '../../platform/result.ts';
import { fieldErrors, isoDate, optional, text, uuid } from '../../platform/validation.ts';
import { newsletterMessages as m } from './newsletter.messages.ts';
import {
  newsletterImages,
  newsletterIssues,
  newsletterItems,
  newsletterSections,
} from './newsletter.schema.ts';

const link = z
  .string()
  .trim()
  .max(2000, m.linkExpected().text)
  .refine(
    (value) =>
      (/^https?:\/\/[^\s/]+\.[^\s]+$/i.test(value) && URL.canParse(value)) || /^\/[^\s/][^\s]*$/.test(value),
    m.linkExpected().text,
  );

export const itemInput = z.object({
  title: text(300),
  body: text(20_000),
  link: optional(link),
  /** An image of the issue (uploaded on its page) and what it shows, in words. */
  image: z.object({ id: uuid, alt: text(300) }).optional(),
});
export const sectionInput = z.object({
  title: text(200),
  items: z.array(itemInput).max(30, m.tooManyItems().text).default([]),
});

export const issueInput = z
  .object({
    title: text(200),
    periodStart: isoDate,
    periodEnd: isoDate,
    editorial: optional(text(20_000)),
    editorialAuthor: optional(text(200)),
    sections: z.array(sectionInput).max(20, m.tooManySections().text).default([]),
  })
  .refine((i) => i.periodStart <= i.periodEnd, { message: m.periodBackwards().text, path: ['periodEnd'] });
export type IssueInput = z.infer<typeof issueInput>;

export type Issue = typeof newsletterIssues.$inferSelect;
export type Item = typeof newsletterItems.$inferSelect;
export type Section = typeof newsletterSections.$inferSelect & { items: Item[] };
export interface IssueDocument {
  issue: Issue;
  sections: Section[];
}

/** The first item whose image is not one of the issue's (an image belongs to its issue), by its path. */
async function foreignImage(
  executor: Executor,
  issueId: string | undefined,
  sections: IssueInput['sections'],
) {
  const wanted = sections.flatMap((s, i) =>
    s.items.flatMap((item, j) => (item.image ? [{ i, j, id: item.image.id }] : [])),
  );
  if (wanted.length === 0) return undefined;
  const own = issueId
    ? new Set(
        (
          await executor
            .select({ id: newsletterImages.id })
            .from(newsletterImages)
            .where(
              and(
                eq(newsletterImages.issueId, issueId),
                inArray(
                  newsletterImages.id,
                  wanted.map((w) => w.id),
                ),
              ),
            )
        ).map((r) => r.id),
      )
    : new Set<string>();
  const foreign = wanted.find((w) => !own.has(w.id));
  return (
    foreign &&
    fail(422, 'unknown_image', m.imageNotOfIssue(), {
      [`sections.${foreign.i}.items.${foreign.j}.image`]: m.imageNotOfIssue().text,
    })
  );
}

async function writeSections(executor: Executor, issueId: string, sections: IssueInput['sections']) {
  await executor.delete(newsletterSections).where(eq(newsletterSections.issueId, issueId));
  if (sections.length === 0) return;
  const rows = await executor
    .insert(newsletterSections)
    .values(sections.map((s, position) => ({ issueId, position, title: s.title })))
    .returning({ id: newsletterSections.id, position: newsletterSections.position });
  const items = rows.flatMap((row) =>
    sections[row.position]!.items.map((item, position) => ({
      sectionId: row.id,
      position,
      title: item.title,
      body: item.body,
      link: item.link ?? null,
      imageId: item.image?.id ?? null,
      imageAlt: item.image?.alt ?? null,
    })),
  );
  if (items.length) await executor.insert(newsletterItems).values(items);
}

/** The input read: the issue's own columns (absent texts as null), and its sections. */
function read(input: unknown): Result<{
  fields: Pick<Issue, 'title' | 'periodStart' | 'periodEnd' | 'editorial' | 'editorialAuthor'>;
  sections: IssueInput['sections'];
}> {
  const parsed = issueInput.safeParse(input);
  if (!parsed.success) return fail(400, 'invalid', m.invalid(), fieldErrors(parsed.error));
  const { sections, editorial, editorialAuthor, ...rest } = parsed.data;
  return ok({
    fields: { ...rest, editorial: editorial ?? null, editorialAuthor: editorialAuthor ?? null },
    sections,
  });
}

export async function createIssue(
  executor: Executor,
  input: unknown,
  actorId: string,
): Promise<Result<IssueDocument>> {
  const parsed = read(input);
  if (!parsed.ok) return parsed;
  const { fields, sections } = parsed.value;
  const foreign = await foreignImage(executor, undefined, sections);
  if (foreign) return foreign;
  const [issue] = await executor
    .insert(newsletterIssues)
    .values({ ...fields, createdBy: actorId })
    .returning();
  await writeSections(executor, issue!.id, sections);
  await audit(executor, { actorId, action: 'create', entity: 'newsletter_issue', entityId: issue!.id });
  return ok((await getIssue(executor, issue!.id))!);
}

export async function updateIssue(
  executor: Executor,
  id: string,
  input: unknown,
  actorId: string,
): Promise<Result<IssueDocument>> {
  const parsed = read(input);
  if (!parsed.ok) return parsed;
  const { fields, sections } = parsed.value;
  const foreign = await foreignImage(executor, id, sections);
  if (foreign) return foreign;
  const [issue] = await executor
    .update(newsletterIssues)
    .set({ ...fields, updatedAt: new Date() })
    .where(eq(newsletterIssues.id, id))
    .returning();
  if (!issue) return fail(404, 'not_found', m.notFound());
  await writeSections(executor, id, sections);
  await audit(executor, { actorId, action: 'update', entity: 'newsletter_issue', entityId: id });
  return ok((await getIssue(executor, id))!);
}

/** Publishes an issue (its web version becomes public), or takes it back to a draft. */
export async function setPublished(
  executor: Executor,
  id: string,
  published: boolean,
  actorId: string,
  at = new Date(),
): Promise<Result<Issue>> {
  const [issue] = await executor
    .update(newsletterIssues)
    .set({ publishedAt: published ? at : null })
    .where(eq(newsletterIssues.id, id))
    .returning();
  if (!issue) return fail(404, 'not_found', m.notFound());
  await audit(executor, {
    actorId,
    action: published ? 'publish' : 'unpublish',
    entity: 'newsletter_issue',
    entityId: id,
  });
  return ok(issue);
}

/** Deletes a draft; a published issue stays in the archives. */
export async function deleteIssue(executor: Executor, id: string, actorId: string): Promise<Result<true>> {
  const [issue] = await executor
    .select()
    .from(newsletterIssues)
    .where(eq(newsletterIssues.id, id))
    .for('update');
  if (!issue) return fail(404, 'not_found', m.notFound());
  if (issue.publishedAt) return fail(409, 'conflict', m.publishedNotDeleted());
  await executor.delete(newsletterIssues).where(eq(newsletterIssues.id, id));
  await audit(executor, { actorId, action: 'delete', entity: 'newsletter_issue', entityId: id });
  return ok(true);
}

/** An issue with its sections and their items, in order. */
export async function getIssue(executor: Executor, id: string): Promise<IssueDocument | undefined> {
  const [issue] = await executor.select().from(newsletterIssues).where(eq(newsletterIssues.id, id));
  if (!issue) return undefined;
  const sections = await executor
    .select()
    .from(newsletterSections)
    .where(eq(newsletterSections.issueId, id))
    .orderBy(asc(newsletterSections.position));
  const items = sections.length
    ? await executor
        .select()
        .from(newsletterItems)
        .where(
          inArray(
            newsletterItems.sectionId,
            sections.map((s) => s.id),
          ),
        )
        .orderBy(asc(newsletterItems.position))
    : [];
  return {
    issue,
    sections: sections.map((s) => ({ ...s, items: items.filter((i) => i.sectionId === s.id) })),
  };
}

/** The issues, the latest period first; only the published ones unless `drafts`. */
export async function listIssues(executor: Executor, options: { drafts: boolean }): Promise<Issue[]> {
  return executor
    .select()
    .from(newsletterIssues)
    .where(options.drafts ? undefined : and(isNotNull(newsletterIssues.publishedAt)))
    .orderBy(desc(newsletterIssues.periodStart), desc(newsletterIssues.createdAt));
}
