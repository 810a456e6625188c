// Demo data of the support calls (« appels DCOL », issue 16): the 12th call of May 2025 as La Lettre tells
// it (closed; five support services launched for Gennevilliers, Thorey-Lyautey, the Région Réunion,
// Marseille and Grenoble, running until March 2026), and a 13th call open around the demo's today, with
// dossiers of member local governments at every stage before the decision. Everything goes through the
// module's functions (and the organisations' for the towns and their people), as a user's clicks would.
import type { Executor } from '../../platform/db/client.ts';
import type { Result } from '../../platform/result.ts';
import { parisDate, parisTime, parisYear } from '../../platform/time.ts';
import { decideApplications } from '../applications/decide.ts';
import type { Decision } from '../applications/statuses.ts';
import { createEvent } from '../events/events.ts';
import { contributorsOf, setContributorChoices } from '../funds/contributions.ts';
import { listFunds } from '../funds/funds.ts';
import type { DemoData } from '../module.ts';
import { findOrganisationByReference } from '../organisations/directory.ts';
import { listMemberships, recordMembership } from '../organisations/memberships.ts';
import { createOrganisation, type Organisation } from '../organisations/organisations.ts';
import { createPerson, listPeopleOfOrganisation, type Person } from '../organisations/people.ts';
import { normalise, searchReference } from '../organisations/reference.ts';
import { grantAllowance } from './allowances.ts';
import { callsPipeline } from './calls.pipeline.ts';
import { type Call, type Criterion, createCall } from './calls.ts';
import { createDossier, follow, submitDossier } from './dossiers.ts';
import { addMilestone, createEngagement, setCapitalisation } from './engagements.ts';
import { scoreApplication } from './scores.ts';

type RefKind = 'commune' | 'epci' | 'departement' | 'region';

/** A local government of the demo, found in the official reference by its name, kind and département. */
interface Town {
  name: string;
  kind: RefKind;
  /** Tells homonyms apart (there is a commune named « La Réunion » in Lot-et-Garonne). */
  departement?: string;
}

/** The person who speaks for a town that has nobody in the demo yet: its referent, an officer. */
interface Contact {
  firstName: string;
  lastName: string;
  /** Its yearly fee (euros), when the demo records its membership. */
  feeEuros: number;
}

/** One dossier as the demo tells it: who writes it, when, what it asks, how far it goes. */
interface DossierStory {
  town: Town;
  /** Filed by staff on the town's behalf (a small commune without an international service, a phone call). */
  byStaff?: boolean;
  answers: Partial<Record<'q1' | 'q2' | 'q3' | 'q4' | 'q5', string>>;
  requestedEuros?: number;
  createdAt: Date;
  submittedAt?: Date;
  /** The instructor's marks on the call's grid, in its order: takes the dossier into instruction. */
  marks?: number[];
  decision?: { decision: Decision; motivation: string; at?: Date };
}

function must<T>(what: string, result: Result<T>): T {
  if (!result.ok) throw new Error(`démo des appels : ${what} : ${result.error.message}`);
  return result.value;
}

const eur = (euros: number) => Math.round(euros * 100);

const slug = (text: string) => normalise(text).replace(/[^a-z0-9]+/g, '-');

const supportKinds = [
  'Stratégie internationale',
  'Montage de projet de coopération',
  'Recherche de cofinancements',
  'Climat',
];

const grid = [
  { label: 'Pertinence de la démarche au regard de la politique de la collectivité', weight: 3 },
  { label: 'Portage politique et mobilisation des services', weight: 2 },
  { label: 'Faisabilité et calendrier', weight: 2 },
  { label: 'Partenaires et cofinancements mobilisables', weight: 1 },
];

const description =
  'Le dispositif DCOL de Cités Unies France accompagne les collectivités adhérentes dans leur action internationale : une prestation d’accompagnement sur mesure, conduite par un consultant spécialisé et suivie par l’équipe du réseau, pour formaliser une stratégie internationale, monter un projet de coopération, rechercher des cofinancements ou donner un volet climat à ses partenariats. Les dossiers sont instruits sur la grille de critères de l’appel ; chaque collectivité dépose un dossier au plus.';

