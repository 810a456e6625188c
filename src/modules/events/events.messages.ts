// The texts that the agenda's results and pages carry (keys `events.*`): refusals, the field messages of its
// input schemas, who may attend (audiences), the reasons of a video-call report's lines, the notices after
// an action. A second language adds its texts for the same keys without touching the domain code.
import { defineMessages, defineNotices } from '../../platform/messages.ts';
import { formatMoment } from '../../platform/time.ts';

export const eventsMessages = defineMessages('events', {
  invalid: 'Certaines informations sont invalides.',
  forbidden: 'Vous n’avez pas le droit de faire cela.',
  eventNotFound: 'Cet événement n’existe pas.',
  personNotFound: 'Cette personne n’existe pas.',
  registrationNotFound: 'Cette inscription n’existe pas.',

  // Events: the fields of their input (the API's messages name codes, the form's say it in words)
  dateTimeExpected: 'Date et heure attendues (ISO 8601, ex. 2026-07-08T09:00:00+02:00).',
  dateOutOfRange: 'Cette date est hors des limites admises (2000 à 2200).',
  kindExpected: ({ kinds }: { kinds: readonly string[] }) =>
    `Type d’événement inconnu (${kinds.join(', ')}).`,
  formatExpected: 'Format attendu : in_person, hybrid ou online.',
  audienceExpected: ({ keys }: { keys: readonly string[] }) => `Public attendu : ${keys.join(', ')}.`,
  capacityExpected: 'Nombre de places attendu.',
  wholeNumber: 'Nombre entier attendu.',
  capacityNegative: 'Le nombre de places ne peut pas être négatif.',
  capacityTooHigh: 'Nombre de places trop élevé.',
  webAddressExpected: 'Adresse web attendue (https://…).',
  endBeforeStart: 'La fin précède le début.',
  seasonExpected: 'Numéro de saison attendu : un nombre entier à partir de 1.',
  sessionNumberExpected: 'Numéro de session attendu : un nombre entier à partir de 1.',
  closesBeforeOpening: 'La clôture des inscriptions précède leur ouverture.',
  inPersonHasNoLink: 'Un événement en présentiel n’a pas de lien de visioconférence.',
  unknownOrganisation: 'Une organisation organisatrice ou partenaire est introuvable.',
  unknownKind: 'Type d’événement inconnu.',
  unknownFormat: 'Format inconnu.',
  startRequired: 'Indiquez la date et l’heure de début.',
  endRequired: 'Indiquez la date et l’heure de fin.',
  nonexistentParisTime:
    'Cette heure n’existe pas à Paris ce jour-là (passage à l’heure d’été) : choisissez-en une autre.',
  unreadableDateTime:
    'Date et heure illisibles : choisissez-les dans le calendrier ou écrivez par exemple 08/07/2026 09:30.',
  chooseKind: 'Choisissez le type d’événement.',
  chooseFormat: 'Choisissez le format : en présentiel, hybride ou en visioconférence.',
  chooseAudience: 'Choisissez le public de l’événement.',

  // Changing and cancelling an event
  cancelledNoChange: 'Cet événement est annulé : il ne peut plus être modifié.',
  reasonRequired: 'Indiquez le motif de l’annulation.',
  alreadyCancelled: ({ since }: { since: Date }) =>
    `Cet événement est déjà annulé (depuis le ${formatMoment(since)}).`,
  eventOver: 'Cet événement est terminé : il ne peut plus être annulé.',
  confirmChange: ({ count }: { count: number }) =>
    count > 1
      ? `Ce changement (date, horaire, lieu, format ou lien) sera annoncé par courriel à ${count} personnes inscrites ou en attente. Vérifiez, puis confirmez.`
      : `Ce changement (date, horaire, lieu, format ou lien) sera annoncé par courriel à la personne inscrite ou en attente. Vérifiez, puis confirmez.`,

  // Staff acting on registrations
  notWaitlisted: 'Cette personne n’est pas sur la liste d’attente.',
  eventFull: ({ capacity }: { capacity: number }) =>
    `L’événement est complet (${capacity} places). Pour confirmer quand même cette personne, cochez « au-delà de la capacité ».`,
  eventOverNoPromotion: 'Cet événement est terminé : la liste d’attente est close.',
  chooseMode: 'Choisissez sur place ou en visioconférence.',
  notHybrid: 'Cet événement n’est pas hybride : la participation ne peut pas changer.',
  eventNotStarted: 'L’événement n’a pas encore commencé : une présence s’enregistre à partir de son début.',
  cancelledNoAttendance: 'Cet événement est annulé : aucune présence ne peut y être enregistrée.',
  noOrganisationNamed: ({ name }: { name: string }) =>
    `Aucune organisation ne correspond à « ${name} ». Vérifiez le nom (ou le SIREN), ou laissez le champ vide.`,
  severalOrganisationsNamed: ({ total, names }: { total: number; names: readonly string[] }) =>
    `${total} organisations correspondent : ${names.join(', ')}${total > names.length ? '…' : ''}. Écrivez le nom complet de l’une d’elles.`,

  // Registrations
  cancelledNoRegistration: 'Cet événement est annulé : il n’est plus possible de s’y inscrire.',
  registrationOpensAt: ({ opens }: { opens: Date }) =>
    `Les inscriptions ouvriront le ${formatMoment(opens)}.`,
  registrationClosed: 'Les inscriptions à cet événement sont closes.',
  inPersonOnly: 'Cet événement a lieu en présentiel seulement.',
  inPersonOnlyField: 'Présentiel seulement.',
  onlineOnly: 'Cet événement a lieu en visioconférence seulement.',
  onlineOnlyField: 'En ligne seulement.',
  modeExpected: 'Mode attendu : in_person ou online.',
  alreadyRegistered: ({ name }: { name: string }) => `${name} est déjà inscrit·e à cet événement.`,
  alreadyWaitlisted: ({ name }: { name: string }) =>
    `${name} est déjà sur la liste d’attente de cet événement.`,
  eventJustChanged:
    'L’événement vient d’être modifié plusieurs fois pendant votre inscription : rien n’a été enregistré, réessayez.',
  registrationAlreadyCancelled: 'Cette inscription est déjà annulée.',
  eventStarted: 'L’événement a commencé : l’inscription ne peut plus être annulée.',
  notAColleague: 'Une des personnes cochées ne fait pas partie de votre collectivité.',
  someone: 'cette personne',
  refusals: ({ refusals }: { refusals: readonly string[] }) => refusals.join(' '),
  refusedFor: ({ name, reason }: { name: string; reason: string }) => `${name} : ${reason}`,
  emailToRegister: 'Indiquez l’adresse électronique de la personne à inscrire.',
  nobodyWithEmail: ({ email }: { email: string }) =>
    `Aucune personne n’a l’adresse « ${email} ». Ajoutez-la d’abord depuis la page de son organisation.`,

  // Who may attend (the agenda's audiences)
  accountDisabled: 'Ce compte est désactivé.',
  audienceNotOpen: 'Les inscriptions à cet événement ne sont pas encore ouvertes.',
  membersOnlyNoOrganisation:
    'Cet événement est réservé aux adhérents du réseau, et votre compte n’est rattaché à aucune collectivité adhérente. Contactez l’équipe du réseau pour être rattaché·e à votre collectivité.',
  membersOnlyLapsed: ({ year }: { year: number }) =>
    `Cet événement est réservé aux adhérents du réseau, et votre organisation n’est pas à jour de son adhésion ${year}. Le ou la référente de votre collectivité, ou l’équipe du réseau, peut la renouveler ; les événements ouverts à tous restent accessibles.`,
  localGovernmentsOnly:
    'Cet événement s’adresse aux collectivités territoriales françaises uniquement (élus et agents de communes, intercommunalités, départements et régions).',
  invitedOnly:
    'Cet événement est réservé aux membres invités (comité restreint). Si vous pensez devoir y participer, écrivez à l’équipe du réseau.',
  unknownAudience: ({ key }: { key: string }) =>
    `Des événements ont le public « ${key} », qu’aucun module ne définit : ajoutez le module qui le définit à src/modules/index.ts, ou changez le public de ces événements.`,

  // Invitations
  chooseSegment:
    'Choisissez qui inviter : les élus ou les référents des collectivités adhérentes, ou une liste d’adresses.',
  cancelledNoInvitation: 'Cet événement est annulé : on ne peut plus y inviter personne.',
  startedNoInvitation: 'Cet événement a commencé : il est trop tard pour y inviter.',
  invitationIntro: ({ title }: { title: string }) => `L’équipe du réseau vous invite à « ${title} ».`,
  invitationIntroRestricted: ({ title }: { title: string }) =>
    `L’équipe du réseau vous invite à « ${title} », une réunion sur invitation.`,
  invitationHowTo:
    'Pour confirmer votre participation, inscrivez-vous depuis la page de l’événement : l’invitation jointe ne suffit pas à vous inscrire.',
  invitationReasonElected: ({ organisation, year }: { organisation: string; year: number }) =>
    `Vous recevez cette invitation en tant qu’élu·e de ${organisation}, collectivité adhérente du réseau en ${year}.`,
  invitationReasonReferent: ({ organisation }: { organisation: string }) =>
    `Vous recevez cette invitation en tant que référent·e de ${organisation}, collectivité adhérente du réseau.`,
  invitationReasonPersonal:
    'Vous recevez cette invitation car l’équipe du réseau vous a invité·e à cet événement.',
  emailsRequired: 'Indiquez au moins une adresse électronique.',
  tooManyEmails: ({ max }: { max: number }) => `${max} adresses au plus à la fois.`,
  unknownEmails: ({ emails }: { emails: readonly string[] }) =>
    `Aucune personne n’a ${emails.length > 1 ? 'ces adresses' : 'cette adresse'} : ${emails.join(', ')}. Ajoutez ces personnes depuis la page de leur organisation, ou retirez ces adresses de la liste.`,

  // Messages to an event's registrants
  chooseMessageAudience: 'Choisissez les destinataires.',
  messageAudienceExpected: 'Destinataires attendus : confirmed, waitlisted, present ou all.',
  cancelledNoMessage:
    'Cet événement est annulé : on ne peut plus écrire à ses inscrits (ils ont été prévenus de l’annulation).',
  absentBeforeStart: 'L’événement n’a pas commencé : personne n’y est encore absent.',
  noRecipients: ({ audience }: { audience: string }) =>
    `Personne ne recevrait ce message : il n’y a aucun destinataire parmi « ${audience} ».`,
  messageReasonConfirmed: ({ title, when }: { title: string; when: string }) =>
    `Vous recevez ce message car vous êtes inscrit·e à « ${title} » (${when}).`,
  messageReasonWaitlisted: ({ title, when }: { title: string; when: string }) =>
    `Vous recevez ce message car vous êtes sur la liste d’attente de « ${title} » (${when}).`,
  messageReasonPresent: ({ title, when }: { title: string; when: string }) =>
    `Vous recevez ce message car vous avez participé à « ${title} » (${when}).`,
  messageReasonAbsent: ({ title, when }: { title: string; when: string }) =>
    `Vous recevez ce message car vous étiez inscrit·e à « ${title} » (${when}).`,
  seeEvent: 'Voir l’événement',

  // Documents
  chooseDocument: 'Choisissez un fichier (PDF ou bureautique).',
  emptyFile: 'Le fichier est vide.',
  fileTooLarge: 'Le fichier dépasse 10 Mo.',
  documentType:
    'Seuls les fichiers PDF et bureautiques (Word, Excel, PowerPoint, OpenDocument) sont acceptés.',
  documentReserved: 'Ce document est réservé au public de l’événement. Connectez-vous pour y accéder.',

  // Attendance
  registrationCancelled: 'Cette inscription a été annulée.',
  personWaitlisted: 'Cette personne est sur la liste d’attente.',
  scanAtTheDoor:
    'Ce code se lit à l’accueil par l’équipe du réseau : elle enregistre ainsi votre présence à l’événement.',
  checkInOutsideWindow: ({ when }: { when: string }) =>
    `Cet événement a lieu ${when.startsWith('du ') ? when : `le ${when}`} : enregistrer quand même ?`,
  unknownCheckInCode:
    'Ce code ne correspond à aucune inscription. Cherchez la personne sur la page d’émargement de l’événement.',
  chooseReport: 'Choisissez le rapport de participation (fichier CSV ou Excel).',
  minimumMinutes: 'Durée minimale : un nombre entier de minutes, de 0 à 1440, est attendu.',
  reportColumns:
    'Le rapport doit avoir une colonne d’adresse électronique (Email) et une colonne de durée (Durée, Duration).',
  // A report line's reason reads after its line number and address: hence no capital.
  lineWithoutEmail: 'pas d’adresse électronique',
  lineUnreadableDuration: ({ value }: { value: string }) => `durée illisible « ${value} »`,
  lineUnknownEmail: 'aucune personne n’a cette adresse',
  reportAlreadyApplied: 'Ce rapport de présence a déjà été enregistré.',

  // Pages: a record named by a valid address that does not exist (any more) or is not shown to the viewer.
  eventHidden: 'Cet événement n’existe pas ou ne vous est pas ouvert.',
  eventGone: 'Cet événement n’existe pas ou plus.',
  registrationGone: 'Cette inscription n’existe pas ou plus.',
  registrationNotYours: 'Cette inscription n’existe pas ou ne vous concerne pas.',
  reportGone: 'Ce rapport de présence n’existe pas ou plus.',
  feedGone: 'Cette adresse d’agenda n’existe pas ou a été désactivée.',
  filtersIgnored: 'Certains filtres étaient invalides et ont été ignorés.',

  // What the agenda gives the home pages (site.ts)
  nextEventsTitle: 'Mes prochains événements',
  onWaitingList: 'sur liste d’attente',
  allMyRegistrations: 'Toutes mes inscriptions',
  // Reads after the count of confirmed people: « 8 inscrit·es sur 10 places (80 %) … ».
  attentionEvent: ({
    title,
    day,
    confirmed,
    capacity,
    waitlisted,
  }: {
    title: string;
    day: string;
    confirmed: number;
    capacity: number | null;
    waitlisted: number;
  }) =>
    `${confirmed > 1 ? 'inscrit·es' : 'inscrit·e'}${
      capacity
        ? ` sur ${capacity} place${capacity > 1 ? 's' : ''} (${Math.round((confirmed / capacity) * 100)} %)`
        : ''
    }${waitlisted ? `, ${waitlisted} en liste d’attente` : ''} — « ${title} », ${day}`,

  // Series and seasons
  seriesGone: 'Cette série n’existe pas ou plus.',
  seriesTitleTaken: 'Une autre série porte déjà ce titre : choisissez-en un autre.',
  seasonGone: 'Cette saison n’a aucune session dans cette série.',
  seasonNothingToCome: 'Aucune session de cette saison n’est encore à venir.',
});

