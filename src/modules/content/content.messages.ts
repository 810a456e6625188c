// The French texts of the content module's results and notices.
import { defineMessages, defineNotices } from '../../platform/messages.ts';

export const messages = defineMessages('content', {
  invalid: 'Le texte n’a pas pu être enregistré.',
  bodyRequired: 'Écrivez le texte : il ne peut pas être vide.',
  bodyTooLong: 'Le texte est trop long (20 000 caractères au plus).',
  versionNotFound: 'Cette version du texte n’existe pas.',
  textNotFound: 'Ce texte n’existe pas.',
});

export const notices = defineNotices('content', {
  saved: 'Texte enregistré : il est en ligne.',
  unchanged: 'Le texte n’a pas changé : rien n’a été enregistré.',
  restored: 'L’ancienne version est remise en ligne.',
});
