// The agenda: events, registrations with access rules, waiting lists, attendance, calendar feeds.
import { defineModule } from '../module.ts';
import { agendaPages } from './agenda.pages.tsx';
import { attendancePages } from './attendance.pages.tsx';
import { revokeCalendarFeed } from './calendar-feeds.ts';
import { seedDemoEvents } from './demo.ts';
import { documentPages } from './documents.pages.tsx';
import { agendaAudiences, unknownAudiences } from './eligibility.ts';
import { eventLifecyclePages } from './event-lifecycle.pages.tsx';
import { eventMessagePages } from './event-messages.pages.tsx';
import { eventNoticeHandler } from './event-notice-mails.ts';
import { eventNoticeJob } from './event-notices.ts';
import { eventApiRoutes } from './events.api.ts';
import { eventsMessages as m } from './events.messages.ts';
import { eventsPrivacy } from './events.privacy.ts';
import * as schema from './events.schema.ts';
import { myRegistrationsPages } from './my-registrations.pages.tsx';
import { notificationSettings, reminderHandler, reminderJob } from './notifications.ts';
import { eraseEventsData, exportedEventsData } from './person-data.ts';
import { eventsHeldBy, mergeEventsPerson } from './person-merge.ts';
import { seriesStaffPages } from './series-staff.pages.tsx';
import { eventsAttention, eventsForPerson, searchEvents } from './site.ts';
import { staffEventPages } from './staff-events.pages.tsx';
import { staffRegistrationPages } from './staff-registrations.pages.tsx';

export default defineModule({
  name: 'events',
  schema,
  privacy: eventsPrivacy,
  pages: (services) => [
    ...agendaPages(services),
    ...myRegistrationsPages(services),
    ...documentPages(services),
    ...staffEventPages(services),
    ...staffRegistrationPages(services),
    ...eventLifecyclePages(services),
    ...eventMessagePages(services),
    ...attendancePages(services),
    ...seriesStaffPages(services),
  ],
  api: eventApiRoutes,
  jobs: ({ db, config }) => ({
    [reminderJob]: reminderHandler(db, notificationSettings(config)),
    // Changes, cancellations, invitations, messages to registrants: mails to many people, written by a job
    // (event-notices.ts).
    [eventNoticeJob]: eventNoticeHandler(db, notificationSettings(config)),
  }),
  audiences: agendaAudiences,
  // A person's next events on their home pages; the next 30 days' events and the search on the staff's home.
  forPerson: eventsForPerson,
  attention: eventsAttention,
  search: searchEvents,
  people: {
    disabled: revokeCalendarFeed,
    merged: mergeEventsPerson,
    held: eventsHeldBy,
    exported: exportedEventsData,
    erased: eraseEventsData,
  },
  nav: [
    { menu: 'main', href: '/agenda', label: 'Agenda', order: 10 },
    { menu: 'main', href: '/mes-inscriptions', label: 'Mes inscriptions', order: 30, shownTo: 'signedIn' },
    { menu: 'staff', href: '/gestion/evenements', label: 'Événements', order: 20 },
  ],
  seed: async (tx, demo) => {
    await seedDemoEvents(tx, { ...demo, staff: demo.staff[1]! });
  },
  checks: async (executor) =>
    (await unknownAudiences(executor)).map((key) => m.unknownAudience({ key }).text),
});
