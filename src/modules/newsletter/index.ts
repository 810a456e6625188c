// « La Lettre de Cités Unies France » (issue 17): issues written by staff as sections of items, their agenda
// generated from the events of their period, published as a web version in public archives. Decision 022.
import { identityOf } from '../../platform/identity.ts';
import { createMailTransport, mailOptionsOf } from '../../platform/mail/mail.tsx';
import { secretsKey } from '../../platform/secrets.ts';
import { defineModule } from '../module.ts';
import { seedDemoNewsletter } from './demo.ts';
import { newsletterApiRoutes } from './newsletter.api.ts';
import { newsletterPages } from './newsletter.pages.tsx';
import { newsletterPrivacy } from './newsletter.privacy.ts';
import * as schema from './newsletter.schema.ts';
import { eraseNewsletterData, exportedNewsletterData, mergeNewsletterPerson } from './person-data.ts';
import { deliverHandler, deliverJob } from './sending.ts';
import { subscriberPages } from './subscribers.pages.tsx';
import { subscriptionPages } from './subscriptions.pages.tsx';
import { letterForPerson, purgeSubscribersJob, purgeUnconfirmedSubscribers } from './subscriptions.ts';

export default defineModule({
  name: 'newsletter',
  schema,
  privacy: newsletterPrivacy,
  pages: (services) => [
    ...newsletterPages(services),
    ...subscriptionPages(services),
    ...subscriberPages(services),
  ],
  api: newsletterApiRoutes,
  seed: seedDemoNewsletter,
  // Addresses never confirmed are forgotten after 7 days (double opt-in, subscriptions.ts).
  schedules: [{ kind: purgeSubscribersJob, everyMinutes: 60 }],
  jobs: ({ db, config, logger }) => ({
    [deliverJob]: deliverHandler(db, {
      transport: () => createMailTransport(db, { ...mailOptionsOf(config), connections: 4 }),
      domain: identityOf(config).domain,
      signing: { baseUrl: config.baseUrl, secretsKey: secretsKey(config) },
      ratePerSecond: config.MAIL_RATE_PER_SECOND,
      concurrency: 4,
      logger,
    }),
    [purgeSubscribersJob]: async () => {
      const purged = await purgeUnconfirmedSubscribers(db);
      if (purged) logger.info({ purged }, 'abonnements à la Lettre non confirmés effacés');
    },
  }),
  forPerson: (executor, actor) => letterForPerson(executor, actor.personId),
  people: { merged: mergeNewsletterPerson, exported: exportedNewsletterData, erased: eraseNewsletterData },
  nav: [
    { menu: 'main', href: '/lettre', label: 'La Lettre', order: 26 },
    { menu: 'staff', href: '/gestion/lettre', label: 'La Lettre', order: 38 },
  ],
});
