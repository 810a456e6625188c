// Changing a series: its title (unique among series, whatever the case), the description its public page
// shows, and what it calls a session's guest (« Grand témoin »). Audited field by field (before → after).
import { and, eq, ne, sql } from 'drizzle-orm';
import { z } from 'zod';
import { audit } from '../../platform/db/audit.ts';
import type { Executor } from '../../platform/db/client.ts';
import { isUniqueViolation } from '../../platform/db/errors.ts';
import { fail, ok, type Result } from '../../platform/result.ts';
import { fieldErrors, text } from '../../platform/validation.ts';
import { eventsMessages as m } from './events.messages.ts';
import { eventSeries } from './events.schema.ts';

export type Series = typeof eventSeries.$inferSelect;

/** An empty text clears the field (null). */
const clearable = (max: number) =>
  z
    .string()
    .trim()
    .max(max, `${max} caractères au plus.`)
    .transform((v) => (v === '' ? null : v));

export const seriesChanges = z.object({
  title: text(200),
  description: clearable(5000).default(''),
  guestLabel: clearable(100).default(''),
});
export type SeriesChanges = z.input<typeof seriesChanges>;

const editable = ['title', 'description', 'guestLabel'] as const;

/**
 * Changes a series. 404 for an unknown series, 400 for invalid fields, 409 `series_title_taken` for a title
 * another series has (whatever its case; the unique index decides when two changes race). Returns the fields
 * that changed (none: nothing written, nothing audited).
 */
export async function editSeries(
  executor: Executor,
  id: string,
  input: unknown,
  actorId: string | null,
): Promise<Result<{ series: Series; changed: (typeof editable)[number][] }>> {
  const [current] = await executor.select().from(eventSeries).where(eq(eventSeries.id, id)).for('update');
  if (!current) return fail(404, 'not_found', m.seriesGone());
  const parsed = seriesChanges.safeParse(input);
  if (!parsed.success) return fail(400, 'invalid', m.invalid(), fieldErrors(parsed.error));
  const after = parsed.data;
  const changed = editable.filter((key) => after[key] !== current[key]);
  if (changed.length === 0) return ok({ series: current, changed });
  const taken = () =>
    fail(409, 'series_title_taken', m.seriesTitleTaken(), { title: m.seriesTitleTaken().text });
  if (changed.includes('title')) {
    const [other] = await executor
      .select({ id: eventSeries.id })
      .from(eventSeries)
      .where(and(eq(sql`lower(${eventSeries.title})`, after.title.toLowerCase()), ne(eventSeries.id, id)));
    if (other) return taken();
  }
  let updated: Series | undefined;
  try {
    // In a savepoint: a change that loses a race for the title leaves the transaction usable.
    updated = await executor.transaction(async (sp) => {
      const [row] = await sp.update(eventSeries).set(after).where(eq(eventSeries.id, id)).returning();
      return row;
    });
  } catch (error) {
    if (isUniqueViolation(error)) return taken();
    throw error;
  }
  await audit(executor, {
    actorId,
    action: 'change',
    entity: 'event_series',
    entityId: id,
    data: {
      changes: Object.fromEntries(changed.map((key) => [key, { before: current[key], after: after[key] }])),
    },
  });
  return ok({ series: updated!, changed });
}
