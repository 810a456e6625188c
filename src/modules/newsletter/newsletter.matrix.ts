// The authorisation matrix of « La Lettre » (see tests/proof/matrix.ts for how a case reads): the archives
// and a published issue for everyone, a draft and every staff page for staff only.
import { type Case, type Cell, EVERYONE, staffOnly } from '../../../tests/proof/cases.ts';
import { expectOk } from '../../../tests/proof/world.ts';
import { createIssue, setPublished } from './issues.ts';

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

export const matrix: Record<string, Case[]> = {
  'POST /api/v1/newsletter/issues': staffOnly('prepare a Lettre', () => ({
    url: '/api/v1/newsletter/issues',
    json: issueJson(),
  })),
  'GET /lettre': [{ name: 'the Lettre’s archives', own: EVERYONE, build: () => ({ url: '/lettre' }) }],
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
};
