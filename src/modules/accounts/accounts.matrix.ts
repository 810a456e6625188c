// The authorisation matrix of this module's routes (see tests/proof/matrix.ts for how a case reads):
// tests/proof-authorization.test.ts runs every cell, tests/proof-bad-input.test.ts starts from its requests.
import { sql } from 'drizzle-orm';
import { type Case, EVERYONE, NOBODY, newEmail, staffOnly } from '../../../tests/proof/cases.ts';
import { baseUrl, fresh, unique } from '../../../tests/proof/world.ts';
import { type Executor, queryRows } from '../../platform/db/client.ts';
import { composeMail, queueMail } from '../../platform/mail/mail.tsx';
import { submitAccountRequest } from './account-requests.ts';
import { createApiToken } from './api-tokens.ts';

const requestForm = () => ({
  firstName: 'Inès',
  lastName: `Demande-${unique()}`,
  email: newEmail(),
  kind: 'officer',
  organisationName: 'Mairie de Saint-Essai',
  role: 'chargée de mission relations internationales',
});

/** A request for an account waiting in the staff's queue. */
async function waitingRequest(db: Executor): Promise<string> {
  const form = requestForm();
  const result = await submitAccountRequest(db, form, { baseUrl, validMinutes: 10 });
  if (!result.ok) throw new Error(result.error.message);
  const [row] = await queryRows<{ id: string }>(
    db,
    sql`select id from account_requests where email = ${form.email}`,
  );
  return row!.id;
}

/** A mail whose sending job was given up (as after 8 failed attempts). */
async function failedMail(db: Executor): Promise<string> {
  const id = await queueMail(
    db,
    composeMail({ to: newEmail(), subject: 'Essai', greeting: 'Bonjour,', paragraphs: ['Essai.'] }),
  );
  await db.execute(
    sql`update jobs set failed_at = now(), attempts = 8, last_error = 'connexion refusée' where payload->>'mailId' = ${id}`,
  );
  return id!;
}

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
  // ——— « Demander un compte » and the staff's queue ———
  'GET /demander-un-compte': [
    {
      name: 'the request form, with organisations found',
      own: EVERYONE,
      build: () => ({ url: '/demander-un-compte?q=Lyon' }),
    },
  ],
  'POST /demander-un-compte': [
    {
      name: 'ask for an account (the same answer for any address)',
      own: EVERYONE,
      build: () => ({ url: '/demander-un-compte', form: requestForm() }),
    },
  ],
  'GET /gestion/demandes': staffOnly('the queue of requests', () => ({ url: '/gestion/demandes' })),
  'GET /gestion/demandes/:id': staffOnly('a request', async (c) => ({
    url: `/gestion/demandes/${await waitingRequest(c.f.db)}`,
  })),
  'POST /gestion/demandes/:id/accepter': staffOnly('approve a request', async (c) => ({
    url: `/gestion/demandes/${await waitingRequest(c.f.db)}/accepter`,
    form: {},
  })),
  'POST /gestion/demandes/:id/refuser': staffOnly('decline a request', async (c) => ({
    url: `/gestion/demandes/${await waitingRequest(c.f.db)}/refuser`,
    form: { reason: 'Votre collectivité n’est pas adhérente du réseau.' },
  })),
  'GET /gestion/courriels/echecs': staffOnly('mails that failed', () => ({
    url: '/gestion/courriels/echecs',
  })),
  'POST /gestion/courriels/:id/renvoyer': staffOnly('send a failed mail again', async (c) => ({
    url: `/gestion/courriels/${await failedMail(c.f.db)}/renvoyer`,
    form: {},
  })),
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
