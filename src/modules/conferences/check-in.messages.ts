// The texts of check-in at the Rencontres' doors (keys `conferences.checkIn*`), written for the staff member
// holding the phone: short enough to read at arm's length, and saying what to do next.
import { defineMessages } from '../../platform/messages.ts';

export const checkInMessages = defineMessages('conferences', {
  checkInWelcome: 'Bienvenue',
  checkInAlready: ({ time }: { time: string }) => `Déjà enregistré·e à ${time}`,
  checkInUnknownCode:
    'Code inconnu : ce n’est pas le code d’un badge ni d’une confirmation d’inscription. Cherchez la personne dans la liste d’émargement.',
  checkInOtherEdition: ({ name }: { name: string }) =>
    `${name} est inscrit·e à une autre édition des Rencontres, pas à celle-ci.`,
  checkInOtherEvent: ({ name, title }: { name: string; title: string }) =>
    `${name} est inscrit·e à « ${title} », pas à ces Rencontres.`,
  checkInNotChosen: ({ name, title }: { name: string; title: string }) =>
    `${name} n’a pas choisi « ${title} ». Indiquez-lui son atelier ; s’il reste de la place, vous pouvez laisser entrer cette personne.`,
  checkInChoiceWaitlisted: ({ name, title }: { name: string; title: string }) =>
    `${name} est sur la liste d’attente de « ${title} ». S’il reste de la place, vous pouvez laisser entrer cette personne.`,
  checkInInvalidBatch: 'Ces passages sont illisibles : rechargez la page.',
});
