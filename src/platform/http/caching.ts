// HTTP caching of the public pages (decision 016). A page built only from public data declares the change
// scopes it reads (`cache` of `definePage`, « agenda », « program »…); for an anonymous visitor it then gets
// validators — an ETag and a Last-Modified derived from the scopes' change counters (table `changes`, kept
// by triggers at each commit), read in one indexed query before the page's data — and a revalidation that
// matches is answered 304 without reading or rendering anything. A signed-in page, or any answer that sets
// a cookie, is `private, no-store`.
import { createHash } from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Executor } from '../db/client.ts';
import { changes } from '../db/platform.schema.ts';
import { prepared } from '../db/prepared.ts';

declare module 'fastify' {
  interface FastifyInstance {
    /** The validators of the page at `url` built from `scopes` (one query). */
    pageValidators(scopes: readonly string[], url: string): Promise<Validators>;
  }
  interface FastifyRequest {
    /** Set when the answer is a cacheable public page (see `cachedPage`). */
    validators: Validators | null;
  }
}

export interface Validators {
  /** A strong ETag, quoted; the compressed representations get a suffix (« "…-br" »). */
  etag: string;
  /** Whole seconds; left out while the last change is too recent to be told apart from the next one. */
  lastModified: Date | undefined;
  /** Each scope's change counter, as read: data read afterwards by the request is at least this recent. */
  versions: Record<string, number>;
}

/** A shared cache (a reverse proxy) may serve a public page this long, then revalidate it in the background. */
export const publicCacheControl = 'public, max-age=60, stale-while-revalidate=300';
export const privateCacheControl = 'private, no-store';

// The pages change with the code too: a restart (a deployment) makes new validators.
const started = Date.now();

/**
 * The pages also change with the time: the agenda starts today, an event over says « Terminé », an
 * edition's forms open on a date. A tag stands for five minutes at most, the time a shared cache may serve a
 * page while it revalidates it (stale-while-revalidate).
 */
export const timeSlotMs = 300_000;

// Read by every public page, and all a 304 reads (prepared: platform/db/prepared.ts).
const changesOf = prepared((executor) =>
  executor
    .select()
    .from(changes)
    .where(sql`${changes.scope} = any(${sql.placeholder('scopes')}::text[])`)
    .prepare('changes_of'),
);

/** The validators of a page: its address, the time slot, the process' start and each scope's change counter. */
export async function pageValidators(
  executor: Executor,
  scopes: readonly string[],
  url: string,
  now = new Date(),
): Promise<Validators> {
  const rows = await changesOf(executor).execute({ scopes });
  const slot = Math.floor(now.getTime() / timeSlotMs) * timeSlotMs;
  const hash = createHash('sha256').update(`${started}\n${slot}\n${url}`);
  let last = Math.max(started, slot);
  const versions: Record<string, number> = {};
  for (const scope of [...scopes].sort()) {
    const row = rows.find((r) => r.scope === scope);
    versions[scope] = row?.version ?? 0;
    hash.update(`\n${scope}:${versions[scope]}`);
    if (row) last = Math.max(last, row.changedAt.getTime());
  }
  // A date has whole seconds: two changes within one second would share it, and a copy taken between them
  // would pass for fresh. Given only once the last change is two seconds old, it cannot be shared.
  const lastModified = now.getTime() - last >= 2000 ? new Date(Math.floor(last / 1000) * 1000) : undefined;
  return { etag: `"${hash.digest('base64url').slice(0, 32)}"`, lastModified, versions };
}

const encodingSuffix = /-(br|gzip|deflate)"$/;

/** The client's tag that matches (If-None-Match), or true for If-Modified-Since; false when its copy is old. */
function clientCopy(request: FastifyRequest, validators: Validators): string | boolean {
  const tags = request.headers['if-none-match'];
  // If-None-Match decides alone when it is sent (RFC 9110 § 13.2.2); its comparison is the weak one.
  if (tags !== undefined) {
    const matched = tags
      .split(',')
      .map((t) => t.trim())
      .find((t) => t === '*' || t.replace(/^W\//, '').replace(encodingSuffix, '"') === validators.etag);
    return matched === '*' ? validators.etag : (matched ?? false);
  }
  const since = Date.parse(request.headers['if-modified-since'] ?? '');
  return validators.lastModified !== undefined && validators.lastModified.getTime() <= since;
}

/**
 * Before a public page's handler: nothing for a signed-in visitor (their page is private); otherwise reads
 * the validators and answers 304 when the visitor's copy is still good (the reply is then sent).
 */
export async function cachedPage(
  request: FastifyRequest,
  reply: FastifyReply,
  scopes: readonly string[] | undefined,
): Promise<boolean> {
  if (!scopes || request.actor || request.method !== 'GET') return false;
  const validators = await request.server.pageValidators(scopes, request.url);
  request.validators = validators;
  const copy = clientCopy(request, validators);
  if (copy === false) return false;
  await reply
    .code(304)
    .header('etag', copy === true ? validators.etag : copy)
    .send();
  return true;
}

/** Installs the validators' reader and the headers of every answer (after @fastify/compress and cookies). */
export function installHttpCaching(app: FastifyInstance, executor: Executor) {
  app.decorate('pageValidators', (scopes: readonly string[], url: string) =>
    pageValidators(executor, scopes, url),
  );
  app.decorateRequest('validators', null);
  const headers = async (request: FastifyRequest, reply: FastifyReply, payload: unknown) => {
    const validators = request.validators;
    if (!validators) return payload;
    const status = reply.statusCode;
    if ((status !== 200 && status !== 304) || reply.hasHeader('set-cookie')) {
      // A form's CSRF cookie, an error: not a page to share.
      reply.removeHeader('etag');
      reply.header('cache-control', privateCacheControl);
      return payload;
    }
    if (status === 200) {
      // Strong tags name one representation: the compressed ones get their own.
      const encoding = reply.getHeader('content-encoding');
      reply.header('etag', encoding ? validators.etag.replace(/"$/, `-${encoding}"`) : validators.etag);
    }
    if (validators.lastModified) reply.header('last-modified', validators.lastModified.toUTCString());
    reply.header('cache-control', publicCacheControl);
    // The same address shows a signed-in visitor their own page: a shared cache keys on the cookie too; and
    // on the encoding, said on a 304 as on the 200 it stands for.
    reply.header('vary', 'Accept-Encoding, Cookie');
    return payload;
  };
  // A route's own hooks run after the application's: added to each route after @fastify/compress's (which
  // adds its own the same way), this one sees the encoding chosen; the cookies are set by then.
  app.addHook('onRoute', (route) => {
    const own = route.onSend;
    route.onSend = [...(Array.isArray(own) ? own : own ? [own] : []), headers];
  });
}
