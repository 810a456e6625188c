// Changing an event: any of its fields, audited field by field (before → after). Calendars learn of it by
// a higher SEQUENCE; registrants are mailed when what they need to get there changes (date, time, place,
// format, video link), not for a corrected description.
import { and, asc, eq } from 'drizzle-orm';
import type { z } from 'zod';
import { audit } from '../../platform/db/audit.ts';
import type { Db, Executor } from '../../platform/db/client.ts';
import { fail, ok, type Result } from '../../platform/result.ts';
import { fieldErrors } from '../../platform/validation.ts';
import { promoteWaiting } from './cancel-registration.ts';
import { announce, type PracticalChange } from './event-notices.ts';
import { eventsMessages as m } from './events.messages.ts';
import { eventOrganisations, eventSeries, events, registrations } from './events.schema.ts';
import {
  type Event,
  eventInput,
  eventPatch,
  getEvent,
  linkOrganisations,
  organisationsExist,
  seriesId,
} from './events.ts';
import { lockEvent } from './lock.ts';
import { type NotificationSettings, scheduleReminders } from './notifications.ts';

/** An event as `eventInput` describes it: what a change is compared against, field by field. */
interface Snapshot {
  title: string;
  theme: string | null;
  kind: Event['kind'];
  format: Event['format'];
  audience: Event['audience'];
  startsAt: Date;
  endsAt: Date;
  capacity: number | null;
  registrationOpensAt: Date | null;
  registrationClosesAt: Date | null;
  venue: string | null;
  onlineUrl: string | null;
  description: string | null;
  series: string | null;
  season: number | null;
  sessionNumber: number | null;
  guest: string | null;
  provisional: boolean;
  organiserIds: string[];
  partnerIds: string[];
}

async function snapshotOf(executor: Executor, event: Event): Promise<Snapshot> {
  const [series] = event.seriesId
    ? await executor
        .select({ title: eventSeries.title })
        .from(eventSeries)
        .where(eq(eventSeries.id, event.seriesId))
    : [];
  const links = await executor
    .select({ id: eventOrganisations.organisationId, role: eventOrganisations.role })
    .from(eventOrganisations)
    .where(eq(eventOrganisations.eventId, event.id))
    .orderBy(asc(eventOrganisations.organisationId));
  return {
    title: event.title,
    theme: event.theme,
    kind: event.kind,
    format: event.format,
    audience: event.audience,
    startsAt: event.startsAt,
    endsAt: event.endsAt,
    capacity: event.capacity,
    registrationOpensAt: event.registrationOpensAt,
    registrationClosesAt: event.registrationClosesAt,
    venue: event.venue,
    onlineUrl: event.onlineUrl,
    description: event.description,
    series: series?.title ?? null,
    season: event.season,
    sessionNumber: event.sessionNumber,
    guest: event.guest,
    provisional: event.provisional,
    organiserIds: links.filter((l) => l.role === 'organiser').map((l) => l.id),
    partnerIds: links.filter((l) => l.role === 'partner').map((l) => l.id),
  };
}

/** A snapshot as the input `eventInput` parses (dates as ISO 8601 text, absent values left out). */
function asInput(snapshot: Snapshot): Record<string, unknown> {
  const input: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(snapshot)) {
    if (value === null) continue;
    input[key] = value instanceof Date ? value.toISOString() : value;
  }
  return input;
}

/** A value as JSON has it (the audit log), dates as ISO 8601 text. */
const plain = (value: unknown) => (value instanceof Date ? value.toISOString() : value);
const comparable = (value: unknown) => (Array.isArray(value) ? [...value].sort().join(',') : plain(value));

const practical: Partial<Record<keyof Snapshot, PracticalChange>> = {
  startsAt: 'schedule',
  endsAt: 'schedule',
  venue: 'place',
  format: 'format',
  onlineUrl: 'link',
};

/** The event as it stands and as the change would make it, and the fields that differ. */
async function compareChange(
  executor: Executor,
  event: Event,
  patch: z.infer<typeof eventPatch>,
): Promise<Result<{ before: Snapshot; after: Snapshot; changed: (keyof Snapshot)[] }>> {
  const before = await snapshotOf(executor, event);
  // The change is laid over the event as it stands, and the whole is checked as a new event would be
  // (the end after the start, no video link for an event in person…).
  const candidate = asInput(before);
  for (const [key, value] of Object.entries(patch)) {
    if (value === undefined) continue;
    if (value === null) delete candidate[key];
    else candidate[key] = value instanceof Date ? value.toISOString() : value;
  }
  const parsed = eventInput.safeParse(candidate);
  if (!parsed.success) return fail(400, 'invalid', m.invalid(), fieldErrors(parsed.error));
  const v = parsed.data;
  const organiserIds = [...new Set(v.organiserIds ?? [])].sort();
  const after: Snapshot = {
    title: v.title,
    theme: v.theme ?? null,
    kind: v.kind,
    format: v.format,
    audience: v.audience,
    startsAt: v.startsAt,
    endsAt: v.endsAt,
    capacity: v.capacity ?? null,
    registrationOpensAt: v.registrationOpensAt ?? null,
    registrationClosesAt: v.registrationClosesAt ?? null,
    venue: v.venue ?? null,
    onlineUrl: v.onlineUrl ?? null,
    description: v.description ?? null,
    series: v.series ?? null,
    season: v.season ?? null,
    sessionNumber: v.sessionNumber ?? null,
    guest: v.guest ?? null,
    provisional: v.provisional ?? false,
    organiserIds,
    partnerIds: [...new Set(v.partnerIds ?? [])].filter((id) => !organiserIds.includes(id)).sort(),
  };
  const changed = (Object.keys(after) as (keyof Snapshot)[]).filter(
    (key) => comparable(before[key]) !== comparable(after[key]),
  );
  return ok({ before, after, changed });
}

