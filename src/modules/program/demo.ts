// Demo data of « Diplomates des territoires »: the real 2026-2027 programme of the brochure (seed 000) —
// its sessions, partners, formats and places; dates where the brochure gives none are provisional — and
// a fictional cohort at different stages (certified, on track, at risk), with applications to review.
import type { Executor } from '../../platform/db/client.ts';
import { parisTime } from '../../platform/time.ts';
import { recordAttendance } from '../events/check-in.ts';
import { seedRegistration } from '../events/demo-registration.ts';
import { createEvent, type Event, listEvents } from '../events/events.ts';
import { createOrganisation, type Organisation } from '../organisations/organisations.ts';
import { createPerson, type Person } from '../organisations/people.ts';
import { applyToProgram, decideApplication } from './applications.ts';
import { expressionsOfInterest } from './program.schema.ts';
import { addSession, createProgram } from './programs.ts';

export interface DemoProgramContext {
  organisations: Map<string, Organisation>;
  /** The demo's people by « first last »: an élu already there applies rather than being made twice. */
  people: Map<string, Person>;
  staff: Person;
  baseUrl: string;
  at: Date;
}

type Format = 'in_person' | 'hybrid' | 'online';
interface SessionPlan {
  title: string;
  theme: string;
  kind: 'meeting' | 'conference' | 'field_mission' | 'forum' | 'symposium' | 'session';
  format: Format;
  venue?: string;
  partners: string[];
  from: [string, string];
  to: [string, string];
  provisional: boolean;
  mandatory?: boolean;
  cohortOnly?: boolean;
  /** The agenda already has this event (the Rencontres): link it rather than create it. */
  existingTitle?: string;
}

const meae = 'Ministère de l’Europe et des Affaires étrangères — DCTCIV';
const senat = 'Sénat';
const afd = 'Agence française de développement (AFD)';
const cglu = 'Cités et gouvernements locaux unis (CGLU)';
const caps = 'Centre d’analyse, de prévision et de stratégie (CAPS)';
const academie = 'Académie diplomatique et consulaire';

