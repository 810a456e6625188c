// Demo data of the agenda: the real agenda of « La Lettre » of November-December 2025 (titles, days, kinds,
// formats, audiences and places as the newsletter gives them; the hours it does not give are plausible
// ones), the dates it announces for 2026, and a few events after the demo's « today » so that a demo user
// can register now (one of them full, with a waiting list). Then registrations of the demo people and
// their attendance at past events.
//
// Where the newsletter contradicts itself, the article wins over the agenda's layout: the « Journée des
// acteurs non-étatiques » took place on 5 November (the agenda lists it under a « Vendredi 5 » in
// December), the COP30 ran from 10 to 21 November, and the Argentine symposium is on 16-17 December.
import type { Db, Executor } from '../../platform/db/client.ts';
import { loadEnv } from '../../platform/env.ts';
import { renderPdf } from '../../platform/pdf/pdf.ts';
import { parisDate, parisTime, parisYear } from '../../platform/time.ts';
import type { Organisation } from '../organisations/organisations.ts';
import type { Person } from '../organisations/people.ts';
import { recordAttendance } from './check-in.ts';
import { seedRegistration } from './demo-registration.ts';
import { addDocument } from './documents.ts';
import { checkEligibility } from './eligibility.ts';
import type { AttendanceMode } from './events.schema.ts';
import { createEvent, describeSeries, type Event, type EventInput, invite } from './events.ts';
import { type NotificationSettings, notificationSettings } from './notifications.ts';
import { type Registration, register } from './register.ts';

export interface DemoContext {
  /** Organisations of the demo, by the name used in seed.ts. */
  organisations: Map<string, Organisation>;
  /** Demo people (local governments' élus and officers), by « First Last ». */
  people: Map<string, Person>;
  /** A network staff member: who « checks people in » at past events. */
  staff: Person;
  /** The demo's « now »: events after it are open for registration. */
  at: Date;
  /** For the mails of the upcoming registrations; by default from the environment, as the app does. */
  settings?: NotificationSettings;
}

