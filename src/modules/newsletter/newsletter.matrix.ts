// The authorisation matrix of « La Lettre » (see tests/proof/matrix.ts for how a case reads): the archives
// and a published issue for everyone, a draft and every staff page for staff only.
import {
  type Case,
  type Cell,
  EVERYONE,
  newEmail,
  SIGNED_IN,
  staffOnly,
} from '../../../tests/proof/cases.ts';
import { expectOk, signing } from '../../../tests/proof/world.ts';
import { addImage } from './images.ts';
import { createIssue, setPublished } from './issues.ts';
import { type SubscriptionLink, subscribe, subscriptionLink } from './subscriptions.ts';

const base = '/gestion/lettre';

export const issueJson = () => ({
  title: 'Novembre & Décembre 2025',
  periodStart: '2025-11-01',
  periodEnd: '2025-12-31',
  editorial: 'Une année anniversaire.',
  sections: [
    {
      title: 'Informations du réseau',
      items: [
        {
          title: 'Objectif 2026',
          body: 'Renouvelez votre adhésion.',
          link: 'https://cites-unies-france.org',
        },
      ],
    },
  ],
});

const freshIssue = async (c: Cell, published = false) => {
  const { issue } = expectOk(await createIssue(c.f.db, issueJson(), c.f.A.people.staff.id));
  if (published) expectOk(await setPublished(c.f.db, issue.id, true, c.f.A.people.staff.id));
  return issue;
};

const issueForm = () => ({
  title: 'Janvier & Février 2027',
  periodStart: '2027-01-01',
  periodEnd: '2027-02-28',
  editorial: '',
  editorialAuthor: '',
  content:
    '## Informations du réseau\n\n### Les Rencontres\n\nInscriptions ouvertes.\n\nLien : https://raict.org',
});

/** A PNG of one pixel (what file-type recognises by its signature). */
export const png = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64',
);

const freshImage = async (c: Cell) =>
  expectOk(
    await addImage(
      c.f.db,
      (await freshIssue(c)).id,
      { fileName: 'carte.png', content: png },
      c.f.A.people.staff.id,
    ),
  );

/** A new pending reader, and the signed address of one of their links. */
const readerLink = async (c: Cell, link: SubscriptionLink) => {
  const { id } = expectOk(
    await subscribe(c.f.db, { email: newEmail() }, { method: 'form', source: '/test' }, signing),
  );
  return subscriptionLink(signing, id, link).replace(signing.baseUrl, '');
};

