// The site's pages that belong to no domain: home, contact, accessibility, privacy notice, checking that a mail
// is ours; the staff's home,
// search and register of processing; the mails page of development.
import { defineModule } from '../module.ts';
import { devMails, homePages } from './home.pages.tsx';
import { mailCheckApi, mailCheckPages } from './mail-check.pages.tsx';
import { privacyPages } from './privacy.pages.tsx';
import { staffPages } from './staff.pages.tsx';
import { homeTexts } from './texts.ts';

export default defineModule({
  name: 'home',
  texts: homeTexts,
  pages: (services, site) => [
    ...homePages(services, site),
    ...staffPages(services, site),
    ...privacyPages(services, site),
    ...mailCheckPages(services),
  ],
  api: mailCheckApi,
  nav: (config) => [
    { menu: 'main', href: '/', label: 'Accueil', order: 0 },
    { menu: 'main', href: '/gestion', label: 'Gestion', order: 50, shownTo: 'staff' },
    { menu: 'staff', href: '/gestion', label: 'Accueil de la gestion', order: 0 },
    ...(devMails(config)
      ? [
          {
            menu: 'staff' as const,
            href: '/dev/courriels',
            label: 'Courriels gardés (développement)',
            order: 60,
          },
        ]
      : []),
    { menu: 'staff', href: '/gestion/registre', label: 'Registre des traitements', order: 70 },
  ],
});
