// The authorisation matrix of the groups' routes (see tests/proof/matrix.ts for how a case reads):
// tests/proof-authorization.test.ts runs every cell, tests/proof-bad-input.test.ts starts from its requests.
import {
  type Case,
  type Cell,
  EVERYONE,
  REFERENT,
  REFERENT_OR_STAFF,
  SIGNED_IN,
  STAFF,
  staffOnly,
} from '../../../tests/proof/cases.ts';
import { expectOk, fresh, pdfBytes, unique } from '../../../tests/proof/world.ts';
import { addGroupDocument } from './documents.ts';
import { createGroup, type Group } from './groups.ts';
import { linkMeeting } from './meetings.ts';
import { addMember, follow } from './members.ts';
import { addRoadmapItem } from './roadmap.ts';

const staffOf = (c: Cell) => c.f.A.people.staff.id;

/** A new group (each cell its own: joining or following twice would be another answer). */
const freshGroup = async (c: Cell): Promise<Group> =>
  expectOk(
    await createGroup(c.f.db, { kind: 'country', name: `Groupe ${unique()}`, countries: ['JP'] }, staffOf(c)),
  );

/** A new group with a meeting to come. */
async function groupMeeting(c: Cell) {
  const group = await freshGroup(c);
  const event = await fresh.event(c.f.db);
  expectOk(await linkMeeting(c.f.db, group.id, event.id, staffOf(c)));
  return { group, event };
}

/** A new group with an item on its roadmap. */
async function roadmapItem(c: Cell) {
  const group = await freshGroup(c);
  const item = expectOk(
    await addRoadmapItem(c.f.db, group.id, { title: 'Préparer les Assises' }, staffOf(c)),
  );
  return { group, item };
}

/** A group whose member is the target world's member organisation, with a document for its members. */
async function membersDocument(c: Cell) {
  const group = await freshGroup(c);
  expectOk(await addMember(c.f.db, group.id, c.target.memberOrg.id, staffOf(c)));
  const document = expectOk(
    await addGroupDocument(
      c.f.db,
      group.id,
      { kind: 'minutes', visibility: 'members' },
      { fileName: 'compte-rendu.pdf', content: pdfBytes },
      staffOf(c),
    ),
  );
  return `/groupes/${group.slug}/documents/${document.id}`;
}

const groupForm = () => ({
  kind: 'thematic',
  name: `Dynamique ${unique()}`,
  countries: 'BF, ML',
  status: 'active',
});

