// « La Lettre de Cités Unies France » (issue 17): issues written by staff as sections of items, their agenda
// generated from the events of their period, published as a web version in public archives. Decision 022.
import { defineModule } from '../module.ts';
import { seedDemoNewsletter } from './demo.ts';
import { newsletterApiRoutes } from './newsletter.api.ts';
import { newsletterPages } from './newsletter.pages.tsx';
import { newsletterPrivacy } from './newsletter.privacy.ts';
import * as schema from './newsletter.schema.ts';
import { mergeNewsletterPerson } from './person-data.ts';

export default defineModule({
  name: 'newsletter',
  schema,
  privacy: newsletterPrivacy,
  pages: newsletterPages,
  api: newsletterApiRoutes,
  seed: seedDemoNewsletter,
  people: { merged: mergeNewsletterPerson },
  nav: [
    { menu: 'main', href: '/lettre', label: 'La Lettre', order: 26 },
    { menu: 'staff', href: '/gestion/lettre', label: 'La Lettre', order: 38 },
  ],
});
