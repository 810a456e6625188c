// « Diplomates des territoires » in the register of processing activities (see platform/privacy.ts).
import { processing } from '../../platform/privacy.ts';
import {
  certificates,
  expressionsOfInterest,
  programSessions,
  programs,
  signingKeys,
} from './program.schema.ts';

export const programPrivacy = [
  processing(programs, {
    purpose: 'Organiser les éditions du parcours',
    basis: 'legitimate_interest',
    retention: 'Sans limite',
    recipients: 'Tout le monde',
    personal: ['signatory_name', 'signatory_title'],
  }),
  processing(programSessions, {
    purpose: 'Dire quelles séances de l’agenda forment le parcours',
    basis: 'legitimate_interest',
    retention: 'Sans limite',
    recipients: 'Tout le monde',
    personal: [],
  }),
  processing(expressionsOfInterest, {
    purpose: 'Prévenir les personnes intéressées de l’ouverture des candidatures',
    basis: 'consent',
    retention:
      'Non confirmées par le lien envoyé à l’adresse : 7 jours (effacement automatique, toutes les heures). Confirmées : jusqu’à la fin des candidatures de l’édition, ou jusqu’au retrait, possible depuis chaque courriel (la date de confirmation est la preuve du consentement ; le retrait est inscrit au journal, sans nom ni adresse)',
    recipients: 'L’équipe du réseau',
    personal: ['first_name', 'last_name', 'email', 'organisation_name', 'mandate'],
  }),
  processing(certificates, {
    purpose: 'Délivrer les certificats et permettre à chacun de les vérifier',
    basis: 'legitimate_interest',
    retention:
      'Sans limite : la vérification publique ne montre que le nom, l’édition et la date. À la demande de la personne, son nom, son mandat, le PDF et l’attestation numérique sont effacés ; le code reste vérifiable, sans nom',
    recipients: 'La personne ; quiconque vérifie le certificat ; l’équipe du réseau',
    personal: [
      'person_id',
      'holder_name',
      'holder_mandate',
      'organisation_name',
      'pdf',
      'credential',
      'revocation_reason',
      'issued_by',
    ],
  }),
  processing(signingKeys, {
    purpose: 'Signer les certificats numériques (Open Badges) ; la clé privée est chiffrée avec SECRETS_KEY',
    basis: 'legitimate_interest',
    retention: 'Tant que des certificats signés par la clé existent',
    recipients: 'Personne (la clé publique est publiée)',
    personal: [],
  }),
];
