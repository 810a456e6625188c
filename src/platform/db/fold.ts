// Text compared as people type it: without case, accents, or the hyphens and apostrophes of names
// (« helene » finds « Hélène », « saint etienne » finds « Saint-Étienne »). The same folding in SQL and in
// JavaScript, from one table of letters, so that what is typed and what is stored meet. No extension
// (unaccent) is needed: PGlite and every PostgreSQL server run it as they are.
import { type SQL, type SQLWrapper, sql } from 'drizzle-orm';

// Each letter of `from` becomes the letter of `to` at the same place. Upper-case letters are listed
// because PostgreSQL's lower() leaves accented capitals alone under the C locale.
const from = "ÀÁÂÃÄÅàáâãäåÇçÈÉÊËèéêëÌÍÎÏìíîïÑñÒÓÔÕÖØòóôõöøÙÚÛÜùúûüÝŸýÿ-’‘'";
const to = 'aaaaaaaaaaaacceeeeeeeeiiiiiiiinnoooooooooooouuuuuuuuyyyy    ';
const ligatures: [string, string][] = [
  ['Œ', 'oe'],
  ['œ', 'oe'],
  ['Æ', 'ae'],
  ['æ', 'ae'],
];

if ([...from].length !== [...to].length) throw new Error('fold: tables of letters of different lengths');
const letters = new Map([...from].map((letter, i) => [letter, [...to][i]!]));

/** A text folded as `folded()` folds a column: lower case, no accent, words separated by one space. */
export function foldText(text: string): string {
  let out = '';
  for (const char of text.normalize('NFC')) out += letters.get(char) ?? char;
  for (const [ligature, letters] of ligatures) out = out.replaceAll(ligature, letters);
  return out.toLowerCase().replace(/\s+/g, ' ').trim();
}

/** The words of what someone typed, folded: each must be found for a row to match. */
export const foldedWords = (text: string): string[] => foldText(text).split(' ').filter(Boolean);

/** An SQL expression folded as `foldText` folds a text. */
export function folded(expression: SQLWrapper): SQL {
  let out: SQL = sql`translate(${expression}, ${from}, ${to})`;
  for (const [ligature, letters] of ligatures) out = sql`replace(${out}, ${ligature}, ${letters})`;
  return sql`lower(${out})`;
}

/** Every word (already folded) is found in the folded expression; true when there is no word. */
export function containsWords(expression: SQLWrapper, words: readonly string[]): SQL {
  if (words.length === 0) return sql`true`;
  const haystack = folded(expression);
  return sql.join(
    words.map((word) => sql`strpos(${haystack}, ${word}) > 0`),
    sql` and `,
  );
}