const plan: SessionPlan[] = [
  {
    title: 'Réunion de lancement : présentation du cycle d’immersion',
    theme: 'Je rencontre les autres élus de ma promotion',
    kind: 'meeting',
    format: 'hybrid',
    venue: 'Cités Unies France, Paris',
    partners: [meae, senat],
    from: ['2026-04-22', '14:00'],
    to: ['2026-04-22', '17:00'],
    provisional: true,
  },
  {
    title:
      '« Les multiples défis de l’action internationale des collectivités territoriales : décryptage des enjeux d’hier, d’aujourd’hui, de demain »',
    theme: 'J’apprends tout sur la coopération décentralisée',
    kind: 'conference',
    format: 'in_person',
    venue: 'Sénat, Paris',
    partners: [meae, afd, senat],
    from: ['2026-05-20', '09:30'],
    to: ['2026-05-20', '12:30'],
    provisional: true,
  },
  {
    title: '« La France à l’heure de la reconfiguration des alliances »',
    theme: 'Séance obligatoire',
    kind: 'symposium',
    format: 'in_person',
    venue: 'Paris',
    partners: [caps],
    from: ['2026-06-17', '09:30'],
    to: ['2026-06-17', '17:00'],
    provisional: true,
    mandatory: true,
  },
  {
    title: '« Les Rencontres de l’action internationale des collectivités territoriales (RAICT) »',
    theme: 'Je rencontre le réseau des collectivités engagées à l’international',
    kind: 'forum',
    format: 'in_person',
    venue: 'Salons de l’Hôtel des Arts & Métiers, Paris',
    partners: [],
    from: ['2026-07-08', '09:00'],
    to: ['2026-07-09', '18:00'],
    provisional: false,
    existingTitle: '17e Rencontres de l’action internationale des collectivités territoriales',
  },
  {
    title: '« La diplomatie des collectivités territoriales et les élus locaux ambassadeurs »',
    theme: 'Je comprends la portée de la diplomatie démultipliée',
    kind: 'meeting',
    format: 'in_person',
    venue: 'La Fabrique de la Diplomatie, Paris',
    partners: [meae],
    from: ['2026-09-16', '14:00'],
    to: ['2026-09-16', '17:30'],
    provisional: true,
  },
  {
    title: '« Le baptême dans l’arène mondiale des collectivités territoriales »',
    theme: 'Je construis mon réseau mondial',
    kind: 'field_mission',
    format: 'in_person',
    venue: 'Congrès mondial de CGLU, Tanger (Maroc)',
    partners: [cglu],
    from: ['2026-09-29', '09:00'],
    to: ['2026-10-02', '18:00'],
    provisional: true,
  },
  {
    title: '« Immersion dans l’écosystème de la diplomatie française »',
    theme: 'Séance obligatoire',
    kind: 'session',
    format: 'in_person',
    venue: 'Académie diplomatique et consulaire, Paris',
    partners: [academie, meae],
    from: ['2026-10-07', '09:00'],
    to: ['2026-10-07', '17:30'],
    provisional: true,
    mandatory: true,
  },
  {
    title:
      '« L’AICT dans les zones géographiques prioritaires de la diplomatie française : à la recherche de nouvelles synergies ? »',
    theme: 'Je comprends les enjeux géopolitiques de la diplomatie française',
    kind: 'symposium',
    format: 'in_person',
    venue: 'Sénat, Paris',
    partners: [senat, meae, afd],
    from: ['2026-10-21', '09:30'],
    to: ['2026-10-21', '17:00'],
    provisional: true,
  },
  {
    title: '« Les liaisons vertueuses : les relations élu-technicien »',
    theme: 'Je collabore avec mon service R.I.',
    kind: 'meeting',
    format: 'hybrid',
    venue: 'Cités Unies France, Paris',
    partners: ['ARRICOD'],
    from: ['2026-11-18', '14:00'],
    to: ['2026-11-18', '16:30'],
    provisional: true,
  },
  {
    title: '« Les enjeux de la communication sur l’AICT »',
    theme: 'Je communique sur l’AICT auprès de mes concitoyens',
    kind: 'meeting',
    format: 'online',
    partners: [],
    from: ['2026-12-09', '10:00'],
    to: ['2026-12-09', '12:00'],
    provisional: true,
  },
  {
    title:
      '« L’eau - entre enjeux globaux et solutions locales : la coopération décentralisée comme indispensable clé d’action »',
    theme: 'Je comprends la place de l’eau dans l’AICT',
    kind: 'symposium',
    format: 'in_person',
    venue: 'Sénat, Paris',
    partners: [senat],
    from: ['2027-01-13', '09:30'],
    to: ['2027-01-13', '17:00'],
    provisional: true,
    cohortOnly: true,
  },
  {
    title: 'Remise des certificats d’« Auditeur de Cités Unies France »',
    theme: 'Clôture de la promotion 2026-2027',
    kind: 'session',
    format: 'in_person',
    venue: 'Paris',
    partners: [senat, meae],
    from: ['2027-02-10', '18:00'],
    to: ['2027-02-10', '20:00'],
    provisional: true,
    cohortOnly: true,
  },
];

