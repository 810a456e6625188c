// The Rencontres: editions with rooms, categories and a grid of sessions, registrations (the agenda's, with
// a category and its fee), personal programmes, badges and check-in at the doors (issue 18, decision 026).
import { defineModule } from '../module.ts';
import { checkInPages } from './check-in.pages.tsx';
import { conferenceAudience } from './conference-audience.ts';
import { conferencesApiRoutes } from './conferences.api.ts';
import { conferencesPrivacy } from './conferences.privacy.ts';
import * as schema from './conferences.schema.ts';
import { seedDemoConferences } from './demo.ts';
import { myProgrammePages } from './my-programme.pages.tsx';
import {
  conferencesHeldBy,
  eraseConferencesData,
  exportedConferencesData,
  mergeConferencesPerson,
} from './person-data.ts';
import { programmePages } from './programme.pages.tsx';
import { staffConferencePages } from './staff.pages.tsx';
import { statsPages } from './stats.pages.tsx';

export default defineModule({
  name: 'conferences',
  schema,
  privacy: conferencesPrivacy,
  audiences: [conferenceAudience],
  api: conferencesApiRoutes,
  seed: (tx, demo) => seedDemoConferences(tx, demo),
  pages: (services) => [
    ...programmePages(services),
    ...myProgrammePages(services),
    ...checkInPages(services),
    ...statsPages(services),
    ...staffConferencePages(services),
  ],
  nav: [
    { menu: 'main', href: '/rencontres', label: 'Rencontres', order: 12 },
    { menu: 'staff', href: '/gestion/rencontres', label: 'Rencontres', order: 22 },
  ],
  people: {
    merged: mergeConferencesPerson,
    held: conferencesHeldBy,
    exported: exportedConferencesData,
    erased: eraseConferencesData,
  },
});
