import type { Executor } from '../../platform/db/client.ts';
import type { Result } from '../../platform/result.ts';
import { formatDate, parisDate, parisTime } from '../../platform/time.ts';
import { checkEventLinks } from '../events/event-links.ts';
import { createEvent, listEvents } from '../events/events.ts';
import type { DemoData } from '../module.ts';
import { findOrganisationByReference } from '../organisations/directory.ts';
import { createOrganisation, type Organisation } from '../organisations/organisations.ts';
import { listPeopleOfOrganisation } from '../organisations/people.ts';
import { normalise, searchReference } from '../organisations/reference.ts';
import { type Receipt, recordPledge, recordReceipt, setContributorChoices } from './contributions.ts';
import { createFund, type Fund, type FundInput } from './funds.ts';
import { committeeAudience } from './meetings.ts';
import { closeFund, disburse, recordDecision, reverse } from './projects.ts';
import { addReport, publishReport } from './reports.ts';

type RefKind = 'commune' | 'departement';

/**
 * Contributors that the members' demo does not hold: local governments the groups' and the atlas's demos
 * added from the official reference (found again, or added when missing). Nancy stays out, as everywhere in
 * the demo: adding it from the reference is the newcomer's first step.
 */
const fromReference: [name: string, kind: RefKind][] = [
  ['Paris', 'commune'],
  ['Rennes', 'commune'],
  ['Chambéry', 'commune'],
  ['Toulouse', 'commune'],
  ['Tours', 'commune'],
  ['Strasbourg', 'commune'],
  ['Nantes', 'commune'],
  ['Lille', 'commune'],
  ['Grenoble', 'commune'],
  ['Marseille', 'commune'],
  ['Loire-Atlantique', 'departement'],
  ['Meurthe-et-Moselle', 'departement'],
];

const cglu = 'Cités et gouvernements locaux unis (CGLU)';

/**
 * [organisation, its pledge (euros, day of the council's decision) or null when the transfer came first,
 * the transfers received (euros, day)].
 */
type Contribution = [
  organisation: string,
  pledge: [euros: number, on: string] | null,
  receipts: [number, string][],
];

interface Project {
  beneficiary: string;
  purpose: string;
  country: string;
  euros: number;
}

const eur = (euros: number) => Math.round(euros * 100);

function must<T>(what: string, result: Result<T>): T {
  if (!result.ok) throw new Error(`démo des fonds : ${what} : ${result.error.message}`);
  return result.value;
}

interface Context {
  tx: Executor;
  staffId: string;
  /** The day `days` days before the demo's today, in Paris: what is « recent » follows the clock. */
  ago(days: number): string;
  org(name: string): Organisation;
  /** Who holds an organisation's vote: one of its people, an élu rather than an officer; null without any. */
  voter(organisation: Organisation): Promise<string | null>;
}

/**
 * One fund's story, told in the order of its days: the contributions arrive (`until`), the committee meets
 * and decides, the projects are paid, reports are written. Decisions count the contributors known that day.
 */
class FundStory {
  private readonly pending: { on: string; record: () => Promise<void> }[] = [];
  private readonly contributors = new Set<string>();
  /** Numbers the made-up references (deliberations, treasury mandates, international transfers). */
  private sequence = 0;

  private readonly ctx: Context;
  readonly fund: Fund;
  private readonly slug: string;

  constructor(ctx: Context, fund: Fund, slug: string, contributions: Contribution[]) {
    this.ctx = ctx;
    this.fund = fund;
    this.slug = slug;
    for (const [name, pledge, receipts] of contributions) {
      if (pledge) this.pending.push({ on: pledge[1], record: () => this.pledge(name, pledge[0], pledge[1]) });
      for (const [euros, on] of receipts)
        this.pending.push({ on, record: async () => void (await this.receipt(name, euros, on)) });
    }
    this.pending.sort((a, b) => a.on.localeCompare(b.on));
  }

  private next() {
    this.sequence += 1;
    return this.sequence;
  }

  private async pledge(name: string, euros: number, decidedOn: string) {
    const organisation = this.ctx.org(name);
    const decisionReference =
      organisation.kind === 'institution'
        ? `Décision du Bureau exécutif du ${formatDate(decidedOn)}`
        : `Délibération n° ${decidedOn.slice(0, 4)}-${String(100 + ((this.next() * 37) % 800)).padStart(3, '0')}`;
    must(
      `promesse de ${name}`,
      await recordPledge(
        this.ctx.tx,
        this.fund.id,
        { organisationId: organisation.id, amountCents: eur(euros), decisionReference, decidedOn },
        this.ctx.staffId,
      ),
    );
    this.contributors.add(name);
  }

  async receipt(name: string, euros: number, receivedOn: string, reference?: string): Promise<Receipt> {
    const organisation = this.ctx.org(name);
    const recorded = must(
      `versement de ${name}`,
      await recordReceipt(
        this.ctx.tx,
        this.fund.id,
        {
          organisationId: organisation.id,
          amountCents: eur(euros),
          receivedOn,
          reference:
            reference ??
            (organisation.kind === 'institution'
              ? `Virement international ${this.slug.toUpperCase()}-${receivedOn.slice(0, 4)}-${this.next()}`
              : `Virement du Trésor public, mandat n° ${receivedOn.slice(0, 4)}-${String(4000 + this.next() * 131).padStart(5, '0')}`),
        },
        this.ctx.staffId,
      ),
    );
    this.contributors.add(name);
    return recorded.receipt;
  }

