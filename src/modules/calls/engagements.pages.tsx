// The pages of support engagements (« accompagnements »): for staff, a call's engagements and their export,
// every call's by status, and one accepted dossier's engagement created, changed, deleted, with its status,
// milestones, documents and capitalisation; for the town (its élus, officers, referent) and staff, the
// engagement to read and its documents to download. Nothing of the instruction (marks, annotations) here.
import { z } from 'zod';
import {
  definePage,
  message,
  notFound,
  type PageOutcome,
  redirect,
  view,
} from '../../platform/http/pages.tsx';
import { type SheetFormat, sendSheet, sheetFormats } from '../../platform/http/send-sheet.ts';
import { type Failure, fail, type Result } from '../../platform/result.ts';
import type { Services } from '../../platform/services.ts';
import { parisDate } from '../../platform/time.ts';
import { optional, uuid } from '../../platform/validation.ts';
import type { PageContext } from '../../platform/views/layout.tsx';
import { type Application, getApplication } from '../applications/applications.ts';
import { getOrganisation } from '../organisations/organisations.ts';
import { callName } from './applicant-queries.ts';
import { callsPipeline as pipeline } from './calls.pipeline.ts';
import { callsPolicy as policy } from './calls.policy.ts';
import { engagementStatuses } from './calls.schema.ts';
import { type Call, getCall } from './calls.ts';
import {
  acceptedWithoutEngagement,
  type EngagementRow,
  engagementPage,
  engagementRows,
  staffEngagementHref,
} from './engagement-queries.ts';
import { engagementsMessages as m, engagementsNotices as notices } from './engagements.messages.ts';
import {
  addEngagementDocument,
  addMilestone,
  changeEngagementStatus,
  createEngagement,
  deleteEngagement,
  deleteEngagementDocument,
  deleteMilestone,
  documentsOf,
  type Engagement,
  engagementOfDossier,
  engagementStatusLabels,
  getEngagementDocument,
  markMilestoneDone,
  milestonesOf,
  setCapitalisation,
  updateEngagement,
  updateMilestone,
} from './engagements.ts';
import {
  AllEngagementsPage,
  allEngagementsPath,
  CallEngagementsPage,
  callEngagementsPath,
  type EngagementForms,
  EngagementStaffPage,
  type EngagementValues,
  type MilestoneValues,
  TownEngagementPage,
} from './views/engagements.tsx';

const callParams = z.object({ id: uuid });
const dossierParams = z.object({ id: uuid, applicationId: uuid });
const milestoneParams = dossierParams.extend({ milestoneId: uuid });
const documentParams = dossierParams.extend({ documentId: uuid });
const townParams = z.object({ engagementId: uuid });
const townDocumentParams = townParams.extend({ documentId: uuid });
const statusQuery = z.object({ statut: optional(z.enum(engagementStatuses)) });

type Form = Record<string, string | undefined>;

/**
 * A refusal's sentences under the form's fields (the domain's field names → the form's ids); a sentence
 * about no field of the form stays at the top.
 */
function errorsOf(failure: Failure, ids: Record<string, string>): Record<string, string> {
  const errors: Record<string, string> = {};
  for (const [field, text] of Object.entries(failure.fields ?? {})) {
    const id = ids[field];
    if (id) errors[id] ??= text;
    else errors._ ??= text;
  }
  if (Object.keys(errors).length === 0) errors._ = failure.message;
  return errors;
}

const engagementIds = {
  lead: 'responsable',
  startsOn: 'debut',
  endsOn: 'fin',
  status: 'statut',
  objective: 'objectif',
};
const milestoneIds = (prefix: string) => ({
  label: `${prefix}-libelle`,
  dueOn: `${prefix}-echeance`,
  doneOn: `${prefix}-fait`,
});

