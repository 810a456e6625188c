// Members: organisations (French local governments from the official reference), memberships, people,
// mandates; « Mon espace ».
import { defineModule } from '../module.ts';
import { organisationCommands } from './cli.ts';
import { seedMembersDemo } from './demo.ts';
import { organisationApiRoutes } from './organisations.api.ts';
import { organisationsPrivacy } from './organisations.privacy.ts';
import { registerOrganisationRoutes } from './organisations.routes.tsx';
import * as schema from './organisations.schema.ts';

export default defineModule({
  name: 'organisations',
  schema,
  privacy: organisationsPrivacy,
  routes: registerOrganisationRoutes,
  api: organisationApiRoutes,
  nav: [
    { menu: 'main', href: '/mon-espace', label: 'Mon espace', order: 40, shownTo: 'signedIn' },
    { menu: 'staff', href: '/gestion/organisations', label: 'Organisations', order: 10 },
    { menu: 'staff', href: '/gestion/adhesions/renouvellement', label: 'Renouvellements', order: 40 },
    { menu: 'staff', href: '/gestion/import', label: 'Importer', order: 50 },
  ],
  cli: organisationCommands,
  seed: seedMembersDemo,
});