  /** Records the contributions dated up to `day` (all of them by default). */
  async until(day = '9999-12-31') {
    while (this.pending[0] && this.pending[0].on <= day) await this.pending.shift()!.record();
  }

  /** A meeting of the donors committee, added to the agenda for the committee's people. */
  async meeting(day: string, theme: string, description: string) {
    const event = must(
      `réunion du ${day}`,
      await createEvent(
        this.ctx.tx,
        {
          title: `Comité des donateurs du fonds de solidarité ${this.fund.name}`,
          theme,
          kind: 'meeting',
          format: 'online',
          audience: committeeAudience.key,
          startsAt: parisTime(day, '14:00').toISOString(),
          endsAt: parisTime(day, '15:30').toISOString(),
          onlineUrl: `https://visio.example.org/cuf-fonds-${this.slug}`,
          description,
          fundIds: [this.fund.id],
        },
        this.ctx.staffId,
      ),
    );
    return event.id;
  }

  /** A meeting the agenda's demo already holds (La Lettre's), linked to the fund. */
  async agendaMeeting(title: string, day: string) {
    const rows = await listEvents(
      this.ctx.tx,
      { q: title },
      { personId: this.ctx.staffId, staff: true },
      null,
    );
    const event = rows.find((r) => r.event.title === title && parisDate(r.event.startsAt) === day)?.event;
    if (!event) throw new Error(`démo des fonds : événement « ${title} » introuvable`);
    const link = must(title, await checkEventLinks(this.ctx.tx, { fundIds: [this.fund.id] }));
    await link(this.ctx.tx, event.id, this.ctx.staffId);
    return event.id;
  }

  private async vote(
    eventId: string,
    decidedOn: string,
    project: Project,
    votes: { votesFor: number; votesAgainst: number; abstentions: number },
  ) {
    const { euros, ...rest } = project;
    return must(
      `décision « ${project.beneficiary} »`,
      await recordDecision(
        this.ctx.tx,
        this.fund.id,
        { ...rest, amountCents: eur(euros), eventId, decidedOn, ...votes },
        this.ctx.staffId,
      ),
    );
  }

  /** An adopted decision: most of the contributors known that day vote for, one abstains. */
  async decide(eventId: string, decidedOn: string, project: Project): Promise<string> {
    const voters = this.contributors.size;
    const votesFor = Math.ceil(voters * 0.7);
    const { allocation } = await this.vote(eventId, decidedOn, project, {
      votesFor,
      votesAgainst: 0,
      abstentions: Math.min(1, voters - votesFor),
    });
    if (!allocation) throw new Error(`démo des fonds : « ${project.beneficiary} » non adopté`);
    return allocation.id;
  }

  async reject(eventId: string, decidedOn: string, project: Project, votesFor: number, votesAgainst: number) {
    await this.vote(eventId, decidedOn, project, { votesFor, votesAgainst, abstentions: 1 });
  }

  async pay(allocationId: string, euros: number, paidOn: string) {
    must(
      `paiement du ${paidOn}`,
      await disburse(
        this.ctx.tx,
        allocationId,
        {
          amountCents: eur(euros),
          paidOn,
          reference: `Virement international n° ${paidOn.replaceAll('-', '')}-${String(this.next()).padStart(3, '0')}`,
        },
        this.ctx.staffId,
      ),
    );
  }

  async report(
    reportedOn: string,
    title: string,
    body: string,
    options: { draft?: boolean; allocationId?: string } = {},
  ) {
    const report = must(
      title,
      await addReport(
        this.ctx.tx,
        this.fund.id,
        { kind: 'progress', title, body, reportedOn, allocationId: options.allocationId },
        this.ctx.staffId,
      ),
    );
    if (!options.draft)
      must(title, await publishReport(this.ctx.tx, this.fund.id, report.id, true, this.ctx.staffId));
  }

  /** Each contributor's choices: named on the public page unless it is one of `unnamed`, and its voter. */
  async choices(unnamed: string[] = []) {
    for (const name of this.contributors) {
      const organisation = this.ctx.org(name);
      const named = !unnamed.includes(name);
      const voterId = await this.ctx.voter(organisation);
      // Not named and no vote is what a contributor starts with.
      if (!named && !voterId) continue;
      must(
        `choix de ${name}`,
        await setContributorChoices(
          this.ctx.tx,
          this.fund.id,
          organisation.id,
          { named, voterId },
          this.ctx.staffId,
        ),
      );
    }
  }
}

async function openFund(ctx: Context, slug: string, input: FundInput, contributions: Contribution[]) {
  const fund = must(input.name, await createFund(ctx.tx, input, ctx.staffId));
  return new FundStory(ctx, fund, slug, contributions);
}

/** Closes the fund on the day the seeds give, its rest allocated and paid that day. */
async function closeOn(ctx: Context, story: FundStory, closedOn: string, rest: Omit<Project, 'euros'>) {
  must(
    'clôture',
    await closeFund(
      ctx.tx,
      story.fund.id,
      {
        closedOn,
        finalAllocation: {
          ...rest,
          paidOn: closedOn,
          reference: `Virement international de clôture du ${closedOn}`,
        },
      },
      ctx.staffId,
    ),
  );
}

