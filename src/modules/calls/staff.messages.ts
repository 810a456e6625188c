// The texts of the instructors' pages of support calls (keys `calls-staff.*`).
import { defineMessages, defineNotices } from '../../platform/messages.ts';

export const staffMessages = defineMessages('calls-staff', {
  callGone: 'Cet appel n’existe pas ou a été supprimé.',
  dossierGone:
    'Ce dossier n’existe pas, n’est pas de cet appel, ou n’est encore qu’un brouillon de la collectivité.',
  instantExpected: 'Date et heure attendues (heure de Paris), par exemple 15/05/2027 à 09:00.',
  eurosExpected: 'Montant attendu en euros, par exemple 90 000 ou 12 500,50.',
  criterionLine: ({ line }: { line: string }) =>
    `Chaque critère s’écrit « libellé ; poids » (un poids de 1 à 100) : « ${line} » ne se lit pas ainsi.`,
  markExpected: ({ label }: { label: string }) => `Notez « ${label} » de 0 à 5.`,
  chooseDecision: 'Choisissez une décision.',
  chooseDossiers: 'Cochez au moins un dossier.',
  searchUnreadable: 'Cette recherche ne se lit pas : revenez à la liste et enregistrez-la à nouveau.',
});

export const staffNotices = defineNotices('calls-staff', {
  created: 'L’appel est ouvert. Ses questions et sa grille se modifient tant qu’aucun dossier n’en dépend.',
  updated: 'L’appel est modifié.',
  deleted: 'L’appel est supprimé.',
  marked: 'Vos notes sont enregistrées ; le dossier est en instruction et vous le suivez.',
  followed: 'Vous suivez ce dossier.',
  unfollowed: 'Vous ne suivez plus ce dossier.',
  noted: 'L’annotation est enregistrée ; seuls les instructeurs la lisent.',
  noteDeleted: 'L’annotation est supprimée.',
  messageSent: 'Le message est envoyé à la personne qui porte le dossier.',
  expertAsked: 'La demande d’avis est envoyée ; un rappel partira deux jours avant la date demandée.',
  expertWithdrawn: 'La demande d’avis est retirée : son lien ne sert plus.',
  searchSaved: 'La recherche est enregistrée : elle s’affiche en tête de la liste des dossiers.',
  searchDeleted: 'La recherche est supprimée.',
  decided: 'La décision est enregistrée ; le courriel part une seule fois.',
  allowanceGranted:
    'La dérogation est enregistrée : la collectivité peut ouvrir ses dossiers supplémentaires.',
  allowanceWithdrawn: 'La dérogation est retirée : la collectivité revient à un dossier pour cet appel.',
});
