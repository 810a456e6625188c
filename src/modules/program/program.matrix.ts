// The authorisation matrix of this module's routes (see tests/proof/matrix.ts for how a case reads):
// tests/proof-authorization.test.ts runs every cell, tests/proof-bad-input.test.ts starts from its requests.
import {
  type Case,
  type Cell,
  ELECTED,
  EVERYONE,
  HOLDER_OR_STAFF,
  NOBODY,
  newEmail,
  REFERENT_OR_STAFF,
  SIGNED_IN,
  STAFF,
  staffOnly,
  staffOnlyScoped,
} from '../../../tests/proof/cases.ts';
import { fresh, signing, unique } from '../../../tests/proof/world.ts';
import { expressInterest, interestLink } from './interest.ts';

/** A new pending expression of interest in the shared edition: its id. */
async function pendingInterest(c: Cell): Promise<string> {
  const result = await expressInterest(
    c.f.db,
    c.f.program.id,
    {
      firstName: 'Éloi',
      lastName: 'Intéressé',
      email: newEmail(),
      organisationName: 'Commune de Matrice',
      mandate: 'maire adjoint',
    },
    signing,
  );
  if (!result.ok) throw new Error(result.error.message);
  return result.value.id;
}

/** The form behind a mailed link: its address, and its token as the page's hidden field. */
function linkForm(id: string, link: 'confirm' | 'withdraw') {
  const url = new URL(interestLink(signing, id, link));
  return { url: url.pathname, form: { jeton: url.searchParams.get('jeton')! } };
}

