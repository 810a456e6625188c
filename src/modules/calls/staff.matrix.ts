// The authorisation matrix of support calls' staff pages (see tests/proof/matrix.ts for how a case reads):
// every route is the staff's alone. Each cell opens a call of its own (some delete it or decide its dossier).
import { randomUUID } from 'node:crypto';
import { type Case, type Cell, staffOnly } from '../../../tests/proof/cases.ts';
import { expectOk } from '../../../tests/proof/world.ts';
import { grantAllowance } from './allowances.ts';
import { freshCall, freshDossier } from './api.matrix.ts';
import { addNote, notesOf } from './messages.ts';
import { scoreApplication } from './scores.ts';
import { saveSearch } from './searches.ts';

const base = '/gestion/appels';
let nextNumber = 5_000;

const callForm = () => ({
  numero: String(nextNumber++),
  titre: 'Appel DCOL de la matrice',
  description: 'Accompagner les collectivités adhérentes.',
  types: 'Stratégie internationale\nClimat',
  ouverture: '2027-05-15T09:00',
  cloture: '2027-07-15T18:00',
  enveloppe: '90 000',
  accompagnements: '5',
  criteres: 'Pertinence ; 3\nFaisabilité ; 1',
  questions: 'Votre projet *\nVos partenaires',
});

/** A dossier of the target world's town, submitted and marked: in instruction. */
async function instructed(c: Cell) {
  const { call, dossier } = await freshDossier(c, true);
  expectOk(
    await scoreApplication(
      c.f.db,
      dossier.id,
      { scores: Object.fromEntries(call.criteria.map((criterion) => [criterion.id, 4])) },
      c.f.A.people.staff.id,
    ),
  );
  return { call, dossier };
}

const dossierUrl = async (c: Cell, tail = '') => {
  const { call, dossier } = await freshDossier(c, true);
  return `${base}/${call.id}/dossiers/${dossier.id}${tail}`;
};