// Fictional élus of the cohort: [first name, last name, local government, mandate, sessions attended (indexes of the plan)].
const cohort: [string, string, string, string, number[]][] = [
  [
    'Hélène',
    'Garnier',
    'Angers',
    'adjointe au maire déléguée aux relations internationales',
    [0, 1, 2, 3, 6, 8],
  ],
  ['Sophie', 'Lambert', 'Lyon', 'adjointe au maire déléguée aux relations internationales', [0, 2, 3, 4, 6]],
  [
    'Nicolas',
    'Perrin',
    'Dijon',
    'adjoint au maire délégué à l’Europe et à l’international',
    [1, 2, 4, 5, 6, 7, 8],
  ],
  [
    'Claire',
    'Vidal',
    'Montpellier Méditerranée Métropole',
    'vice-présidente déléguée aux relations internationales',
    [0, 2, 6],
  ],
  [
    'Aïcha',
    'Diallo',
    'Colombes',
    'adjointe au maire à la coopération et la solidarité internationales',
    [2, 3, 6],
  ],
  ['Inès', 'Marchand', 'Cannes', 'adjointe au maire déléguée aux relations internationales', [0, 1, 2, 6]],
  [
    'Pierre',
    'Lefèvre',
    'Occitanie',
    'conseiller régional délégué aux relations internationales',
    [0, 1, 3, 4, 5],
  ],
  [
    'Marion',
    'Fabre',
    'Bordeaux',
    'conseillère municipale déléguée à la coopération décentralisée',
    [0, 1, 3],
  ],
  ['Gaëlle', 'Morvan', 'Bretagne', 'conseillère régionale déléguée à l’Europe et à l’international', [1, 4]],
  ['Antoine', 'Rousseau', 'Poitiers', 'adjoint au maire délégué aux relations internationales', [2, 6, 7]],
  ['Sarah', 'Benhamou', 'Aix-en-Provence', 'adjointe au maire déléguée aux jumelages', [0, 2, 3, 6, 7, 8]],
  ['Julie', 'Carré', 'Issy-les-Moulineaux', 'conseillère municipale déléguée à l’international', [3, 5]],
  [
    'Bruno',
    'Michaud',
    'Clermont-Ferrand',
    'adjoint au maire délégué à la coopération internationale',
    [0, 6],
  ],
  [
    'Léa',
    'Fontaine',
    'Nouvelle-Aquitaine',
    'conseillère régionale déléguée à la coopération',
    [0, 1, 2, 3, 4, 5, 6, 7, 8],
  ],
  ['Malik', 'Traoré', 'CU Limoges Métropole', 'vice-président délégué aux relations internationales', [2, 5]],
];

// Applications still to review, and one refused, so that the review queue has work.
const pending: [string, string, string, string][] = [
  ['Romain', 'Giraud', 'Bonneville', 'maire adjoint délégué aux jumelages'],
  ['Camille', 'Perret', 'Aude', 'conseillère départementale déléguée à la coopération'],
  ['Yves', 'Lemoine', 'Centre-Val de Loire', 'conseiller régional délégué à l’international'],
];

const emailOf = (first: string, last: string) =>
  `${first}.${last}`
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .toLowerCase()
    .replace(/[^a-z.]+/g, '-')
    .concat('@parcours.example.org');

