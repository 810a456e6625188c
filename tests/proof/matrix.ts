// THE authorization matrix: for every route of the app (method and path as Fastify knows them), what each
// role may do. A route of the app missing here fails tests/proof-authorization.test.ts, and so does an
// entry here that is no route of the app. HEAD routes follow their GET entry.
//
// Verdicts are six characters, one per role, in this order:
//   anonymous · non-member person · member officer · member élu · referent · staff
// « Y » the request may succeed (2xx, or a redirect elsewhere than to the sign-in page),
// « - » it must be refused (4xx, or a redirect to /connexion).
// `own` applies when the records named in the request belong to the actor's world (its organisation, its
// person); `foreign` when the same request names the records of the other world (ids swapped, WSTG ATHZ-04).
// A case without `scoped` names no record of an organisation or a person: each actor uses its own world.
import { invite } from '../../src/modules/events/events.ts';
import type { Organisation } from '../../src/modules/organisations/organisations.ts';
import { listMandates, type Person } from '../../src/modules/organisations/people.ts';
import { parisYear } from '../../src/platform/time.ts';
import { type Fixtures, fresh, pdfBytes, type Role, roles, unique, type World } from './world.ts';

export type Verdicts = string;

/** One request of the matrix: who asks, about which world's records. */
export interface Cell {
  f: Fixtures;
  role: Role;
  actor: World;
  target: World;
  /** The person of the actor's role in the target world (the actor itself when own; the officer for anonymous). */
  self: Person;
  /** That person's organisation in the target world. */
  org: Organisation;
}

export interface RequestSpec {
  url: string;
  form?: Record<string, string | string[]>;
  json?: unknown;
  multipart?: { fields: Record<string, string>; file: { name: string; type: string; content: Buffer } };
  /** Replaces the actor's long-lived session (for requests that end it). */
  session?: string;
}

export interface Case {
  name: string;
  scoped?: boolean;
  own: Verdicts;
  foreign?: Verdicts;
  build: (c: Cell) => RequestSpec | Promise<RequestSpec>;
  /** A GET that legitimately writes when it succeeds: the tables, and why (stated in the report). */
  getWrites?: { tables: string[]; why: string };
}

export function cellOf(f: Fixtures, role: Role, actor: World, target: World): Cell {
  const self = target.people[role === 'anonymous' ? 'officer' : role];
  return { f, role, actor, target, self, org: role === 'nonMember' ? target.nonMemberOrg : target.memberOrg };
}

/** The first role allowed to make the request of a case on its own records (anonymous when none is). */
export const firstAllowedRole = (kase: Case): Role => roles[Math.max(0, [...kase.own].indexOf('Y'))]!;

export const EVERYONE = 'YYYYYY';
export const SIGNED_IN = '-YYYYY';
export const MEMBERS = '--YYYY';
export const STAFF = '-----Y';
export const NOBODY = '------';
export const REFERENT_OR_STAFF = '----YY';
export const REFERENT = '----Y-';
export const ELECTED = '---Y--';
export const INVITED_OR_STAFF = '--Y--Y';
export const HOLDER_OR_STAFF = '---Y-Y';

const staffOnly = (name: string, build: Case['build']): Case[] => [{ name, own: STAFF, build }];
const staffOnlyScoped = (name: string, build: Case['build']): Case[] => [
  { name, scoped: true, own: STAFF, foreign: STAFF, build },
];

const newEmail = () => `matrice.${unique()}@example.org`;
const newPersonForm = () => ({
  firstName: 'Inès',
  lastName: `Matrice-${unique()}`,
  email: newEmail(),
  kind: 'officer',
});
const csvFile = (content: string) => ({
  name: 'fichier.csv',
  type: 'text/csv',
  content: Buffer.from(content),
});
const eventJson = () => ({
  title: `Réunion ${unique()}`,
  kind: 'meeting',
  format: 'online',
  audience: 'public',
  startsAt: '2030-07-08T09:30:00+02:00',
  endsAt: '2030-07-08T17:00:00+02:00',
});
const registrationOf = (c: Cell, person: Person) => c.target.registrations.get(person.id)!;

