// An event's minutes and documents: staff adds them (PDF and office files, checked by their content), the
// event's audience downloads them (eventsPolicy.seeDocuments).
import { definePage, message, redirect } from '../../platform/http/pages.tsx';
import type { Services } from '../../platform/services.ts';
import { eventNotFound } from './agenda.pages.tsx';
import { addDocument, getDocument } from './documents.ts';
import { documentFromForm, documentParams, idParams } from './events.forms.ts';
import { eventsMessages as m, eventsNotices as notices } from './events.messages.ts';
import { eventsPolicy as policy } from './events.policy.ts';
import { visibleEvent } from './events.queries.ts';
import { manageView } from './staff-events.pages.tsx';

export function documentPages({ db }: Services) {
  return [
    definePage({
      method: 'POST',
      url: '/gestion/evenements/:id/documents',
      access: policy.manage,
      params: idParams,
      handler: async ({ actor, params, request, ctx }) => {
        const { values, input } = documentFromForm(params.id, request.body);
        const result = input.ok
          ? await db.transaction((tx) => addDocument(tx, input.value, actor.personId))
          : input;
        if (result.ok)
          return redirect(`/gestion/evenements/${params.id}#documents`, notices.event_document_added);
        const errors = { file: result.error.message };
        return manageView(db, ctx, params.id, { documentForm: { errors, values } }, result.error.status);
      },
    }),
    definePage({
      method: 'GET',
      url: '/agenda/:id/documents/:documentId',
      access: 'public',
      params: documentParams,
      handler: async ({ actor, params, reply }) => {
        const details = await visibleEvent(db, actor, params.id);
        const document = details ? await getDocument(db, params.documentId) : undefined;
        if (!details || !document || document.eventId !== details.event.id) return eventNotFound();
        if (!(await policy.seeDocuments(db, actor, details.event)))
          return message(actor ? 403 : 401, 'Document réservé', m.documentReserved().text);
        return reply
          .type(document.mimeType)
          .header('content-disposition', `attachment; filename="${encodeURIComponent(document.fileName)}"`)
          .header('x-content-type-options', 'nosniff')
          .send(document.content);
      },
    }),
  ];
}