export const matrix: Record<string, Case[]> = {
  // ——— For everyone ———
  'GET /groupes': [{ name: 'the groups, by kind', own: EVERYONE, build: () => ({ url: '/groupes' }) }],
  'GET /groupes/:slug': [
    {
      name: 'a group’s page',
      own: EVERYONE,
      build: async (c) => ({ url: `/groupes/${(await freshGroup(c)).slug}` }),
    },
  ],
  'POST /groupes/:slug/suivre': [
    {
      name: 'follow a group',
      own: SIGNED_IN,
      build: async (c) => ({ url: `/groupes/${(await freshGroup(c)).slug}/suivre`, form: {} }),
    },
  ],
  'POST /groupes/:slug/ne-plus-suivre': [
    {
      name: 'stop following a group',
      own: SIGNED_IN,
      build: async (c) => ({ url: `/groupes/${(await freshGroup(c)).slug}/ne-plus-suivre`, form: {} }),
    },
  ],
  'POST /groupes/:slug/adhesion': [
    {
      name: 'a referent makes their organisation join',
      own: REFERENT,
      build: async (c) => ({ url: `/groupes/${(await freshGroup(c)).slug}/adhesion`, form: {} }),
    },
  ],
  'POST /groupes/:slug/collegues': [
    {
      name: 'a referent has a colleague follow the group',
      scoped: true,
      own: REFERENT,
      foreign: '------',
      build: async (c) => ({
        url: `/groupes/${(await freshGroup(c)).slug}/collegues`,
        form: { personId: c.target.colleague.id },
      }),
    },
  ],
  'GET /groupes/:slug/documents/:documentId': [
    {
      name: 'a public document',
      own: EVERYONE,
      build: async (c) => {
        const group = await freshGroup(c);
        const document = expectOk(
          await addGroupDocument(
            c.f.db,
            group.id,
            { kind: 'document', visibility: 'public' },
            { fileName: 'programme.pdf', content: pdfBytes },
            staffOf(c),
          ),
        );
        return { url: `/groupes/${group.slug}/documents/${document.id}` };
      },
    },
    {
      name: 'a document for the group’s members',
      scoped: true,
      own: '--YYYY',
      foreign: STAFF,
      build: async (c) => ({ url: await membersDocument(c) }),
    },
  ],
  'GET /mes-groupes': [{ name: 'my groups', own: SIGNED_IN, build: () => ({ url: '/mes-groupes' }) }],

  // ——— Staff ———
  'GET /gestion/groupes': staffOnly('the groups', () => ({ url: '/gestion/groupes' })),
  'POST /gestion/groupes': staffOnly('create a group', () => ({
    url: '/gestion/groupes',
    form: groupForm(),
  })),
  'GET /gestion/groupes/:id': staffOnly('a group', async (c) => ({
    url: `/gestion/groupes/${(await freshGroup(c)).id}`,
  })),
  'POST /gestion/groupes/:id': staffOnly('edit a group', async (c) => ({
    url: `/gestion/groupes/${(await freshGroup(c)).id}`,
    form: groupForm(),
  })),
  'POST /gestion/groupes/:id/archiver': staffOnly('archive a group', async (c) => ({
    url: `/gestion/groupes/${(await freshGroup(c)).id}/archiver`,
    form: {},
  })),
  'POST /gestion/groupes/:id/presidences': staffOnly('appoint a chair', async (c) => ({
    url: `/gestion/groupes/${(await freshGroup(c)).id}/presidences`,
    form: { personId: c.target.people.elected.id, startsOn: '2026-10-01' },
  })),
  'POST /gestion/groupes/:id/membres': staffOnly('add a member organisation', async (c) => ({
    url: `/gestion/groupes/${(await freshGroup(c)).id}/membres`,
    form: { organisationId: c.target.memberOrg.id },
  })),
  'POST /gestion/groupes/:id/membres/retirer': staffOnly('remove a member organisation', async (c) => {
    const group = await freshGroup(c);
    expectOk(await addMember(c.f.db, group.id, c.target.memberOrg.id, staffOf(c)));
    return {
      url: `/gestion/groupes/${group.id}/membres/retirer`,
      form: { organisationId: c.target.memberOrg.id },
    };
  }),
  'POST /gestion/groupes/:id/reunions': staffOnly('link a meeting', async (c) => ({
    url: `/gestion/groupes/${(await freshGroup(c)).id}/reunions`,
    form: { eventId: (await fresh.event(c.f.db)).id },
  })),
  'POST /gestion/groupes/:id/feuille-de-route': staffOnly('add a roadmap item', async (c) => ({
    url: `/gestion/groupes/${(await freshGroup(c)).id}/feuille-de-route`,
    form: { title: 'Préparer les Assises', dueOn: '2030-12-01' },
  })),
  'POST /gestion/groupes/:id/feuille-de-route/:itemId': staffOnly('change a roadmap item', async (c) => {
    const { group, item } = await roadmapItem(c);
    return {
      url: `/gestion/groupes/${group.id}/feuille-de-route/${item.id}`,
      form: { title: 'Préparer les Assises 2027', dueOn: '2030-12-01', status: 'done' },
    };
  }),
  'POST /gestion/groupes/:id/feuille-de-route/:itemId/supprimer': staffOnly(
    'delete a roadmap item',
    async (c) => {
      const { group, item } = await roadmapItem(c);
      return { url: `/gestion/groupes/${group.id}/feuille-de-route/${item.id}/supprimer`, form: {} };
    },
  ),
  'POST /gestion/groupes/:id/reunions/retirer': staffOnly('remove a meeting from a group', async (c) => {
    const { group, event } = await groupMeeting(c);
    return { url: `/gestion/groupes/${group.id}/reunions/retirer`, form: { eventId: event.id } };
  }),
  'POST /gestion/groupes/:id/abonnes/retirer': staffOnly('remove a follower', async (c) => {
    const group = await freshGroup(c);
    expectOk(await follow(c.f.db, group.id, c.target.colleague.id, staffOf(c)));
    return { url: `/gestion/groupes/${group.id}/abonnes/retirer`, form: { personId: c.target.colleague.id } };
  }),
  'POST /gestion/groupes/:id/documents': staffOnly('add a document', async (c) => ({
    url: `/gestion/groupes/${(await freshGroup(c)).id}/documents`,
    multipart: {
      fields: { kind: 'minutes', visibility: 'members', title: 'Compte rendu' },
      file: { name: 'compte-rendu.pdf', type: 'application/pdf', content: pdfBytes },
    },
  })),
  'POST /gestion/groupes/:id/documents/retirer': staffOnly('remove a document', async (c) => {
    const group = await freshGroup(c);
    const document = expectOk(
      await addGroupDocument(
        c.f.db,
        group.id,
        { kind: 'minutes', visibility: 'public' },
        { fileName: 'compte-rendu.pdf', content: pdfBytes },
        staffOf(c),
      ),
    );
    return { url: `/gestion/groupes/${group.id}/documents/retirer`, form: { documentId: document.id } };
  }),
  'GET /gestion/groupes/:id/invitations/:eventId': staffOnly('preview an invitation', async (c) => {
    const { group, event } = await groupMeeting(c);
    return { url: `/gestion/groupes/${group.id}/invitations/${event.id}` };
  }),
  'POST /gestion/groupes/:id/invitations/:eventId': staffOnly('send an invitation', async (c) => {
    const { group, event } = await groupMeeting(c);
    return { url: `/gestion/groupes/${group.id}/invitations/${event.id}`, form: {} };
  }),
  'GET /gestion/groupes/:id/suivi.csv': staffOnly('members and followers as CSV', async (c) => ({
    url: `/gestion/groupes/${(await freshGroup(c)).id}/suivi.csv`,
  })),
  'GET /gestion/groupes/:id/suivi.xlsx': staffOnly('members and followers as XLSX', async (c) => ({
    url: `/gestion/groupes/${(await freshGroup(c)).id}/suivi.xlsx`,
  })),

  // ——— API ———
  'POST /api/v1/groups': staffOnly('create a group', () => ({
    url: '/api/v1/groups',
    json: { kind: 'mission', name: `Mission ${unique()}` },
  })),
  'GET /api/v1/groups': [
    { name: 'list the groups', own: SIGNED_IN, build: () => ({ url: '/api/v1/groups?kind=country' }) },
  ],
  'GET /api/v1/groups/:id': [
    {
      name: 'read a group',
      own: SIGNED_IN,
      build: async (c) => ({ url: `/api/v1/groups/${(await freshGroup(c)).id}` }),
    },
  ],
  'POST /api/v1/groups/:id/chairs': staffOnly('appoint a chair', async (c) => ({
    url: `/api/v1/groups/${(await freshGroup(c)).id}/chairs`,
    json: { personId: c.target.people.elected.id, startsOn: '2026-10-01' },
  })),
  'POST /api/v1/groups/:id/members': [
    {
      name: 'make an organisation a member',
      scoped: true,
      own: REFERENT_OR_STAFF,
      foreign: STAFF,
      build: async (c) => ({
        url: `/api/v1/groups/${(await freshGroup(c)).id}/members`,
        json: { organisationId: c.target.memberOrg.id },
      }),
    },
  ],
  'POST /api/v1/groups/:id/followers': [
    {
      name: 'follow a group',
      scoped: true,
      own: SIGNED_IN,
      foreign: STAFF,
      build: async (c) => ({
        url: `/api/v1/groups/${(await freshGroup(c)).id}/followers`,
        json: { personId: c.self.id },
      }),
    },
  ],
  'DELETE /api/v1/groups/:id/followers': [
    {
      name: 'stop following a group',
      scoped: true,
      own: SIGNED_IN,
      foreign: STAFF,
      build: async (c) => ({
        url: `/api/v1/groups/${(await freshGroup(c)).id}/followers`,
        json: { personId: c.self.id },
      }),
    },
  ],
  'POST /api/v1/groups/:id/roadmap': staffOnly('add a roadmap item', async (c) => ({
    url: `/api/v1/groups/${(await freshGroup(c)).id}/roadmap`,
    json: { title: 'Feuille de route 2027', dueOn: '2030-01-31', status: 'planned' },
  })),
  'PATCH /api/v1/groups/:id/roadmap/:itemId': staffOnly('change a roadmap item', async (c) => {
    const { group, item } = await roadmapItem(c);
    return {
      url: `/api/v1/groups/${group.id}/roadmap/${item.id}`,
      json: { title: 'Feuille de route 2027', dueOn: null, status: 'in_progress' },
    };
  }),
  'DELETE /api/v1/groups/:id/roadmap/:itemId': staffOnly('delete a roadmap item', async (c) => {
    const { group, item } = await roadmapItem(c);
    return { url: `/api/v1/groups/${group.id}/roadmap/${item.id}` };
  }),
  'DELETE /api/v1/groups/:id/meetings/:eventId': staffOnly('remove a meeting from a group', async (c) => {
    const { group, event } = await groupMeeting(c);
    return { url: `/api/v1/groups/${group.id}/meetings/${event.id}` };
  }),
  'POST /api/v1/events/:id/invitations/send': staffOnly('invite a group’s meeting', async (c) => ({
    url: `/api/v1/events/${(await groupMeeting(c)).event.id}/invitations/send`,
  })),
};