export const matrix: Record<string, Case[]> = {
  'POST /api/v1/newsletter/issues': staffOnly('prepare a Lettre', () => ({
    url: '/api/v1/newsletter/issues',
    json: issueJson(),
  })),
  'GET /lettre': [{ name: 'the Lettre’s archives', own: EVERYONE, build: () => ({ url: '/lettre' }) }],
  'GET /lettre/flux.atom': [
    { name: 'the Lettre’s feed', own: EVERYONE, build: () => ({ url: '/lettre/flux.atom' }) },
  ],
  'GET /lettre/:id.pdf': [
    {
      name: 'a published Lettre as a PDF',
      own: EVERYONE,
      build: async (c) => ({ url: `/lettre/${(await freshIssue(c, true)).id}.pdf` }),
    },
    ...staffOnly('a draft Lettre as a PDF', async (c) => ({
      url: `/lettre/${(await freshIssue(c)).id}.pdf`,
    })),
  ],
  'GET /lettre/:id': [
    {
      name: 'a published Lettre',
      own: EVERYONE,
      build: async (c) => ({ url: `/lettre/${(await freshIssue(c, true)).id}` }),
    },
    ...staffOnly('a draft Lettre', async (c) => ({ url: `/lettre/${(await freshIssue(c)).id}` })),
  ],
  [`GET ${base}`]: staffOnly('the Lettres, for staff', () => ({ url: base })),
  [`GET ${base}/nouvelle`]: staffOnly('the form of a new Lettre', () => ({ url: `${base}/nouvelle` })),
  [`POST ${base}/nouvelle`]: staffOnly('prepare a Lettre from the form', () => ({
    url: `${base}/nouvelle`,
    form: issueForm(),
  })),
  [`GET ${base}/:id`]: staffOnly('a Lettre, for staff', async (c) => ({
    url: `${base}/${(await freshIssue(c)).id}`,
  })),
  [`GET ${base}/:id/modifier`]: staffOnly('the form of a Lettre', async (c) => ({
    url: `${base}/${(await freshIssue(c)).id}/modifier`,
  })),
  [`POST ${base}/:id/modifier`]: staffOnly('change a Lettre', async (c) => ({
    url: `${base}/${(await freshIssue(c)).id}/modifier`,
    form: issueForm(),
  })),
  [`POST ${base}/:id/publication`]: staffOnly('publish a Lettre', async (c) => ({
    url: `${base}/${(await freshIssue(c)).id}/publication`,
    form: { publier: 'oui' },
  })),
  [`POST ${base}/:id/suppression`]: staffOnly('delete a draft Lettre', async (c) => ({
    url: `${base}/${(await freshIssue(c)).id}/suppression`,
    form: {},
  })),
  'GET /lettre/abonnement': [
    { name: 'the subscription form', own: EVERYONE, build: () => ({ url: '/lettre/abonnement' }) },
  ],
  'POST /lettre/abonnement': [
    {
      name: 'subscribe to the Lettre',
      own: EVERYONE,
      build: () => ({ url: '/lettre/abonnement', form: { email: newEmail(), 'topic-lettre': 'oui' } }),
    },
  ],
  'POST /lettre/abonnement/desabonnement': [
    {
      name: 'unsubscribe one’s own address',
      own: SIGNED_IN,
      build: async (c) => {
        if (c.self.email)
          expectOk(
            await subscribe(
              c.f.db,
              { email: c.self.email },
              { method: 'my_space', source: '/test', personId: c.self.id },
              signing,
            ),
          );
        return { url: '/lettre/abonnement/desabonnement', form: {} };
      },
    },
  ],
  'GET /lettre/abonnement/:id/confirmer': [
    {
      name: 'the confirmation link’s page',
      own: EVERYONE,
      build: async (c) => ({ url: await readerLink(c, 'confirm') }),
    },
  ],
  'POST /lettre/abonnement/:id/confirmer': [
    {
      name: 'confirm a subscription',
      own: EVERYONE,
      build: async (c) => ({ url: await readerLink(c, 'confirm'), form: {} }),
    },
  ],
  'GET /lettre/abonnement/:id/desabonner': [
    {
      name: 'the unsubscribe link’s page',
      own: EVERYONE,
      build: async (c) => ({ url: await readerLink(c, 'unsubscribe') }),
    },
  ],
  'POST /lettre/abonnement/:id/desabonner': [
    {
      name: 'unsubscribe in one click (RFC 8058)',
      own: EVERYONE,
      crossSite: true,
      build: async (c) => ({
        url: await readerLink(c, 'unsubscribe'),
        form: { 'List-Unsubscribe': 'One-Click' },
      }),
    },
  ],
  'GET /lettre/abonnement/:id/preferences': [
    {
      name: 'a reader’s choices',
      own: EVERYONE,
      build: async (c) => ({ url: await readerLink(c, 'preferences') }),
    },
  ],
  'POST /lettre/abonnement/:id/preferences': [
    {
      name: 'change a reader’s choices',
      own: EVERYONE,
      build: async (c) => ({ url: await readerLink(c, 'preferences'), form: { 'topic-lettre': 'oui' } }),
    },
  ],
  'POST /api/v1/newsletter/subscriptions': [
    {
      name: 'subscribe through the API',
      own: EVERYONE,
      build: () => ({ url: '/api/v1/newsletter/subscriptions', json: { email: newEmail() } }),
    },
  ],
  'POST /api/v1/newsletter/issues/:id/send': staffOnly('send a Lettre', async (c) => ({
    url: `/api/v1/newsletter/issues/${(await freshIssue(c, true)).id}/send`,
    json: { segment: 'tous' },
  })),
  'GET /api/v1/newsletter/issues/:id/progress': staffOnly('a sending’s progress', async (c) => ({
    url: `/api/v1/newsletter/issues/${(await freshIssue(c, true)).id}/progress`,
  })),
  [`GET ${base}/:id/envoi`]: staffOnly('whom a sending will reach', async (c) => ({
    url: `${base}/${(await freshIssue(c, true)).id}/envoi?segment=tous`,
  })),
  [`POST ${base}/:id/envoi`]: staffOnly('send a Lettre from its page', async (c) => ({
    url: `${base}/${(await freshIssue(c, true)).id}/envoi`,
    form: { segment: 'tous' },
  })),
  [`GET ${base}/:id/progression`]: staffOnly('a sending’s progress, for the page’s script', async (c) => ({
    url: `${base}/${(await freshIssue(c, true)).id}/progression`,
  })),
  'GET /lettre/images/:id': [
    {
      name: 'an image of a Lettre',
      own: EVERYONE,
      build: async (c) => ({ url: `/lettre/images/${(await freshImage(c)).id}` }),
    },
  ],
  [`POST ${base}/:id/images`]: staffOnly('add an image to a Lettre', async (c) => ({
    url: `${base}/${(await freshIssue(c)).id}/images`,
    multipart: { fields: {}, file: { name: 'carte.png', type: 'image/png', content: png } },
  })),
  [`POST ${base}/:id/images/:imageId/suppression`]: staffOnly('delete an image of a Lettre', async (c) => {
    const image = await freshImage(c);
    return { url: `${base}/${image.issueId}/images/${image.id}/suppression`, form: {} };
  }),
  [`POST ${base}/:id/essai`]: staffOnly('a test sending to oneself', async (c) => ({
    url: `${base}/${(await freshIssue(c)).id}/essai`,
    form: {},
  })),
  [`GET ${base}/abonnes`]: staffOnly('the readers', () => ({ url: `${base}/abonnes` })),
  [`GET ${base}/abonnes.csv`]: staffOnly('the readers as CSV', () => ({ url: `${base}/abonnes.csv` })),
  [`GET ${base}/abonnes.xlsx`]: staffOnly('the readers as a spreadsheet', () => ({
    url: `${base}/abonnes.xlsx?statut=confirmed`,
  })),
  [`GET ${base}/abonnes/:id`]: staffOnly('a reader’s consent record', async (c) => ({
    url: `${base}/abonnes/${(await readerLink(c, 'confirm')).split('/')[3]}`,
  })),
  [`POST ${base}/abonnes/:id/desabonnement`]: staffOnly('unsubscribe a reader', async (c) => ({
    url: `${base}/abonnes/${(await readerLink(c, 'confirm')).split('/')[3]}/desabonnement`,
    form: {},
  })),
};
