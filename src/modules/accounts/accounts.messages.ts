// The texts of the accounts module that its results and pages carry (keys `accounts.*`): a second language
// adds its texts for the same keys without touching the sign-in code. The wording of the sign-in mail stays
// with the use case that composes it (sign-in-link.ts) until mails get their own texts.
import { defineMessages, defineNotices } from '../../platform/messages.ts';

export const accountsMessages = defineMessages('accounts', {
  tokenNotFound: 'Ce jeton d’API n’existe pas.',
  tokenLabelRequired: 'Donnez un nom au jeton (l’outil qui s’en servira, par exemple).',
  tokenDaysInvalid: 'Durée de validité : un nombre de jours de 1 à 730, ou rien pour un jeton sans fin.',
  tokenPersonUnknown: ({ email }: { email: string }) => `Aucune personne active n’a l’adresse « ${email} ».`,
  invalidEmail: 'Saisissez une adresse électronique valide, par exemple prenom.nom@ville.fr.',
  linkIncomplete: 'Ce lien de connexion est incomplet. Demandez-en un nouveau.',
  linkExpired:
    'Ce lien de connexion n’est plus valable : il a déjà servi ou a expiré. Demandez-en un nouveau.',
  proConnectInterrupted: 'La connexion a expiré. Recommencez depuis la page de connexion.',
  proConnectNoIdentity: 'ProConnect n’a pas renvoyé d’identité.',
  proConnectNoEmail: 'ProConnect n’a pas transmis d’adresse électronique.',
  proConnectWeakAuthentication:
    'ProConnect n’a pas confirmé votre identité au niveau demandé. Reconnectez-vous avec votre fournisseur d’identité professionnel, ou demandez un lien par courriel.',
  proConnectEmailNotVerified:
    'Votre fournisseur d’identité n’a pas vérifié votre adresse électronique : elle ne peut pas ouvrir votre compte. Demandez un lien par courriel, ou faites vérifier votre adresse.',
  proConnectFailed: 'La connexion avec ProConnect a échoué. Réessayez ou demandez un lien par courriel.',
  noAccount:
    'Aucun compte Coopdec ne correspond à cette identité ProConnect. Le référent de votre collectivité ou l’équipe du réseau peut vous en créer un.',
  linkedToAnotherIdentity: 'Ce compte est déjà relié à une autre identité ProConnect.',
  invalidApiToken: 'Jeton d’API absent, invalide ou révoqué.',

  // « Demander un compte »
  invalid: 'Certaines informations sont invalides.',
  requestKind: 'Choisissez : élu ou élue, technicien ou technicienne, partenaire.',
  organisationRequired: 'Choisissez votre organisation dans la liste, ou écrivez son nom.',
  organisationChoice: 'Cette organisation n’est plus proposée : cherchez-la de nouveau.',
  requestNotFound: 'Demande introuvable.',
  requestGone: 'Cette demande n’existe pas ou plus.',
  requestDecided: 'Cette demande a déjà été traitée.',
  requestExpired: 'Cette demande a expiré : sans réponse en 30 jours, elle est effacée.',
  accountDisabled:
    'Cette adresse est celle d’un compte désactivé : réactivez-le depuis sa fiche, puis acceptez la demande.',
  reasonRequired: 'Dites en une phrase pourquoi : elle est envoyée à la personne.',
  requestReceivedSubject: ({ network }: { network: string }) =>
    `Votre demande de compte auprès de ${network}`,
  requestReceivedBody: ({ network }: { network: string }) =>
    `Votre demande de compte est bien arrivée. L’équipe de ${network} va l’examiner ; vous recevrez sa réponse à cette adresse.`,
  requestWhy: ({ host }: { host: string }) =>
    `Vous recevez ce message car une demande de compte a été faite avec cette adresse sur ${host}. Si ce n’est pas vous, ignorez-le : rien n’est créé sans l’accord de l’équipe du réseau.`,
  alreadyAccountSubject: ({ network }: { network: string }) =>
    `Vous avez déjà un compte sur la plateforme de ${network}`,
  alreadyAccountBody:
    'Vous avez demandé un compte, mais cette adresse en a déjà un : voici un lien pour vous connecter. Il ne sert qu’une fois.',
  linkExpiry: ({ minutes }: { minutes: number }) =>
    `Ce lien expire dans ${minutes} minutes. Si vous n’avez rien demandé, ignorez ce message.`,
  alreadyAccountWhy: ({ host }: { host: string }) =>
    `Vous recevez ce message car une demande de compte a été faite avec cette adresse sur ${host}.`,
  approvedSubject: ({ network }: { network: string }) =>
    `Votre compte sur la plateforme de ${network} est ouvert`,
  approvedBody: ({ network }: { network: string }) =>
    `L’équipe de ${network} a accepté votre demande : votre compte est ouvert. Ce bouton vous connecte une fois, sans mot de passe.`,
  approvedLinkExpiry: ({ host, minutes }: { host: string; minutes: number }) =>
    `Ce lien expire dans ${minutes} minutes ; ensuite, demandez-en un nouveau sur ${host}/connexion avec cette adresse.`,
  approvedWhy: ({ host }: { host: string }) =>
    `Vous recevez ce message car vous avez demandé un compte sur ${host}.`,
  declinedSubject: ({ network }: { network: string }) => `Votre demande de compte auprès de ${network}`,
  declinedBody: ({ network }: { network: string }) =>
    `Merci de l’intérêt que vous portez à ${network}. Nous ne pouvons pas donner suite à votre demande de compte, pour la raison suivante :`,
  declinedContact: ({ email, phone }: { email: string; phone: string }) =>
    `Pour en parler, écrivez-nous à ${email} ou appelez-nous au ${phone}.`,
  declinedWhy: ({ host }: { host: string }) =>
    `Vous recevez ce message car une demande de compte a été faite avec cette adresse sur ${host}.`,

  // The staff's home
  attentionRequests: 'demandes de compte à examiner',
  attentionFailedMails: 'courriels qui ne sont pas partis',
  mailNotFailed: 'Ce courriel n’est pas (ou plus) en échec.',
  heldApiTokens: 'Jetons d’API (révoqués par la fusion)',
});

export const accountsNotices = defineNotices('accounts', {
  token_revoked: 'Jeton révoqué : il n’ouvre plus rien.',
  signed_out: 'Vous êtes déconnecté·e.',
  request_approved: 'Demande acceptée : la personne a reçu un lien de connexion.',
  request_declined: 'Demande refusée : la personne a reçu la réponse.',
  mail_retried: 'Le courriel repart : la file d’envoi le réessaie maintenant.',
});
