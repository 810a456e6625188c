// The texts that the program's results, mails and pages carry (keys `program.*`): refusals, the field
// messages of its input schemas, the words of its decisions, the notices after an action. A second
// language adds its texts for the same keys without touching the domain code.
import { defineMessages, defineNotices } from '../../platform/messages.ts';

export const programMessages = defineMessages('program', {
  invalid: 'Certaines informations sont invalides.',
  forbidden: 'Vous n’avez pas le droit de faire cela.',
  programNotFound: 'Ce parcours n’existe pas.',
  personNotFound: 'Cette personne n’existe pas.',
  programOrPersonNotFound: 'Parcours ou personne introuvable.',

  // Editions and sessions
  dateTimeExpected: 'Date et heure attendues (ISO 8601).',
  sessionCountExpected: 'Nombre de séances attendu.',
  wholeNumber: 'Nombre entier attendu.',
  atLeastOneSession: 'Au moins une séance.',
  atMost100Sessions: 'Au plus 100 séances.',
  atLeastOnePlace: 'Au moins une place.',
  sizeTooLarge: 'Taille trop grande.',
  trueOrFalse: 'Vrai ou faux attendu.',
  unknownEvent: 'Cet événement n’existe pas.',
  eventNotFound: 'Événement introuvable.',
  alreadySession: 'Cet événement est déjà une séance du parcours.',
  chooseEvent: 'Choisissez un événement.',
  unreadableDay: 'Date illisible : choisissez-la dans le calendrier ou écrivez par exemple 23/03/2026.',
  closesBeforeOpening: 'Le dernier jour des candidatures précède leur ouverture.',

  // Interest
  emailTooLong: 'Adresse trop longue.',
  emailInvalid: 'Adresse électronique invalide.',
  interestNotOpen: ({ day }: { day: string }) =>
    `Les manifestations d’intérêt pour cette promotion ouvriront le ${day}.`,
  notYetTimeToInvite: ({ opens }: { opens: string }) =>
    `Les candidatures ne sont pas encore ouvertes (elles ouvriront le ${opens}) : les invitations partiront à ce moment-là.`,
  noLongerTimeToInvite:
    'Les candidatures à cette promotion sont closes : il n’est plus temps d’inviter à candidater.',
  nobodyToInvite: 'Personne de plus à inviter : chacune a déjà reçu son invitation.',
  invited: ({ count }: { count: number }) =>
    `${count === 1 ? 'Une personne invitée' : `${count} personnes invitées`} : un courriel avec le lien pour candidater part à ${count === 1 ? 'elle' : 'chacune'}.`,
  invitationSubject: ({ title }: { title: string }) => `Les candidatures sont ouvertes : ${title}`,
  invitationGreeting: ({ firstName }: { firstName: string }) => `Bonjour ${firstName},`,
  invitationIntro: ({ title }: { title: string }) =>
    `Vous nous aviez fait part de votre intérêt pour le parcours « Diplomates des territoires » (${title}). Les candidatures sont ouvertes.`,
  invitationHow:
    'Connectez-vous avec l’adresse que votre collectivité a communiquée au réseau, puis déposez votre candidature ; le ou la référente de votre collectivité peut aussi la déposer pour vous.',
  invitationAction: 'Candidater',
  confirmInterestSubject: ({ title }: { title: string }) => `Confirmez votre intérêt : ${title}`,
  confirmInterestIntro: ({ title, network }: { title: string; network: string }) =>
    `Votre adresse a été saisie sur la plateforme de ${network} pour être prévenu·e de l’ouverture des candidatures au parcours « Diplomates des territoires » (${title}). Confirmez-la : nous ne vous écrirons qu’ensuite.`,
  confirmInterestDelay: ({ days }: { days: number }) =>
    `Sans confirmation dans les ${days} jours, votre demande est effacée. Si vous n’êtes pas à l’origine de cette demande, ignorez ce courriel.`,
  confirmInterestAction: 'Confirmer mon adresse',
  interestFootnote: ({ network, url }: { network: string; url: string }) =>
    `Vous recevez ce courriel parce que votre adresse a été donnée pour être prévenu·e des candidatures au parcours « Diplomates des territoires » de ${network}. Pour ne plus rien recevoir à ce sujet et effacer votre demande : ${url}`,
  interestGone:
    'Ce lien n’est plus valable : la demande a été retirée, ou effacée faute de confirmation dans les 7 jours. Vous pouvez manifester votre intérêt à nouveau depuis la page du parcours.',

  // Applications
  notEligible:
    'Ce parcours est réservé aux élus des collectivités adhérentes. Les techniciens des collectivités adhérentes peuvent assister aux séances ouvertes de l’agenda ; une collectivité non adhérente peut rejoindre le réseau en contactant l’équipe.',
  applicationsOpenOn: ({ opens }: { opens: string }) =>
    `Les candidatures ouvriront le ${opens}. En attendant, vous pouvez manifester votre intérêt.`,
  applicationsClosed: 'Les candidatures à cette promotion sont closes.',
  alreadyApplied: ({ name }: { name: string }) => `${name} a déjà candidaté à cette promotion.`,
  cohortFull: ({ size }: { size: number }) =>
    `La promotion est complète (${size} places). Mettez la candidature sur liste d’attente.`,
  placesLeft: ({ left, asked }: { left: number; asked: number }) =>
    `Il ne reste que ${left} place${left > 1 ? 's' : ''} dans la promotion pour ${asked} candidatures : acceptez-en moins, ou mettez les autres sur liste d’attente.`,
  applicationNotFound: 'Cette candidature n’existe pas.',
  chooseElected: 'Choisissez l’élu ou l’élue.',
  notOfYourOrganisation: 'Cette personne ne fait pas partie de votre collectivité.',
  chooseDecision: 'Choisissez une décision : accepter, liste d’attente ou ne pas retenir.',
  chooseOpinion: 'Choisissez un avis : favorable, réservé ou défavorable.',
  tickApplications: 'Cochez au moins une candidature dans le tableau.',
  decisionSubject: ({ title }: { title: string }) => `Votre candidature : ${title}`,
  decisionAccepted: 'Votre candidature est acceptée : bienvenue dans la promotion !',
  decisionRejected: 'Votre candidature n’a pas été retenue pour cette promotion.',
  decisionWaitlisted:
    'Votre candidature est sur liste d’attente : nous vous écrirons si une place se libère.',
  decisionAction: 'Mon parcours',
  cohortOnlySession:
    'Cette séance est réservée à la promotion « Diplomates des territoires ». Les autres séances du parcours sont ouvertes aux élus et techniciens des collectivités adhérentes.',

  // Certificates
  revocationReason: 'Indiquez la raison de la révocation (3 à 500 caractères).',
  reasonRequired: 'Raison obligatoire.',
  alreadyRevoked: 'Ce certificat est déjà révoqué.',
  certificateNotFound: 'Ce certificat n’existe pas.',
  noCertificateWithCode: 'Aucun certificat ne porte ce code.',
  certificateCode: 'Code de certificat invalide.',
  revokedNoDownload: 'Ce certificat a été révoqué : il ne peut plus être téléchargé.',
  revoked: 'Ce certificat a été révoqué.',
  noCertificate: 'Vous n’avez pas de certificat du parcours « Diplomates des territoires ».',
  noKey: 'Aucune clé ne porte ce nom.',
  titleFeminine: ({ network }: { network: string }) => `Auditrice de ${network}`,
  titleMasculine: ({ network }: { network: string }) => `Auditeur de ${network}`,
  titleInclusive: ({ network }: { network: string }) => `Auditeur·rice de ${network}`,
  earlyBeforeCeremony: ({ day, left }: { day: string; left: number }) =>
    `C’est en avance : la remise des certificats est prévue le ${day}${
      left === 0 ? '' : left === 1 ? ' et une séance reste à venir' : ` et ${left} séances restent à venir`
    }. Les certificats délivrés maintenant seront datés du jour de la remise.`,
  earlyBeforeLastSession: ({ left }: { left: number }) =>
    `C’est en avance : aucune date de remise des certificats n’est fixée et ${
      left === 1
        ? 'une séance du parcours n’est pas terminée'
        : `${left} séances du parcours ne sont pas terminées`
    }. Les certificats délivrés maintenant seront datés d’aujourd’hui.`,
  earlyApi: ({ reason }: { reason: string }) =>
    `${reason} Pour les délivrer quand même, renvoyez la demande avec {"early": true}.`,
  confirmEarly:
    'C’est en avance : cochez « Je confirme délivrer les certificats en avance » pour les délivrer maintenant.',
  erasedHolder: 'Certificat délivré à une personne dont le nom a été effacé à sa demande.',
  noCertificateFile: 'Ce certificat n’a plus de fichier : le nom de la personne a été effacé à sa demande.',

  // Pages: a record named by a valid address that does not exist (any more).
  programGone: 'Ce parcours n’existe pas ou plus.',
  applicationGone: 'Cette candidature n’existe pas ou plus.',
  certificateGone: 'Ce certificat n’existe pas ou plus.',
  filtersIgnored: 'Certains filtres étaient invalides et ont été ignorés.',
});

export const programNotices = defineNotices('program', {
  interest_received:
    'Merci : un courriel part à l’adresse indiquée. Cliquez sur le lien qu’il contient pour confirmer votre intérêt ; sans confirmation, la demande est effacée dans 7 jours.',
  interest_confirmed:
    'Votre adresse est confirmée : nous vous écrirons dès l’ouverture des candidatures. Chacun de nos courriels permet de retirer votre intérêt.',
  interest_withdrawn:
    'Votre intérêt est retiré et votre demande effacée : nous ne vous écrirons plus à ce sujet.',
  application_submitted: 'Votre candidature est déposée. La décision vous sera annoncée par courriel.',
  application_submitted_for: 'La candidature est déposée. La personne recevra la décision par courriel.',
  program_created: 'Édition créée. Ajoutez-lui maintenant ses séances.',
  session_added: 'Séance ajoutée au parcours.',
  decision_saved: 'Décision enregistrée : un courriel part à la personne.',
  decisions_saved:
    'Décisions enregistrées : un courriel part, une seule fois, à chaque personne dont la situation change.',
  opinion_saved: 'Avis enregistré : seuls les instructeurs le lisent.',
  certificate_revoked: 'Certificat révoqué : sa page de vérification l’indique désormais.',
});
