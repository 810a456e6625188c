// Two « worlds » of records, A and B, for the authorization matrix: in each, a member local government and
// a non-member one, one user per role, colleagues to act for, registrations, an application, a certificate,
// a restricted event with its document. Records of A are requested by the users of A (own) and of B (ids
// swapped, OWASP WSTG ATHZ-04), and the other way round.
import { randomBytes } from 'node:crypto';
import { createSignInLink } from '../../src/modules/accounts/sign-in-link.ts';
import { prepareAttendanceImport } from '../../src/modules/events/attendance-import.ts';
import { renewCalendarFeed } from '../../src/modules/events/calendar-feeds.ts';
import { recordAttendance } from '../../src/modules/events/check-in.ts';
import { addDocument } from '../../src/modules/events/documents.ts';
import { type Event, invite } from '../../src/modules/events/events.ts';
import { notificationSettings } from '../../src/modules/events/notifications.ts';
import { type Registration, register } from '../../src/modules/events/register.ts';
import { prepareImport } from '../../src/modules/organisations/import.ts';
import type { Organisation } from '../../src/modules/organisations/organisations.ts';
import type { Person } from '../../src/modules/organisations/people.ts';
import { applyToProgram, decideApplication } from '../../src/modules/program/applications.ts';
import { issueCertificates } from '../../src/modules/program/certificates.ts';
import { addSession, createProgram, type Program } from '../../src/modules/program/programs.ts';
import type { Db } from '../../src/platform/db/client.ts';
import { secretsKey } from '../../src/platform/secrets.ts';
import {
  bearer,
  buildElected,
  buildEvent,
  buildLocalGovernment,
  buildOfficer,
  buildPerson,
  buildStaff,
  sessionCookie,
} from '../factories.ts';
import { testConfig } from '../helpers.ts';

export const roles = ['anonymous', 'nonMember', 'officer', 'elected', 'referent', 'staff'] as const;
export type Role = (typeof roles)[number];
export type PersonRole = Exclude<Role, 'anonymous'>;
export const roleLabels: Record<Role, string> = {
  anonymous: 'anonyme',
  nonMember: 'personne non adhérente',
  officer: 'technicien adhérent',
  elected: 'élu adhérent',
  referent: 'référent',
  staff: 'équipe',
};

export const baseUrl = 'http://localhost:3000';
const settings = notificationSettings(testConfig());
/** What the app of the tests signs with (its configuration's secrets key). */
export const signing = { baseUrl, secretsKey: secretsKey(testConfig()) };

export function expectOk<T>(result: { ok: true; value: T } | { ok: false; error: { message: string } }): T {
  if (!result.ok) throw new Error(`fixture: ${result.error.message}`);
  return result.value;
}

export const unique = () => randomBytes(4).toString('hex');

/** A one-page PDF as file-type recognises it. */
export const pdfBytes = Buffer.from(
  '%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n',
);

export interface World {
  name: 'A' | 'B';
  memberOrg: Organisation;
  nonMemberOrg: Organisation;
  people: Record<PersonRole, Person>;
  /** An officer of the member organisation who is no actor: the record a referent acts on. */
  colleague: Person;
  /** An élu of the member organisation who is no actor: the one a referent applies for. */
  electedColleague: Person;
  /** Session ids (cookie values) and API tokens of the actors. */
  sessions: Record<PersonRole, string>;
  bearers: Record<PersonRole, { authorization: string }>;
  /** Registrations of every person of the world to the shared event. */
  registrations: Map<string, Registration>;
  /** An event « sur invitation » to which only this world's officer is invited, with a document. */
  restrictedEvent: Event;
  restrictedDocumentId: string;
  /** The élu's certificate of the shared edition; an application of the colleague élu awaiting decision. */
  certificateCode: string;
  pendingApplicationId: string;
}

export interface Fixtures {
  db: Db;
  A: World;
  B: World;
  /** A public event every person of both worlds is registered to. */
  event: Event;
  membersEvent: Event;
  publicDocumentId: string;
  membersDocumentId: string;
  /** The shared edition: open for applications, one past session; the élus of A and B are certified. */
  program: Program;
  sessionEvent: Event;
  importId: string;
  attendanceImportId: string;
  other: (w: World) => World;
}

