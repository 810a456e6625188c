// The texts of the atlas's results, pages and mails (keys `atlas.*`).
import { defineMessages } from '../../platform/messages.ts';

export const atlasMessages = defineMessages('atlas', {
  invalid: 'Certaines informations sont invalides.',
  forbidden: 'Vous n’avez pas le droit de faire cela.',
  partnershipNotFound: 'Ce partenariat n’existe pas.',
  projectNotFound: 'Ce projet n’est pas dans ce partenariat.',
  contributionNotFound: 'Cette contribution n’existe pas.',
  publicationNotFound: 'Cette publication n’existe pas.',
  countryNotFound: ({ code }: { code: string }) => `« ${code} » n’est pas un code de pays connu.`,

  // Fields
  kindExpected:
    'Choisissez : jumelage, coopération décentralisée, pacte d’amitié, protocole d’accord ou autre.',
  statusExpected: 'Choisissez : actif, en sommeil ou terminé.',
  themeExpected: ({ code }: { code: string }) =>
    `« ${code} » n’est pas un thème de la liste (voir /api/v1/themes).`,
  frenchSideRequired: 'Indiquez au moins une collectivité française.',
  tooManyFrenchSides: 'Au plus 20 collectivités françaises pour un partenariat.',
  frenchSideNotLocalGovernment: ({ name }: { name: string }) =>
    `${name} n’est pas une collectivité territoriale française : le partenariat relie une collectivité française à une collectivité étrangère.`,
  partnerNotForeign: ({ name }: { name: string }) =>
    `${name} n’est pas une collectivité étrangère : choisissez une organisation de type « collectivité étrangère ».`,
  organisationUnknown: 'Une des organisations indiquées n’existe pas.',
  contactUnknown: 'Une des personnes de contact n’existe pas.',
  yearsOrder: 'L’année de fin ne peut pas précéder l’année de début.',
  currencyExpected: 'Code de devise ISO 4217 attendu (trois lettres, par exemple EUR).',
  budgetExpected: 'Montant en centimes attendu : un nombre entier positif.',

  // Moderation
  alreadyDecided: 'Cette contribution a déjà été traitée.',
  notYourOrganisation: 'Vous ne pouvez proposer que les partenariats de votre propre collectivité.',
  noChange: 'Cette proposition ne change rien au partenariat.',
  reasonRequired: 'Dites en une phrase pourquoi la contribution est refusée : la collectivité la recevra.',

  // Directories
  directoryForMembers:
    'Le répertoire complet est gratuit pour les collectivités adhérentes à jour de leur cotisation. Les autres peuvent le commander : écrivez à l’équipe du réseau depuis la page « Publications ».',
});
