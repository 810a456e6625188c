// Accounts: sign-in by emailed link or ProConnect, sessions, API tokens; requests for an account.
import { defineModule } from '../module.ts';
import { accountRequestPages } from './account-requests.pages.tsx';
import { purgeAccountRequests, purgeAccountRequestsJob } from './account-requests.ts';
import { accountPages } from './accounts.pages.tsx';
import { accountsPrivacy } from './accounts.privacy.ts';
import * as schema from './accounts.schema.ts';
import { apiAuthenticator, installAuthentication } from './auth.ts';
import { accountCommands } from './cli.ts';
import { accountsHeldBy, mergeAccountsRows } from './person-merge.ts';
import { closeSessionsOf } from './sessions.ts';
import { accountsAttention } from './staff-home.ts';

export default defineModule({
  name: 'accounts',
  schema,
  privacy: accountsPrivacy,
  pages: (services) => [...accountPages(services), ...accountRequestPages(services)],
  authentication: { install: installAuthentication, api: apiAuthenticator },
  people: { disabled: closeSessionsOf, merged: mergeAccountsRows, held: accountsHeldBy },
  jobs: ({ db, logger }) => ({
    [purgeAccountRequestsJob]: async () => {
      const purged = await purgeAccountRequests(db);
      if (purged) logger.info({ purged }, 'demandes de compte expirées effacées');
    },
  }),
  // Once a day: a request expires after 30 days, a day more or less does not matter.
  schedules: [{ kind: purgeAccountRequestsJob, everyMinutes: 24 * 60 }],
  attention: accountsAttention,
  nav: [
    { menu: 'main', href: '/connexion', label: 'Se connecter', order: 90, shownTo: 'visitors' },
    { menu: 'staff', href: '/gestion/demandes', label: 'Demandes de compte', order: 45 },
  ],
  cli: accountCommands,
});