async function buildWorld(
  db: Db,
  name: 'A' | 'B',
): Promise<Omit<World, 'registrations' | 'certificateCode' | 'pendingApplicationId'>> {
  const memberOrg = await buildLocalGovernment(db, { member: true });
  const nonMemberOrg = await buildLocalGovernment(db, { member: false });
  const people: Record<PersonRole, Person> = {
    nonMember: await buildPerson(db, {
      kind: 'officer',
      organisationId: nonMemberOrg.id,
      firstName: `NonAdhérent${name}`,
    }),
    officer: await buildPerson(db, {
      kind: 'officer',
      organisationId: memberOrg.id,
      firstName: `Technicien${name}`,
    }),
    elected: await buildElected(db, memberOrg.id),
    referent: await buildOfficer(db, memberOrg.id, true),
    staff: await buildStaff(db),
  };
  const sessions = {} as Record<PersonRole, string>;
  const bearers = {} as Record<PersonRole, { authorization: string }>;
  for (const role of Object.keys(people) as PersonRole[]) {
    sessions[role] = (await sessionCookie(db, people[role])).split('=')[1]!;
    bearers[role] = await bearer(db, people[role]);
  }
  const restrictedEvent = await buildEvent(db, { audience: 'restricted', title: `Comité restreint ${name}` });
  await invite(db, restrictedEvent.id, [people.officer.id], null);
  const restrictedDocumentId = expectOk(
    await addDocument(
      db,
      {
        eventId: restrictedEvent.id,
        kind: 'minutes',
        title: 'Relevé',
        fileName: 'releve.pdf',
        content: pdfBytes,
      },
      people.staff.id,
    ),
  ).id;
  return {
    name,
    memberOrg,
    nonMemberOrg,
    people,
    colleague: await buildOfficer(db, memberOrg.id),
    electedColleague: await buildElected(db, memberOrg.id),
    sessions,
    bearers,
    restrictedEvent,
    restrictedDocumentId,
  };
}

export async function buildFixtures(db: Db): Promise<Fixtures> {
  const partial = { A: await buildWorld(db, 'A'), B: await buildWorld(db, 'B') };
  const staffId = partial.A.people.staff.id;
  const event = await buildEvent(db, { title: 'Assemblée générale', audience: 'public' });
  const membersEvent = await buildEvent(db, { title: 'Réunion des adhérents', audience: 'members' });
  const document = async (eventId: string) =>
    expectOk(
      await addDocument(
        db,
        { eventId, kind: 'document', title: 'Programme', fileName: 'programme.pdf', content: pdfBytes },
        staffId,
      ),
    ).id;
  const program = expectOk(
    await createProgram(db, { title: 'Promotion de la matrice', minSessions: 1 }, staffId),
  );
  const sessionEvent = await buildEvent(db, { title: 'Séance passée', audience: 'members' }, -10);
  expectOk(await addSession(db, program.id, { eventId: sessionEvent.id, mandatory: true }, staffId));
  const worlds = {} as Record<'A' | 'B', World>;
  for (const name of ['A', 'B'] as const) {
    const w = partial[name];
    const registrations = new Map<string, Registration>();
    for (const person of [...Object.values(w.people), w.colleague, w.electedColleague]) {
      const result = await register(
        db,
        { eventId: event.id, personId: person.id, registeredBy: person.id },
        { settings },
      );
      registrations.set(person.id, expectOk(result));
    }
    await certify(db, program, sessionEvent, w.people.elected, staffId);
    const pending = expectOk(
      await applyToProgram(db, program.id, { personId: w.electedColleague.id }, w.people.referent.id),
    );
    worlds[name] = { ...w, registrations, certificateCode: '', pendingApplicationId: pending.id };
  }
  const issued = expectOk(await issueCertificates(db, program.id, staffId, signing));
  for (const name of ['A', 'B'] as const) {
    const w = worlds[name];
    w.certificateCode = issued.find((c) => c.personId === w.people.elected.id)!.code;
  }
  const importId = expectOk(
    await prepareImport(
      db,
      'people',
      'personnes.csv',
      Buffer.from(
        `prénom;nom;email;type;organisation\nImport;Matrice;import.${unique()}@example.org;technicien;\n`,
      ),
      staffId,
    ),
  ).id;
  const attendanceImportId = expectOk(
    await prepareAttendanceImport(
      db,
      event.id,
      'rapport.csv',
      Buffer.from(`Email;Durée\n${worlds.A.people.officer.email};45 min\n`),
      30,
      staffId,
    ),
  ).id;
  return {
    db,
    A: worlds.A,
    B: worlds.B,
    event,
    membersEvent,
    publicDocumentId: await document(event.id),
    membersDocumentId: await document(membersEvent.id),
    program,
    sessionEvent,
    importId,
    attendanceImportId,
    other: (w) => (w.name === 'A' ? worlds.B : worlds.A),
  };
}

