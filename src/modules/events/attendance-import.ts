// Online attendance from a video-call report (Zoom, Teams, BigBlueButton exports: an email and a
// duration per line, a person possibly on several lines when they reconnected). Read into a preview
// with the unmatched lines; applied once.
import { and, eq, isNull, sql } from 'drizzle-orm';
import type { Executor } from '../../platform/db/client.ts';
import { fail, ok, type Result } from '../../platform/result.ts';
import { readTable, SheetError } from '../../platform/sheets/sheets.ts';
import { findPeopleByEmails } from '../organisations/directory.ts';
import { normalise } from '../organisations/reference.ts';
import { recordAttendance } from './check-in.ts';
import { eventsMessages as m } from './events.messages.ts';
import { attendanceImports } from './events.schema.ts';
import { getEvent } from './events.ts';

export interface AttendanceReport {
  matched: { personId: string; name: string; email: string; minutes: number }[];
  tooShort: { name: string; email: string; minutes: number }[];
  unmatched: { line: number; email: string; reason: string }[];
}

const emailHeaders = [
  'email',
  'e mail',
  'adresse e mail',
  'adresse email',
  'user email',
  'participant email',
  'courriel',
  'adresse electronique',
  'mail',
];
const durationHeaders = [
  'duration (minutes)',
  'duree (minutes)',
  'duration',
  'duree',
  'in meeting duration',
  'duree de la reunion',
  'temps de presence',
  'minutes',
  'total duration (minutes)',
];

// A number and its unit; the unit must not run into a letter (« 5 min », not the « m » of « min »), but may
// run into a digit, as in the compact « 1h30m » or « 1h5m3s ».
const durationPart =
  /(\d+(?:[.,]\d+)?)\s*(heures?|hours?|hrs?|h|minutes?|mins?|mn|m|secondes?|seconds?|secs?|s)(?![a-z])/g;

/**
 * « 45 », « 1:05:30 », « 00:45:12 », « 1h 5m 3s », « 1h5m3s », « 1 h 05 min », « 1h05 » → whole minutes;
 * undefined if unreadable, rather than a wrong figure when part of the text is not understood.
 */
export function parseMinutes(value: string): number | undefined {
  const text = value
    .trim()
    .toLowerCase()
    .replace(/[\u00a0\u202f]/g, ' ');
  if (/^\d+([.,]\d+)?$/.test(text)) return Math.floor(Number(text.replace(',', '.')));
  const clock = /^(\d{1,3}):(\d{2})(?::(\d{2}))?$/.exec(text);
  if (clock) return clock[3] !== undefined ? Number(clock[1]) * 60 + Number(clock[2]) : Number(clock[1]);
  const hoursMinutes = /^(\d+)\s*h\s*(\d{1,2})$/.exec(text);
  if (hoursMinutes) return Number(hoursMinutes[1]) * 60 + Number(hoursMinutes[2]);
  let seconds = 0;
  let found = false;
  const rest = text.replace(durationPart, (_, amount: string, unit: string) => {
    const n = Number(amount.replace(',', '.'));
    found = true;
    if (unit.startsWith('h')) seconds += n * 3600;
    else if (unit.startsWith('m')) seconds += n * 60;
    else seconds += n;
    return ' ';
  });
  if (!found || !/^(?:\s|,|;|et|and)*$/.test(rest)) return undefined;
  return Math.floor(Math.round(seconds) / 60);
}

const findColumn = (headers: string[], names: string[]) => {
  const normalised = headers.map((h) => normalise(h).replace(/[_-]/g, ' '));
  for (const name of names) {
    const index = normalised.indexOf(name);
    if (index >= 0) return index;
  }
  return -1;
};

/** Teams writes its reports in UTF-16 (with a byte order mark); the table reader wants UTF-8 or Windows-1252. */
function fromUtf16(data: Buffer): Buffer {
  if (data[0] === 0xff && data[1] === 0xfe) return Buffer.from(new TextDecoder('utf-16le').decode(data));
  if (data[0] === 0xfe && data[1] === 0xff) return Buffer.from(new TextDecoder('utf-16be').decode(data));
  return data;
}

const isSectionTitle = (row: string[]) =>
  row.filter((cell) => cell.trim()).length === 1 && /^\d+\.\s/.test(row[0]?.trim() ?? '');

