// Server-rendered pages declared once, as API routes are (`definePage` mirrors `defineApiRoute`): who may
// ask, the address's parameters, then a handler that calls one use case and returns a view, a redirect or
// a message. The checks before the handler are the same on every page.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { VNode } from 'preact';
import type { z } from 'zod';
import { type Network, network } from '../identity.ts';
import { noticeText } from '../messages.ts';
import type { Failure } from '../result.ts';
import { Layout, type PageContext } from '../views/layout.tsx';
import { menusFor, type NavEntry } from '../views/navigation.ts';
import { renderPage } from '../views/render.tsx';
import { type Access, type Actor, admits, toSignIn } from './actor.ts';
import { cachedPage, privateCacheControl } from './caching.ts';

declare module 'fastify' {
  interface FastifyInstance {
    /** Every module's menu entries (see `Module.nav`). */
    navigation: readonly NavEntry[];
    /** The network this app speaks for (its configuration). */
    network: Network;
  }
}

export function pageContext(request: FastifyRequest, reply: FastifyReply): PageContext {
  const actor = request.actor;
  const viewer = actor ? { name: `${actor.firstName} ${actor.lastName}`, staff: actor.staff } : null;
  let token: string | undefined;
  return {
    viewer,
    get csrfToken() {
      // A request refused before routing (see `frameworkErrors` in server.ts) has a bare reply: no form.
      token ??= typeof reply.generateCsrf === 'function' ? reply.generateCsrf() : '';
      // A page with a form carries its visitor's token: their own, never kept by a shared cache.
      request.validators = null;
      return token;
    },
    path: request.url.split('?')[0] ?? '/',
    menus: menusFor(request.server.navigation ?? [], viewer),
    network: request.server.network ?? network(),
  };
}

/** Sends a server-rendered page. */
export function sendPage(reply: FastifyReply, page: VNode, status = 200) {
  return sendHtml(reply, renderPage(page), status);
}

/** Sends a page already rendered (one a handler keeps while its data does not change). */
export function sendHtml(reply: FastifyReply, html: string, status = 200) {
  return reply
    .code(status)
    .type('text/html; charset=utf-8')
    .header('cache-control', privateCacheControl)
    .send(html);
}

/** A page saying what went wrong, in French, with a way forward. */
export function sendMessagePage(
  request: FastifyRequest,
  reply: FastifyReply,
  status: number,
  title: string,
  message: string,
) {
  const ctx = pageContext(request, reply);
  return sendPage(
    reply,
    <Layout ctx={ctx} title={title}>
      <h1>{title}</h1>
      <p>{message}</p>
      <p>
        <a href="/">Revenir à l’accueil</a>
      </p>
    </Layout>,
    status,
  );
}

/** The address after a successful form (POST → redirect → GET), with a notice key for the next page. */
function withNotice(to: string, notice: string): string {
  if (noticeText(notice) === undefined) throw new Error(`message inconnu : ${notice}`);
  // The query goes before the fragment: what follows `#` never reaches the server.
  const [path, fragment] = to.split('#') as [string, string | undefined];
  const separator = path.includes('?') ? '&' : '?';
  return `${path}${separator}info=${encodeURIComponent(notice)}${fragment ? `#${fragment}` : ''}`;
}

export function noticeOf(request: FastifyRequest): string | undefined {
  const info = (request.query as Record<string, unknown> | undefined)?.info;
  return typeof info === 'string' ? noticeText(info) : undefined;
}

/**
 * A form's fields as texts. A field sent twice (only a crafted request does: our forms repeat no field
 * that goes through here) keeps its last value; files and other values are left out. Reading `body.x`
 * as a string without this crashed (`.trim()` of an array) into a 500.
 */
export function formFields(request: FastifyRequest): Record<string, string | undefined> {
  const fields: Record<string, string | undefined> = {};
  for (const [key, raw] of Object.entries((request.body ?? {}) as Record<string, unknown>)) {
    const value = Array.isArray(raw) ? raw.at(-1) : raw;
    if (typeof value === 'string') fields[key] = value;
  }
  return fields;
}

// ——— What a page handler returns ———

export type PageOutcome =
  | { kind: 'view'; page: VNode; status: number }
  | { kind: 'redirect'; to: string }
  | { kind: 'message'; status: number; title: string; text: string }
  /** The handler answered itself (a file, a calendar, a download). */
  | FastifyReply;

export const view = (page: VNode, status = 200): PageOutcome => ({ kind: 'view', page, status });

/** POST → redirect → GET, with a notice (a key of `defineNotices`) shown on the next page. */
export const redirect = (to: string, notice?: string): PageOutcome => ({
  kind: 'redirect',
  to: notice ? withNotice(to, notice) : to,
});

