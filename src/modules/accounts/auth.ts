// Who is asking: a session cookie for pages, a Bearer token for the API.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { apiError } from '../../platform/http/errors.ts';
import { sendMessagePage } from '../../platform/http/pages.tsx';
import type { Services } from '../../platform/services.ts';
import { type Actor, actorFromPerson } from './actor.ts';
import { authenticateApiToken } from './api-tokens.ts';
import { resumeSession } from './sessions.ts';

declare module 'fastify' {
  interface FastifyRequest {
    actor: Actor | null;
  }
}

export const sessionCookie = 'coopdec_session';

export function sessionCookieOptions(services: Services) {
  return {
    path: '/',
    httpOnly: true,
    sameSite: 'lax' as const,
    secure: services.config.baseUrl.startsWith('https://'),
    maxAge: services.config.SESSION_ABSOLUTE_HOURS * 3600,
  };
}

export function installAuthentication(app: FastifyInstance, services: Services) {
  const timeouts = {
    idleMinutes: services.config.SESSION_IDLE_MINUTES,
    absoluteHours: services.config.SESSION_ABSOLUTE_HOURS,
  };
  app.decorateRequest('actor', null);
  app.addHook('onRequest', async (request) => {
    if (request.url.startsWith('/api/') || request.url.startsWith('/static/')) return;
    const id = request.cookies[sessionCookie];
    if (!id) return;
    const person = await resumeSession(services.db, id, timeouts);
    request.actor = person ? actorFromPerson(person) : null;
  });
}

/** For API routes: a valid Bearer token, or a 401 answer. */
export function apiAuthenticator(services: Services) {
  return async (request: FastifyRequest, reply: FastifyReply): Promise<boolean> => {
    const header = request.headers.authorization ?? '';
    const match = /^Bearer\s+(\S+)$/i.exec(header);
    const person = match ? await authenticateApiToken(services.db, match[1]!) : undefined;
    if (!person) {
      reply.header('www-authenticate', 'Bearer');
      apiError(reply, {
        status: 401,
        code: 'unauthenticated',
        message: 'Jeton d’API absent, invalide ou révoqué.',
      });
      return false;
    }
    request.actor = actorFromPerson(person);
    return true;
  };
}

/** For pages: signed in, or sent to the sign-in page. Returns the actor, or undefined when it redirected. */
export function requireSignIn(request: FastifyRequest, reply: FastifyReply): Actor | undefined {
  if (request.actor) return request.actor;
  reply.redirect('/connexion', 303);
  return undefined;
}

/**
 * For pages reserved to a role: signed in and allowed by the module's policy, or sent to the sign-in page,
 * or shown a French refusal. Returns the actor, or undefined when it answered.
 */
export function requireRole(
  request: FastifyRequest,
  reply: FastifyReply,
  allowed: (actor: Actor) => boolean,
  refusal = 'Cette page est réservée à l’équipe du réseau.',
): Actor | undefined {
  const actor = requireSignIn(request, reply);
  if (!actor) return undefined;
  if (allowed(actor)) return actor;
  sendMessagePage(request, reply, 403, 'Accès réservé', refusal);
  return undefined;
}