export async function prepareAttendanceImport(
  executor: Executor,
  eventId: string,
  fileName: string,
  data: Buffer,
  minMinutes: number,
  actorId: string,
): Promise<Result<{ id: string; report: AttendanceReport }>> {
  if (!(await getEvent(executor, eventId))) return fail(404, 'not_found', m.eventNotFound());
  let table: Awaited<ReturnType<typeof readTable>>;
  try {
    table = await readTable(fromUtf16(data));
  } catch (error) {
    if (error instanceof SheetError) return fail(400, 'invalid_file', error.message);
    throw error;
  }
  // The column names are on the first line, or further down after a summary (Teams: « 1. Résumé »).
  const records = [table.headers, ...table.rows];
  let start = -1;
  let emailColumn = -1;
  let durationColumn = -1;
  for (const [index, record] of records.slice(0, 50).entries()) {
    emailColumn = findColumn(record, emailHeaders);
    durationColumn = findColumn(record, durationHeaders);
    if (emailColumn >= 0 && durationColumn >= 0) {
      start = index;
      break;
    }
  }
  if (start < 0) return fail(400, 'invalid_file', m.reportColumns());
  const totals = new Map<string, { minutes: number; line: number }>();
  const unmatched: AttendanceReport['unmatched'] = [];
  for (const [index, row] of records.slice(start + 1).entries()) {
    // The next section (Teams: « 3. Activités de réunion », one line per connection) would count twice.
    if (isSectionTitle(row)) break;
    // The line of the file, as the person who opens it sees it (empty lines count).
    const line = table.lines[start + 1 + index] ?? start + index + 2;
    const email = (row[emailColumn] ?? '').trim().toLowerCase();
    const minutes = parseMinutes(row[durationColumn] ?? '');
    if (!email) {
      unmatched.push({ line, email: '', reason: m.lineWithoutEmail().text });
    } else if (minutes === undefined) {
      const value = row[durationColumn] ?? '';
      unmatched.push({ line, email, reason: m.lineUnreadableDuration({ value }).text });
    } else {
      const total = totals.get(email);
      totals.set(email, { minutes: (total?.minutes ?? 0) + minutes, line: total?.line ?? line });
    }
  }
  const known = await findPeopleByEmails(executor, [...totals.keys()]);
  const byEmail = new Map(known.map((p) => [p.email.toLowerCase(), p]));
  const report: AttendanceReport = { matched: [], tooShort: [], unmatched };
  for (const [email, { minutes, line }] of totals) {
    const person = byEmail.get(email);
    if (!person) {
      unmatched.push({ line, email, reason: m.lineUnknownEmail().text });
      continue;
    }
    const entry = { name: `${person.firstName} ${person.lastName}`, email: person.email, minutes };
    if (minutes >= minMinutes) report.matched.push({ personId: person.id, ...entry });
    else report.tooShort.push(entry);
  }
  unmatched.sort((a, b) => a.line - b.line);
  const [saved] = await executor
    .insert(attendanceImports)
    .values({ eventId, fileName: fileName.slice(0, 200), minMinutes, report, createdBy: actorId })
    .returning({ id: attendanceImports.id });
  return ok({ id: saved!.id, report });
}

export async function getAttendanceImport(executor: Executor, id: string) {
  const [row] = await executor.select().from(attendanceImports).where(eq(attendanceImports.id, id));
  return row ? { ...row, report: row.report as AttendanceReport } : undefined;
}

/**
 * Records the presences of a report, once: a second time is refused (409) and records nothing. Named with
 * its event (the staff's page), a report of another event is not found.
 */
export async function applyAttendanceImport(
  executor: Executor,
  id: string,
  actorId: string,
  options: { eventId?: string } = {},
): Promise<Result<{ recorded: number }>> {
  const found = await getAttendanceImport(executor, id);
  if (!found || (options.eventId !== undefined && found.eventId !== options.eventId))
    return fail(404, 'not_found', m.reportGone());
  const [claimed] = await executor
    .update(attendanceImports)
    .set({ appliedAt: sql`now()` })
    .where(and(eq(attendanceImports.id, id), isNull(attendanceImports.appliedAt)))
    .returning();
  if (!claimed) return fail(409, 'already_applied', m.reportAlreadyApplied());
  let recorded = 0;
  for (const matched of (claimed.report as AttendanceReport).matched) {
    const result = await recordAttendance(executor, {
      eventId: claimed.eventId,
      personId: matched.personId,
      source: 'import',
      minutes: matched.minutes,
      recordedBy: actorId,
    });
    if (result.recorded) recorded++;
  }
  return ok({ recorded });
}
