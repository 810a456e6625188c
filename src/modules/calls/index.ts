// Support calls (« appels DCOL », issue 16): yearly calls with a window, a grid of weighted criteria and an
// envelope; member local governments' dossiers on the shared application-and-review pipeline (drafts,
// instruction, motivated decisions mailed through the queue). Decision 021.
import { defineModule } from '../module.ts';
import { allowancePages } from './allowances.pages.tsx';
import { applicantPages } from './applicant.pages.tsx';
import { callsForPerson } from './applicant-queries.ts';
import { callApiRoutes } from './calls.api.ts';
import { callsPipeline } from './calls.pipeline.ts';
import { callsPrivacy } from './calls.privacy.ts';
import * as schema from './calls.schema.ts';
import { seedDemoCalls } from './demo.ts';
import { engagementPages } from './engagements.pages.tsx';
import { expertPages } from './experts.pages.tsx';
import { expertReminderJob, remindExperts } from './experts.ts';
import { callsHeldBy, eraseCallsData, exportedCallsData, mergeCallsPerson } from './person-data.ts';
import { staffPages } from './staff.pages.tsx';
import { callEventLinks } from './webinars.ts';

export default defineModule({
  name: 'calls',
  schema,
  privacy: callsPrivacy,
  pages: (services) => [
    ...applicantPages(services),
    ...staffPages(services),
    ...allowancePages(services),
    ...engagementPages(services),
    ...expertPages(services),
  ],
  api: callApiRoutes,
  pipelines: [callsPipeline],
  people: {
    merged: mergeCallsPerson,
    held: callsHeldBy,
    exported: exportedCallsData,
    erased: eraseCallsData,
  },
  seed: seedDemoCalls,
  forPerson: callsForPerson,
  eventLinks: [callEventLinks],
  // Experts who have not answered get a new link two days before the deadline, once (experts.ts).
  schedules: [{ kind: expertReminderJob, everyMinutes: 60 }],
  jobs: ({ db, config, logger }) => ({
    [expertReminderJob]: async () => {
      const reminded = await remindExperts(db, config.baseUrl);
      if (reminded) logger.info({ reminded }, 'rappels des demandes d’avis d’experts');
    },
  }),
  nav: [
    { menu: 'main', href: '/appels', label: 'Appels DCOL', order: 22 },
    { menu: 'staff', href: '/gestion/appels', label: 'Appels DCOL', order: 36 },
  ],
});
