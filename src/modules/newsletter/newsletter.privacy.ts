// « La Lettre » in the register of processing activities (see platform/privacy.ts).
import { processing } from '../../platform/privacy.ts';
import {
  newsletterConsents,
  newsletterDeliveries,
  newsletterImages,
  newsletterIssues,
  newsletterItems,
  newsletterSections,
  newsletterSends,
  newsletterSubscribers,
} from './newsletter.schema.ts';

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
  processing(newsletterImages, {
    purpose: 'Illustrer les articles d’une Lettre',
    basis: 'public_task',
    retention: 'Comme la Lettre',
    recipients: 'Comme la Lettre',
    personal: ['created_by'],
    notPersonal: ['file_name'],
  }),
  processing(newsletterSubscribers, {
    purpose: 'Envoyer La Lettre et les nouvelles choisies aux personnes qui s’y sont abonnées',
    basis: 'consent',
    retention:
      'Tant que l’abonnement dure ; une adresse jamais confirmée est effacée après 7 jours (travail « newsletter.purge_unconfirmed »)',
    recipients: 'L’équipe du réseau ; la personne elle-même (liens de chaque envoi)',
    personal: ['email', 'person_id', 'topics'],
  }),
  processing(newsletterConsents, {
    purpose: 'Prouver le consentement à recevoir La Lettre : quand, comment, quel texte accepté, d’où',
    basis: 'legal_obligation',
    retention: 'Comme l’abonnement (preuve du consentement, RGPD art. 7.1)',
    recipients: 'L’équipe du réseau',
    personal: ['subscriber_id', 'consent_text', 'topics', 'source'],
  }),
  processing(newsletterSends, {
    purpose: 'Garder chaque envoi d’une Lettre tel qu’il est parti',
    basis: 'public_task',
    retention: 'Comme la Lettre',
    recipients: 'L’équipe du réseau',
    personal: ['created_by'],
    notPersonal: ['html', 'text'],
  }),
  processing(newsletterDeliveries, {
    purpose: 'Envoyer chaque Lettre une seule fois à chaque abonné, et en suivre la progression',
    basis: 'consent',
    retention: 'Comme la Lettre ; l’adresse est effacée avec l’abonnement de la personne',
    recipients: 'L’équipe du réseau',
    personal: ['email', 'subscriber_id', 'last_error'],
  }),
];
