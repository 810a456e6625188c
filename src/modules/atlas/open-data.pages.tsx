// The atlas's open data as pages: the public CSV (linked from the atlas's page) and the staff's import of
// files in the MEAE Atlas's style (upload → preview kept → confirm → report; or abandon).
import { z } from 'zod';
import { definePage, message, notFound, redirect, view } from '../../platform/http/pages.tsx';
import type { Services } from '../../platform/services.ts';
import { toCsv } from '../../platform/sheets/sheets.ts';
import { parisDate } from '../../platform/time.ts';
import { uuid } from '../../platform/validation.ts';
import { atlasPolicy as policy } from './atlas.policy.ts';
import {
  abandonAtlasImport,
  applyAtlasImport,
  getAtlasImport,
  listPendingAtlasImports,
  prepareAtlasImport,
} from './import.ts';
import { openDataMessages as m, openDataNotices as notices } from './open-data.messages.ts';
import { openDataColumns, openPartnerships } from './open-data.ts';
import { AtlasImportPage, AtlasImportPreviewPage } from './views/import.tsx';

const idParams = z.object({ id: uuid });
const base = '/gestion/atlas/import';

/** The uploaded file of the form (the multipart parser puts its content and its name in the body). */
function uploadOf(body: unknown): { fileName: string; data: Buffer } | undefined {
  const fields = (body ?? {}) as { file?: unknown; fileName?: unknown };
  if (!Buffer.isBuffer(fields.file) || fields.file.length === 0) return undefined;
  return { fileName: typeof fields.fileName === 'string' ? fields.fileName : 'fichier', data: fields.file };
}

export function openDataPages({ db }: Services) {
  return [
    definePage({
      method: 'GET',
      url: '/atlas/donnees.csv',
      access: 'public',
      // The French sides' names and codes are the organisations': their changes count too.
      cache: ['atlas', 'organisations'],
      handler: async ({ reply }) =>
        reply
          .type('text/csv; charset=utf-8')
          .header('content-disposition', `attachment; filename="atlas-partenariats-${parisDate()}.csv"`)
          .send(toCsv(openDataColumns, await openPartnerships(db))),
    }),
    definePage({
      method: 'GET',
      url: base,
      access: policy.manage,
      handler: async ({ ctx, notice }) =>
        view(<AtlasImportPage ctx={ctx} pending={await listPendingAtlasImports(db)} notice={notice} />),
    }),
    definePage({
      method: 'POST',
      url: base,
      access: policy.manage,
      handler: async ({ actor, request, ctx }) => {
        const upload = uploadOf(request.body);
        const prepared = upload
          ? await db.transaction((tx) => prepareAtlasImport(tx, upload.fileName, upload.data, actor.personId))
          : undefined;
        if (!prepared?.ok) {
          const error = prepared ? prepared.error.message : m.importNoFile().text;
          return view(
            <AtlasImportPage ctx={ctx} pending={await listPendingAtlasImports(db)} error={error} />,
            prepared?.error.status ?? 400,
          );
        }
        return redirect(`${base}/${prepared.value.id}`);
      },
    }),
    definePage({
      method: 'GET',
      url: `${base}/:id`,
      access: policy.manage,
      params: idParams,
      handler: async ({ params, ctx }) => {
        const atlasImport = await getAtlasImport(db, params.id);
        if (!atlasImport) return notFound(m.importNotFound().text);
        return view(<AtlasImportPreviewPage ctx={ctx} atlasImport={atlasImport} />);
      },
    }),
    definePage({
      method: 'POST',
      url: `${base}/:id/confirmer`,
      access: policy.manage,
      params: idParams,
      handler: async ({ actor, params, ctx }) => {
        const result = await applyAtlasImport(db, params.id, actor.personId);
        if (result.ok) return view(<AtlasImportPreviewPage ctx={ctx} atlasImport={result.value} />);
        if (result.error.code === 'not_found') return notFound(m.importNotFound().text);
        if (result.error.code === 'already_applied')
          return message(result.error.status, 'Import déjà enregistré', result.error.message);
        // A write refused: nothing was written, the preview is still there to abandon.
        const atlasImport = await getAtlasImport(db, params.id);
        if (!atlasImport) return notFound(m.importNotFound().text);
        return view(
          <AtlasImportPreviewPage ctx={ctx} atlasImport={atlasImport} error={result.error.message} />,
          result.error.status,
        );
      },
    }),
    definePage({
      method: 'POST',
      url: `${base}/:id/abandonner`,
      access: policy.manage,
      params: idParams,
      handler: async ({ actor, params }) => {
        const result = await db.transaction((tx) => abandonAtlasImport(tx, params.id, actor.personId));
        if (result.ok) return redirect(base, notices.import_abandoned);
        if (result.error.code === 'not_found') return notFound(m.importNotFound().text);
        return message(result.error.status, 'Import déjà enregistré', result.error.message);
      },
    }),
  ];
}
