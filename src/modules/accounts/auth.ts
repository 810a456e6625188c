// Who is asking: a session cookie for pages, a Bearer token for the API.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { apiError } from '../../platform/http/errors.ts';
import type { Services } from '../../platform/services.ts';
import { accountsMessages as messages } from './accounts.messages.ts';
import { actorFromPerson } from './actor.ts';
import { authenticateApiToken } from './api-tokens.ts';
import { resumeSession } from './sessions.ts';

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
    if (!id) {
      // A document may be fetched by a script with an API token rather than a session (a directory's PDF,
      // issue 14). Reading only: a token is no ambient credential, but forms stay for sessions and their CSRF.
      const bearer = /^Bearer\s+(\S+)$/i.exec(request.headers.authorization ?? '');
      if (!bearer || (request.method !== 'GET' && request.method !== 'HEAD')) return;
      const person = await authenticateApiToken(services.db, bearer[1]!);
      request.actor = person ? actorFromPerson(person) : null;
      return;
    }
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
      apiError(reply, { status: 401, code: 'unauthenticated', message: messages.invalidApiToken().text });
      return false;
    }
    request.actor = actorFromPerson(person);
    return true;
  };
}
