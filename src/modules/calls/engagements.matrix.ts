// The authorisation matrix of support engagements' pages (tests/proof/cases.ts explains a case): staff write
// them; the town's élus, officers and referent read their own and download its documents, as staff do —
// another town's is not found. Each cell accepts a dossier of a call of its own, then engages it.
import { type Case, type Cell, STAFF, staffOnly } from '../../../tests/proof/cases.ts';
import { baseUrl, expectOk, pdfBytes } from '../../../tests/proof/world.ts';
import { decideApplications } from '../applications/decide.ts';
import { freshDossier } from './api.matrix.ts';
import { callsPipeline } from './calls.pipeline.ts';
import { addEngagementDocument, addMilestone, createEngagement } from './engagements.ts';
import { scoreApplication } from './scores.ts';

const staffOf = (c: Cell) => c.f.A.people.staff.id;

/** A dossier of the target world's town, marked then accepted by the committee. */
export async function acceptedDossier(c: Cell) {
  const { call, dossier } = await freshDossier(c, true);
  expectOk(
    await scoreApplication(
      c.f.db,
      dossier.id,
      { scores: Object.fromEntries(call.criteria.map((criterion) => [criterion.id, 4])) },
      staffOf(c),
    ),
  );
  expectOk(
    await c.f.db.transaction((tx) =>
      decideApplications(
        tx,
        callsPipeline,
        { ids: [dossier.id], decision: 'accepted', motivation: 'Retenu par le comité.' },
        staffOf(c),
        baseUrl,
      ),
    ),
  );
  return { call, dossier };
}

export const engagementForm = {
  responsable: 'Cabinet Horizons',
  debut: '2026-01-05',
  fin: '2026-12-18',
  statut: 'ongoing',
  objectif: 'Écrire la stratégie internationale de la collectivité.',
};

/** An accepted dossier engaged, with one milestone and one document. */
async function engaged(c: Cell) {
  const { call, dossier } = await acceptedDossier(c);
  const engagement = expectOk(
    await createEngagement(
      c.f.db,
      dossier.id,
      {
        lead: 'Cabinet Horizons',
        startsOn: '2026-01-05',
        endsOn: '2026-12-18',
        status: 'ongoing',
        objective: 'Écrire la stratégie internationale.',
      },
      staffOf(c),
    ),
  );
  const milestone = expectOk(
    await addMilestone(c.f.db, engagement.id, { label: 'Diagnostic', dueOn: '2026-03-01' }, staffOf(c)),
  );
  const document = expectOk(
    await addEngagementDocument(
      c.f.db,
      engagement.id,
      { title: 'Diagnostic' },
      { fileName: 'diagnostic.pdf', content: pdfBytes },
      staffOf(c),
    ),
  );
  const path = `/gestion/appels/${call.id}/dossiers/${dossier.id}/accompagnement`;
  return { call, dossier, engagement, milestone, document, path };
}

const base = '/gestion/appels/:id/dossiers/:applicationId/accompagnement';

/** The town's people who speak for it, and staff. */
const TOWN_OR_STAFF = '--YYYY';