const gennevilliers: Town = { name: 'Gennevilliers', kind: 'commune', departement: '92' };
const thoreyLyautey: Town = { name: 'Thorey-Lyautey', kind: 'commune', departement: '54' };
const laReunion: Town = { name: 'La Réunion', kind: 'region' };
const marseille: Town = { name: 'Marseille', kind: 'commune', departement: '13' };
const grenoble: Town = { name: 'Grenoble', kind: 'commune', departement: '38' };
const angers: Town = { name: 'Angers', kind: 'commune', departement: '49' };
const occitanie: Town = { name: 'Occitanie', kind: 'region' };
const lyon: Town = { name: 'Lyon', kind: 'commune', departement: '69' };
const bordeaux: Town = { name: 'Bordeaux', kind: 'commune', departement: '33' };
const colombes: Town = { name: 'Colombes', kind: 'commune', departement: '92' };
const dijon: Town = { name: 'Dijon', kind: 'commune', departement: '21' };
const bretagne: Town = { name: 'Bretagne', kind: 'region' };

/**
 * The towns of the 12th call that the members' demo does not hold, and their referent: fictional people
 * (example.org). Officers rather than élus: their dossiers date from 2025, before the municipal elections
 * of March 2026 that start the demo's élus' mandates.
 */
const contacts = new Map<Town, Contact>([
  [gennevilliers, { firstName: 'Sonia', lastName: 'Belkacem', feeEuros: 3_500 }],
  [thoreyLyautey, { firstName: 'Véronique', lastName: 'Marchal', feeEuros: 150 }],
  [laReunion, { firstName: 'Nathalie', lastName: 'Payet', feeEuros: 15_000 }],
  [marseille, { firstName: 'Julia', lastName: 'Castellan', feeEuros: 14_000 }],
  [grenoble, { firstName: 'Mathilde', lastName: 'Rivière', feeEuros: 6_500 }],
]);

/** What La Lettre says of the five accepted dossiers. */
const until = 'La prestation d’accompagnement est lancée et court jusqu’en mars 2026.';

