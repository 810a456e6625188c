// Who may do what with groups. Staff runs them; a referent makes their organisation join a group and has
// their colleagues follow it (`organisationsPolicy` rules); anyone follows or leaves a group for themselves.
import type { Executor } from '../../platform/db/client.ts';
import type { Actor } from '../../platform/http/actor.ts';
import { organisationsPolicy } from '../organisations/organisations.policy.ts';
import type { Person } from '../organisations/people.ts';
import { belongsTo } from './members.ts';

type MaybeActor = Actor | null;

export const groupsPolicy = {
  /** Creating, editing, archiving groups, appointing chairs, members, meetings, invitations: staff. */
  manage: (actor: MaybeActor) => Boolean(actor?.staff),

  /** Making an organisation a member of a group: its referent, or staff. */
  joinFor: (actor: MaybeActor, organisationId: string) =>
    organisationsPolicy.managePeopleOf(actor, organisationId),

  /** Following or leaving a group for a person: the person, their referent, staff. */
  followFor: (actor: MaybeActor, person: Pick<Person, 'id' | 'organisationId'>) =>
    organisationsPolicy.actFor(actor, person),

  /** The members' view of a group (roadmap, documents for members, followers): its members, followers, staff. */
  seeMembersView: async (executor: Executor, actor: MaybeActor, groupId: string) =>
    Boolean(
      actor &&
        (actor.staff ||
          (await belongsTo(executor, [groupId], {
            id: actor.personId,
            organisationId: actor.organisationId,
          }))),
    ),
};
