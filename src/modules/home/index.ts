// The site's public pages (home, accessibility statement) and the mails page of development.
import { defineModule } from '../module.ts';
import { homePages } from './home.routes.tsx';

export default defineModule({
  name: 'home',
  pages: homePages,
  nav: [
    { menu: 'main', href: '/', label: 'Accueil', order: 0 },
    { menu: 'main', href: '/gestion/organisations', label: 'Gestion', order: 50, shownTo: 'staff' },
    { menu: 'staff', href: '/dev/courriels', label: 'Courriels envoyés', order: 60 },
  ],
});
