// The authorisation matrix of this module's routes (see tests/proof/matrix.ts for how a case reads):
// tests/proof-authorization.test.ts runs every cell, tests/proof-bad-input.test.ts starts from its requests.

import { buildEvent } from '../../../tests/factories.ts';
import { testConfig } from '../../../tests/helpers.ts';
import {
  type Case,
  csvFile,
  EVERYONE,
  eventJson,
  INVITED_OR_STAFF,
  MEMBERS,
  NOBODY,
  REFERENT_OR_STAFF,
  registrationOf,
  SIGNED_IN,
  STAFF,
  staffOnly,
  staffOnlyScoped,
} from '../../../tests/proof/cases.ts';
import { expectOk, fresh, pdfBytes, unique } from '../../../tests/proof/world.ts';
import type { Db } from '../../platform/db/client.ts';
import type { Person } from '../organisations/people.ts';
import { checkInToken } from './check-in.ts';
import type { EventInput } from './events.ts';
import { createEvent, invite } from './events.ts';
import { notificationSettings } from './notifications.ts';
import { register } from './register.ts';

const settings = notificationSettings(testConfig());

/** A registration of this person to a new event of its own kind (full: the person waits; hybrid…). */
async function registrationTo(db: Db, person: Person, event: Partial<EventInput>, days = 30) {
  const { id } = await buildEvent(db, { title: `Événement ${unique()}`, ...event }, days);
  return expectOk(
    await register(db, { eventId: id, personId: person.id, registeredBy: person.id }, { settings }),
  );
}
const waiting = (db: Db, person: Person) => registrationTo(db, person, { capacity: 0 });
const hybrid = (db: Db, person: Person) =>
  registrationTo(db, person, { format: 'hybrid', onlineUrl: 'https://visio.example.org/matrice' });

/** A new series with one session to come in season 1 (its audience as asked), for the series' routes. */
async function freshSeries(db: Db, audience: 'public' | 'restricted' = 'public') {
  const startsAt = new Date(Date.now() + 20 * 86_400_000);
  const created = await createEvent(
    db,
    {
      title: `Session ${unique()}`,
      kind: 'webinar',
      format: 'online',
      audience,
      startsAt: startsAt.toISOString(),
      endsAt: new Date(startsAt.getTime() + 90 * 60_000).toISOString(),
      series: `Série ${unique()}`,
      season: 1,
      sessionNumber: 1,
    },
    null,
  );
  if (!created.ok) throw new Error(created.error.message);
  return created.value;
}

