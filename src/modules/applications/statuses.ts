// The words of the application-and-review pipeline (« Démarches simplifiées »: brouillon, en construction,
// en instruction, accepté, refusé, classé sans suite), outside the schema file so that the owners of
// pipelines may use them without reading the module's tables.

/** Every pipeline's statuses. */
export const commonStatuses = ['draft', 'submitted', 'in_review', 'accepted', 'rejected', 'closed'] as const;
/** Statuses an owner may add to the common ones (the program: a waiting list). */
export const optionalStatuses = ['waitlisted'] as const;
export const applicationStatuses = [...commonStatuses, ...optionalStatuses] as const;

export type CommonStatus = (typeof commonStatuses)[number];
export type OptionalStatus = (typeof optionalStatuses)[number];
export type ApplicationStatus = (typeof applicationStatuses)[number];

/** The statuses a decision sets. */
export const decisionStatuses = ['accepted', 'rejected', 'closed', 'waitlisted'] as const;
export type Decision = (typeof decisionStatuses)[number];

/** A status that still waits for a decision: opinions are given on it, and it is listed first. */
export const awaitingDecision: readonly ApplicationStatus[] = ['submitted', 'in_review'];

/** A reviewer's opinion (« avis »). */
export const opinionKinds = ['favourable', 'reserved', 'unfavourable'] as const;
export type OpinionKind = (typeof opinionKinds)[number];

/** Scores are marks out of 20, as French juries give them. */
export const maxScore = 20;

/** The order of the review queue: what awaits a decision first, then the waiting list, then the decided. */
export const queueOrder: Record<ApplicationStatus, number> = {
  draft: 0,
  submitted: 1,
  in_review: 2,
  waitlisted: 3,
  accepted: 4,
  rejected: 5,
  closed: 6,
};
