// Check-in at the Rencontres' entrance and workshop doors, from phones on a weak network: each scan comes with
// a nonce made by the phone, is kept on the phone while offline and sent later, perhaps twice. The presence is
// the agenda's (its attendance, once per person); the scans table says who passed which door, and when.
import { and, asc, countDistinct, eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Db, Executor } from '../../platform/db/client.ts';
import type { Message } from '../../platform/messages.ts';
import { fail, ok, type Result } from '../../platform/result.ts';
import { formatTime } from '../../platform/time.ts';
import { optional, uuid } from '../../platform/validation.ts';
import { checkIn, registrationIdOfToken, scanOf } from '../events/check-in.ts';
import { eventsMessages } from '../events/events.messages.ts';
import { personCards } from '../organisations/directory.ts';
import { checkInMessages as m } from './check-in.messages.ts';
import { programmeOf } from './choices.ts';
import { conferencesMessages } from './conferences.messages.ts';
import { conferenceChoices, conferenceScans } from './conferences.schema.ts';
import {
  type Conference,
  categoryLabels,
  choosableKinds,
  getConference,
  getSession,
  type Session,
} from './conferences.ts';
import { lock } from './lock.ts';
import { getConferenceRegistration } from './registrations.ts';

type ScanRow = typeof conferenceScans.$inferSelect;

/** A scan as the phone sends it. `letIn`: staff let in a person at a workshop door they did not choose. */
export const scanInput = z.object({
  nonce: z.string().regex(/^[\w-]{8,100}$/),
  code: z.string().max(2000),
  sessionId: optional(uuid),
  scannedAt: z.iso.datetime({ offset: true }).transform((v) => new Date(v)),
  letIn: optional(z.boolean()),
});
export type ScanInput = z.output<typeof scanInput>;

/** What a phone sends at once: its queue, in batches (a full queue after a long time offline). */
export const scanBatch = z.object({ scans: z.array(scanInput).min(1).max(100) });

export interface ScanResult {
  nonce: string;
  outcome: 'welcome' | 'already' | 'refused';
  /** The French sentence shown in large on the phone. */
  message: string;
  /** Why a scan was refused, for machines (`unknown_code`, `other_edition`, `not_chosen`…). */
  code?: string;
  person?: { name: string; organisation: string | null; category: string | null };
  /** For `already`: the time of the person's first scan here, by the clock of the phone that made it. */
  firstAt?: Date;
  /** A person at a workshop door they did not choose: staff may let them in (the same code with `letIn`). */
  canLetIn?: boolean;
}

export interface CheckInOptions {
  /**
   * The key of a person's lock. Replaced only by the test that proves the lock is what keeps two phones
   * from both welcoming one person: a key of its own for each scan is no lock at all.
   */
  lockKey?: (registrationId: string) => string;
}

/** The key of the lock that puts one person's scans in a single line, whatever the number of phones. */
export const scanLockKey = (registrationId: string) => `conference-check-in:${registrationId}`;

