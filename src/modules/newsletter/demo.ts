// The demo's Lettres: the two issues of the seeds rebuilt in the platform (May–June 2022, seed 004;
// November–December 2025, seed 002), published, their agendas generated from the demo's events of the period;
// and a draft of the next issue, whose agenda comes from the demo's coming events.
import type { Executor } from '../../platform/db/client.ts';
import type { Result } from '../../platform/result.ts';
import { parisDate } from '../../platform/time.ts';
import type { DemoData } from '../module.ts';
import { createIssue, type IssueInput, setPublished } from './issues.ts';
import { markDelivered, startSend } from './sending.ts';
import { subscribe } from './subscriptions.ts';

function must<T>(what: string, result: Result<T>): T {
  if (!result.ok) throw new Error(`démo de la Lettre : ${what} : ${result.error.message}`);
  return result.value;
}

type DemoIssue = Omit<IssueInput, 'editorial' | 'editorialAuthor'> & {
  editorial?: string;
  editorialAuthor?: string;
};

const mayJune2022: DemoIssue = {
  title: 'Mai & Juin 2022',
  periodStart: '2022-05-01',
  periodEnd: '2022-06-30',
  editorial:
    'La 13ᵉ édition des Rencontres : « L’AICT, levier d’expérimentation face aux défis mondiaux ».\n\n« Que nous vivions à Dijon, à Bamako, à Séoul ou à Port-au-Prince, nous sommes tous, en tant qu’élues et élus locaux, confrontés à des défis communs. […] L’action internationale des collectivités territoriales apparaît comme une opportunité, un levier pour cette mise en commun, et l’expérimentation d’approches concertées. »',
  editorialAuthor:
    'François Rebsamen, président de Cités Unies France, maire de Dijon et président de Dijon Métropole',
  sections: [
    {
      title: 'Actualités géographiques',
      items: [
        {
          title: 'CUF a participé à la rencontre de l’A-APL / G5 Sahel à Nouakchott',
          body: 'L’alliance des associations des pouvoirs locaux du G5 Sahel s’est réunie du 9 au 11 mai à Nouakchott, en Mauritanie. L’A-APL a pour objectif de renforcer le rôle des collectivités dans le processus de stabilisation et de retour de la paix au Sahel.',
          link: 'https://cites-unies-france.org/CUF-a-participe-a-la-rencontre-de-l-A-APL-G5-Sahel-a-Nouakchott-du-9-au-11-mai',
        },
        {
          title: 'Réunion du groupe-pays Mauritanie sur le thème de la jeunesse',
          body: 'Le groupe-pays Mauritanie s’est réuni le 18 mai, à Savigny-le-Temple, autour du thème « Engagement des jeunes et action internationale des collectivités en Mauritanie ».',
        },
      ],
    },
    {
      title: 'Appui & conseil aux collectivités',
      items: [
        {
          title: 'DCOL : atelier d’information du 8ᵉ appel',
          body: 'L’atelier d’information du 8ᵉ appel du dispositif DCOL s’est tenu en ligne le 24 mai : le guide et la méthodologie tirés des expériences DCOL y ont été présentés.',
        },
      ],
    },
  ],
};