export const matrix: Record<string, Case[]> = {
  // ——— Public pages and platform ———
  'GET /': [{ name: 'home', own: EVERYONE, build: () => ({ url: '/' }) }],
  'GET /*': [{ name: 'static file', own: EVERYONE, build: () => ({ url: '/static/app.css' }) }],
  'GET /healthz': [{ name: 'liveness', own: EVERYONE, build: () => ({ url: '/healthz' }) }],
  'GET /readyz': [{ name: 'readiness', own: EVERYONE, build: () => ({ url: '/readyz' }) }],
  'GET /accessibilite': [
    { name: 'accessibility statement', own: EVERYONE, build: () => ({ url: '/accessibilite' }) },
  ],
  'GET /api/openapi.json': [
    { name: 'API description', own: EVERYONE, build: () => ({ url: '/api/openapi.json' }) },
  ],
  'GET /dev/courriels': staffOnly('mails of the platform', () => ({ url: '/dev/courriels' })),

  // ——— Sign-in ———
  'GET /connexion': [
    {
      name: 'sign-in page (signed-in people are sent on)',
      own: EVERYONE,
      build: () => ({ url: '/connexion' }),
    },
  ],
  'POST /connexion': [
    {
      name: 'ask for a link (same answer for any address)',
      own: EVERYONE,
      build: () => ({ url: '/connexion', form: { email: newEmail() } }),
    },
  ],
  'GET /connexion/lien': [
    {
      name: 'open a link (shows a button)',
      own: EVERYONE,
      build: () => ({ url: '/connexion/lien?jeton=lien-de-test' }),
    },
  ],
  'POST /connexion/lien': [
    {
      name: 'confirm a valid link: whoever holds the emailed link signs in as its owner',
      scoped: true,
      own: EVERYONE,
      foreign: EVERYONE,
      build: async (c) => ({
        url: '/connexion/lien',
        form: { jeton: await fresh.signInToken(c.f.db, c.target.colleague) },
        ...(c.role === 'anonymous' ? {} : { session: await fresh.session(c.f.db, c.actor.people[c.role]) }),
      }),
    },
    {
      name: 'confirm a made-up link',
      own: NOBODY,
      build: () => ({ url: '/connexion/lien', form: { jeton: `invente-${unique()}` } }),
    },
  ],
  'POST /deconnexion': [
    {
      name: 'sign out',
      own: EVERYONE,
      build: async (c) => ({
        url: '/deconnexion',
        form: {},
        ...(c.role === 'anonymous' ? {} : { session: await fresh.session(c.f.db, c.actor.people[c.role]) }),
      }),
    },
  ],

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
  'POST /mon-espace/personnes': [
    {
      name: 'a referent adds a colleague to their organisation',
      own: REFERENT,
      build: () => ({ url: '/mon-espace/personnes', form: newPersonForm() }),
    },
  ],

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
  'POST /gestion/evenements/:id/documents': staffOnly('add a document', (c) => ({
    url: `/gestion/evenements/${c.f.event.id}/documents`,
    multipart: {
      fields: { kind: 'document', title: 'Annexe' },
      file: { name: 'annexe.pdf', type: 'application/pdf', content: pdfBytes },
    },
  })),
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
      name: 'scan a registration’s QR code',
      scoped: true,
      own: STAFF,
      foreign: STAFF,
      build: (c) => ({ url: `/emargement/${registrationOf(c, c.self).checkInToken}` }),
      getWrites: {
        tables: ['attendance', 'audit_log'],
        why: 'staff scanning the QR code at the door records the presence (the purpose of this GET: a phone camera opens a link)',
      },
    },
  ],
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
  'POST /gestion/parcours/:id/candidatures/:applicationId/decision': staffOnlyScoped(
    'decide on an application',
    async (c) => ({
      url: `/gestion/parcours/${c.f.program.id}/candidatures/${
        c.role === 'staff' ? (await fresh.application(c.f, c.target)).id : c.target.pendingApplicationId
      }/decision`,
      form: { decision: 'waitlisted' },
    }),
  ),
  'POST /gestion/parcours/:id/certificats': staffOnly('issue certificates', (c) => ({
    url: `/gestion/parcours/${c.f.program.id}/certificats`,
    form: {},
  })),
  'POST /gestion/certificats/:code/revocation': staffOnlyScoped('revoke a certificate', async (c) => ({
    url: `/gestion/certificats/${c.role === 'staff' ? await fresh.certificate(c.f, c.target) : c.target.certificateCode}/revocation`,
    form: { reason: 'Délivré par erreur' },
  })),

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
  'POST /api/v1/applications/:id/decision': staffOnlyScoped('decide on an application', async (c) => ({
    url: `/api/v1/applications/${c.role === 'staff' ? (await fresh.application(c.f, c.target)).id : c.target.pendingApplicationId}/decision`,
    json: { decision: 'waitlisted' },
  })),
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
  'POST /api/v1/programs/:id/certificates': staffOnly('issue certificates', (c) => ({
    url: `/api/v1/programs/${c.f.program.id}/certificates`,
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