/** The 12th call, as its window of 2025 saw the dossiers arrive (Paris times). */
const twelfth: DossierStory[] = [
  {
    town: gennevilliers,
    answers: {
      q1: 'Ville des Hauts-de-Seine, Gennevilliers mène une politique de solidarité internationale portée par un élu délégué et un petit service des relations internationales, en lien étroit avec les associations de ses habitants issus des diasporas.',
      q2: 'Monter un projet de coopération décentralisée sur la gestion des déchets et la propreté urbaine avec notre commune partenaire, à partir des échanges déjà engagés entre nos services techniques.',
      q3: 'Une commune urbaine de la région de Dakar (Sénégal), avec laquelle une convention d’amitié a été signée ; les associations de ressortissants sénégalais installées à Gennevilliers.',
      q4: 'Un diagnostic partagé avec le partenaire, un document de projet (objectifs, budget, gouvernance) et un plan de financement prêt à être déposé auprès des cofinanceurs.',
      q5: 'Diagnostic à l’automne 2025, mission sur place en janvier 2026, document de projet finalisé en mars 2026.',
    },
    requestedEuros: 18_000,
    createdAt: parisTime('2025-05-28', '10:15'),
    submittedAt: parisTime('2025-06-20', '16:40'),
    marks: [5, 4, 4, 3],
    decision: {
      decision: 'accepted',
      motivation: `Dossier retenu : un partenariat déjà actif, des services techniques mobilisés des deux côtés et un besoin de montage précis. ${until}`,
    },
  },
  {
    town: thoreyLyautey,
    byStaff: true,
    answers: {
      q1: 'Petite commune rurale de Meurthe-et-Moselle, Thorey-Lyautey n’a pas de service dédié : son action internationale repose sur le maire, le conseil municipal et l’association qui fait vivre le château du maréchal Lyautey.',
      q2: 'Construire un premier projet de coopération autour de la mémoire partagée et du patrimoine avec une commune marocaine, à partir de l’histoire qui lie le village au maréchal Lyautey : échanges scolaires, valorisation du patrimoine, tourisme rural.',
      q3: 'Une commune rurale de la région de Rabat-Salé-Kénitra (Maroc), rencontrée par l’intermédiaire de l’association du château.',
      q4: 'Être aidés pour formaliser le partenariat (convention), définir un programme d’actions à la mesure d’une petite commune et identifier les cofinancements qui lui sont accessibles.',
      q5: 'Premiers échanges à l’automne 2025, convention soumise au conseil municipal au début de 2026.',
    },
    requestedEuros: 11_500,
    createdAt: parisTime('2025-06-04', '14:30'),
    submittedAt: parisTime('2025-07-02', '11:05'),
    marks: [4, 4, 4, 2],
    decision: {
      decision: 'accepted',
      motivation: `Dossier retenu : une petite commune rurale qui s’engage dans une première coopération, avec un partenaire identifié et un projet à sa mesure. ${until}`,
    },
  },
  {
    town: laReunion,
    answers: {
      q1: 'La Région Réunion conduit une action extérieure tournée vers l’océan Indien : coopération régionale avec les États et collectivités voisins, programmes européens Interreg, participation aux travaux de la Commission de l’océan Indien.',
      q2: 'Formaliser une stratégie internationale pluriannuelle : priorités géographiques et thématiques, articulation avec les programmes européens, gouvernance interne et indicateurs de suivi, à soumettre à l’assemblée plénière.',
      q3: 'Madagascar, Maurice, les Comores et les Seychelles ; l’Afrique australe et orientale ; la Commission de l’océan Indien.',
      q4: 'Un diagnostic des partenariats existants, des ateliers avec les élus et les directions, un document de stratégie signé et sa feuille de route.',
      q5: 'Diagnostic au second semestre 2025, ateliers en décembre, adoption de la stratégie au premier trimestre 2026.',
    },
    requestedEuros: 24_000,
    createdAt: parisTime('2025-06-10', '09:20'),
    submittedAt: parisTime('2025-07-08', '17:55'),
    marks: [5, 5, 4, 4],
    decision: {
      decision: 'accepted',
      motivation: `Dossier retenu : la stratégie internationale d’une région ultramarine dans son bassin régional, avec un portage politique fort et des directions déjà mobilisées. ${until}`,
    },
  },
  {
    town: marseille,
    answers: {
      q1: 'Marseille entretient des relations avec de nombreuses villes de la Méditerranée et anime des coopérations techniques portées par ses directions.',
      q2: 'Intégrer l’adaptation au changement climatique à nos coopérations méditerranéennes : îlots de chaleur, gestion de l’eau et du littoral, en partageant les outils du plan climat de la ville avec nos partenaires.',
      q3: 'Des villes partenaires de la rive sud de la Méditerranée ; les réseaux de villes méditerranéennes dont Marseille est membre.',
      q4: 'Une cartographie de nos coopérations au regard des enjeux climatiques, un programme d’échanges techniques entre services et une note d’orientation pour les élus.',
      q5: 'Cartographie à l’automne 2025, premier atelier d’échanges au début de 2026, note remise en mars 2026.',
    },
    requestedEuros: 19_500,
    createdAt: parisTime('2025-06-16', '11:00'),
    submittedAt: parisTime('2025-07-11', '15:20'),
    marks: [5, 4, 3, 4],
    decision: {
      decision: 'accepted',
      motivation: `Dossier retenu au titre des engagements climat : l’adaptation au changement climatique intégrée aux coopérations méditerranéennes de la ville. ${until}`,
    },
  },
  {
    town: grenoble,
    answers: {
      q1: 'Capitale verte européenne 2022, Grenoble porte une action internationale centrée sur la transition écologique, avec un service des relations internationales et des villes partenaires en Europe et en Afrique.',
      q2: 'Donner un volet climat à chacune de nos coopérations décentralisées : mesurer leur empreinte, choisir avec nos partenaires des actions d’adaptation et d’atténuation, partager nos savoir-faire en matière de sobriété énergétique.',
      q3: 'Nos villes jumelles et partenaires en Europe, en Afrique de l’Ouest et au Maghreb.',
      q4: 'Une méthode d’évaluation climat des coopérations, appliquée à deux partenariats pilotes, et des fiches actions partagées avec les partenaires.',
      q5: 'Méthode élaborée à l’automne 2025, essais sur deux partenariats pendant l’hiver, bilan en mars 2026.',
    },
    requestedEuros: 16_500,
    createdAt: parisTime('2025-06-23', '15:45'),
    submittedAt: parisTime('2025-07-10', '10:30'),
    marks: [5, 4, 4, 3],
    decision: {
      decision: 'accepted',
      motivation: `Dossier retenu au titre des engagements climat : une méthode d’évaluation climat des coopérations, utile au-delà de la ville. ${until}`,
    },
  },
  {
    town: angers,
    answers: {
      q1: 'Angers entretient plusieurs jumelages européens et soutient les initiatives de solidarité internationale de ses associations.',
      q2: 'Créer un programme d’échanges de jeunes et d’éducation à la citoyenneté mondiale avec une ville d’Afrique de l’Ouest.',
      q3: 'Partenaire à identifier : des contacts sont en cours par l’intermédiaire d’associations angevines.',
      q4: 'Un appui pour choisir un partenaire et bâtir le programme d’échanges.',
    },
    requestedEuros: 15_000,
    createdAt: parisTime('2025-06-30', '09:45'),
    submittedAt: parisTime('2025-07-15', '12:10'),
    marks: [3, 3, 2, 1],
    decision: {
      decision: 'rejected',
      motivation:
        'La démarche est intéressante, mais le partenaire n’est pas encore identifié : l’accompagnement DCOL porte sur des démarches engagées avec une collectivité partenaire. L’équipe du réseau peut vous aider à en trouver une ; votre dossier aura toute sa place dans un prochain appel.',
    },
  },
  {
    town: occitanie,
    answers: {
      q1: 'La Région Occitanie conduit des coopérations avec des régions d’Europe, du Maghreb et d’Afrique de l’Ouest.',
      q2: 'Actualiser la stratégie internationale de la Région et sa gouvernance.',
      q3: 'Les régions partenaires de la Région en Europe et en Méditerranée.',
      q4: 'Un document de stratégie actualisé et une feuille de route.',
    },
    requestedEuros: 22_000,
    createdAt: parisTime('2025-07-01', '16:00'),
    submittedAt: parisTime('2025-07-09', '09:10'),
    decision: {
      decision: 'closed',
      motivation:
        'Classé sans suite à la demande de la Région, qui conduit finalement l’actualisation de sa stratégie dans le cadre d’un marché passé par ses services.',
    },
  },
];

