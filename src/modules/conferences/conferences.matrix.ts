// The authorisation matrix of the Rencontres' routes (see tests/proof/matrix.ts for how a case reads):
// tests/proof-authorization.test.ts runs every cell, tests/proof-bad-input.test.ts starts from its requests.
import { randomUUID } from 'node:crypto';
import { testConfig } from '../../../tests/helpers.ts';
import {
  type Case,
  type Cell,
  EVERYONE,
  REFERENT_OR_STAFF,
  SIGNED_IN,
  STAFF,
  staffOnly,
} from '../../../tests/proof/cases.ts';
import { expectOk, unique } from '../../../tests/proof/world.ts';
import { checkInToken } from '../events/check-in.ts';
import { notificationSettings } from '../events/notifications.ts';
import type { Person } from '../organisations/people.ts';
import { chooseSession } from './choices.ts';
import { addRoom, createConference, saveSession } from './conferences.ts';
import { registerToConference } from './registrations.ts';

const staffOf = (c: Cell) => c.f.A.people.staff.id;
const settings = notificationSettings(testConfig());

/** The days of a fresh edition: far enough ahead to be open for registrations and choices. */
const day = '2030-07-08';

/** A new edition open for registrations, with one room and one workshop (each cell its own). */
async function freshEdition(c: Cell) {
  const conference = expectOk(
    await createConference(
      c.f.db,
      {
        title: `Rencontres ${unique()}`,
        startsOn: day,
        endsOn: '2030-07-09',
        venue: 'Paris',
        registrationOpensAt: '2020-01-01',
      },
      staffOf(c),
    ),
  );
  const room = expectOk(await addRoom(c.f.db, conference.id, { name: 'Salle 2', capacity: 40 }, staffOf(c)));
  const workshop = expectOk(
    await saveSession(
      c.f.db,
      conference.id,
      {
        kind: 'workshop',
        title: 'Atelier',
        roomId: room.id,
        startsAt: '2030-07-08T10:00:00+02:00',
        endsAt: '2030-07-08T11:30:00+02:00',
      },
      staffOf(c),
    ),
  );
  return { conference, room, workshop };
}

/** The category that fits a person of the matrix's worlds. */
const categoryOf = (c: Cell, person: Person) =>
  person.kind === 'staff'
    ? 'staff'
    : person.organisationId === c.target.nonMemberOrg.id
      ? 'local_government'
      : 'member_local_government';

/** A fresh edition where `person` is registered (by staff), with the workshop to choose. */
async function registeredTo(c: Cell, person: Person) {
  const edition = await freshEdition(c);
  const registration = expectOk(
    await registerToConference(
      c.f.db,
      edition.conference.id,
      { personId: person.id, category: categoryOf(c, person) },
      { settings, actorId: staffOf(c), staff: true, actFor: () => true },
    ),
  );
  return { ...edition, registrationId: registration.registrationId };
}

const sessionJson = (roomId: string, time = '14') => ({
  kind: 'workshop',
  title: `Atelier ${unique()}`,
  roomId,
  startsAt: `2030-07-08T${time}:00:00+02:00`,
  endsAt: `2030-07-08T${time}:45:00+02:00`,
});

