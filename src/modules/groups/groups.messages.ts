// The texts of the groups' results, pages and mails (keys `groups.*`).
import { defineMessages, defineNotices } from '../../platform/messages.ts';

export const groupsMessages = defineMessages('groups', {
  invalid: 'Certaines informations sont invalides.',
  forbidden: 'Vous n’avez pas le droit de faire cela.',
  groupNotFound: 'Ce groupe n’existe pas.',
  personNotFound: 'Cette personne n’existe pas.',
  organisationNotFound: 'Cette organisation n’existe pas.',
  eventNotFound: 'Cet événement n’existe pas.',
  documentNotFound: 'Ce document n’existe pas ou ne vous est pas ouvert.',

  // Fields
  kindExpected: 'Choisissez : groupe-pays, dynamique thématique ou mission transversale.',
  statusExpected: 'Choisissez : actif ou en sommeil.',
  countryExpected: ({ code }: { code: string }) =>
    `« ${code} » n’est pas un code de pays ISO 3166-1 (deux lettres, par exemple JP pour le Japon).`,
  tooManyCountries: 'Au plus 30 pays.',
  roadmapItemNotFound: 'Cette étape n’est pas dans la feuille de route du groupe.',
  roadmapStatusExpected: 'Choisissez : prévu, en cours, fait ou abandonné.',
  visibilityExpected: 'Choisissez : public ou réservé aux membres du groupe.',
  documentKindExpected: 'Choisissez : compte rendu ou document.',
  chooseFile: 'Choisissez un fichier.',

  // Groups
  archived: 'Ce groupe est archivé.',

  // Chairs
  chairNotEligible: ({ reason }: { reason: string }) =>
    `Cette personne ne peut pas présider le groupe : ${reason} La présidence revient à un·e élu·e d’une collectivité adhérente, avec un mandat en cours.`,
  reasonNotElected: 'elle n’est pas enregistrée comme élue.',
  reasonDisabled: 'son compte est désactivé.',
  reasonNoMandate: ({ day }: { day: string }) => `elle n’a pas de mandat en cours le ${day}.`,
  reasonNotLocalGovernment: 'son mandat n’est pas celui d’une collectivité territoriale française.',
  reasonNotMember: ({ organisation, year }: { organisation: string; year: number }) =>
    `${organisation} n’est pas adhérente à jour de sa cotisation ${year}.`,
  alreadyChair: 'Cette personne préside déjà le groupe.',
  startsBeforeCurrent: ({ day }: { day: string }) =>
    `La présidence en cours a commencé le ${day} : la suivante commence après.`,

  // Members and followers
  alreadyMember: 'Cette organisation est déjà membre du groupe.',
  notMember: 'Cette organisation n’est pas membre du groupe.',
  noOrganisation: 'Votre compte n’est rattaché à aucune organisation.',

  // Meetings
  alreadyMeeting: 'Cet événement est déjà une réunion du groupe.',
  chooseEvent: 'Choisissez un événement.',
  notMeeting: 'Cet événement n’est pas une réunion du groupe.',
  groupOnly: ({ names }: { names: string }) =>
    `Cette réunion est réservée aux membres de ${names} : les personnes des organisations membres et celles qui suivent le groupe. Suivez le groupe depuis sa page, ou demandez au référent de votre organisation de l’y inscrire.`,
  notGroupMeeting: 'Cet événement n’est la réunion d’aucun groupe : il n’y a personne à inviter.',
  cancelledNoInvitation: 'Cet événement est annulé : on n’y invite plus personne.',
  startedNoInvitation: 'Cet événement a commencé : il est trop tard pour inviter.',

  // Mails
  invitationIntro: ({ groups, title }: { groups: string; title: string }) =>
    `${groups} se réunit : vous êtes invité·e à « ${title} ».`,
  invitationHowTo:
    'Pour participer, inscrivez-vous avec le bouton ci-dessous ; l’invitation jointe ajoute la réunion à votre agenda.',
  invitationReasonFollower: ({ groups }: { groups: string }) =>
    `Vous recevez cette invitation car vous suivez ${groups}. Vous pouvez cesser de le suivre depuis « Mes groupes ».`,
  invitationReasonReferent: ({ groups }: { groups: string }) =>
    `Vous recevez cette invitation car votre organisation est membre de ${groups} et vous en êtes le ou la référent·e.`,
  reminderIntro: ({ title, when }: { title: string; when: string }) =>
    `Vous avez été invité·e à « ${title} », ${when}, et nous n’avons pas encore votre inscription.`,
  reminderReason:
    'Vous recevez ce rappel car vous avez été invité·e à cette réunion et ne vous y êtes pas inscrit·e.',
});

export const groupsNotices = defineNotices('groups', {
  group_created: 'Groupe créé.',
  group_saved: 'Groupe enregistré.',
  group_archived: 'Groupe archivé : il n’apparaît plus dans les listes.',
  chair_appointed: 'Présidence enregistrée : la précédente s’achève la veille.',
  member_added: 'Organisation ajoutée au groupe.',
  member_removed: 'Organisation retirée du groupe.',
  joined: 'Votre organisation est membre du groupe.',
  followed: 'Vous suivez ce groupe : vous recevrez ses invitations.',
  unfollowed: 'Vous ne suivez plus ce groupe.',
  colleague_followed: 'Votre collègue suit désormais le groupe.',
  meeting_linked: 'Réunion rattachée au groupe.',
  meeting_unlinked: 'Réunion retirée du groupe : l’événement reste à l’agenda.',
  follower_removed: 'La personne ne suit plus le groupe.',
  roadmap_added: 'Étape ajoutée à la feuille de route.',
  roadmap_saved: 'Étape mise à jour.',
  roadmap_deleted: 'Étape supprimée de la feuille de route.',
  document_added: 'Document ajouté.',
  document_removed: 'Document retiré : il n’est plus lisible sur la page du groupe.',
  invitations_sent: 'Invitations envoyées : chaque personne reçoit un courriel, une fois.',
  nobody_to_invite: 'Personne de plus à inviter : chacun a déjà reçu son invitation.',
});
