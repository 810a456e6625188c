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
});

export const accountsNotices = defineNotices('accounts', {
  token_revoked: 'Jeton révoqué : il n’ouvre plus rien.',
  signed_out: 'Vous êtes déconnecté·e.',
});
