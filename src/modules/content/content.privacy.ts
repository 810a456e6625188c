// The site's texts in the register of processing activities (see platform/privacy.ts).
import { processing } from '../../platform/privacy.ts';
import { textVersions } from './content.schema.ts';

export const contentPrivacy = [
  processing(textVersions, {
    purpose: 'Publier les textes du site et garder leurs versions',
    basis: 'legitimate_interest',
    retention: 'Sans limite (l’historique des textes publiés)',
    recipients: 'Tout le monde (la version en ligne) ; l’équipe du réseau (l’historique)',
    personal: ['saved_by'],
  }),
];
