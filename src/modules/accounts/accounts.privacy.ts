// Accounts in the register of processing activities (see platform/privacy.ts).
import { processing } from '../../platform/privacy.ts';
import { accountRequests, apiTokens, sessions, signInTokens } from './accounts.schema.ts';

export const accountsPrivacy = [
  processing(sessions, {
    purpose: 'Garder une personne connectée, et la déconnecter',
    basis: 'contract',
    retention: 'Jusqu’à la déconnexion ou l’expiration de la session (12 heures au plus)',
    recipients: 'Personne (traitement automatique)',
    personal: ['person_id'],
  }),
  processing(signInTokens, {
    purpose: 'Connecter une personne par un lien envoyé à son adresse',
    basis: 'contract',
    retention: '10 minutes de validité ; effacés après 1 jour',
    recipients: 'Personne (traitement automatique)',
    personal: ['person_id'],
  }),
  processing(apiTokens, {
    purpose: 'Donner accès à l’API aux outils du réseau et des collectivités',
    basis: 'legitimate_interest',
    retention: 'Jusqu’à leur révocation ou expiration, puis 1 an',
    recipients: 'L’équipe du réseau',
    personal: ['person_id', 'label'],
  }),
  processing(accountRequests, {
    purpose:
      'Recevoir les demandes de compte des personnes que le réseau ne connaît pas encore, et y répondre',
    basis: 'legitimate_interest',
    retention:
      '30 jours sans réponse (la demande expire), 90 jours après la décision ; effacement quotidien automatique',
    recipients: 'L’équipe du réseau',
    personal: [
      'first_name',
      'last_name',
      'email',
      'kind',
      'role',
      'message',
      'decline_reason',
      'person_id',
      'decided_by',
    ],
    notPersonal: ['organisation_name'],
  }),
];