async function ukraine(ctx: Context) {
  const story = await openFund(
    ctx,
    'ukraine',
    {
      name: 'Ukraine',
      cause:
        'Guerre en Ukraine : soutien aux collectivités ukrainiennes et aux pays voisins accueillant les réfugiés',
      countries: ['UA', 'MD', 'PL'],
      openedOn: '2022-02-28',
      description:
        'Ouvert en février 2022, le fonds de solidarité pour l’Ukraine a permis de concrétiser un vaste élan de solidarité en soutien aux collectivités ukrainiennes et aux pays voisins touchés par l’afflux de réfugiés : continuité des services publics, amélioration des infrastructures locales, et programmes d’intégration pour les réfugiés.',
      bankReference:
        'Compte du fonds de solidarité de Cités Unies France, libellé « FONDS UKRAINE » suivi du nom de la collectivité',
    },
    [
      ['Strasbourg', [25_000, '2022-03-07'], [[25_000, '2022-04-12']]],
      ['Lyon', [30_000, '2022-03-10'], [[30_000, '2022-04-20']]],
      ['Bordeaux', [20_000, '2022-03-14'], [[20_000, '2022-05-03']]],
      [
        'Paris',
        [40_000, '2022-03-15'],
        [
          [20_000, '2022-04-28'],
          [20_000, '2022-10-18'],
        ],
      ],
      ['Bretagne', [25_000, '2022-03-18'], [[25_000, '2022-05-06']]],
      ['Rennes', [15_000, '2022-03-21'], [[15_000, '2022-06-09']]],
      ['Nantes', [20_000, '2022-03-25'], [[20_000, '2022-05-10']]],
      ['Grenoble', [10_000, '2022-03-28'], [[10_000, '2022-06-16']]],
      ['Montpellier Méditerranée Métropole', [20_000, '2022-03-29'], [[20_000, '2022-06-14']]],
      ['Nouvelle-Aquitaine', [35_000, '2022-04-04'], [[35_000, '2022-05-17']]],
      ['Lille', [15_000, '2022-04-11'], [[15_000, '2022-06-28']]],
      ['Occitanie', [20_000, '2022-04-15'], [[20_000, '2022-06-21']]],
      ['Angers', [8_000, '2022-04-25'], [[8_000, '2022-07-19']]],
      [cglu, [15_000, '2022-04-27'], [[15_000, '2022-05-30']]],
      ['Poitiers', [5_000, '2022-05-09'], [[5_000, '2022-07-26']]],
      ['Dijon', [10_000, '2022-05-16'], [[10_000, '2022-07-12']]],
      ['Centre-Val de Loire', [30_000, '2022-05-20'], [[30_000, '2022-07-05']]],
      ['Issy-les-Moulineaux', [5_000, '2022-06-23'], [[5_000, '2022-09-13']]],
      ['CU Limoges Métropole', [7_500, '2022-06-28'], [[7_500, '2022-09-20']]],
      ['Clermont-Ferrand', [10_000, '2022-06-30'], [[10_000, '2022-09-06']]],
      // Tours's transfer came before its deliberation was sent: a receipt without a pledge.
      ['Tours', null, [[6_000, '2022-10-04']]],
      ['Chambéry', [2_750, '2022-09-26'], [[2_750, '2022-11-22']]],
      ['Loire-Atlantique', [10_000, '2022-10-17'], [[10_000, '2022-12-06']]],
    ],
  );
  await story.report(
    '2022-05-20',
    'Point d’étape du fonds pour la crise en Ukraine',
    'Plusieurs collectivités se sont déjà engagées pour soutenir les gouvernements locaux touchés par la guerre en Ukraine. Une première réunion des donateurs aura lieu le 3 juin.',
  );

  await story.until('2022-06-03');
  const first = await story.meeting(
    '2022-06-03',
    'Première affectation des contributions',
    'Première réunion des collectivités donatrices : affectation des contributions reçues aux premiers projets en Ukraine, en Moldavie et en Pologne.',
  );
  const irpin = await story.decide(first, '2022-06-03', {
    beneficiary: 'Ville d’Irpin',
    purpose: 'Rétablissement de l’eau et du chauffage dans les bâtiments municipaux endommagés',
    country: 'UA',
    euros: 60_000,
  });
  const chisinau = await story.decide(first, '2022-06-03', {
    beneficiary: 'Mairie de Chișinău',
    purpose: 'Accueil des réfugiés ukrainiens : hébergement temporaire et repas',
    country: 'MD',
    euros: 45_000,
  });
  const rzeszow = await story.decide(first, '2022-06-03', {
    beneficiary: 'Ville de Rzeszów',
    purpose: 'Intégration des réfugiés : cours de polonais, accompagnement scolaire et vers l’emploi',
    country: 'PL',
    euros: 40_000,
  });
  await story.pay(irpin, 40_000, '2022-06-24');
  await story.pay(chisinau, 45_000, '2022-06-28');
  await story.pay(rzeszow, 40_000, '2022-07-08');
  await story.pay(irpin, 20_000, '2022-09-30');

  await story.until('2022-12-09');
  const winter = await story.meeting(
    '2022-12-09',
    'Passer l’hiver : énergie et accueil des personnes déplacées',
    'Affectation des contributions reçues depuis juin aux besoins de l’hiver des collectivités ukrainiennes.',
  );
  const boutcha = await story.decide(winter, '2022-12-09', {
    beneficiary: 'Ville de Boutcha',
    purpose: 'Générateurs et équipements d’hiver pour les services municipaux',
    country: 'UA',
    euros: 50_000,
  });
  const tchernivtsi = await story.decide(winter, '2022-12-09', {
    beneficiary: 'Ville de Tchernivtsi',
    purpose: 'Accueil des personnes déplacées : rénovation d’un foyer municipal',
    country: 'UA',
    euros: 35_000,
  });
  await story.pay(boutcha, 50_000, '2022-12-20');
  await story.pay(tchernivtsi, 35_000, '2023-01-17');
  await story.report(
    '2023-01-31',
    'Boutcha : des générateurs pour passer l’hiver',
    'Les générateurs financés par le fonds ont été livrés à la ville de Boutcha en janvier : la mairie, deux écoles et le centre de santé ont gardé l’électricité et le chauffage pendant les coupures.',
    { allocationId: boutcha },
  );

  await story.until('2023-06-16');
  const rebuild = await story.meeting(
    '2023-06-16',
    'Reconstruction et appui aux communes d’accueil',
    'Projets de reconstruction en Ukraine et appui aux communes moldaves qui accueillent des réfugiés.',
  );
  const irpinSchool = await story.decide(rebuild, '2023-06-16', {
    beneficiary: 'Ville d’Irpin',
    purpose: 'Reconstruction : équipement de l’école n° 3',
    country: 'UA',
    euros: 40_000,
  });
  const calm = await story.decide(rebuild, '2023-06-16', {
    beneficiary: 'Congrès des autorités locales de Moldavie (CALM)',
    purpose: 'Appui aux communes moldaves qui accueillent des réfugiés',
    country: 'MD',
    euros: 30_000,
  });
  await story.reject(
    rebuild,
    '2023-06-16',
    {
      beneficiary: 'Ville de Lviv',
      purpose: 'Achat d’un véhicule de secours',
      country: 'UA',
      euros: 40_000,
    },
    5,
    9,
  );
  await story.pay(irpinSchool, 40_000, '2023-07-11');
  await story.pay(calm, 30_000, '2023-07-25');
  await story.report(
    '2024-02-26',
    'Deux ans de solidarité avec l’Ukraine et ses voisins',
    'Deux ans après l’ouverture du fonds, 23 contributeurs ont réuni plus de 380 000 euros. Les projets financés à Irpin, Boutcha, Tchernivtsi, Chișinău et Rzeszów sont réalisés ou en voie de l’être ; le comité des donateurs se réunira au printemps pour affecter le solde.',
  );

  const integration = await story.meeting(
    '2024-05-24',
    'Intégration des personnes déplacées et des réfugiés',
    'Affectation aux programmes d’intégration en Ukraine et en Pologne.',
  );
  const training = await story.decide(integration, '2024-05-24', {
    beneficiary: 'Ville de Tchernivtsi',
    purpose: 'Programme d’intégration des personnes déplacées : formation professionnelle',
    country: 'UA',
    euros: 30_000,
  });
  const lublin = await story.decide(integration, '2024-05-24', {
    beneficiary: 'Ville de Lublin',
    purpose: 'Soutien psychologique aux familles réfugiées',
    country: 'PL',
    euros: 25_000,
  });
  await story.pay(training, 30_000, '2024-06-18');
  await story.pay(lublin, 25_000, '2024-06-25');

  const services = await story.meeting(
    '2025-03-14',
    'Continuité des services publics',
    'Dernière affectation avant la clôture du fonds.',
  );
  const cnap = await story.decide(services, '2025-03-14', {
    beneficiary: 'Ville de Boutcha',
    purpose: 'Continuité des services publics : équipement du centre de services administratifs',
    country: 'UA',
    euros: 20_000,
  });
  await story.pay(cnap, 20_000, '2025-04-08');
  await story.until();
  await story.choices(['Chambéry', 'Issy-les-Moulineaux', 'Tours']);
  await closeOn(ctx, story, '2025-11-25', {
    beneficiary: 'Association des villes d’Ukraine (AUC)',
    purpose: 'Solde du fonds : formation des agents municipaux à la conduite de la reconstruction',
    country: 'UA',
  });
}

