// The texts of the Rencontres' badges (keys `conferences.badges*`).
import { defineMessages } from '../../platform/messages.ts';

export const badgesMessages = defineMessages('conferences', {
  badgesDocumentTitle: ({ title }: { title: string }) => `Badges — ${title}`,
  badgesNone:
    'Aucun badge à imprimer : aucune inscription confirmée aux Rencontres ne correspond à la sélection.',
});
