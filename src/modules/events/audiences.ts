// The open list of the agenda's audiences: each module declares its own in its manifest
// (`Module.audiences`), and the list is installed at boot (see src/modules/index.ts).
import { z } from 'zod';
import type { Executor } from '../../platform/db/client.ts';
import type { Result } from '../../platform/result.ts';
import type { Person } from '../organisations/people.ts';
import { eventsMessages as m } from './events.messages.ts';
import type { Event } from './events.ts';

export interface EligibilityContext {
  executor: Executor;
  event: Event;
  person: Person;
  at: Date;
  /**
   * Whether the person's organisation is a member in good standing at `at`, when the caller read it with
   * the person (a registration does, to save a round trip); otherwise the rule asks.
   */
  member?: boolean | undefined;
}

export type AudienceRule = (ctx: EligibilityContext) => Promise<Result<true>>;

/** An audience of the agenda: its key (stored on events), its French label, and who it admits. */
export interface AudienceDefinition {
  key: string;
  label: string;
  rule: AudienceRule;
}

let installed: ReadonlyMap<string, AudienceDefinition> | undefined;

/** Installs every module's audiences (at boot; again with the same list is harmless). */
export function installAudiences(definitions: readonly AudienceDefinition[]) {
  const map = new Map<string, AudienceDefinition>();
  for (const definition of definitions) {
    if (map.has(definition.key)) throw new Error(`public « ${definition.key} » défini par deux modules`);
    map.set(definition.key, definition);
  }
  installed = map;
}

function registry(): ReadonlyMap<string, AudienceDefinition> {
  if (!installed) throw new Error('les publics des événements ne sont pas installés (bootModules)');
  return installed;
}

export const hasAudience = (key: string) => registry().has(key);

export const ruleOf = (key: string): AudienceRule | undefined => registry().get(key)?.rule;

export const audienceKeys = (): string[] => [...registry().keys()];

export const audienceLabel = (key: string): string => registry().get(key)?.label ?? key;

/** The choices of a form or a filter: every audience with its label. */
export const audienceChoices = (): [string, string][] =>
  [...registry().values()].map((a) => [a.key, a.label]);

/** An audience key typed by a client: one of the installed audiences (read when first used, after boot). */
export const audienceSchema = z.lazy(() => {
  const keys = audienceKeys();
  return z.enum(keys as [string, ...string[]], { error: m.audienceExpected({ keys }).text });
});
