// The authorisation matrix of the contributions' routes (see tests/proof/cases.ts for how a case reads); the
// lead spreads it into atlas.matrix.ts. A referent proposes only for their own organisation's partnerships;
// moderation, history and the « appel à contribution » are staff's.
import { type Case, type Cell, NOBODY, REFERENT, staffOnly } from '../../../tests/proof/cases.ts';
import { expectOk, unique } from '../../../tests/proof/world.ts';
import { createGroup } from '../groups/groups.ts';
import { addMember } from '../groups/members.ts';
import { createOrganisation } from '../organisations/organisations.ts';
import { proposeContribution } from './contributions.ts';
import { createPartnership, snapshotOf } from './partnerships.ts';

const staffOf = (c: Cell) => c.f.A.people.staff.id;

/** A new foreign local government (each cell its own). */
const freshPartner = async (c: Cell) =>
  expectOk(
    await createOrganisation(
      c.f.db,
      { name: `Partenaire ${unique()}`, kind: 'foreign_local_government', country: 'JP' },
      null,
    ),
  );

/** A new partnership of the target world's member organisation. */
const freshPartnership = async (c: Cell) =>
  expectOk(
    await createPartnership(
      c.f.db,
      {
        frenchOrganisationIds: [c.target.memberOrg.id],
        partnerOrganisationId: (await freshPartner(c)).id,
        kind: 'twinning',
        status: 'active',
        themes: ['culture'],
      },
      staffOf(c),
    ),
  );

/** A pending contribution of the target world's referent (a change of status). */
async function freshContribution(c: Cell) {
  const partnership = await freshPartnership(c);
  const referent = c.target.people.referent;
  return expectOk(
    await proposeContribution(
      c.f.db,
      {
        personId: referent.id,
        firstName: referent.firstName,
        lastName: referent.lastName,
        email: referent.email,
        kind: referent.kind,
        organisationId: referent.organisationId,
        referent: true,
        staff: false,
      },
      partnership.id,
      { ...(await snapshotOf(c.f.db, partnership.id)), status: 'dormant' },
    ),
  );
}

export const contributionsMatrix: Record<string, Case[]> = {
  'GET /mon-espace/partenariats': [
    {
      name: 'my organisation’s partnerships',
      own: REFERENT,
      build: () => ({ url: '/mon-espace/partenariats' }),
    },
  ],
  'POST /mon-espace/partenariats': [
    {
      name: 'propose a new partnership for my organisation',
      own: REFERENT,
      build: async (c) => ({
        url: '/mon-espace/partenariats',
        form: {
          partnerOrganisationId: (await freshPartner(c)).id,
          kind: 'friendship_pact',
          status: 'active',
          themes: ['youth', 'culture'],
        },
      }),
    },
  ],
  'GET /mon-espace/partenariats/:id': [
    {
      name: 'the change form of a partnership',
      scoped: true,
      own: REFERENT,
      foreign: NOBODY,
      build: async (c) => ({ url: `/mon-espace/partenariats/${(await freshPartnership(c)).id}` }),
    },
  ],
  'POST /mon-espace/partenariats/:id': [
    {
      name: 'propose a change to a partnership',
      scoped: true,
      own: REFERENT,
      foreign: NOBODY,
      build: async (c) => ({
        url: `/mon-espace/partenariats/${(await freshPartnership(c)).id}`,
        form: { kind: 'twinning', status: 'dormant', themes: 'culture' },
      }),
    },
  ],
  'GET /gestion/atlas/contributions': staffOnly('the moderation queue', () => ({
    url: '/gestion/atlas/contributions',
  })),
  'POST /gestion/atlas/contributions/:id/accepter': staffOnly('accept a contribution', async (c) => ({
    url: `/gestion/atlas/contributions/${(await freshContribution(c)).id}/accepter`,
    form: {},
  })),
  'POST /gestion/atlas/contributions/:id/refuser': staffOnly('reject a contribution', async (c) => ({
    url: `/gestion/atlas/contributions/${(await freshContribution(c)).id}/refuser`,
    form: { reason: 'Ce partenariat est toujours actif.' },
  })),
  'GET /gestion/atlas/partenariats/:id/historique': staffOnly('a partnership’s history', async (c) => ({
    url: `/gestion/atlas/partenariats/${(await freshPartnership(c)).id}/historique`,
  })),
  'GET /gestion/atlas/appel': staffOnly('preview an « appel à contribution »', () => ({
    url: '/gestion/atlas/appel?pays=JP',
  })),
  'POST /gestion/atlas/appel': staffOnly('send an « appel à contribution »', async (c) => {
    const group = expectOk(
      await createGroup(
        c.f.db,
        { kind: 'country', name: `Groupe ${unique()}`, countries: ['JP'] },
        staffOf(c),
      ),
    );
    expectOk(await addMember(c.f.db, group.id, c.target.memberOrg.id, staffOf(c)));
    return { url: '/gestion/atlas/appel', form: { groupe: group.id } };
  }),
};