export const eventsNotices = defineNotices('events', {
  registered: 'Inscription enregistrée : un courriel de confirmation est parti.',
  waitlisted: 'L’événement est complet : vous êtes sur la liste d’attente.',
  colleagues_registered: 'Vos collègues sont inscrits ; chacun reçoit un courriel.',
  registration_cancelled: 'Inscription annulée.',
  feed_revoked: 'L’adresse de votre agenda est désactivée.',
  event_created: 'Événement créé.',
  event_person_registered: 'Inscription enregistrée : la personne en est prévenue par courriel.',
  event_person_waitlisted:
    'L’événement est complet : la personne est inscrite sur la liste d’attente et en est prévenue par courriel.',
  event_invited: 'Invitations enregistrées : chaque personne invitée la reçoit une fois par courriel.',
  event_nobody_invited: 'Personne de nouveau à inviter : aucune invitation n’est partie.',
  event_message_sent: 'Message envoyé : chaque destinataire le reçoit une fois par courriel.',
  event_message_already_sent:
    'Ce message avait déjà été envoyé à ces destinataires : personne ne le reçoit deux fois.',
  event_document_added: 'Document ajouté.',
  event_checked_in: 'Présence enregistrée.',
  event_already_checked_in: 'Cette présence était déjà enregistrée.',
  event_check_in_undone: 'Présence annulée.',
  event_check_in_not_undone: 'Aucune présence enregistrée à l’entrée à annuler.',
  event_changed: 'Événement modifié.',
  event_changed_announced:
    'Événement modifié : les personnes inscrites et en attente en sont prévenues par courriel.',
  event_unchanged: 'Rien n’a changé : l’événement est tel qu’il était.',
  series_changed: 'Série modifiée.',
  series_unchanged: 'Rien n’a changé : la série est telle qu’elle était.',
  event_cancelled: 'Événement annulé : chaque personne inscrite ou en attente en est prévenue par courriel.',
  registration_cancelled_by_staff:
    'Inscription annulée : la personne en est prévenue par courriel (et la première personne en attente, si une place s’est libérée).',
  registration_promoted: 'Inscription confirmée : la personne en est prévenue par courriel.',
  registration_mode_changed: 'Participation modifiée.',
  person_created_and_registered:
    'Personne ajoutée et inscrite : elle reçoit un courriel d’inscription et un courriel qui explique comment se connecter.',
  person_created_and_waitlisted:
    'Personne ajoutée, sur la liste d’attente (l’événement est complet) : elle en reçoit le courriel, et un courriel qui explique comment se connecter.',
});
