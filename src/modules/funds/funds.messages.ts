// The texts of the solidarity funds' results, pages and mails (keys `funds.*`).
import { defineMessages, defineNotices } from '../../platform/messages.ts';

export const fundsMessages = defineMessages('funds', {
  invalid: 'Certaines informations sont invalides.',
  forbidden: 'Vous n’avez pas le droit de faire cela.',
  fundNotFound: 'Ce fonds n’existe pas.',
  organisationNotFound: 'Cette organisation n’existe pas.',
  allocationNotFound: 'Ce projet n’existe pas dans ce fonds.',
  movementNotFound: 'Ce mouvement n’existe pas.',
  reportNotFound: 'Ce rapport n’existe pas.',
  receiptNotFound: 'Ce reçu n’existe pas ou ne vous est pas ouvert.',
  eventNotFound: 'Cet événement n’existe pas.',
  personNotFound: 'Cette personne n’existe pas ou n’est pas de cette organisation.',

  // Fields
  amountExpected: 'Montant attendu en centimes : un nombre entier positif (150000 pour 1 500 €).',
  eurosExpected: 'Montant attendu en euros, par exemple 1 500 ou 1 500,50.',
  amountTooLarge: 'Montant trop élevé : dix milliards d’euros au plus par mouvement.',
  countryExpected: 'Code de pays ISO 3166-1 attendu (deux lettres, par exemple UA pour l’Ukraine).',
  quorumExpected: 'Quorum attendu en pour cent, de 1 à 100.',
  votesExpected: 'Nombre de voix attendu : un entier positif ou nul.',
  reportPublished: 'Ce rapport a été publié : retirez-le de la page publique plutôt que de le supprimer.',
  reportKindExpected: 'Choisissez : point d’étape ou rapport final.',

  // Funds
  fundClosed: ({ name }: { name: string }) =>
    `Le fonds « ${name} » est clôturé : plus aucun mouvement ne peut y être enregistré.`,
  fundHasMovements:
    'Ce fonds a déjà des mouvements : il ne peut plus être supprimé. Il se clôture une fois son solde affecté et versé.',
  notSettled: ({ available, committed }: { available: string; committed: string }) =>
    `Le fonds ne peut pas être clôturé : ${available} restent disponibles et ${committed} affectés restent à verser. Affectez le solde (ou choisissez une affectation finale du reste) et enregistrez les paiements avant de clôturer.`,
  finalAllocationNothingLeft: 'Il ne reste rien à affecter : la clôture n’a pas besoin d’affectation finale.',

  // Movements
  idempotencyConflict:
    'Cette clé d’idempotence a déjà servi pour un autre mouvement : utilisez une clé nouvelle pour chaque mouvement.',
  insufficientFunds: ({ amount, available, received, disbursed, committed }: Record<string, string>) =>
    `Affectation de ${amount} refusée : le fonds n’a que ${available} disponibles (${received} reçus, moins ${disbursed} versés et ${committed} déjà affectés restant à verser).`,
  beyondAllocation: ({ amount, remaining, allocated }: Record<string, string>) =>
    `Paiement de ${amount} refusé : il reste ${remaining} à verser sur les ${allocated} affectés à ce projet.`,
  alreadyReversed: 'Ce mouvement a déjà été contre-passé.',
  cannotReverseReversal:
    'Une contre-passation ne se contre-passe pas : enregistrez de nouveau le mouvement correct.',
  reversalLeavesAllocationPaid: ({ disbursed }: { disbursed: string }) =>
    `Cette affectation ne peut pas être contre-passée : ${disbursed} ont déjà été versés. Contre-passez d’abord ses paiements.`,
  reversalOverspends: ({ amount, available }: Record<string, string>) =>
    `Ce versement de ${amount} ne peut pas être contre-passé : le fonds n’a que ${available} disponibles, le reste est affecté. Contre-passez d’abord une affectation.`,
  reasonRequired: 'Dites pourquoi ce mouvement est contre-passé (il restera lisible dans le grand livre).',

  // Committee
  tooManyVotes: ({ votes, voters }: { votes: number; voters: number }) =>
    `${votes} voix exprimées pour ${voters} organisation(s) contributrice(s) : chaque organisation n’a qu’une voix.`,
  noContributors: 'Ce fonds n’a encore aucun contributeur : son comité ne peut pas décider.',
  committeeOnly: ({ names }: { names: string }) =>
    `Cette réunion est réservée au comité des donateurs de ${names} : les organisations qui y contribuent. Demandez à l’équipe du réseau si votre organisation doit y être représentée.`,
  voterNotOfOrganisation: 'La personne qui vote doit être de l’organisation contributrice.',
  meetingNotOfFund: 'Choisissez une des réunions du comité de ce fonds, ou aucune.',
  notContributor: 'Cette organisation ne contribue pas à ce fonds.',

  // Receipts (PDF)
  receiptTitle: ({ number }: { number: string }) => `Reçu n° ${number}`,
  receiptNotTaxReceipt:
    'Ce reçu atteste la réception des fonds par le réseau. Il ne vaut pas reçu fiscal au titre des dons.',
});

export const fundsNotices = defineNotices('funds', {
  fund_created: 'Fonds créé.',
  fund_saved: 'Fonds enregistré.',
  fund_deleted: 'Fonds supprimé.',
  fund_closed: 'Fonds clôturé : ses totaux sont figés et son rapport final publié.',
  pledge_recorded: 'Promesse de contribution enregistrée.',
  receipt_recorded: 'Versement enregistré : son reçu est prêt.',
  receipt_already: 'Ce versement était déjà enregistré : rien n’a été compté deux fois.',
  decision_adopted: 'Décision adoptée : le projet est financé.',
  decision_rejected: 'Décision enregistrée : non adoptée, rien n’est affecté.',
  allocation_recorded: 'Affectation enregistrée.',
  disbursement_recorded: 'Paiement enregistré.',
  reversal_recorded: 'Contre-passation enregistrée : les deux mouvements restent au grand livre.',
  contributor_saved: 'Choix de l’organisation enregistrés.',
  report_saved: 'Rapport enregistré.',
  report_published: 'Rapport publié sur la page du fonds.',
  report_unpublished: 'Rapport retiré de la page publique.',
  report_deleted: 'Rapport supprimé.',
  meeting_linked: 'Réunion rattachée au comité.',
  meeting_unlinked: 'Réunion retirée du comité : l’événement reste à l’agenda.',
  reminders_sent: 'Relances envoyées : chaque organisation reçoit un courriel, une fois.',
});