async function gaza(ctx: Context) {
  const story = await openFund(
    ctx,
    'gaza',
    {
      name: 'Gaza',
      cause: 'Solidarité des collectivités françaises envers le peuple palestinien',
      countries: ['PS'],
      openedOn: '2023-11-06',
      description:
        'Le fonds de solidarité Gaza réunit les contributions des collectivités françaises pour l’aide d’urgence et le rétablissement des services essentiels dans la bande de Gaza. Son comité des donateurs décide de l’affectation des dons ; le fonds reste ouvert.',
      bankReference:
        'Compte du fonds de solidarité de Cités Unies France, libellé « FONDS GAZA » suivi du nom de la collectivité',
    },
    [
      [
        'Lyon',
        [15_000, '2023-11-16'],
        [
          [15_000, '2023-12-19'],
          [10_000, '2026-06-09'],
        ],
      ],
      ['Montpellier Méditerranée Métropole', [20_000, '2023-11-20'], [[20_000, '2024-01-09']]],
      ['Grenoble', [10_000, '2023-12-04'], [[10_000, '2024-01-23']]],
      ['Nantes', [10_000, '2023-12-08'], [[10_000, '2024-02-06']]],
      ['Colombes', [5_000, '2024-02-08'], [[5_000, '2024-03-26']]],
      ['Occitanie', [25_000, '2024-03-22'], [[25_000, '2024-05-14']]],
      ['Paris', [45_000, '2025-06-10'], [[45_000, '2025-09-16']]],
      // Promised a few weeks ago, not received yet.
      ['Aude', [5_000, ctx.ago(40)], []],
    ],
  );
  await story.until('2024-06-14');
  const first = await story.meeting(
    '2024-06-14',
    'Première affectation des dons',
    'Affectation des premières contributions à l’aide médicale d’urgence.',
  );
  const clinics = await story.decide(first, '2024-06-14', {
    beneficiary: 'Union des comités palestiniens de secours médical (UPMRC)',
    purpose: 'Cliniques mobiles dans la bande de Gaza',
    country: 'PS',
    euros: 30_000,
  });
  const hygiene = await story.decide(first, '2024-06-14', {
    beneficiary: 'Croissant-Rouge palestinien',
    purpose: 'Kits d’hygiène pour les familles déplacées',
    country: 'PS',
    euros: 20_000,
  });
  await story.pay(clinics, 30_000, '2024-07-02');
  await story.pay(hygiene, 20_000, '2024-07-09');
  await story.report(
    '2024-09-17',
    'Premiers secours à Gaza',
    'Les cliniques mobiles soutenues par le fonds ont assuré des consultations dans les abris du sud de la bande de Gaza cet été ; les kits d’hygiène ont été distribués aux familles déplacées.',
    { allocationId: clinics },
  );

  await story.until('2025-11-07');
  const committee = await story.agendaMeeting(
    'Comité des donateurs du fonds de solidarité Gaza',
    '2025-11-07',
  );
  const care = await story.decide(committee, '2025-11-07', {
    beneficiary: 'Croissant-Rouge palestinien',
    purpose: 'Soins d’urgence et matériel médical pour la bande de Gaza',
    country: 'PS',
    euros: 40_000,
  });
  const water = await story.decide(committee, '2025-11-07', {
    beneficiary: 'Association des autorités locales palestiniennes (APLA)',
    purpose: 'Remise en service de l’eau et de l’assainissement dans les municipalités de la bande de Gaza',
    country: 'PS',
    euros: 35_000,
  });
  await story.report(
    '2025-11-20',
    'Le comité des donateurs du 7 novembre 2025',
    'Réuni le 7 novembre en visioconférence, le comité des donateurs a affecté 75 000 euros aux soins d’urgence et à la remise en service de l’eau dans la bande de Gaza. Le fonds reste ouvert pour poursuivre la solidarité des collectivités françaises envers le peuple palestinien.',
  );
  await story.pay(care, 40_000, '2025-12-02');
  await story.pay(water, 20_000, '2026-02-10');
  await story.until();
  await story.report(
    ctx.ago(6),
    'Point d’étape : l’eau à Gaza',
    'Premiers résultats de la remise en service des réseaux d’eau par les municipalités, avec l’APLA. À compléter avec les chiffres du second versement.',
    { draft: true, allocationId: water },
  );
  await story.choices(['Colombes']);
}

