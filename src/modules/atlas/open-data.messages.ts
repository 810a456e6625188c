// The texts of the atlas's open data: the public export and the import of files in the MEAE Atlas's style.
import { defineMessages, defineNotices } from '../../platform/messages.ts';

const quoted = (values: readonly string[]) => values.map((v) => `« ${v} »`).join(', ');

export const openDataMessages = defineMessages('atlas', {
  // The file
  importNoFile: 'Choisissez un fichier CSV ou Excel (.xlsx) à importer.',
  importMissingColumns: ({ columns }: { columns: string[] }) =>
    `Colonnes introuvables : ${quoted(columns)}. La première ligne du fichier doit nommer les colonnes (voir la liste sur cette page).`,
  importTooLong: 'Au plus 5 000 lignes par fichier : découpez-le.',
  importEmpty: 'Le fichier ne contient aucune ligne de partenariat sous la ligne des en-têtes.',
  importNotFound: 'Cet import n’existe pas ou a été abandonné.',
  importAlreadyApplied: 'Cet import a déjà été enregistré : rien n’a été écrit une seconde fois.',
  importCannotAbandon: 'Cet import a déjà été enregistré : il ne peut plus être abandonné.',
  importFailed: ({ line, reason }: { line: number; reason: string }) =>
    `L’enregistrement a échoué à la ligne ${line} (${reason}) : rien n’a été écrit. Corrigez le fichier et importez-le de nouveau.`,

  // A line refused
  lineFrenchMissing: 'Indiquez la collectivité française (SIREN ou code INSEE).',
  lineFrenchCode: ({ value }: { value: string }) =>
    `« ${value} » n’est ni un SIREN (9 chiffres) ni un code INSEE (« 49007 » pour une commune, « 49 » pour un département).`,
  lineFrenchUnknown: ({ value }: { value: string }) =>
    `Aucune collectivité française n’a le SIREN ou le code INSEE « ${value} », ni dans la plateforme ni dans le référentiel officiel.`,
  lineFrenchAmbiguous: ({ value, names }: { value: string; names: string[] }) =>
    `Le code « ${value} » désigne plusieurs collectivités (${names.join(', ')}) : donnez le SIREN, ou écrivez par exemple « département ${value} » ou « région ${value} ».`,
  lineFrenchArchived: ({ name }: { name: string }) =>
    `${name} est archivée dans la plateforme : restaurez-la avant d’importer ses partenariats.`,
  linePartnerMissing: 'Indiquez le nom de la collectivité partenaire.',
  lineCountryMissing:
    'Indiquez le pays du partenaire (code ISO comme « SN » ou nom français comme « Sénégal »).',
  lineCountryUnknown: ({ value }: { value: string }) =>
    `« ${value} » n’est ni un code de pays ISO (deux lettres) ni le nom français d’un pays.`,
  lineCountryFrance:
    'Le partenaire doit être une collectivité étrangère : le pays ne peut pas être la France.',
  linePartnerNotForeign: ({ name }: { name: string }) =>
    `« ${name} » est une collectivité française : le partenaire doit être une collectivité étrangère.`,
  lineKind: ({ value }: { value: string }) =>
    `Type « ${value} » inconnu : jumelage, coopération décentralisée, pacte d’amitié, protocole d’accord ou autre.`,
  lineStatus: ({ value }: { value: string }) => `Statut « ${value} » inconnu : actif, en sommeil ou terminé.`,
  lineYear: ({ column, value }: { column: string; value: string }) =>
    `${column} : « ${value} » n’est pas une année (quatre chiffres, par exemple 2019).`,
  lineAmount: ({ value }: { value: string }) =>
    `Montant (€) : « ${value} » n’est pas un montant en euros (par exemple 12 500 ou 12 500,50).`,
  lineTheme: ({ value }: { value: string }) =>
    `Thème « ${value} » inconnu : utilisez un thème de la liste (par exemple « Eau et assainissement » ou « water »).`,
  lineProjectWithoutTitle: 'Les colonnes du projet sont remplies mais pas son titre (colonne « Projet »).',
  lineProjectWithoutStart: 'Indiquez l’année de début du projet.',
  lineYearsOrder: 'L’année de fin du projet précède son année de début.',
  lineArchived: 'Ce partenariat est archivé : restaurez-le depuis sa page avant de l’importer.',
  lineContradicts: ({ column, line }: { column: string; line: number }) =>
    `${column} : la valeur contredit celle de la ligne ${line} pour le même partenariat.`,
  lineSameProject: ({ line }: { line: number }) =>
    `Le même projet (même titre et même année de début) est déjà à la ligne ${line}.`,
  lineInvalid: ({ reason }: { reason: string }) => `Ligne invalide : ${reason}`,

  // What a line does
  doneFrenchCreated: ({ name }: { name: string }) => `ajout de ${name} depuis le référentiel officiel`,
  donePartnerCreated: ({ name }: { name: string }) => `ajout du partenaire ${name}`,
  donePartnerPlace: ({ region }: { region: string }) => `région du partenaire : ${region}`,
  donePartnershipCreated: 'création du partenariat',
  donePartnershipChanged: ({ fields }: { fields: string[] }) =>
    `mise à jour du partenariat (${fields.join(', ')})`,
  doneProjectAdded: ({ title }: { title: string }) => `ajout du projet « ${title} »`,
  doneProjectChanged: ({ title, fields }: { title: string; fields: string[] }) =>
    `mise à jour du projet « ${title} » (${fields.join(', ')})`,
  upToDate: 'déjà à jour',
});

export const openDataNotices = defineNotices('atlas', {
  import_abandoned: 'L’import a été abandonné : rien n’a été enregistré.',
});