export const matrix: Record<string, Case[]> = {
  // ——— For everyone ———
  'GET /api/v1/conferences/:id': [
    {
      name: 'an edition and its grid',
      own: EVERYONE,
      build: async (c) => ({ url: `/api/v1/conferences/${(await freshEdition(c)).conference.id}` }),
    },
  ],

  'GET /rencontres': [{ name: 'the editions', own: EVERYONE, build: () => ({ url: '/rencontres' }) }],
  'GET /rencontres/:id/programme': [
    {
      name: 'the grid of an edition',
      own: EVERYONE,
      build: async (c) => ({ url: `/rencontres/${(await freshEdition(c)).conference.id}/programme` }),
    },
  ],
  'GET /rencontres/:id/programme.ics': [
    {
      name: 'the programme’s calendar',
      own: EVERYONE,
      build: async (c) => ({ url: `/rencontres/${(await freshEdition(c)).conference.id}/programme.ics` }),
    },
  ],
  'GET /rencontres/:id/seances/:sessionId': [
    {
      name: 'a session’s page',
      own: EVERYONE,
      build: async (c) => {
        const { conference, workshop } = await freshEdition(c);
        return { url: `/rencontres/${conference.id}/seances/${workshop.id}` };
      },
    },
  ],

  // ——— People registering, and choosing their workshops ———
  'GET /rencontres/:id/inscription': [
    {
      name: 'the registration form',
      own: SIGNED_IN,
      build: async (c) => ({ url: `/rencontres/${(await freshEdition(c)).conference.id}/inscription` }),
    },
  ],
  'POST /rencontres/:id/inscription': [
    {
      name: 'register oneself (form)',
      own: SIGNED_IN,
      build: async (c) => ({
        url: `/rencontres/${(await freshEdition(c)).conference.id}/inscription`,
        form: { personId: c.self.id, category: categoryOf(c, c.self), lunch: '1' },
      }),
    },
    {
      name: 'a referent registers a colleague (form)',
      scoped: true,
      own: REFERENT_OR_STAFF,
      foreign: STAFF,
      build: async (c) => ({
        url: `/rencontres/${(await freshEdition(c)).conference.id}/inscription`,
        form: { personId: c.target.colleague.id, category: 'member_local_government' },
      }),
    },
  ],
  'GET /rencontres/:id/mon-programme': [
    {
      name: 'one’s programme',
      own: SIGNED_IN,
      build: async (c) => ({
        url: `/rencontres/${(await registeredTo(c, c.self)).conference.id}/mon-programme`,
      }),
    },
    {
      name: 'a colleague’s programme',
      scoped: true,
      own: REFERENT_OR_STAFF,
      foreign: STAFF,
      build: async (c) => {
        const { conference } = await registeredTo(c, c.target.colleague);
        return { url: `/rencontres/${conference.id}/mon-programme?personne=${c.target.colleague.id}` };
      },
    },
  ],
  'GET /rencontres/:id/mon-programme.ics': [
    {
      name: 'one’s programme as a calendar',
      scoped: true,
      own: SIGNED_IN,
      foreign: STAFF,
      build: async (c) => {
        const { conference } = await registeredTo(c, c.self);
        return { url: `/rencontres/${conference.id}/mon-programme.ics?personne=${c.self.id}` };
      },
    },
  ],
  'POST /rencontres/:id/mon-programme/choisir': [
    {
      name: 'choose a workshop (form)',
      scoped: true,
      own: SIGNED_IN,
      foreign: STAFF,
      build: async (c) => {
        const { conference, workshop } = await registeredTo(c, c.self);
        return {
          url: `/rencontres/${conference.id}/mon-programme/choisir?personne=${c.self.id}`,
          form: { sessionId: workshop.id },
        };
      },
    },
  ],
  'POST /rencontres/:id/mon-programme/retirer': [
    {
      name: 'take a workshop out (form)',
      scoped: true,
      own: SIGNED_IN,
      foreign: STAFF,
      build: async (c) => {
        const { conference, workshop, registrationId } = await registeredTo(c, c.self);
        expectOk(
          await chooseSession(c.f.db, registrationId, workshop.id, { staff: true, actFor: () => true }),
        );
        return {
          url: `/rencontres/${conference.id}/mon-programme/retirer?personne=${c.self.id}`,
          form: { sessionId: workshop.id },
        };
      },
    },
  ],
  'POST /api/v1/conferences/:id/registrations': [
    {
      name: 'register oneself',
      own: SIGNED_IN,
      build: async (c) => ({
        url: `/api/v1/conferences/${(await freshEdition(c)).conference.id}/registrations`,
        json: { personId: c.self.id, category: categoryOf(c, c.self) },
      }),
    },
    {
      name: 'a referent registers a colleague',
      scoped: true,
      own: REFERENT_OR_STAFF,
      foreign: STAFF,
      build: async (c) => ({
        url: `/api/v1/conferences/${(await freshEdition(c)).conference.id}/registrations`,
        json: { personId: c.target.colleague.id, category: 'member_local_government' },
      }),
    },
  ],
  'POST /api/v1/conference-registrations/:id/choices': [
    {
      name: 'choose a workshop for oneself',
      scoped: true,
      own: SIGNED_IN,
      foreign: STAFF,
      build: async (c) => {
        const { registrationId, workshop } = await registeredTo(c, c.self);
        return {
          url: `/api/v1/conference-registrations/${registrationId}/choices`,
          json: { sessionId: workshop.id },
        };
      },
    },
  ],
  'DELETE /api/v1/conference-registrations/:id/choices/:sessionId': [
    {
      name: 'take a workshop out of one’s programme',
      scoped: true,
      own: SIGNED_IN,
      foreign: STAFF,
      build: async (c) => {
        const { registrationId, workshop } = await registeredTo(c, c.self);
        // Chosen by staff beforehand, so that taking it out may succeed.
        expectOk(
          await chooseSession(c.f.db, registrationId, workshop.id, { staff: true, actFor: () => true }),
        );
        return { url: `/api/v1/conference-registrations/${registrationId}/choices/${workshop.id}` };
      },
    },
  ],

  // ——— Staff ———
  'GET /gestion/rencontres/:id/statistiques': staffOnly('an edition’s statistics', async (c) => ({
    url: `/gestion/rencontres/${(await freshEdition(c)).conference.id}/statistiques`,
  })),
  'GET /gestion/rencontres/:id/statistiques.xlsx': staffOnly(
    'an edition’s statistics as XLSX',
    async (c) => ({
      url: `/gestion/rencontres/${(await freshEdition(c)).conference.id}/statistiques.xlsx`,
    }),
  ),
  'GET /gestion/rencontres/:id/inscriptions.csv': staffOnly(
    'an edition’s registrations as CSV',
    async (c) => ({
      url: `/gestion/rencontres/${(await registeredTo(c, c.self)).conference.id}/inscriptions.csv`,
    }),
  ),
  'GET /gestion/rencontres/:id/inscriptions.xlsx': staffOnly(
    'an edition’s registrations as XLSX',
    async (c) => ({
      url: `/gestion/rencontres/${(await registeredTo(c, c.self)).conference.id}/inscriptions.xlsx`,
    }),
  ),
  'GET /gestion/rencontres': staffOnly('the editions', () => ({ url: '/gestion/rencontres' })),
  'POST /gestion/rencontres': staffOnly('create an edition (form)', () => ({
    url: '/gestion/rencontres',
    form: {
      title: `Rencontres ${unique()}`,
      startsOn: day,
      endsOn: '2030-07-09',
      venue: 'Paris',
      registrationOpensAt: '2030-04-15',
    },
  })),
  'GET /gestion/rencontres/:id': staffOnly('an edition', async (c) => ({
    url: `/gestion/rencontres/${(await freshEdition(c)).conference.id}`,
  })),
  'POST /gestion/rencontres/:id/salles': staffOnly('add a room (form)', async (c) => ({
    url: `/gestion/rencontres/${(await freshEdition(c)).conference.id}/salles`,
    form: { name: `Salle ${unique()}`, capacity: '30' },
  })),
  'POST /gestion/rencontres/:id/categories/:code': staffOnly('change a category (form)', async (c) => ({
    url: `/gestion/rencontres/${(await freshEdition(c)).conference.id}/categories/partner`,
    form: { fee: '120,00', quota: '', selfService: '1' },
  })),
  'POST /gestion/rencontres/:id/inscriptions': staffOnly('register someone with any category', async (c) => ({
    url: `/gestion/rencontres/${(await freshEdition(c)).conference.id}/inscriptions`,
    form: { email: c.target.colleague.email, category: 'speaker' },
  })),
  'GET /gestion/rencontres/:id/seances/nouvelle': staffOnly('the form of a new session', async (c) => ({
    url: `/gestion/rencontres/${(await freshEdition(c)).conference.id}/seances/nouvelle`,
  })),
  'POST /gestion/rencontres/:id/seances': staffOnly('place a session (form)', async (c) => {
    const { conference, room } = await freshEdition(c);
    return {
      url: `/gestion/rencontres/${conference.id}/seances`,
      form: { title: 'Atelier', kind: 'workshop', roomId: room.id, day, from: '14:00', to: '15:00' },
    };
  }),
  'GET /gestion/rencontres/:id/seances/:sessionId': staffOnly('the form of a session', async (c) => {
    const { conference, workshop } = await freshEdition(c);
    return { url: `/gestion/rencontres/${conference.id}/seances/${workshop.id}` };
  }),
  'POST /gestion/rencontres/:id/seances/:sessionId': staffOnly('change a session (form)', async (c) => {
    const { conference, room, workshop } = await freshEdition(c);
    return {
      url: `/gestion/rencontres/${conference.id}/seances/${workshop.id}`,
      form: { title: 'Atelier', kind: 'workshop', roomId: room.id, day, from: '16:00', to: '17:00' },
    };
  }),
  'POST /gestion/rencontres/:id/seances/:sessionId/annuler': staffOnly(
    'cancel a session (form)',
    async (c) => {
      const { conference, workshop } = await freshEdition(c);
      return { url: `/gestion/rencontres/${conference.id}/seances/${workshop.id}/annuler`, form: {} };
    },
  ),
  'POST /gestion/rencontres/:id/archiver': staffOnly('archive an edition', async (c) => ({
    url: `/gestion/rencontres/${(await freshEdition(c)).conference.id}/archiver`,
    form: {},
  })),
  'GET /api/v1/conferences/:id/badges.pdf': staffOnly('the badges', async (c) => ({
    url: `/api/v1/conferences/${(await registeredTo(c, c.self)).conference.id}/badges.pdf`,
  })),
  'GET /gestion/rencontres/:id/accueil': staffOnly('the entrance’s check-in page', async (c) => ({
    url: `/gestion/rencontres/${(await freshEdition(c)).conference.id}/accueil`,
  })),
  'POST /gestion/rencontres/:id/accueil/scans': staffOnly('scan a badge at the entrance', async (c) => {
    const { conference, registrationId } = await registeredTo(c, c.self);
    return {
      url: `/gestion/rencontres/${conference.id}/accueil/scans`,
      form: { nonce: randomUUID(), code: checkInToken(registrationId) },
    };
  }),
  'POST /api/v1/conferences': staffOnly('create an edition', () => ({
    url: '/api/v1/conferences',
    json: {
      title: `Rencontres ${unique()}`,
      startsOn: day,
      endsOn: '2030-07-09',
      venue: 'Paris',
      registrationOpensAt: '2030-04-15',
    },
  })),
  'POST /api/v1/conferences/:id/rooms': staffOnly('add a room', async (c) => ({
    url: `/api/v1/conferences/${(await freshEdition(c)).conference.id}/rooms`,
    json: { name: `Salle ${unique()}`, capacity: 30 },
  })),
  'PATCH /api/v1/conferences/:id/categories/:code': staffOnly('change a category’s fee', async (c) => ({
    url: `/api/v1/conferences/${(await freshEdition(c)).conference.id}/categories/partner`,
    json: { feeCents: 12_000 },
  })),
  'POST /api/v1/conferences/:id/sessions': staffOnly('place a session', async (c) => {
    const { conference, room } = await freshEdition(c);
    return { url: `/api/v1/conferences/${conference.id}/sessions`, json: sessionJson(room.id) };
  }),
  'PUT /api/v1/conferences/:id/sessions/:sessionId': staffOnly('change a session', async (c) => {
    const { conference, room, workshop } = await freshEdition(c);
    return {
      url: `/api/v1/conferences/${conference.id}/sessions/${workshop.id}`,
      json: sessionJson(room.id, '16'),
    };
  }),
  'DELETE /api/v1/conferences/:id/sessions/:sessionId': staffOnly('cancel a session', async (c) => {
    const { conference, workshop } = await freshEdition(c);
    return { url: `/api/v1/conferences/${conference.id}/sessions/${workshop.id}` };
  }),
};
