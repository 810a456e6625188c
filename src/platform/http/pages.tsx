import type { FastifyReply, FastifyRequest } from 'fastify';
import type { VNode } from 'preact';
import { Layout, type PageContext } from '../views/layout.tsx';
import { renderPage } from '../views/render.tsx';

export function pageContext(request: FastifyRequest, reply: FastifyReply): PageContext {
  const actor = request.actor;
  return {
    viewer: actor ? { name: `${actor.firstName} ${actor.lastName}`, staff: actor.staff } : null,
    // A request refused before routing (see `frameworkErrors` in server.ts) has a bare reply: no form, no token.
    csrfToken: typeof reply.generateCsrf === 'function' ? reply.generateCsrf() : '',
    path: request.url.split('?')[0] ?? '/',
  };
}

/** Sends a server-rendered page. */
export function sendPage(reply: FastifyReply, page: VNode, status = 200) {
  return reply
    .code(status)
    .type('text/html; charset=utf-8')
    .header('cache-control', 'no-store')
    .send(renderPage(page));
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

// Notices travel as a key in the redirect, never as free text: a crafted link cannot put words in our mouth.
const notices = new Map<string, string>();

/** Each module declares the messages it may show after an action. */
export function registerNotices(record: Record<string, string>) {
  for (const [key, message] of Object.entries(record)) notices.set(key, message);
}

/** Redirects after a successful form (POST → redirect → GET), with a notice for the next page. */
export function redirectWithNotice(reply: FastifyReply, to: string, notice: string) {
  if (!notices.has(notice)) throw new Error(`message inconnu : ${notice}`);
  // The query goes before the fragment: what follows `#` never reaches the server.
  const [path, fragment] = to.split('#') as [string, string | undefined];
  const separator = path.includes('?') ? '&' : '?';
  return reply.redirect(
    `${path}${separator}info=${encodeURIComponent(notice)}${fragment ? `#${fragment}` : ''}`,
    303,
  );
}

export function noticeOf(request: FastifyRequest): string | undefined {
  const info = (request.query as Record<string, unknown> | undefined)?.info;
  return typeof info === 'string' ? notices.get(info) : undefined;
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
