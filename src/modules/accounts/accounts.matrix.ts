// The authorisation matrix of this module's routes (see tests/proof/matrix.ts for how a case reads):
// tests/proof-authorization.test.ts runs every cell, tests/proof-bad-input.test.ts starts from its requests.
import { type Case, EVERYONE, NOBODY, newEmail, staffOnly } from '../../../tests/proof/cases.ts';
import { fresh, unique } from '../../../tests/proof/world.ts';
import { createApiToken } from './api-tokens.ts';

export const matrix: Record<string, Case[]> = {
  // ——— Sign-in ———
  'GET /connexion': [
    {
      name: 'sign-in page (signed-in people are sent on)',
      own: EVERYONE,
      build: () => ({ url: '/connexion' }),
    },
  ],
  'POST /connexion': [
    {
      name: 'ask for a link (same answer for any address)',
      own: EVERYONE,
      build: () => ({ url: '/connexion', form: { email: newEmail() } }),
    },
  ],
  'GET /connexion/lien': [
    {
      name: 'open a link (shows a button)',
      own: EVERYONE,
      build: () => ({ url: '/connexion/lien?jeton=lien-de-test' }),
    },
  ],
  'POST /connexion/lien': [
    {
      name: 'confirm a valid link: whoever holds the emailed link signs in as its owner',
      scoped: true,
      own: EVERYONE,
      foreign: EVERYONE,
      build: async (c) => ({
        url: '/connexion/lien',
        form: { jeton: await fresh.signInToken(c.f.db, c.target.colleague) },
        ...(c.role === 'anonymous' ? {} : { session: await fresh.session(c.f.db, c.actor.people[c.role]) }),
      }),
    },
    {
      name: 'confirm a made-up link',
      own: NOBODY,
      build: () => ({ url: '/connexion/lien', form: { jeton: `invente-${unique()}` } }),
    },
  ],
  'POST /deconnexion': [
    {
      name: 'sign out',
      own: EVERYONE,
      build: async (c) => ({
        url: '/deconnexion',
        form: {},
        ...(c.role === 'anonymous' ? {} : { session: await fresh.session(c.f.db, c.actor.people[c.role]) }),
      }),
    },
  ],
  'GET /gestion/jetons': staffOnly('API tokens', () => ({ url: '/gestion/jetons' })),
  'POST /gestion/jetons': staffOnly('make an API token for a person', (c) => ({
    url: '/gestion/jetons',
    form: { email: c.self.email, label: `Outil ${unique()}`, days: '30' },
  })),
  'POST /gestion/jetons/:id/revocation': staffOnly('revoke an API token', async (c) => ({
    url: `/gestion/jetons/${(await createApiToken(c.f.db, c.self.id, { label: 'à révoquer' })).id}/revocation`,
    form: {},
  })),
};
