// Signing in ends with a session: by an emailed link, or by ProConnect. Each way is one use case, which
// opens a new session id and closes the one the browser had (no session fixation).
import type { Executor } from '../../platform/db/client.ts';
import { fail, ok, type Result } from '../../platform/result.ts';
import { accountsMessages as messages } from './accounts.messages.ts';
import { matchProConnectIdentity, type PendingSignIn, type ProConnect } from './proconnect.ts';
import { closeSession, openSession, type SessionTimeouts } from './sessions.ts';
import { consumeSignInLink } from './sign-in-link.ts';

/** The browser signing in: the session it had (if any), and how long the new one may live. */
export interface Browser {
  previousSession: string | undefined;
  timeouts: SessionTimeouts;
}

async function startSession(executor: Executor, personId: string, browser: Browser): Promise<string> {
  if (browser.previousSession) await closeSession(executor, browser.previousSession);
  return openSession(executor, personId, browser.timeouts);
}

/** Spends an emailed link and opens a session for its owner; returns the new session id. */
export async function signInWithLink(
  executor: Executor,
  token: string | undefined,
  browser: Browser,
): Promise<Result<string>> {
  // A link cut or mangled on its way: nothing to look up (a token is 43 characters; 200 leaves room).
  if (token === undefined || token.length > 200) return fail(410, 'link_expired', messages.linkIncomplete());
  return executor.transaction(async (tx) => {
    const owner = await consumeSignInLink(tx, token);
    if (!owner.ok) return owner;
    return ok(await startSession(tx, owner.value, browser));
  });
}

/**
 * Completes a ProConnect sign-in from its callback address; returns the new session id. The exchange with
 * the provider happens before the transaction: no database connection waits on the network.
 */
export async function signInWithProConnect(
  executor: Executor,
  proConnect: ProConnect,
  callback: { url: URL; pending: PendingSignIn },
  browser: Browser,
): Promise<Result<string>> {
  const identity = await proConnect.finish(callback.url, callback.pending);
  if (!identity.ok) return identity;
  return executor.transaction(async (tx) => {
    const person = await matchProConnectIdentity(tx, identity.value);
    if (!person.ok) return person;
    return ok(await startSession(tx, person.value.id, browser));
  });
}