/** The code of a QR code: the bare code, or the address `…/emargement/<code>` the agenda prints. */
const tokenOf = (code: string) => code.trim().replace(/^.*\/emargement\//, '');

/**
 * Records the scans of one phone's batch, in the order they were made; one answer per scan, in that order.
 * A scan already received (its nonce known) records nothing and answers as it did the first time.
 */
export async function recordScans(
  db: Db,
  conferenceId: string,
  scans: readonly ScanInput[],
  actorId: string,
  options: CheckInOptions = {},
): Promise<Result<ScanResult[]>> {
  const conference = await getConference(db, conferenceId);
  if (!conference) return fail(404, 'not_found', conferencesMessages.conferenceNotFound());
  const doors = new Map<string, Session | undefined>();
  for (const id of new Set(scans.flatMap((s) => (s.sessionId ? [s.sessionId] : [])))) {
    const session = await getSession(db, id);
    doors.set(id, session?.conferenceId === conference.id ? session : undefined);
  }
  const results: ScanResult[] = [];
  // One after the other, each in its own transaction: a refused scan undoes nothing of the others.
  for (const scan of scans) {
    const door = scan.sessionId ? doors.get(scan.sessionId) : undefined;
    if (scan.sessionId && (!door || door.cancelledAt)) {
      const why = door ? conferencesMessages.sessionCancelled() : conferencesMessages.sessionNotFound();
      results.push(refused(scan.nonce, door ? 'session_cancelled' : 'session_not_found', why));
      continue;
    }
    results.push(await recordScan(db, conference, scan, door, actorId, options));
  }
  return ok(results);
}

async function recordScan(
  db: Db,
  conference: Conference,
  scan: ScanInput,
  door: Session | undefined,
  actorId: string,
  options: CheckInOptions,
): Promise<ScanResult> {
  const token = tokenOf(scan.code);
  const registrationId = registrationIdOfToken(token);
  if (!registrationId) return refused(scan.nonce, 'unknown_code', m.checkInUnknownCode());
  return db.transaction(async (tx) => {
    // Every scan of this person waits here for the one before it: the scans table then lists them in the
    // order they were recorded, and each answer (« Bienvenue » for the first only) is the one a replay gives.
    await lock(tx, (options.lockKey ?? scanLockKey)(registrationId));
    const known = await scanByNonce(tx, scan.nonce);
    if (known) return answerOf(tx, known);

    const found = await scanOf(tx, token);
    if (!found) return refused(scan.nonce, 'unknown_code', m.checkInUnknownCode());
    const ours = await getConferenceRegistration(tx, registrationId);
    const { name } = found;
    const person = {
      name,
      organisation: found.organisation,
      category: ours ? categoryLabels[ours.conference.category] : null,
    };
    if (!ours) {
      const message = m.checkInOtherEvent({ name, title: found.event.title });
      return refused(scan.nonce, 'other_event', message, person);
    }
    if (ours.conference.conferenceId !== conference.id)
      return refused(scan.nonce, 'other_edition', m.checkInOtherEdition({ name }), person);

    // At a workshop's door, a person who did not choose it is told before anything is recorded (their seat
    // may be someone else's); staff who see a free seat let them in, and the scan then counts as any other.
    const chosen = door !== undefined && choosableKinds.includes(door.kind);
    const choice = chosen
      ? (await programmeOf(tx, registrationId)).find((c) => c.session.id === door.id)?.choice
      : undefined;
    if (
      chosen &&
      choice?.status !== 'confirmed' &&
      !scan.letIn &&
      // A cancelled or waiting registration is refused for that reason, by the agenda, below.
      ours.registration.status === 'confirmed'
    ) {
      const named = { name, title: door.title };
      const message = choice ? m.checkInChoiceWaitlisted(named) : m.checkInNotChosen(named);
      return {
        ...refused(scan.nonce, choice ? 'choice_waitlisted' : 'not_chosen', message, person),
        canLetIn: true,
      };
    }

    // Present at the edition: the agenda's attendance, whichever door they came through first.
    const checked = await checkIn(tx, registrationId, actorId, 'qr', { eventId: conference.eventId });
    if (!checked.ok) {
      const message = eventsMessages.refusedFor({ name, reason: checked.error.message });
      return refused(scan.nonce, checked.error.code, message, person);
    }
    // The phone's clock says when the person passed (a scan sent late was made earlier); never after now.
    const now = new Date();
    const scannedAt = scan.scannedAt > now ? now : scan.scannedAt;
    const [row] = await tx
      .insert(conferenceScans)
      .values({
        nonce: scan.nonce,
        conferenceId: conference.id,
        registrationId,
        sessionId: door?.id ?? null,
        scannedAt,
        // The time of the insert, after the lock (not the transaction's start): the order of recording.
        receivedAt: sql`clock_timestamp()`,
        scannedBy: actorId,
      })
      .onConflictDoNothing({ target: conferenceScans.nonce })
      .returning();
    // A nonce already used for another person's scan (a phone's bug): that scan's answer, nothing recorded.
    if (!row) return answerOf(tx, (await scanByNonce(tx, scan.nonce))!);
    if (choice) {
      // The earliest scan by the phones' clocks, even when it arrives after a later one.
      await tx
        .update(conferenceChoices)
        .set({ presentAt: sql`least(coalesce(${conferenceChoices.presentAt}, ${scannedAt}), ${scannedAt})` })
        .where(eq(conferenceChoices.id, choice.id));
    }
    return answerOf(tx, row);
  });
}

const refused = (
  nonce: string,
  code: string,
  message: Message,
  person?: ScanResult['person'],
): ScanResult => ({ nonce, outcome: 'refused', code, message: message.text, ...(person ? { person } : {}) });

async function scanByNonce(executor: Executor, nonce: string): Promise<ScanRow | undefined> {
  const [row] = await executor.select().from(conferenceScans).where(eq(conferenceScans.nonce, nonce));
  return row;
}

/** Name, organisation and category of a registered person, as the phone shows them. */
async function personOf(executor: Executor, registrationId: string): Promise<ScanResult['person']> {
  const found = await getConferenceRegistration(executor, registrationId);
  if (!found) return undefined;
  const card = (await personCards(executor, [found.registration.personId])).get(found.registration.personId);
  return {
    name: card ? `${card.firstName} ${card.lastName}` : eventsMessages.someone().text,
    organisation: card?.organisationName ?? null,
    category: categoryLabels[found.conference.category],
  };
}

/**
 * The answer to a recorded scan, from the scans table alone (so that a replay gets the same one): the
 * first of this person at this place is welcomed; a later one is told the time of the earliest before it.
 * At the entrance every earlier scan counts (a workshop's door also records presence at the edition).
 */
async function answerOf(executor: Executor, scan: ScanRow): Promise<ScanResult> {
  const [first] = await executor
    .select({ at: conferenceScans.scannedAt })
    .from(conferenceScans)
    .where(
      and(
        eq(conferenceScans.registrationId, scan.registrationId),
        scan.sessionId ? eq(conferenceScans.sessionId, scan.sessionId) : undefined,
        sql`(${conferenceScans.receivedAt}, ${conferenceScans.nonce}) < (select s.received_at, s.nonce from conference_scans s where s.nonce = ${scan.nonce})`,
      ),
    )
    .orderBy(asc(conferenceScans.scannedAt))
    .limit(1);
  const person = await personOf(executor, scan.registrationId);
  const common = { nonce: scan.nonce, ...(person ? { person } : {}) };
  return first
    ? {
        ...common,
        outcome: 'already',
        message: m.checkInAlready({ time: formatTime(first.at) }).text,
        firstAt: first.at,
      }
    : { ...common, outcome: 'welcome', message: m.checkInWelcome().text };
}

/** How many people passed: at the edition (through any door), or at one session's door. */
export async function presentCount(executor: Executor, conferenceId: string, sessionId?: string) {
  const [row] = await executor
    .select({ n: countDistinct(conferenceScans.registrationId) })
    .from(conferenceScans)
    .where(
      and(
        eq(conferenceScans.conferenceId, conferenceId),
        sessionId ? eq(conferenceScans.sessionId, sessionId) : undefined,
      ),
    );
  return row?.n ?? 0;
}

/** The batch a phone posts, read: its scans, or why it cannot be read. */
export function readScanBatch(body: unknown): Result<ScanInput[]> {
  const parsed = scanBatch.safeParse(body);
  return parsed.success ? ok(parsed.data.scans) : fail(400, 'invalid', m.checkInInvalidBatch());
}
