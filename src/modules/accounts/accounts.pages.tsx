// Sign-in pages: emailed link, ProConnect, sign-out.
import type { FastifyReply } from 'fastify';
import { z } from 'zod';
import { definePage, message, type PageOutcome, redirect, view } from '../../platform/http/pages.tsx';
import type { Services } from '../../platform/services.ts';
import { accountsMessages as messages, accountsNotices as notices } from './accounts.messages.ts';
import { sessionCookie, sessionCookieOptions } from './auth.ts';
import { proConnectFrom, readPendingSignIn } from './proconnect.ts';
import { closeSession } from './sessions.ts';
import { signInWithLink, signInWithProConnect } from './sign-in.ts';
import { requestSignInLink } from './sign-in-link.ts';
import { ConfirmLinkPage, LinkSentPage, SignInPage } from './views/sign-in.tsx';

const pendingCookie = 'coopdec_oidc';
const emailForm = z.object({ email: z.string().trim().max(254).pipe(z.email()) });
/** The token of an emailed link: anything else than one text (missing, repeated) is an incomplete link. */
const linkQuery = z.object({ jeton: z.string().optional().catch(undefined) });

// Sign-in attempts are limited per address of the client, on top of the per-email limit.
const signInLimit = { max: 10, timeWindow: '15 minutes' };

export function accountPages(services: Services) {
  const { config, db } = services;
  const timeouts = { idleMinutes: config.SESSION_IDLE_MINUTES, absoluteHours: config.SESSION_ABSOLUTE_HOURS };
  const proConnect = proConnectFrom(config);

  /** Hands the new session to the browser and takes the person to their space. */
  const signedIn = (reply: FastifyReply, session: string): PageOutcome => {
    reply.setCookie(sessionCookie, session, sessionCookieOptions(services));
    return redirect('/mon-espace');
  };

  const pages = [
    definePage({
      method: 'GET',
      url: '/connexion',
      access: 'public',
      handler: async ({ actor, ctx, notice }) => {
        if (actor) return redirect('/mon-espace');
        return view(<SignInPage ctx={ctx} proConnect={Boolean(proConnect)} notice={notice} />);
      },
    }),
    definePage({
      method: 'POST',
      url: '/connexion',
      access: 'public',
      rateLimit: signInLimit,
      handler: async ({ form, ctx }) => {
        const parsed = emailForm.safeParse(form);
        if (!parsed.success) {
          return view(
            <SignInPage
              ctx={ctx}
              proConnect={Boolean(proConnect)}
              email={form.email ?? ''}
              error={messages.invalidEmail().text}
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
        return view(<LinkSentPage ctx={ctx} minutes={config.MAGIC_LINK_MINUTES} />);
      },
    }),
    // Opening the link shows a button: mail scanners that follow links must not spend it.
    definePage({
      method: 'GET',
      url: '/connexion/lien',
      access: 'public',
      query: linkQuery,
      handler: async ({ query, ctx }) => {
        if (query.jeton === undefined || query.jeton.length > 200)
          return message(400, 'Lien incomplet', messages.linkIncomplete().text);
        return view(<ConfirmLinkPage ctx={ctx} token={query.jeton} />);
      },
    }),
    definePage({
      method: 'POST',
      url: '/connexion/lien',
      access: 'public',
      rateLimit: signInLimit,
      handler: async ({ request, reply, form }) => {
        const session = await signInWithLink(db, form.jeton, {
          previousSession: request.cookies[sessionCookie],
          timeouts,
        });
        if (!session.ok) return message(410, 'Lien expiré', session.error.message);
        return signedIn(reply, session.value);
      },
    }),
    definePage({
      method: 'POST',
      url: '/deconnexion',
      access: 'public',
      handler: async ({ request, reply }) => {
        const id = request.cookies[sessionCookie];
        if (id) await closeSession(db, id);
        reply.clearCookie(sessionCookie, { path: '/' });
        return redirect('/connexion', notices.signed_out);
      },
    }),
  ];
  if (!proConnect) return pages;

  return [
    ...pages,
    definePage({
      method: 'GET',
      url: '/connexion/proconnect',
      access: 'public',
      rateLimit: signInLimit,
      handler: async ({ reply }) => {
        const { url, pending } = await proConnect.start();
        reply.setCookie(pendingCookie, JSON.stringify(pending), {
          path: '/connexion/proconnect',
          httpOnly: true,
          sameSite: 'lax',
          secure: config.baseUrl.startsWith('https://'),
          maxAge: 600,
        });
        return redirect(url);
      },
    }),
    definePage({
      method: 'GET',
      url: '/connexion/proconnect/retour',
      access: 'public',
      handler: async ({ request, reply }) => {
        const pending = readPendingSignIn(request.cookies[pendingCookie]);
        reply.clearCookie(pendingCookie, { path: '/connexion/proconnect' });
        if (!pending) return message(400, 'Connexion interrompue', messages.proConnectInterrupted().text);
        const session = await signInWithProConnect(
          db,
          proConnect,
          { url: new URL(request.url, config.baseUrl), pending },
          { previousSession: request.cookies[sessionCookie], timeouts },
        );
        if (!session.ok) {
          const title = session.error.code === 'no_account' ? 'Compte introuvable' : 'Connexion refusée';
          return message(session.error.status, title, session.error.message);
        }
        return signedIn(reply, session.value);
      },
    }),
  ];
}
