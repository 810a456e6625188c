// The texts of the Rencontres' public programme: the grid, the lists, a session's page, the calendar
// (keys `conferences.programme*`).
import { defineMessages } from '../../platform/messages.ts';

export const programmeMessages = defineMessages('conferences', {
  programmeFiltersIgnored: 'Certains filtres étaient invalides et ont été ignorés.',
  programmeDayEmpty: 'Le programme de cette journée n’est pas encore publié.',
  programmeDayNoMatch: 'Aucune séance de cette journée ne correspond aux filtres choisis.',
  programmeNoMatch: 'Aucune séance ne correspond aux filtres choisis.',
  programmeNoRooms:
    'Les salles ne sont pas encore attribuées : voici les séances dans l’ordre de la journée.',
  programmeNoEditions: 'Aucune édition des Rencontres n’est encore annoncée.',
  programmeEventCancelled: 'Cette édition des Rencontres est annulée.',
  programmeProvisional: 'Dates provisoires : elles peuvent encore changer.',
  programmeSessionCancelled: 'Cette séance est annulée : elle n’a plus lieu.',
  programmeScrollHint:
    'La grille est large : elle défile horizontalement dans son cadre. La liste qui la suit donne les mêmes séances, une par ligne.',
  programmeCalendarName: ({ title }: { title: string }) => `Programme — ${title}`,
});
