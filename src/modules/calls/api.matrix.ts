// The authorisation matrix of support calls' API (see tests/proof/matrix.ts for how a case reads). Each cell
// opens a call of its own, so that no cell's dossier depends on another's (one dossier per organisation).
import {
  type Case,
  type Cell,
  MEMBERS,
  STAFF,
  staffOnly,
  staffOnlyScoped,
} from '../../../tests/proof/cases.ts';
import { expectOk, unique } from '../../../tests/proof/world.ts';
import { createCall } from './calls.ts';
import { createDossier, submitDossier } from './dossiers.ts';

const staffOf = (c: Cell) => c.f.A.people.staff.id;
const day = 86_400_000;
// Call numbers are unique in a database: each cell takes the next one.
let nextNumber = 100;

const callJson = () => ({
  number: nextNumber++,
  title: `Appel ${unique()}`,
  opensAt: new Date(Date.now() - day).toISOString(),
  closesAt: new Date(Date.now() + 30 * day).toISOString(),
  criteria: [
    { label: 'Pertinence', weight: 3 },
    { label: 'Faisabilité', weight: 1 },
  ],
  envelopeCents: 5_000_000,
});

/** The required questions of the network's usual form answered (q1, q2, q4). */
export const completeAnswers = {
  q1: 'Jumelée avec Kayes',
  q2: 'Stratégie internationale',
  q4: 'Une stratégie signée',
};

export const freshCall = async (c: Cell) => expectOk(await createCall(c.f.db, callJson(), staffOf(c)));

/** A new call's dossier of the target world's member local government, carried by its referent. */
export async function freshDossier(c: Cell, submitted: boolean) {
  const call = await freshCall(c);
  const referent = c.target.people.referent;
  const draft = expectOk(
    await createDossier(c.f.db, referent, call.id, {
      organisationId: c.target.memberOrg.id,
      answers: completeAnswers,
      requestedCents: 1_500_000,
    }),
  );
  if (submitted) expectOk(await c.f.db.transaction((tx) => submitDossier(tx, draft.id, referent.id)));
  return { call, dossier: draft };
}

export const callsApiMatrix: Record<string, Case[]> = {
  'POST /api/v1/calls': staffOnly('open a support call', () => ({ url: '/api/v1/calls', json: callJson() })),
  'POST /api/v1/calls/:id/applications': [
    {
      name: 'write an organisation’s dossier to a call',
      scoped: true,
      own: MEMBERS,
      foreign: STAFF,
      build: async (c) => ({
        url: `/api/v1/calls/${(await freshCall(c)).id}/applications`,
        json: { organisationId: c.org.id, answers: { q2: 'Coopération avec Kayes' } },
      }),
    },
  ],
  'POST /api/v1/call-applications/:id/submit': [
    {
      name: 'submit an organisation’s dossier',
      scoped: true,
      own: MEMBERS,
      foreign: STAFF,
      build: async (c) => ({
        url: `/api/v1/call-applications/${(await freshDossier(c, false)).dossier.id}/submit`,
      }),
    },
  ],
  'PATCH /api/v1/call-applications/:id': [
    {
      name: 'correct a dossier’s answers before instruction',
      scoped: true,
      own: MEMBERS,
      foreign: STAFF,
      build: async (c) => ({
        url: `/api/v1/call-applications/${(await freshDossier(c, true)).dossier.id}`,
        json: { answers: { ...completeAnswers, q2: 'Stratégie internationale, budget corrigé' } },
      }),
    },
  ],
  'POST /api/v1/call-applications/:id/scores': staffOnlyScoped(
    'score a dossier on the call’s grid',
    async (c) => {
      const { call, dossier } = await freshDossier(c, true);
      return {
        url: `/api/v1/call-applications/${dossier.id}/scores`,
        json: { scores: Object.fromEntries(call.criteria.map((criterion) => [criterion.id, 4])) },
      };
    },
  ),
  'POST /api/v1/call-applications/:id/decision': staffOnlyScoped('decide on a dossier', async (c) => ({
    url: `/api/v1/call-applications/${(await freshDossier(c, true)).dossier.id}/decision`,
    json: { decision: 'closed', motivation: 'La collectivité retire son dossier.' },
  })),
  'GET /api/v1/calls/:id/applications': staffOnly('list a call’s dossiers', async (c) => ({
    url: `/api/v1/calls/${(await freshDossier(c, true)).call.id}/applications`,
  })),
};
