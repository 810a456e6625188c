// Who may register for an event: one engine, one rule per audience. A module adds an audience by
// calling `defineAudience` (the program module defines `cohort`) without touching the others.
import type { Executor } from '../../platform/db/client.ts';
import { fail, ok, type Result } from '../../platform/result.ts';
import { parisYear } from '../../platform/time.ts';
import { isMemberInGoodStanding } from '../organisations/memberships.ts';
import { frenchLocalGovernmentKinds } from '../organisations/organisations.schema.ts';
import { getOrganisation } from '../organisations/organisations.ts';
import type { Person } from '../organisations/people.ts';
import type { Audience } from './events.schema.ts';
import type { Event } from './events.ts';
import { isInvited } from './events.ts';

export interface EligibilityContext {
  executor: Executor;
  event: Event;
  person: Person;
  at: Date;
}

export type AudienceRule = (ctx: EligibilityContext) => Promise<Result<true>>;

const rules = new Map<Audience, AudienceRule>();

export function defineAudience(audience: Audience, rule: AudienceRule) {
  rules.set(audience, rule);
}

/** A refusal says why, and what the person can do. */
export const refuse = (message: string) => fail(403, 'audience', message);

/** May this person attend this event? Network staff may attend everything. */
export async function checkEligibility(ctx: EligibilityContext): Promise<Result<true>> {
  if (ctx.person.disabledAt) return refuse('Ce compte est désactivé.');
  if (ctx.person.kind === 'staff') return ok(true);
  const rule = rules.get(ctx.event.audience);
  if (!rule) return refuse('Les inscriptions à cet événement ne sont pas encore ouvertes.');
  return rule(ctx);
}

defineAudience('public', async () => ok(true));

defineAudience('members', async ({ executor, person, at }) => {
  if (await isMemberInGoodStanding(executor, person.organisationId, at)) return ok(true);
  if (!person.organisationId) {
    return refuse(
      'Cet événement est réservé aux adhérents du réseau, et votre compte n’est rattaché à aucune collectivité adhérente. Contactez l’équipe du réseau pour être rattaché·e à votre collectivité.',
    );
  }
  return refuse(
    `Cet événement est réservé aux adhérents du réseau, et votre organisation n’est pas à jour de son adhésion ${parisYear(at)}. Le ou la référente de votre collectivité, ou l’équipe du réseau, peut la renouveler ; les événements ouverts à tous restent accessibles.`,
  );
});

defineAudience('local_governments', async ({ executor, person }) => {
  const organisation = person.organisationId
    ? await getOrganisation(executor, person.organisationId)
    : undefined;
  if (organisation && frenchLocalGovernmentKinds.includes(organisation.kind)) return ok(true);
  return refuse(
    'Cet événement s’adresse aux collectivités territoriales françaises uniquement (élus et agents de communes, intercommunalités, départements et régions).',
  );
});

defineAudience('restricted', async ({ executor, event, person }) => {
  if (await isInvited(executor, event.id, person.id)) return ok(true);
  return refuse(
    'Cet événement est réservé aux membres invités (comité restreint). Si vous pensez devoir y participer, écrivez à l’équipe du réseau.',
  );
});
