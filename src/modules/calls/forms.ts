// A call's form, versioned (issue 16): staff change the questions while dossiers are being written; a
// dossier keeps the version it was written on, so an answer never ends up under a question it did not
// answer. Changing the questions makes a new version only when a dossier stands on the current one.
import { and, desc, eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Executor } from '../../platform/db/client.ts';
import { text } from '../../platform/validation.ts';
import { callsMessages as m } from './calls.messages.ts';
import { type CallQuestion, callDossiers, callForms } from './calls.schema.ts';

export type CallForm = typeof callForms.$inferSelect;

/** What the network's « appui et conseil » team asks a town by default (staff change it per call). */
export const defaultQuestions: readonly Omit<CallQuestion, 'key'>[] = [
  { label: 'Votre collectivité et son action internationale aujourd’hui', required: true },
  { label: 'La démarche ou le projet pour lequel vous demandez un accompagnement', required: true },
  { label: 'Vos partenaires étrangers (collectivités, pays)', required: false },
  { label: 'Ce que vous attendez de l’accompagnement (livrables, résultats)', required: true },
  { label: 'Le calendrier envisagé', required: false },
];

/** The documents asked by default: staff make them required (« * ») where the call needs them. */
export const defaultAttachments: readonly Omit<CallQuestion, 'key'>[] = [
  { label: 'Délibération ou lettre d’engagement de l’exécutif', required: false },
  { label: 'Budget prévisionnel de la démarche', required: false },
];

export const questionsInput = z
  .array(z.object({ label: text(500), required: z.boolean().default(false) }), {
    error: m.questionsExpected().text,
  })
  .max(50, m.questionsExpected().text);

/** Keys by position, stable within a version: the dossiers of a version are read against it alone. */
export const keyed = (questions: readonly Omit<CallQuestion, 'key'>[], prefix = 'q'): CallQuestion[] =>
  questions.map((q, i) => ({ key: `${prefix}${i + 1}`, label: q.label, required: q.required }));

/**
 * The staff's form writes the questions one per line, a required one ending with « * » (a line per question
 * reads and edits without JavaScript, and pastes from the call's text document).
 */
export function questionsFromLines(lines: string): Omit<CallQuestion, 'key'>[] {
  return lines
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter(Boolean)
    .map((line) =>
      line.endsWith('*')
        ? { label: line.slice(0, -1).trim(), required: true }
        : { label: line, required: false },
    );
}

export const questionsToLines = (questions: readonly CallQuestion[]) =>
  questions.map((q) => (q.required ? `${q.label} *` : q.label)).join('\n');

/** The call's current form (the highest version). */
export async function currentForm(executor: Executor, callId: string): Promise<CallForm | undefined> {
  const [form] = await executor
    .select()
    .from(callForms)
    .where(eq(callForms.callId, callId))
    .orderBy(desc(callForms.version))
    .limit(1);
  return form;
}

export async function formOf(executor: Executor, callId: string, version: number) {
  const [form] = await executor
    .select()
    .from(callForms)
    .where(and(eq(callForms.callId, callId), eq(callForms.version, version)));
  return form;
}

type Lines = readonly Omit<CallQuestion, 'key'>[];

/**
 * Sets the call's questions and expected attachments (either left as they are when not given): in place while
 * no dossier stands on the current version, else as a new version (the call's row is locked so that two
 * editors make one version each, in turn). An unchanged form changes nothing.
 */
export async function setForm(
  executor: Executor,
  callId: string,
  change: { questions?: Lines | undefined; attachments?: Lines | undefined },
): Promise<CallForm> {
  await executor.execute(sql`select 1 from calls where id = ${callId} for update`);
  const current = await currentForm(executor, callId);
  const questions = change.questions ? keyed(change.questions) : (current?.questions ?? []);
  const attachments = change.attachments ? keyed(change.attachments, 'p') : (current?.attachments ?? []);
  if (
    current &&
    JSON.stringify(current.questions) === JSON.stringify(questions) &&
    JSON.stringify(current.attachments) === JSON.stringify(attachments)
  )
    return current;
  if (current) {
    const [used] = await executor
      .select({ id: callDossiers.applicationId })
      .from(callDossiers)
      .where(and(eq(callDossiers.callId, callId), eq(callDossiers.formVersion, current.version)))
      .limit(1);
    if (!used) {
      const [updated] = await executor
        .update(callForms)
        .set({ questions, attachments })
        .where(and(eq(callForms.callId, callId), eq(callForms.version, current.version)))
        .returning();
      return updated!;
    }
  }
  const [made] = await executor
    .insert(callForms)
    .values({ callId, version: (current?.version ?? 0) + 1, questions, attachments })
    .returning();
  return made!;
}

/** Answers to questions the version does not have: refused (a typo in a key would be lost silently). */
export function unknownAnswers(form: Pick<CallForm, 'questions'>, answers: Record<string, string>) {
  const keys = new Set(form.questions.map((q) => q.key));
  return Object.keys(answers).filter((key) => !keys.has(key));
}

/** The required questions left unanswered, to submit. */
export const unanswered = (form: Pick<CallForm, 'questions'>, answers: Record<string, unknown>) =>
  form.questions.filter((q) => q.required && !String(answers[q.key] ?? '').trim());
