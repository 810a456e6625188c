// Demo data of the groups: every group and chair named in La Lettre (Nov-Dec 2025, seed 002) and in the
// newsletter of May-June 2022 (seed 004). Chairs are the public officials the newsletters name, in their local
// governments taken from the official reference; their meetings of the agenda are linked; DALC and Japon have
// a roadmap; a few fictional people (example.org) follow groups.
import type { Executor } from '../../platform/db/client.ts';
import { parisDate } from '../../platform/time.ts';
import { listEvents } from '../events/events.ts';
import type { DemoData } from '../module.ts';
import { createOrganisation, type Organisation } from '../organisations/organisations.ts';
import { createPerson } from '../organisations/people.ts';
import { normalise, searchReference } from '../organisations/reference.ts';
import { dayBefore } from './chairs.ts';
import type { GroupKind } from './groups.schema.ts';
import { groupChairs } from './groups.schema.ts';
import { createGroup } from './groups.ts';
import { linkMeeting } from './meetings.ts';
import { addMember, follow } from './members.ts';
import { addRoadmapItem } from './roadmap.ts';

type RefKind = 'commune' | 'epci' | 'departement' | 'region';

/**
 * Local governments of chairs that the members' demo does not hold, from the official reference, without a
 * membership (the demo does not know it). Nancy (Liban's chair since 2025) stays out on purpose: adding it
 * from the reference is the newcomer's first step (organisations/demo.ts); Liban shows no chair until then.
 */
const extraLocalGovernments: [name: string, kind: RefKind][] = [
  ['Paris', 'commune'],
  ['Chambéry', 'commune'],
  ['Toulouse', 'commune'],
  ['Tours', 'commune'],
  ['Rennes', 'commune'],
  ['Loire-Atlantique', 'departement'],
];

interface DemoChair {
  firstName: string;
  lastName: string;
  /** By the demo's name of the local government. */
  organisation: string;
  title: string;
  /**
   * The newsletters name chairs, not the day they took office: a term starts here on the first day of the
   * newsletter that first names its chair (May 2022 or November 2025), Haïti's on its announced start.
   */
  startsOn: string;
  endsOn?: string;
}

interface DemoGroup {
  kind: GroupKind;
  name: string;
  countries: string[];
  description: string;
  chairs: DemoChair[];
  members: string[];
  /** Titles of the agenda's events that are the group's meetings. */
  meetings: string[];
}

const may2022 = '2022-05-01';
const nov2025 = '2025-11-01';