async function vietnam(ctx: Context) {
  const { ago } = ctx;
  const story = await openFund(
    ctx,
    'vietnam',
    {
      name: 'Vietnam',
      cause: 'Inondations historiques causées par un typhon au centre du Vietnam, novembre 2025',
      countries: ['VN'],
      openedOn: '2025-11-14',
      description:
        'Les collectivités territoriales françaises et adhérentes à Cités Unies France ouvrent un fonds de solidarité pour soutenir la réhabilitation et la reconstruction des villes d’Hué et Da Nang, ainsi que dans les provinces sinistrées du Vietnam, après des inondations historiques causées par un typhon en novembre 2025.',
      targetCents: eur(150_000),
      bankReference:
        'Compte du fonds de solidarité de Cités Unies France, libellé « FONDS VIETNAM » suivi du nom de la collectivité',
    },
    [
      ['Toulouse', [15_000, '2025-12-15'], [[15_000, '2026-02-03']]],
      ['Issy-les-Moulineaux', [5_000, '2026-01-26'], [[5_000, '2026-03-10']]],
      ['Nouvelle-Aquitaine', [20_000, '2026-02-13'], [[20_000, '2026-04-21']]],
      ['Cannes', null, [[3_000, '2026-06-16']]],
      ['Lyon', [10_000, ago(70)], []],
      // Promised, not received yet.
      ['Dijon', [5_000, ago(30)], []],
    ],
  );
  await story.report(
    '2025-11-14',
    'Ouverture du fonds de solidarité Vietnam',
    'Après des inondations historiques causées par un typhon en novembre 2025, les collectivités adhérentes ouvrent un fonds de solidarité pour la réhabilitation et la reconstruction d’Hué, de Da Nang et des provinces sinistrées.',
  );
  await story.until();
  // Lyon's transfer, recorded twice by mistake; the second is reversed below.
  const reference = `Virement du Trésor public, mandat n° ${ago(25).slice(0, 4)}-08861`;
  const lyon = await story.receipt('Lyon', 10_000, ago(25), reference);
  const twice = await story.receipt('Lyon', 10_000, ago(25), reference);

  const first = await story.meeting(
    ago(16),
    'Première affectation des contributions',
    'Premier comité des donateurs : affectation des contributions reçues à Hué, à Da Nang et aux provinces sinistrées.',
  );
  const hue = await story.decide(first, ago(16), {
    beneficiary: 'Comité populaire de la ville de Hué',
    purpose: 'Réhabilitation d’écoles et de dispensaires inondés',
    country: 'VN',
    euros: 30_000,
  });
  await story.decide(first, ago(16), {
    beneficiary: 'Comité populaire de la ville de Da Nang',
    purpose: 'Remise en état du réseau de drainage des quartiers inondés',
    country: 'VN',
    euros: 12_000,
  });
  await story.decide(first, ago(16), {
    beneficiary: 'Croix-Rouge vietnamienne',
    purpose: 'Reconstruction de logements dans les provinces sinistrées',
    country: 'VN',
    euros: 8_000,
  });
  await story.pay(hue, 15_000, ago(5));
  must(
    'contre-passation',
    await reverse(
      ctx.tx,
      twice.groupId,
      { reason: `Virement enregistré deux fois : c’est le même que celui du reçu ${lyon.number}.` },
      ctx.staffId,
    ),
  );
  await story.report(
    ago(3),
    'Premier comité des donateurs du fonds Vietnam',
    'Le comité a affecté 50 000 euros à Hué, à Da Nang et à la Croix-Rouge vietnamienne. Photos et premiers chiffres de la réhabilitation des écoles d’Hué à ajouter.',
    { draft: true },
  );
  await story.choices(['Cannes']);
}