export const staffMatrix: Record<string, Case[]> = {
  [`GET ${base}`]: staffOnly('the calls, for staff', () => ({ url: base })),
  [`GET ${base}/nouveau`]: staffOnly('the form of a new call', () => ({ url: `${base}/nouveau` })),
  [`POST ${base}/nouveau`]: staffOnly('open a call', () => ({ url: `${base}/nouveau`, form: callForm() })),
  [`GET ${base}/:id`]: staffOnly('a call’s dossiers, by tab', async (c) => ({
    url: `${base}/${(await freshDossier(c, true)).call.id}?onglet=tous&tri=score`,
  })),
  [`POST ${base}/:id/recherches`]: staffOnly('save a search on a call’s dossiers', async (c) => ({
    url: `${base}/${(await freshCall(c)).id}/recherches`,
    form: { name: 'Nouvelle-Aquitaine, par score', query: 'onglet=tous&tri=score&region=75' },
  })),
  [`POST ${base}/:id/recherches/:searchId/suppression`]: staffOnly('delete a saved search', async (c) => {
    const call = await freshCall(c);
    // The acting instructor's own search: another's is not found, whoever asks.
    const search = expectOk(
      await saveSearch(c.f.db, call.id, c.actor.people.staff.id, { name: 'Tous', query: 'onglet=tous' }),
    );
    return { url: `${base}/${call.id}/recherches/${search.id}/suppression`, form: {} };
  }),
  [`GET ${base}/:id/dossiers.csv`]: staffOnly('a call’s dossiers as CSV', async (c) => ({
    url: `${base}/${(await freshDossier(c, true)).call.id}/dossiers.csv`,
  })),
  [`GET ${base}/:id/dossiers.xlsx`]: staffOnly('a call’s dossiers as XLSX', async (c) => ({
    url: `${base}/${(await freshDossier(c, true)).call.id}/dossiers.xlsx`,
  })),
  [`GET ${base}/:id/modifier`]: staffOnly('a call’s form', async (c) => ({
    url: `${base}/${(await freshCall(c)).id}/modifier`,
  })),
  [`POST ${base}/:id/modifier`]: staffOnly('change a call', async (c) => ({
    url: `${base}/${(await freshCall(c)).id}/modifier`,
    form: callForm(),
  })),
  [`POST ${base}/:id/suppression`]: staffOnly('delete a call without dossiers', async (c) => ({
    url: `${base}/${(await freshCall(c)).id}/suppression`,
    form: {},
  })),
  [`GET ${base}/:id/dossiers/:applicationId`]: staffOnly('a dossier, for its instructors', async (c) => ({
    url: await dossierUrl(c),
  })),
  [`POST ${base}/:id/dossiers/:applicationId/notes`]: staffOnly('mark a dossier on the grid', async (c) => {
    const { call, dossier } = await freshDossier(c, true);
    return {
      url: `${base}/${call.id}/dossiers/${dossier.id}/notes`,
      form: Object.fromEntries(call.criteria.map((criterion) => [`note_${criterion.id}`, '4'])),
    };
  }),
  [`POST ${base}/:id/dossiers/:applicationId/annotations`]: staffOnly(
    'annotate a dossier privately',
    async (c) => ({
      url: await dossierUrl(c, '/annotations'),
      form: { body: 'Partenaire malien à confirmer.' },
    }),
  ),
  [`POST ${base}/:id/dossiers/:applicationId/messages`]: staffOnly(
    'write to the town on its dossier',
    async (c) => ({
      url: await dossierUrl(c, '/messages'),
      form: { body: 'Pouvez-vous préciser le calendrier ?', key: randomUUID() },
    }),
  ),
  [`POST ${base}/:id/dossiers/:applicationId/suivi`]: staffOnly('follow a dossier', async (c) => ({
    url: await dossierUrl(c, '/suivi'),
    form: { suivre: 'oui' },
  })),
  [`POST ${base}/:id/dossiers/:applicationId/decision`]: staffOnly('decide on a dossier', async (c) => {
    const { call, dossier } = await instructed(c);
    return {
      url: `${base}/${call.id}/dossiers/${dossier.id}/decision`,
      form: {
        [`choix_${dossier.id}`]: 'oui',
        decision: 'accepted',
        motivation: 'Dossier solide.',
        etape: 'confirmer',
      },
    };
  }),
  [`GET ${base}/:id/comite`]: staffOnly('the committee’s screen', async (c) => ({
    url: `${base}/${(await instructed(c)).call.id}/comite`,
  })),
  [`POST ${base}/:id/comite`]: staffOnly('the committee’s decision, previewed', async (c) => {
    const { call, dossier } = await instructed(c);
    return {
      url: `${base}/${call.id}/comite`,
      form: {
        [`choix_${dossier.id}`]: 'oui',
        decision: 'accepted',
        motivation: 'Retenu par le comité.',
        etape: 'apercu',
      },
    };
  }),
  [`GET ${base}/:id/derogations`]: staffOnly('a call’s leaves for more dossiers', async (c) => ({
    url: `${base}/${(await freshCall(c)).id}/derogations?organisation=Ville`,
  })),
  [`POST ${base}/:id/derogations`]: staffOnly('allow a town more dossiers on a call', async (c) => ({
    url: `${base}/${(await freshCall(c)).id}/derogations`,
    form: { organisationId: c.target.memberOrg.id, dossiers: '2', reason: 'Deux projets distincts.' },
  })),
  [`POST ${base}/:id/derogations/:organisationId/retrait`]: staffOnly('withdraw a leave', async (c) => {
    const call = await freshCall(c);
    const town = c.target.memberOrg.id;
    expectOk(
      await grantAllowance(
        c.f.db,
        call.id,
        { organisationId: town, dossiers: 3, reason: 'Trois projets.' },
        c.f.A.people.staff.id,
      ),
    );
    return { url: `${base}/${call.id}/derogations/${town}/retrait`, form: {} };
  }),
  [`POST ${base}/:id/dossiers/:applicationId/annotations/suppression`]: staffOnly(
    'delete one’s annotation',
    async (c) => {
      const { call, dossier } = await freshDossier(c, true);
      // The acting instructor's own annotation: another's is not found, whoever asks.
      expectOk(await addNote(c.f.db, dossier.id, { body: 'À vérifier.' }, c.actor.people.staff.id));
      const [note] = await notesOf(c.f.db, dossier.id);
      return {
        url: `${base}/${call.id}/dossiers/${dossier.id}/annotations/suppression`,
        form: { note: note!.id },
      };
    },
  ),
};
