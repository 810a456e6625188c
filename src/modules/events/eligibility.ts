// Who may register for an event: one engine, one rule per audience (see audiences.ts). The agenda's own
// audiences are here; an event whose audience no module defines stops the start (see `unknownAudiences`).
import { sql } from 'drizzle-orm';
import type { Executor } from '../../platform/db/client.ts';
import { queryRows } from '../../platform/db/client.ts';
import type { Message } from '../../platform/messages.ts';
import { fail, ok, type Result } from '../../platform/result.ts';
import { parisYear } from '../../platform/time.ts';
import { frenchLocalGovernmentKinds } from '../organisations/kinds.ts';
import { isMemberInGoodStanding } from '../organisations/memberships.ts';
import { getOrganisation } from '../organisations/organisations.ts';
import { type AudienceDefinition, type EligibilityContext, hasAudience, ruleOf } from './audiences.ts';
import { eventsMessages as m } from './events.messages.ts';
import { isInvited } from './events.ts';

/** Audiences of stored events that no module defines (checked at boot: such events would refuse everyone). */
export async function unknownAudiences(executor: Executor): Promise<string[]> {
  const rows = await queryRows<{ audience: string }>(
    executor,
    sql`select distinct audience from events order by audience`,
  );
  return rows.map((r) => r.audience).filter((key) => !hasAudience(key));
}

/** A refusal says why, and what the person can do (a module's audience gives its own text). */
export const refuse = (message: Message | string) => fail(403, 'audience', message);

/** May this person attend this event? Network staff may attend everything. */
export async function checkEligibility(ctx: EligibilityContext): Promise<Result<true>> {
  if (ctx.person.disabledAt) return refuse(m.accountDisabled());
  if (ctx.person.kind === 'staff') return ok(true);
  const rule = ruleOf(ctx.event.audience);
  // Boot refuses to start with such an event; an audience removed while running still refuses clearly.
  if (!rule) return refuse(m.audienceNotOpen());
  return rule(ctx);
}

/** The agenda's own audiences. */
export const agendaAudiences: AudienceDefinition[] = [
  { key: 'public', label: 'Ouvert à tous', rule: async () => ok(true) },
  {
    key: 'members',
    label: 'Réservé aux adhérents',
    rule: async ({ executor, person, at, member }) => {
      if (member ?? (await isMemberInGoodStanding(executor, person.organisationId, at))) return ok(true);
      if (!person.organisationId) return refuse(m.membersOnlyNoOrganisation());
      return refuse(m.membersOnlyLapsed({ year: parisYear(at) }));
    },
  },
  {
    key: 'local_governments',
    label: 'Collectivités territoriales uniquement',
    rule: async ({ executor, person }) => {
      const organisation = person.organisationId
        ? await getOrganisation(executor, person.organisationId)
        : undefined;
      if (organisation && frenchLocalGovernmentKinds.includes(organisation.kind)) return ok(true);
      return refuse(m.localGovernmentsOnly());
    },
  },
  {
    key: 'restricted',
    label: 'Sur invitation (comité restreint)',
    rule: async ({ executor, event, person }) => {
      if (await isInvited(executor, event.id, person.id)) return ok(true);
      return refuse(m.invitedOnly());
    },
  },
];
