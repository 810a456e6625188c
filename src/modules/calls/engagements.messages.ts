// The texts of support engagements (« accompagnements », keys `calls-engagements.*`): their rules, the
// staff's forms and the town's page.
import { defineMessages, defineNotices } from '../../platform/messages.ts';

export const engagementsMessages = defineMessages('calls-engagements', {
  invalid: 'Certains champs sont invalides : corrigez-les puis enregistrez à nouveau.',
  dossierGone: 'Ce dossier n’existe pas ou n’est pas de cet appel.',
  notAccepted:
    'Seul un dossier retenu par le comité reçoit un accompagnement : ce dossier n’est pas (ou plus) retenu.',
  alreadyEngaged: 'Ce dossier a déjà son accompagnement : modifiez celui-ci.',
  engagementGone: 'Cet accompagnement n’existe pas ou ne vous est pas ouvert.',
  noEngagement: 'Ce dossier n’a pas encore d’accompagnement : créez-le d’abord.',
  datesBackwards: 'La fin ne peut pas précéder le début.',
  statusExpected: 'Choisissez un statut : prévu, en cours, terminé ou abandonné.',
  dayExpected: 'Date attendue, par exemple 15/03/2026.',
  milestoneGone: 'Ce jalon n’existe pas ou n’est pas de cet accompagnement.',
  documentGone: 'Ce document n’existe pas ou n’est pas de cet accompagnement.',
  chooseFile: 'Choisissez un fichier (PDF, Word, Excel, PowerPoint ou OpenDocument).',
  hasDocuments: ({ count }: { count: number }) =>
    `Cet accompagnement a ${count} document${count > 1 ? 's' : ''} : supprimez-les d’abord (ils sont la trace de ce qui a été fait).`,
});

export const engagementsNotices = defineNotices('calls-engagements', {
  created: 'L’accompagnement est créé. Ajoutez-lui ses jalons et ses livrables.',
  updated: 'L’accompagnement est modifié.',
  statusChanged: 'Le statut de l’accompagnement est changé.',
  deleted: 'L’accompagnement est supprimé.',
  milestoneAdded: 'Le jalon est ajouté.',
  milestoneUpdated: 'Le jalon est modifié.',
  milestoneDone: 'Le jalon est marqué comme fait.',
  milestoneDeleted: 'Le jalon est supprimé.',
  documentAdded: 'Le document est ajouté ; la collectivité peut le télécharger.',
  documentDeleted: 'Le document est supprimé.',
  capitalisationSaved: 'La capitalisation est enregistrée.',
});