/** Applies, is accepted and attends the past session: eligible for a certificate of the edition. */
async function certify(db: Db, program: Program, session: Event, elected: Person, staffId: string) {
  const application = expectOk(await applyToProgram(db, program.id, { personId: elected.id }, elected.id));
  expectOk(
    await db.transaction((tx) =>
      decideApplication(tx, application.id, { decision: 'accepted' }, staffId, baseUrl),
    ),
  );
  await recordAttendance(db, {
    eventId: session.id,
    personId: elected.id,
    source: 'check_in',
    recordedBy: staffId,
  });
  return application;
}

// ——— Fresh records, for requests that may succeed only once ———

export const fresh = {
  event: (db: Db, audience: 'public' | 'members' | 'restricted' = 'public') =>
    buildEvent(db, { audience, title: `Événement ${unique()}` }),

  registration: async (db: Db, person: Person) => {
    const event = await buildEvent(db, { title: `Événement ${unique()}` });
    return expectOk(
      await register(db, { eventId: event.id, personId: person.id, registeredBy: person.id }, { settings }),
    );
  },

  program: async (db: Db, staffId: string) =>
    expectOk(await createProgram(db, { title: `Promotion ${unique()}`, minSessions: 1 }, staffId)),

  officer: (db: Db, organisationId: string) => buildOfficer(db, organisationId),
  elected: (db: Db, organisationId: string) => buildElected(db, organisationId),

  /** A submitted application of a new élu to the shared edition. */
  application: async (f: Fixtures, w: World) => {
    const elected = await buildElected(f.db, w.memberOrg.id);
    return expectOk(await applyToProgram(f.db, f.program.id, { personId: elected.id }, elected.id));
  },

  /** A certificate of a new élu of the world (for a revocation that may succeed once). */
  certificate: async (f: Fixtures, w: World) => {
    const elected = await buildElected(f.db, w.memberOrg.id);
    const staffId = w.people.staff.id;
    await certify(f.db, f.program, f.sessionEvent, elected, staffId);
    // The matrix adds sessions to come to the shared edition: issuing is then early, and confirmed as such.
    const issued = expectOk(await issueCertificates(f.db, f.program.id, staffId, signing, { early: true }));
    return issued.find((c) => c.personId === elected.id)!.code;
  },

  signInToken: async (db: Db, person: Person) => {
    const url = await createSignInLink(db, person.id, { baseUrl, validMinutes: 10 });
    return decodeURIComponent(new URL(url).searchParams.get('jeton')!);
  },

  calendarFeed: (db: Db, person: Person) => renewCalendarFeed(db, person.id),

  session: async (db: Db, person: Person) => (await sessionCookie(db, person)).split('=')[1]!,

  importId: async (db: Db, staffId: string) =>
    expectOk(
      await prepareImport(
        db,
        'people',
        'personnes.csv',
        Buffer.from(
          `prénom;nom;email;type;organisation\nImport;Matrice;import.${unique()}@example.org;technicien;\n`,
        ),
        staffId,
      ),
    ).id,

  attendanceImportId: async (f: Fixtures, w: World) =>
    expectOk(
      await prepareAttendanceImport(
        f.db,
        f.event.id,
        'rapport.csv',
        Buffer.from(`Email;Durée\n${w.colleague.email};45 min\n`),
        30,
        w.people.staff.id,
      ),
    ).id,
};
