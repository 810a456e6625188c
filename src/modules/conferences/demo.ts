// Demo data of the Rencontres: three editions. The 13th (June 2022) with its real grid, as the newsletter of
// May-June 2022 prints it (seed 004); the 17th (8-9 July 2026), announced by La Lettre of Nov-Dec 2025 (seed
// 002), with a made-up but plausible grid and about four hundred registrations, most of whom came; the 18th
// (2027), being prepared: provisional dates, a partial grid, registrations not open yet.
//
// Editions, rooms and sessions go through the domain functions (their conflict checks validate the grids).
// The 17th's registrations are the agenda's, written by `seedRegistration` (no mail for a past event), and
// their rows of this module are inserted in bulk. The people are made with `createPerson`, the only way the
// organisations module offers (one call per person): see the comment of `seedDemoConferences` for its cost.
import type { Db, Executor } from '../../platform/db/client.ts';
import { loadEnv } from '../../platform/env.ts';
import type { Result } from '../../platform/result.ts';
import { parisTime } from '../../platform/time.ts';
import { cancelRegistration } from '../events/cancel-registration.ts';
import { recordAttendance } from '../events/check-in.ts';
import { seedRegistration } from '../events/demo-registration.ts';
import { listEvents } from '../events/events.ts';
import { notificationSettings } from '../events/notifications.ts';
import { liveRegistration } from '../events/registrations.queries.ts';
import { listGroups } from '../groups/groups.ts';
import type { DemoData } from '../module.ts';
import { frenchLocalGovernmentKinds } from '../organisations/kinds.ts';
import { membersInGoodStanding } from '../organisations/memberships.ts';
import {
  createOrganisation,
  type Organisation,
  organisationConditions,
  pageOfOrganisations,
} from '../organisations/organisations.ts';
import { createPerson, type Person } from '../organisations/people.ts';
import { normalise } from '../organisations/reference.ts';
import {
  type CategoryCode,
  type ChoiceStatus,
  conferenceChoices,
  conferenceRegistrations,
  type SessionKind,
} from './conferences.schema.ts';
import {
  addRoom,
  type Conference,
  conferenceOfEvent,
  createConference,
  type Room,
  type Session,
  saveSession,
} from './conferences.ts';

function must<T>(what: string, result: Result<T>): T {
  if (!result.ok) throw new Error(`démo des Rencontres : ${what} : ${result.error.message}`);
  return result.value;
}

/**
 * A spread of integers (FNV-1a over the parts): the demo's « chance », the same at every load, so that the
 * figures the tests read and the demo shows do not move from one start to the next.
 */
function roll(...parts: number[]): number {
  let h = 2166136261;
  for (const part of parts) h = Math.imul(h ^ (part + 0x9e3779b9), 16777619) >>> 0;
  h = Math.imul(h ^ (h >>> 15), 0x85ebca6b) >>> 0;
  return ((h ^ (h >>> 13)) >>> 0) / 4294967296;
}
const pickOf = <T>(list: readonly T[], ...parts: number[]): T =>
  list[Math.floor(roll(...parts) * list.length)]!;

// ——— Grids ———

type RoomSpec = [name: string, capacity: number, accessible?: boolean];

interface GridSession {
  day: string;
  from: string;
  to: string;
  kind: SessionKind;
  title: string;
  /** The room's name; none for the sessions drawn across every room (breaks, lunch, welcome). */
  room?: string;
  /** The name of the group (country group, thematic group, mission) whose session it is. */
  group?: string;
  chair?: string;
  partners?: string;
  note?: string;
  capacity?: number;
  invitationOnly?: boolean;
  /** Speakers among the demo's people, by « First Last ». */
  speakers?: string[];
}

const d13 = ['2022-06-20', '2022-06-21'] as const;

/**
 * The 13th Rencontres, Cité des Sciences et de l'Industrie, as seed 004 prints them. Titles, rooms and the
 * hours the newsletter gives are kept as written. The grid reached us as text extracted from a PDF, which
 * loses some of the boxes' places; what we chose there:
 * - the seed's time scale runs in half-hour columns, 13h00-18h30 on Monday, 8h30-12h30 and 12h30-16h30 on
 *   Tuesday; the two ceremonies of Monday are each one column wide, after the last points pays: the honours
 *   at 18h00, the label at 18h30 (the two boxes side by side), both in the Amphithéâtre, the one room that
 *   seats everyone;
 * - the plenary runs to 11h30, when the morning's workshops start (the seed shows no break on Tuesday);
 * - the nine micro-workshops follow each other, half an hour each, in Salle A+B: the first in the morning's
 *   last column (12h00), the eight others from 12h30 to 16h30 — which puts France Volontaires' one, the
 *   sixth, at 14h30, the hour the seed gives it;
 * - the cocktail lunch, in both halves of Tuesday's grid, runs in Le LOFT from 12h30 (when the first
 *   workshop ends) to 14h30;
 * - the morning workshops whose room the extraction lost are placed in the Salles L. Armand and 2-3; the
 *   economic development workshop precedes the closing in the Amphithéâtre (the seed's boxes follow each
 *   other); the Golfe de Guinée one is in Salle 3, as printed;
 * - the rooms' capacities are not in the seed: plausible ones.
 */
const rooms13: RoomSpec[] = [
  ['Amphithéâtre G. Berger', 380],
  ['Salle L. Armand Est', 120],
  ['Salle L. Armand Ouest', 120],
  ['Salle 2', 60],
  ['Salle 3', 60],
  ['Salle A+B', 50],
  ['Le LOFT', 250],
];

const microWorkshops13: GridSession[] = Array.from({ length: 9 }, (_, i) => {
  const [from, to] = i === 0 ? ['12:00', '12:30'] : [halfHour('12:30', i - 1), halfHour('12:30', i)];
  const volontaires = i === 5;
  return {
    day: d13[1],
    from,
    to,
    kind: 'micro_workshop',
    title: volontaires
      ? 'Micro-atelier 6 — Présentation du programme Territoires Volontaires'
      : `Micro-atelier ${i + 1}`,
    room: 'Salle A+B',
    partners: volontaires ? 'France Volontaires' : undefined,
  };
});

