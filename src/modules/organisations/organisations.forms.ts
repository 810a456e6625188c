// The module's forms, mapped onto the inputs of its use cases (which validate them): pages stay thin, and
// the API, which receives these inputs as JSON, shares the use cases.
import { z } from 'zod';
import { parseEuros } from '../../platform/money.ts';
import { fail, ok, type Result } from '../../platform/result.ts';
import { uuid } from '../../platform/validation.ts';
import type { ImportKind } from './import.ts';
import { organisationsMessages as m } from './organisations.messages.ts';

type Form = Record<string, string | undefined>;

/** A record's address: an id that is not a uuid names nothing (404). */
export const idParams = z.object({ id: uuid });

/** What people type in a search box that the address carries: a text, cut to a sensible length. */
export const searchText = z
  .string()
  .catch('')
  .transform((text) => text.slice(0, 100));

/** An export's file name: what, and in which format (`personnes.csv`, `organisations.xlsx`). */
export const exportParams = z.object({
  file: z
    .string()
    .regex(/^(organisations|personnes)\.(csv|xlsx)$/)
    .transform((file) => {
      const [what, format] = file.split('.') as ['organisations' | 'personnes', 'csv' | 'xlsx'];
      return { what, format };
    }),
});

/** The form to add an organisation (a choice from the reference, or a foreign one, an institution). */
export const organisationFromForm = (form: Form) => ({
  name: form.name,
  kind: form.kind,
  inseeCode: form.inseeCode,
  country: form.country,
});

/**
 * The person form's flat fields, as createPerson expects them. A form of someone who grants no role (a
 * referent's, in « Mon espace ») offers neither the staff kind nor the referent box: sent anyway, they
 * count as not given, and the use case refuses the missing kind.
 */
export function personFromForm(
  form: Form,
  organisationId: string | null | undefined,
  options: { grantsRoles: boolean },
) {
  const mandate =
    form.mandateTitle?.trim() || form.mandateStartsOn?.trim()
      ? { title: form.mandateTitle ?? '', startsOn: form.mandateStartsOn ?? '' }
      : undefined;
  return {
    firstName: form.firstName,
    lastName: form.lastName,
    email: form.email,
    kind: options.grantsRoles || form.kind !== 'staff' ? form.kind : undefined,
    organisationId: organisationId ?? undefined,
    referent: options.grantsRoles && form.referent === 'on',
    mandate,
  };
}

/** The membership form: the fee is typed in euros (« 1 250,50 »), recordMembership takes cents. */
export function membershipFromForm(form: Form): Result<{
  year: string | undefined;
  status: string | undefined;
  feeCents: number | undefined;
  paidOn: string | undefined;
}> {
  const fee = form.fee?.trim();
  const feeCents = fee ? parseEuros(fee) : undefined;
  if (fee && feeCents === undefined)
    return fail(400, 'invalid', m.invalid(), { fee: m.feeUnreadable().text });
  return ok({ year: form.year, status: form.status, feeCents, paidOn: form.paidOn });
}

/** The import form (multipart): the file and what it holds; no file, or an empty one, is refused. */
export function importFromForm(body: unknown): Result<{ kind: ImportKind; fileName: string; data: Buffer }> {
  const fields = (body ?? {}) as { kind?: unknown; file?: unknown; fileName?: unknown };
  const data = fields.file;
  if (!Buffer.isBuffer(data) || data.length === 0) return fail(400, 'invalid_file', m.importNoFile());
  return ok({
    kind: fields.kind === 'organisations' ? 'organisations' : 'people',
    fileName: typeof fields.fileName === 'string' ? fields.fileName : 'fichier',
    data,
  });
}

/** The form correcting an organisation (an institution, a foreign local government): empty is « unchanged ». */
export const organisationChangesFromForm = (form: Form) => ({
  name: form.name,
  country: form.country,
  siren: form.siren,
});

/**
 * The form correcting a person. Its civility choice « non précisée » (an empty value) clears it. The address
 * and the kind are taken only from staff's form: the others' forms do not show them, and a crafted request
 * that sends them anyway counts as not sending them.
 */
export function personChangesFromForm(form: Form, options: { staff: boolean }) {
  return {
    firstName: form.firstName,
    lastName: form.lastName,
    civility: form.civility === undefined ? undefined : form.civility === '' ? null : form.civility,
    ...(options.staff ? { email: form.email, kind: form.kind } : {}),
  };
}
