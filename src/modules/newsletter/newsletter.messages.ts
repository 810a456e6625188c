// The texts of « La Lettre » (keys `newsletter.*`).
import { defineMessages, defineNotices } from '../../platform/messages.ts';

export const newsletterMessages = defineMessages('newsletter', {
  invalid: 'Certaines informations sont invalides.',
  notFound: 'Cette Lettre n’existe pas, ou n’est pas encore publiée.',
  periodBackwards: 'La fin de la période doit venir après son début (ou le même jour).',
  linkExpected: 'Lien attendu : une adresse web complète, commençant par https:// ou http://.',
  tooManySections: 'Une Lettre a au plus 20 rubriques.',
  tooManyItems: 'Une rubrique a au plus 30 articles.',
  publishedNotDeleted:
    'Cette Lettre est publiée : elle reste dans les archives. Dépubliez-la d’abord si elle ne devait pas paraître.',
  sectionLine: ({ line }: { line: number }) =>
    `Ligne ${line} : un article (« ### titre ») doit suivre une rubrique (« ## titre »).`,
  publishChoice: 'Choisissez de publier la Lettre ou de la dépublier.',
  orphanLine: ({ line }: { line: number }) =>
    `Ligne ${line} : ce texte n’appartient à aucun article ; commencez l’article par une ligne « ### titre ».`,
  itemWithoutText: ({ title }: { title: string }) => `L’article « ${title} » n’a pas de texte.`,
});

export const newsletterNotices = defineNotices('newsletter', {
  created: 'La Lettre est enregistrée en brouillon : relisez-la dans sa version web avant de la publier.',
  updated: 'La Lettre est modifiée.',
  deleted: 'Le brouillon est supprimé.',
  published: 'La Lettre est publiée : sa version web est dans les archives, ouverte à tous.',
  unpublished: 'La Lettre est dépubliée : elle redevient un brouillon, que seule l’équipe voit.',
});