/** `from` plus `n` half-hours (HH:MM). */
function halfHour(from: string, n: number): string {
  const [h, m] = from.split(':').map(Number) as [number, number];
  const minutes = h * 60 + m + n * 30;
  return `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
}

const grid13: GridSession[] = [
  {
    day: d13[0],
    from: '13:00',
    to: '14:30',
    kind: 'registration_desk',
    title: 'Accueil des participants — Enregistrement',
  },
  {
    day: d13[0],
    from: '14:30',
    to: '16:00',
    kind: 'country_point',
    title: 'Point Sénégal',
    room: 'Salle L. Armand Est',
    group: 'Sénégal',
    chair: 'Arnaud Ngatcha, adjoint à la maire de Paris, président du groupe-pays Sénégal',
    note: 'Les deux ambassades ainsi qu’une délégation du Sénégal y sont attendues.',
  },
  {
    day: d13[0],
    from: '14:30',
    to: '16:00',
    kind: 'country_point',
    title: 'Point Palestine (assises)',
    room: 'Salle L. Armand Ouest',
    chair:
      'Fanny Sallé, conseillère chargée des solidarités internationales, Conseil départemental de la Loire-Atlantique',
  },
  {
    day: d13[0],
    from: '14:30',
    to: '16:00',
    kind: 'country_point',
    title: 'Point Amérique latine et Caraïbes',
    room: 'Salle 2',
    group: 'Amérique latine et Caraïbes (DALC)',
    chair:
      'Céline Papin, adjointe au maire chargée des coopérations territoriales, européennes et internationales, Bordeaux',
  },
  {
    day: d13[0],
    from: '14:30',
    to: '16:00',
    kind: 'country_point',
    title: 'Point Arménie (assises)',
    room: 'Salle 3',
    group: 'Arménie',
    chair: 'Sonia Zdorovtzoff, adjointe au maire, Relations, coopération et solidarité internationales, Lyon',
    note: 'Un ultime point d’étape sur les 4es Assises de la coopération décentralisée franco-arménienne (Lyon, 29 et 30 juin 2022).',
  },
  { day: d13[0], from: '16:00', to: '16:30', kind: 'break', title: 'Pause café' },
  {
    day: d13[0],
    from: '16:30',
    to: '18:00',
    kind: 'country_point',
    title: 'Point Méditerranée / Climat',
    room: 'Salle L. Armand Est',
    group: 'Climat',
    note: 'Les enjeux climatiques en Méditerranée : quels enjeux et pistes de travail pour les collectivités françaises engagées dans cette zone ? Ouvert aux collectivités engagées au sein des groupes-pays Méditerranée.',
  },
  {
    day: d13[0],
    from: '16:30',
    to: '18:00',
    kind: 'country_point',
    title: 'Point Sahel',
    room: 'Salle L. Armand Ouest',
    group: 'Sahel',
    chair: 'Benoît Pilet, adjoint au maire délégué aux Relations internationales et à l’Europe, Angers',
  },
  {
    day: d13[0],
    from: '16:30',
    to: '18:00',
    kind: 'country_point',
    title: 'Point Vietnam (assises)',
    room: 'Salle 2',
    group: 'Vietnam',
    chair: 'Jean-Claude Dardelet, adjoint au maire de Toulouse et vice-président de Toulouse Métropole',
    note: 'Point d’étape vers les 12es Assises de la coopération décentralisée franco-vietnamienne, accueillies par la ville de Hanoï.',
  },
  {
    day: d13[0],
    from: '16:30',
    to: '18:00',
    kind: 'country_point',
    title: 'Point Japon (assises)',
    room: 'Salle 3',
    group: 'Japon',
    chair: 'Karima Zerkani-Raynal, adjointe au maire déléguée aux Relations internationales, Aix-en-Provence',
    note: '5e et dernier COPIL français des 7es Rencontres franco-japonaises de la coopération décentralisée (Aix-en-Provence, du 3 au 6 octobre 2022).',
  },
  {
    day: d13[0],
    from: '18:00',
    to: '18:30',
    kind: 'ceremony',
    title: 'Mise à l’honneur des président(e)s de groupes-pays et thématiques de CUF',
    room: 'Amphithéâtre G. Berger',
  },
  {
    day: d13[0],
    from: '18:30',
    to: '19:00',
    kind: 'ceremony',
    title: 'Remise du label « Territoires unis et solidaires face aux crises »',
    room: 'Amphithéâtre G. Berger',
  },
  {
    day: d13[1],
    from: '08:30',
    to: '09:00',
    kind: 'registration_desk',
    title: 'Accueil des participants — Enregistrement',
  },
  {
    day: d13[1],
    from: '09:00',
    to: '09:30',
    kind: 'plenary',
    title: 'Ouverture officielle des Rencontres',
    room: 'Amphithéâtre G. Berger',
  },
  {
    day: d13[1],
    from: '09:30',
    to: '11:30',
    kind: 'plenary',
    title:
      'Conférence plénière « L’action internationale des collectivités territoriales (AICT), levier d’expérimentation face aux défis mondiaux »',
    room: 'Amphithéâtre G. Berger',
  },
  {
    day: d13[1],
    from: '11:30',
    to: '12:30',
    kind: 'workshop',
    title: 'Réaliser l’égalité femmes-hommes dans l’espace public, ici et là-bas',
    room: 'Salle L. Armand Est',
    group: 'Genre',
    chair: 'Élise Pereira-Nunes, adjointe au maire déléguée aux Relations internationales, Tours',
  },
  {
    day: d13[1],
    from: '11:30',
    to: '13:00',
    kind: 'workshop',
    title: 'Nouveaux conflits et diplomatie des villes',
    room: 'Salle L. Armand Ouest',
  },
  {
    day: d13[1],
    from: '11:30',
    to: '13:00',
    kind: 'workshop',
    title:
      'La stratégie internationale : une démarche indispensable, des approches multiples - guide et méthodologie(s) tirés des expériences DCOL',
    room: 'Salle 2',
    partners: 'AFD, CDC, DAECT',
    note: 'Présentation de l’étude de capitalisation sur la stratégie internationale des collectivités territoriales tirée des enseignements DCOL (près de 38 collectivités accompagnées depuis 2018).',
  },
  {
    day: d13[1],
    from: '11:30',
    to: '13:00',
    kind: 'workshop',
    title:
      'Citoyenneté européenne et mondiale des jeunes : mobilisation et innovations des collectivités locales',
    room: 'Salle 3',
    group: 'Jeunesse et ECSI',
    chair: 'Flavie Boukhenoufa, adjointe au maire déléguée aux Relations internationales, Rennes',
  },
  ...microWorkshops13,
  { day: d13[1], from: '12:30', to: '14:30', kind: 'lunch', title: 'Cocktail déjeuner', room: 'Le LOFT' },
  {
    day: d13[1],
    from: '14:30',
    to: '16:00',
    kind: 'workshop',
    title: 'Les collectivités ultramarines et l’action internationale',
    room: 'Salle L. Armand Est',
  },
  {
    day: d13[1],
    from: '14:30',
    to: '16:00',
    kind: 'workshop',
    title: 'Enjeux climatiques et AICT : quelles alliances pour quelles actions ? – Point d’étape',
    room: 'Salle L. Armand Ouest',
    group: 'Climat',
    chair: 'Léonore Moncond’huy, maire de Poitiers, vice-présidente du Grand Poitiers',
  },
  {
    day: d13[1],
    from: '14:30',
    to: '16:00',
    kind: 'workshop',
    title:
      'L’action internationale au service du développement économique et de l’attractivité de nos territoires',
    room: 'Amphithéâtre G. Berger',
    group: 'Développement économique international',
    partners: 'Cités Unies France, Régions de France, Région Occitanie',
  },
  {
    day: d13[1],
    from: '14:30',
    to: '16:00',
    kind: 'workshop',
    title: 'ODD support des coopérations décentralisées : quelle valeur ajoutée ?',
    room: 'Salle 2',
    group: 'ODD et coopération décentralisée',
    chair: 'Valérie Dumontet, vice-présidente du conseil départemental de l’Aude',
    partners: 'CGLU, PLATFORMA',
  },
  {
    day: d13[1],
    from: '14:30',
    to: '16:00',
    kind: 'workshop',
    title:
      'Opportunités de coopération dans le Golfe de Guinée et en Afrique du Nord : venez échanger avec l’AFD et CUF',
    room: 'Salle 3',
    partners: 'AFD',
  },
  {
    day: d13[1],
    from: '16:00',
    to: '16:30',
    kind: 'plenary',
    title: 'Clôture',
    room: 'Amphithéâtre G. Berger',
  },
];

const d17 = ['2026-07-08', '2026-07-09'] as const;
const fil17 =
  'Après les municipales de 2026 : nouveaux mandats, nouveaux élans pour la coopération décentralisée';

/** A plausible venue: the Salons of the Hôtel des Arts et Métiers, avenue d'Iéna (names and seats made up). */
const rooms17: RoomSpec[] = [
  ['Grand Salon', 450],
  ['Salon Iéna', 120],
  ['Salon Vauban', 90],
  ['Salon Monge', 60],
  ['Bibliothèque', 40],
  // Reached by a stair only: the points pays placed there are the small ones.
  ['Salon d’honneur (mezzanine)', 30, false],
  ['Jardin d’hiver', 150],
];

/** The 17th's micro-workshops of a day: half an hour each, in the Salon Monge, 30 seats. */
const microWorkshops17 = (
  day: string,
  slots: readonly (readonly [string, string, string])[],
): GridSession[] =>
  slots.map(([from, to, title]) => ({
    day,
    from,
    to,
    kind: 'micro_workshop',
    title,
    room: 'Salon Monge',
    capacity: 30,
  }));

const grid17: GridSession[] = [
  // ── Wednesday 8 July
  { day: d17[0], from: '08:30', to: '09:30', kind: 'registration_desk', title: 'Accueil des participants' },
  {
    day: d17[0],
    from: '09:30',
    to: '10:00',
    kind: 'plenary',
    title: 'Ouverture officielle des 17es Rencontres',
    room: 'Grand Salon',
    chair: 'Présidence de Cités Unies France',
    speakers: ['Anne-Sophie Delorme'],
  },
  {
    day: d17[0],
    from: '10:00',
    to: '11:30',
    kind: 'plenary',
    title: 'Plénière d’ouverture : quelle place pour l’action internationale dans les nouveaux mandats ?',
    room: 'Grand Salon',
    note: 'Au lendemain des élections municipales de mars 2026, de nouveaux exécutifs s’installent : comment inscrire l’action internationale dans leur projet de territoire, avec quels moyens et quels partenaires ?',
    speakers: ['Bertrand Lacoste', 'Mame Diarra Sow', 'Kenji Morita'],
  },
  { day: d17[0], from: '11:30', to: '12:00', kind: 'break', title: 'Pause café' },
  ...(
    [
      ['Point pays Sénégal', 'Salon Iéna', 'Sénégal'],
      ['Point pays Maroc', 'Salon Vauban', 'Maroc'],
      ['Point pays Madagascar', 'Salon Monge', 'Madagascar'],
      ['Point pays Mauritanie', 'Bibliothèque', 'Mauritanie'],
      ['Point pays Tunisie', 'Salon d’honneur (mezzanine)', 'Tunisie'],
    ] as const
  ).map(
    ([title, room, group]): GridSession => ({
      day: d17[0],
      from: '12:00',
      to: '13:00',
      kind: 'country_point',
      title,
      room,
      group,
    }),
  ),
  {
    day: d17[0],
    from: '12:00',
    to: '13:00',
    kind: 'cafe',
    title: 'Café des RAICT — Nouveaux élus : par où commencer ?',
    room: 'Jardin d’hiver',
  },
  { day: d17[0], from: '13:00', to: '14:30', kind: 'lunch', title: 'Cocktail déjeuner' },
  {
    day: d17[0],
    from: '14:30',
    to: '16:00',
    kind: 'workshop',
    title: 'Nouveaux exécutifs : installer ou relancer une stratégie internationale',
    room: 'Grand Salon',
    capacity: 150,
    partners: 'Dispositif DCOL, AFD',
    speakers: ['Claire-Hélène Vasseur'],
  },
  {
    day: d17[0],
    from: '14:30',
    to: '16:00',
    kind: 'workshop',
    title: 'Les jeunes au cœur des coopérations : volontariat et éducation à la citoyenneté mondiale',
    room: 'Salon Iéna',
    group: 'Jeunesse et ECSI',
    partners: 'France Volontaires',
    speakers: ['Théo Marchal'],
  },
  {
    day: d17[0],
    from: '14:30',
    to: '16:00',
    kind: 'workshop',
    title: 'Climat : des engagements de Belém aux projets de territoire',
    room: 'Salon Vauban',
    group: 'Climat',
    speakers: ['Lucía Fernández'],
  },
  {
    day: d17[0],
    from: '14:30',
    to: '16:00',
    kind: 'workshop',
    title: 'Égalité femmes-hommes : face au backlash, les réponses des collectivités',
    room: 'Bibliothèque',
    group: 'Genre',
    speakers: ['Nathalie Roussel'],
  },
  ...microWorkshops17(d17[0], [
    ['14:30', '15:00', 'Monter un dossier DCOL en dix questions'],
    ['15:00', '15:30', 'Le répertoire des partenariats : s’y trouver, s’y inscrire'],
    ['15:30', '16:00', 'Les fonds de solidarité de CUF : contribuer, suivre, rendre compte'],
  ]),
  { day: d17[0], from: '16:00', to: '16:30', kind: 'break', title: 'Pause café' },
  ...(
    [
      ['Point pays Vietnam', 'Salon Iéna', 'Vietnam'],
      ['Point pays Arménie', 'Salon Vauban', 'Arménie'],
      ['Point pays Liban', 'Salon Monge', 'Liban'],
      ['Point pays Haïti', 'Salon d’honneur (mezzanine)', 'Haïti'],
    ] as const
  ).map(
    ([title, room, group]): GridSession => ({
      day: d17[0],
      from: '16:30',
      to: '17:30',
      kind: 'country_point',
      title,
      room,
      group,
    }),
  ),
  {
    day: d17[0],
    from: '16:30',
    to: '17:30',
    kind: 'cafe',
    title: 'Café des RAICT — Communiquer sur l’action internationale auprès des habitants',
    room: 'Jardin d’hiver',
  },
  {
    // The agenda's demo has this meeting, on invitation, from 17h30 to 18h30 (seed 002: « le 8 juillet 2026, en
    // présentiel, dans le cadre des 17e Rencontres »).
    day: d17[0],
    from: '17:30',
    to: '18:30',
    kind: 'side_meeting',
    title: '3e Comité de pilotage français des 9es Rencontres franco-japonaises',
    room: 'Bibliothèque',
    group: 'Japon',
    invitationOnly: true,
    capacity: 25,
    note: 'Troisième et dernier COPIL français des 9es Rencontres franco-japonaises de la coopération décentralisée (Cannes, 21-24 octobre 2026). Sur invitation.',
  },
  {
    day: d17[0],
    from: '17:45',
    to: '18:30',
    kind: 'ceremony',
    title: 'Remise du label « Territoires unis et solidaires face aux crises »',
    room: 'Grand Salon',
    group: 'Crises et réhabilitation',
  },
  // ── Thursday 9 July
  { day: d17[1], from: '08:30', to: '09:00', kind: 'registration_desk', title: 'Accueil des participants' },
  {
    day: d17[1],
    from: '09:00',
    to: '10:30',
    kind: 'plenary',
    title: 'Plénière : communiquer sur l’AICT, convaincre les habitants et rendre compte',
    room: 'Grand Salon',
    speakers: ['Amandine Cordier', 'Oleksandr Kovalenko'],
  },
  { day: d17[1], from: '10:30', to: '11:00', kind: 'break', title: 'Pause café' },
  {
    day: d17[1],
    from: '11:00',
    to: '12:30',
    kind: 'workshop',
    title: 'Développement économique international : attractivité et coopération',
    room: 'Grand Salon',
    capacity: 150,
    group: 'Développement économique international',
    partners: 'Régions de France',
    speakers: ['Grégoire Fontaine'],
  },
  {
    day: d17[1],
    from: '11:00',
    to: '12:30',
    kind: 'workshop',
    title: 'Ukraine, Gaza, Liban : la reconstruction, une affaire de territoires ?',
    room: 'Salon Iéna',
    group: 'Crises et réhabilitation',
    speakers: ['Rania Khoury'],
  },
  {
    day: d17[1],
    from: '11:00',
    to: '12:30',
    kind: 'workshop',
    title: 'ODD et coopération décentralisée : mesurer ce que nos partenariats changent',
    room: 'Salon Vauban',
    group: 'ODD et coopération décentralisée',
    partners: 'CGLU, PLATFORMA',
    speakers: ['Sébastien Arnaud'],
  },
  {
    day: d17[1],
    from: '11:00',
    to: '12:30',
    kind: 'workshop',
    title: 'Communiquer sur l’AICT en période électorale : retours d’expériences',
    room: 'Bibliothèque',
    speakers: ['Juliette Perrot'],
  },
  ...microWorkshops17(d17[1], [
    ['11:00', '11:30', 'Accueillir une délégation étrangère : le protocole pas à pas'],
    ['11:30', '12:00', 'Financements européens : ce que PLATFORMA peut pour vous'],
    ['12:00', '12:30', 'Les outils de l’AFD pour les collectivités (FICOL)'],
  ]),
  {
    day: d17[1],
    from: '11:00',
    to: '12:00',
    kind: 'cafe',
    title: 'Café des RAICT — Jumelages : faire vivre les liens anciens avec de nouveaux élus',
    room: 'Jardin d’hiver',
  },
  { day: d17[1], from: '12:30', to: '14:00', kind: 'lunch', title: 'Cocktail déjeuner' },
  ...(
    [
      ['Point pays Japon', 'Salon Iéna', 'Japon'],
      ['Point pays Chine', 'Salon Vauban', 'Chine'],
      ['Point pays République de Corée', 'Salon d’honneur (mezzanine)', 'République de Corée'],
      ['Point Amérique latine et Caraïbes', 'Bibliothèque', 'Amérique latine et Caraïbes (DALC)'],
      ['Point Sahel', 'Jardin d’hiver', 'Sahel'],
    ] as const
  ).map(
    ([title, room, group]): GridSession => ({
      day: d17[1],
      from: '14:00',
      to: '15:30',
      kind: 'country_point',
      title,
      room,
      group,
    }),
  ),
  ...microWorkshops17(d17[1], [
    ['14:00', '14:30', 'Territoires Volontaires : accueillir un ou une volontaire international'],
    ['14:30', '15:00', 'Diplomates des territoires : le parcours des élus'],
  ]),
  {
    day: d17[1],
    from: '15:30',
    to: '16:30',
    kind: 'plenary',
    title: 'Plénière de clôture : coopérer en temps de crises, la diplomatie des territoires',
    room: 'Grand Salon',
    speakers: ['Ibrahima Ndiaye', 'Hélène Brun-Ortiz'],
  },
  {
    day: d17[1],
    from: '16:30',
    to: '17:00',
    kind: 'plenary',
    title: 'Clôture des 17es Rencontres',
    room: 'Grand Salon',
  },
];

const d18 = ['2027-07-07', '2027-07-08'] as const;
const rooms18: RoomSpec[] = [
  ['Grand Salon', 450],
  ['Salon Iéna', 120],
  ['Salon Vauban', 90],
];
/** The plenaries placed; the workshops' subjects are still discussed. */
const grid18: GridSession[] = [
  {
    day: d18[0],
    from: '09:30',
    to: '10:00',
    kind: 'plenary',
    title: 'Ouverture officielle des 18es Rencontres',
    room: 'Grand Salon',
  },
  {
    day: d18[0],
    from: '10:00',
    to: '11:30',
    kind: 'plenary',
    title: 'Plénière d’ouverture : un an après les municipales, les nouvelles équipes à l’international',
    room: 'Grand Salon',
  },
  ...(['Salon Iéna', 'Salon Vauban'] as const).map(
    (room, i): GridSession => ({
      day: d18[0],
      from: '14:30',
      to: '16:00',
      kind: 'workshop',
      title: `Atelier thématique ${i + 1} — à confirmer`,
      room,
    }),
  ),
  {
    day: d18[1],
    from: '15:30',
    to: '16:30',
    kind: 'plenary',
    title: 'Plénière de clôture — à confirmer',
    room: 'Grand Salon',
  },
];

interface Edition {
  conference: Conference;
  rooms: Map<string, Room>;
  sessions: Session[];
}

async function seedEdition(
  tx: Executor,
  staffId: string | null,
  input: Record<string, unknown>,
  roomSpecs: RoomSpec[],
  grid: GridSession[],
  lookup: { groups: Map<string, string>; people: Map<string, Person> },
  /** The title of the agenda's event that is this edition (the agenda's demo announced the 17th). */
  existing?: string,
): Promise<Edition> {
  const [announced] = existing
    ? await listEvents(tx, { q: existing }, { personId: staffId ?? '', staff: true }, 1)
    : [];
  const conference = must(
    String(input.title),
    announced
      ? await conferenceOfEvent(tx, announced.event.id, { edition: Number(input.edition) }, staffId)
      : await createConference(tx, input, staffId),
  );
  const rooms = new Map<string, Room>();
  for (const [position, [name, capacity, accessible]] of roomSpecs.entries()) {
    rooms.set(
      name,
      must(name, await addRoom(tx, conference.id, { name, capacity, accessible, position }, staffId)),
    );
  }
  const sessions: Session[] = [];
  for (const s of grid) {
    const session = await saveSession(
      tx,
      conference.id,
      {
        title: s.title,
        kind: s.kind,
        roomId: s.room ? rooms.get(s.room)!.id : undefined,
        startsAt: parisTime(s.day, s.from).toISOString(),
        endsAt: parisTime(s.day, s.to).toISOString(),
        capacity: s.capacity,
        note: s.note,
        chair: s.chair,
        partners: s.partners,
        groupId: s.group ? lookup.groups.get(s.group) : undefined,
        invitationOnly: s.invitationOnly,
        speakers: s.speakers?.map((name) => ({ personId: lookup.people.get(name)!.id })),
      },
      staffId,
    );
    sessions.push(must(s.title, session));
  }
  return { conference, rooms, sessions };
}

// ——— The people of the 17th ———

/** Names written as lists separated by « | » (some hold a space: « Li Na », « Ould Ahmed »). */
const names = (list: string) => list.split('|');
const frenchFirst = names(
  'Camille|Nicolas|Sandrine|Olivier|Valérie|Stéphane|Isabelle|Laurent|Céline|Franck|Aurélie|Mathieu|Nathalie|Jérôme|Sophie|Benoît|Émilie|Cédric|Julie|Romain|Agnès|Fabrice|Manon|Yannick|Léa|Hugo|Chantal|Rachid|Fatima|Gilles',
);
const frenchLast = names(
  'Martin|Bernard|Dubois|Thomas|Robert|Richard|Petit|Durand|Leroy|Gauthier|Simon|Laurent|Lefebvre|Michel|Garcia|David|Bertrand|Lemaire|Vincent|Fournier|Morel|Girard|André|Mercier|Dupont|Masson|Bonnet|François|Martinez|Legrand|Chevalier|Faure|Rousseau|Blanc|Guérin|Muller|Henry|Roussel|Nicolas|Boyer',
);
/** First and last names by country of the foreign delegations, and how many each sends (the 16th edition had
 * « représentants de plus de 20 pays », seed 002). */
const delegations: [country: string, people: number, firstNames: string, lastNames: string][] = [
  ['JP', 8, 'Haruka|Kenji|Yuki|Takeshi|Aiko|Hiroshi|Mai', 'Tanaka|Suzuki|Watanabe|Yamamoto|Kobayashi|Sato'],
  ['SN', 7, 'Aminata|Moussa|Fatou|Ousmane|Awa|Ibrahima', 'Diop|Sow|Ndiaye|Fall|Ba|Sarr'],
  ['MA', 5, 'Youssef|Salma|Karim|Leila|Mehdi', 'El Amrani|Bennani|Alaoui|Tazi|Berrada'],
  ['VN', 5, 'Minh|Lan|Tuấn|Hương|Quang', 'Nguyễn|Trần|Lê|Phạm|Hoàng'],
  ['MG', 4, 'Hery|Voahangy|Tiana|Rija', 'Rakotomalala|Razafindrakoto|Andrianarisoa|Rasoanaivo'],
  ['LB', 4, 'Rami|Nour|Samir|Rania', 'Haddad|Khoury|Nassar|Abou Jaoudé'],
  ['AM', 4, 'Armen|Anahit|Tigran|Lusine', 'Petrosyan|Grigoryan|Sargsyan|Hovhannisyan'],
  ['CN', 4, 'Wei|Li Na|Jun|Mei', 'Wang|Zhang|Liu|Chen'],
  ['UA', 4, 'Olena|Andriy|Iryna|Natalia', 'Kovalenko|Shevchenko|Bondarenko|Tkachenko'],
  ['TN', 3, 'Hichem|Amira|Sami', 'Trabelsi|Ben Salah|Chaabane'],
  ['KR', 3, 'Min-jun|Seo-yeon|Ji-ho', 'Kim|Park|Lee'],
  ['HT', 3, 'Jean-Robert|Marie-Carmel|Wideline', 'Joseph|Pierre-Louis|Jean-Baptiste'],
  ['MR', 3, 'Mohamed|Khadijetou|Sidi', 'Ould Ahmed|Mint Cheikh|Ould Sidi'],
  ['BF', 3, 'Adama|Salimata|Issouf', 'Ouédraogo|Sawadogo|Kaboré'],
  ['PS', 3, 'Khalil|Lina|Omar', 'Barghouti|Saleh|Hamdan'],
  ['BJ', 3, 'Rodrigue|Gisèle|Coffi', 'Houngbédji|Adjovi|Dossou'],
  ['CI', 3, 'Yao|Adjoua|Koffi', 'Kouassi|Koné|Bamba'],
  ['ML', 2, 'Mariam|Souleymane', 'Traoré|Keïta'],
  ['NE', 2, 'Hadiza|Issoufou', 'Mahamadou|Garba'],
  ['AR', 2, 'Mateo|Valentina', 'González|Rodríguez'],
  ['CO', 2, 'Camila|Santiago', 'Gómez|López'],
  ['US', 2, 'Emily|Michael', 'Johnson|Miller'],
  ['CA', 2, 'Chloé|Étienne', 'Tremblay|Gagnon'],
  ['DE', 1, 'Katrin', 'Becker'],
];
/** Local governments of countries the other demos do not have. */
const extraForeign: [name: string, country: string][] = [
  ['Ville de Porto-Novo', 'BJ'],
  ['District autonome d’Abidjan', 'CI'],
  ['Ville de Québec', 'CA'],
  ['Ville de Stuttgart', 'DE'],
];
const institutions = [
  'Ministère de l’Europe et des Affaires étrangères — DCTCIV',
  'Agence française de développement (AFD)',
  'Cités et gouvernements locaux unis (CGLU)',
  'Sénat',
  'ARRICOD',
  'Régions de France',
  'PLATFORMA',
  'CLAIR Paris',
  'France Volontaires',
  'Expertise France',
];
const exhibitors = ['France Volontaires', 'Expertise France', 'CLAIR Paris'];

/** The speakers: [first, last, organisation (demo name, or null), title]. */
const speakers17: [string, string, string | null, string][] = [
  ['Anne-Sophie', 'Delorme', null, 'Présidente du comité d’orientation des Rencontres'],
  ['Bertrand', 'Lacoste', 'Sénat', 'Sénateur, rapporteur sur l’action extérieure des collectivités'],
  ['Mame Diarra', 'Sow', null, 'Maire, présidente d’une association d’élus locaux du Sénégal'],
  ['Kenji', 'Morita', 'CLAIR Paris', 'Directeur de CLAIR Paris'],
  ['Claire-Hélène', 'Vasseur', 'Agence française de développement (AFD)', 'Responsable de la facilité FICOL'],
  ['Théo', 'Marchal', 'France Volontaires', 'Chargé de mission Territoires Volontaires'],
  ['Lucía', 'Fernández', null, 'Secrétaire à l’environnement d’une province argentine'],
  ['Nathalie', 'Roussel', null, 'Chercheuse en sociologie politique'],
  ['Amandine', 'Cordier', 'ARRICOD', 'Présidente de l’ARRICOD'],
  ['Oleksandr', 'Kovalenko', null, 'Maire adjoint d’une ville ukrainienne partenaire'],
  ['Grégoire', 'Fontaine', 'Régions de France', 'Conseiller international de Régions de France'],
  ['Rania', 'Khoury', null, 'Présidente d’une fédération de municipalités libanaises'],
  ['Sébastien', 'Arnaud', 'PLATFORMA', 'Chargé de programme, PLATFORMA'],
  ['Juliette', 'Perrot', null, 'Consultante en communication publique'],
  [
    'Ibrahima',
    'Ndiaye',
    'Cités et gouvernements locaux unis (CGLU)',
    'Chargé des relations avec l’Afrique, CGLU',
  ],
  [
    'Hélène',
    'Brun-Ortiz',
    'Ministère de l’Europe et des Affaires étrangères — DCTCIV',
    'Déléguée pour les collectivités territoriales et la société civile',
  ],
];

/** The demo people of the members' demo the agenda already registered to these Rencontres; false: did not come. */
const demoRegistered: [string, boolean][] = [
  ['Hélène Garnier', true],
  ['Julien Moreau', true],
  ['Sophie Lambert', true],
  ['Karim Benali', true],
  ['Marion Fabre', true],
  ['Thomas Rey', false],
  ['Claire Vidal', true],
  ['Nicolas Perrin', true],
  ['Aïcha Diallo', true],
  ['Pierre Lefèvre', true],
  ['Élodie Roux', true],
  ['Yann Le Gall', false],
  ['Inès Marchand', true],
  ['Nadia Haddad', true],
];

const accessibilityNeeds = [
  'Se déplace en fauteuil roulant : accès de plain-pied nécessaire.',
  'Malentendant : boucle magnétique souhaitée.',
  'Interprétation en langue des signes française.',
];

interface Registrant {
  person: Person;
  category: CategoryCode;
  /** Registered by someone else (staff for guests, speakers, press and delegations). */
  by: string | null;
}

/** Makes people one by one (createPerson is the organisations module's one way), with unique addresses. */
function peopleMaker(tx: Executor, staffId: string | null) {
  const used = new Set<string>();
  const slug = (text: string) =>
    normalise(text)
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-|-$/g, '');
  return async (
    firstName: string,
    lastName: string,
    organisation: Organisation | null,
    kind: Person['kind'],
    domain?: string,
  ): Promise<Person> => {
    const local = `${slug(firstName)}.${slug(lastName)}`;
    const at = `${domain ?? slug(organisation?.name ?? 'particulier')}.example.org`;
    for (let n = 1; ; n++) {
      const email = `${local}${n > 1 ? `.${n}` : ''}@${at}`;
      if (used.has(email)) continue;
      used.add(email);
      const created = await createPerson(
        tx,
        { firstName, lastName, email, kind, organisationId: organisation?.id },
        staffId,
      );
      // An address the other demos already gave: the next number.
      if (!created.ok && created.error.code === 'conflict') continue;
      return must(`${firstName} ${lastName}`, created);
    }
  };
}

/** The French local governments of the demo, split by their standing on a day. */
async function frenchLocalGovernments(tx: Executor, demo: DemoData, on: Date) {
  const known = [...demo.organisations.values()].filter((o) => frenchLocalGovernmentKinds.includes(o.kind));
  const members = await membersInGoodStanding(
    tx,
    known.map((o) => o.id),
    on,
  );
  // Non-members beyond the named ones: the reference's communes and départements other demos added (the
  // atlas's chefs-lieux), the first ones by name.
  const others = await Promise.all(
    (['commune', 'departement'] as const).map(
      async (kind) =>
        (await pageOfOrganisations(tx, organisationConditions({ kind, member: 'false' }, on), 1, 30)).items,
    ),
  );
  const nonMembers = new Map<string, Organisation>();
  for (const o of [...known.filter((o) => !members.has(o.id)), ...others.flat()]) nonMembers.set(o.id, o);
  return { members: known.filter((o) => members.has(o.id)), nonMembers: [...nonMembers.values()] };
}

/** The day the 17th's registrations stand on (membership of the year, fees). */
const registrationDay17 = parisTime('2026-06-01', '12:00');

async function peopleOf17(tx: Executor, demo: DemoData, staffId: string | null) {
  const make = peopleMaker(tx, staffId);
  const registrants: Registrant[] = [];
  const organisation = async (
    name: string,
    kind: 'institution' | 'foreign_local_government',
    country = 'FR',
  ) => {
    const found = demo.organisations.get(name);
    if (found) return found;
    const created = must(name, await createOrganisation(tx, { name, kind, country }, staffId));
    demo.organisations.set(name, created);
    return created;
  };

  // The people the agenda's demo registered to these Rencontres (events/demo.ts), in their category.
  const { members, nonMembers } = await frenchLocalGovernments(tx, demo, registrationDay17);
  const memberIds = new Set(members.map((o) => o.id));
  for (const [name] of demoRegistered) {
    const person = demo.people.get(name);
    if (!person) continue;
    const category = memberIds.has(person.organisationId ?? '')
      ? 'member_local_government'
      : 'local_government';
    registrants.push({ person, category, by: null });
  }

  // Member local governments: 180 people in all, their elected officials and officers.
  let n = 0;
  const frenchPerson = async (org: Organisation, category: CategoryCode) => {
    n++;
    const kind = roll(n, 1) < 0.45 ? 'elected' : 'officer';
    const person = await make(pickOf(frenchFirst, n, 2), pickOf(frenchLast, n, 3), org, kind);
    registrants.push({ person, category, by: null });
  };
  const memberTarget = 180 - registrants.filter((r) => r.category === 'member_local_government').length;
  for (let i = 0; i < memberTarget; i++)
    await frenchPerson(members[i % members.length]!, 'member_local_government');
  // Non-member local governments: 70 people, one or two each.
  const nonMemberTarget = 70 - registrants.filter((r) => r.category === 'local_government').length;
  for (let i = 0; i < nonMemberTarget; i++)
    await frenchPerson(nonMembers[i % nonMembers.length]!, 'local_government');

  // Foreign delegations: the other demos' foreign local governments (the atlas's), by country.
  const foreign = new Map<string, Organisation[]>();
  for (const o of demo.organisations.values())
    if (o.kind === 'foreign_local_government') foreign.set(o.country, [...(foreign.get(o.country) ?? []), o]);
  for (const [name, country] of extraForeign)
    if (!foreign.has(country))
      foreign.set(country, [await organisation(name, 'foreign_local_government', country)]);
  for (const [country, count, firstNames, lastNames] of delegations) {
    const orgs = foreign.get(country);
    if (!orgs) continue;
    const [first, last] = [names(firstNames), names(lastNames)];
    for (let i = 0; i < count; i++) {
      const person = await make(
        first[i % first.length]!,
        last[(i + Math.floor(i / last.length)) % last.length]!,
        orgs[i % Math.min(orgs.length, 2)]!,
        i === 0 ? 'elected' : 'officer',
      );
      registrants.push({ person, category: 'foreign_delegation', by: staffId });
    }
  }

  // Partners (35), exhibitors (6), speakers (16), press (8), staff.
  for (let i = 0; i < 35; i++) {
    n++;
    const org = await organisation(institutions[i % institutions.length]!, 'institution');
    const person = await make(pickOf(frenchFirst, n, 4), pickOf(frenchLast, n, 5), org, 'partner');
    registrants.push({ person, category: 'partner', by: null });
  }
  for (let i = 0; i < 6; i++) {
    n++;
    const org = await organisation(exhibitors[i % exhibitors.length]!, 'institution');
    const person = await make(pickOf(frenchFirst, n, 6), pickOf(frenchLast, n, 7), org, 'partner');
    registrants.push({ person, category: 'exhibitor', by: staffId });
  }
  const speakers = new Map<string, Person>();
  for (const [first, last, orgName] of speakers17) {
    const org = orgName ? await organisation(orgName, 'institution') : null;
    const person = await make(first, last, org, 'partner', org ? undefined : 'intervenants');
    speakers.set(`${first} ${last}`, person);
    registrants.push({ person, category: 'speaker', by: staffId });
  }
  const outlets = ['gazette-des-communes', 'localtis', 'courrier-des-maires', 'acteurs-publics'];
  for (let i = 0; i < 8; i++) {
    n++;
    const person = await make(
      pickOf(frenchFirst, n, 8),
      pickOf(frenchLast, n, 9),
      null,
      'partner',
      outlets[i % 4],
    );
    registrants.push({ person, category: 'press', by: staffId });
  }
  for (const person of demo.staff) registrants.push({ person, category: 'staff', by: null });
  for (let i = 0; i < 6; i++) {
    n++;
    const person = await make(
      pickOf(frenchFirst, n, 10),
      pickOf(frenchLast, n, 11),
      null,
      'staff',
      'cites-unies-france',
    );
    registrants.push({ person, category: 'staff', by: null });
  }
  return { registrants, speakers };
}

// ——— Registrations, choices and attendance of the 17th ———

const feesOf: Partial<Record<CategoryCode, number>> = {
  local_government: 15_000,
  partner: 15_000,
  exhibitor: 60_000,
};

async function registrationsOf17(tx: Executor, demo: DemoData, edition: Edition, registrants: Registrant[]) {
  const { conference } = edition;
  const event = conference.event;
  const opens = event.registrationOpensAt!.getTime();
  const span = parisTime('2026-07-06', '18:00').getTime() - opens;
  // The demo may be loaded before the Rencontres are over: no registration after « now », no attendance
  // before their end.
  const now = demo.at.getTime();
  const over = event.endsAt.getTime() <= now;
  const attended = new Map(demoRegistered.map(([name, came]) => [demo.people.get(name)?.id, came]));

  const rows: (typeof conferenceRegistrations.$inferInsert)[] = [];
  const live: {
    registrationId: string;
    personId: string;
    days: string[];
    at: Date;
    index: number;
    needs: string | null;
  }[] = [];
  const cancelled: string[] = [];
  for (const [index, { person, category, by }] of registrants.entries()) {
    const at = new Date(opens + Math.floor(roll(index, 20) * span));
    if (at.getTime() > now) continue;
    const made = await seedRegistration(tx, {
      eventId: event.id,
      personId: person.id,
      mode: 'in_person',
      registeredBy: by ?? person.id,
      at,
    });
    // The agenda's demo registered some of them already: their registration becomes the Rencontres'.
    const registration = made ?? (await liveRegistration(tx, event.id, person.id));
    if (!registration) continue;
    const r = roll(index, 21);
    const days =
      category === 'foreign_delegation' || category === 'staff'
        ? []
        : r < 0.75
          ? []
          : r < 0.9
            ? [d17[0]]
            : [d17[1]];
    const needs =
      index % 67 === 5 ? accessibilityNeeds[Math.floor(index / 67) % accessibilityNeeds.length]! : null;
    rows.push({
      registrationId: registration.id,
      conferenceId: conference.id,
      category,
      amountDueCents: feesOf[category] ?? 0,
      days,
      lunch: roll(index, 22) < 0.8,
      accessibilityNeeds: needs,
    });
    live.push({
      registrationId: registration.id,
      personId: person.id,
      days: days.length ? days : [...d17],
      at,
      index,
      needs,
    });
  }
  await tx.insert(conferenceRegistrations).values(rows);

  // About ten more people registered, then cancelled before the Rencontres (the agenda's way: a mail each).
  const settings = notificationSettings(loadEnv());
  for (const one of live.filter((l) => l.index % 40 === 17 && !attended.has(l.personId))) {
    const cancelledAt = new Date(
      Math.min(one.at.getTime() + 9 * 86_400_000, event.startsAt.getTime() - 86_400_000),
    );
    if (cancelledAt.getTime() > now) continue;
    must(
      'annulation',
      await cancelRegistration(tx as Db, one.registrationId, null, { settings, at: cancelledAt }),
    );
    cancelled.push(one.registrationId);
  }
  const stillLive = live.filter((l) => !cancelled.includes(l.registrationId));

  // Choices: in each slot of workshops and micro-workshops, one session per person, within its seats.
  const choosable = edition.sessions.filter((s) => s.kind === 'workshop' || s.kind === 'micro_workshop');
  const roomsById = new Map([...edition.rooms.values()].map((r) => [r.id, r]));
  const seatsOf = (s: Session) => s.capacity ?? roomsById.get(s.roomId!)!.capacity;
  const slots = new Map<string, Session[]>();
  for (const s of choosable) {
    // The sessions of one slot overlap the slot's workshops (a micro-workshop lies inside them).
    const slot = choosable.find(
      (w) => w.kind === 'workshop' && w.startsAt <= s.startsAt && w.endsAt >= s.endsAt,
    );
    const key = slot ? slot.startsAt.toISOString() : s.startsAt.toISOString();
    slots.set(key, [...(slots.get(key) ?? []), s]);
  }
  const confirmed = new Map<string, number>();
  const choices: (typeof conferenceChoices.$inferInsert)[] = [];
  const chooseAt = (l: (typeof live)[number], k: number) =>
    new Date(
      Math.min(
        l.at.getTime() + (1 + Math.floor(roll(l.index, k, 30) * 10)) * 86_400_000,
        event.startsAt.getTime() - 3_600_000,
        now,
      ),
    );
  for (const l of stillLive) {
    const registrant = registrants[l.index]!;
    if (registrant.category === 'staff' || registrant.category === 'press') continue;
    for (const [k, sessions] of [...slots.values()].entries()) {
      const open = sessions.filter(
        (s) =>
          l.days.some(
            (day) =>
              parisTime(day).getTime() <= s.startsAt.getTime() &&
              s.startsAt.getTime() < parisTime(day, '23:59').getTime(),
          ) &&
          // Someone who told a need of step-free access is not placed in a room without it.
          !(l.needs === accessibilityNeeds[0] && !roomsById.get(s.roomId!)!.accessible),
      );
      // Afternoon slots without workshops (micro-workshops alongside the points pays) tempt fewer people.
      const appetite = sessions.some((s) => s.kind === 'workshop') ? 0.85 : 0.25;
      if (!open.length || roll(l.index, k, 31) >= appetite) continue;
      // Preferences lean to the first sessions of the slot (the workshops the programme puts first).
      const weights = open.map((_, i) => 1 / (i + 1.5));
      const target = roll(l.index, k, 32) * weights.reduce((a, b) => a + b, 0);
      let sum = 0;
      const wanted =
        open.find((_, i) => {
          sum += weights[i]!;
          return target < sum;
        }) ?? open[0]!;
      const createdAt = chooseAt(l, k);
      // One in twenty-five changed their mind: a first choice given up for the one they kept.
      if (roll(l.index, k, 33) < 0.04 && open.length > 1) {
        const first = open.find((s) => s !== wanted)!;
        choices.push({
          registrationId: l.registrationId,
          sessionId: first.id,
          status: 'cancelled',
          createdAt: new Date(createdAt.getTime() - 86_400_000),
          cancelledAt: createdAt,
        });
      }
      const free = (s: Session) => (confirmed.get(s.id) ?? 0) < seatsOf(s);
      // A full session: half wait for a seat, the others take one elsewhere.
      const session = free(wanted) || roll(l.index, k, 34) < 0.5 ? wanted : open.find(free);
      if (!session) continue;
      const status: ChoiceStatus = free(session) ? 'confirmed' : 'waitlisted';
      if (status === 'confirmed') confirmed.set(session.id, (confirmed.get(session.id) ?? 0) + 1);
      const came = over && status === 'confirmed' && (attended.get(l.personId) ?? roll(l.index, 40) >= 0.08);
      choices.push({
        registrationId: l.registrationId,
        sessionId: session.id,
        status,
        createdAt,
        // Scanned at the door for most of those who came (a few doors were not watched).
        presentAt:
          came && roll(l.index, k, 35) < 0.8
            ? new Date(session.startsAt.getTime() + Math.floor(roll(l.index, k, 36) * 10) * 60_000)
            : null,
      });
    }
  }
  if (choices.length) await tx.insert(conferenceChoices).values(choices);

  // Attendance at the entrance: most came, about one in twelve did not.
  if (over) {
    for (const l of stillLive) {
      const came = attended.get(l.personId) ?? roll(l.index, 40) >= 0.08;
      if (!came) continue;
      await recordAttendance(tx, {
        eventId: event.id,
        personId: l.personId,
        source: roll(l.index, 41) < 0.85 ? 'qr' : 'check_in',
        recordedBy: demo.staff[0]?.id ?? null,
      });
    }
  }
}

/**
 * Loads the three editions in the caller's transaction (after the other modules' demos: their people,
 * organisations and groups). Most of its time goes to making the 17th's ~400 people one by one.
 */
export async function seedDemoConferences(tx: Executor, demo: DemoData): Promise<void> {
  const staffId = demo.staff[0]?.id ?? null;
  const groups = new Map((await listGroups(tx)).map((g) => [g.name, g.id]));

  await seedEdition(
    tx,
    staffId,
    {
      title: '13es Rencontres de l’action internationale des collectivités territoriales',
      theme: 'L’AICT, levier d’expérimentation face aux défis mondiaux',
      startsOn: d13[0],
      endsOn: d13[1],
      venue: 'Cité des Sciences et de l’Industrie, Paris',
      // The seed does not say when registrations opened; the newsletter announcing them is of May 2022.
      registrationOpensAt: '2022-05-02',
      registrationClosesAt: '2022-06-17',
      capacity: 600,
      edition: 13,
      description:
        'Dans un format qui a fait ses preuves, les Rencontres 2022 s’articulent autour du fil rouge « L’AICT, levier d’expérimentation face aux défis mondiaux » : conférences, ateliers thématiques, points pays, micro-ateliers se succèdent au cours de cette journée et demie, pour favoriser les échanges entre collectivités et partenaires français, et leurs partenaires étrangers. L’entrée est gratuite pour les collectivités territoriales françaises adhérentes de Cités Unies France.',
    },
    rooms13,
    grid13,
    { groups, people: demo.people },
  );

  const { registrants, speakers } = await peopleOf17(tx, demo, staffId);
  const edition17 = await seedEdition(
    tx,
    staffId,
    {
      title: '17es Rencontres de l’action internationale des collectivités territoriales',
      theme: fil17,
      startsOn: d17[0],
      endsOn: d17[1],
      venue: 'Salons de l’Hôtel des Arts & Métiers, Paris',
      registrationOpensAt: parisTime('2026-04-15', '09:00').toISOString(),
      registrationClosesAt: parisTime('2026-07-06', '18:00').toISOString(),
      capacity: 800,
      edition: 17,
      description:
        'Deux jours, dans un format renouvelé laissant un temps privilégié aux échanges entre acteurs : conférences plénières, ateliers thématiques, réunions géographiques et régionales, et les incontournables « Cafés des RAICT ». Les 17es Rencontres mettent l’accent sur les élections municipales 2026 et leurs implications sur la coopération décentralisée.',
    },
    rooms17,
    grid17,
    { groups, people: speakers },
    '17e Rencontres de l’action internationale des collectivités territoriales',
  );
  await registrationsOf17(tx, demo, edition17, registrants);

  await seedEdition(
    tx,
    staffId,
    {
      title: '18es Rencontres de l’action internationale des collectivités territoriales',
      startsOn: d18[0],
      endsOn: d18[1],
      venue: 'Paris (lieu à confirmer)',
      registrationOpensAt: '2027-04-14',
      provisional: true,
      edition: 18,
      description:
        'Dates et lieu à confirmer. Le programme est en préparation avec le comité d’orientation ; les inscriptions ouvriront au printemps 2027.',
    },
    rooms18,
    grid18,
    { groups, people: demo.people },
  );
}
