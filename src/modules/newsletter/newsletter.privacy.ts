// « La Lettre » in the register of processing activities (see platform/privacy.ts).
import { processing } from '../../platform/privacy.ts';
import { newsletterIssues, newsletterItems, newsletterSections } from './newsletter.schema.ts';

export const newsletterPrivacy = [
  processing(newsletterIssues, {
    purpose: 'Publier la Lettre du réseau',
    basis: 'public_task',
    retention: 'Sans limite (les archives du réseau)',
    recipients: 'Tout le monde une fois publiée ; l’équipe du réseau pour les brouillons',
    personal: ['created_by', 'editorial_author'],
  }),
  processing(newsletterSections, {
    purpose: 'Ordonner les rubriques d’une Lettre',
    basis: 'public_task',
    retention: 'Comme la Lettre',
    recipients: 'Comme la Lettre',
    personal: [],
  }),
  processing(newsletterItems, {
    purpose: 'Publier les articles d’une Lettre',
    basis: 'public_task',
    retention: 'Comme la Lettre',
    recipients: 'Comme la Lettre',
    personal: [],
    notPersonal: ['body', 'link'],
  }),
];
