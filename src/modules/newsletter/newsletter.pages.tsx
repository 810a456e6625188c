// The pages of « La Lettre »: its public archives and an issue's web version (a draft for staff only); staff's
// list, form, publication and deletion.
import { z } from 'zod';
import type { Actor } from '../../platform/http/actor.ts';
import { definePage, message, notFound, redirect, view } from '../../platform/http/pages.tsx';
import { fail } from '../../platform/result.ts';
import type { Services } from '../../platform/services.ts';
import { uuid } from '../../platform/validation.ts';
import type { PageContext } from '../../platform/views/layout.tsx';
import { agendaOf } from './agenda.ts';
import { formatContent, parseContent } from './document.ts';
import { issuesFeed } from './feed.ts';
import { generatedParts } from './generated.ts';
import { addImage, deleteImage, imageContent, imagesOf } from './images.ts';
import {
  createIssue,
  deleteIssue,
  getIssue,
  type IssueDocument,
  listIssues,
  setPublished,
  updateIssue,
} from './issues.ts';
import { letterPdf } from './letter-pdf.ts';
import { newsletterMessages as m, newsletterNotices as notices } from './newsletter.messages.ts';
import { readReservePeriods, reserveWarning } from './reserve.ts';
import {
  failuresOf,
  previewSend,
  progressOf,
  segmentChoices,
  sendsOf,
  startSend,
  testSend,
} from './sending.ts';
import { ImagesPart } from './views/images.tsx';
import { ArchivePage, IssuePage } from './views/issue.tsx';
import { SendingPart, SendPreviewPage } from './views/sending.tsx';
import { IssueFormPage, IssueStaffPage, IssuesPage, type IssueValues, staffBase } from './views/staff.tsx';

const idParams = z.object({ id: uuid });
const manage = (actor: Actor | null) => Boolean(actor?.staff);

const valuesOf = (form: Record<string, string | undefined>): IssueValues => ({
  title: form.title ?? '',
  periodStart: form.periodStart ?? '',
  periodEnd: form.periodEnd ?? '',
  editorial: form.editorial ?? '',
  editorialAuthor: form.editorialAuthor ?? '',
  content: form.content ?? '',
});

const valuesOfIssue = ({ issue, sections }: IssueDocument): IssueValues => ({
  title: issue.title,
  periodStart: issue.periodStart,
  periodEnd: issue.periodEnd,
  editorial: issue.editorial ?? '',
  editorialAuthor: issue.editorialAuthor ?? '',
  content: formatContent(sections),
});

/** The domain's input from the form: the content read from its text box, or why it cannot be. */
function inputOf(values: IssueValues) {
  const content = parseContent(values.content);
  if ('error' in content) return { errors: { content: content.error } };
  return {
    input: {
      title: values.title,
      periodStart: values.periodStart,
      periodEnd: values.periodEnd,
      editorial: values.editorial,
      editorialAuthor: values.editorialAuthor,
      sections: content.sections,
    },
  };
}

/** A domain's field errors as the form's fields (a section's or item's go to the text box). */
const formErrors = (fields: Record<string, string> | undefined, message: string) => {
  const errors: Record<string, string> = {};
  for (const [field, text] of Object.entries(fields ?? {}))
    errors[field.startsWith('sections.') ? 'content' : field] ??= text;
  return Object.keys(errors).length ? errors : { _: message };
};

