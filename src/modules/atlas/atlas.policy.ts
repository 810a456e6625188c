// Who may do what in the atlas. Staff keeps the data; a referent proposes their own organisation's
// partnerships (the moderation queue); the full directories are for members in good standing.
import type { Executor } from '../../platform/db/client.ts';
import type { Actor } from '../../platform/http/actor.ts';
import { isMemberInGoodStanding } from '../organisations/memberships.ts';
import { organisationsPolicy } from '../organisations/organisations.policy.ts';

type MaybeActor = Actor | null;

export const atlasPolicy = {
  /** Creating and changing partnerships, moderating, importing, editing directories and publications. */
  manage: (actor: MaybeActor) => Boolean(actor?.staff),

  /** Proposing a partnership or a change for an organisation: its referent (staff changes it directly). */
  contributeFor: (actor: MaybeActor, organisationId: string | null | undefined) =>
    Boolean(actor && !actor.staff && organisationsPolicy.managePeopleOf(actor, organisationId)),

  /**
   * The full directory (descriptions, projects, budgets, contacts, the PDF): staff and the people of a member
   * in good standing — « le format numérique de nos répertoires est gratuit pour les collectivités
   * territoriales adhérentes ». Everyone else sees the summary and how to order it.
   */
  readFull: async (executor: Executor, actor: MaybeActor, at: Date = new Date()) =>
    Boolean(actor && (actor.staff || (await isMemberInGoodStanding(executor, actor.organisationId, at)))),
};
