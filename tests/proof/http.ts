// Requests as the matrix and the fuzzers send them: pages with a session cookie and the CSRF token of a
// real page, the API with a Bearer token; each from its own client address (so that the per-client rate
// limits of the sign-in and interest forms count each request apart).
import type { TestApp } from '../helpers.ts';
import type { RequestSpec } from './cases.ts';
import { baseUrl, type Role, type World } from './world.ts';

export type App = TestApp['app'];
export type InjectResponse = Awaited<ReturnType<App['inject']>>;

export const unsafeMethods = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

let clients = 0;
/** A new client address at each call (documentation ranges and private ones). */
export function nextAddress() {
  clients++;
  return `10.${(clients >> 16) & 255}.${(clients >> 8) & 255}.${clients & 255}`;
}

export interface Csrf {
  secret: string;
  token: string;
}

/** The CSRF secret cookie and a token of a real page, as a browser holds them. */
export async function csrfOf(app: App): Promise<Csrf> {
  const page = await app.inject({ method: 'GET', url: '/connexion', remoteAddress: nextAddress() });
  const secret = page.cookies.find((c) => c.name === '_csrf')?.value;
  const token = /name="_csrf" value="([^"]+)"/.exec(page.body)?.[1];
  if (!secret || !token) throw new Error('no CSRF token on /connexion');
  return { secret, token };
}

export function multipartBody(
  fields: Record<string, string>,
  file?: { name: string; type: string; content: Buffer },
): { body: Buffer; contentType: string } {
  const boundary = `----proof-${Math.random().toString(16).slice(2)}`;
  const parts: Buffer[] = [];
  for (const [name, value] of Object.entries(fields))
    parts.push(
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`),
    );
  if (file) {
    parts.push(
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${file.name}"\r\nContent-Type: ${file.type}\r\n\r\n`,
      ),
      file.content,
      Buffer.from('\r\n'),
    );
  }
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  return { body: Buffer.concat(parts), contentType: `multipart/form-data; boundary=${boundary}` };
}

export interface Credentials {
  /** Session id of a page user (none for anonymous). */
  session?: string | undefined;
  /** `Authorization` header of an API user (none for anonymous). */
  authorization?: string | undefined;
  csrf: Csrf;
  /** For the CSRF proofs: send no token, or another site's Origin. */
  withoutCsrfToken?: boolean;
  origin?: string;
}

export const credentialsOf = (role: Role, world: World, csrf: Csrf): Credentials =>
  role === 'anonymous'
    ? { csrf }
    : { csrf, session: world.sessions[role], authorization: world.bearers[role].authorization };

/** Sends one request of the matrix. */
export function send(app: App, method: string, spec: RequestSpec, who: Credentials): Promise<InjectResponse> {
  const api = spec.url.startsWith('/api/');
  const headers: Record<string, string> = {};
  let payload: string | Buffer | undefined;
  if (api) {
    if (who.authorization) headers.authorization = who.authorization;
    if (spec.json !== undefined) {
      headers['content-type'] = 'application/json';
      payload = JSON.stringify(spec.json);
    }
  } else {
    const session = spec.session ?? who.session;
    headers.cookie = [session ? `coopdec_session=${session}` : '', `_csrf=${who.csrf.secret}`]
      .filter(Boolean)
      .join('; ');
    if (unsafeMethods.has(method)) {
      const token: Record<string, string> = who.withoutCsrfToken ? {} : { _csrf: who.csrf.token };
      if (spec.multipart) {
        const multipart = multipartBody({ ...token, ...spec.multipart.fields }, spec.multipart.file);
        headers['content-type'] = multipart.contentType;
        payload = multipart.body;
      } else {
        const form = new URLSearchParams();
        for (const [k, v] of Object.entries({ ...token, ...(spec.form ?? {}) }))
          for (const value of [v].flat()) form.append(k, value);
        headers['content-type'] = 'application/x-www-form-urlencoded';
        payload = form.toString();
      }
    }
  }
  if (unsafeMethods.has(method)) headers.origin = who.origin ?? baseUrl;
  return app.inject({
    method: method as 'GET',
    url: spec.url,
    headers,
    remoteAddress: spec.remoteAddress ?? nextAddress(),
    ...(payload !== undefined ? { payload } : {}),
  });
}

/** A success: 2xx, or a redirect elsewhere than to the sign-in page (a redirect there is a refusal). */
export function succeeded(response: InjectResponse): boolean {
  if (response.statusCode >= 200 && response.statusCode < 300) return true;
  if (response.statusCode >= 300 && response.statusCode < 400)
    return response.headers.location !== '/connexion';
  return false;
}

/** A refusal as the platform answers one: 4xx, or sent to the sign-in page. */
export function refused(response: InjectResponse): boolean {
  return (
    (response.statusCode >= 400 && response.statusCode < 500) ||
    (response.statusCode === 303 && response.headers.location === '/connexion')
  );
}
