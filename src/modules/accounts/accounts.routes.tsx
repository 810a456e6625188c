// Sign-in pages: emailed link, ProConnect, sign-out.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import {
  noticeOf,
  pageContext,
  redirectWithNotice,
  sendMessagePage,
  sendPage,
} from '../../platform/http/pages.tsx';
import { defineNotices } from '../../platform/messages.ts';
import type { Services } from '../../platform/services.ts';
import { sessionCookie, sessionCookieOptions } from './auth.ts';
import { matchProConnectIdentity, type PendingSignIn, ProConnect } from './proconnect.ts';
import { closeSession, openSession } from './sessions.ts';
import { consumeSignInLink, requestSignInLink } from './sign-in-link.ts';
import { ConfirmLinkPage, LinkSentPage, SignInPage } from './views/sign-in.tsx';

const notices = defineNotices('accounts', { signed_out: 'Vous êtes déconnecté·e.' });

const pendingCookie = 'coopdec_oidc';
const emailForm = z.object({ email: z.string().trim().max(254).pipe(z.email()) });

export function registerAccountRoutes(app: FastifyInstance, services: Services) {
  const { config, db } = services;
  const timeouts = { idleMinutes: config.SESSION_IDLE_MINUTES, absoluteHours: config.SESSION_ABSOLUTE_HOURS };
  const proConnect = config.PROCONNECT_ISSUER
    ? new ProConnect({
        issuer: config.PROCONNECT_ISSUER,
        clientId: config.PROCONNECT_CLIENT_ID!,
        clientSecret: config.PROCONNECT_CLIENT_SECRET!,
        redirectUri: `${config.baseUrl}/connexion/proconnect/retour`,
      })
    : undefined;

  /** A new session id at every sign-in; the browser's previous session, if any, is closed. */
  const startSession = async (request: FastifyRequest, reply: FastifyReply, personId: string) => {
    const previous = request.cookies[sessionCookie];
    if (previous) await closeSession(db, previous);
    const id = await openSession(db, personId, timeouts);
    reply.setCookie(sessionCookie, id, sessionCookieOptions(services));
    return reply.redirect('/mon-espace', 303);
  };

  // Sign-in attempts are limited per address of the client, on top of the per-email limit.
  const signInLimit = { rateLimit: { max: 10, timeWindow: '15 minutes' } };

  app.get('/connexion', async (request, reply) => {
    if (request.actor) return reply.redirect('/mon-espace', 303);
    return sendPage(
      reply,
      <SignInPage
        ctx={pageContext(request, reply)}
        proConnect={Boolean(proConnect)}
        notice={noticeOf(request)}
      />,
    );
  });

  app.post('/connexion', { config: signInLimit }, async (request, reply) => {
    const parsed = emailForm.safeParse(request.body);
    if (!parsed.success) {
      return sendPage(
        reply,
        <SignInPage
          ctx={pageContext(request, reply)}
          proConnect={Boolean(proConnect)}
          email={String((request.body as Record<string, unknown> | undefined)?.email ?? '')}
          error="Saisissez une adresse électronique valide, par exemple prenom.nom@ville.fr."
        />,
        400,
      );
    }
    await db.transaction((tx) =>
      requestSignInLink(tx, parsed.data.email, {
        baseUrl: config.baseUrl,
        validMinutes: config.MAGIC_LINK_MINUTES,
      }),
    );
    services.jobs.poke();
    return sendPage(
      reply,
      <LinkSentPage ctx={pageContext(request, reply)} minutes={config.MAGIC_LINK_MINUTES} />,
    );
  });

  // Opening the link shows a button: mail scanners that follow links must not spend it.
  app.get('/connexion/lien', async (request, reply) => {
    const token = (request.query as Record<string, unknown>).jeton;
    if (typeof token !== 'string' || token.length > 200) {
      return sendMessagePage(
        request,
        reply,
        400,
        'Lien incomplet',
        'Ce lien de connexion est incomplet. Demandez-en un nouveau.',
      );
    }
    return sendPage(reply, <ConfirmLinkPage ctx={pageContext(request, reply)} token={token} />);
  });

  app.post('/connexion/lien', { config: signInLimit }, async (request, reply) => {
    const token = (request.body as Record<string, unknown> | undefined)?.jeton;
    const result =
      typeof token === 'string' && token.length <= 200 ? await consumeSignInLink(db, token) : undefined;
    if (!result?.ok) {
      const message = result?.error.message ?? 'Ce lien de connexion est incomplet. Demandez-en un nouveau.';
      return sendMessagePage(request, reply, 410, 'Lien expiré', message);
    }
    return startSession(request, reply, result.value);
  });

  app.post('/deconnexion', async (request, reply) => {
    const id = request.cookies[sessionCookie];
    if (id) await closeSession(db, id);
    reply.clearCookie(sessionCookie, { path: '/' });
    return redirectWithNotice(reply, '/connexion', notices.signed_out);
  });

  if (!proConnect) return;

  app.get('/connexion/proconnect', { config: signInLimit }, async (_request, reply) => {
    const { url, pending } = await proConnect.start();
    reply.setCookie(pendingCookie, JSON.stringify(pending), {
      path: '/connexion/proconnect',
      httpOnly: true,
      sameSite: 'lax',
      secure: config.baseUrl.startsWith('https://'),
      maxAge: 600,
    });
    return reply.redirect(url, 303);
  });

  app.get('/connexion/proconnect/retour', async (request, reply) => {
    let pending: PendingSignIn | undefined;
    try {
      pending = JSON.parse(request.cookies[pendingCookie] ?? '') as PendingSignIn;
    } catch {
      pending = undefined;
    }
    reply.clearCookie(pendingCookie, { path: '/connexion/proconnect' });
    if (!pending?.state) {
      return sendMessagePage(
        request,
        reply,
        400,
        'Connexion interrompue',
        'La connexion a expiré. Recommencez depuis la page de connexion.',
      );
    }
    const identity = await proConnect.finish(new URL(request.url, config.baseUrl), pending);
    if (!identity.ok)
      return sendMessagePage(request, reply, 401, 'Connexion refusée', identity.error.message);
    const person = await db.transaction((tx) => matchProConnectIdentity(tx, identity.value));
    if (!person.ok) return sendMessagePage(request, reply, 403, 'Compte introuvable', person.error.message);
    return startSession(request, reply, person.value.id);
  });
}
