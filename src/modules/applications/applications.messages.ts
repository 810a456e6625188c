// The texts of the application-and-review pipeline (keys `applications.*`): its refusals, the field messages
// of its inputs, the common words of statuses and opinions. An owner's pipeline gives its own words where
// they differ (« Acceptée : membre de la promotion »).
import { defineMessages } from '../../platform/messages.ts';
import type { ApplicationStatus, Decision, OpinionKind } from './statuses.ts';

export const applicationsMessages = defineMessages('applications', {
  invalid: 'Certaines informations sont invalides.',
  forbidden: 'Vous n’avez pas le droit de faire cela.',
  notFound: 'Cette candidature n’existe pas.',
  personNotFound: 'Cette personne n’existe pas.',
  alreadyApplied: ({ name }: { name: string }) => `${name} a déjà déposé une candidature.`,
  decisionExpected: ({ choices }: { choices: string[] }) =>
    `Décision attendue : ${choices.slice(0, -1).join(', ')}${choices.length > 1 ? ' ou ' : ''}${choices.at(-1) ?? ''}.`,
  decisionNotOffered: 'Cette décision n’est pas prévue pour ces candidatures.',
  noApplication: 'Choisissez au moins une candidature.',
  tooManyApplications: 'Au plus 500 candidatures à la fois.',
  mixedOwners: 'Ces candidatures ne relèvent pas toutes du même appel : décidez-en séparément.',
  motivationTooLong: '2 000 caractères au plus.',
  opinionExpected: 'Avis attendu : favourable, reserved ou unfavourable.',
  scoreExpected: 'Note attendue : un nombre entier de 0 à 20.',
  noteTooLong: '5 000 caractères au plus.',
  notReviewable: 'Cette candidature n’est pas encore déposée : elle ne se lit pas encore.',
  organisationExpected: 'Choisissez la collectivité au nom de laquelle le dossier est déposé.',
  alreadySubmitted: 'Ce dossier a déjà été déposé.',
  inInstruction:
    'Ce dossier est en instruction : ses réponses ne se modifient plus. Écrivez à l’équipe pour le compléter.',
  motivationRequired: 'Motivez la décision : elle est envoyée au demandeur avec la décision.',
  draftUndecidable: 'Un brouillon ne se décide pas : il doit d’abord être déposé.',
  instructionFirst:
    'Ce dossier n’est pas encore en instruction : notez-le ou donnez votre avis avant de l’accepter ou de le refuser (il peut être classé sans suite).',
  notReviewer: 'Vous ne faites pas partie des instructeurs de ces candidatures.',
  greeting: ({ firstName }: { firstName: string }) => `Bonjour ${firstName},`,
  exportTitle: 'Candidatures',
  exportNote:
    'Vos candidatures, avec vos réponses et les décisions. Les avis des instructeurs, leurs notes et leurs annotations privées n’y figurent pas : ce sont leurs notes de travail sur la candidature, jamais communiquées aux candidats. Les avis que vous avez donnés comme instructeur ne vous concernent pas et n’y figurent pas non plus.',
});

/** The common words of statuses; an owner's pipeline may say them its way. */
export const statusLabels: Record<ApplicationStatus, string> = {
  draft: 'Brouillon',
  submitted: 'Déposée',
  in_review: 'En instruction',
  accepted: 'Acceptée',
  rejected: 'Refusée',
  closed: 'Classée sans suite',
  waitlisted: 'Sur liste d’attente',
};

/** The verbs of the decision form. */
export const decisionLabels: Record<Decision, string> = {
  accepted: 'Accepter',
  waitlisted: 'Liste d’attente',
  rejected: 'Ne pas retenir',
  closed: 'Classer sans suite',
};

export const opinionLabels: Record<OpinionKind, string> = {
  favourable: 'Favorable',
  reserved: 'Réservé',
  unfavourable: 'Défavorable',
};
