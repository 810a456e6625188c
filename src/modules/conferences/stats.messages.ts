// The texts of the Rencontres' statistics for staff and the board (keys `conferences.stats*`): the summary
// the network says of an edition, the tables' captions and the words of their rows.
import { defineMessages } from '../../platform/messages.ts';

const people = (n: number, one: string, many: string) => `${n.toLocaleString('fr-FR')} ${n > 1 ? many : one}`;

export const statsMessages = defineMessages('conferences', {
  /** After the edition: « Près de 400 participants venus de 24 pays ». */
  statsSummaryPast: ({ count, near, countries }: { count: number; near: number | null; countries: number }) =>
    `${
      count === 0
        ? 'Aucun participant'
        : near !== null
          ? `Près de ${near.toLocaleString('fr-FR')} participants`
          : people(count, 'participant', 'participants')
    }${countries > 1 ? ` venus de ${countries.toLocaleString('fr-FR')} pays` : ''}`,
  /** Before it: « 123 inscrits à ce jour ». */
  statsSummaryUpcoming: ({ count, waitlisted }: { count: number; waitlisted: number }) =>
    `${count === 0 ? 'Aucun inscrit' : people(count, 'inscrit', 'inscrits')} à ce jour${
      waitlisted ? `, ${people(waitlisted, 'personne', 'personnes')} en liste d’attente` : ''
    }`,
  statsBasisPresent: 'D’après les présences enregistrées à l’accueil.',
  statsBasisConfirmed:
    'D’après les inscriptions confirmées : aucune présence n’a été enregistrée pour cette édition.',
  statsBasisRegistered: 'D’après les inscriptions confirmées.',

  statsCaptionRegistrations: 'Les inscriptions par état, et la présence des inscrits confirmés',
  statsCaptionCategories:
    'Les participants (inscriptions confirmées) par catégorie, et les montants dus pour ces inscriptions',
  statsCaptionDays:
    'Les participants attendus chaque jour (une inscription sans jour précisé compte pour chaque jour), et les badges scannés ce jour-là',
  statsCaptionCountries: 'Les participants par pays de leur organisation, les plus nombreux d’abord',
  statsCaptionRegions:
    'Les participants des collectivités territoriales françaises, par région, les plus nombreux d’abord',
  statsCaptionKinds: 'Les participants par type d’organisation',
  statsCaptionMembership:
    'Les participants dont l’organisation était adhérente au réseau au premier jour des Rencontres',
  statsCaptionWelcome: 'Ce que l’accueil doit prévoir pour les participants',
  statsCaptionWorkshops:
    'Le remplissage des ateliers et micro-ateliers, dans l’ordre du programme (places, choix confirmés, liste d’attente, présents à la porte)',

  statsNoOrganisation: 'Sans organisation',
  statsUnknownRegion: 'Région non renseignée',
  statsNoCategory: 'Sans catégorie',
  statsEveryDay: 'Tous les jours',
  statsNoRows: 'Personne à compter dans ce tableau.',
  statsNoWorkshops: 'Aucun atelier au programme.',
});
