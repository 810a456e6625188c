// The network works in Europe/Paris: « this year », « today » and displayed times are Paris ones.
export const timeZone = 'Europe/Paris';

const dateParts = new Intl.DateTimeFormat('en-CA', {
  timeZone,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

/** Today's date in Paris, as YYYY-MM-DD. */
export function parisDate(at: Date = new Date()): string {
  return dateParts.format(at);
}

export function parisYear(at: Date = new Date()): number {
  return Number(parisDate(at).slice(0, 4));
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

const euros = new Intl.NumberFormat('fr-FR', { style: 'currency', currency: 'EUR' });

export function formatCents(cents: number): string {
  return euros.format(cents / 100);
}