const demoGroups: DemoGroup[] = [
  {
    kind: 'country',
    name: 'Argentine',
    countries: ['AR'],
    description:
      'Le groupe-pays fait le point sur les projets de coopération des collectivités et prépare le colloque de la coopération décentralisée franco-argentine (Limoges, décembre 2025).',
    chairs: [
      {
        firstName: 'Patrick',
        lastName: 'Géroudet',
        organisation: 'Chartres',
        title: 'conseiller municipal délégué à la promotion de la ville',
        startsOn: may2022,
      },
    ],
    members: ['Chartres', 'CU Limoges Métropole'],
    meetings: ['Colloque : « Coopération décentralisée des collectivités françaises et argentines »'],
  },
  {
    kind: 'country',
    name: 'Arménie',
    countries: ['AM'],
    description: 'Retour sur les Assises franco-arméniennes et enjeux de la francophonie en Arménie.',
    chairs: [
      {
        firstName: 'Sonia',
        lastName: 'Zdorovtzoff',
        organisation: 'Lyon',
        title: 'adjointe au maire chargée des relations, coopération et solidarité internationales',
        startsOn: may2022,
      },
    ],
    members: ['Lyon', 'Aix-en-Provence'],
    meetings: ['Réunion de groupe-pays Arménie'],
  },
  {
    kind: 'country',
    name: 'Chine',
    countries: ['CN'],
    description:
      'L’actualité de la coopération décentralisée franco-chinoise, et la coopération économique avec la Chine.',
    chairs: [
      {
        firstName: 'Benoît',
        lastName: 'Pilet',
        organisation: 'Angers',
        title: 'adjoint au maire délégué aux relations internationales et à l’Europe',
        startsOn: nov2025,
      },
    ],
    members: ['Angers', 'Montpellier Méditerranée Métropole'],
    meetings: ['Réunion du groupe-pays Chine'],
  },
  {
    kind: 'country',
    name: 'République de Corée',
    countries: ['KR'],
    description:
      'Les collectivités françaises en coopération avec la Corée ; le Tour franco-coréen des initiatives locales.',
    chairs: [
      {
        firstName: 'Claire',
        lastName: 'Guichard',
        organisation: 'Issy-les-Moulineaux',
        title: 'adjointe au maire chargée des relations internationales',
        startsOn: may2022,
      },
      {
        firstName: 'Caroline',
        lastName: 'Millan',
        organisation: 'Issy-les-Moulineaux',
        title:
          'conseillère municipale déléguée au tourisme, aux relations internationales et à la communication',
        startsOn: nov2025,
      },
    ],
    members: ['Issy-les-Moulineaux'],
    meetings: ['Réunion du groupe-pays République de Corée'],
  },
  {
    kind: 'country',
    name: 'États-Unis',
    countries: ['US'],
    description:
      'L’actualité des partenariats des collectivités et le 250e anniversaire de l’indépendance des États-Unis.',
    chairs: [
      {
        firstName: 'Jérôme',
        lastName: 'Auslender',
        organisation: 'Clermont-Ferrand',
        title:
          'adjoint au maire chargé des relations internationales, des affaires européennes, de la recherche et de la vie étudiante',
        startsOn: nov2025,
      },
    ],
    members: ['Clermont-Ferrand'],
    meetings: ['Réunion du groupe-pays États-Unis'],
  },
  {
    kind: 'country',
    name: 'Haïti',
    countries: ['HT'],
    description: 'Les coopérations décentralisées franco-haïtiennes.',
    chairs: [
      {
        firstName: 'Katja',
        lastName: 'Krüger',
        organisation: 'Bretagne',
        title:
          'conseillère régionale en charge des coopérations décentralisées et de la solidarité internationale',
        startsOn: '2025-12-03',
      },
    ],
    members: ['Bretagne'],
    meetings: ['Réunion du groupe-pays Haïti'],
  },
  {
    kind: 'country',
    name: 'Japon',
    countries: ['JP'],
    description:
      'Le groupe-pays prépare avec CLAIR Paris les 9es Rencontres franco-japonaises de la coopération décentralisée (Cannes, 21-24 octobre 2026) : un comité de pilotage français réunit ses collectivités membres.',
    chairs: [
      {
        firstName: 'Karima',
        lastName: 'Zerkani-Raynal',
        organisation: 'Aix-en-Provence',
        title: 'adjointe au maire déléguée aux relations internationales',
        startsOn: may2022,
      },
    ],
    members: ['Aix-en-Provence', 'Cannes', 'Angers'],
    meetings: [
      '1er Comité de pilotage mixte franco-japonais des 9es Rencontres',
      '2e Comité de pilotage français des 9es Rencontres franco-japonaises',
      '3e Comité de pilotage français des 9es Rencontres franco-japonaises',
      '9es Rencontres franco-japonaises de la coopération décentralisée',
      'Réunion du groupe-pays Japon',
    ],
  },
  {
    kind: 'country',
    name: 'Liban',
    countries: ['LB'],
    description:
      'La situation au Liban, en présence de l’Ambassade de France ; gestion des déchets et restauration des sols. Présidé depuis 2025 par la ville de Nancy (adjoint au maire délégué aux partenariats européens et internationaux).',
    chairs: [
      {
        firstName: 'Aurélie',
        lastName: 'Le Meur',
        organisation: 'Chambéry',
        title: 'première adjointe au maire chargée des relations internationales',
        startsOn: may2022,
        // Succeeded by Nancy's élu, whose local government the demo leaves for staff to add.
        endsOn: '2025-10-31',
      },
    ],
    members: [],
    meetings: [],
  },
  {
    kind: 'country',
    name: 'Madagascar',
    countries: ['MG'],
    description: 'Les coopérations franco-malgaches, dont le projet « Récap’Alimentaire Madagascar ».',
    chairs: [
      {
        firstName: 'Pascal',
        lastName: 'Duforestel',
        organisation: 'Nouvelle-Aquitaine',
        title: 'conseiller régional délégué à la coopération internationale',
        startsOn: nov2025,
      },
    ],
    members: ['Nouvelle-Aquitaine'],
    meetings: ['Atelier final de capitalisation du projet clé en main « Récap’Alimentaire Madagascar »'],
  },
  {
    kind: 'country',
    name: 'Maroc',
    countries: ['MA'],
    description:
      'Le groupe-pays et le fonds de solidarité Maroc ; les travaux préparatoires des Assises franco-marocaines (décembre 2026, région Centre-Val de Loire).',
    chairs: [
      {
        firstName: 'François',
        lastName: 'Bonneau',
        organisation: 'Centre-Val de Loire',
        title: 'président du conseil régional',
        startsOn: may2022,
      },
    ],
    members: ['Centre-Val de Loire', 'Colombes'],
    meetings: [
      'Réunion du groupe-pays et du fonds de solidarité Maroc',
      'Assises franco-marocaines de la coopération décentralisée',
    ],
  },
  {
    kind: 'country',
    name: 'Mauritanie',
    countries: ['MR'],
    description: 'Les coopérations franco-mauritaniennes.',
    chairs: [
      {
        firstName: 'Sarah',
        lastName: 'Bouseksou',
        organisation: 'Savigny-le-Temple',
        title: 'conseillère municipale déléguée aux relations internationales',
        startsOn: may2022,
      },
    ],
    members: ['Savigny-le-Temple'],
    meetings: [],
  },
  {
    kind: 'country',
    name: 'Niger',
    countries: ['NE'],
    description: 'Les coopérations franco-nigériennes, suivies aussi au sein de la dynamique Sahel.',
    chairs: [
      {
        firstName: 'Stéphane',
        lastName: 'Valli',
        organisation: 'Bonneville',
        title: 'maire',
        startsOn: nov2025,
      },
    ],
    members: ['Bonneville'],
    meetings: [],
  },
  {
    kind: 'country',
    name: 'Sénégal',
    countries: ['SN'],
    description: 'Les coopérations franco-sénégalaises ; le volontariat, avec France Volontaires.',
    chairs: [
      {
        firstName: 'Arnaud',
        lastName: 'Ngatcha',
        organisation: 'Paris',
        title: 'adjoint à la maire, délégué aux relations internationales',
        startsOn: may2022,
      },
    ],
    members: [],
    meetings: ['Atelier du groupe-pays Sénégal'],
  },
  {
    kind: 'country',
    name: 'Tunisie',
    countries: ['TN'],
    description: 'Les coopérations franco-tunisiennes.',
    chairs: [
      {
        firstName: 'Adda',
        lastName: 'Bekkouche',
        organisation: 'Colombes',
        title: 'adjoint au maire à la coopération et la solidarité internationales',
        startsOn: nov2025,
      },
    ],
    members: ['Colombes'],
    meetings: [],
  },
  {
    kind: 'country',
    name: 'Vietnam',
    countries: ['VN'],
    description:
      'Les coopérations franco-vietnamiennes et les Assises de la coopération décentralisée franco-vietnamienne.',
    chairs: [
      {
        firstName: 'Jean-Claude',
        lastName: 'Dardelet',
        organisation: 'Toulouse',
        title: 'adjoint au maire',
        startsOn: may2022,
      },
    ],
    members: [],
    meetings: [],
  },
  {
    kind: 'thematic',
    name: 'Sahel',
    countries: ['BF', 'ML', 'NE'],
    description:
      'Une dynamique qui réunit les collectivités en coopération au Burkina Faso, au Mali et au Niger : situation, projets réorientés ou suspendus, relations avec les partenaires locaux.',
    chairs: [
      {
        firstName: 'Benoît',
        lastName: 'Pilet',
        organisation: 'Angers',
        title: 'adjoint au maire délégué aux relations internationales et à l’Europe',
        startsOn: may2022,
      },
    ],
    members: ['Angers', 'Bonneville'],
    meetings: ['Atelier de la dynamique Sahel'],
  },
  {
    kind: 'thematic',
    name: 'Amérique latine et Caraïbes (DALC)',
    countries: [],
    description:
      'La dynamique porte les coopérations des collectivités françaises avec l’Amérique latine et les Caraïbes : mission en Colombie, COP30 à Belém, forum des gouvernements locaux UE-CELAC.',
    chairs: [
      {
        firstName: 'Céline',
        lastName: 'Papin',
        organisation: 'Bordeaux',
        title: 'adjointe au maire chargée des coopérations territoriales, européennes et internationales',
        startsOn: may2022,
      },
    ],
    members: ['Bordeaux', 'Poitiers'],
    meetings: ['30e Conférence des Nations unies sur le climat (COP30)'],
  },
  {
    kind: 'thematic',
    name: 'Jeunesse et ECSI',
    countries: [],
    description:
      'Jeunesses, citoyenneté européenne et mondiale, éducation à la citoyenneté et à la solidarité internationale.',
    chairs: [
      {
        firstName: 'Flavie',
        lastName: 'Boukhenoufa',
        organisation: 'Rennes',
        title: 'adjointe au maire déléguée aux relations internationales',
        startsOn: may2022,
      },
      {
        firstName: 'Chokri',
        lastName: 'Badreddine',
        organisation: 'Voiron',
        title:
          'adjoint au maire en charge de la jeunesse, de la politique de la ville, des jumelages et de l’ouverture à l’international',
        startsOn: nov2025,
      },
    ],
    members: ['Voiron'],
    meetings: ['Réunion Jeunesse et ECSI'],
  },
  {
    kind: 'thematic',
    name: 'Développement économique international',
    countries: [],
    description: 'Le développement économique dans l’action internationale des collectivités (AICT).',
    chairs: [
      {
        firstName: 'Nadia',
        lastName: 'Pellefigue',
        organisation: 'Occitanie',
        title: 'vice-présidente Enseignement supérieur, recherche, Europe et relations internationales',
        startsOn: nov2025,
      },
    ],
    members: ['Occitanie'],
    meetings: ['2e webinaire consacré au Développement économique international'],
  },
  {
    kind: 'thematic',
    name: 'Crises et réhabilitation',
    countries: [],
    description: 'Fonds de solidarité, groupe de travail de CGLU, réponses des collectivités aux crises.',
    chairs: [
      {
        firstName: 'Fanny',
        lastName: 'Sallé',
        organisation: 'Loire-Atlantique',
        title: 'conseillère départementale chargée des solidarités internationales',
        startsOn: may2022,
      },
      {
        firstName: 'Clare',
        lastName: 'Hart',
        organisation: 'Montpellier Méditerranée Métropole',
        title: 'vice-présidente',
        startsOn: nov2025,
      },
    ],
    members: ['Montpellier Méditerranée Métropole'],
    meetings: [],
  },
  {
    kind: 'thematic',
    name: 'Genre',
    countries: [],
    description: 'L’égalité femmes-hommes dans l’action internationale des collectivités.',
    chairs: [
      {
        firstName: 'Élise',
        lastName: 'Pereira-Nunes',
        organisation: 'Tours',
        title:
          'adjointe au maire déléguée aux relations internationales, aux réseaux de villes, aux jumelages et à la francophonie',
        startsOn: may2022,
      },
    ],
    members: [],
    meetings: [],
  },
  {
    kind: 'thematic',
    name: 'ODD et coopération décentralisée',
    countries: [],
    description: 'Les objectifs de développement durable (Agenda 2030) dans les coopérations décentralisées.',
    chairs: [
      {
        firstName: 'Valérie',
        lastName: 'Dumontet',
        organisation: 'Aude',
        title: 'vice-présidente du conseil départemental',
        startsOn: may2022,
      },
    ],
    members: ['Aude'],
    meetings: [],
  },
  {
    kind: 'mission',
    name: 'Climat',
    countries: [],
    description:
      'La mission transversale met en commun les idées, les outils et les énergies des collectivités sur les enjeux climatiques de l’AICT (focus Océan, COP30).',
    chairs: [
      {
        firstName: 'Léonore',
        lastName: 'Moncond’huy',
        organisation: 'Poitiers',
        title: 'maire',
        startsOn: may2022,
      },
    ],
    members: ['Poitiers', 'Bordeaux'],
    meetings: [
      'Réunion de la Mission transversale Climat',
      '30e Conférence des Nations unies sur le climat (COP30)',
    ],
  },
];

