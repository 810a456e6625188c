// Support calls in the register of processing activities (see platform/privacy.ts). The dossiers are the
// applications module's; here, the calls, their forms, what a dossier asks and their instructors' work.
import { processing } from '../../platform/privacy.ts';
import {
  callAllowances,
  callAttachments,
  callCriteria,
  callDocuments,
  callDossiers,
  callEngagements,
  callEvents,
  callExpertRequests,
  callFollowers,
  callForms,
  callMessages,
  callMilestones,
  callNotes,
  callSavedSearches,
  callScores,
  calls,
} from './calls.schema.ts';

export const callsPrivacy = [
  processing(calls, {
    purpose: 'Publier les appels du réseau (DCOL) et en instruire les dossiers',
    basis: 'public_task',
    retention: 'Sans limite (l’histoire du réseau)',
    recipients: 'Tout le monde ; qui l’a ouvert, l’équipe du réseau',
    personal: ['created_by'],
  }),
  processing(callCriteria, {
    purpose: 'Donner la grille de notation d’un appel',
    basis: 'public_task',
    retention: 'Comme l’appel',
    recipients: 'L’équipe du réseau ; les demandeurs',
    personal: [],
  }),
  processing(callScores, {
    purpose: 'Noter les dossiers sur la grille de l’appel (jamais montré au demandeur)',
    basis: 'legitimate_interest',
    retention: 'Comme le dossier',
    recipients: 'L’équipe du réseau et ses instructeurs ; le comité de sélection',
    personal: ['reviewer_id', 'score'],
  }),
  processing(callForms, {
    purpose: 'Donner les questions d’un appel, version par version (un dossier garde la sienne)',
    basis: 'public_task',
    retention: 'Comme l’appel',
    recipients: 'Tout le monde',
    personal: [],
  }),
  processing(callDossiers, {
    purpose:
      'Savoir sur quelle version du formulaire un dossier est écrit et ce que coûte l’accompagnement demandé',
    basis: 'public_task',
    retention: 'Comme le dossier',
    recipients: 'La collectivité qui dépose ; l’équipe du réseau et le comité de sélection',
    personal: [],
  }),
  processing(callFollowers, {
    purpose: 'Savoir quels instructeurs suivent un dossier (« suivis par moi »)',
    basis: 'legitimate_interest',
    retention: 'Comme le dossier',
    recipients: 'L’équipe du réseau',
    personal: ['person_id'],
  }),
  processing(callNotes, {
    purpose: 'Garder les annotations privées des instructeurs sur un dossier (jamais montrées au demandeur)',
    basis: 'legitimate_interest',
    retention: 'Comme le dossier',
    recipients: 'L’équipe du réseau et ses instructeurs',
    personal: ['author_id', 'body'],
  }),
  processing(callMessages, {
    purpose:
      'Échanger avec la collectivité sur son dossier (chaque message envoyé par courriel à l’autre partie)',
    basis: 'public_task',
    retention: 'Comme le dossier',
    recipients: 'La collectivité qui dépose ; les instructeurs qui suivent le dossier',
    personal: ['author_id', 'body'],
  }),
  processing(callExpertRequests, {
    purpose:
      'Demander l’avis d’un expert sur un dossier, par un lien personnel, et le garder pour les instructeurs',
    basis: 'legitimate_interest',
    retention: 'Comme le dossier',
    recipients:
      'L’équipe du réseau et ses instructeurs ; les autres experts du dossier pour un avis non confidentiel',
    personal: ['expert_name', 'expert_email', 'expertise', 'requested_by', 'body', 'opinion', 'token_hash'],
  }),
  processing(callEngagements, {
    purpose:
      'Suivre l’accompagnement d’un dossier retenu : qui le mène, ses dates, son état, sa capitalisation',
    basis: 'public_task',
    retention: 'Sans limite (l’histoire du réseau et son guide méthodologique)',
    recipients: 'La collectivité accompagnée ; l’équipe du réseau',
    personal: ['lead', 'lead_person_id'],
  }),
  processing(callMilestones, {
    purpose: 'Suivre les étapes et les livrables d’un accompagnement',
    basis: 'public_task',
    retention: 'Comme l’accompagnement',
    recipients: 'La collectivité accompagnée ; l’équipe du réseau',
    personal: [],
  }),
  processing(callDocuments, {
    purpose: 'Garder les documents d’un accompagnement, dont son document de capitalisation',
    basis: 'public_task',
    retention: 'Comme l’accompagnement',
    recipients: 'La collectivité accompagnée ; l’équipe du réseau',
    personal: ['uploaded_by'],
    notPersonal: ['file_name'],
  }),
  processing(callAttachments, {
    purpose:
      'Joindre au dossier les pièces attendues par l’appel (délibération, budget…), vérifiées par leur contenu',
    basis: 'public_task',
    retention: 'Comme le dossier',
    recipients: 'La collectivité qui dépose ; l’équipe du réseau ; les experts sollicités sur le dossier',
    personal: ['uploaded_by'],
    notPersonal: ['file_name'],
  }),
  processing(callEvents, {
    purpose: 'Relier un appel à ses ateliers d’information dans l’agenda',
    basis: 'public_task',
    retention: 'Comme l’appel',
    recipients: 'Tout le monde',
    personal: [],
  }),
  processing(callSavedSearches, {
    purpose: 'Garder les recherches d’un instructeur sur les dossiers d’un appel',
    basis: 'legitimate_interest',
    retention: 'Comme l’appel, ou jusqu’à ce que l’instructeur la supprime',
    recipients: 'L’instructeur lui-même',
    personal: ['person_id'],
    notPersonal: ['name'],
  }),
  processing(callAllowances, {
    purpose: 'Autoriser une collectivité à déposer plus d’un dossier à un appel',
    basis: 'public_task',
    retention: 'Comme l’appel',
    recipients: 'L’équipe du réseau',
    personal: ['granted_by'],
    notPersonal: ['reason'],
  }),
];