export const matrix: Record<string, Case[]> = {
  // ——— Agenda ———
  'GET /agenda': [{ name: 'agenda', own: EVERYONE, build: () => ({ url: '/agenda' }) }],
  'GET /agenda.ics': [{ name: 'public calendar', own: EVERYONE, build: () => ({ url: '/agenda.ics' }) }],
  'GET /agenda/personnel/:file': [
    {
      name: 'a personal calendar by its secret address (the address is the credential)',
      scoped: true,
      own: EVERYONE,
      foreign: EVERYONE,
      build: async (c) => ({
        url: `/agenda/personnel/${await fresh.calendarFeed(c.f.db, c.target.colleague)}.ics`,
      }),
    },
    {
      name: 'a made-up personal calendar address',
      own: NOBODY,
      build: () => ({ url: `/agenda/personnel/${'x'.repeat(40)}.ics` }),
    },
  ],
  'GET /agenda/:id': [
    { name: 'public event', own: EVERYONE, build: (c) => ({ url: `/agenda/${c.f.event.id}` }) },
    {
      name: 'members-only event (the page is public)',
      own: EVERYONE,
      build: (c) => ({ url: `/agenda/${c.f.membersEvent.id}` }),
    },
    {
      name: 'restricted event, the world’s officer invited',
      scoped: true,
      own: INVITED_OR_STAFF,
      foreign: STAFF,
      build: (c) => ({ url: `/agenda/${c.target.restrictedEvent.id}` }),
    },
    {
      name: 'calendar file of the restricted event',
      scoped: true,
      own: INVITED_OR_STAFF,
      foreign: STAFF,
      build: (c) => ({ url: `/agenda/${c.target.restrictedEvent.id}.ics` }),
    },
  ],
  'GET /agenda/series/:id': [
    {
      name: 'a series’ page (public)',
      own: EVERYONE,
      build: async (c) => ({ url: `/agenda/series/${(await freshSeries(c.f.db)).seriesId}` }),
    },
  ],
  'POST /agenda/series/:id/saisons/:season/inscription': [
    {
      name: 'register oneself for a whole season of public sessions',
      own: SIGNED_IN,
      build: async (c) => ({
        url: `/agenda/series/${(await freshSeries(c.f.db)).seriesId}/saisons/1/inscription`,
        form: {},
      }),
    },
    {
      name: 'register oneself for a season whose one session is restricted, the world’s officer invited',
      scoped: true,
      own: INVITED_OR_STAFF,
      foreign: STAFF,
      build: async (c) => {
        const event = await freshSeries(c.f.db, 'restricted');
        await invite(c.f.db, event.id, [c.target.people.officer.id], null);
        return { url: `/agenda/series/${event.seriesId}/saisons/1/inscription`, form: {} };
      },
    },
  ],
  'POST /agenda/:id/inscription': [
    {
      name: 'register oneself, public event',
      own: SIGNED_IN,
      build: async (c) => ({ url: `/agenda/${(await fresh.event(c.f.db)).id}/inscription`, form: {} }),
    },
    {
      name: 'register oneself, members-only event',
      own: MEMBERS,
      build: async (c) => ({
        url: `/agenda/${(await fresh.event(c.f.db, 'members')).id}/inscription`,
        form: {},
      }),
    },
    {
      name: 'register oneself, restricted event to which the world’s officer is invited',
      scoped: true,
      own: INVITED_OR_STAFF,
      foreign: STAFF,
      build: async (c) => {
        const event = await fresh.event(c.f.db, 'restricted');
        await invite(c.f.db, event.id, [c.target.people.officer.id], null);
        return { url: `/agenda/${event.id}/inscription`, form: {} };
      },
    },
    {
      name: 'register a colleague of the organisation',
      scoped: true,
      own: REFERENT_OR_STAFF,
      foreign: STAFF,
      build: async (c) => ({
        url: `/agenda/${(await fresh.event(c.f.db)).id}/inscription`,
        form: { personIds: [c.target.colleague.id] },
      }),
    },
  ],
  'GET /agenda/:id/documents/:documentId': [
    {
      name: 'document of a public event',
      own: EVERYONE,
      build: (c) => ({ url: `/agenda/${c.f.event.id}/documents/${c.f.publicDocumentId}` }),
    },
    {
      name: 'document of a members-only event',
      own: MEMBERS,
      build: (c) => ({ url: `/agenda/${c.f.membersEvent.id}/documents/${c.f.membersDocumentId}` }),
    },
    {
      name: 'document of the restricted event',
      scoped: true,
      own: INVITED_OR_STAFF,
      foreign: STAFF,
      build: (c) => ({
        url: `/agenda/${c.target.restrictedEvent.id}/documents/${c.target.restrictedDocumentId}`,
      }),
    },
  ],
  'POST /inscriptions/:id/annulation': [
    {
      name: 'cancel one’s registration',
      scoped: true,
      own: SIGNED_IN,
      foreign: STAFF,
      build: async (c) => ({
        url: `/inscriptions/${(await fresh.registration(c.f.db, c.self)).id}/annulation`,
        form: {},
      }),
    },
    {
      name: 'cancel a colleague’s registration',
      scoped: true,
      own: REFERENT_OR_STAFF,
      foreign: STAFF,
      build: async (c) => ({
        url: `/inscriptions/${(await fresh.registration(c.f.db, c.target.colleague)).id}/annulation`,
        form: {},
      }),
    },
  ],
  'GET /mes-inscriptions': [
    { name: 'my registrations', own: SIGNED_IN, build: () => ({ url: '/mes-inscriptions' }) },
  ],
  'POST /mes-inscriptions/calendrier': [
    {
      name: 'make my calendar address',
      own: SIGNED_IN,
      build: () => ({ url: '/mes-inscriptions/calendrier', form: {} }),
    },
  ],
  'POST /mes-inscriptions/calendrier/suppression': [
    {
      name: 'revoke my calendar address',
      own: SIGNED_IN,
      build: () => ({ url: '/mes-inscriptions/calendrier/suppression', form: {} }),
    },
  ],

  // ——— Agenda: staff pages ———
  'GET /gestion/evenements': staffOnly('events', () => ({ url: '/gestion/evenements' })),
  'GET /gestion/evenements/nouveau': staffOnly('new event form', () => ({
    url: '/gestion/evenements/nouveau',
  })),
  'POST /gestion/evenements': staffOnly('create an event', () => ({
    url: '/gestion/evenements',
    form: {
      title: `Réunion ${unique()}`,
      kind: 'meeting',
      format: 'online',
      audience: 'public',
      startsAt: '2030-07-08T09:30',
      endsAt: '2030-07-08T17:00',
    },
  })),
  'GET /gestion/evenements/:id': staffOnly('an event and its registrations', (c) => ({
    url: `/gestion/evenements/${c.f.event.id}`,
  })),
  'GET /gestion/evenements/:id/inscriptions.csv': staffOnly('registrations as CSV', (c) => ({
    url: `/gestion/evenements/${c.f.event.id}/inscriptions.csv`,
  })),
  'GET /gestion/evenements/:id/inscriptions.xlsx': staffOnly('registrations as XLSX', (c) => ({
    url: `/gestion/evenements/${c.f.event.id}/inscriptions.xlsx`,
  })),
  'POST /gestion/evenements/:id/inscriptions': staffOnlyScoped('register a person by email', async (c) => ({
    url: `/gestion/evenements/${(await fresh.event(c.f.db)).id}/inscriptions`,
    form: { email: c.target.colleague.email },
  })),
  'POST /gestion/evenements/:id/invitations': staffOnlyScoped('invite people', (c) => ({
    url: `/gestion/evenements/${c.target.restrictedEvent.id}/invitations`,
    form: { emails: c.target.colleague.email },
  })),
  'POST /gestion/evenements/:id/invitations/apercu': staffOnlyScoped('preview an invitation', (c) => ({
    url: `/gestion/evenements/${c.target.restrictedEvent.id}/invitations/apercu`,
    form: { segment: 'emails', emails: c.target.colleague.email },
  })),
  'GET /gestion/evenements/:id/messages': staffOnly('messages to an event’s registrants', (c) => ({
    url: `/gestion/evenements/${c.f.event.id}/messages`,
  })),
  'POST /gestion/evenements/:id/messages/apercu': staffOnly('preview a message to registrants', (c) => ({
    url: `/gestion/evenements/${c.f.event.id}/messages/apercu`,
    form: { to: 'confirmed', subject: 'Ordre du jour', body: 'Vous trouverez l’ordre du jour en ligne.' },
  })),
  'POST /gestion/evenements/:id/messages': staffOnly('write to an event’s registrants', (c) => ({
    url: `/gestion/evenements/${c.f.event.id}/messages`,
    form: {
      to: 'confirmed',
      subject: `Ordre du jour ${unique()}`,
      body: 'Vous trouverez l’ordre du jour en ligne.',
    },
  })),
  'POST /gestion/evenements/:id/documents': staffOnly('add a document', (c) => ({
    url: `/gestion/evenements/${c.f.event.id}/documents`,
    multipart: {
      fields: { kind: 'document', title: 'Annexe' },
      file: { name: 'annexe.pdf', type: 'application/pdf', content: pdfBytes },
    },
  })),
  'GET /gestion/evenements/:id/modification': staffOnly('the form to change an event', (c) => ({
    url: `/gestion/evenements/${c.f.event.id}/modification`,
  })),
  'POST /gestion/evenements/:id/modification': staffOnly('change an event', async (c) => ({
    url: `/gestion/evenements/${(await fresh.event(c.f.db)).id}/modification`,
    form: {
      title: `Réunion renommée ${unique()}`,
      kind: 'meeting',
      format: 'in_person',
      audience: 'public',
      startsAt: '2030-07-08T09:30',
      endsAt: '2030-07-08T17:00',
    },
  })),
  'GET /gestion/evenements/:id/annulation': staffOnly('the cancellation page', async (c) => ({
    url: `/gestion/evenements/${(await fresh.event(c.f.db)).id}/annulation`,
  })),
  'POST /gestion/evenements/:id/annulation': staffOnly('cancel an event', async (c) => ({
    url: `/gestion/evenements/${(await fresh.event(c.f.db)).id}/annulation`,
    form: { reason: 'La salle n’est plus disponible.' },
  })),
  'GET /gestion/evenements/:id/copie': staffOnly('copy an event for its next session', (c) => ({
    url: `/gestion/evenements/${c.f.event.id}/copie`,
  })),
  'GET /gestion/series': staffOnly('series', () => ({ url: '/gestion/series' })),
  'GET /gestion/series/:id': staffOnly('the form to change a series', async (c) => ({
    url: `/gestion/series/${(await freshSeries(c.f.db)).seriesId}`,
  })),
  'POST /gestion/series/:id': staffOnly('change a series', async (c) => ({
    url: `/gestion/series/${(await freshSeries(c.f.db)).seriesId}`,
    form: {
      title: `Série renommée ${unique()}`,
      description: 'Une série de débats.',
      guestLabel: 'Grand témoin',
    },
  })),
  'GET /gestion/evenements/:id/inscriptions/:registrationId/annulation': staffOnlyScoped(
    'confirm cancelling someone’s registration',
    async (c) => {
      const registration = await fresh.registration(c.f.db, c.self);
      return {
        url: `/gestion/evenements/${registration.eventId}/inscriptions/${registration.id}/annulation`,
      };
    },
  ),
  'POST /gestion/evenements/:id/inscriptions/:registrationId/annulation': staffOnlyScoped(
    'cancel someone’s registration',
    async (c) => {
      const registration = await fresh.registration(c.f.db, c.self);
      return {
        url: `/gestion/evenements/${registration.eventId}/inscriptions/${registration.id}/annulation`,
        form: {},
      };
    },
  ),
  'GET /gestion/evenements/:id/inscriptions/:registrationId/confirmation': staffOnlyScoped(
    'confirm promoting someone waiting',
    async (c) => {
      const registration = await waiting(c.f.db, c.self);
      return {
        url: `/gestion/evenements/${registration.eventId}/inscriptions/${registration.id}/confirmation`,
      };
    },
  ),
  'POST /gestion/evenements/:id/inscriptions/:registrationId/confirmation': staffOnlyScoped(
    'promote someone waiting, beyond the capacity',
    async (c) => {
      const registration = await waiting(c.f.db, c.self);
      return {
        url: `/gestion/evenements/${registration.eventId}/inscriptions/${registration.id}/confirmation`,
        form: { overCapacity: 'on' },
      };
    },
  ),
  'POST /gestion/evenements/:id/inscriptions/:registrationId/participation': staffOnlyScoped(
    'change how someone attends a hybrid event',
    async (c) => {
      const registration = await hybrid(c.f.db, c.self);
      return {
        url: `/gestion/evenements/${registration.eventId}/inscriptions/${registration.id}/participation`,
        form: { mode: 'online' },
      };
    },
  ),
  'POST /gestion/evenements/:id/inscriptions/sans-compte': staffOnly(
    'register someone without an account',
    async (c) => ({
      url: `/gestion/evenements/${(await fresh.event(c.f.db)).id}/inscriptions/sans-compte`,
      form: {
        firstName: 'Inès',
        lastName: `Sans-Compte-${unique()}`,
        email: `sans-compte.${unique()}@example.org`,
        personKind: 'officer',
        organisation: '',
      },
    }),
  ),
  'GET /gestion/evenements/:id/emargement': staffOnly('check-in list', (c) => ({
    url: `/gestion/evenements/${c.f.event.id}/emargement`,
  })),
  'POST /gestion/evenements/:id/emargement/:registrationId': staffOnlyScoped('check a person in', (c) => ({
    url: `/gestion/evenements/${c.f.event.id}/emargement/${registrationOf(c, c.self).id}`,
    form: {},
  })),
  'POST /gestion/evenements/:id/emargement/:registrationId/annulation': staffOnlyScoped(
    'undo a check-in',
    (c) => ({
      url: `/gestion/evenements/${c.f.event.id}/emargement/${registrationOf(c, c.self).id}/annulation`,
      form: {},
    }),
  ),
  'GET /emargement/:token': [
    {
      name: 'scan a registration’s QR code (shows who and which event; writes nothing)',
      scoped: true,
      own: STAFF,
      foreign: STAFF,
      build: (c) => ({ url: `/emargement/${checkInToken(registrationOf(c, c.self).id)}` }),
    },
    {
      name: 'a QR code whose mac is wrong',
      scoped: true,
      own: NOBODY,
      foreign: NOBODY,
      build: (c) => ({ url: `/emargement/${registrationOf(c, c.self).id}.${'A'.repeat(43)}` }),
    },
  ],
  'POST /emargement/:token': staffOnlyScoped('record the presence of a scanned QR code', (c) => ({
    url: `/emargement/${checkInToken(registrationOf(c, c.self).id)}`,
    form: { confirm: '1' },
  })),
  'GET /gestion/evenements/:id/presences-en-ligne': staffOnly('online attendance form', (c) => ({
    url: `/gestion/evenements/${c.f.event.id}/presences-en-ligne`,
  })),
  'POST /gestion/evenements/:id/presences-en-ligne': staffOnly('upload a video-call report', (c) => ({
    url: `/gestion/evenements/${c.f.event.id}/presences-en-ligne`,
    multipart: {
      fields: { minMinutes: '30' },
      file: csvFile(`Email;Durée\n${c.target.colleague.email};45 min\n`),
    },
  })),
  'GET /gestion/evenements/:id/presences-en-ligne/:importId': staffOnly('a report', (c) => ({
    url: `/gestion/evenements/${c.f.event.id}/presences-en-ligne/${c.f.attendanceImportId}`,
  })),
  'POST /gestion/evenements/:id/presences-en-ligne/:importId/confirmer': staffOnly(
    'apply a report',
    async (c) => ({
      url: `/gestion/evenements/${c.f.event.id}/presences-en-ligne/${
        c.role === 'staff' ? await fresh.attendanceImportId(c.f, c.target) : c.f.attendanceImportId
      }/confirmer`,
      form: {},
    }),
  ),

  // ——— API: agenda ———
  'POST /api/v1/events': staffOnly('create an event', () => ({ url: '/api/v1/events', json: eventJson() })),
  'GET /api/v1/events': [{ name: 'list events', own: SIGNED_IN, build: () => ({ url: '/api/v1/events' }) }],
  'GET /api/v1/events/:id': [
    { name: 'public event', own: SIGNED_IN, build: (c) => ({ url: `/api/v1/events/${c.f.event.id}` }) },
    {
      name: 'restricted event, the world’s officer invited',
      scoped: true,
      own: INVITED_OR_STAFF,
      foreign: STAFF,
      build: (c) => ({ url: `/api/v1/events/${c.target.restrictedEvent.id}` }),
    },
  ],
  'PATCH /api/v1/events/:id': staffOnly('change an event', async (c) => ({
    url: `/api/v1/events/${(await fresh.event(c.f.db)).id}`,
    json: { title: `Réunion déplacée ${unique()}`, venue: 'Limoges' },
  })),
  'POST /api/v1/events/:id/cancel': staffOnly('cancel an event', async (c) => ({
    url: `/api/v1/events/${(await fresh.event(c.f.db)).id}/cancel`,
    json: { reason: 'La salle n’est plus disponible.' },
  })),
  'POST /api/v1/events/:id/messages': staffOnly('write to an event’s registrants', (c) => ({
    url: `/api/v1/events/${c.f.event.id}/messages`,
    json: {
      to: 'all',
      subject: `Ordre du jour ${unique()}`,
      body: 'Vous trouverez l’ordre du jour en ligne.',
    },
  })),
  'POST /api/v1/events/:id/registrations': [
    {
      name: 'register oneself',
      scoped: true,
      own: SIGNED_IN,
      foreign: STAFF,
      build: async (c) => ({
        url: `/api/v1/events/${(await fresh.event(c.f.db)).id}/registrations`,
        json: { personId: c.self.id },
      }),
    },
    {
      name: 'register a colleague',
      scoped: true,
      own: REFERENT_OR_STAFF,
      foreign: STAFF,
      build: async (c) => ({
        url: `/api/v1/events/${(await fresh.event(c.f.db)).id}/registrations`,
        json: { personId: c.target.colleague.id },
      }),
    },
  ],
  'POST /api/v1/registrations/:id/promote': staffOnlyScoped('promote someone waiting', async (c) => ({
    url: `/api/v1/registrations/${(await waiting(c.f.db, c.self)).id}/promote`,
    json: { overCapacity: true },
  })),
  'POST /api/v1/events/:id/attendance': staffOnlyScoped('record that someone came', async (c) => ({
    url: `/api/v1/events/${(await buildEvent(c.f.db, { title: `Passé ${unique()}` }, -2)).id}/attendance`,
    json: { personId: c.self.id },
  })),
  'GET /api/v1/events/:id/registrations': staffOnly('registrations of an event', (c) => ({
    url: `/api/v1/events/${c.f.event.id}/registrations`,
  })),
  'DELETE /api/v1/registrations/:id': [
    {
      name: 'cancel one’s registration',
      scoped: true,
      own: SIGNED_IN,
      foreign: STAFF,
      build: async (c) => ({ url: `/api/v1/registrations/${(await fresh.registration(c.f.db, c.self)).id}` }),
    },
    {
      name: 'cancel a colleague’s registration',
      scoped: true,
      own: REFERENT_OR_STAFF,
      foreign: STAFF,
      build: async (c) => ({
        url: `/api/v1/registrations/${(await fresh.registration(c.f.db, c.target.colleague)).id}`,
      }),
    },
  ],
  'POST /api/v1/registrations/:id/check-in': staffOnlyScoped('check a person in', (c) => ({
    url: `/api/v1/registrations/${registrationOf(c, c.self).id}/check-in`,
  })),
};
