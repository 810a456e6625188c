// The texts of the Rencontres' results, pages and mails (keys `conferences.*`).
import { defineMessages } from '../../platform/messages.ts';

export const conferencesMessages = defineMessages('conferences', {
  invalid: 'Certaines informations sont invalides.',
  forbidden: 'Vous n’avez pas le droit de faire cela.',
  conferenceNotFound: 'Ces Rencontres n’existent pas.',
  roomNotFound: 'Cette salle n’est pas une salle de ces Rencontres.',
  sessionNotFound: 'Cette séance n’est pas au programme de ces Rencontres.',
  registrationNotFound: 'Cette inscription aux Rencontres n’existe pas.',
  personNotFound: 'Cette personne n’existe pas.',
  groupNotFound: 'Ce groupe n’existe pas.',
  nobodyWithEmail: 'Personne n’a de compte avec cette adresse : créez-le d’abord dans l’annuaire.',
  archived: 'Ces Rencontres sont archivées.',
  alreadyConference: 'Cet événement est déjà une édition des Rencontres.',

  // Fields
  dayExpected: 'Date attendue au format AAAA-MM-JJ.',
  dateTimeExpected: 'Date attendue au format AAAA-MM-JJ, ou date et heure ISO 8601 avec décalage.',
  endsBeforeStart: 'La fin est avant le début.',
  closesBeforeOpening: 'La clôture des inscriptions est avant leur ouverture.',
  capacityExpected: 'Nombre de places attendu : un nombre entier de 1 à 100 000.',
  slotExpected: 'Pas de la grille attendu : 5, 10, 15, 20, 30 ou 60 minutes.',
  kindExpected: ({ kinds }: { kinds: string }) => `Type de séance attendu, parmi : ${kinds}.`,
  categoryExpected: ({ codes }: { codes: string }) => `Catégorie attendue, parmi : ${codes}.`,
  feeExpected: 'Tarif attendu : un montant positif en centimes.',
  colourExpected: 'Couleur attendue au format #RRGGBB.',
  roomRequired:
    'Choisissez une salle : seuls les pauses, le déjeuner et l’accueil occupent toutes les salles.',
  outsideDays: ({ days }: { days: string }) => `Une séance a lieu pendant les Rencontres : ${days}.`,
  sameDay: 'Une séance commence et finit le même jour.',
  speakerNameExpected: 'Donnez le nom de l’intervenant·e, ou choisissez une personne de la plateforme.',

  // The grid
  roomConflict: ({ room, title, when }: { room: string; title: string; when: string }) =>
    `La salle « ${room} » est déjà prise par « ${title} » (${when}).`,
  everyRoomConflict: ({ title, when }: { title: string; when: string }) =>
    `« ${title} » (${when}) occupe toutes les salles à ce moment-là.`,
  speakerConflict: ({ name, title, when }: { name: string; title: string; when: string }) =>
    `${name} intervient déjà dans « ${title} » (${when}) : une personne ne peut pas être à deux endroits à la fois.`,
  sessionCancelled: 'Cette séance est annulée.',

  // Registrations
  categoryStaffOnly: ({ label }: { label: string }) =>
    `La catégorie « ${label} » est attribuée par l’équipe du réseau. Écrivez-nous si elle vous concerne.`,
  categoryMemberOnly: ({ organisation }: { organisation: string }) =>
    `${organisation} n’est pas adhérente à jour de sa cotisation : choisissez la catégorie « Collectivité non adhérente ».`,
  categoryIsMember: ({ organisation }: { organisation: string }) =>
    `${organisation} est adhérente : l’entrée est gratuite, choisissez la catégorie « Collectivité adhérente ».`,
  categoryFrenchLocalGovernment:
    'Cette catégorie est celle des personnes d’une collectivité territoriale française.',
  categoryForeign: 'Cette catégorie est celle des collectivités étrangères et de leurs délégations.',
  quotaReached: ({ label }: { label: string }) =>
    `Les places de la catégorie « ${label} » sont toutes prises. Écrivez-nous : nous vous dirons s’il s’en libère.`,
  notARegistration: 'Cette inscription n’est pas une inscription aux Rencontres.',

  // Choices
  notChoosable: 'Cette séance ne se choisit pas : elle est ouverte à toutes les personnes inscrites.',
  invitationOnly: 'Cette séance est réservée aux personnes invitées.',
  notConfirmed:
    'Votre inscription aux Rencontres est sur la liste d’attente : vous choisirez vos ateliers quand elle sera confirmée.',
  registrationCancelled: 'Cette inscription aux Rencontres est annulée.',
  notAttendingThatDay: ({ day }: { day: string }) =>
    `Cette séance a lieu le ${day}, un jour où vous n’êtes pas inscrit·e.`,
  alreadyChosen: 'Cette séance est déjà dans votre programme.',
  overlap: ({ title, when }: { title: string; when: string }) =>
    `Cette séance a lieu en même temps que « ${title} » (${when}), déjà dans votre programme. Retirez-la d’abord pour choisir celle-ci.`,
  notChosen: 'Cette séance n’est pas dans votre programme.',
  ended: 'Ces Rencontres sont passées : le programme ne change plus.',
  myCalendarName: ({ title }: { title: string }) => `Mon programme — ${title}`,
});
