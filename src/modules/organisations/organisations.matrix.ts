// The authorisation matrix of this module's routes (see tests/proof/matrix.ts for how a case reads):
// tests/proof-authorization.test.ts runs every cell, tests/proof-bad-input.test.ts starts from its requests.

import {
  type Case,
  csvFile,
  newEmail,
  newPersonForm,
  REFERENT,
  REFERENT_OR_STAFF,
  SIGNED_IN,
  STAFF,
  staffOnly,
  staffOnlyScoped,
} from '../../../tests/proof/cases.ts';
import { fresh, unique } from '../../../tests/proof/world.ts';
import { parisYear } from '../../platform/time.ts';
import { listMandates } from './people.ts';

export const matrix: Record<string, Case[]> = {
  // ——— Organisations and people: staff pages ———
  'GET /gestion/organisations': staffOnly('list', () => ({ url: '/gestion/organisations' })),
  'GET /gestion/organisations/nouvelle': staffOnly('new organisation form', () => ({
    url: '/gestion/organisations/nouvelle?q=Lyon',
  })),
  'POST /gestion/organisations': staffOnly('create an organisation', () => ({
    url: '/gestion/organisations',
    form: { name: `Institut ${unique()}`, kind: 'institution' },
  })),
  'GET /gestion/organisations/:id': staffOnlyScoped('an organisation', (c) => ({
    url: `/gestion/organisations/${c.org.id}`,
  })),
  'POST /gestion/organisations/:id/adhesions': staffOnlyScoped('record a membership', (c) => ({
    url: `/gestion/organisations/${c.target.memberOrg.id}/adhesions`,
    form: { year: String(parisYear()), status: 'active', fee: '1500' },
  })),
  'POST /gestion/organisations/:id/personnes': staffOnlyScoped('add a person to an organisation', (c) => ({
    url: `/gestion/organisations/${c.org.id}/personnes`,
    form: newPersonForm(),
  })),
  'GET /gestion/personnes/:id': staffOnlyScoped('a person', (c) => ({
    url: `/gestion/personnes/${c.self.id}`,
  })),
  'POST /gestion/personnes/:id/mandats': staffOnlyScoped('start a mandate', async (c) => ({
    url: `/gestion/personnes/${(await fresh.elected(c.f.db, c.target.memberOrg.id)).id}/mandats`,
    form: { title: 'conseillère municipale déléguée', startsOn: '2026-03-22' },
  })),
  'POST /gestion/personnes/:id/deplacer': staffOnlyScoped('move a person', async (c) => ({
    url: `/gestion/personnes/${(await fresh.officer(c.f.db, c.target.memberOrg.id)).id}/deplacer`,
    form: { organisationId: c.target.nonMemberOrg.id },
  })),
  'POST /gestion/personnes/:id/referent': staffOnlyScoped('make a referent', async (c) => ({
    url: `/gestion/personnes/${(await fresh.officer(c.f.db, c.target.memberOrg.id)).id}/referent`,
    form: { referent: 'true' },
  })),
  'POST /gestion/personnes/:id/compte': staffOnlyScoped('disable an account', async (c) => ({
    url: `/gestion/personnes/${(await fresh.officer(c.f.db, c.target.memberOrg.id)).id}/compte`,
    form: { disabled: 'true' },
  })),
  'POST /gestion/mandats/:id/fin': staffOnlyScoped('end a mandate', async (c) => {
    const elected = await fresh.elected(c.f.db, c.target.memberOrg.id);
    const [mandate] = await listMandates(c.f.db, elected.id);
    const id = mandate!.mandate.id;
    return { url: `/gestion/mandats/${id}/fin`, form: { [`endsOn-${id}`]: '2030-06-30' } };
  }),
  'GET /gestion/adhesions/renouvellement': staffOnly('renewals due', () => ({
    url: '/gestion/adhesions/renouvellement',
  })),
  'GET /gestion/import': staffOnly('import form', () => ({ url: '/gestion/import' })),
  'POST /gestion/import': staffOnly('upload a file to import', () => ({
    url: '/gestion/import',
    multipart: {
      fields: { kind: 'people' },
      file: csvFile(`prénom;nom;email;type;organisation\nIma;Port;${newEmail()};technicien;\n`),
    },
  })),
  'GET /gestion/import/:id': staffOnly('import preview', (c) => ({ url: `/gestion/import/${c.f.importId}` })),
  'POST /gestion/import/:id/confirmer': staffOnly('apply an import', async (c) => ({
    url: `/gestion/import/${c.role === 'staff' ? await fresh.importId(c.f.db, c.actor.people.staff.id) : c.f.importId}/confirmer`,
    form: {},
  })),
  'GET /gestion/export/:file': staffOnly('export of people', () => ({
    url: '/gestion/export/personnes.csv',
  })),

  // ——— « Mon espace » ———
  'GET /mon-espace': [{ name: 'my space', own: SIGNED_IN, build: () => ({ url: '/mon-espace' }) }],
  'GET /mon-espace/donnees': [
    { name: 'my personal data', own: SIGNED_IN, build: () => ({ url: '/mon-espace/donnees' }) },
  ],
  'GET /mon-espace/donnees.json': [
    { name: 'my personal data as JSON', own: SIGNED_IN, build: () => ({ url: '/mon-espace/donnees.json' }) },
  ],
  'GET /gestion/personnes/:id/donnees': staffOnlyScoped('a person’s data', (c) => ({
    url: `/gestion/personnes/${c.self.id}/donnees`,
  })),
  'GET /gestion/personnes/:id/donnees.json': staffOnlyScoped('a person’s data as JSON', (c) => ({
    url: `/gestion/personnes/${c.self.id}/donnees.json`,
  })),
  'GET /gestion/personnes/:id/effacement': staffOnlyScoped('the erasure form', (c) => ({
    url: `/gestion/personnes/${c.self.id}/effacement`,
  })),
  'POST /gestion/personnes/:id/effacement': staffOnlyScoped('erase a person', async (c) => ({
    url: `/gestion/personnes/${(await fresh.officer(c.f.db, c.target.memberOrg.id)).id}/effacement`,
    form: { confirm: 'oui' },
  })),
  'POST /mon-espace/personnes': [
    {
      name: 'a referent adds a colleague to their organisation',
      own: REFERENT,
      build: () => ({ url: '/mon-espace/personnes', form: newPersonForm() }),
    },
  ],

  // ——— API: organisations and people ———
  'POST /api/v1/organisations': staffOnly('create an organisation', () => ({
    url: '/api/v1/organisations',
    json: { name: `Institut ${unique()}`, kind: 'institution' },
  })),
  'GET /api/v1/organisations': staffOnly('search organisations', () => ({
    url: '/api/v1/organisations?q=Saint',
  })),
  'GET /api/v1/organisations/:id': [
    {
      name: 'one’s organisation',
      scoped: true,
      own: SIGNED_IN,
      foreign: STAFF,
      build: (c) => ({ url: `/api/v1/organisations/${c.org.id}` }),
    },
  ],
  'POST /api/v1/organisations/:id/memberships': staffOnlyScoped('record a membership', (c) => ({
    url: `/api/v1/organisations/${c.target.memberOrg.id}/memberships`,
    json: { year: parisYear(), status: 'active', feeCents: 150_000 },
  })),
  'POST /api/v1/people': [
    {
      name: 'add a person to one’s organisation',
      scoped: true,
      own: REFERENT_OR_STAFF,
      foreign: STAFF,
      build: (c) => ({ url: '/api/v1/people', json: { ...newPersonForm(), organisationId: c.org.id } }),
    },
  ],
  'GET /api/v1/people/:id': [
    {
      name: 'oneself',
      scoped: true,
      own: SIGNED_IN,
      foreign: STAFF,
      build: (c) => ({ url: `/api/v1/people/${c.self.id}` }),
    },
    {
      name: 'a colleague',
      scoped: true,
      own: REFERENT_OR_STAFF,
      foreign: STAFF,
      build: (c) => ({ url: `/api/v1/people/${c.target.colleague.id}` }),
    },
  ],
};