export const matrix: Record<string, Case[]> = {
  // ——— Certificates (public verification) ———
  'GET /certificats/:code': [
    {
      name: 'verification page',
      own: EVERYONE,
      build: (c) => ({ url: `/certificats/${c.target.certificateCode}` }),
    },
  ],
  'GET /certificats/:code/:file': [
    {
      name: 'Open Badges credential',
      own: EVERYONE,
      build: (c) => ({ url: `/certificats/${c.target.certificateCode}/credential.json` }),
    },
  ],
  'GET /.well-known/jwks.json': [
    { name: 'issuer keys', own: EVERYONE, build: () => ({ url: '/.well-known/jwks.json' }) },
  ],
  'GET /reseau/cles/:id': [
    {
      name: 'an issuer key (a credential’s kid)',
      own: EVERYONE,
      build: () => ({ url: '/reseau/cles/ob3-issuer' }),
    },
  ],
  'GET /reseau/profil.json': [
    { name: 'issuer profile', own: EVERYONE, build: () => ({ url: '/reseau/profil.json' }) },
  ],

  // ——— « Diplomates des territoires » ———
  'GET /parcours': [{ name: 'editions', own: EVERYONE, build: () => ({ url: '/parcours' }) }],
  'GET /parcours/:id': [
    { name: 'an edition', own: EVERYONE, build: (c) => ({ url: `/parcours/${c.f.program.id}` }) },
  ],
  'POST /parcours/:id/interet': [
    {
      name: 'express interest (open to anyone)',
      own: EVERYONE,
      build: (c) => ({
        url: `/parcours/${c.f.program.id}/interet`,
        form: {
          firstName: 'Éloi',
          lastName: 'Intéressé',
          email: newEmail(),
          organisationName: 'Commune de Matrice',
          mandate: 'maire adjoint',
        },
      }),
    },
  ],
  'POST /parcours/:id/candidature': [
    {
      name: 'apply for oneself (élus of member local governments only)',
      own: ELECTED,
      build: async (c) => ({
        url: `/parcours/${(await fresh.program(c.f.db, c.f.A.people.staff.id)).id}/candidature`,
        form: { motivation: 'Nouvelle élue' },
      }),
    },
    {
      name: 'apply for an élu of the organisation',
      scoped: true,
      own: REFERENT_OR_STAFF,
      foreign: STAFF,
      build: async (c) => ({
        url: `/parcours/${(await fresh.program(c.f.db, c.f.A.people.staff.id)).id}/candidature`,
        form: { personId: c.target.electedColleague.id, motivation: 'Candidature pour notre élue' },
      }),
    },
  ],
  // The links mailed about an expression of interest: anyone holding one (its token signs the id).
  'GET /parcours/interet/:id/confirmer': [
    {
      name: 'the page of a confirmation link',
      own: EVERYONE,
      build: async (c) => {
        const url = interestLink(signing, await pendingInterest(c), 'confirm');
        return { url: url.replace(signing.baseUrl, '') };
      },
    },
  ],
  'POST /parcours/interet/:id/confirmer': [
    {
      name: 'confirm an address (double opt-in)',
      own: EVERYONE,
      build: async (c) => linkForm(await pendingInterest(c), 'confirm'),
    },
  ],
  'GET /parcours/interet/:id/retirer': [
    {
      name: 'the page of a withdrawal link',
      own: EVERYONE,
      build: async (c) => {
        const url = interestLink(signing, await pendingInterest(c), 'withdraw');
        return { url: url.replace(signing.baseUrl, '') };
      },
    },
  ],
  'POST /parcours/interet/:id/retirer': [
    {
      name: 'withdraw one’s interest',
      own: EVERYONE,
      build: async (c) => linkForm(await pendingInterest(c), 'withdraw'),
    },
  ],
  'GET /mon-parcours': [{ name: 'my path', own: SIGNED_IN, build: () => ({ url: '/mon-parcours' }) }],
  'GET /mon-parcours/certificat.pdf': [
    {
      name: 'my certificate (only its holder has one)',
      own: ELECTED,
      build: () => ({ url: '/mon-parcours/certificat.pdf' }),
    },
  ],
  'GET /gestion/parcours': staffOnly('editions', () => ({ url: '/gestion/parcours' })),
  'POST /gestion/parcours': staffOnly('create an edition', () => ({
    url: '/gestion/parcours',
    form: { title: `Promotion ${unique()}`, minSessions: '3' },
  })),
  'GET /gestion/parcours/:id': staffOnly('manage an edition', (c) => ({
    url: `/gestion/parcours/${c.f.program.id}`,
  })),
  'POST /gestion/parcours/:id/seances': staffOnly('add a session', async (c) => ({
    url: `/gestion/parcours/${c.f.program.id}/seances`,
    form: { eventId: (await fresh.event(c.f.db)).id },
  })),
  'POST /gestion/parcours/:id/invitations': staffOnly('invite the interested', (c) => ({
    url: `/gestion/parcours/${c.f.program.id}/invitations`,
    form: {},
  })),
  'GET /gestion/parcours/:id/interets.csv': staffOnly('interests as CSV', (c) => ({
    url: `/gestion/parcours/${c.f.program.id}/interets.csv`,
  })),
  'GET /gestion/parcours/:id/interets.xlsx': staffOnly('interests as XLSX', (c) => ({
    url: `/gestion/parcours/${c.f.program.id}/interets.xlsx`,
  })),
  'GET /gestion/parcours/:id/promotion': staffOnly('the cohort', (c) => ({
    url: `/gestion/parcours/${c.f.program.id}/promotion`,
  })),
  'GET /gestion/parcours/:id/promotion.csv': staffOnly('the cohort as CSV', (c) => ({
    url: `/gestion/parcours/${c.f.program.id}/promotion.csv`,
  })),
  'GET /gestion/parcours/:id/promotion.xlsx': staffOnly('the cohort as XLSX', (c) => ({
    url: `/gestion/parcours/${c.f.program.id}/promotion.xlsx`,
  })),
  'GET /gestion/parcours/:id/candidatures': staffOnly('review queue', (c) => ({
    url: `/gestion/parcours/${c.f.program.id}/candidatures`,
  })),
  'GET /gestion/parcours/:id/candidatures/:applicationId': staffOnlyScoped('an application', (c) => ({
    url: `/gestion/parcours/${c.f.program.id}/candidatures/${c.target.pendingApplicationId}`,
  })),
  'POST /gestion/parcours/:id/candidatures/decisions': staffOnlyScoped(
    'decide on the applications ticked',
    async (c) => ({
      url: `/gestion/parcours/${c.f.program.id}/candidatures/decisions`,
      form: {
        [`choix_${c.role === 'staff' ? (await fresh.application(c.f, c.target)).id : c.target.pendingApplicationId}`]:
          'oui',
        decision: 'waitlisted',
        motivation: 'Promotion complète cette année',
        etape: 'confirmer',
      },
    }),
  ),
  'POST /gestion/parcours/:id/candidatures/:applicationId/decision': staffOnlyScoped(
    'decide on an application',
    async (c) => ({
      url: `/gestion/parcours/${c.f.program.id}/candidatures/${
        c.role === 'staff' ? (await fresh.application(c.f, c.target)).id : c.target.pendingApplicationId
      }/decision`,
      form: { decision: 'waitlisted' },
    }),
  ),
  'POST /gestion/parcours/:id/candidatures/:applicationId/avis': staffOnlyScoped(
    'give an opinion on an application',
    (c) => ({
      url: `/gestion/parcours/${c.f.program.id}/candidatures/${c.target.pendingApplicationId}/avis`,
      form: { opinion: 'reserved', score: '11', note: 'À revoir en commission' },
    }),
  ),
  'POST /gestion/parcours/:id/certificats': staffOnly('issue certificates (confirmed if early)', (c) => ({
    url: `/gestion/parcours/${c.f.program.id}/certificats`,
    form: { early: 'oui' },
  })),
  'POST /gestion/certificats/:code/revocation': staffOnlyScoped('revoke a certificate', async (c) => ({
    url: `/gestion/certificats/${c.role === 'staff' ? await fresh.certificate(c.f, c.target) : c.target.certificateCode}/revocation`,
    form: { reason: 'Délivré par erreur' },
  })),

  // ——— API: « Diplomates des territoires » ———
  'POST /api/v1/programs': staffOnly('create an edition', () => ({
    url: '/api/v1/programs',
    json: { title: `Promotion ${unique()}`, minSessions: 3 },
  })),
  'POST /api/v1/programs/:id/sessions': staffOnly('add a session', async (c) => ({
    url: `/api/v1/programs/${c.f.program.id}/sessions`,
    json: { eventId: (await fresh.event(c.f.db)).id },
  })),
  'POST /api/v1/programs/:id/applications': [
    {
      name: 'apply for oneself (élus of member local governments only)',
      scoped: true,
      own: ELECTED,
      foreign: NOBODY,
      build: async (c) => ({
        url: `/api/v1/programs/${(await fresh.program(c.f.db, c.f.A.people.staff.id)).id}/applications`,
        json: { personId: c.self.id },
      }),
    },
    {
      name: 'apply for an élu of the organisation',
      scoped: true,
      own: REFERENT_OR_STAFF,
      foreign: STAFF,
      build: async (c) => ({
        url: `/api/v1/programs/${(await fresh.program(c.f.db, c.f.A.people.staff.id)).id}/applications`,
        json: { personId: c.target.electedColleague.id },
      }),
    },
  ],
  'GET /api/v1/programs/:id/participants/:personId': [
    {
      name: 'one’s progress',
      scoped: true,
      own: SIGNED_IN,
      foreign: STAFF,
      build: (c) => ({ url: `/api/v1/programs/${c.f.program.id}/participants/${c.self.id}` }),
    },
    {
      name: 'an élu colleague’s progress',
      scoped: true,
      own: REFERENT_OR_STAFF,
      foreign: STAFF,
      build: (c) => ({
        url: `/api/v1/programs/${c.f.program.id}/participants/${c.target.electedColleague.id}`,
      }),
    },
  ],
  'POST /api/v1/programs/:id/certificates': staffOnly('issue certificates (confirmed if early)', (c) => ({
    url: `/api/v1/programs/${c.f.program.id}/certificates`,
    json: { early: true },
  })),
  'GET /api/v1/certificates/:code': [
    {
      name: 'verify a certificate (public)',
      own: EVERYONE,
      build: (c) => ({ url: `/api/v1/certificates/${c.target.certificateCode}` }),
    },
  ],
  'GET /api/v1/certificates/:code/pdf': [
    {
      name: 'a certificate’s PDF',
      scoped: true,
      own: HOLDER_OR_STAFF,
      foreign: STAFF,
      build: (c) => ({ url: `/api/v1/certificates/${c.target.certificateCode}/pdf` }),
    },
  ],
};