/** What registrants are told of, among the fields that change. */
const newsOf = (changed: (keyof Snapshot)[]): PracticalChange[] => [
  ...new Set(changed.flatMap((key) => practical[key] ?? [])),
];

/**
 * What a change would do, written nowhere: the fields it changes and what registrants would be told of
 * (`news` empty: nobody is mailed). The same refusals as `changeEvent`.
 */
export async function previewChange(
  executor: Executor,
  eventId: string,
  input: unknown,
): Promise<Result<{ changed: string[]; news: PracticalChange[] }>> {
  const patch = eventPatch.safeParse(input ?? {});
  if (!patch.success) return fail(400, 'invalid', m.invalid(), fieldErrors(patch.error));
  const event = await getEvent(executor, eventId);
  if (!event) return fail(404, 'not_found', m.eventNotFound());
  if (event.cancelledAt) return fail(422, 'event_cancelled', m.cancelledNoChange());
  const compared = await compareChange(executor, event, patch.data);
  if (!compared.ok) return compared;
  return ok({ changed: compared.value.changed, news: newsOf(compared.value.changed) });
}

/**
 * Applies a change (any field of `eventInput`, `null` clearing an optional one) to an event that is not
 * cancelled. A change that changes nothing writes nothing. Under the event's lock: a larger capacity
 * confirms people waiting, as a cancelled registration does.
 */
export async function changeEvent(
  db: Db,
  eventId: string,
  input: unknown,
  actorId: string | null,
  options: { settings: NotificationSettings },
): Promise<Result<Event>> {
  const patch = eventPatch.safeParse(input ?? {});
  if (!patch.success) return fail(400, 'invalid', m.invalid(), fieldErrors(patch.error));
  if (!(await getEvent(db, eventId))) return fail(404, 'not_found', m.eventNotFound());
  return db.transaction(async (tx) => {
    await lockEvent(tx, eventId);
    const event = (await getEvent(tx, eventId))!;
    if (event.cancelledAt) return fail(422, 'event_cancelled', m.cancelledNoChange());
    const compared = await compareChange(tx, event, patch.data);
    if (!compared.ok) return compared;
    const { before, after, changed } = compared.value;
    if (changed.length === 0) return ok(event);

    const relinked = changed.includes('organiserIds') || changed.includes('partnerIds');
    if (relinked) {
      const known = await organisationsExist(tx, [...after.organiserIds, ...after.partnerIds]);
      if (!known.ok) return known;
    }
    const { series, organiserIds: _o, partnerIds: _p, ...columns } = after;
    const [updated] = await tx
      .update(events)
      .set({
        ...columns,
        seriesId: changed.includes('series') ? await seriesId(tx, series ?? undefined) : event.seriesId,
        sequence: event.sequence + 1,
        previousStartsAt: changed.includes('startsAt') ? event.startsAt : event.previousStartsAt,
      })
      .where(eq(events.id, eventId))
      .returning();
    if (relinked) {
      await tx.delete(eventOrganisations).where(eq(eventOrganisations.eventId, eventId));
      await linkOrganisations(tx, eventId, after.organiserIds, after.partnerIds);
    }
    await audit(tx, {
      actorId,
      action: 'change',
      entity: 'event',
      entityId: eventId,
      data: {
        sequence: updated!.sequence,
        changes: Object.fromEntries(
          changed.map((key) => [key, { before: plain(before[key]), after: plain(after[key]) }]),
        ),
      },
    });

    const news = newsOf(changed);
    if (news.length) {
      await announce(tx, eventId, { notice: 'changed', sequence: updated!.sequence, changed: news });
    }
    if (changed.includes('startsAt') || changed.includes('format')) {
      // Reminders already queued see that the event moved and send nothing; these replace them.
      const confirmed = await tx
        .select({ id: registrations.id })
        .from(registrations)
        .where(and(eq(registrations.eventId, eventId), eq(registrations.status, 'confirmed')));
      for (const { id } of confirmed) await scheduleReminders(tx, id, updated!, options.settings);
    }
    if (changed.includes('capacity')) await promoteWaiting(tx, updated!, options.settings);
    return ok(updated!);
  });
}
