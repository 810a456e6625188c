// The authorisation matrix of the atlas's staff pages (see tests/proof/matrix.ts for how a case reads): every
// route is the staff's alone. Spread into atlas.matrix.ts with the public pages' and the API's entries.
import { type Case, type Cell, staffOnly } from '../../../tests/proof/cases.ts';
import { expectOk, unique } from '../../../tests/proof/world.ts';
import { createOrganisation } from '../organisations/organisations.ts';
import { addProject, createPartnership, type Partnership, setArchived } from './partnerships.ts';
import { createPublication, type Publication, setPublicationArchived } from './staff-atlas.ts';

const staffOf = (c: Cell) => c.f.A.people.staff.id;
const base = '/gestion/atlas';

/** A foreign local government of its own (names are unique among organisations). */
const freshPartner = async (c: Cell) =>
  expectOk(
    await createOrganisation(
      c.f.db,
      { name: `Ville de Kumasi ${unique()}`, kind: 'foreign_local_government', country: 'GH' },
      null,
    ),
  );

/** A new partnership of the target world's member local government (each cell its own). */
const freshPartnership = async (c: Cell): Promise<Partnership> =>
  expectOk(
    await createPartnership(
      c.f.db,
      {
        frenchOrganisationIds: [c.target.memberOrg.id],
        partnerOrganisationId: (await freshPartner(c)).id,
        kind: 'twinning',
        status: 'active',
        themes: ['water'],
      },
      staffOf(c),
    ),
  );

async function freshProject(c: Cell) {
  const partnership = await freshPartnership(c);
  const project = expectOk(
    await addProject(c.f.db, partnership.id, { title: 'Forages', startYear: 2024 }, staffOf(c)),
  );
  return { partnership, project };
}

const freshPublication = async (c: Cell): Promise<Publication> =>
  expectOk(
    await createPublication(
      c.f.db,
      { kind: 'guide', title: `Guide ${unique()}`, editedOn: '2026-06-01' },
      staffOf(c),
    ),
  );

const partnershipForm = async (c: Cell) => ({
  french: [c.target.memberOrg.id],
  partnerId: (await freshPartner(c)).id,
  kind: 'twinning',
  status: 'active',
  themes: ['water', 'culture'],
});

const projectForm = { title: 'Forages', startYear: '2024', budget: '12 500,50', coFunders: 'DAECT' };

export const staffAtlasMatrix: Record<string, Case[]> = {
  [`GET ${base}`]: staffOnly('the partnerships, for staff', () => ({ url: `${base}?archives=avec` })),
  [`GET ${base}/partenariats.csv`]: staffOnly('the partnerships as CSV', () => ({
    url: `${base}/partenariats.csv`,
  })),
  [`GET ${base}/partenariats.xlsx`]: staffOnly('the partnerships as XLSX', () => ({
    url: `${base}/partenariats.xlsx`,
  })),
  [`POST ${base}/archivage`]: staffOnly('archive several partnerships, confirmed', async (c) => ({
    url: `${base}/archivage`,
    form: { [`choix_${(await freshPartnership(c)).id}`]: 'oui', action: 'archiver', etape: 'confirmer' },
  })),
  [`GET ${base}/partenariats/nouveau`]: staffOnly('the form of a new partnership', () => ({
    url: `${base}/partenariats/nouveau`,
  })),
  [`POST ${base}/partenariats/nouveau`]: staffOnly('create a partnership', async (c) => ({
    url: `${base}/partenariats/nouveau`,
    form: await partnershipForm(c),
  })),
  [`GET ${base}/partenariats/:id`]: staffOnly('a partnership, for staff', async (c) => ({
    url: `${base}/partenariats/${(await freshPartnership(c)).id}`,
  })),
  [`POST ${base}/partenariats/:id`]: staffOnly('edit a partnership', async (c) => ({
    url: `${base}/partenariats/${(await freshPartnership(c)).id}`,
    form: await partnershipForm(c),
  })),
  [`POST ${base}/partenariats/:id/archiver`]: staffOnly('archive a partnership', async (c) => ({
    url: `${base}/partenariats/${(await freshPartnership(c)).id}/archiver`,
    form: {},
  })),
  [`POST ${base}/partenariats/:id/restaurer`]: staffOnly('restore a partnership', async (c) => {
    const partnership = await freshPartnership(c);
    expectOk(await setArchived(c.f.db, partnership.id, true, staffOf(c)));
    return { url: `${base}/partenariats/${partnership.id}/restaurer`, form: {} };
  }),
  [`POST ${base}/partenariats/:id/projets`]: staffOnly('add a project', async (c) => ({
    url: `${base}/partenariats/${(await freshPartnership(c)).id}/projets`,
    form: projectForm,
  })),
  [`POST ${base}/partenariats/:id/projets/:projectId`]: staffOnly('edit a project', async (c) => {
    const { partnership, project } = await freshProject(c);
    return { url: `${base}/partenariats/${partnership.id}/projets/${project.id}`, form: projectForm };
  }),
  [`POST ${base}/partenariats/:id/projets/:projectId/supprimer`]: staffOnly('delete a project', async (c) => {
    const { partnership, project } = await freshProject(c);
    return { url: `${base}/partenariats/${partnership.id}/projets/${project.id}/supprimer`, form: {} };
  }),
  [`GET ${base}/repertoires`]: staffOnly('the countries’ directories, for staff', () => ({
    url: `${base}/repertoires`,
  })),
  [`GET ${base}/repertoires/:country`]: staffOnly('a country’s introduction, its form', () => ({
    url: `${base}/repertoires/SN`,
  })),
  [`POST ${base}/repertoires/:country`]: staffOnly('edit a country’s introduction', () => ({
    url: `${base}/repertoires/SN`,
    form: { introduction: 'Le Sénégal compte 557 communes.' },
  })),
  [`GET ${base}/publications`]: staffOnly('the publications, for staff', () => ({
    url: `${base}/publications`,
  })),
  [`POST ${base}/publications`]: staffOnly('add a publication', () => ({
    url: `${base}/publications`,
    form: { kind: 'brochure', title: `Brochure ${unique()}`, editedOn: '2026-05-01' },
  })),
  [`GET ${base}/publications/:id`]: staffOnly('a publication, its form', async (c) => ({
    url: `${base}/publications/${(await freshPublication(c)).id}`,
  })),
  [`POST ${base}/publications/:id`]: staffOnly('edit a publication', async (c) => ({
    url: `${base}/publications/${(await freshPublication(c)).id}`,
    form: { kind: 'report', title: `Rapport ${unique()}`, editedOn: '2026-05-01' },
  })),
  [`POST ${base}/publications/:id/archiver`]: staffOnly('archive a publication', async (c) => ({
    url: `${base}/publications/${(await freshPublication(c)).id}/archiver`,
    form: {},
  })),
  [`POST ${base}/publications/:id/restaurer`]: staffOnly('restore a publication', async (c) => {
    const publication = await freshPublication(c);
    expectOk(await setPublicationArchived(c.f.db, publication.id, true, staffOf(c)));
    return { url: `${base}/publications/${publication.id}/restaurer`, form: {} };
  }),
};
