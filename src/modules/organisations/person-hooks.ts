// What other modules do when something happens to a person. Organisations owns people and knows no other
// module: each module declares its part in its manifest (`Module.people`), installed at boot, and
// organisations calls every part in the transaction of the change.
import type { Executor } from '../../platform/db/client.ts';

export interface PersonHooks {
  /** The account was disabled: close what it left open (sessions, calendar feeds…). */
  disabled?(executor: Executor, personId: string): Promise<void>;
}

let installed: readonly PersonHooks[] = [];

export function installPersonHooks(hooks: readonly PersonHooks[]) {
  installed = hooks;
}

export async function personDisabled(executor: Executor, personId: string) {
  for (const hooks of installed) await hooks.disabled?.(executor, personId);
}