/** The 13th call, open around the demo's today: `days` days before it, at this Paris time. */
function thirteenth(ago: (days: number, time: string) => Date): DossierStory[] {
  return [
    {
      town: lyon,
      answers: {
        q1: 'Lyon porte une action internationale ancienne : jumelages, coopérations décentralisées, présence dans les réseaux mondiaux de villes.',
        q2: 'Actualiser la stratégie internationale de la Ville après le renouvellement de l’équipe municipale de mars 2026 : priorités, partenariats à conforter ou à clore, gouvernance entre élus et services.',
        q3: 'Les villes jumelles et partenaires de Lyon en Europe, en Afrique et en Asie.',
        q4: 'Un bilan des partenariats, deux séminaires avec les élus et une stratégie présentée au conseil municipal.',
        q5: 'Bilan d’ici la fin de l’année, séminaires au premier trimestre, stratégie au conseil municipal de juin.',
      },
      requestedEuros: 20_000,
      createdAt: ago(27, '10:00'),
      submittedAt: ago(20, '17:30'),
      marks: [5, 5, 4, 3],
    },
    {
      town: bordeaux,
      answers: {
        q1: 'Bordeaux mène des coopérations décentralisées portées par sa direction des relations internationales, en lien avec les acteurs de la métropole.',
        q2: 'Bâtir le plan de financement d’un projet de coopération sur l’assainissement avec une ville partenaire d’Afrique de l’Ouest : identifier les cofinanceurs, préparer les dossiers de demande.',
        q3: 'Une ville partenaire d’Afrique de l’Ouest et son service technique ; une agence de l’eau française, sollicitée pour un appui.',
        q4: 'Un plan de financement consolidé et deux dossiers de cofinancement prêts à être déposés.',
        q5: 'Dépôt des demandes de cofinancement avant la fin du premier semestre.',
      },
      requestedEuros: 16_000,
      createdAt: ago(25, '14:20'),
      submittedAt: ago(16, '11:45'),
      marks: [4, 4, 4, 5],
    },
    {
      town: angers,
      answers: {
        q1: 'Angers entretient plusieurs jumelages européens et soutient les initiatives de solidarité internationale de ses associations.',
        q2: 'Créer un programme d’échanges de jeunes et d’éducation à la citoyenneté mondiale avec la commune partenaire identifiée depuis notre dossier au 12ᵉ appel.',
        q3: 'Une commune de la région de Thiès (Sénégal), rencontrée grâce à l’équipe du réseau au printemps 2026.',
        q4: 'Un programme d’échanges sur deux ans, une convention de partenariat et un budget prévisionnel.',
        q5: 'Convention au conseil municipal au printemps, premiers échanges à l’été.',
      },
      requestedEuros: 12_000,
      createdAt: ago(21, '09:30'),
      submittedAt: ago(6, '18:05'),
    },
    {
      town: colombes,
      answers: {
        q1: 'Colombes soutient les initiatives de solidarité internationale de ses associations et porte une politique jeunesse ouverte sur l’international.',
        q2: 'Donner un cadre à nos échanges avec une ville du Maghreb : choisir les thèmes de coopération et la gouvernance du partenariat.',
        q3: 'Une ville du Maghreb avec laquelle nos associations entretiennent des liens anciens.',
        q4: 'Une feuille de route partagée avec le partenaire et une convention de coopération.',
      },
      requestedEuros: 13_500,
      createdAt: ago(14, '15:10'),
      submittedAt: ago(3, '10:25'),
    },
    {
      town: dijon,
      answers: {
        q1: 'Dijon est engagée dans des jumelages européens et dans des coopérations autour de la gastronomie et du patrimoine.',
        q2: 'Donner un volet climat à nos partenariats : viticulture, eau et adaptation des centres anciens.',
      },
      createdAt: ago(9, '11:40'),
    },
    {
      town: bretagne,
      byStaff: true,
      answers: {
        q1: 'La Région Bretagne conduit des coopérations en Europe et en Afrique, et anime un réseau d’acteurs bretons de la solidarité internationale.',
      },
      requestedEuros: 22_000,
      createdAt: ago(4, '16:30'),
    },
  ];
}

