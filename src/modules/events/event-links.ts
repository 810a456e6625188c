// Records of other modules that an event belongs to (a group's meetings): each module declares, in its
// manifest (`Module.eventLinks`), the field of `POST /api/v1/events` that names them (`groupIds`), how it
// checks and writes the links, and the labels the event's page shows. The agenda knows nothing else of them,
// so the next module that links events edits nothing here (decision 018).
import { z } from 'zod';
import type { Executor } from '../../platform/db/client.ts';
import { fail, ok, type Result } from '../../platform/result.ts';
import { fieldErrors, uuid } from '../../platform/validation.ts';
import { eventsMessages as m } from './events.messages.ts';

/** What an event's page shows of a link: « Groupe-pays Japon », to the group's page. */
export interface EventLabel {
  label: string;
  href: string;
}

export interface EventLinkDefinition {
  /** The field of the event's creation that names the records: `groupIds`. */
  field: string;
  /** Said in the API's description. */
  description: string;
  /** Checks the ids before the event is written (a refusal writes nothing). */
  check(executor: Executor, ids: string[]): Promise<Result<true>>;
  /** Writes the links of a new event, in its transaction. */
  link(executor: Executor, eventId: string, ids: string[], actorId: string | null): Promise<void>;
  /** The labels of these events, by event id. */
  labels(executor: Executor, eventIds: string[]): Promise<Map<string, EventLabel[]>>;
}

let installed: readonly EventLinkDefinition[] = [];

/** Installs every module's links (at boot; again with the same list is harmless). */
export function installEventLinks(definitions: readonly EventLinkDefinition[]) {
  const fields = new Set<string>();
  for (const d of definitions) {
    if (fields.has(d.field)) throw new Error(`champ « ${d.field} » des événements défini par deux modules`);
    fields.add(d.field);
  }
  installed = definitions;
}

/** The fields the modules add to an event's creation (each an optional list of ids). */
export const eventLinkInput = () =>
  z.object(
    Object.fromEntries(
      installed.map((d) => [d.field, z.array(uuid).max(50).optional().describe(d.description)]),
    ),
  );

/** The links named in a creation's raw input: checked all, before anything is written. */
export async function checkEventLinks(
  executor: Executor,
  input: unknown,
): Promise<Result<(eventId: string, actorId: string | null) => Promise<void>>> {
  const parsed = eventLinkInput().safeParse(input ?? {});
  if (!parsed.success) return fail(400, 'invalid', m.invalid(), fieldErrors(parsed.error));
  const values: Record<string, string[] | undefined> = parsed.data;
  const named = installed.flatMap((d) => {
    const ids = [...new Set(values[d.field] ?? [])];
    return ids.length ? [{ d, ids }] : [];
  });
  for (const { d, ids } of named) {
    const checked = await d.check(executor, ids);
    if (!checked.ok) return checked;
  }
  return ok(async (eventId, actorId) => {
    for (const { d, ids } of named) await d.link(executor, eventId, ids, actorId);
  });
}

/** Every module's labels of these events, by event id. */
export async function eventLabels(
  executor: Executor,
  eventIds: string[],
): Promise<Map<string, EventLabel[]>> {
  const all = new Map<string, EventLabel[]>();
  if (eventIds.length === 0) return all;
  for (const d of installed) {
    for (const [id, labels] of await d.labels(executor, eventIds))
      all.set(id, [...(all.get(id) ?? []), ...labels]);
  }
  return all;
}