const engagementValuesOf = (form: Form): EngagementValues => ({
  responsable: form.responsable ?? '',
  debut: form.debut ?? '',
  fin: form.fin ?? '',
  statut: form.statut ?? '',
  objectif: form.objectif ?? '',
});
const engagementInputOf = (v: EngagementValues) => ({
  lead: v.responsable,
  startsOn: v.debut,
  endsOn: v.fin,
  status: v.statut,
  objective: v.objectif,
});

/** A box ticked: the browser sends its value; an unticked box sends nothing. */
const ticked = (value: string | undefined) => value !== undefined && value !== '';

const milestoneValuesOf = (form: Form): MilestoneValues => ({
  libelle: form.libelle ?? '',
  echeance: form.echeance ?? '',
  livrable: ticked(form.livrable),
  fait_le: form.fait_le ?? '',
});
const milestoneInputOf = (v: MilestoneValues) => ({
  label: v.libelle,
  dueOn: v.echeance,
  deliverable: v.livrable,
  doneOn: v.fait_le,
});

export function engagementPages(services: Services) {
  const { db } = services;

  /** The call, its dossier named by the address (another call's is not found), its town and engagement. */
  async function dossierOf(params: { id: string; applicationId: string }) {
    const [call, dossier] = await Promise.all([
      getCall(db, params.id),
      getApplication(db, pipeline, params.applicationId),
    ]);
    if (!call || dossier?.ownerId !== call.id || dossier.status === 'draft') return undefined;
    const [organisation, engagement] = await Promise.all([
      dossier.organisationId ? getOrganisation(db, dossier.organisationId) : undefined,
      engagementOfDossier(db, dossier.id),
    ]);
    return { call, dossier, organisationName: organisation?.name ?? '—', engagement };
  }
  type Found = NonNullable<Awaited<ReturnType<typeof dossierOf>>>;

  const staffView = async (
    ctx: PageContext,
    found: { call: Call; dossier: Application; organisationName: string; engagement: Engagement | undefined },
    extra: { forms?: EngagementForms; notice?: string | undefined } = {},
    status = 200,
  ): Promise<PageOutcome> => {
    const { engagement } = found;
    const [milestones, documents] = engagement
      ? await Promise.all([milestonesOf(db, engagement.id), documentsOf(db, engagement.id)])
      : [[], []];
    return view(
      <EngagementStaffPage
        ctx={ctx}
        call={found.call}
        applicationId={found.dossier.id}
        organisationName={found.organisationName}
        engagement={engagement}
        milestones={milestones}
        documents={documents}
        today={parisDate()}
        {...extra}
      />,
      status,
    );
  };

  /**
   * A form about an existing engagement: the dossier and its engagement found (else 404), the write done, then
   * the engagement's page at `anchor` with its notice, or the page again with the refusal under its form.
   */
  const engagementForm = <P extends z.infer<typeof dossierParams>>(
    url: string,
    params: z.ZodType<P>,
    write: (input: {
      found: Found & { engagement: Engagement };
      params: P;
      form: Form;
      actorId: string;
    }) => Promise<{ result: Result<unknown>; forms: (failure: Failure) => EngagementForms }>,
    done: { notice: string; anchor: string },
  ) =>
    definePage({
      method: 'POST',
      url: `/gestion/appels/:id/dossiers/:applicationId/accompagnement${url}`,
      access: policy.manage,
      params,
      handler: async ({ ctx, params, form, actor }) => {
        const found = await dossierOf(params);
        if (!found) return notFound(m.dossierGone().text);
        const { engagement } = found;
        if (!engagement) return notFound(m.noEngagement().text);
        const { result, forms } = await write({
          found: { ...found, engagement },
          params,
          form,
          actorId: actor.personId,
        });
        const path = staffEngagementHref(found.call.id, found.dossier.id);
        if (result.ok) return redirect(`${path}${done.anchor}`, done.notice);
        if (result.error.code === 'not_found') return notFound(result.error.message);
        return staffView(ctx, found, { forms: forms(result.error) }, result.error.status);
      },
    });

  const exportOf = (format: SheetFormat) =>
    definePage({
      method: 'GET',
      url: `/gestion/appels/:id/accompagnements.${format}`,
      access: policy.manage,
      params: callParams,
      handler: async ({ params, reply }) => {
        const call = await getCall(db, params.id);
        if (!call) return notFound(m.dossierGone().text);
        const rows = await engagementRows(db, { callId: call.id });
        return sendSheet(reply, {
          name: `appel-${call.number}-accompagnements`,
          format,
          title: `${call.number}e appel`,
          columns: [
            { header: 'Collectivité', value: (r: EngagementRow) => r.organisationName },
            { header: 'Appel', value: (r) => callName(r.call) },
            { header: 'Mené par', value: (r) => r.engagement.lead },
            { header: 'Début', type: 'date', value: (r) => r.engagement.startsOn },
            { header: 'Fin', type: 'date', value: (r) => r.engagement.endsOn },
            { header: 'Statut', value: (r) => engagementStatusLabels[r.engagement.status] },
            { header: 'Objectif', value: (r) => r.engagement.objective },
            { header: 'Jalons faits', type: 'number', value: (r) => r.done },
            { header: 'Jalons', type: 'number', value: (r) => r.total },
            { header: 'Jalons en retard', type: 'number', value: (r) => r.late },
            { header: 'Capitalisation', value: (r) => (r.capitalised ? 'oui' : 'non') },
          ],
          rows,
        });
      },
    });

  return [
    definePage({
      method: 'GET',
      url: allEngagementsPath,
      access: policy.manage,
      query: statusQuery,
      handler: async ({ ctx, query }) =>
        view(
          <AllEngagementsPage
            ctx={ctx}
            rows={await engagementRows(db, { status: query.statut })}
            status={query.statut}
          />,
        ),
    }),
    definePage({
      method: 'GET',
      url: '/gestion/appels/:id/accompagnements',
      access: policy.manage,
      params: callParams,
      handler: async ({ ctx, params, notice }) => {
        const call = await getCall(db, params.id);
        if (!call) return notFound('Cet appel n’existe pas ou a été supprimé.');
        const [rows, waiting] = await Promise.all([
          engagementRows(db, { callId: call.id }),
          acceptedWithoutEngagement(db, call.id),
        ]);
        return view(
          <CallEngagementsPage ctx={ctx} call={call} rows={rows} waiting={waiting} notice={notice} />,
        );
      },
    }),
    ...sheetFormats.map(exportOf),
    definePage({
      method: 'GET',
      url: '/gestion/appels/:id/dossiers/:applicationId/accompagnement',
      access: policy.manage,
      params: dossierParams,
      handler: async ({ ctx, params, notice }) => {
        const found = await dossierOf(params);
        if (!found) return notFound(m.dossierGone().text);
        if (!found.engagement && found.dossier.status !== 'accepted')
          return message(409, 'Pas d’accompagnement', m.notAccepted().text);
        return staffView(ctx, found, { notice });
      },
    }),
    definePage({
      method: 'POST',
      url: '/gestion/appels/:id/dossiers/:applicationId/accompagnement',
      access: policy.manage,
      params: dossierParams,
      handler: async ({ ctx, params, form, actor }) => {
        const found = await dossierOf(params);
        if (!found) return notFound(m.dossierGone().text);
        const values = engagementValuesOf(form);
        const input = engagementInputOf(values);
        const existing = found.engagement;
        const saved = await db.transaction((tx) =>
          existing
            ? updateEngagement(tx, existing.id, input, actor.personId)
            : createEngagement(tx, found.dossier.id, input, actor.personId),
        );
        const path = staffEngagementHref(found.call.id, found.dossier.id);
        if (saved.ok)
          return redirect(existing ? path : `${path}#jalons`, existing ? notices.updated : notices.created);
        return staffView(
          ctx,
          found,
          { forms: { engagement: { values, errors: errorsOf(saved.error, engagementIds) } } },
          saved.error.status,
        );
      },
    }),
    engagementForm(
      '/statut',
      dossierParams,
      async ({ found, form, actorId }) => ({
        result: await db.transaction((tx) =>
          changeEngagementStatus(tx, found.engagement.id, { status: form.statut ?? '' }, actorId),
        ),
        forms: (failure) => ({
          status: {
            values: { statut: form.statut ?? '' },
            errors: errorsOf(failure, { status: 'statut-seul' }),
          },
        }),
      }),
      { notice: notices.statusChanged, anchor: '' },
    ),
    definePage({
      method: 'POST',
      url: '/gestion/appels/:id/dossiers/:applicationId/accompagnement/suppression',
      access: policy.manage,
      params: dossierParams,
      handler: async ({ ctx, params, actor }) => {
        const found = await dossierOf(params);
        if (!found) return notFound(m.dossierGone().text);
        const { engagement } = found;
        if (!engagement) return notFound(m.noEngagement().text);
        const deleted = await db.transaction((tx) => deleteEngagement(tx, engagement.id, actor.personId));
        if (deleted.ok) return redirect(callEngagementsPath(found.call.id), notices.deleted);
        return staffView(
          ctx,
          found,
          { forms: { deletion: { errors: { _: deleted.error.message } } } },
          deleted.error.status,
        );
      },
    }),
    engagementForm(
      '/capitalisation',
      dossierParams,
      async ({ found, form, actorId }) => ({
        result: await db.transaction((tx) =>
          setCapitalisation(tx, found.engagement.id, { capitalisation: form.texte ?? '' }, actorId),
        ),
        forms: (failure) => ({
          capitalisation: {
            values: { texte: form.texte ?? '' },
            errors: errorsOf(failure, { capitalisation: 'capitalisation-texte' }),
          },
        }),
      }),
      { notice: notices.capitalisationSaved, anchor: '#capitalisation' },
    ),
    engagementForm(
      '/jalons',
      dossierParams,
      async ({ found, form, actorId }) => {
        const values = milestoneValuesOf(form);
        const { doneOn: _, ...input } = milestoneInputOf(values);
        return {
          result: await db.transaction((tx) => addMilestone(tx, found.engagement.id, input, actorId)),
          forms: (failure) => ({ milestone: { values, errors: errorsOf(failure, milestoneIds('jalon')) } }),
        };
      },
      { notice: notices.milestoneAdded, anchor: '#jalons' },
    ),
    engagementForm(
      '/jalons/:milestoneId',
      milestoneParams,
      async ({ found, params, form, actorId }) => {
        const values = milestoneValuesOf(form);
        return {
          result: await db.transaction((tx) =>
            updateMilestone(tx, found.engagement.id, params.milestoneId, milestoneInputOf(values), actorId),
          ),
          forms: (failure) => ({
            milestoneEdit: {
              id: params.milestoneId,
              values,
              errors: errorsOf(failure, milestoneIds(`jalon-${params.milestoneId}`)),
            },
          }),
        };
      },
      { notice: notices.milestoneUpdated, anchor: '#jalons' },
    ),
    engagementForm(
      '/jalons/:milestoneId/fait',
      milestoneParams,
      async ({ found, params, form, actorId }) => ({
        result: await db.transaction((tx) =>
          markMilestoneDone(
            tx,
            found.engagement.id,
            params.milestoneId,
            { doneOn: form.fait_le ?? '' },
            actorId,
          ),
        ),
        forms: (failure) => ({
          done: {
            id: params.milestoneId,
            values: { fait_le: form.fait_le ?? '' },
            errors: errorsOf(failure, { doneOn: `fait-${params.milestoneId}` }),
          },
        }),
      }),
      { notice: notices.milestoneDone, anchor: '#jalons' },
    ),
    engagementForm(
      '/jalons/:milestoneId/suppression',
      milestoneParams,
      async ({ found, params, actorId }) => ({
        result: await db.transaction((tx) =>
          deleteMilestone(tx, found.engagement.id, params.milestoneId, actorId),
        ),
        forms: () => ({}),
      }),
      { notice: notices.milestoneDeleted, anchor: '#jalons' },
    ),
    definePage({
      method: 'POST',
      url: '/gestion/appels/:id/dossiers/:applicationId/accompagnement/documents',
      access: policy.manage,
      params: dossierParams,
      handler: async ({ ctx, params, request, actor }) => {
        const found = await dossierOf(params);
        if (!found) return notFound(m.dossierGone().text);
        const { engagement } = found;
        if (!engagement) return notFound(m.noEngagement().text);
        // The multipart parser puts the file's content and name next to the fields.
        const fields = (request.body ?? {}) as Record<string, unknown>;
        const textOf = (v: unknown): string =>
          typeof v === 'string' ? v : Array.isArray(v) ? textOf(v.at(-1)) : '';
        const values = { titre: textOf(fields.titre), capitalisation: ticked(textOf(fields.capitalisation)) };
        const content = fields.file;
        const added =
          Buffer.isBuffer(content) && content.length > 0
            ? await db.transaction((tx) =>
                addEngagementDocument(
                  tx,
                  engagement.id,
                  { title: values.titre, capitalisation: values.capitalisation },
                  { fileName: textOf(fields.fileName) || 'document', content },
                  actor.personId,
                ),
              )
            : fail(400, 'invalid_file', m.chooseFile(), { file: m.chooseFile().text });
        const path = staffEngagementHref(found.call.id, found.dossier.id);
        if (added.ok) return redirect(`${path}#documents`, notices.documentAdded);
        return staffView(
          ctx,
          found,
          {
            forms: {
              document: {
                values,
                errors: errorsOf(added.error, { title: 'document-titre', file: 'document-fichier' }),
              },
            },
          },
          added.error.status,
        );
      },
    }),
    engagementForm(
      '/documents/:documentId/suppression',
      documentParams,
      async ({ found, params, actorId }) => ({
        result: await db.transaction((tx) =>
          deleteEngagementDocument(tx, found.engagement.id, params.documentId, actorId),
        ),
        forms: () => ({}),
      }),
      { notice: notices.documentDeleted, anchor: '#documents' },
    ),
    definePage({
      method: 'GET',
      url: '/mon-espace/accompagnements/:engagementId',
      access: 'signedIn',
      params: townParams,
      handler: async ({ ctx, params, actor }) => {
        const page = await engagementPage(db, params.engagementId);
        // Another town's engagement is not found: its existence is not told.
        if (!page || !policy.actFor(actor, page.dossier.organisationId))
          return notFound(m.engagementGone().text);
        return view(
          <TownEngagementPage
            ctx={ctx}
            call={page.call}
            applicationId={page.dossier.id}
            organisationName={page.organisationName}
            engagement={page.engagement}
            milestones={page.milestones}
            documents={page.documents}
            today={parisDate()}
          />,
        );
      },
    }),
    definePage({
      method: 'GET',
      url: '/mon-espace/accompagnements/:engagementId/documents/:documentId',
      access: 'signedIn',
      params: townDocumentParams,
      handler: async ({ params, actor, reply }) => {
        const page = await engagementPage(db, params.engagementId);
        if (!page || !policy.actFor(actor, page.dossier.organisationId))
          return notFound(m.documentGone().text);
        const document = await getEngagementDocument(db, page.engagement.id, params.documentId);
        if (!document) return notFound(m.documentGone().text);
        return reply
          .type(document.mimeType)
          .header('content-disposition', `attachment; filename="${encodeURIComponent(document.fileName)}"`)
          .header('x-content-type-options', 'nosniff')
          .header('cache-control', 'private, no-store')
          .send(document.content);
      },
    }),
  ];
}
