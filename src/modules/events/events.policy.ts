// Who may do what in the agenda. Acting for a person is the members' rule (organisationsPolicy.actFor).
import { type SQL, type SQLWrapper, sql } from 'drizzle-orm';
import type { Executor } from '../../platform/db/client.ts';
import type { Actor } from '../../platform/http/actor.ts';
import { organisationsPolicy } from '../organisations/organisations.policy.ts';
import { getPerson } from '../organisations/people.ts';
import { checkEligibility } from './eligibility.ts';
import { eventInvitations, events } from './events.schema.ts';
import { type Event, isInvited } from './events.ts';

type MaybeActor = Actor | null;

/** `see` as a condition on `events` for a viewer given as values (a prepared query's placeholders). */
const seeWhere = (staff: SQLWrapper, personId: SQLWrapper | string) =>
  sql`(${staff}::boolean or ${events.audience} <> 'restricted' or exists (select 1 from ${eventInvitations} where ${eventInvitations.eventId} = ${events.id} and ${eventInvitations.personId} = ${personId}::uuid))`;

export const eventsPolicy = {
  /** Creating and editing events, lists of registrations, attendance, documents: staff. */
  manage: (actor: MaybeActor) => Boolean(actor?.staff),

  /**
   * Seeing an event (its page, its calendar file, its place in lists and feeds): everyone, except that a
   * restricted event (a steering committee) shows only to staff and its invitees. Members-only or
   * cohort-only events are listed for everyone, with their audience, as the newsletter does.
   */
  see: async (executor: Executor, actor: MaybeActor, event: Event) =>
    event.audience !== 'restricted' ||
    Boolean(actor?.staff) ||
    (actor !== null && (await isInvited(executor, event.id, actor.personId))),

  /** The same rule as `see`, as a condition on the `events` table of a query. */
  seeCondition: (actor: Pick<Actor, 'personId' | 'staff'> | null): SQL | undefined => {
    if (actor?.staff) return undefined;
    if (!actor) return sql`${events.audience} <> 'restricted'`;
    return seeWhere(sql`false`, actor.personId);
  },

  seeWhere,

  /** An event's documents: the people of its audience, and staff (anyone, for a public event). */
  seeDocuments: async (executor: Executor, actor: MaybeActor, event: Event) => {
    if (!actor) return event.audience === 'public';
    const person = await getPerson(executor, actor.personId);
    return Boolean(person && (await checkEligibility({ executor, event, person, at: new Date() })).ok);
  },

  /** The video link: staff, and people with a confirmed registration. */
  seeOnlineUrl: (actor: MaybeActor, registered: boolean) => Boolean(actor?.staff || registered),

  /** Cancelling a registration: acting for its person (the person, their referent, staff). */
  actForRegistration: async (executor: Executor, actor: MaybeActor, registration: { personId: string }) => {
    const person = await getPerson(executor, registration.personId);
    return Boolean(person && organisationsPolicy.actFor(actor, person));
  },
};
