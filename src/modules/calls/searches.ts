// An instructor's saved searches on a call's dossiers (« recherches enregistrées »): a name and the list's
// query, theirs alone. The query is checked by the page that saves it (the list's own parameters).
import { and, asc, eq } from 'drizzle-orm';
import { z } from 'zod';
import type { Executor } from '../../platform/db/client.ts';
import { fail, ok, type Result } from '../../platform/result.ts';
import { fieldErrors, text } from '../../platform/validation.ts';
import { callsMessages as m } from './calls.messages.ts';
import { callSavedSearches } from './calls.schema.ts';

export type SavedSearch = typeof callSavedSearches.$inferSelect;

const searchInput = z.object({ name: text(100), query: z.string().max(500) });

export async function saveSearch(
  executor: Executor,
  callId: string,
  personId: string,
  input: unknown,
): Promise<Result<SavedSearch>> {
  const parsed = searchInput.safeParse(input);
  if (!parsed.success) return fail(400, 'invalid', m.invalid(), fieldErrors(parsed.error));
  const [saved] = await executor
    .insert(callSavedSearches)
    .values({ callId, personId, ...parsed.data })
    .returning();
  return ok(saved!);
}

/** The person's searches on a call, the oldest first. */
export async function searchesOf(
  executor: Executor,
  callId: string,
  personId: string,
): Promise<SavedSearch[]> {
  return executor
    .select()
    .from(callSavedSearches)
    .where(and(eq(callSavedSearches.callId, callId), eq(callSavedSearches.personId, personId)))
    .orderBy(asc(callSavedSearches.createdAt), asc(callSavedSearches.id));
}

/** Deletes one of the person's searches (another's is not found). */
export async function deleteSearch(executor: Executor, id: string, personId: string): Promise<Result<true>> {
  const [deleted] = await executor
    .delete(callSavedSearches)
    .where(and(eq(callSavedSearches.id, id), eq(callSavedSearches.personId, personId)))
    .returning({ id: callSavedSearches.id });
  return deleted ? ok(true) : fail(404, 'not_found', m.searchNotFound());
}