interface Context {
  tx: Executor;
  demo: DemoData;
  /** Instructs and follows the dossiers (Mathieu Laurent, the demo's second staff member). */
  instructor: Person;
  /** Opens the calls and takes the decisions (Claire Dubois). */
  manager: Person;
  /** The organisations found, by town. */
  found: Map<Town, Organisation>;
}

/** The town's organisation: the one made from the reference already, or made now. */
async function organisationOf(ctx: Context, town: Town): Promise<Organisation> {
  const known = ctx.found.get(town);
  if (known) return known;
  const entry = searchReference(town.name, 50).find(
    (e) =>
      e.kind === town.kind &&
      normalise(e.name) === normalise(town.name) &&
      (!town.departement || e.departementCode === town.departement),
  );
  if (!entry) throw new Error(`référentiel : ${town.name} introuvable`);
  const organisation =
    (await findOrganisationByReference(ctx.tx, town.kind, entry.inseeCode)) ??
    must(
      town.name,
      await createOrganisation(
        ctx.tx,
        { name: entry.name, kind: town.kind, inseeCode: entry.inseeCode },
        ctx.manager.id,
      ),
    );
  ctx.found.set(town, organisation);
  if (!ctx.demo.organisations.has(town.name)) ctx.demo.organisations.set(town.name, organisation);
  return organisation;
}

/**
 * Makes a town of the 12th call a member in good standing: active for 2025 (its dossier's year) and for the
 * demo's year and the one before. A year the members' demo recorded stays as it is (a lapsed membership is
 * the demo's story, not a gap to fill).
 */
async function ensureMember(ctx: Context, organisation: Organisation, contact: Contact) {
  const recorded = new Set((await listMemberships(ctx.tx, organisation.id)).map((m) => m.year));
  const year = parisYear(ctx.demo.at);
  for (const y of new Set([2025, year - 1, year])) {
    if (recorded.has(y)) continue;
    must(
      `adhésion de ${organisation.name}`,
      await recordMembership(
        ctx.tx,
        organisation.id,
        { year: y, status: 'active', feeCents: eur(contact.feeEuros), paidOn: `${y}-03-10` },
        ctx.manager.id,
      ),
    );
  }
}

/**
 * Who speaks for the town: for a dossier of 2025, its referent or an officer first (the demo's élus start
 * their mandates in March 2026), else an élu first; for a town without anybody in the demo, its referent,
 * made now.
 */
