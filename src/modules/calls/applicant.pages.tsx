// The applicants' pages of support calls: the calls and a call for everyone; the dossier's form for the
// people who speak for their town (élus, officers, referent), as a draft first, then submitted and corrected
// until instruction starts; the dossier's follow-up for them and staff. Staff file on a town's behalf
// through the API.
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import type { Actor } from '../../platform/http/actor.ts';
import {
  definePage,
  message,
  notFound,
  type PageOutcome,
  redirect,
  refusal,
  view,
} from '../../platform/http/pages.tsx';
import { parseEuros } from '../../platform/money.ts';
import { type Failure, fail } from '../../platform/result.ts';
import type { Services } from '../../platform/services.ts';
import { optional, uuid } from '../../platform/validation.ts';
import type { PageContext } from '../../platform/views/layout.tsx';
import type { Application } from '../applications/applications.ts';
import { getOrganisation } from '../organisations/organisations.ts';
import { getPerson } from '../organisations/people.ts';
import { allowedDossiers, dossiersOfOrganisation } from './allowances.ts';
import { applicantMessages as m, applicantNotices as notices } from './applicant.messages.ts';
import {
  callsByState,
  dossierHref,
  type FollowUp,
  followUpOf,
  questionsFor,
  standingOf,
} from './applicant-queries.ts';
import { getAttachment, joinAttachment, removeAttachment, sendAttachment } from './attachments.ts';
import { callEligibility, callWindow } from './calls.pipeline.ts';
import { callsPolicy as policy } from './calls.policy.ts';
import type { CallQuestion } from './calls.schema.ts';
import { type Call, getCall } from './calls.ts';
import { correctDossier, createDossier, submitDossier } from './dossiers.ts';
import { sendMessage } from './messages.ts';
import {
  CallPage,
  CallsIndexPage,
  DossierFollowUpPage,
  DossierFormPage,
  type DossierFormProps,
  questionId,
} from './views/applicant.tsx';
import { webinarsOf } from './webinars.ts';

const idParams = z.object({ id: uuid });
const formQuery = z.object({ dossier: optional(uuid) });
const dossierParams = z.object({ applicationId: uuid });
const attachmentParams = z.object({ applicationId: uuid, attachmentId: uuid });

/** The town's people read their dossier, staff too once it is submitted (a draft stays the town's). */
const readable = (actor: Actor, page: FollowUp | undefined): page is FollowUp =>
  Boolean(
    page &&
      policy.actFor(actor, page.dossier.organisationId) &&
      !(actor.staff && page.dossier.status === 'draft'),
  );

/** Who writes a town's dossier on these pages: its élus, officers and referent (staff use the API). */
const speaksForOwn = (actor: Actor) =>
  !actor.staff && actor.organisationId !== null && policy.actFor(actor, actor.organisationId);

const maxAnswer = 10_000;
// The domain's bound of one town's cost (dossiers.ts): 10 million euros.
const maxCents = 1_000_000_000;

/** Cents as a person types euros: « 15 000 », « 12 500,5 ». */
const eurosText = (cents: number | null) =>
  cents === null
    ? ''
    : (cents / 100).toLocaleString('fr-FR', {
        minimumFractionDigits: cents % 100 ? 2 : 0,
        useGrouping: true,
      });

/**
 * A domain refusal on the form: its sentence first, then its fields as the form's field ids (what is about
 * no field of this form stays in the sentence).
 */
function formErrors(failure: Failure): Record<string, string> {
  const errors: Record<string, string> = { _: failure.message };
  for (const [field, text] of Object.entries(failure.fields ?? {})) {
    const key = field.replace(/^answers\./, '');
    if (field === 'requestedCents') errors.cout ??= text;
    else if (/^q\d+$/.test(key)) errors[questionId(key)] ??= text;
  }
  return errors;
}

/** A refusal met after the first write of a transaction: thrown, so that nothing of it stays. */
class Refused extends Error {
  readonly failure: Failure;
  constructor(failure: Failure) {
    super(failure.message);
    this.failure = failure;
  }
}

