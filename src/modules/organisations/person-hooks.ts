// What other modules do when something happens to a person. Organisations owns people and knows no other
// module: each module declares its part in its manifest (`Module.people`), installed at boot, and
// organisations calls every part in the transaction of the change.
import type { Executor } from '../../platform/db/client.ts';

/** Something a module holds for a person, counted (« Inscriptions à des événements : 3 »). */
export interface PersonHolding {
  /** Stable, for tests and a second language: `events.registrations`. */
  key: string;
  /** In French, what is counted, before the count: « Inscriptions à des événements ». */
  label: string;
  count: number;
}

export interface PersonHooks {
  /** The account was disabled: close what it left open (sessions, calendar feeds…). */
  disabled?(executor: Executor, personId: string): Promise<void>;
  /**
   * Two records of the same person are merged: give `intoId` this module's rows of `fromId` (registrations,
   * attendance, applications, certificates…), before `fromId` is deleted. Where both have a row that must be
   * unique, keep the more meaningful one (say which in the module).
   */
  merged?(executor: Executor, fromId: string, intoId: string): Promise<void>;
  /** What this module holds for the person, counted: the preview of a merge says what will move. */
  held?(executor: Executor, personId: string): Promise<PersonHolding[]>;
  /** What this module holds about the person, for their copy (RGPD art. 15 and 20): a titled section. */
  exported?(executor: Executor, personId: string): Promise<{ title: string; data: unknown } | undefined>;
  /**
   * Erase or anonymise this module's data of the person (RGPD art. 17), keeping only what the law or the
   * network's duty requires, without their identity (a certificate's public verification, accounts).
   */
  erased?(executor: Executor, personId: string): Promise<void>;
}

let installed: readonly PersonHooks[] = [];

export function installPersonHooks(hooks: readonly PersonHooks[]) {
  installed = hooks;
}

export async function personDisabled(executor: Executor, personId: string) {
  for (const hooks of installed) await hooks.disabled?.(executor, personId);
}

export async function personMerged(executor: Executor, fromId: string, intoId: string) {
  for (const hooks of installed) await hooks.merged?.(executor, fromId, intoId);
}

/** Every module's holdings of a person (those with a count of 0 left out). */
export async function personHoldings(executor: Executor, personId: string): Promise<PersonHolding[]> {
  const holdings: PersonHolding[] = [];
  for (const hooks of installed) holdings.push(...((await hooks.held?.(executor, personId)) ?? []));
  return holdings.filter((h) => h.count > 0);
}

export async function personExported(executor: Executor, personId: string) {
  const sections: { title: string; data: unknown }[] = [];
  for (const hooks of installed) {
    const section = await hooks.exported?.(executor, personId);
    if (section) sections.push(section);
  }
  return sections;
}

export async function personErased(executor: Executor, personId: string) {
  for (const hooks of installed) await hooks.erased?.(executor, personId);
}