async function spokespersonOf(
  ctx: Context,
  town: Town,
  organisation: Organisation,
  before2026: boolean,
): Promise<Person> {
  const people = (await listPeopleOfOrganisation(ctx.tx, organisation.id)).filter((p) => !p.disabledAt);
  const elected = people.find((p) => p.kind === 'elected');
  const staffOfTown = people.find((p) => p.referent) ?? people.find((p) => p.kind === 'officer');
  const speaker = before2026 ? (staffOfTown ?? elected) : (elected ?? staffOfTown);
  if (speaker) return speaker;
  const contact = contacts.get(town);
  if (!contact) throw new Error(`démo des appels : personne pour ${organisation.name}`);
  const person = must(
    `${contact.firstName} ${contact.lastName}`,
    await createPerson(
      ctx.tx,
      {
        firstName: contact.firstName,
        lastName: contact.lastName,
        email: `${slug(contact.firstName)}.${slug(contact.lastName)}@${slug(organisation.name)}.example.org`,
        kind: 'officer',
        organisationId: organisation.id,
        referent: true,
      },
      ctx.manager.id,
    ),
  );
  ctx.demo.people.set(`${contact.firstName} ${contact.lastName}`, person);
  await keepFundVotes(ctx, organisation, person);
  return person;
}

/**
 * The funds' demo gives each contributor with people its vote in the donors committee; a contributor that
 * gets its first person here (Marseille, Grenoble) would otherwise be the one left without a voter.
 * Through the funds' own function, its choice to be named kept.
 */
async function keepFundVotes(ctx: Context, organisation: Organisation, person: Person) {
  for (const fund of await listFunds(ctx.tx)) {
    const contributor = (await contributorsOf(ctx.tx, fund.id)).find(
      (c) => c.organisation.id === organisation.id,
    );
    if (!contributor || contributor.voterId) continue;
    must(
      `vote de ${organisation.name} au fonds ${fund.name}`,
      await setContributorChoices(
        ctx.tx,
        fund.id,
        organisation.id,
        { named: contributor.named, voterId: person.id },
        ctx.manager.id,
      ),
    );
  }
}

/** Tells one dossier's story on the call: written, submitted, marked, decided, as far as it goes. */
/** Writes a story's dossier as it happened; its id. */
async function tell(
  ctx: Context,
  call: Call & { criteria: Criterion[] },
  story: DossierStory,
): Promise<string> {
  const organisation = await organisationOf(ctx, story.town);
  const contact = contacts.get(story.town);
  if (contact) await ensureMember(ctx, organisation, contact);
  const speaker = await spokespersonOf(
    ctx,
    story.town,
    organisation,
    story.createdAt < parisTime('2026-01-01'),
  );
  const writer = story.byStaff ? ctx.instructor : speaker;
  const what = `dossier de ${organisation.name} au ${call.number}ᵉ appel`;
  const dossier = must(
    what,
    await createDossier(
      ctx.tx,
      writer,
      call.id,
      {
        organisationId: organisation.id,
        answers: story.answers,
        requestedCents: story.requestedEuros === undefined ? undefined : eur(story.requestedEuros),
      },
      story.createdAt,
    ),
  );
  if (!story.submittedAt) return dossier.id;
  must(what, await submitDossier(ctx.tx, dossier.id, writer.id, story.submittedAt));
  if (story.marks) {
    const scores = Object.fromEntries(call.criteria.map((c, i) => [c.id, story.marks![i]!]));
    must(what, await scoreApplication(ctx.tx, dossier.id, { scores }, ctx.instructor.id));
    await follow(ctx.tx, dossier.id, ctx.instructor.id);
  }
  if (story.decision) {
    // The decision's mail to the dossier's carrier is queued, as the program's demo does for its cohort.
    must(
      what,
      await decideApplications(
        ctx.tx,
        callsPipeline,
        { ids: [dossier.id], decision: story.decision.decision, motivation: story.decision.motivation },
        ctx.manager.id,
        ctx.demo.baseUrl,
        story.decision.at,
      ),
    );
  }
  return dossier.id;
}

interface EngagementStory {
  lead: string;
  objective: string;
  milestones: { label: string; dueOn: string; doneOn: string; deliverable?: boolean }[];
  capitalisation: string;
}

