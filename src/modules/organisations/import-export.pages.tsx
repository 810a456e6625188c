// Staff pages that bring files in and out: the import of organisations or people (preview, then
// confirmation) and the exports of both lists.
import { z } from 'zod';
import { definePage, message, notFound, redirect, view } from '../../platform/http/pages.tsx';
import { sendSheet } from '../../platform/http/send-sheet.ts';
import type { Services } from '../../platform/services.ts';
import { organisationsExport, peopleExport } from './export.ts';
import { abandonImport, applyImport, getImport, listPendingImports, prepareImport } from './import.ts';
import { exportParams, idParams, importFromForm } from './organisations.forms.ts';
import { organisationsMessages as m, organisationsNotices as notices } from './organisations.messages.ts';
import { organisationsPolicy as policy } from './organisations.policy.ts';
import { organisationFilters } from './organisations.ts';
import { peopleFilters } from './people-directory.ts';

/**
 * An export holds the list as its page filters it: the filters come in the address, the page aside. Filters
 * that do not read are refused (400), rather than silently exporting another list than the one asked for.
 */
const exportQuery = z.record(z.string(), z.unknown());

import { ImportPage, ImportPreviewPage } from './views/import.tsx';

export function importExportPages({ db }: Services) {
  return [
    definePage({
      method: 'GET',
      url: '/gestion/import',
      access: policy.manage,
      handler: async ({ ctx, notice }) =>
        view(<ImportPage ctx={ctx} pending={await listPendingImports(db)} notice={notice} />),
    }),
    definePage({
      method: 'POST',
      url: '/gestion/import',
      access: policy.manage,
      handler: async ({ actor, request, ctx }) => {
        const upload = importFromForm(request.body);
        const preview = upload.ok
          ? await db.transaction((tx) => {
              const { kind, fileName, data } = upload.value;
              return prepareImport(tx, kind, fileName, data, actor.personId);
            })
          : upload;
        if (!preview.ok)
          return view(
            <ImportPage ctx={ctx} error={preview.error.message} pending={await listPendingImports(db)} />,
            preview.error.status,
          );
        return redirect(`/gestion/import/${preview.value.id}`);
      },
    }),
    definePage({
      method: 'GET',
      url: '/gestion/import/:id',
      access: policy.manage,
      params: idParams,
      handler: async ({ params, ctx }) => {
        const preview = await getImport(db, params.id);
        if (!preview) return notFound(m.importGone().text);
        return view(<ImportPreviewPage ctx={ctx} preview={preview} />);
      },
    }),
    definePage({
      method: 'POST',
      url: '/gestion/import/:id/confirmer',
      access: policy.manage,
      params: idParams,
      handler: async ({ actor, params, ctx }) => {
        const result = await db.transaction((tx) => applyImport(tx, params.id, actor.personId));
        if (!result.ok) {
          if (result.error.code === 'not_found') return notFound(m.importGone().text);
          return message(result.error.status, 'Import déjà effectué', result.error.message);
        }
        const preview = (await getImport(db, params.id))!;
        return view(<ImportPreviewPage ctx={ctx} preview={preview} result={result.value} />);
      },
    }),
    definePage({
      method: 'POST',
      url: '/gestion/import/:id/abandonner',
      access: policy.manage,
      params: idParams,
      handler: async ({ actor, params }) => {
        const result = await db.transaction((tx) => abandonImport(tx, params.id, actor.personId));
        if (result.ok) return redirect('/gestion/import', notices.import_abandoned);
        if (result.error.code === 'not_found') return notFound(m.importGone().text);
        return message(result.error.status, 'Import déjà effectué', result.error.message);
      },
    }),
    definePage({
      method: 'GET',
      url: '/gestion/export/:file',
      access: policy.manage,
      params: exportParams,
      query: exportQuery,
      handler: async ({ params: { file }, query, reply }) => {
        const refused = () => message(400, 'Export impossible', m.exportFiltersInvalid().text);
        if (file.what === 'organisations') {
          const filters = organisationFilters.safeParse(query);
          if (!filters.success) return refused();
          return sendSheet(reply, { ...(await organisationsExport(db, filters.data)), format: file.format });
        }
        const filters = peopleFilters.safeParse(query);
        if (!filters.success) return refused();
        return sendSheet(reply, { ...(await peopleExport(db, filters.data)), format: file.format });
      },
    }),
  ];
}