/** YYYY-MM-DD plus `days` days (calendar arithmetic, no time zone involved). */
function addDays(day: string, days: number): string {
  const d = new Date(`${day}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** The first day on or after `day` that falls on `weekday` (0 = Sunday … 6 = Saturday). */
function nextWeekday(day: string, weekday: number): string {
  const current = new Date(`${day}T12:00:00Z`).getUTCDay();
  return addDays(day, (weekday - current + 7) % 7);
}

const cufOffices = 'Cités Unies France, 9 rue Christiani, 75018 Paris';
const artsEtMetiers = 'Salons de l’Hôtel des Arts et Métiers, Paris';
const visio = (slug: string) => `https://visio.example.org/cuf-${slug}`;

const chroniques = 'Chroniques géopolitiques';
const decryptages = 'Décryptages thématiques';
const devEco = 'Cycle de webinaires — Développement économique international';

interface DemoEvent {
  key: string;
  /** Paris day and time of the start and of the end. */
  from: [string, string];
  to: [string, string];
  input: Omit<EventInput, 'startsAt' | 'endsAt' | 'organiserIds' | 'partnerIds'>;
  organisers?: string[];
  partners?: string[];
  /** Invitation list of a restricted event (demo people). */
  invited?: string[];
  /** Its minutes, put on the event as a PDF once it is over. */
  minutes?: string;
}

/** The agenda of La Lettre, November-December 2025, and the dates it announces for 2026. */
const agenda: DemoEvent[] = [
  // ── November 2025
  {
    key: 'journee-acteurs',
    from: ['2025-11-05', '09:00'],
    to: ['2025-11-05', '18:00'],
    input: {
      title: 'Journée des acteurs non-étatiques pour les 10 ans des Accords de Paris',
      theme: 'Les 10 ans de l’Accord de Paris et les perspectives de la COP30',
      kind: 'conference',
      format: 'in_person',
      audience: 'public',
      venue: 'Paris',
      description:
        'Journée de réflexion organisée par le Comité 21, le Pacte Mondial - Réseau France, l’Association française pour les Nations Unies et Climate Chance, en partenariat avec l’Institut Open Diplomacy. Cités Unies France y apporte le point de vue des collectivités territoriales lors de la table ronde d’ouverture.',
    },
  },
  {
    key: 'copil-fj-1',
    from: ['2025-11-07', '10:00'],
    to: ['2025-11-07', '12:30'],
    input: {
      title: '1er Comité de pilotage mixte franco-japonais des 9es Rencontres',
      theme: '9es Rencontres franco-japonaises de la coopération décentralisée',
      kind: 'steering_committee',
      format: 'in_person',
      audience: 'restricted',
      venue: 'Cannes',
      description:
        'Réservé aux membres du COPIL restreint. Préparation des 9es Rencontres franco-japonaises de la coopération décentralisée (Cannes, 21-24 octobre 2026), co-organisées par la ville-hôte, Cités Unies France et CLAIR Paris.',
    },
    organisers: ['Cannes'],
    partners: ['Aix-en-Provence'],
    invited: ['Inès Marchand', 'Hélène Garnier', 'Sophie Lambert'],
  },
  {
    key: 'gaza',
    from: ['2025-11-07', '14:00'],
    to: ['2025-11-07', '15:30'],
    input: {
      title: 'Comité des donateurs du fonds de solidarité Gaza',
      theme: 'Affectation des dons du fonds de solidarité Gaza',
      kind: 'meeting',
      format: 'online',
      audience: 'public',
      onlineUrl: visio('fonds-gaza'),
      description:
        'Réunion du comité des donateurs du fonds Gaza, en visioconférence, afin de décider de l’affectation des dons. Le fonds reste ouvert pour poursuivre la solidarité des collectivités françaises envers le peuple palestinien.',
    },
    partners: ['Montpellier Méditerranée Métropole'],
  },
  {
    key: 'cop30',
    from: ['2025-11-10', '09:00'],
    to: ['2025-11-21', '18:00'],
    input: {
      title: '30e Conférence des Nations unies sur le climat (COP30)',
      theme: 'Climat et biodiversité : la voix des collectivités territoriales',
      kind: 'conference',
      format: 'in_person',
      audience: 'public',
      venue: 'Belém, Brésil',
      description:
        'Un noyau de collectivités membres de Cités Unies France, notamment Poitiers, Bordeaux, Marseille et Grenoble, se rend à Belém pour porter la voix des collectivités territoriales et de leurs coopérations dans l’action et la gouvernance climatique. Présence conjointe de la Mission transversale Climat et de la dynamique Amérique latine et Caraïbes, avec l’appui de l’AFD, de la DCTCIV/MEAE et de CGLU.',
    },
    partners: [
      'Poitiers',
      'Bordeaux',
      'Agence française de développement (AFD)',
      'Ministère de l’Europe et des Affaires étrangères — DCTCIV',
      'Cités et gouvernements locaux unis (CGLU)',
    ],
  },
  {
    key: 'assises-diplomatie',
    from: ['2025-11-18', '09:00'],
    to: ['2025-11-18', '17:30'],
    input: {
      title: 'Assises de la diplomatie parlementaire et de la coopération décentralisée',
      theme: 'Renforcer les convergences entre diplomatie parlementaire et diplomatie des territoires',
      kind: 'conference',
      format: 'in_person',
      audience: 'public',
      venue: 'Ministère de l’Europe et des Affaires étrangères (Quai d’Orsay), Paris',
      description:
        'Secondes Assises, organisées par la Délégation pour les collectivités territoriales et la société civile (DCTCIV). Trois priorités : simplifier et renforcer les outils en soutien à l’action extérieure des collectivités ; conforter la voix de la France au sein des instances internationales représentatives des pouvoirs locaux ; mieux articuler les initiatives territoriales.',
    },
    organisers: ['Ministère de l’Europe et des Affaires étrangères — DCTCIV'],
    partners: ['Montpellier Méditerranée Métropole'],
  },
  {
    key: 'salon-maires',
    from: ['2025-11-18', '09:00'],
    to: ['2025-11-20', '18:00'],
    input: {
      title: 'Salon des Maires et des Collectivités territoriales',
      kind: 'forum',
      format: 'in_person',
      audience: 'public',
      venue: 'Paris',
      description:
        'Cités Unies France présente ses activités et services aux élus et agents des collectivités.',
    },
  },
  {
    key: 'senegal',
    from: ['2025-11-19', '10:00'],
    to: ['2025-11-19', '12:00'],
    input: {
      title: 'Atelier du groupe-pays Sénégal',
      theme: 'Le volontariat dans les coopérations franco-sénégalaises',
      kind: 'workshop',
      format: 'online',
      audience: 'members',
      onlineUrl: visio('senegal'),
      description:
        'Session organisée avec l’appui de France Volontaires, entièrement consacrée au volontariat : état des lieux du volontariat au Sénégal, conclusions de l’étude sur les Territoires volontaires, retours d’expérience de collectivités et de volontaires engagés sur le terrain. Réservé aux adhérents de CUF.',
    },
  },
  {
    key: 'bureau',
    from: ['2025-11-20', '10:00'],
    to: ['2025-11-20', '12:30'],
    input: {
      title: 'Bureau exécutif de Cités Unies France',
      kind: 'board_meeting',
      format: 'hybrid',
      audience: 'members',
      venue: cufOffices,
      onlineUrl: visio('bureau-executif'),
      description: 'Réunion du Bureau exécutif, en hybride. Réservé aux adhérents de CUF.',
    },
  },
  {
    key: 'etats-unis',
    from: ['2025-11-20', '15:00'],
    to: ['2025-11-20', '16:30'],
    input: {
      title: 'Réunion du groupe-pays États-Unis',
      theme: 'L’actualité des partenariats et le 250e anniversaire de l’indépendance des États-Unis',
      kind: 'meeting',
      format: 'online',
      audience: 'public',
      onlineUrl: visio('etats-unis'),
      description:
        'Point sur l’actualité des partenariats des collectivités, les impacts du gouvernement Trump II sur leurs projets, et l’organisation d’un temps fort pour le 250e anniversaire de l’indépendance des États-Unis.',
    },
    partners: ['Clermont-Ferrand'],
  },
  {
    key: 'chroniques-6-2',
    from: ['2025-11-21', '14:00'],
    to: ['2025-11-21', '15:30'],
    input: {
      title: 'Chroniques géopolitiques : 2e session de la saison 6',
      theme: 'Israël : quel plan pour le pays et ses voisins ?',
      kind: 'webinar',
      format: 'online',
      audience: 'members',
      series: chroniques,
      season: 6,
      sessionNumber: 2,
      guest: 'Dorothée Schmid, directrice de programme à l’IFRI',
      onlineUrl: visio('chroniques-geopolitiques'),
      description:
        'Rendez-vous mensuel en visioconférence pour les collectivités territoriales adhérentes à CUF, afin d’échanger avec un chercheur autour de l’actualité géopolitique. Animé par Dorothée Schmid, directrice de programme à l’IFRI.',
    },
    minutes:
      'Compte rendu de la 2e session de la saison 6 des Chroniques géopolitiques : la situation en Israël et dans les pays voisins, les scénarios évoqués et les questions des collectivités adhérentes.',
  },
  {
    key: 'sahel',
    from: ['2025-11-25', '16:00'],
    to: ['2025-11-25', '17:30'],
    input: {
      title: 'Atelier de la dynamique Sahel',
      theme: 'Burkina Faso, Mali, Niger : l’évolution de la situation et l’actualité des coopérations',
      kind: 'workshop',
      format: 'online',
      audience: 'public',
      onlineUrl: visio('sahel'),
      description:
        'Point sur l’évolution de la situation au Burkina Faso, au Mali et au Niger ; échanges sur les initiatives en cours, les projets réorientés ou suspendus, et les relations avec les partenaires locaux. Sous la présidence du président du groupe-pays Niger, maire de Bonneville.',
    },
    partners: ['Bonneville'],
  },
  {
    key: 'maroc',
    from: ['2025-11-28', '15:30'],
    to: ['2025-11-28', '17:30'],
    input: {
      title: 'Réunion du groupe-pays et du fonds de solidarité Maroc',
      theme: 'Le fonds de solidarité Maroc et la préparation des prochaines Assises franco-marocaines',
      kind: 'meeting',
      format: 'online',
      audience: 'public',
      onlineUrl: visio('maroc'),
      description:
        'Première partie : le comité des donateurs du fonds de solidarité Maroc fait le point sur les projets et sur la mission technique dans les communes d’Ijoukak et d’Ouneine. Deuxième partie : le groupe-pays lance les travaux préparatoires des prochaines Assises franco-marocaines, envisagées en décembre 2026 en région Centre-Val de Loire.',
    },
    partners: ['Centre-Val de Loire'],
  },
  // ── December 2025
  {
    key: 'decryptage-1',
    from: ['2025-12-02', '10:00'],
    to: ['2025-12-02', '11:30'],
    input: {
      title: 'Premier « Décryptage thématique »',
      theme: 'Droits des femmes et backlash : comprendre et répondre aux dynamiques régressives',
      kind: 'webinar',
      format: 'online',
      audience: 'members',
      series: decryptages,
      season: 1,
      sessionNumber: 1,
      onlineUrl: visio('decryptage-droits-des-femmes'),
      description:
        'Nouveau rendez-vous exclusif pour les adhérents de Cités Unies France, pour analyser ensemble les grands enjeux internationaux autour d’un grand témoin et offrir des clés de lecture utiles aux coopérations des collectivités.',
    },
  },
  {
    key: 'haiti',
    from: ['2025-12-03', '15:00'],
    to: ['2025-12-03', '17:00'],
    input: {
      title: 'Réunion du groupe-pays Haïti',
      kind: 'meeting',
      format: 'hybrid',
      audience: 'public',
      venue: cufOffices,
      onlineUrl: visio('haiti'),
      description:
        'Réunion en hybride dans les bureaux de Cités Unies France ; le lien de connexion à distance est communiqué quelques jours avant. Elle marque le début de la présidence de Katja Krüger, conseillère régionale de Bretagne, à la tête du groupe-pays.',
    },
    partners: ['Bretagne'],
  },
  {
    key: 'frontaliere',
    from: ['2025-12-04', '09:00'],
    to: ['2025-12-04', '17:30'],
    input: {
      title: 'Outre-mer : 1res Assises nationales de la coopération frontalière',
      theme: 'Bassins de vie transfrontaliers, quel soutien aux frontières françaises ?',
      kind: 'conference',
      format: 'in_person',
      audience: 'public',
      venue: 'Paris',
      description:
        'Organisées par la Mission Opérationnelle Transfrontalière (MOT) : état des lieux des dynamiques territoriales, nouveaux outils européens et bilatéraux, gouvernance de la coopération frontalière. Les collectivités concernées par une frontière, terrestre ou maritime, sont invitées à y participer.',
    },
  },
  {
    key: 'jeunesse',
    from: ['2025-12-08', '15:00'],
    to: ['2025-12-08', '16:30'],
    input: {
      title: 'Réunion Jeunesse et ECSI',
      theme: 'Feuille de route 2026 de la dynamique thématique',
      kind: 'meeting',
      format: 'online',
      audience: 'public',
      onlineUrl: visio('jeunesse-ecsi'),
      description:
        'La dynamique thématique Jeunesse et ECSI prépare sa feuille de route 2026 et les temps forts qui animeront le groupe.',
    },
    partners: ['Voiron'],
  },
  {
    key: 'decryptage-2',
    from: ['2025-12-09', '10:00'],
    to: ['2025-12-09', '11:30'],
    input: {
      title: 'Second « Décryptage thématique »',
      theme: 'Migration climatique : comprendre les enjeux et accompagner les territoires',
      kind: 'webinar',
      format: 'online',
      audience: 'members',
      series: decryptages,
      season: 1,
      sessionNumber: 2,
      onlineUrl: visio('decryptage-migration-climatique'),
      description:
        'Deuxième session des « Décryptages thématiques », rendez-vous exclusif pour les adhérents de Cités Unies France.',
    },
  },
  {
    key: 'coree',
    from: ['2025-12-09', '09:00'],
    to: ['2025-12-09', '10:30'],
    input: {
      title: 'Réunion du groupe-pays République de Corée',
      theme: 'La gestion des déchets comme thème de coopération',
      kind: 'meeting',
      format: 'online',
      audience: 'local_governments',
      onlineUrl: visio('coree'),
      description:
        'À l’attention des collectivités territoriales uniquement. Point sur l’actualité des collectivités et la gestion des déchets comme thème de coopération. Organisée avec la ville d’Issy-les-Moulineaux.',
    },
    organisers: ['Issy-les-Moulineaux'],
  },
  {
    key: 'madagascar',
    from: ['2025-12-09', '09:00'],
    to: ['2025-12-10', '17:00'],
    input: {
      title: 'Atelier final de capitalisation du projet clé en main « Récap’Alimentaire Madagascar »',
      theme: 'L’autonomie alimentaire des collectivités rurales du Grand Sud',
      kind: 'workshop',
      format: 'in_person',
      audience: 'public',
      venue: 'Ambovombe, Madagascar',
      description:
        'Atelier final du programme lancé en janvier 2023 dans les communes d’Erada, Maroalomainty et Sampona (régions Anosy et Androy). Cofinancé par la DCTCIV, la région Nouvelle-Aquitaine, le département de l’Ille-et-Vilaine, la ville de Mamoudzou et le département de Mayotte ; mis en œuvre par le Gret, Agrisud International et le CTAS.',
    },
    partners: ['Nouvelle-Aquitaine', 'Ministère de l’Europe et des Affaires étrangères — DCTCIV'],
  },
  {
    key: 'ca',
    from: ['2025-12-11', '10:00'],
    to: ['2025-12-11', '12:00'],
    input: {
      title: 'Conseil d’administration de Cités Unies France',
      kind: 'board_meeting',
      format: 'online',
      audience: 'members',
      onlineUrl: visio('conseil-administration'),
      description: 'Conseil d’administration, en visioconférence. Réservé aux adhérents de CUF.',
    },
  },
  {
    key: 'armenie',
    from: ['2025-12-15', '14:00'],
    to: ['2025-12-15', '17:00'],
    input: {
      title: 'Réunion de groupe-pays Arménie',
      theme: 'Retour sur les Assises franco-arméniennes ; la francophonie en Arménie',
      kind: 'meeting',
      format: 'in_person',
      audience: 'public',
      venue: 'Aix-en-Provence',
      description:
        'La ville d’Aix-en-Provence accueille la réunion du groupe-pays, présidé par la ville de Lyon : retour sur les Assises franco-arméniennes et enjeux de la francophonie en Arménie.',
    },
    organisers: ['Aix-en-Provence'],
    partners: ['Lyon'],
  },
  {
    key: 'chine',
    from: ['2025-12-16', '10:30'],
    to: ['2025-12-16', '12:00'],
    input: {
      title: 'Réunion du groupe-pays Chine',
      theme: 'Se lancer dans la coopération économique avec la Chine',
      kind: 'meeting',
      format: 'online',
      audience: 'public',
      onlineUrl: visio('chine'),
      description:
        'Point sur l’actualité de la coopération décentralisée franco-chinoise, et témoignage d’un agent chargé de l’accompagnement d’une filière montpelliéraise de vin sur le territoire chinois. Organisée avec la ville d’Angers, qui préside le groupe-pays.',
    },
    organisers: ['Angers'],
  },
  {
    key: 'webinaire-deveco-2',
    from: ['2025-12-16', '09:00'],
    to: ['2025-12-16', '10:00'],
    input: {
      title: '2e webinaire consacré au Développement économique international',
      theme: 'Le marketing territorial',
      kind: 'webinar',
      format: 'online',
      audience: 'public',
      series: devEco,
      onlineUrl: visio('developpement-economique'),
      description:
        'Deuxième des trois sessions interactives d’une heure du cycle mené avec la Région Occitanie : la marque Only Lyon aborde le marketing territorial.',
    },
    organisers: ['Occitanie'],
  },
  {
    key: 'colloque-argentine',
    from: ['2025-12-16', '09:30'],
    to: ['2025-12-17', '17:00'],
    input: {
      title: 'Colloque : « Coopération décentralisée des collectivités françaises et argentines »',
      theme:
        'Espaces naturels, développement économique des territoires, formation professionnelle, enjeux patrimoniaux',
      kind: 'symposium',
      format: 'in_person',
      audience: 'public',
      venue: 'Limoges',
      capacity: 150,
      description:
        'À l’invitation de Limoges Métropole, en partenariat avec Cités Unies France et son groupe-pays Argentine (présidé par la ville de Chartres). Pour les collectivités françaises et argentines engagées, ou souhaitant s’engager, dans une coopération bilatérale.',
    },
    organisers: ['CU Limoges Métropole'],
    partners: ['Chartres'],
  },
  {
    key: 'climat',
    from: ['2025-12-18', '10:00'],
    to: ['2025-12-18', '11:30'],
    input: {
      title: 'Réunion de la Mission transversale Climat',
      theme: 'Retours sur Belém : le bilan de la COP30',
      kind: 'meeting',
      format: 'online',
      audience: 'public',
      onlineUrl: visio('mission-climat'),
      description:
        'Bilan de fin d’année, marqué par la COP30 de Belém et une implication grandissante des pouvoirs locaux dans les sphères de gouvernance. Mission présidée par la ville de Poitiers.',
    },
    partners: ['Poitiers'],
  },
  // ── Dates announced for 2026
  {
    key: 'copil-fj-2',
    from: ['2026-02-10', '10:00'],
    to: ['2026-02-10', '12:00'],
    input: {
      title: '2e Comité de pilotage français des 9es Rencontres franco-japonaises',
      theme: '9es Rencontres franco-japonaises de la coopération décentralisée',
      kind: 'steering_committee',
      format: 'online',
      audience: 'restricted',
      onlineUrl: visio('copil-franco-japonais'),
      description:
        'Sur invitation : les collectivités françaises membres du groupe-pays Japon reçoivent l’invitation à cette réunion.',
    },
    organisers: ['Cannes'],
    partners: ['Aix-en-Provence'],
    invited: ['Inès Marchand', 'Hélène Garnier', 'Sophie Lambert', 'Karim Benali'],
  },
  {
    key: 'rencontres-2026',
    from: ['2026-07-08', '09:00'],
    to: ['2026-07-09', '17:30'],
    input: {
      title: '17e Rencontres de l’action internationale des collectivités territoriales',
      theme: 'Les élections municipales 2026 et leurs implications sur la coopération décentralisée',
      kind: 'conference',
      format: 'in_person',
      audience: 'public',
      venue: artsEtMetiers,
      capacity: 800,
      registrationOpensAt: parisTime('2026-04-15', '09:00').toISOString(),
      description:
        'Deux jours, dans un format renouvelé laissant un temps privilégié aux échanges entre acteurs : conférences plénières, ateliers thématiques, réunions géographiques et régionales, et les incontournables « Cafés des RAICT ». Inscriptions ouvertes à partir du 15 avril 2026.',
    },
  },
  {
    key: 'copil-fj-3',
    from: ['2026-07-08', '17:30'],
    to: ['2026-07-08', '18:30'],
    input: {
      title: '3e Comité de pilotage français des 9es Rencontres franco-japonaises',
      theme: '9es Rencontres franco-japonaises de la coopération décentralisée',
      kind: 'steering_committee',
      format: 'in_person',
      audience: 'restricted',
      venue: artsEtMetiers,
      description:
        'Troisième et dernier COPIL français, en présentiel, dans le cadre des 17es Rencontres de l’AICT. Sur invitation.',
    },
    organisers: ['Cannes'],
    partners: ['Aix-en-Provence'],
    invited: ['Inès Marchand', 'Hélène Garnier', 'Sophie Lambert', 'Karim Benali'],
  },
  {
    key: 'rencontres-fj-9',
    from: ['2026-10-21', '09:00'],
    to: ['2026-10-24', '13:00'],
    input: {
      title: '9es Rencontres franco-japonaises de la coopération décentralisée',
      theme: 'Partager les expériences et co-construire des réponses aux enjeux communs',
      kind: 'conference',
      format: 'in_person',
      audience: 'public',
      venue: 'Cannes',
      description:
        'Rencontres biennales initiées à Nancy en octobre 2008, placées sous l’égide du Ministère de l’Europe et des Affaires étrangères et du Ministère de l’Intérieur et des Communications japonais, co-organisées par la ville-hôte (Cannes, jumelée avec Shizuoka), Cités Unies France et CLAIR Paris.',
    },
    organisers: ['Cannes'],
    partners: ['Aix-en-Provence', 'Ministère de l’Europe et des Affaires étrangères — DCTCIV'],
  },
  {
    key: 'assises-maroc',
    from: ['2026-12-10', '09:00'],
    to: ['2026-12-11', '17:00'],
    input: {
      title: 'Assises franco-marocaines de la coopération décentralisée',
      kind: 'conference',
      format: 'in_person',
      audience: 'public',
      venue: 'Région Centre-Val de Loire (lieu à confirmer)',
      provisional: true,
      description:
        'Envisagées en décembre 2026 en région Centre-Val de Loire, dix ans après la dernière édition : un moment fort de dialogue, de partage d’expériences et de renforcement des partenariats entre collectivités françaises et marocaines. Dates à confirmer.',
    },
    organisers: ['Centre-Val de Loire'],
  },
];

/** The third Friday of a month (YYYY-MM): the day of the Chroniques géopolitiques. */
const thirdFriday = (month: string) => addDays(nextWeekday(`${month}-01`, 5), 14);

const chroniquesThemes = [
  'L’Union européenne face aux nouveaux équilibres mondiaux',
  'Le Moyen-Orient et ses voisins',
  'Les grandes échéances internationales de l’année à venir',
  'Afrique de l’Ouest : les recompositions régionales',
  'L’Indo-Pacifique et la place des collectivités',
  'Amérique latine : élections et coopérations',
  'Le multilatéralisme en question',
  'Ukraine : la reconstruction et les territoires',
  'Climat : ce que les négociations changent pour les collectivités',
];
const chroniquesGuests = [
  'Une chercheuse de l’IFRI',
  'Un chercheur de l’IRIS',
  'Une chercheuse de la Fondation pour la recherche stratégique',
];

/**
 * The Chroniques géopolitiques of the season under way at the demo's « today »: one a month, on the third
 * Friday, from October (1re session) to June (9e); season 6 is 2025-2026, as in La Lettre. When the season's
 * last session is over, the next season's. Those over get their minutes; the first to come is
 * `chroniques-next` (registrations below), the others `chroniques-<season>-<n>`. A day the agenda of La Lettre
 * already has (the 2e session of season 6) is not made twice.
 */
function chroniquesSeason(at: Date): DemoEvent[] {
  const today = parisDate(at);
  const [y, m] = today.split('-').map(Number) as [number, number];
  const known = new Set(agenda.filter((e) => e.input.series === chroniques).map((e) => e.from[0]));
  const daysOf = (startYear: number) =>
    Array.from({ length: 9 }, (_, i) => {
      const month = ((9 + i) % 12) + 1;
      return thirdFriday(`${month >= 10 ? startYear : startYear + 1}-${String(month).padStart(2, '0')}`);
    });
  let startYear = m >= 7 ? y : y - 1;
  if (!daysOf(startYear).some((day) => parisTime(day, '14:00') > at)) startYear++;
  const season = startYear - 2019;
  let nextTaken = false;
  return daysOf(startYear).flatMap((day, i): DemoEvent[] => {
    if (known.has(day)) return [];
    const n = i + 1;
    const past = parisTime(day, '14:00') <= at;
    const key = !past && !nextTaken ? 'chroniques-next' : `chroniques-${season}-${n}`;
    if (key === 'chroniques-next') nextTaken = true;
    return [
      {
        key,
        from: [day, '14:00'],
        to: [day, '15:30'],
        input: {
          title: `Chroniques géopolitiques : ${n === 1 ? '1re' : `${n}e`} session de la saison ${season}`,
          theme: chroniquesThemes[i]!,
          kind: 'webinar',
          format: 'online',
          audience: 'members',
          series: chroniques,
          season,
          sessionNumber: n,
          guest: chroniquesGuests[i % chroniquesGuests.length]!,
          onlineUrl: visio('chroniques-geopolitiques'),
          description:
            'Rendez-vous mensuel en visioconférence pour les collectivités territoriales adhérentes à CUF, afin d’échanger avec un chercheur autour de l’actualité géopolitique. Le lien de connexion est envoyé aux inscrits avant la séance.',
        },
        ...(past
          ? {
              minutes: `Compte rendu de la ${n === 1 ? '1re' : `${n}e`} session de la saison ${season} des Chroniques géopolitiques : ${chroniquesThemes[i]!}. Synthèse de l’intervention et des échanges avec les collectivités adhérentes.`,
            }
          : {}),
      },
    ];
  });
}

/** Events after the demo's « today », computed from it so that they stay ahead whenever the demo loads. */
function upcoming(at: Date): DemoEvent[] {
  const today = parisDate(at);
  const workshopDay = nextWeekday(addDays(today, 21), 2); // a Tuesday three weeks ahead
  const japanDay = nextWeekday(addDays(today, 10), 4); // a Thursday ten days ahead
  const decryptageDay = nextWeekday(addDays(today, 35), 2); // a Tuesday five weeks ahead
  return [
    ...chroniquesSeason(at),
    {
      key: 'decryptage-next',
      from: [decryptageDay, '10:00'],
      to: [decryptageDay, '11:30'],
      input: {
        title: 'Décryptage thématique : les villes dans la diplomatie climatique',
        theme: 'Les collectivités dans les négociations sur le climat',
        kind: 'webinar',
        format: 'online',
        audience: 'members',
        series: decryptages,
        season: 2,
        sessionNumber: 1,
        guest: 'Une ancienne négociatrice de la France pour le climat',
        onlineUrl: visio('decryptage-diplomatie-climatique'),
        description:
          'Rendez-vous exclusif pour les adhérents de Cités Unies France : un grand témoin éclaire un enjeu international et ce qu’il change pour les coopérations des collectivités.',
      },
    },
    {
      key: 'atelier-complet',
      from: [workshopDay, '09:30'],
      to: [workshopDay, '12:30'],
      input: {
        title: 'Atelier pratique : bâtir la stratégie internationale de sa collectivité en début de mandat',
        theme: 'Diagnostic, priorités, partenaires et financements',
        kind: 'workshop',
        format: 'in_person',
        audience: 'members',
        venue: cufOffices,
        capacity: 10,
        description:
          'Atelier en petit groupe pour les élus et agents des collectivités adhérentes : méthode de diagnostic, choix des priorités, recherche de partenaires et de financements (dont le dispositif DCOL). Dix places.',
      },
    },
    {
      key: 'japon-bilan',
      from: [japanDay, '14:30'],
      to: [japanDay, '16:30'],
      input: {
        title: 'Réunion du groupe-pays Japon',
        theme: 'Bilan des 9es Rencontres franco-japonaises de Cannes',
        kind: 'meeting',
        format: 'hybrid',
        audience: 'public',
        venue: cufOffices,
        onlineUrl: visio('japon'),
        capacity: 40,
        description:
          'Retour sur les 9es Rencontres franco-japonaises de la coopération décentralisée et suites à donner avec les collectivités japonaises. Présidence du groupe-pays : ville d’Aix-en-Provence.',
      },
      partners: ['Aix-en-Provence', 'Cannes'],
    },
  ];
}

type Attended = boolean | number;

/**
 * Registrations at past events, as [event key, person, mode, attended]. `attended` is true for a check-in
 * (in person), a number of minutes for an imported video-call report, false for an absence.
 */
const pastRegistrations: [string, string, AttendanceMode | null, Attended][] = [
  ['copil-fj-1', 'Inès Marchand', null, true],
  ['copil-fj-1', 'Hélène Garnier', null, true],
  ['copil-fj-1', 'Sophie Lambert', null, false],
  ['senegal', 'Aïcha Diallo', null, 115],
  ['senegal', 'Karim Benali', null, 95],
  ['senegal', 'Élodie Roux', null, false],
  ['bureau', 'Claire Vidal', 'in_person', true],
  ['bureau', 'Pierre Lefèvre', 'online', 140],
  ['bureau', 'Sophie Lambert', 'in_person', true],
  ['etats-unis', 'Nicolas Perrin', null, 88],
  ['etats-unis', 'Julien Moreau', null, 90],
  ['chroniques-6-2', 'Hélène Garnier', null, 90],
  ['chroniques-6-2', 'Karim Benali', null, 85],
  ['chroniques-6-2', 'Thomas Rey', null, 62],
  ['chroniques-6-2', 'Nicolas Perrin', null, false],
  ['chroniques-6-2', 'Yann Le Gall', null, 90],
  ['sahel', 'Julien Moreau', null, 90],
  ['sahel', 'Louis Chevalier', null, 70],
  ['maroc', 'Élodie Roux', null, 120],
  ['maroc', 'Aïcha Diallo', null, 118],
  ['decryptage-1', 'Marion Fabre', null, 90],
  ['decryptage-1', 'Aïcha Diallo', null, 88],
  ['decryptage-1', 'Yann Le Gall', null, false],
  ['decryptage-1', 'Claire Vidal', null, 75],
  ['haiti', 'Yann Le Gall', 'in_person', true],
  ['haiti', 'Thomas Rey', 'online', 110],
  ['jeunesse', 'Louis Chevalier', null, 90],
  ['jeunesse', 'Nicolas Perrin', null, 80],
  ['decryptage-2', 'Pierre Lefèvre', null, 90],
  ['decryptage-2', 'Élodie Roux', null, 90],
  ['decryptage-2', 'Thomas Rey', null, false],
  ['coree', 'Julien Moreau', null, 90],
  ['coree', 'Karim Benali', null, 85],
  ['ca', 'Claire Vidal', null, 120],
  ['ca', 'Pierre Lefèvre', null, 118],
  ['ca', 'Sophie Lambert', null, 100],
  ['armenie', 'Sophie Lambert', null, true],
  ['armenie', 'Karim Benali', null, true],
  ['armenie', 'Inès Marchand', null, false],
  ['chine', 'Hélène Garnier', null, 90],
  ['chine', 'Julien Moreau', null, 90],
  ['chine', 'Claire Vidal', null, 45],
  ['webinaire-deveco-2', 'Élodie Roux', null, 60],
  ['webinaire-deveco-2', 'Pierre Lefèvre', null, 55],
  ['webinaire-deveco-2', 'Karim Benali', null, 60],
  ['webinaire-deveco-2', 'Thomas Rey', null, false],
  ['colloque-argentine', 'Nadia Haddad', null, true],
  ['colloque-argentine', 'Marion Fabre', null, true],
  ['climat', 'Marion Fabre', null, 90],
  ['climat', 'Yann Le Gall', null, 85],
  ['copil-fj-2', 'Inès Marchand', null, 120],
  ['copil-fj-2', 'Hélène Garnier', null, 115],
  ['copil-fj-2', 'Sophie Lambert', null, 110],
  ['rencontres-2026', 'Hélène Garnier', null, true],
  ['rencontres-2026', 'Julien Moreau', null, true],
  ['rencontres-2026', 'Sophie Lambert', null, true],
  ['rencontres-2026', 'Karim Benali', null, true],
  ['rencontres-2026', 'Marion Fabre', null, true],
  ['rencontres-2026', 'Thomas Rey', null, false],
  ['rencontres-2026', 'Claire Vidal', null, true],
  ['rencontres-2026', 'Nicolas Perrin', null, true],
  ['rencontres-2026', 'Aïcha Diallo', null, true],
  ['rencontres-2026', 'Pierre Lefèvre', null, true],
  ['rencontres-2026', 'Élodie Roux', null, true],
  ['rencontres-2026', 'Yann Le Gall', null, false],
  ['rencontres-2026', 'Inès Marchand', null, true],
  ['rencontres-2026', 'Nadia Haddad', null, true],
  ['copil-fj-3', 'Inès Marchand', null, true],
  ['copil-fj-3', 'Hélène Garnier', null, true],
  ['copil-fj-3', 'Karim Benali', null, true],
  ['rencontres-fj-9', 'Inès Marchand', null, true],
  ['rencontres-fj-9', 'Hélène Garnier', null, true],
  ['rencontres-fj-9', 'Sophie Lambert', null, true],
  ['rencontres-fj-9', 'Karim Benali', null, false],
];

/**
 * Registrations at upcoming events, through register() itself, in order: [event key, person, registered
 * by (a referent), mode]. Twelve members for the ten seats of the workshop: the last two wait.
 */
const upcomingRegistrations: [string, string, string | null, AttendanceMode | null][] = [
  ['atelier-complet', 'Hélène Garnier', 'Julien Moreau', null],
  ['atelier-complet', 'Sophie Lambert', null, null],
  ['atelier-complet', 'Marion Fabre', 'Thomas Rey', null],
  ['atelier-complet', 'Claire Vidal', null, null],
  ['atelier-complet', 'Nicolas Perrin', null, null],
  ['atelier-complet', 'Aïcha Diallo', null, null],
  ['atelier-complet', 'Pierre Lefèvre', 'Élodie Roux', null],
  ['atelier-complet', 'Élodie Roux', null, null],
  ['atelier-complet', 'Yann Le Gall', null, null],
  ['atelier-complet', 'Inès Marchand', null, null],
  ['atelier-complet', 'Karim Benali', null, null],
  ['atelier-complet', 'Thomas Rey', null, null],
  ['chroniques-next', 'Hélène Garnier', null, null],
  ['chroniques-next', 'Karim Benali', null, null],
  ['chroniques-next', 'Yann Le Gall', null, null],
  ['japon-bilan', 'Inès Marchand', null, 'in_person'],
  ['japon-bilan', 'Sophie Lambert', null, 'online'],
  ['japon-bilan', 'Hélène Garnier', null, 'in_person'],
];

/** When a demo person registered for a past event: two weeks before, never before the window opens. */
function registeredAt(event: Event, index: number): Date {
  const twoWeeksBefore = event.startsAt.getTime() - 14 * 86_400_000 + index * 3_600_000;
  const opens = event.registrationOpensAt?.getTime() ?? 0;
  return new Date(
    Math.min(Math.max(twoWeeksBefore, opens + index * 3_600_000), event.startsAt.getTime() - 1),
  );
}

/**
 * Registrations at events already over. register() refuses them (their window closed) and would mail a
 * confirmation today: so they are written by seedRegistration (the demo's one way, as the program's), with
 * what register() decides (status from the capacity, mode from the format), after the same eligibility rule
 * evaluated on the day of registration. Someone not eligible that day (the demo loaded in another year, say)
 * is left out.
 */
async function registerInThePast(
  tx: Executor,
  rows: { event: Event; person: Person; mode: AttendanceMode | null; at: Date }[],
): Promise<Registration[]> {
  const eligibility = new Map<string, boolean>();
  const confirmed = new Map<string, number>();
  const written: Registration[] = [];
  for (const { event, person, mode, at } of rows) {
    // The rule depends on the event only through its audience, except for invitations.
    const key = `${event.audience === 'restricted' ? event.id : event.audience}|${person.id}|${parisYear(at)}`;
    let eligible = eligibility.get(key);
    if (eligible === undefined) {
      eligible = (await checkEligibility({ executor: tx, event, person, at })).ok;
      eligibility.set(key, eligible);
    }
    if (!eligible) continue;
    // The events were created just now: their confirmed count is the one of these rows.
    const taken = confirmed.get(event.id) ?? 0;
    const full = event.capacity !== null && taken >= event.capacity;
    if (!full) confirmed.set(event.id, taken + 1);
    const registration = await seedRegistration(tx, {
      eventId: event.id,
      personId: person.id,
      status: full ? 'waitlisted' : 'confirmed',
      mode: event.format === 'hybrid' ? (mode ?? 'in_person') : event.format,
      registeredBy: person.id,
      at,
    });
    if (registration) written.push(registration);
  }
  return written;
}

/** A one-page PDF of minutes. */
function minutesPdf(title: string, text: string): Promise<Buffer> {
  return renderPdf({ title: `Compte rendu — ${title}`, author: 'Cités Unies France' }, (doc) => {
    doc.font('bold').fontSize(16).text(title);
    doc.moveDown();
    doc.font('regular').fontSize(11).text(text);
  });
}

export interface DemoEventsSummary {
  events: number;
  registrations: number;
  attendance: number;
}

/** Loads the demo agenda in the caller's transaction. */
export async function seedDemoEvents(tx: Executor, ctx: DemoContext): Promise<DemoEventsSummary> {
  const org = (name: string) => {
    const found = ctx.organisations.get(name);
    if (!found) throw new Error(`démo : organisation ${name} introuvable`);
    return found.id;
  };
  const person = (name: string) => {
    const found = ctx.people.get(name);
    if (!found) throw new Error(`démo : personne ${name} introuvable`);
    return found;
  };

  await describeSeries(
    tx,
    chroniques,
    {
      description:
        'Un rendez-vous mensuel en visioconférence, d’octobre à juin, réservé aux collectivités adhérentes : un chercheur ou une chercheuse décrypte l’actualité géopolitique et répond aux questions des élus et des agents.',
      guestLabel: 'Invité·e',
    },
    ctx.staff.id,
  );
  await describeSeries(
    tx,
    decryptages,
    {
      description:
        'Deux ou trois fois par an, un grand témoin analyse avec les adhérents un grand enjeu international et donne des clés de lecture utiles aux coopérations des collectivités.',
      guestLabel: 'Grand témoin',
    },
    ctx.staff.id,
  );

  const byKey = new Map<string, Event>();
  for (const item of [...agenda, ...upcoming(ctx.at)]) {
    const created = await createEvent(
      tx,
      {
        ...item.input,
        startsAt: parisTime(...item.from).toISOString(),
        endsAt: parisTime(...item.to).toISOString(),
        organiserIds: item.organisers?.map(org),
        partnerIds: item.partners?.map(org),
      },
      ctx.staff.id,
    );
    if (!created.ok) throw new Error(`démo : ${item.input.title} : ${created.error.message}`);
    byKey.set(item.key, created.value);
    if (item.minutes && created.value.endsAt <= ctx.at) {
      const added = await addDocument(
        tx,
        {
          eventId: created.value.id,
          kind: 'minutes',
          title: `Compte rendu — ${item.input.title}`,
          fileName: 'compte-rendu.pdf',
          content: await minutesPdf(item.input.title, item.minutes),
        },
        ctx.staff.id,
      );
      if (!added.ok) throw new Error(`démo : compte rendu de ${item.input.title} : ${added.error.message}`);
    }
    if (item.invited) {
      await invite(
        tx,
        created.value.id,
        item.invited.map((name) => person(name).id),
        ctx.staff.id,
      );
    }
  }

  const past: Parameters<typeof registerInThePast>[1] = [];
  const presence = new Map<string, Attended>();
  const ofEvent = new Map<string, number>();
  for (const [key, name, mode, attended] of pastRegistrations) {
    const event = byKey.get(key)!;
    // Only events over at the demo's « now » take past registrations (the demo may load on another day).
    if (event.startsAt > ctx.at) continue;
    const index = ofEvent.get(key) ?? 0;
    ofEvent.set(key, index + 1);
    const who = person(name);
    past.push({ event, person: who, mode, at: registeredAt(event, index) });
    presence.set(`${event.id}|${who.id}`, attended);
  }
  const written = await registerInThePast(tx, past);
  let registered = written.length;
  let attendance = 0;
  for (const registration of written) {
    const attended = presence.get(`${registration.eventId}|${registration.personId}`);
    if (!attended || registration.status !== 'confirmed') continue;
    const online = registration.mode === 'online';
    const { recorded } = await recordAttendance(tx, {
      eventId: registration.eventId,
      personId: registration.personId,
      source: online ? 'import' : 'check_in',
      minutes: online && typeof attended === 'number' ? attended : null,
      recordedBy: ctx.staff.id,
    });
    if (recorded) attendance++;
  }

  const settings = ctx.settings ?? notificationSettings(loadEnv());
  for (const [key, name, by, mode] of upcomingRegistrations) {
    const event = byKey.get(key)!;
    const who = person(name);
    // register() opens its own transaction: inside ours, a savepoint (tx is a drizzle transaction).
    const result = await register(
      tx as Db,
      {
        eventId: event.id,
        personId: who.id,
        mode: mode ?? undefined,
        registeredBy: by ? person(by).id : who.id,
      },
      { settings, at: ctx.at },
    );
    if (!result.ok) throw new Error(`démo : inscription de ${name} : ${result.error.message}`);
    registered++;
  }

  return { events: byKey.size, registrations: registered, attendance };
}
