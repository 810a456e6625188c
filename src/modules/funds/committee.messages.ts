// The texts of a fund's staff pages for its donors committee, projects and reports (keys `funds-committee.*`).
import { defineMessages, defineNotices } from '../../platform/messages.ts';

export const committeeMessages = defineMessages('funds-committee', {
  chooseBulkAction: 'Choisissez : publier ou retirer de la page publique.',
  nothingTicked: 'Cochez au moins un rapport.',
  formExpired: 'Ce formulaire n’est plus valable : rechargez la page et saisissez-le de nouveau.',
  projectNotOfFund: 'Ce projet n’existe pas dans ce fonds.',
  fundClosedReadOnly: ({ on }: { on: string }) =>
    `Ce fonds est clôturé depuis le ${on} : ses comptes sont arrêtés, plus aucune décision ni aucun paiement ne peut y être enregistré.`,
  quorumRule: ({ percent, voters, quorum }: { percent: number; voters: number; quorum: number }) =>
    `Quorum : ${percent} % des ${voters} organisation${voters > 1 ? 's' : ''} contributrice${voters > 1 ? 's' : ''}, soit ${quorum} voix.`,
});

export const committeeNotices = defineNotices('funds-committee', {
  payment_already: 'Ce paiement était déjà enregistré : rien n’a été compté deux fois.',
  decision_already: 'Cette décision était déjà enregistrée : rien n’a été affecté deux fois.',
  reports_published: 'Les rapports cochés sont publiés sur la page du fonds.',
  reports_unpublished: 'Les rapports cochés sont retirés de la page publique.',
});
