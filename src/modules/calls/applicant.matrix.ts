// The authorisation matrix of support calls' applicant pages (tests/proof/cases.ts explains a case). The
// calls are everyone's; a town's dossier is written by its élus, officers and referent — the town is always
// the actor's own, never named in the request — and followed by them and staff.
import { randomUUID } from 'node:crypto';
import { type Case, type Cell, EVERYONE, STAFF } from '../../../tests/proof/cases.ts';
import { expectOk, pdfBytes } from '../../../tests/proof/world.ts';
import { completeAnswers, freshCall, freshDossier } from './api.matrix.ts';
import { joinAttachment } from './attachments.ts';

/** The people who speak for a member town (staff file through the API). */
const SPEAKERS = '--YYY-';

export const applicantMatrix: Record<string, Case[]> = {
  'GET /appels': [{ name: 'the support calls', own: EVERYONE, build: () => ({ url: '/appels' }) }],
  'GET /appels/:id': [
    {
      name: 'a support call, its questions and what the visitor may do',
      own: EVERYONE,
      build: async (c) => ({ url: `/appels/${(await freshCall(c)).id}` }),
    },
  ],
  'GET /appels/:id/dossier': [
    {
      name: 'the form of the town’s dossier',
      own: SPEAKERS,
      build: async (c) => ({ url: `/appels/${(await freshCall(c)).id}/dossier` }),
    },
  ],
  'POST /appels/:id/dossier': [
    {
      name: 'write and submit the town’s dossier',
      own: SPEAKERS,
      build: async (c) => ({
        url: `/appels/${(await freshCall(c)).id}/dossier`,
        form: { dossier: '', ...completeAnswers, q3: 'Kayes (Mali)', cout: '15 000', action: 'deposer' },
      }),
    },
  ],
  'GET /mon-espace/dossiers/:applicationId': [
    {
      name: 'the follow-up of the town’s dossier',
      scoped: true,
      own: '--YYYY',
      foreign: STAFF,
      build: async (c) => ({ url: `/mon-espace/dossiers/${(await freshDossier(c, true)).dossier.id}` }),
    },
  ],
  'POST /mon-espace/dossiers/:applicationId/messages': [
    {
      name: 'the town writes to its instructors on the dossier',
      scoped: true,
      own: '--YYYY',
      foreign: STAFF,
      build: async (c) => ({
        url: `/mon-espace/dossiers/${(await freshDossier(c, true)).dossier.id}/messages`,
        form: { body: 'Voici le calendrier demandé.', key: randomUUID() },
      }),
    },
  ],
  'POST /mon-espace/dossiers/:applicationId/pieces': [
    {
      name: 'the town joins a document to its dossier',
      scoped: true,
      own: '--YYYY',
      foreign: STAFF,
      build: async (c) => ({
        url: `/mon-espace/dossiers/${(await freshDossier(c, true)).dossier.id}/pieces`,
        multipart: {
          fields: { key: 'p1' },
          file: { name: 'deliberation.pdf', type: 'application/pdf', content: pdfBytes },
        },
      }),
    },
  ],
  'POST /mon-espace/dossiers/:applicationId/pieces/:attachmentId/suppression': [
    {
      name: 'the town removes a document of its dossier',
      scoped: true,
      own: '--YYYY',
      foreign: STAFF,
      build: async (c) => {
        const { dossier, attachment } = await withAttachment(c);
        return { url: `/mon-espace/dossiers/${dossier.id}/pieces/${attachment.id}/suppression`, form: {} };
      },
    },
  ],
  'GET /mon-espace/dossiers/:applicationId/pieces/:attachmentId': [
    {
      name: 'a document of the town’s dossier',
      scoped: true,
      own: '--YYYY',
      foreign: STAFF,
      build: async (c) => {
        const { dossier, attachment } = await withAttachment(c);
        return { url: `/mon-espace/dossiers/${dossier.id}/pieces/${attachment.id}` };
      },
    },
  ],
};

/** A submitted dossier of the target world's town with its council decision joined. */
async function withAttachment(c: Cell) {
  const { dossier } = await freshDossier(c, true);
  const attachment = expectOk(
    await joinAttachment(
      c.f.db,
      dossier.id,
      { key: 'p1', fileName: 'deliberation.pdf', content: pdfBytes },
      c.target.people.referent.id,
    ),
  );
  return { dossier, attachment };
}