/**
 * The five engagements of the 12th call, « lancés et courant jusqu’en mars 2026 » (La Lettre): all done now,
 * each with its milestones, deliverables and what it taught the network. The consultants are fictional.
 */
const engagements = new Map<Town, EngagementStory>([
  [
    gennevilliers,
    {
      lead: 'Cabinet Horizons Coopération (Claire Vidal)',
      objective: 'Monter avec la commune partenaire un projet de coopération sur la gestion des déchets.',
      milestones: [
        { label: 'Diagnostic partagé avec le partenaire', dueOn: '2025-11-28', doneOn: '2025-11-25' },
        { label: 'Mission sur place', dueOn: '2026-01-23', doneOn: '2026-01-23' },
        {
          label: 'Document de projet et plan de financement',
          dueOn: '2026-03-20',
          doneOn: '2026-03-26',
          deliverable: true,
        },
      ],
      capitalisation:
        'Associer les services techniques dès le diagnostic a donné au projet un budget réaliste ; les associations de la diaspora ont facilité la mission.',
    },
  ],
  [
    thoreyLyautey,
    {
      lead: 'L’équipe du réseau (pôle appui et conseil)',
      objective: 'Donner à une petite commune les moyens de structurer son premier projet de coopération.',
      milestones: [
        { label: 'Atelier de cadrage avec le conseil municipal', dueOn: '2025-11-14', doneOn: '2025-11-14' },
        { label: 'Fiche projet et budget', dueOn: '2026-03-13', doneOn: '2026-03-10', deliverable: true },
      ],
      capitalisation:
        'Une petite commune avance mieux avec un accompagnement court, par étapes, et l’appui d’une collectivité voisine plus expérimentée.',
    },
  ],
  [
    laReunion,
    {
      lead: 'Cabinet Océan Indien Conseil (Jean-Marc Hoarau)',
      objective: 'Formaliser la stratégie internationale de la Région et sa gouvernance.',
      milestones: [
        { label: 'Entretiens avec les élus et les directions', dueOn: '2025-12-12', doneOn: '2025-12-10' },
        { label: 'Séminaire stratégique', dueOn: '2026-02-06', doneOn: '2026-02-06' },
        {
          label: 'Stratégie internationale signée',
          dueOn: '2026-03-27',
          doneOn: '2026-03-27',
          deliverable: true,
        },
      ],
      capitalisation:
        'La signature par l’exécutif a fait de la stratégie un cadre partagé par les directions ; à reprendre dans le guide méthodologique.',
    },
  ],
  [
    marseille,
    {
      lead: 'Cabinet Climat & Territoires (Sarah Benhamou)',
      objective: 'Donner un volet climat aux partenariats méditerranéens de la ville.',
      milestones: [
        {
          label: 'Cartographie des partenariats et de leurs enjeux climatiques',
          dueOn: '2025-12-19',
          doneOn: '2025-12-18',
        },
        {
          label: 'Feuille de route climat des partenariats',
          dueOn: '2026-03-27',
          doneOn: '2026-03-30',
          deliverable: true,
        },
      ],
      capitalisation:
        'Partir des projets existants plutôt que d’un programme climat nouveau a rallié les partenaires.',
    },
  ],
  [
    grenoble,
    {
      lead: 'Cabinet Climat & Territoires (Sarah Benhamou)',
      objective: 'Intégrer l’adaptation au changement climatique dans les coopérations de la ville.',
      milestones: [
        { label: 'Atelier avec les partenaires', dueOn: '2026-01-16', doneOn: '2026-01-16' },
        {
          label: 'Note d’orientation climat des coopérations',
          dueOn: '2026-03-20',
          doneOn: '2026-03-19',
          deliverable: true,
        },
      ],
      capitalisation:
        'Les deux engagements climat gagneraient à partager leurs outils : une fiche commune est proposée pour le prochain appel.',
    },
  ],
]);

/** An accepted dossier's engagement, as it ran from October 2025 to March 2026. */
async function engage(ctx: Context, applicationId: string, story: EngagementStory) {
  const what = 'accompagnement du 12ᵉ appel';
  const engagement = must(
    what,
    await createEngagement(
      ctx.tx,
      applicationId,
      {
        lead: story.lead,
        startsOn: '2025-10-06',
        endsOn: '2026-03-31',
        status: 'completed',
        objective: story.objective,
      },
      ctx.manager.id,
    ),
  );
  for (const milestone of story.milestones)
    must(what, await addMilestone(ctx.tx, engagement.id, milestone, ctx.manager.id));
  must(
    what,
    await setCapitalisation(ctx.tx, engagement.id, { capitalisation: story.capitalisation }, ctx.manager.id),
  );
}

