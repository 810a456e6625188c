// The texts that the organisations module's results and pages carry (keys `organisations.*`): refusals,
// the field messages of its input schemas, the reasons of refused import lines, the notices after an action.
// A second language adds its texts for the same keys without touching the domain code.
import { defineMessages, defineNotices } from '../../platform/messages.ts';

export const organisationsMessages = defineMessages('organisations', {
  invalid: 'Certaines informations sont invalides.',
  forbidden: 'Vous n’avez pas le droit de faire cela.',

  // Organisations
  unknownKind: 'Type d’organisation inconnu.',
  sirenFormat: 'Le SIREN compte 9 chiffres.',
  inseeFormat: 'Code INSEE invalide.',
  countryFormat: 'Code pays ISO 3166-1 à deux lettres attendu (ex. : JP).',
  countryRequired: 'Indiquez le pays de la collectivité étrangère.',
  referenceRequired:
    'Une collectivité française se choisit dans le référentiel officiel : indiquez son code INSEE ou son SIREN.',
  notInReference: 'Cette collectivité est introuvable dans le référentiel officiel.',
  noSuchCodeInReference: 'Aucune collectivité de ce type ne porte ce code dans le référentiel officiel.',
  sirenMismatch: 'Le SIREN ne correspond pas à cette collectivité.',
  sirenOf: ({ name, siren }: { name: string; siren: string }) => `Le SIREN de ${name} est ${siren}.`,
  organisationExists: ({ name }: { name: string }) => `Cette organisation existe déjà : ${name}.`,
  organisationNotFound: 'Organisation introuvable.',
  unknownOrganisation: 'Cette organisation n’existe pas.',
  regionFormat: 'Code région invalide.',
  trueOrFalse: 'Valeur attendue : true ou false.',
  filtersIgnored: 'Certains filtres étaient invalides et ont été ignorés.',

  // Memberships
  yearExpected: 'Année attendue.',
  yearTooOld: 'Année trop ancienne.',
  yearTooFar: 'Année trop lointaine.',
  membershipStatus: 'Statut attendu : pending, active ou lapsed.',
  centsExpected: 'Montant attendu en centimes.',
  centsWithoutComma: 'Montant attendu en centimes, sans virgule.',
  feeNegative: 'Le montant ne peut pas être négatif.',
  feeTooHigh: 'Montant trop élevé.',
  feeUnreadable: 'Montant illisible : écrivez par exemple 1250 ou 1 250,50.',

  // People and mandates
  emailTooLong: 'Adresse trop longue.',
  emailInvalid: 'Adresse électronique invalide.',
  unknownPersonKind: 'Type de personne inconnu (elected, officer, staff, partner).',
  onlyElectedHaveMandates: 'Seuls les élus ont un mandat.',
  organisationMissing: 'Organisation introuvable.',
  emailTaken: 'Une personne utilise déjà cette adresse électronique.',
  emailAlreadyUsed: 'Cette adresse est déjà utilisée.',
  personNotFound: 'Personne introuvable.',
  confirmErasure: 'Cochez la case pour confirmer l’effacement : rien n’a été effacé.',
  cannotEraseSelf:
    'Vous ne pouvez pas effacer votre propre compte depuis cette page : demandez-le à une autre personne de l’équipe.',
  mandateNotFound: 'Mandat introuvable.',
  mandateAlreadyEnded: 'Ce mandat est déjà terminé.',
  mandateEndsBeforeStart: 'La fin du mandat ne peut précéder son début.',
  endBeforeStart: 'La date de fin précède la date de début.',
  alreadyThere: 'Cette personne appartient déjà à cette organisation.',
  onlyReferentsAddPeople: 'Seul le ou la référente de la collectivité peut ajouter des personnes.',

  // Imports: a refused line's reason reads after its line number (« ligne 12 : … »), hence no capital.
  importPersonKind: ({ kind }: { kind: string }) =>
    `type « ${kind} » inconnu (attendu : élu, technicien ou partenaire)`,
  importOrganisationKind: ({ kind }: { kind: string }) => `type « ${kind} » inconnu`,
  importOrganisationNotFound: ({ name }: { name: string }) => `organisation « ${name} » introuvable`,
  importOrganisationAmbiguous: ({ name }: { name: string }) =>
    `plusieurs organisations s’appellent « ${name} » : indiquez le SIREN`,
  importEmailKnown: ({ email }: { email: string }) => `l’adresse ${email} est déjà enregistrée`,
  importSirenKnown: ({ siren }: { siren: string }) => `le SIREN ${siren} est déjà enregistré`,
  importDuplicate: ({ line }: { line: number }) => `doublon de la ligne ${line}`,
  importFields: ({ fields }: { fields: [field: string, message: string][] }) =>
    fields.map(([field, message]) => `${field} : ${message.replace(/\.$/, '')}`).join(' ; '),
  importMissingColumns: ({ columns }: { columns: string[] }) =>
    `Colonnes manquantes : ${columns.join(', ')}. La première ligne doit nommer les colonnes.`,
  importTooLong: 'Un import compte 5 000 lignes au plus.',
  importNoFile: 'Choisissez un fichier CSV ou Excel.',
  importAlreadyApplied: 'Cet import a déjà été effectué.',
  importNotFound: 'Import introuvable.',

  // Pages: a record named by a valid address that does not exist (any more).
  organisationGone: 'Cette organisation n’existe pas ou plus.',
  personGone: 'Cette personne n’existe pas ou plus.',
  importGone: 'Cet import n’existe pas ou plus.',
});

/** How an import's reasons name the columns (« prénom : Ce champ est obligatoire »). */
export const importColumnNames: Record<string, string> = {
  firstName: 'prénom',
  lastName: 'nom',
  email: 'email',
  kind: 'type',
  'mandate.title': 'mandat',
  'mandate.startsOn': 'début du mandat',
  mandate: 'mandat',
  name: 'nom',
  inseeCode: 'code INSEE',
  siren: 'SIREN',
  country: 'pays',
};

export const organisationsNotices = defineNotices('organisations', {
  organisation_created: 'Organisation ajoutée.',
  membership_saved: 'Adhésion enregistrée.',
  person_created: 'Personne ajoutée.',
  person_attach_requested:
    'Demande enregistrée : l’équipe du réseau vérifie cette adresse avant de l’ajouter à votre collectivité.',
  person_erased: 'Personne effacée : il ne reste d’elle que les comptes anonymes du passé.',
  mandate_started: 'Mandat ajouté.',
  mandate_ended: 'Mandat terminé.',
  person_moved: 'Rattachement modifié ; l’historique est conservé.',
  account_updated: 'Compte mis à jour.',
  referent_updated: 'Rôle de référent·e mis à jour.',
});