async function turquie(ctx: Context) {
  const story = await openFund(
    ctx,
    'turquie',
    {
      name: 'Turquie',
      cause: 'Séisme de février 2023 en Turquie',
      countries: ['TR'],
      openedOn: '2023-02-10',
      description:
        'Le fonds soutient les municipalités touchées par le séisme de 2023 en Turquie, notamment par le programme « Villes résilientes et renforcement de la société civile » mené avec l’Union des municipalités de Turquie.',
      bankReference:
        'Compte du fonds de solidarité de Cités Unies France, libellé « FONDS TURQUIE » suivi du nom de la collectivité',
    },
    [
      ['Meurthe-et-Moselle', [30_000, '2023-02-20'], [[30_000, '2023-04-04']]],
      ['Lyon', [20_000, '2023-02-27'], [[20_000, '2023-04-18']]],
      ['Strasbourg', [15_000, '2023-02-28'], [[15_000, '2023-04-11']]],
      ['Aude', [10_000, '2023-03-06'], [[10_000, '2023-04-25']]],
      ['Paris', [30_000, '2023-03-21'], [[30_000, '2023-05-09']]],
    ],
  );
  await story.until('2023-06-23');
  const first = await story.meeting(
    '2023-06-23',
    'Le programme « Villes résilientes et renforcement de la société civile »',
    'Affectation des contributions au programme mené avec l’Union des municipalités de Turquie et aux besoins immédiats de la province de Hatay.',
  );
  const resilient = await story.decide(first, '2023-06-23', {
    beneficiary: 'Union des municipalités de Turquie',
    purpose:
      'Programme « Villes résilientes et renforcement de la société civile » : formation des agents municipaux à la gestion des risques et appui aux associations de quartier',
    country: 'TR',
    euros: 60_000,
  });
  const hatay = await story.decide(first, '2023-06-23', {
    beneficiary: 'Municipalité métropolitaine de Hatay',
    purpose: 'Écoles provisoires et espaces pour les enfants',
    country: 'TR',
    euros: 30_000,
  });
  await story.pay(hatay, 30_000, '2023-07-18');
  await story.pay(resilient, 35_000, '2023-09-12');
  await story.report(
    '2024-02-06',
    'Un an après le séisme',
    'Un an après le séisme, les écoles provisoires de Hatay accueillent leurs élèves et le programme « Villes résilientes et renforcement de la société civile » a formé ses premiers agents municipaux.',
  );
  await story.pay(resilient, 15_000, '2024-04-16');
  await story.report(
    '2025-11-28',
    'Accueil de l’Union des municipalités de Turquie en France',
    'La ville de Nancy et les conseils départementaux de Meurthe-et-Moselle et de l’Aude ont accueilli une délégation turque dans le cadre du programme « Villes résilientes et renforcement de la société civile » du fonds de solidarité Turquie, visant à soutenir les municipalités touchées par le séisme de 2023.',
    { allocationId: resilient },
  );
  await story.report(
    ctx.ago(12),
    'Point d’étape : le dernier versement du programme',
    'Le dernier versement du programme attend le rapport financier de l’Union des municipalités de Turquie.',
    { draft: true, allocationId: resilient },
  );
  await story.choices();
}

