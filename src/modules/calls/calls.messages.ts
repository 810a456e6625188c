// The texts of support calls (keys `calls.*`).
import { defineMessages } from '../../platform/messages.ts';

export const callsMessages = defineMessages('calls', {
  invalid: 'Certaines informations sont invalides.',
  forbidden: 'Vous n’avez pas le droit de faire cela.',
  notFound: 'Cet appel n’existe pas.',
  dossierNotFound: 'Ce dossier n’existe pas.',
  numberTaken: ({ number }: { number: number }) => `Il existe déjà un ${number}ᵉ appel.`,
  numberExpected: 'Numéro attendu : un nombre entier positif (12 pour le 12ᵉ appel).',
  windowBackwards: 'La clôture doit venir après l’ouverture.',
  instantExpected: 'Date et heure attendues, avec leur fuseau (2027-05-15T09:00:00+02:00).',
  criteriaExpected: 'Donnez au moins un critère de la grille (au plus 20).',
  weightExpected: 'Poids attendu : un nombre entier de 1 à 100.',
  envelopeExpected: 'Enveloppe attendue : un montant positif en centimes.',
  engagementsExpected: 'Nombre d’accompagnements attendu : un entier positif.',
  alreadyApplied: ({ name, places }: { name: string; places: number }) =>
    places > 1
      ? `${name} a déjà ses ${places} dossiers pour cet appel (le nombre que l’équipe du réseau a autorisé).`
      : `${name} a déjà un dossier pour cet appel.`,
  allowanceExpected:
    'Nombre de dossiers attendu : un entier de 2 à 10 (un seul, c’est la règle sans dérogation).',
  allowanceBelowMade: ({ name, made }: { name: string; made: number }) =>
    `${name} a déjà ${made} dossiers pour cet appel : la dérogation ne descend pas en dessous (aucun dossier n’est supprimé).`,
  attachmentStays: ({ label }: { label: string }) =>
    `« ${label} » est une pièce exigée et le dossier est déposé : il doit rester complet. Joignez la nouvelle version à la place de l’ancienne plutôt que de la retirer.`,
  noteNotFound:
    'Cette annotation n’existe plus, ou c’est celle d’un autre instructeur : seul son auteur la supprime.',
  allowanceNotFound: 'Cette collectivité n’a pas de dérogation pour cet appel.',
  opensOn: ({ opens }: { opens: string }) =>
    `L’appel ouvre le ${opens} : les dossiers ne sont pas encore reçus.`,
  closed: ({ closed }: { closed: string }) =>
    `L’appel est clos depuis le ${closed} : il ne reçoit plus de dossiers.`,
  notLocalGovernment: ({ name }: { name: string }) =>
    `${name} n’est pas une collectivité territoriale française : les appels du réseau sont réservés à ses collectivités adhérentes.`,
  notMember: ({ name }: { name: string }) =>
    `${name} n’est pas adhérente du réseau à jour de sa cotisation cette année : les appels sont réservés aux collectivités adhérentes. Écrivez-nous pour adhérer.`,
  notOfOrganisation: ({ name }: { name: string }) =>
    `Seuls les élus, les agents et le ou la référente de ${name} déposent un dossier en son nom.`,
  noContact: ({ name }: { name: string }) =>
    `${name} n’a ni référent ni élu en fonction sur la plateforme : désignez-en un, qui recevra les courriels du dossier.`,
  organisationNotFound: 'Cette collectivité n’existe pas.',
  scoresExpected: 'Notes attendues : pour chaque critère de la grille, un entier de 0 à 5.',
  unknownCriterion: 'Ce critère n’est pas dans la grille de cet appel.',
  missingCriteria: ({ labels }: { labels: string }) =>
    `Notez chaque critère de la grille ; il manque : ${labels}.`,
  notScorable: 'Ce dossier n’est pas en cours d’instruction : il ne se note pas (brouillon, ou déjà décidé).',
  decisionAccepted:
    'Votre dossier est retenu : l’équipe du réseau vous contacte pour organiser l’accompagnement.',
  decisionRejected: 'Votre dossier n’est pas retenu pour cet appel.',
  decisionClosed: 'Votre dossier est classé sans suite.',
  mailSubject: ({ number }: { number: number }) => `Votre dossier au ${number}ᵉ appel du réseau`,
  mailAction: 'Voir le dossier',
  questionsExpected: 'Questions attendues : 50 au plus, chacune un libellé et si elle est obligatoire.',
  unknownQuestion: 'Cette question n’est pas dans le formulaire de ce dossier.',
  answerRequired: ({ label }: { label: string }) => `Répondez à la question « ${label} ».`,
  requestedExpected: 'Coût attendu : un montant positif en centimes, 10 millions d’euros au plus.',
  requestedRequired: 'Indiquez le coût estimé de l’accompagnement demandé.',
  incomplete: 'Le dossier est incomplet : complétez les réponses signalées, puis déposez-le.',
  overEnvelope: ({
    asked,
    already,
    envelope,
    over,
  }: {
    asked: string;
    already: string;
    envelope: string;
    over: string;
  }) =>
    `Retenir ces dossiers coûterait ${asked}, en plus des ${already} déjà engagés : l’enveloppe de l’appel (${envelope}) serait dépassée de ${over}. Retenez moins de dossiers, ou des dossiers moins coûteux.`,
  gridLocked:
    'Des dossiers sont déjà notés sur cette grille : ses critères ne se modifient plus (les notes perdraient leur sens).',
  callHasDossiers: ({ count }: { count: number }) =>
    `Cet appel a ${count} dossier${count > 1 ? 's' : ''} : il ne se supprime pas. Il reste dans la liste des appels clos.`,
  bodyExpected: 'Écrivez un texte (5 000 caractères au plus).',
  noThreadForDraft: 'Ce dossier est encore un brouillon : la messagerie s’ouvre une fois le dossier déposé.',
  messageSubject: ({ number }: { number: number }) =>
    `Un message sur votre dossier au ${number}ᵉ appel du réseau`,
  messageSubjectStaff: ({ number, name }: { number: number; name: string }) =>
    `Un message de ${name} sur son dossier au ${number}ᵉ appel`,
  greeting: ({ firstName }: { firstName: string }) => `Bonjour ${firstName},`,
  messageFromStaff: 'L’équipe du réseau vous écrit au sujet de votre dossier :',
  messageFromTown: 'La collectivité vous écrit au sujet de son dossier :',
  messageReasonTown:
    'Vous recevez ce courriel parce que vous portez ce dossier. Répondez depuis la page du dossier.',
  messageReasonStaff: 'Vous recevez ce courriel parce que vous suivez ce dossier (ou avez ouvert l’appel).',
  deadlineExpected: 'Date attendue (jour de remise de l’avis).',
  deadlineRange: 'Choisissez une date de remise entre demain et dans 90 jours.',
  emailExpected: 'Adresse électronique attendue, par exemple prenom.nom@exemple.fr.',
  opinionExpected: 'Choisissez votre avis : favorable, favorable avec réserves ou défavorable.',
  opinionBodyExpected: 'Motivez votre avis en quelques lignes (10 000 caractères au plus).',
  expertNotNow:
    'Ce dossier n’est pas en instruction (brouillon, ou déjà décidé) : on ne demande pas d’avis à son sujet.',
  expertNotPending: 'Cette demande d’avis n’est plus en attente (déjà donnée ou retirée).',
  expertUnknown:
    'Ce lien ne correspond à aucune demande d’avis en cours. Si vous avez reçu un rappel, utilisez le lien de ce dernier courriel : il remplace le précédent.',
  expertAnswered: ({ on }: { on: string }) =>
    `Votre avis a été enregistré le ${on} : ce lien ne sert qu’une fois. Merci pour votre contribution.`,
  expertCancelled: 'L’équipe du réseau a retiré cette demande d’avis : ce lien ne sert plus.',
  expertExpired:
    'Ce lien a expiré (une semaine après la date de remise). Écrivez à l’équipe du réseau si vous souhaitez encore donner votre avis.',
  expertSubject: ({ number, town }: { number: number; town: string }) =>
    `Demande d’avis : dossier de ${town} au ${number}ᵉ appel DCOL`,
  expertReminderSubject: ({ number, town }: { number: number; town: string }) =>
    `Rappel : votre avis sur le dossier de ${town} au ${number}ᵉ appel DCOL`,
  expertIntro: ({
    network,
    number,
    title,
    town,
  }: {
    network: string;
    number: number;
    title: string;
    town: string;
  }) =>
    `L’équipe de ${network} vous demande votre avis d’expert sur le dossier de ${town} au ${number}ᵉ appel (« ${title} »). Le lien ci-dessous vous montre le dossier et vous permet de répondre, sans compte ni mot de passe.`,
  expertQuestion: ({ question }: { question: string }) => `Notre question : ${question}`,
  expertDeadline: ({ deadline }: { deadline: string }) => `Nous aimerions votre avis avant le ${deadline}.`,
  expertReminderNote: 'Ce rappel contient un nouveau lien : celui du premier courriel ne sert plus.',
  expertAction: 'Lire le dossier et donner mon avis',
  expertFootnote:
    'Ce lien est personnel : il permet de donner un seul avis, et expire une semaine après la date demandée. Ne le transférez pas.',
  expertReason:
    'Vous recevez ce courriel parce qu’un membre de l’équipe du réseau vous a sollicité comme expert.',
  attachmentsFixed: 'Ce dossier est en instruction ou décidé : ses pièces jointes ne se modifient plus.',
  unknownAttachment: 'Cette pièce n’est pas attendue par le formulaire de ce dossier.',
  attachmentNotFound: 'Cette pièce jointe n’existe pas.',
  attachmentRequired: ({ label }: { label: string }) => `Joignez la pièce « ${label} ».`,
  searchNotFound: 'Cette recherche enregistrée n’existe pas.',
  answersInvalid: 'Réponses attendues : un objet de textes, 50 questions au plus, 10 000 caractères chacune.',
});