/** The call's information workshop: an online event of the agenda, open to all, linked to the call. */
async function webinar(ctx: Context, call: Call, on: string) {
  must(
    'atelier d’information',
    await createEvent(
      ctx.tx,
      {
        title: `Atelier d’information du ${call.number}ᵉ appel DCOL`,
        kind: 'workshop',
        format: 'online',
        audience: 'public',
        startsAt: parisTime(on, '10:00').toISOString(),
        endsAt: parisTime(on, '11:30').toISOString(),
        onlineUrl: `https://visio.example.org/cuf-dcol-${call.number}`,
        description:
          'Présentation du dispositif DCOL, des types d’accompagnement proposés et du dossier ; questions des collectivités.',
        callIds: [call.id],
      },
      ctx.manager.id,
    ),
  );
}

export async function seedDemoCalls(tx: Executor, demo: DemoData) {
  const [manager, instructor] = demo.staff;
  if (!manager) throw new Error('démo des appels : aucun membre de l’équipe');
  const ctx: Context = { tx, demo, manager, instructor: instructor ?? manager, found: new Map() };
  const day = (days: number) => parisDate(new Date(demo.at.getTime() + days * 86_400_000));

  const twelfthCall = must(
    '12ᵉ appel',
    await createCall(
      tx,
      {
        number: 12,
        title: 'Accompagnement de l’action internationale des collectivités (DCOL)',
        description,
        supportKinds,
        opensAt: '2025-05-15T09:00:00+02:00',
        closesAt: '2025-07-15T18:00:00+02:00',
        criteria: grid,
        envelopeCents: eur(90_000),
        engagementsPlanned: 5,
      },
      manager.id,
    ),
  );
  // Its selection committee met after the window closed, in September 2025.
  const committee = parisTime('2025-09-18', '11:00');
  for (const story of twelfth) {
    const id = await tell(
      ctx,
      twelfthCall,
      story.decision ? { ...story, decision: { ...story.decision, at: committee } } : story,
    );
    const engagement = engagements.get(story.town);
    if (engagement) await engage(ctx, id, engagement);
  }

  const thirteenthCall = must(
    '13ᵉ appel',
    await createCall(
      tx,
      {
        number: 13,
        title: 'Accompagnement de l’action internationale des collectivités (DCOL)',
        description,
        supportKinds: [...supportKinds, 'Évaluation de partenariats'],
        opensAt: parisTime(day(-30), '09:00').toISOString(),
        closesAt: parisTime(day(45), '18:00').toISOString(),
        criteria: grid,
        envelopeCents: eur(100_000),
        engagementsPlanned: 6,
      },
      manager.id,
    ),
  );
  const ago = (days: number, time: string) => parisTime(day(-days), time);
  for (const story of thirteenth(ago)) await tell(ctx, thirteenthCall, story);
  // Lyon carries two distinct projects: the team allowed it a second dossier, still a draft.
  must(
    'dérogation de Lyon au 13ᵉ appel',
    await grantAllowance(
      tx,
      thirteenthCall.id,
      {
        organisationId: (await organisationOf(ctx, lyon)).id,
        dossiers: 2,
        reason:
          'Deux projets distincts : la stratégie internationale, et un projet climat avec une ville partenaire.',
      },
      ctx.manager.id,
    ),
  );
  await tell(ctx, thirteenthCall, {
    town: lyon,
    answers: {
      q1: 'Lyon coopère avec plusieurs villes partenaires sur l’adaptation au changement climatique.',
      q2: 'Monter avec une ville partenaire un projet de végétalisation et de gestion des îlots de chaleur.',
    },
    requestedEuros: 15_000,
    createdAt: ago(4, '11:00'),
  });

  // Each call's online information workshop, a week or so after it opened (as the 8th call's of 24 May 2022).
  await webinar(ctx, twelfthCall, '2025-05-27');
  await webinar(ctx, thirteenthCall, day(-22));
}
