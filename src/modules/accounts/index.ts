// Accounts: sign-in by emailed link or ProConnect, sessions, API tokens.
import { defineModule } from '../module.ts';
import { accountPages } from './accounts.pages.tsx';
import { accountsPrivacy } from './accounts.privacy.ts';
import * as schema from './accounts.schema.ts';
import { apiTokenPages } from './api-tokens.pages.tsx';
import { apiAuthenticator, installAuthentication } from './auth.ts';
import { accountCommands } from './cli.ts';
import { eraseAccount, exportAccount } from './personal-data.ts';
import { closeSessionsOf, purgeAccounts, purgeJob } from './sessions.ts';

export default defineModule({
  name: 'accounts',
  schema,
  privacy: accountsPrivacy,
  pages: (services) => [...accountPages(services), ...apiTokenPages(services)],
  authentication: { install: installAuthentication, api: apiAuthenticator },
  schedules: [{ kind: purgeJob, everyMinutes: 60 }],
  jobs: ({ db, config }) => ({
    [purgeJob]: () =>
      purgeAccounts(db, {
        idleMinutes: config.SESSION_IDLE_MINUTES,
        absoluteHours: config.SESSION_ABSOLUTE_HOURS,
      }),
  }),
  people: { disabled: closeSessionsOf, exported: exportAccount, erased: eraseAccount },
  nav: [
    { menu: 'main', href: '/connexion', label: 'Se connecter', order: 90, shownTo: 'visitors' },
    { menu: 'staff', href: '/gestion/jetons', label: 'Jetons d’API', order: 65 },
  ],
  cli: accountCommands,
});
