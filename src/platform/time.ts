// The network works in Europe/Paris: « this year », « today » and displayed times are Paris ones.
export const timeZone = 'Europe/Paris';

const dateParts = new Intl.DateTimeFormat('en-CA', {
  timeZone,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

/**
 * The same instants are written again and again (the agenda's events, on every page of it), and Intl's
 * formatting is a large part of a page's time: each such function keeps what it wrote for the last
 * instants it met (a bounded memory, emptied when full).
 */
function byInstant<T>(format: (date: Date) => T, size = 4096): (date: Date) => T {
  const known = new Map<number, T>();
  return (date) => {
    const key = date.getTime();
    let value = known.get(key);
    if (value === undefined) {
      if (known.size >= size) known.clear();
      value = format(date);
      known.set(key, value);
    }
    return value;
  };
}

const parisDay = byInstant((date) => dateParts.format(date));

/** Today's date in Paris, as YYYY-MM-DD. */
export function parisDate(at: Date = new Date()): string {
  return parisDay(at);
}

export function parisYear(at: Date = new Date()): number {
  return Number(parisDate(at).slice(0, 4));
}

// ——— Paris time typed by people ———

const parisParts = new Intl.DateTimeFormat('en-US', {
  timeZone,
  hourCycle: 'h23',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
});

/** How many minutes Paris is ahead of UTC at an instant (60 in winter, 120 in summer). */
// Paris changes time on the hour of UTC (01:00 UTC since 1996; whole-hour offsets since 1911), so the offset is
// the same for a whole UTC hour: computed once per hour, as the agenda reads « today » on every page.
const offsetByHour = new Map<number, number>();

function parisOffset(instant: number): number {
  const hour = Math.floor(instant / 3_600_000);
  let offset = offsetByHour.get(hour);
  if (offset === undefined) {
    if (offsetByHour.size >= 4096) offsetByHour.clear();
    offset = computedParisOffset(instant);
    offsetByHour.set(hour, offset);
  }
  return offset;
}

function computedParisOffset(instant: number): number {
  const parts = Object.fromEntries(parisParts.formatToParts(instant).map((p) => [p.type, p.value]));
  const asUtc = Date.UTC(
    Number(parts.year),
    Number(parts.month) - 1,
    Number(parts.day),
    Number(parts.hour),
    Number(parts.minute),
    Number(parts.second),
  );
  return Math.round((asUtc - Math.floor(instant / 1000) * 1000) / 60_000);
}

const pad = (n: number, size = 2) => String(n).padStart(size, '0');

/** An instant as a datetime-local field shows it, in Paris time: « 2026-07-08T09:30 » (a form prefilled). */
export function parisDateTimeLocal(at: Date): string {
  const p = Object.fromEntries(parisParts.formatToParts(at).map((x) => [x.type, x.value]));
  return `${p.year}-${p.month}-${p.day}T${p.hour}:${p.minute}`;
}

/**
 * A date and time typed in a form (« 2026-07-08T09:30 » from a datetime-local field, or « 08/07/2026 09:30 »
 * where the browser shows a plain text box), read as Paris time → ISO 8601 with its offset. When clocks go
 * back, the repeated hour is the first one (summer time); the hour skipped when they go forward does not exist.
 */
export function parisDateTime(value: string): { iso: string } | { error: 'invalid' | 'nonexistent' } {
  const text = value.trim();
  const isoMatch = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?$/.exec(text);
  const frMatch = /^(\d{1,2})\/(\d{1,2})\/(\d{4})(?:\s+|\s*à\s*)(\d{1,2})\s*[:h]\s*(\d{2})$/.exec(text);
  let fields: [number, number, number, number, number, number];
  if (isoMatch) {
    const [, y, mo, d, h, mi, s] = isoMatch;
    fields = [Number(y), Number(mo), Number(d), Number(h), Number(mi), Number(s ?? 0)];
  } else if (frMatch) {
    const [, d, mo, y, h, mi] = frMatch;
    fields = [Number(y), Number(mo), Number(d), Number(h), Number(mi), 0];
  } else {
    return { error: 'invalid' };
  }
  const [year, month, day, hour, minute, second] = fields;
  if (hour > 23 || minute > 59 || second > 59) return { error: 'invalid' };
  const local = Date.UTC(year, month - 1, day, hour, minute, second);
  const check = new Date(local);
  if (check.getUTCFullYear() !== year || check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day)
    return { error: 'invalid' };
  // The offsets on either side of a possible change of time; the larger one first (the earlier instant).
  const offsets = [...new Set([parisOffset(local - 86_400_000), parisOffset(local + 86_400_000)])].sort(
    (a, b) => b - a,
  );
  const offset = offsets.find((o) => parisOffset(local - o * 60_000) === o);
  if (offset === undefined) return { error: 'nonexistent' };
  const sign = offset >= 0 ? '+' : '-';
  const abs = Math.abs(offset);
  return {
    iso: `${pad(year, 4)}-${pad(month)}-${pad(day)}T${pad(hour)}:${pad(minute)}:${pad(second)}${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`,
  };
}

/** The instant of a Paris wall-clock time (« 2026-07-08 », « 09:30 »); throws on a time that does not exist. */
export function parisTime(day: string, time = '00:00'): Date {
  const read = parisDateTime(`${day}T${time}`);
  if (!('iso' in read)) throw new Error(`heure de Paris inexistante : ${day} ${time}`);
  return new Date(read.iso);
}

/** A day typed by staff (2026-03-23, or 23/03/2026 where there is no date picker), as YYYY-MM-DD. */
export function readDay(raw: string): string | undefined {
  const text = raw.trim();
  const iso = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  const fr = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(text);
  const [y, m, d] = iso
    ? [Number(iso[1]), Number(iso[2]), Number(iso[3])]
    : fr
      ? [Number(fr[3]), Number(fr[2]), Number(fr[1])]
      : [Number.NaN, Number.NaN, Number.NaN];
  const check = new Date(Date.UTC(y, m - 1, d));
  if (Number.isNaN(check.getTime()) || check.getUTCMonth() !== m - 1 || check.getUTCDate() !== d)
    return undefined;
  if (y < 2000 || y > 2200) return undefined;
  return `${pad(y, 4)}-${pad(m)}-${pad(d)}`;
}

/** An instant of a Paris day (its first or last second), with its offset: +01:00 in winter, +02:00 in summer. */
export function parisInstant(day: string, time: '00:00:00' | '23:59:59'): string {
  const read = parisDateTime(`${day}T${time}`);
  // Paris changes its clocks between 2 and 3 at night: midnight and 23:59:59 always exist.
  if (!('iso' in read)) throw new Error(`jour invalide : ${day}`);
  return read.iso;
}

const longDate = new Intl.DateTimeFormat('fr-FR', { timeZone, dateStyle: 'long' });
const longDateTime = new Intl.DateTimeFormat('fr-FR', { timeZone, dateStyle: 'long', timeStyle: 'short' });

export function formatDate(value: string | Date): string {
  const date = typeof value === 'string' ? new Date(`${value}T12:00:00Z`) : value;
  return longDate.format(date);
}

export function formatDateTime(value: Date): string {
  return longDateTime.format(value);
}

// ——— Time in words, as the network writes it: « mardi 22 décembre 2026, de 9 h 30 à 12 h 30 » ———

const dayParts = new Intl.DateTimeFormat('fr-FR', {
  timeZone,
  weekday: 'long',
  day: 'numeric',
  month: 'long',
  year: 'numeric',
});
const clock = new Intl.DateTimeFormat('en-GB', {
  timeZone,
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

const partsOf = byInstant((date: Date) => {
  const p = Object.fromEntries(dayParts.formatToParts(date).map((x) => [x.type, x.value]));
  return { weekday: p.weekday!, day: p.day === '1' ? '1er' : p.day!, month: p.month!, year: p.year! };
});

/** The Paris hour in French: « 9 h », « 9 h 30 », « 14 h 05 ». */
export const formatTime = byInstant((date: Date): string => {
  const [h, m] = clock.format(date).split(':').map(Number) as [number, number];
  return m === 0 ? `${h} h` : `${h} h ${String(m).padStart(2, '0')}`;
});

/** The Paris day with its weekday: « mardi 22 décembre 2026 », « samedi 1er mars 2025 ». */
export function formatDay(date: Date): string {
  const p = partsOf(date);
  return `${p.weekday} ${p.day} ${p.month} ${p.year}`;
}

/** An instant in words, its weekday included: « mardi 22 décembre 2026 à 9 h 30 ». */
export function formatMoment(date: Date): string {
  return `${formatDay(date)} à ${formatTime(date)}`;
}

/** A sentence's first letter in capital: « Mardi 22 décembre 2026, de 9 h à 12 h ». */
export const capitalised = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

/**
 * When an event takes place, its day said once: « mardi 22 décembre 2026, de 9 h 30 à 12 h 30 »; over several
 * days « du lundi 10 au vendredi 21 novembre 2025 » (the hours then go with each end:
 * « du mercredi 8 juillet 2026 à 9 h au jeudi 9 juillet 2026 à 17 h 30 » when `withHours`).
 */
export function formatWhen(startsAt: Date, endsAt: Date, options: { withHours?: boolean } = {}): string {
  const a = partsOf(startsAt);
  const b = partsOf(endsAt);
  if (parisDate(startsAt) === parisDate(endsAt)) {
    const day = `${a.weekday} ${a.day} ${a.month} ${a.year}`;
    return startsAt.getTime() === endsAt.getTime()
      ? `${day}, à ${formatTime(startsAt)}`
      : `${day}, de ${formatTime(startsAt)} à ${formatTime(endsAt)}`;
  }
  if (options.withHours) {
    return `du ${formatDay(startsAt)} à ${formatTime(startsAt)} au ${formatDay(endsAt)} à ${formatTime(endsAt)}`;
  }
  const first =
    a.year !== b.year
      ? `${a.weekday} ${a.day} ${a.month} ${a.year}`
      : a.month !== b.month
        ? `${a.weekday} ${a.day} ${a.month}`
        : `${a.weekday} ${a.day}`;
  return `du ${first} au ${b.weekday} ${b.day} ${b.month} ${b.year}`;
}

/** The Paris days an event covers (YYYY-MM-DD), first to last: a month view shows it on each. */
export function parisDays(startsAt: Date, endsAt: Date): string[] {
  const days: string[] = [];
  const last = parisDate(endsAt);
  // Noon UTC steps by whole days whatever the changes of time; the Paris date of each is the day.
  for (let t = Date.parse(`${parisDate(startsAt)}T12:00:00Z`); days.length < 400; t += 86_400_000) {
    const day = new Date(t).toISOString().slice(0, 10);
    days.push(day);
    if (day >= last) break;
  }
  return days;
}
