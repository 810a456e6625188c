// Accounts: sign-in by emailed link or ProConnect, sessions, API tokens; requests for an account.
import { defineModule } from '../module.ts';
import { accountRequestPages } from './account-requests.pages.tsx';
import { purgeAccountRequests, purgeAccountRequestsJob } from './account-requests.ts';
import { accountPages } from './accounts.pages.tsx';
import { accountsPrivacy } from './accounts.privacy.ts';
import * as schema from './accounts.schema.ts';
import { apiTokenPages } from './api-tokens.pages.tsx';
import { apiAuthenticator, installAuthentication } from './auth.ts';
import { accountCommands } from './cli.ts';
import { accountsHeldBy, mergeAccountsRows } from './person-merge.ts';
import { eraseAccount, exportAccount } from './personal-data.ts';
import { closeSessionsOf, purgeAccounts, purgeJob } from './sessions.ts';
import { accountsAttention } from './staff-home.ts';

export default defineModule({
  name: 'accounts',
  schema,
  privacy: accountsPrivacy,
  pages: (services) => [
    ...accountPages(services),
    ...apiTokenPages(services),
    ...accountRequestPages(services),
  ],
  authentication: { install: installAuthentication, api: apiAuthenticator },
  // Sessions and sign-in links every hour; requests for an account once a day (one expires after 30
  // days, a day more or less does not matter).
  schedules: [
    { kind: purgeJob, everyMinutes: 60 },
    { kind: purgeAccountRequestsJob, everyMinutes: 24 * 60 },
  ],
  jobs: ({ db, config, logger }) => ({
    [purgeJob]: () =>
      purgeAccounts(db, {
        idleMinutes: config.SESSION_IDLE_MINUTES,
        absoluteHours: config.SESSION_ABSOLUTE_HOURS,
      }),
    [purgeAccountRequestsJob]: async () => {
      const purged = await purgeAccountRequests(db);
      if (purged) logger.info({ purged }, 'demandes de compte expirées effacées');
    },
  }),
  people: {
    disabled: closeSessionsOf,
    exported: exportAccount,
    erased: eraseAccount,
    merged: mergeAccountsRows,
    held: accountsHeldBy,
  },
  attention: accountsAttention,
  nav: [
    { menu: 'main', href: '/connexion', label: 'Se connecter', order: 90, shownTo: 'visitors' },
    { menu: 'staff', href: '/gestion/demandes', label: 'Demandes de compte', order: 45 },
    { menu: 'staff', href: '/gestion/jetons', label: 'Jetons d’API', order: 65 },
  ],
  cli: accountCommands,
});
