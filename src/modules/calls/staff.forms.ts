// The staff's call form as people type it — dates at Paris time, euros the French way, the grid and the
// questions one per line — read into the call's input (calls.ts checks it), and a call written back into it.
import { parseEuros } from '../../platform/money.ts';
import { parisDateTime, parisDateTimeLocal } from '../../platform/time.ts';
import type { Call, Criterion } from './calls.ts';
import { type CallForm, questionsFromLines, questionsToLines } from './forms.ts';
import { staffMessages as m } from './staff.messages.ts';

export type CallFormValues = Record<
  | 'numero'
  | 'titre'
  | 'description'
  | 'types'
  | 'ouverture'
  | 'cloture'
  | 'enveloppe'
  | 'accompagnements'
  | 'criteres'
  | 'questions'
  | 'pieces'
  | 'comite',
  string
>;

const fieldOfPath: Record<string, keyof CallFormValues> = {
  number: 'numero',
  title: 'titre',
  description: 'description',
  supportKinds: 'types',
  opensAt: 'ouverture',
  closesAt: 'cloture',
  envelopeCents: 'enveloppe',
  engagementsPlanned: 'accompagnements',
  criteria: 'criteres',
  questions: 'questions',
  attachments: 'pieces',
  committee: 'comite',
};

/** The domain's errors (by input path) under the form's fields: the first message of each field. */
export function formErrors(fields: Record<string, string> | undefined): Record<string, string> {
  const errors: Record<string, string> = {};
  for (const [path, message] of Object.entries(fields ?? {})) {
    const field = fieldOfPath[path.split('.')[0]!] ?? 'titre';
    errors[field] ??= message;
  }
  return errors;
}

const lines = (text: string) =>
  text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter(Boolean);

export const valuesOf = (form: Record<string, string | undefined>): CallFormValues => ({
  numero: form.numero ?? '',
  titre: form.titre ?? '',
  description: form.description ?? '',
  types: form.types ?? '',
  ouverture: form.ouverture ?? '',
  cloture: form.cloture ?? '',
  enveloppe: form.enveloppe ?? '',
  accompagnements: form.accompagnements ?? '',
  criteres: form.criteres ?? '',
  questions: form.questions ?? '',
  pieces: form.pieces ?? '',
  comite: form.comite ?? '',
});

/**
 * The call's input from the form, or the errors of what cannot even be read (a date that is not one, an
 * amount that is not euros, a criterion without its weight); the rest is the domain's to check.
 */
export function callFromForm(values: CallFormValues): {
  input?: Record<string, unknown>;
  errors: Record<string, string>;
} {
  const errors: Record<string, string> = {};
  const instant = (field: 'ouverture' | 'cloture') => {
    const read = parisDateTime(values[field]);
    if ('iso' in read) return read.iso;
    errors[field] = m.instantExpected().text;
    return undefined;
  };
  const opensAt = instant('ouverture');
  const closesAt = instant('cloture');
  const envelopeCents = values.enveloppe.trim() ? parseEuros(values.enveloppe) : undefined;
  if (values.enveloppe.trim() && envelopeCents === undefined) errors.enveloppe = m.eurosExpected().text;
  const criteria = lines(values.criteres).map((line) => {
    const match = /^(.*?)\s*;\s*(\d{1,3})$/.exec(line);
    if (!match) errors.criteres = m.criterionLine({ line }).text;
    return { label: match?.[1] ?? line, weight: Number(match?.[2] ?? 0) };
  });
  const whole = (text: string) =>
    /^\d{1,9}$/.test(text.trim()) ? Number(text.trim()) : text.trim() || undefined;
  if (Object.keys(errors).length) return { errors };
  return {
    errors,
    input: {
      number: whole(values.numero),
      title: values.titre,
      description: values.description.trim() || undefined,
      supportKinds: lines(values.types),
      opensAt,
      closesAt,
      envelopeCents,
      engagementsPlanned: whole(values.accompagnements),
      criteria,
      // None typed: the network's usual questions (and documents) for a new call, the same ones for a call changed.
      questions: values.questions.trim() ? questionsFromLines(values.questions) : undefined,
      attachments: values.pieces.trim() ? questionsFromLines(values.pieces) : undefined,
      committee: values.comite.trim() || undefined,
    },
  };
}

const euros = (cents: number | null) =>
  cents === null
    ? ''
    : (cents / 100).toLocaleString('fr-FR', { useGrouping: false, maximumFractionDigits: 2 });

/** A call written back into the form, to change it. */
export const callValues = (call: Call, grid: Criterion[], form: CallForm | undefined): CallFormValues => ({
  numero: String(call.number),
  titre: call.title,
  description: call.description ?? '',
  types: call.supportKinds.join('\n'),
  ouverture: parisDateTimeLocal(call.opensAt),
  cloture: parisDateTimeLocal(call.closesAt),
  enveloppe: euros(call.envelopeCents),
  accompagnements: call.engagementsPlanned === null ? '' : String(call.engagementsPlanned),
  criteres: grid.map((c) => `${c.label} ; ${c.weight}`).join('\n'),
  questions: form ? questionsToLines(form.questions) : '',
  pieces: form ? questionsToLines(form.attachments) : '',
  comite: call.committee ?? '',
});
