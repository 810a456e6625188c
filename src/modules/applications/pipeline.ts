// What an owner module declares to receive applications (the program's editions now, support calls next):
// its scope key, the statuses it adds, its window, who may apply, its form, the words of its decisions and
// what an acceptance means for it. The module's use cases (submit, the review queue, opinions, decide)
// take a pipeline; the owners list theirs in their manifest (`Module.pipelines`), installed at boot.
import type { z } from 'zod';
import type { Executor } from '../../platform/db/client.ts';
import type { Actor } from '../../platform/http/actor.ts';
import type { Message } from '../../platform/messages.ts';
import type { Result } from '../../platform/result.ts';
import type { Person } from '../organisations/people.ts';
import { statusLabels } from './applications.messages.ts';
import {
  type ApplicationStatus,
  awaitingDecision,
  type Decision,
  decisionStatuses,
  type OptionalStatus,
  optionalStatuses,
} from './statuses.ts';

/** One decision an owner offers: the verb of the form and the sentence of the mail that announces it. */
export interface DecisionWords {
  label: string;
  mail: string;
}

// Methods rather than function-typed properties: a pipeline of one owner's record type is then a pipeline
// of the registry (parameters compared both ways), without `any`.
export interface Pipeline<
  Owner = unknown,
  Answers extends Record<string, unknown> = Record<string, unknown>,
> {
  /** Stored in `applications.scope`; one word (`program`). */
  scope: string;
  /**
   * Who applies, once per record: a person (the program, by default) or an organisation (a support call:
   * one dossier per local government, whoever of it writes it).
   */
  applicant?: 'person' | 'organisation';
  /** Every decision says why (« Démarches simplifiées »: a decision is always motivated). */
  motivationRequired?: boolean;
  /** Accepting or refusing needs the dossier in instruction first; closing it without follow-up does not. */
  instructionFirst?: boolean;
  /** Statuses beyond the common ones (`waitlisted`). */
  extraStatuses: readonly OptionalStatus[];
  /** The decisions offered, in the order of the form (an extra status is offered only if listed here). */
  decisions: Partial<Record<Decision, DecisionWords>>;
  /** This owner's words for some statuses (« Acceptée : membre de la promotion »). */
  statusLabels?: Partial<Record<ApplicationStatus, string>>;
  /** The owner's record applied to, or undefined when it does not exist. */
  owner(executor: Executor, ownerId: string): Promise<Owner | undefined>;
  /** The record's name for the applicant (a person's copy of their data): « Promotion 2026-2027 ». */
  ownerName?(owner: Owner): string;
  /** Are applications taken at this instant? A refusal says when they open or that they are closed. */
  window(owner: Owner, at: Date): Result<true>;
  /**
   * May this person apply, from this organisation? (élus of member local governments, for the program; a
   * member local government in good standing, through one of its people or staff, for a support call)
   */
  eligibility(
    executor: Executor,
    person: Person,
    owner: Owner,
    organisationId: string | null,
  ): Promise<Result<true>>;
  /**
   * How many applications one applicant may hold on this record: one when not given (a support call lets
   * staff allow a town more). Each has a place of its own in the unique index, so that applications made at
   * the same instant never exceed it.
   */
  places?(executor: Executor, ownerId: string, applicantId: string): Promise<number>;
  /** The owner's form: the answers are stored as this schema gives them. */
  answers: z.ZodType<Answers>;
  /** Completes the answers at submission (the program takes the current mandate when none is typed). */
  complete?(executor: Executor, person: Person, answers: Answers): Promise<Answers>;
  /**
   * What accepting means for the owner, checked before these applications become accepted, under a lock
   * on the owner's record (two reviewers cannot both take the last place): a refusal keeps them as they were.
   * `accepting` are the applications that would become accepted (a cohort counts them, a call adds up their
   * costs).
   */
  acceptance?(executor: Executor, owner: Owner, accepting: readonly string[]): Promise<Result<true>>;
  mail: {
    subject(owner: Owner): string;
    /** The link the mail of a decision ends with. */
    action(owner: Owner, baseUrl: string): { label: string; url: string };
  };
  texts: {
    ownerNotFound(): Message;
    /** Refused: the applicant holds all its places (`places`: how many it may hold). */
    alreadyApplied(params: { name: string; places: number }): Message;
  };
  /** Who reads the applications, gives opinions and decides (staff, for the program). */
  reviewers(actor: Actor): boolean;
}

export const definePipeline = <Owner, Answers extends Record<string, unknown>>(
  pipeline: Pipeline<Owner, Answers>,
) => pipeline;

/** The statuses an owner's applications go through: the common ones it uses, then its decisions. */
export function statusesOf(pipeline: Pipeline): ApplicationStatus[] {
  return [...awaitingDecision, ...decisionsOf(pipeline)];
}

/** The decisions offered, in the order the owner gave. */
export const decisionsOf = (pipeline: Pipeline) =>
  (Object.keys(pipeline.decisions) as Decision[]).filter((d) => decisionStatuses.includes(d));

export const statusLabel = (pipeline: Pipeline, status: ApplicationStatus) =>
  pipeline.statusLabels?.[status] ?? statusLabels[status];

// ——— The pipelines of the modules, installed at boot ———

const installed = new Map<string, Pipeline>();

export function installPipelines(pipelines: readonly Pipeline[]) {
  installed.clear();
  for (const pipeline of pipelines) {
    if (installed.has(pipeline.scope)) throw new Error(`pipeline « ${pipeline.scope} » déclaré deux fois`);
    const decisions = decisionsOf(pipeline);
    // An optional status is offered only by an owner that declares it.
    const unknown = decisions.filter(
      (d): d is OptionalStatus =>
        (optionalStatuses as readonly string[]).includes(d) &&
        !pipeline.extraStatuses.includes(d as OptionalStatus),
    );
    if (unknown.length)
      throw new Error(`pipeline « ${pipeline.scope} » : ${unknown.join(', ')} absent de extraStatuses`);
    installed.set(pipeline.scope, pipeline);
  }
}

export const pipelineOf = (scope: string): Pipeline | undefined => installed.get(scope);

export const pipelines = (): Pipeline[] => [...installed.values()];
