// The authorization matrix of the atlas's routes (see tests/proof/matrix.ts for how a case reads):
// tests/proof-authorization.test.ts runs every cell, tests/proof-bad-input.test.ts starts from its requests.
import { type Case, type Cell, EVERYONE, MEMBERS, staffOnly } from '../../../tests/proof/cases.ts';
import { expectOk, unique } from '../../../tests/proof/world.ts';
import { createOrganisation } from '../organisations/organisations.ts';
import { contributionsMatrix } from './contributions.matrix.ts';
import { openDataMatrix } from './open-data.matrix.ts';
import { createPartnership, type Partnership } from './partnerships.ts';
import { staffAtlasMatrix } from './staff-atlas.matrix.ts';

const staffOf = (c: Cell) => c.f.A.people.staff.id;

/** A new foreign local government in `country`. */
export async function freshPartner(c: Cell, country = 'SN') {
  return expectOk(
    await createOrganisation(
      c.f.db,
      { name: `Commune ${unique()}`, kind: 'foreign_local_government', country },
      staffOf(c),
    ),
  );
}

/** A new partnership of the target world's member organisation with a new partner in `country`. */
export async function freshPartnership(c: Cell, country = 'SN'): Promise<Partnership> {
  const partner = await freshPartner(c, country);
  return expectOk(
    await createPartnership(
      c.f.db,
      {
        frenchOrganisationIds: [c.target.memberOrg.id],
        partnerOrganisationId: partner.id,
        kind: 'decentralised_cooperation',
        status: 'active',
        themes: ['water'],
      },
      staffOf(c),
    ),
  );
}

export const matrix: Record<string, Case[]> = {
  ...contributionsMatrix,
  ...openDataMatrix,
  ...staffAtlasMatrix,
  // ——— For everyone ———
  'GET /atlas': [
    { name: 'the atlas and its maps', own: EVERYONE, build: () => ({ url: '/atlas' }) },
    {
      name: 'a question read as theme and country',
      own: EVERYONE,
      build: () => ({ url: `/atlas?q=${encodeURIComponent('qui travaille sur l’eau au Sénégal ?')}` }),
    },
  ],
  'GET /repertoires': [
    { name: 'the directories by country', own: EVERYONE, build: () => ({ url: '/repertoires' }) },
  ],
  'GET /repertoires/:country': [
    {
      name: 'a country’s directory (summary or full)',
      own: EVERYONE,
      build: async (c) => {
        await freshPartnership(c, 'SN');
        return { url: '/repertoires/SN' };
      },
    },
    {
      name: 'a country’s directory as PDF: members in good standing and staff',
      own: MEMBERS,
      build: async (c) => {
        await freshPartnership(c, 'MR');
        return { url: '/repertoires/MR.pdf' };
      },
    },
  ],
  'GET /publications': [{ name: 'the publications', own: EVERYONE, build: () => ({ url: '/publications' }) }],

  // ——— API ———
  'POST /api/v1/partnerships': staffOnly('create a partnership', async (c) => ({
    url: '/api/v1/partnerships',
    json: {
      frenchOrganisationIds: [c.target.memberOrg.id],
      partnerOrganisationId: (await freshPartner(c, 'JP')).id,
      kind: 'twinning',
      status: 'active',
      themes: ['culture'],
      since: 1995,
    },
  })),
  'POST /api/v1/partnerships/:id/projects': staffOnly('add a project', async (c) => ({
    url: `/api/v1/partnerships/${(await freshPartnership(c)).id}/projects`,
    json: { title: 'Accès à l’eau potable', startYear: 2024, budgetCents: 12_000_000, coFunders: ['AFD'] },
  })),
  'GET /api/v1/partnerships': [
    {
      name: 'search the partnerships',
      own: EVERYONE,
      build: () => ({ url: '/api/v1/partnerships?q=eau&country=SN&theme=water' }),
    },
  ],
  'GET /api/v1/themes': [{ name: 'the themes', own: EVERYONE, build: () => ({ url: '/api/v1/themes' }) }],
};
