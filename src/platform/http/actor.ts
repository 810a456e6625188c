// Who is making a request, as every module sees it, and the guards of pages that need someone signed in.
// The accounts module fills `request.actor` (from a session cookie or an API token); nothing else does.
import type { FastifyReply, FastifyRequest } from 'fastify';

/** The person behind a request. `kind` is one of the people's kinds (staff, elected, officer, partner). */
export interface Actor {
  personId: string;
  firstName: string;
  lastName: string;
  email: string;
  kind: string;
  organisationId: string | null;
  referent: boolean;
  staff: boolean;
}

declare module 'fastify' {
  interface FastifyRequest {
    actor: Actor | null;
  }
}

/** What a page or route asks of the actor before anything else is read. */
export type Access = 'public' | 'signedIn' | ((actor: Actor) => boolean);

/** Does this actor pass the access check (before any record is read)? */
export function admits(access: Access, actor: Actor | null): actor is Actor {
  if (access === 'public') return true;
  if (!actor) return false;
  return access === 'signedIn' || access(actor);
}

export const staffOnly = (actor: Actor) => actor.staff;

/** For handlers that need the actor of a route whose access already required one. */
export function actorOf(request: FastifyRequest): Actor {
  if (!request.actor) throw new Error('route sans acteur : son accès devait exiger une connexion');
  return request.actor;
}

/** Sends a visitor to the sign-in page, remembering nothing of where they were (no open redirect). */
export const toSignIn = (reply: FastifyReply) => reply.redirect('/connexion', 303);
