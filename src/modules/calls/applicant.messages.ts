// The texts of the applicants' pages of support calls (keys `calls-applicant.*`): the calls, a call, a
// town's dossier form and its follow-up.
import { defineMessages, defineNotices } from '../../platform/messages.ts';

export const applicantMessages = defineMessages('calls-applicant', {
  callGone: 'Cet appel n’existe pas ou a été supprimé.',
  dossierGone: 'Ce dossier n’existe pas ou ne vous est pas ouvert.',
  chooseFile: 'Choisissez un fichier (PDF ou bureautique, 10 Mo au plus).',
  attachmentRefused: 'Pièce jointe',
  draftOnlyTheirs:
    'Ce dossier n’est encore qu’un brouillon : il reste celui de la collectivité jusqu’à son dépôt.',
  whoMayApply:
    'Les collectivités territoriales françaises adhérentes du réseau et à jour de leur cotisation de l’année (communes, intercommunalités, départements, régions) : un dossier par collectivité et par appel, écrit et déposé par un ou une élue, un agent ou le ou la référente de la collectivité.',
  speakersOnly:
    'Seuls les élus, les agents et le ou la référente d’une collectivité déposent un dossier en son nom. L’équipe du réseau dépose au nom d’une collectivité par l’API.',
  noOrganisation:
    'Votre compte n’est rattaché à aucune collectivité : écrivez-nous pour qu’il le soit, puis déposez le dossier de votre collectivité.',
  signInToApply: 'Connectez-vous avec le compte de votre collectivité pour préparer son dossier.',
  staffApply:
    'Vous êtes de l’équipe du réseau : les dossiers se suivent depuis la gestion des appels ; un dépôt au nom d’une collectivité passe par l’API.',
  answerTooLong: ({ label }: { label: string }) =>
    `La réponse à « ${label} » dépasse 10 000 caractères : raccourcissez-la.`,
  eurosExpected: 'Montant attendu en euros, par exemple 15 000 ou 12 500,50 (10 millions d’euros au plus).',
  costStays: 'Le coût estimé déjà enregistré ne s’efface pas : indiquez le montant corrigé.',
  costRequired: 'Indiquez le coût estimé de l’accompagnement demandé : l’appel a une enveloppe.',
  alreadyApplied: ({ name, places }: { name: string; places: number }) =>
    places > 1
      ? `${name} a déjà les ${places} dossiers que l’équipe du réseau lui autorise pour cet appel : reprenez l’un d’eux.`
      : `${name} a déjà un dossier pour cet appel, ouvert par une ou un collègue : reprenez celui-ci.`,
  staleForm:
    'Ce formulaire ne correspond plus au dossier de votre collectivité (il a changé entre-temps) : rechargez la page.',
  notCorrectable:
    'Ce dossier est en instruction ou décidé : ses réponses ne se modifient plus. Écrivez-nous pour le compléter.',
  windowDraft: ({ reason }: { reason: string }) =>
    `${reason} Le brouillon se consulte mais ne se dépose plus.`,
});

export const applicantNotices = defineNotices('calls-applicant', {
  saved:
    'Le brouillon est enregistré. Il reste à le déposer avant la clôture de l’appel : vos collègues le voient et peuvent le compléter.',
  submitted:
    'Le dossier est déposé : l’équipe du réseau l’a reçu. Vous pouvez le corriger jusqu’au début de son instruction.',
  corrected: 'Les corrections sont enregistrées.',
  messageSent: 'Votre message est envoyé aux instructeurs qui suivent votre dossier.',
  attached: 'La pièce est jointe au dossier.',
  detached: 'La pièce est retirée du dossier.',
});