export function applicantPages(services: Services) {
  const { db } = services;
  /** The actor's town and person, as the domain needs them. */
  const applicantOf = async (actor: Actor) => {
    const [person, organisation] = await Promise.all([
      getPerson(db, actor.personId),
      getOrganisation(db, actor.organisationId!),
    ]);
    return person && organisation ? { person, organisation } : undefined;
  };

  /** The town's dossiers on a call and how many it may hold. */
  const townDossiers = async (callId: string, organisationId: string) => {
    const [dossiers, places] = await Promise.all([
      dossiersOfOrganisation(db, callId, organisationId),
      allowedDossiers(db, callId, organisationId),
    ]);
    return { dossiers, places, full: dossiers.length >= places, last: dossiers.at(-1) };
  };

  /** Why the form is not offered, or undefined when it is. */
  const closedReason = (call: Call, dossier: Application | undefined, at: Date) => {
    if (dossier && dossier.status !== 'draft' && dossier.status !== 'submitted')
      return m.notCorrectable().text;
    const window = callWindow(call, at);
    if (window.ok || dossier?.status === 'submitted') return undefined;
    return dossier ? m.windowDraft({ reason: window.error.message }).text : window.error.message;
  };

  const formView = (props: Omit<DossierFormProps, 'ctx'> & { ctx: PageContext }, status = 200) =>
    view(<DossierFormPage {...props} />, status);

  /** The typed answers of the form's questions, and the cost as typed. */
  const typedValues = (
    questions: CallQuestion[],
    form: Record<string, string | undefined>,
  ): Record<string, string> & { cout: string } => ({
    ...Object.fromEntries(questions.map((q) => [q.key, form[q.key] ?? ''])),
    cout: form.cout ?? '',
  });

  return [
    definePage({
      method: 'GET',
      url: '/appels',
      access: 'public',
      handler: async ({ ctx }) => {
        const at = new Date();
        return view(<CallsIndexPage ctx={ctx} byState={await callsByState(db, at)} at={at} />);
      },
    }),
    definePage({
      method: 'GET',
      url: '/appels/:id',
      access: 'public',
      params: idParams,
      handler: async ({ actor, params, ctx }) => {
        const call = await getCall(db, params.id);
        if (!call) return notFound(m.callGone().text);
        const [{ questions }, standing, webinars] = await Promise.all([
          questionsFor(db, call, undefined),
          standingOf(db, actor, call),
          webinarsOf(db, call.id),
        ]);
        return view(
          <CallPage
            ctx={ctx}
            call={call}
            questions={questions}
            standing={standing}
            webinars={webinars}
            at={new Date()}
          />,
        );
      },
    }),
    definePage({
      method: 'GET',
      url: '/appels/:id/dossier',
      access: speaksForOwn,
      refusal: m.speakersOnly().text,
      params: idParams,
      query: formQuery,
      handler: async ({ actor, params, query, ctx }) => {
        const call = await getCall(db, params.id);
        if (!call) return notFound(m.callGone().text);
        const applicant = await applicantOf(actor);
        if (!applicant) return message(403, 'Dépôt réservé', m.noOrganisation().text);
        const { person, organisation } = applicant;
        const town = await townDossiers(call.id, organisation.id);
        // The dossier named; else a new one while the town may make one, else its last.
        const dossier = query.dossier
          ? town.dossiers.find((d) => d.id === query.dossier)
          : town.full
            ? town.last
            : undefined;
        if (query.dossier && !dossier) return notFound(m.dossierGone().text);
        if (!dossier) {
          // A town that may not apply learns why before typing anything.
          const eligible = await callEligibility(db, person, organisation.id);
          if (!eligible.ok) return message(eligible.error.status, 'Dépôt réservé', eligible.error.message);
        }
        const { questions, requestedCents } = await questionsFor(db, call, dossier);
        const answers = dossier?.answers ?? {};
        return formView({
          ctx,
          call,
          organisationName: organisation.name,
          questions,
          dossier,
          values: {
            ...Object.fromEntries(questions.map((q) => [q.key, String(answers[q.key] ?? '')])),
            cout: eurosText(requestedCents),
          },
          closed: closedReason(call, dossier, new Date()),
        });
      },
    }),
    definePage({
      method: 'POST',
      url: '/appels/:id/dossier',
      access: speaksForOwn,
      refusal: m.speakersOnly().text,
      params: idParams,
      handler: async ({ actor, params, form, ctx }) => {
        const call = await getCall(db, params.id);
        if (!call) return notFound(m.callGone().text);
        const applicant = await applicantOf(actor);
        if (!applicant) return message(403, 'Dépôt réservé', m.noOrganisation().text);
        const { person, organisation } = applicant;
        const town = await townDossiers(call.id, organisation.id);
        // The form was written for the dossier it names (none: a new one); another town's or another call's
        // dossier is never overwritten.
        const dossier = form.dossier ? town.dossiers.find((d) => d.id === form.dossier) : undefined;
        const { questions, requestedCents: savedCents } = await questionsFor(db, call, dossier);
        const values = typedValues(questions, form);
        const again = (
          status: number,
          extra: Pick<DossierFormProps, 'errors' | 'conflict' | 'closed'>,
        ): PageOutcome =>
          formView(
            { ctx, call, organisationName: organisation.name, questions, dossier, values, ...extra },
            status,
          );

        if (form.dossier && !dossier) return again(409, { errors: { _: m.staleForm().text } });
        // A new dossier when the town holds all it may (a colleague's made since the page was read): that one.
        if (!dossier && town.last && town.full)
          return again(409, {
            conflict: {
              message: m.alreadyApplied({ name: organisation.name, places: town.places }).text,
              href: dossierHref(town.last.id),
            },
          });
        const closed = closedReason(call, dossier, new Date());
        if (closed) return again(422, { closed });

        const errors: Record<string, string> = {};
        const answers: Record<string, string> = {};
        for (const q of questions) {
          const answer = (values[q.key] ?? '').trim();
          if (answer.length > maxAnswer) errors[questionId(q.key)] = m.answerTooLong({ label: q.label }).text;
          else if (answer) answers[q.key] = answer;
        }
        let requestedCents: number | undefined;
        if (values.cout.trim()) {
          requestedCents = parseEuros(values.cout);
          if (!requestedCents || requestedCents > maxCents) errors.cout = m.eurosExpected().text;
        } else if (savedCents !== null) errors.cout = m.costStays().text;
        else if (dossier?.status === 'submitted' && call.envelopeCents) errors.cout = m.costRequired().text;
        if (Object.keys(errors).length) return again(400, { errors });

        const submit = form.action === 'deposer' && dossier?.status !== 'submitted';
        const input = { answers, ...(requestedCents ? { requestedCents } : {}) };
        let saved: Application;
        try {
          saved = await db.transaction(async (tx) => {
            const written = dossier
              ? await correctDossier(tx, dossier.id, input, actor.personId)
              : await createDossier(tx, person, call.id, { organisationId: organisation.id, ...input });
            if (!written.ok) throw new Refused(written.error);
            if (!submit) return written.value;
            // Submitting what was just saved; incomplete, the save goes too: the form keeps what was typed.
            const submitted = await submitDossier(tx, written.value.id, actor.personId);
            if (!submitted.ok) throw new Refused(submitted.error);
            return submitted.value;
          });
        } catch (error) {
          if (!(error instanceof Refused)) throw error;
          const failure = error.failure;
          if (failure.code === 'conflict') {
            // A colleague saved the town's (last) dossier between the page's reading and this save.
            const theirs = (await dossiersOfOrganisation(db, call.id, organisation.id)).at(-1);
            if (theirs)
              return again(409, { conflict: { message: failure.message, href: dossierHref(theirs.id) } });
          }
          return again(failure.status, { errors: formErrors(failure) });
        }
        const notice = submit
          ? notices.submitted
          : dossier?.status === 'submitted'
            ? notices.corrected
            : notices.saved;
        return redirect(dossierHref(saved.id), notice);
      },
    }),
    definePage({
      method: 'GET',
      url: '/mon-espace/dossiers/:applicationId',
      access: 'signedIn',
      params: dossierParams,
      handler: async ({ actor, params, ctx, notice }) => {
        const page = await followUpOf(db, params.applicationId);
        // Another town's dossier is not found: its existence is not told.
        if (!page || !policy.actFor(actor, page.dossier.organisationId))
          return notFound(m.dossierGone().text);
        if (actor.staff && page.dossier.status === 'draft') return notFound(m.draftOnlyTheirs().text);
        return view(
          <DossierFollowUpPage
            ctx={ctx}
            page={page}
            at={new Date()}
            notice={notice}
            messageKey={randomUUID()}
          />,
        );
      },
    }),
    // The dossier's documents: joined or replaced (multipart) while the town may change its dossier, read by
    // the town and its instructors (a draft stays the town's).
    definePage({
      method: 'POST',
      url: '/mon-espace/dossiers/:applicationId/pieces',
      access: 'signedIn',
      params: dossierParams,
      handler: async ({ actor, params, ctx, request }) => {
        const page = await followUpOf(db, params.applicationId);
        if (!readable(actor, page)) return notFound(m.dossierGone().text);
        const fields = (request.body ?? {}) as Record<string, unknown>;
        const key = typeof fields.key === 'string' ? fields.key : '';
        const content = fields.file;
        const joined = Buffer.isBuffer(content)
          ? await db.transaction((tx) =>
              joinAttachment(
                tx,
                page.dossier.id,
                {
                  key,
                  fileName: typeof fields.fileName === 'string' ? fields.fileName : 'document',
                  content,
                },
                actor.personId,
              ),
            )
          : fail(400, 'invalid_file', m.chooseFile(), { file: m.chooseFile().text });
        if (joined.ok) return redirect(`${dossierHref(page.dossier.id)}#pieces`, notices.attached);
        return view(
          <DossierFollowUpPage
            ctx={ctx}
            page={page}
            at={new Date()}
            messageKey={randomUUID()}
            attachmentErrors={{
              [key]: joined.error.fields?.file ?? joined.error.fields?.key ?? joined.error.message,
            }}
          />,
          joined.error.status,
        );
      },
    }),
    definePage({
      method: 'POST',
      url: '/mon-espace/dossiers/:applicationId/pieces/:attachmentId/suppression',
      access: 'signedIn',
      params: attachmentParams,
      handler: async ({ actor, params }) => {
        const page = await followUpOf(db, params.applicationId);
        if (!readable(actor, page)) return notFound(m.dossierGone().text);
        const removed = await removeAttachment(db, page.dossier.id, params.attachmentId, actor.personId);
        if (removed.ok) return redirect(`${dossierHref(page.dossier.id)}#pieces`, notices.detached);
        return refusal(removed.error, m.attachmentRefused().text);
      },
    }),
    definePage({
      method: 'GET',
      url: '/mon-espace/dossiers/:applicationId/pieces/:attachmentId',
      access: 'signedIn',
      params: attachmentParams,
      handler: async ({ actor, params, reply }) => {
        const page = await followUpOf(db, params.applicationId);
        if (!readable(actor, page)) return notFound(m.dossierGone().text);
        const file = await getAttachment(db, page.dossier.id, params.attachmentId);
        if (!file) return notFound(m.dossierGone().text);
        return sendAttachment(reply, file);
      },
    }),
    // The town writes to its instructors on the dossier's thread (mailed to those who follow it).
    definePage({
      method: 'POST',
      url: '/mon-espace/dossiers/:applicationId/messages',
      access: 'signedIn',
      params: dossierParams,
      handler: async ({ actor, params, ctx, form }) => {
        const page = await followUpOf(db, params.applicationId);
        if (!page || !policy.actFor(actor, page.dossier.organisationId) || page.dossier.status === 'draft')
          return notFound(m.dossierGone().text);
        const sent = await db.transaction((tx) =>
          sendMessage(
            tx,
            page.dossier.id,
            { body: form.body, key: form.key },
            { id: actor.personId, staff: actor.staff },
            services.config.baseUrl,
          ),
        );
        services.jobs.poke();
        if (sent.ok) return redirect(`${dossierHref(page.dossier.id)}#messagerie`, notices.messageSent);
        return view(
          <DossierFollowUpPage
            ctx={ctx}
            page={page}
            at={new Date()}
            messageKey={randomUUID()}
            messageError={sent.error.fields?.body ?? sent.error.message}
            messageValue={form.body}
          />,
          sent.error.status,
        );
      },
    }),
  ];
}
