// Support calls in the register of processing activities (see platform/privacy.ts). The dossiers are the
// applications module's; here, the calls and their instructors' marks.
import { processing } from '../../platform/privacy.ts';
import { callCriteria, callScores, calls } from './calls.schema.ts';

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
];