async function maroc(ctx: Context) {
  const story = await openFund(
    ctx,
    'maroc',
    {
      name: 'Maroc',
      cause: 'Séisme du 8 septembre 2023 dans le Haut Atlas',
      countries: ['MA'],
      openedOn: '2023-09-12',
      description:
        'Le fonds soutient la reconstruction des communes touchées par le séisme de septembre 2023, dont Ijoukak (province d’Al Haouz) et Ouneine (province de Taroudant). Son comité des donateurs se réunit avec le groupe-pays Maroc.',
      bankReference:
        'Compte du fonds de solidarité de Cités Unies France, libellé « FONDS MAROC » suivi du nom de la collectivité',
    },
    [
      ['Centre-Val de Loire', [40_000, '2023-09-22'], [[40_000, '2023-11-07']]],
      ['Montpellier Méditerranée Métropole', [15_000, '2023-09-26'], [[15_000, '2023-11-14']]],
      ['Colombes', [5_000, '2023-10-02'], [[5_000, '2023-11-21']]],
      ['Bordeaux', [10_000, '2023-10-09'], [[10_000, '2023-12-05']]],
      ['Occitanie', [20_000, '2023-10-13'], [[20_000, '2023-12-12']]],
    ],
  );
  await story.until('2024-03-15');
  const first = await story.meeting(
    '2024-03-15',
    'Choix des projets de reconstruction',
    'Affectation des contributions aux projets des communes d’Ijoukak et d’Ouneine.',
  );
  const ijoukak = await story.decide(first, '2024-03-15', {
    beneficiary: 'Commune d’Ijoukak',
    purpose: 'Reconstruction de l’école communale',
    country: 'MA',
    euros: 40_000,
  });
  const ouneine = await story.decide(first, '2024-03-15', {
    beneficiary: 'Commune d’Ouneine',
    purpose: 'Réhabilitation de l’adduction d’eau potable des douars',
    country: 'MA',
    euros: 30_000,
  });
  await story.pay(ijoukak, 40_000, '2024-05-07');
  await story.pay(ouneine, 20_000, '2024-05-14');
  await story.report(
    '2025-10-06',
    'Mission technique à Ijoukak et Ouneine',
    'En septembre, une mission technique de Cités Unies France s’est rendue dans les communes d’Ijoukak et d’Ouneine : l’école d’Ijoukak est reconstruite, l’adduction d’eau d’Ouneine dessert les premiers douars. Le centre de santé d’Ijoukak manque encore d’équipements.',
  );
  const committee = await story.agendaMeeting(
    'Réunion du groupe-pays et du fonds de solidarité Maroc',
    '2025-11-28',
  );
  const health = await story.decide(committee, '2025-11-28', {
    beneficiary: 'Commune d’Ijoukak',
    purpose: 'Équipement du centre de santé',
    country: 'MA',
    euros: 15_000,
  });
  await story.report(
    '2025-12-10',
    'Le comité des donateurs du 28 novembre 2025',
    'Les collectivités membres du comité des donateurs ont fait le point sur l’avancée des projets et sur la mission technique de septembre, et ont affecté 15 000 euros à l’équipement du centre de santé d’Ijoukak.',
  );
  await story.pay(ouneine, 10_000, '2026-01-20');
  await story.pay(health, 10_000, '2026-03-03');
  await story.report(
    ctx.ago(9),
    'Point d’étape : le centre de santé d’Ijoukak',
    'Le premier versement a permis d’acheter le mobilier médical ; le second attend la réception des travaux.',
    { draft: true, allocationId: health },
  );
  await story.choices(['Colombes']);
}

async function liban(ctx: Context) {
  const story = await openFund(
    ctx,
    'liban',
    {
      name: 'Liban',
      cause: 'Explosion du port de Beyrouth, 4 août 2020, et crise libanaise',
      countries: ['LB'],
      openedOn: '2020-08-10',
      description:
        'Le fonds soutient les municipalités libanaises après l’explosion du port de Beyrouth : réhabilitation des quartiers sinistrés, gestion des déchets, appui aux services municipaux.',
      bankReference:
        'Compte du fonds de solidarité de Cités Unies France, libellé « FONDS LIBAN » suivi du nom de la collectivité',
    },
    [
      ['Lyon', [20_000, '2020-09-14'], [[20_000, '2020-10-27']]],
      ['Chambéry', [5_000, '2020-09-21'], [[5_000, '2020-11-10']]],
      ['Paris', [50_000, '2020-09-29'], [[50_000, '2020-11-17']]],
      ['Marseille', [20_000, '2020-10-05'], [[20_000, '2020-12-01']]],
      ['Loire-Atlantique', [10_000, '2020-10-26'], [[10_000, '2021-01-12']]],
    ],
  );
  await story.until('2021-02-12');
  const first = await story.meeting(
    '2021-02-12',
    'Premières affectations',
    'Affectation des contributions à la réhabilitation des quartiers sinistrés de Beyrouth et à la gestion des déchets.',
  );
  const beirut = await story.decide(first, '2021-02-12', {
    beneficiary: 'Municipalité de Beyrouth',
    purpose:
      'Réhabilitation de logements et d’écoles des quartiers sinistrés (Karantina, Gemmayzé, Mar Mikhaël)',
    country: 'LB',
    euros: 50_000,
  });
  const kesrouan = await story.decide(first, '2021-02-12', {
    beneficiary: 'Fédération des municipalités du Kesrouan',
    purpose: 'Tri et collecte des déchets ménagers',
    country: 'LB',
    euros: 25_000,
  });
  await story.pay(beirut, 30_000, '2021-03-16');
  await story.pay(kesrouan, 25_000, '2021-04-20');
  await story.pay(beirut, 20_000, '2021-10-05');
  await story.report(
    '2022-05-16',
    'Point d’étape : le fonds de solidarité Liban',
    'Les activités du fonds de solidarité pour le Liban arrivent au terme de leur première année de réalisation : logements et écoles réhabilités à Beyrouth, collecte sélective des déchets dans le Kesrouan. Les actions encore à venir seront décidées par le comité des donateurs du 17 juin.',
  );
  const second = await story.meeting(
    '2022-06-17',
    'Gestion des déchets et restauration des sols',
    'Affectation avant la mission au Liban du groupe-pays et du comité des donateurs (27-29 juin 2022).',
  );
  const tyre = await story.decide(second, '2022-06-17', {
    beneficiary: 'Union des municipalités de Tyr',
    purpose: 'Valorisation des déchets et restauration des sols',
    country: 'LB',
    euros: 20_000,
  });
  await story.report(
    '2022-07-12',
    'Mission au Liban du 27 au 29 juin 2022',
    'Le groupe-pays Liban et les collectivités du comité des donateurs ont vu à Beyrouth et dans le Kesrouan les réalisations du fonds, et rencontré l’Union des municipalités de Tyr dont le projet vient d’être retenu.',
  );
  await story.pay(tyre, 20_000, '2022-09-06');
  await story.report(
    ctx.ago(20),
    'Point d’étape : l’affectation du solde',
    'Proposition au comité des donateurs pour le solde du fonds : appui aux municipalités du Sud-Liban.',
    { draft: true },
  );
  await story.choices(['Chambéry']);
}

