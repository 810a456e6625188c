// The texts of the atlas's staff pages (keys `atlas.staff*`, notices `atlas.staff_*`): kept apart from
// atlas.messages.ts, which the public pages and the API share.
import { defineMessages, defineNotices } from '../../platform/messages.ts';

export const staffAtlasMessages = defineMessages('atlas', {
  staffBudgetExpected: 'Montant en euros attendu, par exemple 12 500,50 (deux décimales au plus).',
  staffChooseAction: 'Choisissez : archiver ou restaurer.',
  staffNothingSelected: 'Cochez au moins un partenariat.',
  staffNothingChanges: 'Aucun des partenariats cochés ne change : ils sont déjà dans cet état.',
  staffPartnerRequired:
    'Choisissez la collectivité partenaire dans la liste, ou créez-la avec son nom et son pays.',
  staffPartnerTwice:
    'Choisissez une collectivité partenaire existante ou créez-en une nouvelle, pas les deux.',
  staffCountryExpected: 'Choisissez un pays de la liste.',
  staffIntroductionTooLong: 'L’introduction compte au plus 20 000 caractères.',
  staffPublicationKindExpected: 'Choisissez : guide, brochure ou rapport.',
  staffUrlExpected: 'Adresse web attendue, commençant par https:// ou http://.',
  staffPublicationTwice: 'Une publication de ce titre existe déjà à cette date d’édition.',
  staffPublicationArchived: 'Cette publication est archivée : restaurez-la d’abord.',
});

export const staffAtlasNotices = defineNotices('atlas', {
  staff_partnership_created: 'Partenariat créé.',
  staff_partnership_saved: 'Partenariat enregistré.',
  staff_partnership_archived:
    'Partenariat archivé : il n’apparaît plus dans l’atlas, son historique est gardé.',
  staff_partnership_restored: 'Partenariat restauré : il apparaît de nouveau dans l’atlas.',
  staff_bulk_archived: 'Les partenariats cochés sont archivés.',
  staff_bulk_restored: 'Les partenariats cochés sont restaurés.',
  staff_project_added: 'Projet ajouté.',
  staff_project_saved: 'Projet enregistré.',
  staff_project_deleted: 'Projet supprimé.',
  staff_introduction_saved: 'Introduction du répertoire enregistrée.',
  staff_publication_created: 'Publication ajoutée au catalogue.',
  staff_publication_saved: 'Publication enregistrée.',
  staff_publication_archived: 'Publication archivée : elle n’apparaît plus dans le catalogue.',
  staff_publication_restored: 'Publication restaurée dans le catalogue.',
});