export function newsletterPages(services: Services) {
  const { db, config } = services;
  const reservePeriods = readReservePeriods(config.ELECTORAL_RESERVE);

  const staffView = async (
    ctx: PageContext,
    id: string,
    extra: { notice?: string; error?: string; imageError?: string } = {},
    status = 200,
  ) => {
    const document = await getIssue(db, id);
    if (!document) return notFound(m.notFound().text);
    const { issue, sections } = document;
    const [months, segments, progress, sends, failures, reserve, images] = await Promise.all([
      agendaOf(db, { start: issue.periodStart, end: issue.periodEnd }),
      segmentChoices(db),
      progressOf(db, id),
      sendsOf(db, id),
      failuresOf(db, id),
      reserveWarning(db, document, reservePeriods),
      imagesOf(db, id),
    ]);
    const { imageError, ...messages } = extra;
    return view(
      <IssueStaffPage
        ctx={ctx}
        issue={issue}
        sections={sections.length}
        items={sections.reduce((n, s) => n + s.items.length, 0)}
        events={months.reduce((n, month) => n + month.days.reduce((k, d) => k + d.lines.length, 0), 0)}
        {...messages}
      >
        <ImagesPart ctx={ctx} issueId={issue.id} images={images} error={imageError} />
        <SendingPart
          ctx={ctx}
          issue={issue}
          segments={segments}
          progress={progress}
          sends={sends}
          failures={failures}
          reserve={reserve}
        />
      </IssueStaffPage>,
      status,
    );
  };

  return [
    definePage({
      method: 'GET',
      url: '/lettre',
      access: 'public',
      handler: async ({ ctx }) =>
        view(<ArchivePage ctx={ctx} issues={await listIssues(db, { drafts: false })} />),
    }),
    definePage({
      method: 'GET',
      url: '/lettre/flux.atom',
      access: 'public',
      handler: async ({ reply }) =>
        reply
          .type('application/atom+xml; charset=utf-8')
          .send(issuesFeed(await listIssues(db, { drafts: false }), config.baseUrl)),
    }),
    definePage({
      method: 'GET',
      url: '/lettre/images/:id',
      access: 'public',
      params: idParams,
      handler: async ({ params, reply }) => {
        const image = await imageContent(db, params.id);
        if (!image) return notFound(m.imageGone().text);
        // An image never changes under its id: kept a year by browsers, proxies and mail clients' caches.
        return reply
          .type(image.mediaType)
          .header('cache-control', 'public, max-age=31536000, immutable')
          .header('x-content-type-options', 'nosniff')
          .send(image.content);
      },
    }),
    definePage({
      method: 'POST',
      url: `${staffBase}/:id/images`,
      access: manage,
      params: idParams,
      handler: async ({ ctx, params, request, actor }) => {
        if (!(await getIssue(db, params.id))) return notFound(m.notFound().text);
        const fields = (request.body ?? {}) as Record<string, unknown>;
        const content = fields.file;
        const added = Buffer.isBuffer(content)
          ? await db.transaction((tx) =>
              addImage(
                tx,
                params.id,
                { fileName: typeof fields.fileName === 'string' ? fields.fileName : 'image', content },
                actor.personId,
              ),
            )
          : fail(400, 'invalid_file', m.imageMissing());
        if (added.ok) return redirect(`${staffBase}/${params.id}#images`, notices.imageAdded);
        return staffView(ctx, params.id, { imageError: added.error.message }, added.error.status);
      },
    }),
    definePage({
      method: 'POST',
      url: `${staffBase}/:id/images/:imageId/suppression`,
      access: manage,
      params: z.object({ id: uuid, imageId: uuid }),
      handler: async ({ ctx, params }) => {
        const deleted = await db.transaction((tx) => deleteImage(tx, params.id, params.imageId));
        if (deleted.ok) return redirect(`${staffBase}/${params.id}#images`, notices.imageDeleted);
        if (deleted.error.status === 404) return notFound(deleted.error.message);
        return staffView(ctx, params.id, { imageError: deleted.error.message }, deleted.error.status);
      },
    }),
    definePage({
      method: 'GET',
      url: '/lettre/:id.pdf',
      access: 'public',
      params: idParams,
      handler: async ({ actor, params, reply }) => {
        const document = await getIssue(db, params.id);
        if (!document || (!document.issue.publishedAt && !manage(actor))) return notFound(m.notFound().text);
        const parts = await generatedParts(db, document, config.baseUrl);
        const images = new Map<string, Buffer>();
        for (const id of document.sections.flatMap((s) =>
          s.items.flatMap((i) => (i.imageId ? [i.imageId] : [])),
        ))
          images.set(id, (await imageContent(db, id))!.content);
        return reply
          .type('application/pdf')
          .header('content-disposition', `inline; filename="lettre-${document.issue.periodStart}.pdf"`)
          .send(await letterPdf({ document, ...parts, images, baseUrl: config.baseUrl }));
      },
    }),
    definePage({
      method: 'GET',
      url: '/lettre/:id',
      access: 'public',
      params: idParams,
      handler: async ({ ctx, actor, params }) => {
        const document = await getIssue(db, params.id);
        // A draft is staff's: for anyone else it does not exist yet.
        if (!document || (!document.issue.publishedAt && !manage(actor))) return notFound(m.notFound().text);
        const parts = await generatedParts(db, document, config.baseUrl);
        return view(
          <IssuePage ctx={ctx} document={document} {...parts} draft={!document.issue.publishedAt} />,
        );
      },
    }),
    definePage({
      method: 'GET',
      url: staffBase,
      access: manage,
      handler: async ({ ctx, notice }) =>
        view(<IssuesPage ctx={ctx} issues={await listIssues(db, { drafts: true })} notice={notice} />),
    }),
    definePage({
      method: 'GET',
      url: `${staffBase}/nouvelle`,
      access: manage,
      handler: async ({ ctx }) => view(<IssueFormPage ctx={ctx} values={valuesOf({})} />),
    }),
    definePage({
      method: 'POST',
      url: `${staffBase}/nouvelle`,
      access: manage,
      handler: async ({ ctx, form, actor }) => {
        const values = valuesOf(form);
        const read = inputOf(values);
        if (!read.input) return view(<IssueFormPage ctx={ctx} values={values} errors={read.errors} />, 400);
        const created = await db.transaction((tx) => createIssue(tx, read.input, actor.personId));
        if (created.ok) return redirect(`${staffBase}/${created.value.issue.id}`, notices.created);
        return view(
          <IssueFormPage
            ctx={ctx}
            values={values}
            errors={formErrors(created.error.fields, created.error.message)}
          />,
          created.error.status,
        );
      },
    }),
    definePage({
      method: 'GET',
      url: `${staffBase}/:id`,
      access: manage,
      params: idParams,
      handler: async ({ ctx, params, notice }) => staffView(ctx, params.id, notice ? { notice } : {}),
    }),
    definePage({
      method: 'GET',
      url: `${staffBase}/:id/modifier`,
      access: manage,
      params: idParams,
      handler: async ({ ctx, params }) => {
        const document = await getIssue(db, params.id);
        if (!document) return notFound(m.notFound().text);
        return view(<IssueFormPage ctx={ctx} issue={document.issue} values={valuesOfIssue(document)} />);
      },
    }),
    definePage({
      method: 'POST',
      url: `${staffBase}/:id/modifier`,
      access: manage,
      params: idParams,
      handler: async ({ ctx, params, form, actor }) => {
        const document = await getIssue(db, params.id);
        if (!document) return notFound(m.notFound().text);
        const values = valuesOf(form);
        const read = inputOf(values);
        if (!read.input)
          return view(
            <IssueFormPage ctx={ctx} issue={document.issue} values={values} errors={read.errors} />,
            400,
          );
        const updated = await db.transaction((tx) => updateIssue(tx, params.id, read.input, actor.personId));
        if (updated.ok) return redirect(`${staffBase}/${params.id}`, notices.updated);
        return view(
          <IssueFormPage
            ctx={ctx}
            issue={document.issue}
            values={values}
            errors={formErrors(updated.error.fields, updated.error.message)}
          />,
          updated.error.status,
        );
      },
    }),
    definePage({
      method: 'POST',
      url: `${staffBase}/:id/publication`,
      access: manage,
      params: idParams,
      handler: async ({ params, form, actor }) => {
        if (form.publier !== 'oui' && form.publier !== 'non')
          return message(400, 'Demande refusée', m.publishChoice().text);
        const publish = form.publier === 'oui';
        const done = await db.transaction((tx) => setPublished(tx, params.id, publish, actor.personId));
        if (!done.ok) return notFound(done.error.message);
        return redirect(`${staffBase}/${params.id}`, publish ? notices.published : notices.unpublished);
      },
    }),
    definePage({
      method: 'GET',
      url: `${staffBase}/:id/envoi`,
      access: manage,
      params: idParams,
      query: z.object({ segment: z.string().max(100).catch('') }),
      handler: async ({ ctx, params, query }) => {
        const document = await getIssue(db, params.id);
        if (!document) return notFound(m.notFound().text);
        const segment = (await segmentChoices(db)).find((s) => s.value === query.segment);
        if (!segment) return staffView(ctx, params.id, { error: m.segmentUnknown().text }, 400);
        const preview = await previewSend(db, params.id, segment.value);
        if (!preview.ok)
          return staffView(ctx, params.id, { error: preview.error.message }, preview.error.status);
        return view(
          <SendPreviewPage
            ctx={ctx}
            issue={document.issue}
            segment={segment}
            preview={preview.value}
            reserve={await reserveWarning(db, document, reservePeriods)}
          />,
        );
      },
    }),
    definePage({
      method: 'POST',
      url: `${staffBase}/:id/envoi`,
      access: manage,
      params: idParams,
      handler: async ({ ctx, params, form, actor }) => {
        const sent = await db.transaction((tx) =>
          startSend(tx, params.id, form.segment ?? '', actor.personId, config.baseUrl),
        );
        if (sent.ok) {
          services.jobs.poke();
          return redirect(
            `${staffBase}/${params.id}`,
            sent.value.recipients ? notices.sending : notices.nobodyNew,
          );
        }
        if (sent.error.status === 404) return notFound(sent.error.message);
        return staffView(
          ctx,
          params.id,
          { error: sent.error.fields?.segment ?? sent.error.message },
          sent.error.status,
        );
      },
    }),
    definePage({
      method: 'GET',
      url: `${staffBase}/:id/progression`,
      access: manage,
      params: idParams,
      // The figures of the sending for the page's script (public/progress.js); never kept by a cache.
      handler: async ({ params, reply }) => {
        if (!(await getIssue(db, params.id))) return notFound(m.notFound().text);
        return reply.header('cache-control', 'no-store').send(await progressOf(db, params.id));
      },
    }),
    definePage({
      method: 'POST',
      url: `${staffBase}/:id/essai`,
      access: manage,
      params: idParams,
      handler: async ({ ctx, params, actor }) => {
        const tested = await db.transaction((tx) => testSend(tx, params.id, actor.personId, config.baseUrl));
        if (tested.ok) {
          services.jobs.poke();
          return redirect(`${staffBase}/${params.id}`, notices.testSent);
        }
        if (tested.error.status === 404) return notFound(tested.error.message);
        return staffView(ctx, params.id, { error: tested.error.message }, tested.error.status);
      },
    }),
    definePage({
      method: 'POST',
      url: `${staffBase}/:id/suppression`,
      access: manage,
      params: idParams,
      handler: async ({ ctx, params, actor }) => {
        const deleted = await db.transaction((tx) => deleteIssue(tx, params.id, actor.personId));
        if (deleted.ok) return redirect(staffBase, notices.deleted);
        if (deleted.error.status === 404) return notFound(deleted.error.message);
        return staffView(ctx, params.id, { error: deleted.error.message }, deleted.error.status);
      },
    }),
  ];
}
