// The authorisation matrix of this module's routes (see tests/proof/matrix.ts for how a case reads):
// tests/proof-authorization.test.ts runs every cell, tests/proof-bad-input.test.ts starts from its requests.

import { buildInstitution, buildLocalGovernment } from '../../../tests/factories.ts';
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
import type { Executor } from '../../platform/db/client.ts';
import { parisYear } from '../../platform/time.ts';
import { recordMembership } from './memberships.ts';
import { listMandates } from './people.ts';

/** A local government that was a member last year and has not renewed: one a reminder may reach. */
async function lateMember(db: Executor) {
  const organisation = await buildLocalGovernment(db, { member: false });
  await recordMembership(db, organisation.id, { year: parisYear() - 1, status: 'active' }, null);
  return organisation;
}

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
  'POST /gestion/organisations/:id/modifier': staffOnly('correct an institution', async (c) => ({
    url: `/gestion/organisations/${(await buildInstitution(c.f.db)).id}/modifier`,
    form: { name: `Institut ${unique()}`, country: 'FR', siren: '' },
  })),
  'POST /gestion/organisations/:id/archive': staffOnly('archive an organisation', async (c) => ({
    url: `/gestion/organisations/${(await buildInstitution(c.f.db)).id}/archive`,
    form: { archived: 'true' },
  })),
  'GET /gestion/personnes': staffOnly('the people directory', () => ({
    url: '/gestion/personnes?q=Camille&kind=officer&mandate=false&member=true',
  })),
  'POST /gestion/personnes/:id/modifier': staffOnlyScoped('correct a person', async (c) => ({
    url: `/gestion/personnes/${(await fresh.officer(c.f.db, c.target.memberOrg.id)).id}/modifier`,
    form: {
      firstName: 'Inès',
      lastName: `Corrigée-${unique()}`,
      email: newEmail(),
      kind: 'officer',
      civility: 'madame',
    },
  })),
  'GET /gestion/personnes/:id/fusionner': staffOnlyScoped('the preview of a merge', (c) => ({
    url: `/gestion/personnes/${c.target.colleague.id}/fusionner?vers=${c.target.electedColleague.id}`,
  })),
  'POST /gestion/personnes/:id/fusionner': staffOnlyScoped('merge two records of a person', async (c) => {
    const duplicate = await fresh.officer(c.f.db, c.target.memberOrg.id);
    const kept = await fresh.officer(c.f.db, c.target.memberOrg.id);
    return { url: `/gestion/personnes/${duplicate.id}/fusionner`, form: { intoId: kept.id } };
  }),
  'GET /gestion/adhesions/renouvellement': staffOnly('renewals due', () => ({
    url: '/gestion/adhesions/renouvellement',
  })),
  'GET /gestion/adhesions/relance': staffOnly('the preview of a reminder', () => ({
    url: '/gestion/adhesions/relance',
  })),
  'POST /gestion/adhesions/relance': staffOnly('remind a late member', async (c) => ({
    url: '/gestion/adhesions/relance',
    form: { year: String(parisYear()), round: '1', organisationId: (await lateMember(c.f.db)).id },
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
  'POST /gestion/import/:id/abandonner': staffOnly('abandon an import', async (c) => ({
    url: `/gestion/import/${c.role === 'staff' ? await fresh.importId(c.f.db, c.actor.people.staff.id) : c.f.importId}/abandonner`,
    form: {},
  })),
  'GET /gestion/export/:file': staffOnly('export of people, filtered', () => ({
    url: '/gestion/export/personnes.csv?kind=officer&mandate=false',
  })),

  // ——— « Mon espace » ———
  'GET /mon-espace': [{ name: 'my space', own: SIGNED_IN, build: () => ({ url: '/mon-espace' }) }],
  'POST /mon-espace/profil': [
    {
      name: 'correct one’s names and civility',
      own: SIGNED_IN,
      build: (c) => ({
        url: '/mon-espace/profil',
        form: { firstName: c.self.firstName, lastName: c.self.lastName, civility: 'madame' },
      }),
    },
  ],
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
  'PATCH /api/v1/organisations/:id': staffOnly('correct an institution', async (c) => ({
    url: `/api/v1/organisations/${(await buildInstitution(c.f.db)).id}`,
    json: { name: `Institut ${unique()}`, country: 'BE' },
  })),
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
  'GET /api/v1/people': staffOnly('search people', () => ({
    url: '/api/v1/people?q=camille&kind=officer',
  })),
  'PATCH /api/v1/people/:id': [
    {
      name: 'oneself: names and civility',
      scoped: true,
      own: SIGNED_IN,
      foreign: STAFF,
      build: (c) => ({
        url: `/api/v1/people/${c.self.id}`,
        json: { firstName: c.self.firstName, civility: 'madame' },
      }),
    },
    {
      name: 'a colleague: names',
      scoped: true,
      own: REFERENT_OR_STAFF,
      foreign: STAFF,
      build: (c) => ({
        url: `/api/v1/people/${c.target.colleague.id}`,
        json: { lastName: c.target.colleague.lastName },
      }),
    },
    {
      name: 'an address: staff only (the key of an account)',
      scoped: true,
      own: STAFF,
      foreign: STAFF,
      build: async (c) => ({
        url: `/api/v1/people/${(await fresh.officer(c.f.db, c.target.memberOrg.id)).id}`,
        json: { email: newEmail() },
      }),
    },
  ],
  'POST /api/v1/people/:id/merge': staffOnlyScoped('merge two records of a person', async (c) => {
    const duplicate = await fresh.officer(c.f.db, c.target.memberOrg.id);
    const kept = await fresh.officer(c.f.db, c.target.memberOrg.id);
    return { url: `/api/v1/people/${duplicate.id}/merge`, json: { intoId: kept.id } };
  }),
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
