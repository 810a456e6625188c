// « Diplomates des territoires »: editions, sessions, applications and review, cohort, certificates.
import { defineModule } from '../module.ts';
import { registerCertificateRoutes } from './certificates.routes.tsx';
import { cohortAudience } from './cohort-audience.ts';
import { reissueCredentials } from './credential-reissue.ts';
import { seedDemoProgram } from './demo.ts';
import { programApiRoutes } from './program.api.ts';
import { programPrivacy } from './program.privacy.ts';
import { registerProgramRoutes } from './program.routes.tsx';
import * as schema from './program.schema.ts';

export default defineModule({
  name: 'program',
  schema,
  privacy: programPrivacy,
  routes: (app, services) => {
    registerCertificateRoutes(app, services);
    registerProgramRoutes(app, services);
  },
  api: programApiRoutes,
  audiences: [cohortAudience],
  // Credentials of an older format are signed again (same certificate, new token): docs/decisions/007.
  start: async ({ db, config, logger }) => {
    await reissueCredentials(db, config.baseUrl, { logger });
  },
  nav: [
    { menu: 'main', href: '/parcours', label: 'Diplomates des territoires', order: 20 },
    { menu: 'staff', href: '/gestion/parcours', label: 'Parcours', order: 30 },
  ],
  seed: async (tx, demo) => {
    await seedDemoProgram(tx, { ...demo, staff: demo.staff[0]! });
  },
});
