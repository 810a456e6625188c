// Staff's pages of support calls (« Gestion » → « Appels DCOL »): the calls, opened, changed or deleted; a
// call's dossiers by tab and their export; a dossier with its marks, followers and decision; the committee's
// screen against the envelope. Every decision shows who will be mailed what before it is recorded.
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { definePage, notFound, type PageOutcome, redirect, view } from '../../platform/http/pages.tsx';
import { type SheetFormat, sendSheet, sheetFormats } from '../../platform/http/send-sheet.ts';
import type { Failure, Result } from '../../platform/result.ts';
import type { Services } from '../../platform/services.ts';
import { uuid } from '../../platform/validation.ts';
import type { PageContext } from '../../platform/views/layout.tsx';
import { getApplication } from '../applications/applications.ts';
import { decideApplications, previewDecisions } from '../applications/decide.ts';
import { statusLabel } from '../applications/pipeline.ts';
import { queueFilters } from '../applications/review-queue.ts';
import { selectedIds } from '../applications/selection.ts';
import { callsPipeline as pipeline } from './calls.pipeline.ts';
import { callsPolicy as policy } from './calls.policy.ts';
import { type Call, createCall, criteriaOf, deleteCall, getCall, updateCall } from './calls.ts';
import { follow, unfollow } from './dossiers.ts';
import { cancelExpertRequest, previewExpertRequest, requestExpertOpinion } from './experts.ts';
import { currentForm } from './forms.ts';
import { addNote, deleteNote, sendMessage } from './messages.ts';
import { scoreApplication } from './scores.ts';
import { deleteSearch, saveSearch, searchesOf } from './searches.ts';
import { callFromForm, callValues, formErrors, valuesOf } from './staff.forms.ts';
import { staffMessages as m, staffNotices as notices } from './staff.messages.ts';
import {
  callDossierTable,
  callRows,
  committeeList,
  type DossierRow,
  dossierPage,
  tabs,
} from './staff-queries.ts';
import { ExpertPreviewPage } from './views/experts.tsx';
import {
  base,
  CallDossiersPage,
  CallFormPage,
  CallsPage,
  CommitteePage,
  callPath,
  DecisionPreviewPage,
  type DossierErrors,
  DossierStaffPage,
  dossierPath,
  listUrl,
} from './views/staff.tsx';

const idParams = z.object({ id: uuid });
const dossierParams = z.object({ id: uuid, applicationId: uuid });
const listQuery = queueFilters.extend({
  onglet: z.enum(tabs).default('a-suivre'),
  tri: z.enum(['depot', 'score']).default('depot'),
});

const listView = ({ onglet, tri, ...filters }: z.infer<typeof listQuery>) => ({
  tab: onglet,
  sort: tri,
  filters,
});

const decisionChoice = z.enum(['accepted', 'rejected', 'closed']);

/** A refusal's sentences under the fields of a form, or under its summary. */
const errorsOf = (failure: Failure) => (failure.fields ? { ...failure.fields } : { _: failure.message });

