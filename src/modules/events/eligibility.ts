// Who may register for an event: one engine, one rule per audience (see audiences.ts). The agenda's own
// audiences are here; an event whose audience no module defines stops the start (see `unknownAudiences`).
import { sql } from 'drizzle-orm';
import type { Executor } from '../../platform/db/client.ts';
import { queryRows } from '../../platform/db/client.ts';
import { fail, ok, type Result } from '../../platform/result.ts';
import { parisYear } from '../../platform/time.ts';
import { frenchLocalGovernmentKinds } from '../organisations/kinds.ts';
import { isMemberInGoodStanding } from '../organisations/memberships.ts';
import { getOrganisation } from '../organisations/organisations.ts';
import { type AudienceDefinition, type EligibilityContext, hasAudience, ruleOf } from './audiences.ts';
import { isInvited } from './events.ts';

/** Audiences of stored events that no module defines (checked at boot: such events would refuse everyone). */
export async function unknownAudiences(executor: Executor): Promise<string[]> {
  const rows = await queryRows<{ audience: string }>(
    executor,
    sql`select distinct audience from events order by audience`,
  );
  return rows.map((r) => r.audience).filter((key) => !hasAudience(key));
}

/** A refusal says why, and what the person can do. */
export const refuse = (message: string) => fail(403, 'audience', message);

/** May this person attend this event? Network staff may attend everything. */
export async function checkEligibility(ctx: EligibilityContext): Promise<Result<true>> {
  if (ctx.person.disabledAt) return refuse('Ce compte est désactivé.');
  if (ctx.person.kind === 'staff') return ok(true);
  const rule = ruleOf(ctx.event.audience);
  // Boot refuses to start with such an event; an audience removed while running still refuses clearly.
  if (!rule) return refuse('Les inscriptions à cet événement ne sont pas encore ouvertes.');
  return rule(ctx);
}

/** The agenda's own audiences. */
export const agendaAudiences: AudienceDefinition[] = [
  { key: 'public', label: 'Ouvert à tous', rule: async () => ok(true) },
  {
    key: 'members',
    label: 'Réservé aux adhérents',
    rule: async ({ executor, person, at }) => {
      if (await isMemberInGoodStanding(executor, person.organisationId, at)) return ok(true);
      if (!person.organisationId) {
        return refuse(
          'Cet événement est réservé aux adhérents du réseau, et votre compte n’est rattaché à aucune collectivité adhérente. Contactez l’équipe du réseau pour être rattaché·e à votre collectivité.',
        );
      }
      return refuse(
        `Cet événement est réservé aux adhérents du réseau, et votre organisation n’est pas à jour de son adhésion ${parisYear(at)}. Le ou la référente de votre collectivité, ou l’équipe du réseau, peut la renouveler ; les événements ouverts à tous restent accessibles.`,
      );
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
      return refuse(
        'Cet événement s’adresse aux collectivités territoriales françaises uniquement (élus et agents de communes, intercommunalités, départements et régions).',
      );
    },
  },
  {
    key: 'restricted',
    label: 'Sur invitation (comité restreint)',
    rule: async ({ executor, event, person }) => {
      if (await isInvited(executor, event.id, person.id)) return ok(true);
      return refuse(
        'Cet événement est réservé aux membres invités (comité restreint). Si vous pensez devoir y participer, écrivez à l’équipe du réseau.',
      );
    },
  },
];
