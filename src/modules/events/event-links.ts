// Records of other modules that an event belongs to (a group's meetings): each module declares, in its
// manifest (`Module.eventLinks`), the field of `POST /api/v1/events` that names them (`groupIds`), how it
// checks and writes the links, what the staff's event form offers to tick, and the labels the event's page
// shows. The agenda knows nothing else of them, so the next module that links events edits nothing here
// (decision 018).
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

/** A record the staff's event form offers to tick. */
export interface EventLinkChoice {
  id: string;
  label: string;
}

export interface EventLinkDefinition {
  /** The field of the event's creation that names the records: `groupIds`. */
  field: string;
  /** Said in the API's description. */
  description: string;
  /** The legend of its boxes in the staff's event form: « Réunion des groupes ». */
  legend: string;
  /** Checks the ids before the event is written (a refusal writes nothing). */
  check(executor: Executor, ids: string[]): Promise<Result<true>>;
  /** Makes the event's links exactly these (a new event's: adds them); says whether any changed. */
  set(executor: Executor, eventId: string, ids: string[], actorId: string | null): Promise<boolean>;
  /** The ids an event is linked to. */
  linked(executor: Executor, eventId: string): Promise<string[]>;
  /** What the form offers, the `selected` ones included even when no longer offered to new events. */
  choices(executor: Executor, selected: string[]): Promise<EventLinkChoice[]>;
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

/**
 * The links named in an event's raw input, checked all before anything is written; what it returns writes
 * them. A field given sets the event's links to its ids (an empty list removes them); a field left out
 * leaves them as they are.
 */
export async function checkEventLinks(
  executor: Executor,
  input: unknown,
): Promise<Result<(executor: Executor, eventId: string, actorId: string | null) => Promise<boolean>>> {
  const parsed = eventLinkInput().safeParse(input ?? {});
  if (!parsed.success) {
    // `groupIds.2` is a box of the form's `groupIds`: the form says it there.
    const fields: Record<string, string> = {};
    for (const [key, message] of Object.entries(fieldErrors(parsed.error)))
      fields[key.split('.')[0]!] ??= message;
    return fail(400, 'invalid', m.invalid(), fields);
  }
  const values: Record<string, string[] | undefined> = parsed.data;
  const named = installed.flatMap((d) => {
    const ids = values[d.field];
    return ids ? [{ d, ids: [...new Set(ids)] }] : [];
  });
  for (const { d, ids } of named) {
    if (ids.length === 0) continue;
    const checked = await d.check(executor, ids);
    if (!checked.ok) return checked;
  }
  return ok(async (tx, eventId, actorId) => {
    let changed = false;
    for (const { d, ids } of named) changed = (await d.set(tx, eventId, ids, actorId)) || changed;
    return changed;
  });
}

/** The links ticked in a staff's event form (raw body: a repeated box is a list); none ticked is none. */
export function eventLinksFromBody(body: unknown): Record<string, string[]> {
  const fields = (body ?? {}) as Record<string, unknown>;
  return Object.fromEntries(
    installed.map((d) => {
      const ticked = fields[d.field] === undefined ? [] : [fields[d.field]].flat();
      // A value that is no text names nothing: refused like an unknown id, never dropped.
      return [d.field, ticked.map((id) => (typeof id === 'string' ? id : ''))];
    }),
  );
}

/** An event's links, by field: what its edit form starts from. */
export async function linkedIds(executor: Executor, eventId: string): Promise<Record<string, string[]>> {
  return Object.fromEntries(
    await Promise.all(installed.map(async (d) => [d.field, await d.linked(executor, eventId)] as const)),
  );
}

/** The boxes of the staff's event form, one set per module, with those ticked. */
export interface EventLinkField {
  field: string;
  legend: string;
  choices: EventLinkChoice[];
  selected: string[];
}

export async function eventLinkFields(
  executor: Executor,
  selected: Record<string, string[]>,
): Promise<EventLinkField[]> {
  return Promise.all(
    installed.map(async (d) => {
      // A crafted value sent back with a refusal names nothing to tick.
      const ticked = (selected[d.field] ?? []).filter((id) => uuid.safeParse(id).success);
      return {
        field: d.field,
        legend: d.legend,
        choices: await d.choices(executor, ticked),
        selected: ticked,
      };
    }),
  );
}

/** Every module's labels of these events, by event id. */
export async function eventLabels(
  executor: Executor,
  eventIds: string[],
): Promise<Map<string, EventLabel[]>> {
  const all = new Map<string, EventLabel[]>();
  if (eventIds.length === 0) return all;
  for (const found of await Promise.all(installed.map((d) => d.labels(executor, eventIds)))) {
    for (const [id, labels] of found) all.set(id, [...(all.get(id) ?? []), ...labels]);
  }
  return all;
}
