// The authorisation matrix of experts' opinions (see tests/proof/matrix.ts for how a case reads): asking and
// withdrawing are the staff's; the expert's page is anyone's who holds the link (no account), each cell with a
// request of its own (an opinion spends its link).
import { randomUUID } from 'node:crypto';
import { type Case, type Cell, EVERYONE, staffOnly } from '../../../tests/proof/cases.ts';
import { expectOk, pdfBytes } from '../../../tests/proof/world.ts';
import { parisDate } from '../../platform/time.ts';
import { freshDossier } from './api.matrix.ts';
import { joinAttachment } from './attachments.ts';
import { requestExpertOpinion } from './experts.ts';

const base = '/gestion/appels';
const inTwoWeeks = () => parisDate(new Date(Date.now() + 14 * 86_400_000));

const expertForm = () => ({
  name: 'Aminata Diallo',
  email: `expert.${randomUUID()}@example.org`,
  expertise: 'Coopération au Sahel',
  question: 'Le partenariat est-il solide ?',
  deadline: inTwoWeeks(),
});

/**
 * A dossier of the target world's town with an open request to an expert; with its council decision joined
 * first, when asked (asking takes the dossier into instruction, after which nothing is joined).
 */
async function asked(c: Cell, withFile = false) {
  const { call, dossier } = await freshDossier(c, true);
  const attachment = withFile
    ? expectOk(
        await joinAttachment(
          c.f.db,
          dossier.id,
          { key: 'p1', fileName: 'deliberation.pdf', content: pdfBytes },
          c.f.A.people.staff.id,
        ),
      )
    : undefined;
  const { request, token } = expectOk(
    await requestExpertOpinion(c.f.db, dossier.id, expertForm(), c.f.A.people.staff.id, 'http://localhost'),
  );
  return { call, dossier, request, token, attachment };
}

export const expertsMatrix: Record<string, Case[]> = {
  [`POST ${base}/:id/dossiers/:applicationId/experts`]: staffOnly(
    'ask an expert, after a preview',
    async (c) => {
      const { call, dossier } = await freshDossier(c, true);
      return {
        url: `${base}/${call.id}/dossiers/${dossier.id}/experts`,
        form: { ...expertForm(), etape: 'confirmer' },
      };
    },
  ),
  [`POST ${base}/:id/dossiers/:applicationId/experts/:requestId/retrait`]: staffOnly(
    'withdraw a request to an expert',
    async (c) => {
      const { call, dossier, request } = await asked(c);
      return { url: `${base}/${call.id}/dossiers/${dossier.id}/experts/${request.id}/retrait`, form: {} };
    },
  ),
  'GET /avis/:token': [
    {
      name: 'an expert’s page, by their link',
      own: EVERYONE,
      build: async (c) => ({ url: `/avis/${(await asked(c)).token}` }),
    },
  ],
  'POST /avis/:token': [
    {
      name: 'an expert’s opinion, by their link',
      own: EVERYONE,
      build: async (c) => ({
        url: `/avis/${(await asked(c)).token}`,
        form: { opinion: 'favourable', body: 'Un partenariat ancien et actif.' },
      }),
    },
  ],
  'GET /avis/:token/pieces/:attachmentId': [
    {
      name: 'a document of the dossier, by the expert’s link',
      own: EVERYONE,
      build: async (c) => {
        const { token, attachment } = await asked(c, true);
        return { url: `/avis/${token}/pieces/${attachment!.id}` };
      },
    },
  ],
};
