// Who may read applications, give opinions and decide: each owner's pipeline says (`reviewers`).
import type { Actor } from '../../platform/http/actor.ts';
import { type Pipeline, pipelines } from './pipeline.ts';

type MaybeActor = Actor | null;

export const applicationsPolicy = {
  /** The review queue, opinions and decisions of one owner's applications. */
  review: (actor: MaybeActor, pipeline: Pick<Pipeline, 'reviewers'>) =>
    Boolean(actor && pipeline.reviewers(actor)),

  /** Reviews the applications of some owner: checked before an application is even read. */
  reviewsAny: (actor: MaybeActor) => Boolean(actor && pipelines().some((p) => p.reviewers(actor))),
};
