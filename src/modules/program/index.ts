// « Diplomates des territoires »: editions, sessions, applications and review, cohort, certificates.
import { defineModule } from '../module.ts';
import { certificatePages } from './certificates.pages.tsx';
import { cohortPages } from './cohort.pages.tsx';
import { cohortAudience } from './cohort-audience.ts';
import { reissueCredentials } from './credential-reissue.ts';
import { seedDemoProgram } from './demo.ts';
import { editionPages } from './edition.pages.tsx';
import { editionsPages } from './editions.pages.tsx';
import { interestsPages } from './interests.pages.tsx';
import { myPathPages } from './my-path.pages.tsx';
import { mergeProgramPerson, programHeldBy } from './person-merge.ts';
import { programApiRoutes } from './program.api.ts';
import { programPipeline } from './program.pipeline.ts';
import { programPrivacy } from './program.privacy.ts';
import * as schema from './program.schema.ts';
import { reviewPages } from './review.pages.tsx';

export default defineModule({
  name: 'program',
  schema,
  privacy: programPrivacy,
  pages: (services) => [
    ...certificatePages(services),
    ...editionPages(services),
    ...myPathPages(services),
    ...editionsPages(services),
    ...interestsPages(services),
    ...reviewPages(services),
    ...cohortPages(services),
  ],
  api: programApiRoutes,
  audiences: [cohortAudience],
  pipelines: [programPipeline],
  people: { merged: mergeProgramPerson, held: programHeldBy },
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
