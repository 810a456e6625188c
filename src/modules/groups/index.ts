// Groups: country groups, thematic dynamics and cross-cutting missions, with their chairs, members,
// followers, meetings (events of the agenda), invitations, roadmaps and documents (issue 13, decision 018).
import { notificationSettings } from '../events/notifications.ts';
import { defineModule } from '../module.ts';
import { seedDemoGroups } from './demo.ts';
import { groupAudience } from './group-audience.ts';
import { groupsApiRoutes } from './groups.api.ts';
import { groupsPages } from './groups.pages.tsx';
import { groupsPrivacy } from './groups.privacy.ts';
import { groupsForPerson } from './groups.queries.ts';
import * as schema from './groups.schema.ts';
import { invitationHandler, invitationJob, reminderJob, sendReminders } from './invitations.ts';
import { groupEventLinks } from './meetings.ts';
import { eraseGroupsData, exportedGroupsData, groupsHeldBy, mergeGroupsPerson } from './person-data.ts';
import { staffGroupPages } from './staff-groups.pages.tsx';

export default defineModule({
  name: 'groups',
  schema,
  privacy: groupsPrivacy,
  pages: (services) => [...groupsPages(services), ...staffGroupPages(services)],
  api: groupsApiRoutes,
  // Invited people who have not registered are reminded 7 days before the meeting (invitations.ts).
  schedules: [{ kind: reminderJob, everyMinutes: 60 }],
  jobs: ({ db, config, logger }) => ({
    [invitationJob]: invitationHandler(db, notificationSettings(config)),
    [reminderJob]: async () => {
      const reminded = await sendReminders(db, notificationSettings(config));
      if (reminded) logger.info({ reminded }, 'rappels des invitations aux réunions de groupe');
    },
  }),
  audiences: [groupAudience],
  eventLinks: [groupEventLinks],
  forPerson: groupsForPerson,
  people: {
    merged: mergeGroupsPerson,
    held: groupsHeldBy,
    exported: exportedGroupsData,
    erased: eraseGroupsData,
  },
  nav: [
    { menu: 'main', href: '/groupes', label: 'Groupes', order: 15 },
    { menu: 'staff', href: '/gestion/groupes', label: 'Groupes', order: 25 },
  ],
  seed: async (tx, demo) => {
    await seedDemoGroups(tx, demo);
  },
});
