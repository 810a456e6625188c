// The texts of « La Lettre » (keys `newsletter.*`).
import { defineMessages, defineNotices } from '../../platform/messages.ts';

export const newsletterMessages = defineMessages('newsletter', {
  invalid: 'Certaines informations sont invalides.',
  notFound: 'Cette Lettre n’existe pas, ou n’est pas encore publiée.',
  periodBackwards: 'La fin de la période doit venir après son début (ou le même jour).',
  linkExpected:
    'Lien attendu : une adresse web complète, commençant par https:// ou http://, ou une page de la plateforme commençant par / (un événement, un groupe, un fonds, un appel).',
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
  imageMissing: 'Choisissez une image à envoyer.',
  imageTooLarge: 'Cette image dépasse 2 Mo : réduisez-la avant de l’envoyer.',
  imageType: 'Seules les images PNG et JPEG sont acceptées (elles s’affichent dans toutes les messageries).',
  imageInUse: 'Cette image figure dans un article : retirez-la de l’article avant de la supprimer.',
  imageGone: 'Cette image n’existe pas, ou n’appartient pas à cette Lettre.',
  imageNotOfIssue:
    'Image inconnue : ajoutez-la d’abord sur la page de la Lettre, puis recopiez la ligne « Image : … » qu’elle donne.',
  imageWithoutAlt: ({ line }: { line: number }) =>
    `Ligne ${line} : après « | », décrivez ce que l’image montre (texte alternatif, lu à ceux qui ne la voient pas).`,
  emailInvalid: 'Adresse électronique invalide : elle s’écrit comme nom@exemple.fr.',
  topicUnknown: 'Choix inconnu : choisissez parmi les Lettres proposées.',
  noTopic: 'Choisissez au moins une Lettre à recevoir, ou désabonnez-vous.',
  consentText: ({ network }: { network: string }) =>
    `J’accepte de recevoir par courriel La Lettre de ${network} et les nouvelles que j’ai choisies. Mon adresse ne sert qu’à cela ; je peux me désabonner à tout moment, en un clic, par le lien présent dans chaque envoi.`,
  letterTopic: ({ network }: { network: string }) => `La Lettre de ${network}`,
  groupTopic: ({ name }: { name: string }) => `Les nouvelles du groupe ${name}`,
  subscriptionGone: 'Ce lien ne correspond à aucun abonnement : il a peut-être été mal copié.',
  greeting: 'Bonjour,',
  subscribedOwn: ({ email }: { email: string }) =>
    `C’est noté : La Lettre et les nouvelles choisies arriveront à ${email}. Un lien en bas de chaque envoi permet de changer d’avis.`,
  subscribedCheckMail:
    'Si cette adresse n’est pas encore abonnée, un courriel vient de lui être envoyé : cliquez sur le bouton qu’il contient pour confirmer. Sans confirmation, vous ne recevrez rien.',
  confirmed: 'Votre abonnement est confirmé : vous recevrez la prochaine Lettre. Merci !',
  unsubscribed:
    'C’est fait : cette adresse ne recevra plus La Lettre. Vous pouvez vous réabonner à tout moment depuis la page de La Lettre.',
  preferencesSaved: 'Vos choix sont enregistrés.',
  noOwnAddress: 'Votre fiche n’a pas d’adresse électronique : ajoutez-la pour recevoir un essai.',
  segmentUnknown: 'Choisissez à qui envoyer la Lettre parmi les destinataires proposés.',
  sendUnpublished: 'Publiez d’abord la Lettre : le courriel renvoie à sa version en ligne.',
  confirmSubject: ({ network }: { network: string }) =>
    `Confirmez votre abonnement à La Lettre de ${network}`,
  confirmIntro: ({ network }: { network: string }) =>
    `Vous avez demandé à recevoir La Lettre de ${network}. Pour confirmer que cette adresse est bien la vôtre, cliquez sur le bouton ci-dessous.`,
  confirmNothingBefore: 'Tant que vous n’avez pas confirmé, nous ne vous enverrons rien d’autre.',
  confirmAction: 'Confirmer mon abonnement',
  confirmNotYou:
    'Si vous n’avez rien demandé, ignorez ce courriel : sans confirmation, votre adresse ne recevra aucune Lettre et sera oubliée.',
});

export const newsletterNotices = defineNotices('newsletter', {
  created: 'La Lettre est enregistrée en brouillon : relisez-la dans sa version web avant de la publier.',
  updated: 'La Lettre est modifiée.',
  deleted: 'Le brouillon est supprimé.',
  published: 'La Lettre est publiée : sa version web est dans les archives, ouverte à tous.',
  unpublished: 'La Lettre est dépubliée : elle redevient un brouillon, que seule l’équipe voit.',
  sending: 'L’envoi est lancé : suivez sa progression ci-dessous.',
  nobodyNew: 'Personne de plus à qui l’envoyer : chaque abonné de ce choix l’a déjà reçue.',
  imageAdded:
    'L’image est ajoutée : recopiez sa ligne « Image : … » dans l’article voulu, avec sa description.',
  imageDeleted: 'L’image est supprimée.',
  testSent: 'L’essai part à votre adresse : vérifiez votre messagerie dans une minute.',
  unsubscribedByStaff: 'L’adresse est désabonnée ; la trace en est gardée.',
});
