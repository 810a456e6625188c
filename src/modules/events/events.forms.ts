// What the agenda's pages read from addresses and forms, mapped onto the inputs of its use cases (which
// validate them): dates typed by staff are Paris time, a video-call report and a document are files, a
// referent's colleagues are ticked boxes.
import { z } from 'zod';
import { pageParam } from '../../platform/pagination.ts';
import { fail, ok, type Result } from '../../platform/result.ts';
import { parisDateTime } from '../../platform/time.ts';
import { fieldErrors, uuid } from '../../platform/validation.ts';
import { eventsMessages as m } from './events.messages.ts';
import type { AttendanceMode } from './events.schema.ts';
import { type AgendaFilters, agendaFilters, eventInput } from './events.ts';

type Form = Record<string, string | undefined>;

/** A record's address: an id that is not a uuid names nothing (404). */
export const idParams = z.object({ id: uuid });
/** A season of a series: `/agenda/series/<id>/saisons/<n>/inscription`. */
export const seasonParams = z.object({ id: uuid, season: z.coerce.number().int().min(1).max(1000) });
export const registrationParams = z.object({ id: uuid, registrationId: uuid });
export const importParams = z.object({ id: uuid, importId: uuid });
export const documentParams = z.object({ id: uuid, documentId: uuid });

/** An event's page, or its calendar file when the address ends with `.ics` (`/agenda/<id>.ics`). */
export const eventPageParams = z.object({ id: z.string() }).transform((params, ctx) => {
  const ics = params.id.endsWith('.ics');
  const id = uuid.safeParse(ics ? params.id.slice(0, -4) : params.id);
  if (!id.success) {
    ctx.addIssue({ code: 'custom', message: 'adresse invalide' });
    return z.NEVER;
  }
  return { id: id.data, ics };
});

/** A personal calendar's address: its secret, then `.ics`; anything else names no calendar. */
export const feedParams = z.object({ file: z.string() }).transform(({ file }) => ({
  token: /^([\w-]{20,100})\.ics$/.exec(file)?.[1],
}));

/** What a search box sends: a text, trimmed, cut to a sensible length (a repeated field reads as none). */
export const searchText = z
  .string()
  .catch('')
  .transform((text) => text.trim().slice(0, 100));

// ——— The agenda's address ———

/** `?mois=` : a month, YYYY-MM. */
const monthParam = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/);

export interface AgendaQuery {
  filters: AgendaFilters;
  /** Some filters were invalid: all were set aside, and the page says so. */
  ignored: boolean;
  view: 'liste' | 'mois';
  /** The month shown (YYYY-MM), absent when none valid was asked (the current one then). */
  month: string | undefined;
  page: number;
}

/** The agenda's filters, view, month and page, read forgivingly: the agenda is always worth showing. */
export const agendaQuery = z.unknown().transform((raw): AgendaQuery => {
  const query = (raw ?? {}) as Record<string, unknown>;
  const parsed = agendaFilters.safeParse(query);
  const month = monthParam.safeParse(query.mois);
  return {
    filters: parsed.success ? parsed.data : {},
    ignored: !parsed.success,
    view: query.vue === 'mois' ? 'mois' : 'liste',
    month: month.success ? month.data : undefined,
    page: pageParam.parse(query.page),
  };
});

// ——— Creating an event ———

/** The dates of the form, typed as Paris time; the first two are required. */
const dateFields = [
  ['startsAt', m.startRequired],
  ['endsAt', m.endRequired],
  ['registrationOpensAt', null],
  ['registrationClosesAt', null],
] as const;

/** The form's fields, in their order on the page: the summary of errors follows it. */
const formOrder = [
  'title',
  'theme',
  'kind',
  'format',
  'audience',
  'startsAt',
  'endsAt',
  'provisional',
  'capacity',
  'registrationOpensAt',
  'registrationClosesAt',
  'venue',
  'onlineUrl',
  'description',
  'series',
  'season',
  'sessionNumber',
  'guest',
];

/** A choice left empty or crafted: the form says what to choose, where the API's message names codes. */
const choiceMessages: Record<string, () => { text: string }> = {
  kind: m.chooseKind,
  format: m.chooseFormat,
  audience: m.chooseAudience,
};

/** Field errors in the order of the form, in words for people. Applying it twice changes nothing. */
export function eventFormErrors(fields: Record<string, string>): Record<string, string> {
  const merged: Record<string, string> = { ...fields };
  for (const [key, choice] of Object.entries(choiceMessages)) if (merged[key]) merged[key] = choice().text;
  const ordered: Record<string, string> = {};
  for (const key of formOrder) if (merged[key]) ordered[key] = merged[key];
  for (const [key, message] of Object.entries(merged)) if (!(key in ordered)) ordered[key] = message;
  return ordered;
}

/**
 * The creation form as createEvent expects it, its dates read as Paris time. A date that cannot be read is
 * refused here, together with what the domain says of the other fields, so that the form shows all at once.
 */