const novemberDecember2025: DemoIssue = {
  title: 'Novembre & Décembre 2025',
  periodStart: '2025-11-01',
  periodEnd: '2025-12-31',
  editorial:
    'Une année anniversaire.\n\nLa 50ᵉ année de Cités Unies France aura été riche en activités de mise à l’honneur des engagements internationaux des collectivités territoriales.\n\nEn avançant vers 2026, une autre page s’ouvre : celle de la préparation des élections pour le bloc communal. CUF vous accompagne d’ores et déjà dans cette période particulière.\n\nL’équipe de CUF se joint à moi pour vous souhaiter une belle fin d’année et de belles fêtes !',
  editorialAuthor: 'Virginie Rouquette, directrice générale',
  sections: [
    {
      title: 'Informations du réseau',
      items: [
        {
          title:
            'Objectif 2026 : faites rayonner votre territoire à l’international avec Cités Unies France !',
          body: 'L’ensemble des activités et services offerts — temps de décryptage, espaces de dialogue, Rencontres de l’action internationale des collectivités territoriales, accès au dispositif DCOL, fonds de solidarité — sont détaillés dans notre plaquette d’adhésion.\n\nEn cette fin d’année, nous vous invitons à **renouveler votre adhésion**.',
          link: 'https://cites-unies-france.org/-Pourquoi-et-comment-adherer-',
        },
      ],
    },
    {
      title: 'Décryptages thématiques',
      items: [
        {
          title: 'Lancement des « Décryptages thématiques », 2 sessions en décembre 2025',
          body: 'Un nouveau rendez-vous **exclusif pour les adhérents**, pensé pour analyser ensemble les grands enjeux internationaux :\n\n- « Droits des femmes et backlash : comprendre et répondre aux dynamiques régressives », le 2 décembre en visioconférence ;\n- « Migration climatique : comprendre les enjeux et accompagner les territoires », le 9 décembre en visioconférence.',
          link: 'https://cites-unies-france.org/Nouveau-a-Cites-Unies-France-les-Decryptages-thematiques',
        },
      ],
    },
    {
      title: 'Appui & conseil aux collectivités',
      items: [
        {
          title: 'Le 12ᵉ appel DCOL est opérationnel',
          body: 'Cinq accompagnements jusqu’en mars 2026 : deux projets de coopération, une stratégie internationale et deux engagements centrés sur le climat.',
        },
      ],
    },
  ],
};

/** The next issue, a draft: the two months after today, its agenda from the demo's coming events. */
function nextIssue(at: Date): DemoIssue {
  const start = new Date(at.getTime() + 86_400_000);
  const end = new Date(at.getTime() + 61 * 86_400_000);
  return {
    title: 'Prochaine Lettre (brouillon)',
    periodStart: parisDate(start),
    periodEnd: parisDate(end),
    sections: [
      {
        title: 'Informations du réseau',
        items: [
          {
            title: 'Diplomates des territoires : la promotion 2026-2027 à mi-parcours',
            body: 'Les élues et élus de la promotion suivent leurs séances ; les certificats seront remis en février 2027.',
          },
        ],
      },
    ],
  };
}

export async function seedDemoNewsletter(tx: Executor, demo: DemoData) {
  const [editor] = demo.staff;
  if (!editor) throw new Error('démo de la Lettre : aucun membre de l’équipe');
  const published: string[] = [];
  for (const issue of [mayJune2022, novemberDecember2025]) {
    const { issue: made } = must(issue.title, await createIssue(tx, issue, editor.id));
    must(
      issue.title,
      await setPublished(tx, made.id, true, editor.id, new Date(`${issue.periodStart}T08:00:00Z`)),
    );
    published.push(made.id);
  }
  must('prochaine Lettre', await createIssue(tx, nextIssue(demo.at), editor.id));
  await seedDemoReaders(tx, demo, editor.id, published.at(-1)!);
}

/**
 * The demo's people with an address subscribed from their account in October 2025 (their consent recorded),
 * and the November–December 2025 Lettre sent to them then: its page shows a finished sending.
 */
async function seedDemoReaders(tx: Executor, demo: DemoData, editorId: string, issueId: string) {
  const subscribedAt = new Date('2025-10-01T08:00:00Z');
  for (const person of demo.people.values()) {
    if (!person.email) continue;
    must(
      `abonnement de ${person.email}`,
      await subscribe(
        tx,
        { email: person.email },
        { method: 'my_space', source: '/lettre/abonnement', personId: person.id },
        undefined,
        subscribedAt,
      ),
    );
  }
  const sentAt = new Date('2025-11-05T09:00:00Z');
  const { sendId } = must(
    'envoi de novembre 2025',
    await startSend(tx, issueId, 'tous', editorId, demo.baseUrl, sentAt),
  );
  if (sendId) await markDelivered(tx, sendId, sentAt);
}
