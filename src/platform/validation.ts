// zod speaks French here, and its failures become the `fields` of our errors.
import { z } from 'zod';
import { fr } from 'zod/locales';

z.config(fr());

export function fieldErrors(error: z.ZodError): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const issue of error.issues) {
    const key = issue.path.length ? issue.path.join('.') : '_';
    fields[key] ??= issue.message;
  }
  return fields;
}

/** Text typed by a person: trimmed, non-empty, bounded. */
export const text = (max = 200) =>
  z.string().trim().min(1, 'Ce champ est obligatoire.').max(max, `${max} caractères au plus.`);

/** An optional form field: an empty string means « not given ». */
export const optional = <T extends z.ZodType>(schema: T) =>
  z.preprocess((v) => (typeof v === 'string' && v.trim() === '' ? undefined : v), schema.optional());

export const isoDate = z.iso.date({ error: 'Date attendue au format AAAA-MM-JJ.' }).refine(
  (value) => {
    const year = Number(value.slice(0, 4));
    return year >= 1900 && year <= 2200;
  },
  { message: 'Cette date est hors des limites admises (1900 à 2200).' },
);

export const uuid = z.uuid({ error: 'Identifiant invalide.' });
