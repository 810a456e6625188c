// The agenda: events, registrations with access rules, waiting lists, attendance, calendar feeds.
import { defineModule } from '../module.ts';
import { revokeCalendarFeed } from './calendar-feeds.ts';
import { seedDemoEvents } from './demo.ts';
import { agendaAudiences, unknownAudiences } from './eligibility.ts';
import { eventNoticeHandler } from './event-notice-mails.ts';
import { eventNoticeJob } from './event-notices.ts';
import { eventApiRoutes } from './events.api.ts';
import { eventsPrivacy } from './events.privacy.ts';
import { registerEventRoutes } from './events.routes.tsx';
import * as schema from './events.schema.ts';
import { registerEventStaffRoutes } from './events.staff.routes.tsx';
import { notificationSettings, reminderHandler, reminderJob } from './notifications.ts';
import { eventsHeldBy, mergeEventsPerson } from './person-merge.ts';

export default defineModule({
  name: 'events',
  schema,
  privacy: eventsPrivacy,
  routes: (app, services) => {
    registerEventRoutes(app, services);
    registerEventStaffRoutes(app, services);
  },
  api: eventApiRoutes,
  jobs: ({ db, config }) => ({
    [reminderJob]: reminderHandler(db, notificationSettings(config)),
    [eventNoticeJob]: eventNoticeHandler(db, notificationSettings(config)),
  }),
  audiences: agendaAudiences,
  people: { disabled: revokeCalendarFeed, merged: mergeEventsPerson, held: eventsHeldBy },
  nav: [
    { menu: 'main', href: '/agenda', label: 'Agenda', order: 10 },
    { menu: 'main', href: '/mes-inscriptions', label: 'Mes inscriptions', order: 30, shownTo: 'signedIn' },
    { menu: 'staff', href: '/gestion/evenements', label: 'Événements', order: 20 },
  ],
  seed: async (tx, demo) => {
    await seedDemoEvents(tx, { ...demo, staff: demo.staff[1]! });
  },
  checks: async (executor) =>
    (await unknownAudiences(executor)).map(
      (key) =>
        `Des événements ont le public « ${key} », qu’aucun module ne définit : ajoutez le module qui le définit à src/modules/index.ts, ou changez le public de ces événements.`,
    ),
});
