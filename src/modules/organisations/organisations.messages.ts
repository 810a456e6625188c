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

  // Lifecycle of organisations (edit what is not from the reference, archive, restore)
  fromReference:
    'Le nom et les codes d’une collectivité française viennent du référentiel officiel : ils ne se modifient pas ici.',
  fromReferenceField: 'Donné par le référentiel officiel.',
  organisationArchived: 'Cette organisation est archivée : restaurez-la d’abord.',
  alreadyArchived: 'Cette organisation est déjà archivée.',
  notArchived: 'Cette organisation n’est pas archivée.',
  nothingToChange: 'Rien à modifier.',

  // Lifecycle of people (edit, change of address, merge)
  emailInUse: 'Cette adresse électronique est déjà celle d’une autre personne.',
  staffOnlyChanges:
    'Seule l’équipe du réseau change l’adresse électronique ou le type d’une personne (l’adresse est la clé de son compte).',
  ownKind: 'Vous ne pouvez pas changer votre propre type de compte.',
  unknownCivility: 'Civilité attendue : madame, monsieur, ou rien.',
  samePerson: 'Une fiche ne se fusionne pas avec elle-même.',
  mergeSelf:
    'Vous ne pouvez pas fusionner votre propre fiche : elle disparaîtrait, et votre session avec elle.',
  mergeTargetMissing: 'La personne à garder n’existe pas ou plus.',
  chooseMergeTarget: 'Choisissez la fiche à garder.',
  heldMandates: 'Mandats',
  heldAffiliations: 'Rattachements à des organisations (historique compris)',
  emailChangedSubject: ({ network }: { network: string }) =>
    `Votre adresse électronique a changé sur la plateforme de ${network}`,
  emailChangedBody: ({ network, email }: { network: string; email: string }) =>
    `L’équipe de ${network} a remplacé cette adresse par ${email} sur votre compte. Vos liens de connexion seront désormais envoyés à cette nouvelle adresse.`,
  emailChangedWhy: ({ network }: { network: string }) =>
    `Vous recevez ce message car cette adresse était celle de votre compte sur la plateforme de ${network}. Si ce changement vous surprend, contactez l’équipe du réseau.`,

  // The people directory
  mandateFilter: 'Valeur attendue : true ou false.',
  exportFiltersInvalid:
    'Certains filtres de l’adresse sont invalides : revenez à la liste et exportez-la depuis son lien.',

  // Renewals and their reminders
  roundUnknown: ({ next }: { next: number }) =>
    `Cette relance n’existe pas : la prochaine est la relance n° ${next}.`,
  yearChanged: 'L’année a changé depuis l’aperçu : affichez de nouveau l’aperçu des relances.',
  notLate: 'Cette organisation n’a pas d’adhésion à renouveler cette année.',
  reminderSubject: ({
    organisation,
    year,
    network,
  }: {
    organisation: string;
    year: number;
    network: string;
  }) => `Adhésion ${year} de ${organisation} à ${network}`,
  reminderBody: ({ organisation, year, network }: { organisation: string; year: number; network: string }) =>
    `${organisation} était adhérente de ${network} en ${year - 1}. Nous n’avons pas encore reçu son adhésion pour ${year} : pouvez-vous nous dire où en est le renouvellement ?`,
  reminderContact: ({ email, phone }: { email: string; phone: string }) =>
    `L’équipe du réseau répond à ${email} et au ${phone}.`,
  reminderWhyReferent: ({ organisation }: { organisation: string }) =>
    `Vous recevez ce message car vous êtes référent·e de ${organisation} sur la plateforme du réseau.`,
  reminderWhyElected: ({ organisation }: { organisation: string }) =>
    `Vous recevez ce message car vous êtes élu·e de ${organisation} sur la plateforme du réseau, et la collectivité n’y a pas encore de référent·e.`,
  reminderAction: 'Voir l’adhésion dans mon espace',

  // The staff's home
  attentionRenewals: ({ year }: { year: number }) => `adhésions ${year} à renouveler`,
  attentionImports: 'imports avec des lignes refusées, pas encore enregistrés',
  searchPerson: 'Personne',
  searchOrganisation: 'Organisation',
  searchArchived: 'archivée',
  searchDisabled: 'compte désactivé',

  // Imports
  importAbandoned: 'Cet import a déjà été enregistré : il ne s’abandonne plus.',

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
  organisation_updated: 'Organisation modifiée.',
  organisation_archived:
    'Organisation archivée : elle n’apparaît plus dans les listes, son historique est gardé.',
  organisation_restored: 'Organisation restaurée.',
  person_updated: 'Fiche modifiée.',
  profile_updated: 'Votre profil est à jour.',
  people_merged: 'Fiches fusionnées : tout ce que la fiche en double portait est maintenant ici.',
  reminders_queued:
    'Relances enregistrées : les courriels partent par la file d’envoi, une fois par organisation.',
  import_abandoned: 'Import abandonné.',
});