export function eventFromForm(form: Form): Result<Record<string, unknown>> {
  const errors: Record<string, string> = {};
  const input: Record<string, unknown> = {
    title: form.title,
    theme: form.theme,
    kind: form.kind || undefined,
    format: form.format || undefined,
    audience: form.audience || undefined,
    capacity: form.capacity,
    venue: form.venue,
    onlineUrl: form.onlineUrl,
    description: form.description,
    series: form.series,
    season: form.season,
    sessionNumber: form.sessionNumber,
    guest: form.guest,
    provisional: form.provisional === 'on',
  };
  for (const [name, required] of dateFields) {
    const raw = form[name]?.trim() ?? '';
    if (!raw) {
      if (required) errors[name] = required().text;
      continue;
    }
    const read = parisDateTime(raw);
    if ('iso' in read) {
      input[name] = read.iso;
    } else {
      input[name] = 'invalide';
      errors[name] = (read.error === 'nonexistent' ? m.nonexistentParisTime() : m.unreadableDateTime()).text;
    }
  }
  if (Object.keys(errors).length === 0) return ok(input);
  const parsed = eventInput.safeParse(input);
  const domain = parsed.success ? {} : fieldErrors(parsed.error);
  return fail(400, 'invalid', m.invalid(), eventFormErrors({ ...domain, ...errors }));
}

// ——— Registrations and invitations ———

const modeOf = (value: unknown): AttendanceMode | undefined =>
  value === 'online' || value === 'in_person' ? value : undefined;

/**
 * The event page's forms: one's own registration (its mode, for a hybrid event), or the colleagues a
 * referent ticked (`personIds`, repeated: read from the raw body, where every value is kept).
 */
export function registrationFromForm(body: unknown): {
  mode: AttendanceMode | undefined;
  personIds: string[];
} {
  const fields = (body ?? {}) as { mode?: unknown; personIds?: unknown };
  const ticked = fields.personIds === undefined ? [] : [fields.personIds].flat();
  // A value that is no text names nobody: refused like an id of no one, never dropped.
  return { mode: modeOf(fields.mode), personIds: ticked.map((id) => (typeof id === 'string' ? id : '')) };
}

/** Staff registers someone: their address, and how they attend a hybrid event. */
export const staffRegistrationFromForm = (form: Form) => ({
  email: form.email ?? '',
  mode: modeOf(form.mode),
});

/** The addresses typed to invite people: one per line (or separated by commas), each once, in lower case. */
/** The invitation form: a segment (none chosen reads as a list of addresses, the form's first use). */
export function invitationFromForm(form: Form) {
  const segment = form.segment?.trim();
  return { segment: segment ? segment : 'emails', emails: emailsFromForm(form) };
}

/** The message form: to whom, the subject, the text (validated by the use case); line ends as `\n`. */
export const messageFromForm = (form: Form) => ({
  to: form.to ?? '',
  subject: form.subject ?? '',
  body: (form.body ?? '').replace(/\r\n?/g, '\n'),
});

export function emailsFromForm(form: Form): string[] {
  return [
    ...new Set(
      (form.emails ?? '')
        .split(/[\s,;]+/)
        .map((e) => e.trim().toLowerCase())
        .filter(Boolean),
    ),
  ];
}

// ——— Files ———

const textOf = (value: unknown) => (typeof value === 'string' ? value : '');

/** The document form (multipart): what it is, its title, the file; no file, or an empty one, is refused. */
export function documentFromForm(
  eventId: string,
  body: unknown,
): {
  values: { kind: string; title: string };
  input: Result<{
    eventId: string;
    kind: 'minutes' | 'document';
    title: string;
    fileName: string;
    content: Buffer;
  }>;
} {
  const fields = (body ?? {}) as Record<string, unknown>;
  const values = { kind: textOf(fields.kind), title: textOf(fields.title) };
  const content = fields.file;
  if (!Buffer.isBuffer(content) || content.length === 0)
    return {
      values,
      input: fail(400, 'invalid_file', m.chooseDocument(), { file: m.chooseDocument().text }),
    };
  return {
    values,
    input: ok({
      eventId,
      kind: values.kind === 'minutes' ? 'minutes' : 'document',
      title: values.title,
      fileName: textOf(fields.fileName) || 'document',
      content,
    }),
  };
}

/** The video-call report form (multipart): the file, and the minutes below which nobody counts present. */
export function attendanceReportFromForm(body: unknown): {
  values: { minMinutes: string };
  input: Result<{ fileName: string; data: Buffer; minMinutes: number }>;
} {
  const fields = (body ?? {}) as Record<string, unknown>;
  const rawMinutes = textOf(fields.minMinutes).trim();
  const minMinutes = rawMinutes === '' ? 30 : /^\d{1,4}$/.test(rawMinutes) ? Number(rawMinutes) : Number.NaN;
  const values = { minMinutes: rawMinutes };
  const errors: Record<string, string> = {};
  const data = fields.file;
  if (!Buffer.isBuffer(data) || data.length === 0) errors.file = m.chooseReport().text;
  if (!(minMinutes >= 0 && minMinutes <= 1440)) errors.minMinutes = m.minimumMinutes().text;
  if (Object.keys(errors).length || !Buffer.isBuffer(data))
    return { values, input: fail(400, 'invalid', m.invalid(), errors) };
  return { values, input: ok({ fileName: textOf(fields.fileName) || 'rapport', data, minMinutes }) };
}