export function staffPages(services: Services) {
  const { db, config } = services;

  const dossierView = async (
    ctx: PageContext,
    call: Call,
    applicationId: string,
    viewerId: string,
    extra: {
      notice?: string | undefined;
      errors?: DossierErrors;
      typed?: Record<string, string>;
      expertValues?: Record<string, string>;
    } = {},
    status = 200,
  ): Promise<PageOutcome> => {
    const page = await dossierPage(db, call.id, applicationId, viewerId);
    if (!page) return notFound(m.dossierGone().text);
    return view(
      <DossierStaffPage
        ctx={ctx}
        call={call}
        page={page}
        viewerId={viewerId}
        messageKey={randomUUID()}
        {...extra}
      />,
      status,
    );
  };

  /** Who will be mailed what, for the decision posted; or the form again with its errors. */
  const previewOrConfirm = async (input: {
    ctx: PageContext;
    call: Call;
    ids: string[];
    form: Record<string, string | undefined>;
    actorId: string;
    action: string;
    back: string;
    done: string;
    invalid: (errors: Record<string, string>) => Promise<PageOutcome>;
  }): Promise<PageOutcome> => {
    const { call, ids, form } = input;
    const errors: Record<string, string> = {};
    const decision = decisionChoice.safeParse(form.decision);
    if (!decision.success) errors.decision = m.chooseDecision().text;
    if (ids.length === 0) errors.choix = m.chooseDossiers().text;
    if (!decision.success || ids.length === 0) return input.invalid(errors);
    const asked = { ids, decision: decision.data, motivation: form.motivation };
    // A confirmation refused under the decision's locks (the envelope spent meanwhile) shows the preview again,
    // with why.
    let refused: Failure | undefined;
    if (form.etape === 'confirmer') {
      const decided = await db.transaction((tx) =>
        decideApplications(tx, pipeline, asked, input.actorId, config.baseUrl),
      );
      services.jobs.poke();
      if (decided.ok) return redirect(input.done, notices.decided);
      refused = decided.error;
    }
    const preview = await previewDecisions(db, pipeline, asked, config.baseUrl);
    if (!preview.ok) return input.invalid(errorsOf(preview.error));
    const rows = (await callDossierTable(db, call.id, input.actorId, {}, 'tous', 'depot')).rows;
    const refusal = refused ?? preview.value.refusal;
    return view(
      <DecisionPreviewPage
        ctx={input.ctx}
        call={call}
        preview={preview.value}
        action={input.action}
        back={input.back}
        error={refused?.message}
        organisationNames={new Map(rows.map((r) => [r.application.id, r.organisation?.name ?? '—']))}
      />,
      refusal ? refusal.status : 200,
    );
  };

  /** The call and one of its dossiers named by the address (another call's is not found). */
  async function callAndDossier(params: { id: string; applicationId: string }) {
    const [call, dossier] = await Promise.all([
      getCall(db, params.id),
      getApplication(db, pipeline, params.applicationId),
    ]);
    return call && dossier?.ownerId === call.id ? { call, dossier } : undefined;
  }

  /** A call's dossiers as the list's query asks, with the instructor's saved searches. */
  const dossiersView = async (
    ctx: PageContext,
    call: Call,
    viewerId: string,
    query: z.infer<typeof listQuery>,
    extra: { notice?: string | undefined; searchError?: string } = {},
    status = 200,
  ): Promise<PageOutcome> => {
    const list = listView(query);
    const [table, searches] = await Promise.all([
      callDossierTable(db, call.id, viewerId, list.filters, list.tab, list.sort),
      searchesOf(db, call.id, viewerId),
    ]);
    return view(
      <CallDossiersPage ctx={ctx} call={call} list={list} {...table} searches={searches} {...extra} />,
      status,
    );
  };

  /**
   * A form of a submitted dossier's page (an annotation, a message): done, back to the page with its notice;
   * refused, the page again with the form's errors.
   */
  const dossierForm = (
    suffix: string,
    part: keyof DossierErrors,
    notice: string,
    run: (
      found: { call: Call; dossier: { id: string } },
      actorId: string,
      form: Record<string, string | undefined>,
    ) => Promise<Result<unknown>>,
  ) =>
    definePage({
      method: 'POST',
      url: `${base}/:id/dossiers/:applicationId${suffix}`,
      access: policy.manage,
      params: dossierParams,
      handler: async ({ ctx, params, actor, form }) => {
        const found = await callAndDossier(params);
        if (!found || found.dossier.status === 'draft') return notFound(m.dossierGone().text);
        const done = await run(found, actor.personId, form);
        services.jobs.poke();
        if (done.ok) return redirect(dossierPath(found.call.id, found.dossier.id), notice);
        return dossierView(
          ctx,
          found.call,
          found.dossier.id,
          actor.personId,
          { errors: { [part]: errorsOf(done.error) } },
          done.error.status,
        );
      },
    });

  const exportOf = (format: SheetFormat) =>
    definePage({
      method: 'GET',
      url: `${base}/:id/dossiers.${format}`,
      access: policy.manage,
      params: idParams,
      handler: async ({ params, actor, reply }) => {
        const call = await getCall(db, params.id);
        if (!call) return notFound(m.callGone().text);
        const { rows } = await callDossierTable(db, call.id, actor.personId, {}, 'tous', 'depot');
        return sendSheet(reply, {
          name: `appel-${call.number}-dossiers`,
          format,
          title: `${call.number}e appel`,
          columns: [
            { header: 'Identifiant', value: (r: DossierRow) => r.application.id },
            { header: 'Collectivité', value: (r) => r.organisation?.name },
            { header: 'Région', value: (r) => r.organisation?.regionName },
            { header: 'Porté par', value: (r) => `${r.applicant.firstName} ${r.applicant.lastName}` },
            { header: 'Adresse', value: (r) => r.applicant.email },
            { header: 'Statut', value: (r) => statusLabel(pipeline, r.application.status) },
            { header: 'Déposé le', type: 'datetime', value: (r) => r.application.submittedAt },
            {
              header: 'Coût demandé en euros',
              type: 'number',
              value: (r) => (r.requestedCents === null ? null : r.requestedCents / 100),
            },
            { header: 'Score pondéré sur 5', type: 'number', value: (r) => r.score },
            { header: 'Suivi par', value: (r) => r.followers.join(' ; ') },
            { header: 'Décidé le', type: 'datetime', value: (r) => r.application.decidedAt },
            { header: 'Motivation', value: (r) => r.application.decisionMotivation },
          ],
          rows,
        });
      },
    });

  return [
    definePage({
      method: 'GET',
      url: base,
      access: policy.manage,
      handler: async ({ ctx, notice }) =>
        view(<CallsPage ctx={ctx} rows={await callRows(db)} notice={notice} />),
    }),
    definePage({
      method: 'GET',
      url: `${base}/nouveau`,
      access: policy.manage,
      handler: async ({ ctx }) => view(<CallFormPage ctx={ctx} values={valuesOf({})} />),
    }),
    definePage({
      method: 'POST',
      url: `${base}/nouveau`,
      access: policy.manage,
      handler: async ({ ctx, form, actor }) => {
        const values = valuesOf(form);
        const read = callFromForm(values);
        const created = read.input
          ? await db.transaction((tx) => createCall(tx, read.input, actor.personId))
          : undefined;
        if (created?.ok) return redirect(callPath(created.value.id), notices.created);
        const errors = created
          ? formErrors(created.error.fields ?? { title: created.error.message })
          : read.errors;
        return view(
          <CallFormPage ctx={ctx} values={values} errors={errors} />,
          created ? created.error.status : 400,
        );
      },
    }),
    definePage({
      method: 'GET',
      url: `${base}/:id`,
      access: policy.manage,
      params: idParams,
      query: listQuery,
      handler: async ({ ctx, params, query, actor, notice }) => {
        const call = await getCall(db, params.id);
        if (!call) return notFound(m.callGone().text);
        return dossiersView(ctx, call, actor.personId, query, { notice });
      },
    }),
    // An instructor's saved searches: the list's query, checked as the list reads it, under a name.
    definePage({
      method: 'POST',
      url: `${base}/:id/recherches`,
      access: policy.manage,
      params: idParams,
      handler: async ({ ctx, params, actor, form }) => {
        const call = await getCall(db, params.id);
        if (!call) return notFound(m.callGone().text);
        const read = listQuery.safeParse(Object.fromEntries(new URLSearchParams(form.query ?? '')));
        const query = read.success ? read.data : listQuery.parse({});
        const saved = read.success
          ? await saveSearch(db, call.id, actor.personId, {
              name: form.name,
              query: listUrl(call.id, listView(query)).split('?')[1] ?? '',
            })
          : undefined;
        if (saved?.ok) return redirect(`${callPath(call.id)}?${saved.value.query}`, notices.searchSaved);
        const error = saved ? (saved.error.fields?.name ?? saved.error.message) : m.searchUnreadable().text;
        return dossiersView(ctx, call, actor.personId, query, { searchError: error }, 400);
      },
    }),
    definePage({
      method: 'POST',
      url: `${base}/:id/recherches/:searchId/suppression`,
      access: policy.manage,
      params: idParams.extend({ searchId: uuid }),
      handler: async ({ params, actor }) => {
        const call = await getCall(db, params.id);
        if (!call) return notFound(m.callGone().text);
        const deleted = await deleteSearch(db, params.searchId, actor.personId);
        if (!deleted.ok) return notFound(deleted.error.message);
        return redirect(callPath(call.id), notices.searchDeleted);
      },
    }),
    ...sheetFormats.map(exportOf),
    definePage({
      method: 'GET',
      url: `${base}/:id/modifier`,
      access: policy.manage,
      params: idParams,
      handler: async ({ ctx, params }) => {
        const call = await getCall(db, params.id);
        if (!call) return notFound(m.callGone().text);
        const [grid, form] = await Promise.all([criteriaOf(db, call.id), currentForm(db, call.id)]);
        return view(
          <CallFormPage ctx={ctx} call={call} values={callValues(call, grid, form)} versioned={true} />,
        );
      },
    }),
    definePage({
      method: 'POST',
      url: `${base}/:id/modifier`,
      access: policy.manage,
      params: idParams,
      handler: async ({ ctx, params, form, actor }) => {
        const call = await getCall(db, params.id);
        if (!call) return notFound(m.callGone().text);
        const values = valuesOf(form);
        const read = callFromForm(values);
        const updated = read.input
          ? await db.transaction((tx) => updateCall(tx, call.id, read.input, actor.personId))
          : undefined;
        if (updated?.ok) return redirect(callPath(call.id), notices.updated);
        const errors = updated
          ? formErrors(updated.error.fields ?? { title: updated.error.message })
          : read.errors;
        return view(
          <CallFormPage ctx={ctx} call={call} values={values} errors={errors} versioned={true} />,
          updated ? updated.error.status : 400,
        );
      },
    }),
    definePage({
      method: 'POST',
      url: `${base}/:id/suppression`,
      access: policy.manage,
      params: idParams,
      handler: async ({ ctx, params, actor }) => {
        const call = await getCall(db, params.id);
        if (!call) return notFound(m.callGone().text);
        const deleted = await db.transaction((tx) => deleteCall(tx, call.id, actor.personId));
        if (deleted.ok) return redirect(base, notices.deleted);
        const [grid, form] = await Promise.all([criteriaOf(db, call.id), currentForm(db, call.id)]);
        return view(
          <CallFormPage
            ctx={ctx}
            call={call}
            values={callValues(call, grid, form)}
            errors={{ _: deleted.error.message }}
            versioned={true}
          />,
          deleted.error.status,
        );
      },
    }),
    definePage({
      method: 'GET',
      url: `${base}/:id/dossiers/:applicationId`,
      access: policy.manage,
      params: dossierParams,
      handler: async ({ ctx, params, actor, notice }) => {
        const found = await callAndDossier(params);
        if (!found) return notFound(m.dossierGone().text);
        return dossierView(ctx, found.call, found.dossier.id, actor.personId, { notice });
      },
    }),
    definePage({
      method: 'POST',
      url: `${base}/:id/dossiers/:applicationId/notes`,
      access: policy.manage,
      params: dossierParams,
      handler: async ({ ctx, params, actor, form }) => {
        const found = await callAndDossier(params);
        if (!found) return notFound(m.dossierGone().text);
        const grid = await criteriaOf(db, found.call.id);
        const errors: Record<string, string> = {};
        const scores: Record<string, number> = {};
        for (const c of grid) {
          const typed = (form[`note_${c.id}`] ?? '').trim();
          if (/^[0-5]$/.test(typed)) scores[c.id] = Number(typed);
          else errors[`note-${c.id}`] = m.markExpected({ label: c.label }).text;
        }
        const typed = Object.fromEntries(grid.map((c) => [`note_${c.id}`, form[`note_${c.id}`] ?? '']));
        if (Object.keys(errors).length)
          return dossierView(
            ctx,
            found.call,
            found.dossier.id,
            actor.personId,
            { errors: { marks: errors }, typed },
            400,
          );
        const scored = await db.transaction(async (tx) => {
          const result = await scoreApplication(tx, found.dossier.id, { scores }, actor.personId);
          if (result.ok) await follow(tx, found.dossier.id, actor.personId);
          return result;
        });
        if (scored.ok) return redirect(dossierPath(found.call.id, found.dossier.id), notices.marked);
        return dossierView(
          ctx,
          found.call,
          found.dossier.id,
          actor.personId,
          { errors: { marks: { _: scored.error.message } }, typed },
          scored.error.status,
        );
      },
    }),
    dossierForm('/annotations', 'note', notices.noted, (found, actorId, form) =>
      addNote(db, found.dossier.id, { body: form.body }, actorId),
    ),
    dossierForm('/annotations/suppression', 'note', notices.noteDeleted, (found, actorId, form) =>
      deleteNote(db, found.dossier.id, form.note, actorId),
    ),
    dossierForm('/messages', 'message', notices.messageSent, (found, actorId, form) =>
      db.transaction((tx) =>
        sendMessage(
          tx,
          found.dossier.id,
          { body: form.body, key: form.key },
          { id: actorId, staff: true },
          config.baseUrl,
        ),
      ),
    ),
    // Asking an expert mails them a personal link: the mail is shown first, sent on confirmation.
    definePage({
      method: 'POST',
      url: `${base}/:id/dossiers/:applicationId/experts`,
      access: policy.manage,
      params: dossierParams,
      handler: async ({ ctx, params, actor, form }) => {
        const found = await callAndDossier(params);
        if (!found || found.dossier.status === 'draft') return notFound(m.dossierGone().text);
        const path = dossierPath(found.call.id, found.dossier.id);
        const values = {
          name: form.name ?? '',
          email: form.email ?? '',
          expertise: form.expertise ?? '',
          question: form.question ?? '',
          deadline: form.deadline ?? '',
          confidential: form.confidential === 'oui' ? 'oui' : '',
        };
        const input = { ...values, confidential: values.confidential === 'oui' };
        const refused = (failure: Failure) =>
          dossierView(
            ctx,
            found.call,
            found.dossier.id,
            actor.personId,
            { errors: { expert: errorsOf(failure) }, expertValues: values },
            failure.status,
          );
        if (form.etape === 'confirmer') {
          const asked = await db.transaction((tx) =>
            requestExpertOpinion(tx, found.dossier.id, input, actor.personId, config.baseUrl),
          );
          services.jobs.poke();
          return asked.ok ? redirect(path, notices.expertAsked) : refused(asked.error);
        }
        const preview = await previewExpertRequest(db, found.dossier.id, input);
        if (!preview.ok) return refused(preview.error);
        const town = (await dossierPage(db, found.call.id, found.dossier.id, actor.personId))?.row
          .organisation;
        return view(
          <ExpertPreviewPage
            ctx={ctx}
            call={found.call}
            townName={town?.name ?? '—'}
            action={`${path}/experts`}
            back={path}
            values={values}
            mail={preview.value.mail}
          />,
        );
      },
    }),
    definePage({
      method: 'POST',
      url: `${base}/:id/dossiers/:applicationId/experts/:requestId/retrait`,
      access: policy.manage,
      params: dossierParams.extend({ requestId: uuid }),
      handler: async ({ ctx, params, actor }) => {
        const found = await callAndDossier(params);
        if (!found) return notFound(m.dossierGone().text);
        const cancelled = await cancelExpertRequest(db, found.dossier.id, params.requestId, actor.personId);
        if (cancelled.ok)
          return redirect(dossierPath(found.call.id, found.dossier.id), notices.expertWithdrawn);
        return dossierView(
          ctx,
          found.call,
          found.dossier.id,
          actor.personId,
          { errors: { expert: errorsOf(cancelled.error) } },
          cancelled.error.status,
        );
      },
    }),
    definePage({
      method: 'POST',
      url: `${base}/:id/dossiers/:applicationId/suivi`,
      access: policy.manage,
      params: dossierParams,
      handler: async ({ params, actor, form }) => {
        const found = await callAndDossier(params);
        if (!found || found.dossier.status === 'draft') return notFound(m.dossierGone().text);
        const following = form.suivre !== 'non';
        if (following) await follow(db, found.dossier.id, actor.personId);
        else await unfollow(db, found.dossier.id, actor.personId);
        return redirect(
          dossierPath(found.call.id, found.dossier.id),
          following ? notices.followed : notices.unfollowed,
        );
      },
    }),
    definePage({
      method: 'POST',
      url: `${base}/:id/dossiers/:applicationId/decision`,
      access: policy.manage,
      params: dossierParams,
      handler: async ({ ctx, params, actor, form }) => {
        const found = await callAndDossier(params);
        if (!found || found.dossier.status === 'draft') return notFound(m.dossierGone().text);
        const path = dossierPath(found.call.id, found.dossier.id);
        return previewOrConfirm({
          ctx,
          call: found.call,
          ids: [found.dossier.id],
          form,
          actorId: actor.personId,
          action: `${path}/decision`,
          back: path,
          done: path,
          invalid: (errors) =>
            dossierView(
              ctx,
              found.call,
              found.dossier.id,
              actor.personId,
              { errors: { decision: errors } },
              400,
            ),
        });
      },
    }),
    definePage({
      method: 'GET',
      url: `${base}/:id/comite`,
      access: policy.manage,
      params: idParams,
      handler: async ({ ctx, params, actor, notice }) => {
        const call = await getCall(db, params.id);
        if (!call) return notFound(m.callGone().text);
        const list = await committeeList(db, call, actor.personId);
        return view(<CommitteePage ctx={ctx} call={call} {...list} notice={notice} />);
      },
    }),
    definePage({
      method: 'POST',
      url: `${base}/:id/comite`,
      access: policy.manage,
      params: idParams,
      handler: async ({ ctx, params, actor, form }) => {
        const call = await getCall(db, params.id);
        if (!call) return notFound(m.callGone().text);
        const path = `${callPath(call.id)}/comite`;
        // Only this call's dossiers: an id of another call's is dropped, not decided.
        const own = new Set(
          (await callDossierTable(db, call.id, actor.personId, {}, 'tous', 'depot')).rows.map(
            (r) => r.application.id,
          ),
        );
        return previewOrConfirm({
          ctx,
          call,
          ids: selectedIds(form).filter((id) => own.has(id)),
          form,
          actorId: actor.personId,
          action: path,
          back: path,
          done: path,
          invalid: async (errors) =>
            view(
              <CommitteePage
                ctx={ctx}
                call={call}
                {...(await committeeList(db, call, actor.personId))}
                errors={errors}
              />,
              400,
            ),
        });
      },
    }),
  ];
}