/** Fictional followers of the members' demo (example.org), by group. */
const demoFollowers: [person: string, groups: string[]][] = [
  ['Hélène Garnier', ['Japon', 'Chine']],
  ['Inès Marchand', ['Japon']],
  ['Sophie Lambert', ['Arménie', 'Japon']],
  ['Marion Fabre', ['Amérique latine et Caraïbes (DALC)', 'Climat']],
  ['Aïcha Diallo', ['Tunisie', 'Maroc']],
];

/** The roadmaps of DALC and Japon; a day before the demo's today is done. */
const demoRoadmaps: [group: string, title: string, dueOn: string, meeting?: string][] = [
  ['Japon', '1re réunion du comité de pilotage français des 9es Rencontres', '2025-09-22'],
  [
    'Japon',
    '1er comité de pilotage mixte franco-japonais',
    '2025-11-07',
    '1er Comité de pilotage mixte franco-japonais des 9es Rencontres',
  ],
  [
    'Japon',
    '2e réunion du comité de pilotage français',
    '2026-02-10',
    '2e Comité de pilotage français des 9es Rencontres franco-japonaises',
  ],
  [
    'Japon',
    '3e réunion du comité de pilotage français',
    '2026-07-08',
    '3e Comité de pilotage français des 9es Rencontres franco-japonaises',
  ],
  [
    'Japon',
    '9es Rencontres franco-japonaises à Cannes',
    '2026-10-21',
    '9es Rencontres franco-japonaises de la coopération décentralisée',
  ],
  [
    'Amérique latine et Caraïbes (DALC)',
    'Porter la voix des collectivités à la COP30 (Belém), avec la Mission Climat',
    '2025-11-21',
    '30e Conférence des Nations unies sur le climat (COP30)',
  ],
  [
    'Amérique latine et Caraïbes (DALC)',
    'Suites de la mission en Colombie avec Asointermedias (transition durable)',
    '2026-06-30',
  ],
  ['Amérique latine et Caraïbes (DALC)', 'Feuille de route 2027 de la dynamique', '2026-12-31'],
];

