// « Diplomates des territoires »: editions, sessions, applications and review, cohort, certificates.
import { secretsKey } from '../../platform/secrets.ts';
import { defineModule } from '../module.ts';
import { certificatePages } from './certificates.pages.tsx';
import { cohortPages } from './cohort.pages.tsx';
import { cohortAudience } from './cohort-audience.ts';
import { sealSigningKeys, signingKeyProblems } from './credential.ts';
import { reissueCredentials } from './credential-reissue.ts';
import { seedDemoProgram } from './demo.ts';
import { editionPages } from './edition.pages.tsx';
import { editionsPages } from './editions.pages.tsx';
import { purgeInterestsJob, purgeUnconfirmedInterests } from './interest.ts';
import { interestLinkPages } from './interest-links.pages.tsx';
import { interestsPages } from './interests.pages.tsx';
import { myPathPages } from './my-path.pages.tsx';
import { eraseProgramData, exportedProgramData } from './person-data.ts';
import { mergeProgramPerson, programHeldBy } from './person-merge.ts';
import { programApiRoutes } from './program.api.ts';
import { programPipeline } from './program.pipeline.ts';
import { programPrivacy } from './program.privacy.ts';
import { programAttention } from './program.queries.ts';
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
    ...interestLinkPages(services),
    ...reviewPages(services),
    ...cohortPages(services),
  ],
  api: programApiRoutes,
  // Expressions of interest never confirmed are deleted after 7 days (double opt-in, interest.ts).
  schedules: [{ kind: purgeInterestsJob, everyMinutes: 60 }],
  jobs: ({ db, logger }) => ({
    [purgeInterestsJob]: async () => {
      const purged = await purgeUnconfirmedInterests(db);
      if (purged) logger.info({ purged }, 'manifestations d’intérêt non confirmées effacées');
    },
  }),
  audiences: [cohortAudience],
  // The staff's home: applications to review, interested people to invite.
  attention: programAttention,
  people: {
    exported: exportedProgramData,
    erased: eraseProgramData,
    merged: mergeProgramPerson,
    held: programHeldBy,
  },
  pipelines: [programPipeline],
  // A signing key stored in clear (before decision 013) is sealed with SECRETS_KEY; then credentials of an
  // older format are signed again (same certificate, new token): docs/decisions/007.
  start: async ({ db, config, logger }) => {
    const key = secretsKey(config);
    const sealed = await sealSigningKeys(db, key);
    if (sealed) logger.info({ sealed }, 'clés de signature chiffrées avec SECRETS_KEY');
    await reissueCredentials(db, config.baseUrl, key, { logger });
  },
  // A signing key that SECRETS_KEY does not open stops the start: nothing could be signed.
  checks: (executor, config) => signingKeyProblems(executor, secretsKey(config)),
  nav: [
    { menu: 'main', href: '/parcours', label: 'Diplomates des territoires', order: 20 },
    { menu: 'staff', href: '/gestion/parcours', label: 'Parcours', order: 30 },
  ],
  seed: async (tx, demo) => {
    await seedDemoProgram(tx, { ...demo, staff: demo.staff[0]! });
  },
});
