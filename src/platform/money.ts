// Amounts are integer cents (never floats); people read and type euros the French way: « 1 234,56 € ».

const euros = new Intl.NumberFormat('fr-FR', { style: 'currency', currency: 'EUR' });

export function formatCents(cents: number): string {
  return euros.format(cents / 100);
}

/**
 * An amount typed by a person (« 1 234,56 », « 1234.5 », « 1 500 € ») as cents; undefined when it is
 * not an amount, has more than two decimals, or is negative.
 */
export function parseEuros(text: string): number | undefined {
  const cleaned = text.replace(/[\s\u00a0\u202f€]/g, '').replace(/^EUR|EUR$/i, '');
  const match = /^(\d{1,12})(?:[.,](\d{1,2}))?$/.exec(cleaned);
  if (!match) return undefined;
  return Number(match[1]) * 100 + Number((match[2] ?? '').padEnd(2, '0'));
}