export async function seedDemoProgram(tx: Executor, ctx: DemoProgramContext) {
  const org = async (name: string) => {
    const existing = ctx.organisations.get(name);
    if (existing) return existing;
    const created = await createOrganisation(tx, { name, kind: 'institution' }, ctx.staff.id);
    if (!created.ok) throw new Error(`démo : ${name} : ${created.error.message}`);
    ctx.organisations.set(name, created.value);
    return created.value;
  };
  const program = await createProgram(
    tx,
    {
      title: 'Promotion 2026-2027',
      minSessions: 5,
      cohortSize: 20,
      interestOpensOn: '2026-02-02',
      applicationsOpenAt: parisTime('2026-03-30', '00:00').toISOString(),
      applicationsCloseAt: parisTime('2026-04-30', '23:59').toISOString(),
      certificatesOn: '2027-02-10',
      signatoryName: 'Pour Cités Unies France',
      signatoryTitle: 'La direction générale',
    },
    ctx.staff.id,
  );
  if (!program.ok) throw new Error(program.error.message);
  const programId = program.value.id;

  const events: Event[] = [];
  for (const session of plan) {
    let event: Event | undefined;
    if (session.existingTitle) {
      [event] = (
        await listEvents(tx, { q: session.existingTitle }, { personId: ctx.staff.id, staff: true })
      ).map((r) => r.event);
    }
    if (!event) {
      const partnerIds = [];
      for (const name of session.partners) partnerIds.push((await org(name)).id);
      const created = await createEvent(
        tx,
        {
          title: session.title,
          theme: session.theme,
          kind: session.kind,
          format: session.format,
          audience: 'members',
          venue: session.venue,
          onlineUrl: session.format === 'in_person' ? undefined : 'https://visio.example.org/diplomates',
          startsAt: parisTime(...session.from).toISOString(),
          endsAt: parisTime(...session.to).toISOString(),
          series: '« Diplomates des territoires » — promotion 2026-2027',
          provisional: session.provisional,
          partnerIds,
          capacity: 120,
        },
        ctx.staff.id,
      );
      if (!created.ok) throw new Error(`démo : ${session.title} : ${created.error.message}`);
      event = created.value;
    }
    const added = await addSession(
      tx,
      programId,
      { eventId: event.id, mandatory: session.mandatory ?? false, cohortOnly: session.cohortOnly ?? false },
      ctx.staff.id,
    );
    if (!added.ok) throw new Error(`démo : séance ${session.title} : ${added.error.message}`);
    events.push(event);
  }

  // Applications are made inside their window (April 2026), as they were.
  const inWindow = parisTime('2026-04-10', '10:00');
  const applyAs = async (first: string, last: string, government: string, mandate: string) => {
    const organisation = ctx.organisations.get(government);
    if (!organisation) throw new Error(`démo : ${government} introuvable`);
    const known = ctx.people.get(`${first} ${last}`);
    const person = known
      ? ({ ok: true, value: known } as const)
      : await createPerson(
          tx,
          {
            firstName: first,
            lastName: last,
            email: emailOf(first, last),
            kind: 'elected',
            organisationId: organisation.id,
            mandate: { title: mandate, startsOn: '2026-03-22' },
          },
          ctx.staff.id,
        );
    if (!person.ok) throw new Error(`démo : ${first} ${last} : ${person.error.message}`);
    const application = await applyToProgram(
      tx,
      programId,
      {
        personId: person.value.id,
        motivation: 'Élu·e en charge des relations internationales depuis mars 2026.',
      },
      person.value.id,
      inWindow,
    );
    if (!application.ok)
      throw new Error(`démo : candidature ${first} ${last} : ${application.error.message}`);
    return { person: person.value, application: application.value };
  };

  let attendanceCount = 0;
  for (const [first, last, government, mandate, attended] of cohort) {
    const { person, application } = await applyAs(first, last, government, mandate);
    const decided = await decideApplication(
      tx,
      application.id,
      { decision: 'accepted' },
      ctx.staff.id,
      ctx.baseUrl,
    );
    if (!decided.ok) throw new Error(decided.error.message);
    for (const [index, event] of events.entries()) {
      const past = event.endsAt <= ctx.at;
      if (past && !attended.includes(index)) continue;
      // Registered as register() would write it (its window and mails are not what a demo of past months
      // needs), then present at the past sessions.
      await seedRegistration(tx, {
        eventId: event.id,
        personId: person.id,
        mode: event.format === 'online' ? 'online' : 'in_person',
        registeredBy: person.id,
      });
      if (past) {
        await recordAttendance(tx, {
          eventId: event.id,
          personId: person.id,
          source: 'check_in',
          recordedBy: ctx.staff.id,
        });
        attendanceCount++;
      }
    }
  }
  for (const [first, last, government, mandate] of pending) await applyAs(first, last, government, mandate);
  // Two expressions of interest whose addresses were confirmed (the double opt-in's mails are not demo data).
  const said = parisTime('2026-02-20', '10:00');
  for (const [first, last, organisationName, mandate] of [
    ['Thérèse', 'Aubert', 'Ville de Saint-Nazaire', 'adjointe au maire'],
    ['Paul', 'Nguyen', 'Commune de Brest', 'conseiller municipal délégué aux jumelages'],
  ] as const) {
    await tx.insert(expressionsOfInterest).values({
      programId,
      firstName: first,
      lastName: last,
      email: emailOf(first, last),
      organisationName,
      mandate,
      createdAt: said,
      confirmedAt: new Date(said.getTime() + 3_600_000),
    });
  }
  return { programId, sessions: events.length, participants: cohort.length, attendance: attendanceCount };
}
