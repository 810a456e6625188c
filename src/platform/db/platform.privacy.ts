// The platform's own tables in the register of processing activities (see platform/privacy.ts).
import { processing } from '../privacy.ts';
import { auditLog, changes, jobs, mailRegister, mails, rateLimits } from './platform.schema.ts';

export const platformPrivacy = [
  processing(auditLog, {
    purpose:
      'Garder la trace de chaque modification (qui, quoi, quand) pour la sécurité et les contestations',
    basis: 'legitimate_interest',
    retention: '5 ans, puis les détails sont effacés',
    recipients: 'L’équipe du réseau',
    personal: ['actor_id', 'entity_id', 'data'],
  }),
  processing(changes, {
    purpose:
      'Dire aux navigateurs et aux caches si une page publique a changé (un compteur par domaine, sans personne)',
    basis: 'legitimate_interest',
    retention: 'Tant que la plateforme fonctionne (un numéro et une date par domaine)',
    recipients: 'Personne (traitement automatique)',
    personal: [],
  }),
  processing(jobs, {
    purpose: 'Faire partir les courriels et les travaux différés',
    basis: 'legitimate_interest',
    retention: '30 jours après leur exécution',
    recipients: 'Personne (traitement automatique)',
    personal: ['payload', 'last_error'],
  }),
  processing(mails, {
    purpose: 'Envoyer les courriels de la plateforme et pouvoir dire ce qui a été envoyé',
    basis: 'legitimate_interest',
    retention: 'Le contenu 30 jours après l’envoi ; l’adresse, le sujet et la date 1 an',
    recipients: 'La personne destinataire ; l’équipe du réseau (en développement seulement)',
    personal: ['to', 'subject', 'html', 'text', 'calendar'],
  }),
  processing(mailRegister, {
    purpose:
      'Permettre à chacun de vérifier qu’un courriel vient bien de la plateforme (lutte contre l’hameçonnage)',
    basis: 'legitimate_interest',
    retention: '1 an après l’envoi',
    recipients: 'Toute personne qui détient le code imprimé dans le courriel (adresse masquée)',
    personal: ['recipient_masked', 'subject'],
  }),
  processing(rateLimits, {
    purpose: 'Limiter les tentatives répétées (connexion, formulaires publics, API) contre les abus',
    basis: 'legitimate_interest',
    retention: '1 jour',
    recipients: 'Personne (traitement automatique)',
    personal: ['key'],
  }),
];