export const message = (status: number, title: string, text: string): PageOutcome => ({
  kind: 'message',
  status,
  title,
  text,
});

export const notFound = (
  text = 'Cette page n’existe pas ou ne vous est pas ouverte.',
  title = 'Introuvable',
): PageOutcome => message(404, title, text);

/** A domain refusal shown as a page: its status and its French sentence. */
export const refusal = (failure: Failure, title: string): PageOutcome =>
  message(failure.status, title, failure.message);

// ——— Declaring pages ———

type ActorFor<A extends Access> = A extends 'public' ? Actor | null : Actor;

export interface PageInput<P, Q, A extends Access> {
  request: FastifyRequest;
  reply: FastifyReply;
  actor: ActorFor<A>;
  params: P;
  query: Q;
  /** The posted form's fields as texts (see `formFields`). */
  form: Record<string, string | undefined>;
  /** What every view needs: viewer, CSRF token, path, menus. */
  ctx: PageContext;
  /** The notice named by `?info=` after a redirect. */
  notice: string | undefined;
}

export interface PageRoute<P = unknown, Q = unknown, A extends Access = Access> {
  method: 'GET' | 'POST';
  url: string;
  /** Checked before anything is read: a visitor is sent to the sign-in page, others get `refusal`. */
  access: A;
  refusal?: string;
  /** Invalid parameters answer 404: an address that cannot exist. */
  params?: z.ZodType<P>;
  /** Invalid query parameters answer 400. */
  query?: z.ZodType<Q>;
  /**
   * The change scopes (see caching.ts) of the data this page shows when its visitor is anonymous: such a
   * page gets an ETag and Last-Modified, and a shared cache may keep it. Only for pages whose anonymous
   * version depends on nothing else than these scopes, the address and the time (five minutes at most).
   */
  cache?: readonly string[];
  /** Requests per client address (sign-in, anonymous forms that write). */
  rateLimit?: { max: number; timeWindow: string };
  /**
   * A POST that other sites may make, without session or CSRF token: only for a link that carries its own
   * signed token (RFC 8058's one-click unsubscribe, which mail providers post from their servers).
   */
  crossSite?: boolean;
  handler: (input: PageInput<P, Q, A>) => Promise<PageOutcome>;
}

export const definePage = <P = undefined, Q = undefined, A extends Access = Access>(
  route: PageRoute<P, Q, A>,
) => route as unknown as PageRoute;

const defaultRefusal = 'Cette page est réservée à l’équipe du réseau.';

export function registerPages(app: FastifyInstance, routes: readonly PageRoute[]) {
  for (const route of routes) {
    app.route({
      method: route.method,
      url: route.url,
      config: {
        ...(route.rateLimit ? { rateLimit: route.rateLimit } : {}),
        crossSite: route.crossSite === true,
      },
      handler: async (request, reply) => {
        const actor = request.actor;
        if (!admits(route.access, actor)) {
          if (!actor) return toSignIn(reply);
          return sendMessagePage(request, reply, 403, 'Accès réservé', route.refusal ?? defaultRefusal);
        }
        const params = route.params ? route.params.safeParse(request.params) : { success: true as const };
        if (!params.success) return sendMessagePage(request, reply, 404, 'Page introuvable', notFoundText);
        const query = route.query ? route.query.safeParse(request.query ?? {}) : { success: true as const };
        if (!query.success) {
          return sendMessagePage(
            request,
            reply,
            400,
            'Demande refusée',
            'Certains paramètres de l’adresse sont invalides.',
          );
        }
        if (await cachedPage(request, reply, route.cache)) return reply;
        const ctx = pageContext(request, reply);
        const outcome = await route.handler({
          request,
          reply,
          actor,
          params: 'data' in params ? params.data : undefined,
          query: 'data' in query ? query.data : undefined,
          form: formFields(request),
          ctx,
          notice: noticeOf(request),
        });
        // A handler that answered itself returns the reply, which is thenable: awaiting it gave undefined once
        // the answer was sent (and `'kind' in undefined` threw, logged after every calendar file).
        if (outcome === undefined || !('kind' in outcome)) return reply;
        switch (outcome.kind) {
          case 'view':
            return sendPage(reply, outcome.page, outcome.status);
          case 'redirect':
            return reply.redirect(outcome.to, 303);
          case 'message':
            return sendMessagePage(request, reply, outcome.status, outcome.title, outcome.text);
        }
      },
    });
  }
}

const notFoundText = 'Cette page n’existe pas ou ne vous est pas ouverte.';