async function haiti(ctx: Context) {
  const story = await openFund(
    ctx,
    'haiti',
    {
      name: 'Haïti',
      cause: 'Tremblement de terre du 14 août 2021 dans le sud d’Haïti',
      countries: ['HT'],
      openedOn: '2021-08-20',
      description:
        'Lancé après le tremblement de terre de l’été 2021, le fonds soutient les communes du sud d’Haïti selon un plan d’action validé par le comité des donateurs.',
      bankReference:
        'Compte du fonds de solidarité de Cités Unies France, libellé « FONDS HAÏTI » suivi du nom de la collectivité',
    },
    [
      ['Bretagne', [20_000, '2021-09-20'], [[20_000, '2021-11-09']]],
      ['Poitiers', [5_000, '2021-09-27'], [[5_000, '2021-11-23']]],
      ['Savigny-le-Temple', [3_000, '2021-10-11'], [[3_000, '2022-01-11']]],
      ['Paris', [20_000, '2021-10-12'], [[20_000, '2022-01-25']]],
      ['Loire-Atlantique', [10_000, '2021-10-18'], [[10_000, '2021-12-07']]],
    ],
  );
  await story.until('2022-03-25');
  const first = await story.meeting(
    '2022-03-25',
    'Les volets du plan d’action et le choix des partenaires',
    'Validation des volets d’actions du fonds et choix des partenaires.',
  );
  const cayes = await story.decide(first, '2022-03-25', {
    beneficiary: 'Mairie des Cayes',
    purpose: 'Reconstruction de deux écoles communales',
    country: 'HT',
    euros: 25_000,
  });
  const jeremie = await story.decide(first, '2022-03-25', {
    beneficiary: 'Mairie de Jérémie',
    purpose: 'Appui aux services techniques communaux pour conduire la reconstruction',
    country: 'HT',
    euros: 15_000,
  });
  const campPerrin = await story.decide(first, '2022-03-25', {
    beneficiary: 'Mairie de Camp-Perrin',
    purpose: 'Réhabilitation de l’adduction d’eau',
    country: 'HT',
    euros: 12_000,
  });
  await story.report(
    '2022-05-10',
    'Un plan d’action pour le fonds Haïti',
    'Après avoir validé les volets d’actions avec le comité des donateurs et sélectionné les partenaires, Cités Unies France a établi un plan d’action pour le fonds Haïti, lancé suite au tremblement de terre de l’été 2021 : écoles communales aux Cayes, services techniques de Jérémie, eau à Camp-Perrin.',
  );
  await story.pay(cayes, 25_000, '2022-06-14');
  await story.pay(jeremie, 15_000, '2022-07-05');
  await story.pay(campPerrin, 6_000, '2022-09-20');
  await story.report(
    '2024-01-15',
    'Point d’étape : les écoles des Cayes',
    'Les deux écoles communales des Cayes ont rouvert à la rentrée ; le second volet de l’adduction d’eau de Camp-Perrin attend l’accès au chantier.',
    { allocationId: cayes },
  );
  await story.report(
    ctx.ago(15),
    'Point d’étape : l’eau à Camp-Perrin',
    'Note pour le comité des donateurs : conditions de reprise du chantier et versement du solde.',
    { draft: true, allocationId: campPerrin },
  );
  await story.choices(['Savigny-le-Temple']);
}

export async function seedDemoFunds(tx: Executor, demo: DemoData) {
  const organisations = new Map(demo.organisations);
  for (const [name, kind] of fromReference) {
    if (organisations.has(name)) continue;
    const entry = searchReference(name, 50).find(
      (e) => e.kind === kind && normalise(e.name) === normalise(name),
    );
    if (!entry) throw new Error(`référentiel : ${name} introuvable`);
    const organisation =
      (await findOrganisationByReference(tx, kind, entry.inseeCode)) ??
      must(name, await createOrganisation(tx, { name: entry.name, kind, inseeCode: entry.inseeCode }, null));
    organisations.set(name, organisation);
  }
  const voters = new Map<string, string | null>();
  const ctx: Context = {
    tx,
    staffId: demo.staff[0]!.id,
    ago: (days) => parisDate(new Date(demo.at.getTime() - days * 86_400_000)),
    org(name) {
      const found = organisations.get(name);
      if (!found) throw new Error(`démo des fonds : organisation ${name} introuvable`);
      return found;
    },
    async voter(organisation) {
      if (!voters.has(organisation.id)) {
        const people = await listPeopleOfOrganisation(tx, organisation.id);
        voters.set(organisation.id, (people.find((p) => p.kind === 'elected') ?? people[0])?.id ?? null);
      }
      return voters.get(organisation.id) ?? null;
    },
  };
  await ukraine(ctx);
  await gaza(ctx);
  await vietnam(ctx);
  await turquie(ctx);
  await maroc(ctx);
  await liban(ctx);
  await haiti(ctx);
}