const mandateStart = (kind: Organisation['kind']) =>
  kind === 'region' || kind === 'departement' ? '2021-07-02' : '2020-07-03';

const email = (firstName: string, lastName: string) =>
  `${normalise(`${firstName}.${lastName}`).replace(/[^a-z.-]+/g, '-')}@elus.example.org`;

export async function seedDemoGroups(tx: Executor, demo: DemoData) {
  const staff = demo.staff[0]!;
  const organisations = new Map(demo.organisations);
  for (const [name, kind] of extraLocalGovernments) {
    const entry = searchReference(name, 50).find(
      (e) => e.kind === kind && normalise(e.name) === normalise(name),
    );
    if (!entry) throw new Error(`référentiel : ${name} introuvable`);
    const created = await createOrganisation(
      tx,
      { name: entry.name, kind, inseeCode: entry.inseeCode },
      null,
    );
    if (!created.ok) throw new Error(`démo des groupes : ${name} : ${created.error.message}`);
    organisations.set(name, created.value);
  }
  const org = (name: string) => {
    const found = organisations.get(name);
    if (!found) throw new Error(`démo des groupes : organisation ${name} introuvable`);
    return found;
  };
  const viewer = { personId: staff.id, staff: true };
  const eventByTitle = async (title: string) => {
    const rows = await listEvents(tx, { q: title }, viewer, null);
    const found = rows.find((r) => r.event.title === title);
    if (!found) throw new Error(`démo des groupes : événement « ${title} » introuvable`);
    return found.event;
  };

  // One person per chair: Benoît Pilet chairs Chine and Sahel.
  const chairPeople = new Map<string, string>();
  const groupIds = new Map<string, string>();
  for (const item of demoGroups) {
    const created = await createGroup(
      tx,
      { kind: item.kind, name: item.name, countries: item.countries, description: item.description },
      staff.id,
    );
    if (!created.ok) throw new Error(`démo des groupes : ${item.name} : ${created.error.message}`);
    const group = created.value;
    groupIds.set(item.name, group.id);
    for (const chair of item.chairs) {
      const key = `${chair.firstName} ${chair.lastName}`;
      if (!chairPeople.has(key)) {
        const organisation = org(chair.organisation);
        const person = await createPerson(
          tx,
          {
            firstName: chair.firstName,
            lastName: chair.lastName,
            email: email(chair.firstName, chair.lastName),
            kind: 'elected',
            organisationId: organisation.id,
            mandate: { title: chair.title, startsOn: mandateStart(organisation.kind) },
          },
          null,
        );
        if (!person.ok) throw new Error(`démo des groupes : ${key} : ${person.error.message}`);
        chairPeople.set(key, person.value.id);
      }
    }
    // The terms are the history the newsletters tell: written as they were, not appointed again today (the
    // membership rule checks appointments made on the platform).
    const terms = item.chairs.map((chair, i) => ({
      groupId: group.id,
      personId: chairPeople.get(`${chair.firstName} ${chair.lastName}`)!,
      organisationId: org(chair.organisation).id,
      startsOn: chair.startsOn,
      endsOn: chair.endsOn ?? (item.chairs[i + 1] ? dayBefore(item.chairs[i + 1]!.startsOn) : null),
    }));
    if (terms.length) await tx.insert(groupChairs).values(terms);
    for (const name of item.members) {
      const added = await addMember(tx, group.id, org(name).id, staff.id);
      if (!added.ok) throw new Error(`démo des groupes : ${name} : ${added.error.message}`);
    }
    for (const title of item.meetings) {
      const linked = await linkMeeting(tx, group.id, (await eventByTitle(title)).id, staff.id);
      if (!linked.ok) throw new Error(`démo des groupes : ${title} : ${linked.error.message}`);
    }
  }

  for (const [name, groups] of demoFollowers) {
    const person = demo.people.get(name);
    if (!person) throw new Error(`démo des groupes : personne ${name} introuvable`);
    for (const group of groups) await follow(tx, groupIds.get(group)!, person.id, staff.id);
  }

  const today = parisDate(demo.at);
  for (const [group, title, dueOn, meeting] of demoRoadmaps) {
    const added = await addRoadmapItem(
      tx,
      groupIds.get(group)!,
      {
        title,
        dueOn,
        status: dueOn < today ? 'done' : 'planned',
        eventId: meeting ? (await eventByTitle(meeting)).id : undefined,
      },
      staff.id,
    );
    if (!added.ok) throw new Error(`démo des groupes : ${title} : ${added.error.message}`);
  }
}
