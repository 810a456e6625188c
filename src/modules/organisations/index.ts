// Members: organisations (French local governments from the official reference), memberships, people,
// mandates; « Mon espace ».
import { defineModule } from '../module.ts';
import { organisationCommands } from './cli.ts';
import { seedMembersDemo } from './demo.ts';
import { importExportPages } from './import-export.pages.tsx';
import { mySpacePages } from './my-space.pages.tsx';
import { organisationApiRoutes } from './organisations.api.ts';
import { organisationPages } from './organisations.pages.tsx';
import { organisationsPrivacy } from './organisations.privacy.ts';
import * as schema from './organisations.schema.ts';
import { peoplePages } from './people.pages.tsx';
import { membersHeldBy, mergeMembersRows } from './person-merge.ts';
import { personalDataPages } from './personal-data.pages.tsx';
import { renewalReminderHandler, renewalReminderJob } from './renewal-reminders.ts';
import { membersAttention, searchMembers } from './staff-home.ts';

export default defineModule({
  name: 'organisations',
  schema,
  privacy: organisationsPrivacy,
  pages: (services, site) => [
    ...organisationPages(services),
    ...peoplePages(services),
    ...importExportPages(services),
    ...mySpacePages(services, site),
    ...personalDataPages(services),
  ],
  api: organisationApiRoutes,
  jobs: ({ db, config }) => ({ [renewalReminderJob]: renewalReminderHandler(db, config.baseUrl) }),
  people: { merged: mergeMembersRows, held: membersHeldBy },
  nav: [
    { menu: 'main', href: '/mon-espace', label: 'Mon espace', order: 40, shownTo: 'signedIn' },
    { menu: 'staff', href: '/gestion/organisations', label: 'Organisations', order: 10 },
    { menu: 'staff', href: '/gestion/personnes', label: 'Personnes', order: 15 },
    { menu: 'staff', href: '/gestion/adhesions/renouvellement', label: 'Renouvellements', order: 40 },
    { menu: 'staff', href: '/gestion/import', label: 'Importer', order: 50 },
  ],
  attention: membersAttention,
  search: searchMembers,
  cli: organisationCommands,
  seed: seedMembersDemo,
});