export const engagementsMatrix: Record<string, Case[]> = {
  'GET /gestion/accompagnements': staffOnly('every call’s engagements, by status', () => ({
    url: '/gestion/accompagnements?statut=ongoing',
  })),
  'GET /gestion/appels/:id/accompagnements': staffOnly('a call’s engagements', async (c) => ({
    url: `/gestion/appels/${(await engaged(c)).call.id}/accompagnements`,
  })),
  'GET /gestion/appels/:id/accompagnements.csv': staffOnly('a call’s engagements as CSV', async (c) => ({
    url: `/gestion/appels/${(await engaged(c)).call.id}/accompagnements.csv`,
  })),
  'GET /gestion/appels/:id/accompagnements.xlsx': staffOnly('a call’s engagements as XLSX', async (c) => ({
    url: `/gestion/appels/${(await engaged(c)).call.id}/accompagnements.xlsx`,
  })),
  [`GET ${base}`]: staffOnly('an accepted dossier’s engagement, to create', async (c) => {
    const { call, dossier } = await acceptedDossier(c);
    return { url: `/gestion/appels/${call.id}/dossiers/${dossier.id}/accompagnement` };
  }),
  [`POST ${base}`]: staffOnly('create an accepted dossier’s engagement', async (c) => {
    const { call, dossier } = await acceptedDossier(c);
    return { url: `/gestion/appels/${call.id}/dossiers/${dossier.id}/accompagnement`, form: engagementForm };
  }),
  [`POST ${base}/statut`]: staffOnly('change an engagement’s status', async (c) => ({
    url: `${(await engaged(c)).path}/statut`,
    form: { statut: 'completed' },
  })),
  [`POST ${base}/suppression`]: staffOnly('delete an engagement without documents', async (c) => {
    const { call, dossier } = await acceptedDossier(c);
    expectOk(
      await createEngagement(
        c.f.db,
        dossier.id,
        { lead: 'Équipe', startsOn: '2026-01-05', endsOn: '2026-02-05', objective: 'Créé par erreur.' },
        staffOf(c),
      ),
    );
    return { url: `/gestion/appels/${call.id}/dossiers/${dossier.id}/accompagnement/suppression`, form: {} };
  }),
  [`POST ${base}/capitalisation`]: staffOnly('write what an engagement taught', async (c) => ({
    url: `${(await engaged(c)).path}/capitalisation`,
    form: { texte: 'Associer les services dès le diagnostic.' },
  })),
  [`POST ${base}/jalons`]: staffOnly('add a milestone', async (c) => ({
    url: `${(await engaged(c)).path}/jalons`,
    form: { libelle: 'Stratégie signée', echeance: '2026-11-30', livrable: 'oui' },
  })),
  [`POST ${base}/jalons/:milestoneId`]: staffOnly('change a milestone', async (c) => {
    const { path, milestone } = await engaged(c);
    return {
      url: `${path}/jalons/${milestone.id}`,
      form: { libelle: 'Diagnostic partagé', echeance: '2026-03-15', livrable: 'oui', fait_le: '' },
    };
  }),
  [`POST ${base}/jalons/:milestoneId/fait`]: staffOnly('mark a milestone done', async (c) => {
    const { path, milestone } = await engaged(c);
    return { url: `${path}/jalons/${milestone.id}/fait`, form: { fait_le: '2026-03-02' } };
  }),
  [`POST ${base}/jalons/:milestoneId/suppression`]: staffOnly('delete a milestone', async (c) => {
    const { path, milestone } = await engaged(c);
    return { url: `${path}/jalons/${milestone.id}/suppression`, form: {} };
  }),
  [`POST ${base}/documents`]: staffOnly('add a document', async (c) => ({
    url: `${(await engaged(c)).path}/documents`,
    multipart: {
      fields: { titre: 'Stratégie internationale', capitalisation: 'oui' },
      file: { name: 'strategie.pdf', type: 'application/pdf', content: pdfBytes },
    },
  })),
  [`POST ${base}/documents/:documentId/suppression`]: staffOnly('delete a document', async (c) => {
    const { path, document } = await engaged(c);
    return { url: `${path}/documents/${document.id}/suppression`, form: {} };
  }),
  'GET /mon-espace/accompagnements/:engagementId': [
    {
      name: 'the town’s engagement, to read',
      scoped: true,
      own: TOWN_OR_STAFF,
      foreign: STAFF,
      build: async (c) => ({ url: `/mon-espace/accompagnements/${(await engaged(c)).engagement.id}` }),
    },
  ],
  'GET /mon-espace/accompagnements/:engagementId/documents/:documentId': [
    {
      name: 'a document of the town’s engagement, to download',
      scoped: true,
      own: TOWN_OR_STAFF,
      foreign: STAFF,
      build: async (c) => {
        const { engagement, document } = await engaged(c);
        return { url: `/mon-espace/accompagnements/${engagement.id}/documents/${document.id}` };
      },
    },
  ],
};
