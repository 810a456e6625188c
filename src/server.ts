// Builds the application: platform plugins, then each module's routes.
import compress from '@fastify/compress';
import cookie from '@fastify/cookie';
import csrf from '@fastify/csrf-protection';
import formbody from '@fastify/formbody';
import multipart from '@fastify/multipart';
import rateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import Fastify, { type FastifyBaseLogger, type FastifyInstance, type FastifyRequest } from 'fastify';
import helmet from 'helmet';
import { type ApiRoute, buildOpenApi, registerApiRoutes } from './platform/http/api.ts';
import { installHttpCaching } from './platform/http/caching.ts';
import { apiError, describeError, installErrorHandlers, isApiRequest } from './platform/http/errors.ts';
import { registerPages, sendMessagePage } from './platform/http/pages.tsx';
import { postgresRateLimitStore } from './platform/http/rate-limit.ts';
import { installNetwork, networkOf } from './platform/identity.ts';
import { installSecretsKey, secretsKey } from './platform/secrets.ts';
import type { Services } from './platform/services.ts';
import './platform/validation.ts';
import { bootModules, modules, site } from './modules/index.ts';
import { hashedNames, publicDir } from './platform/views/assets.ts';

const unsafeMethods = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** Does a parsed request part (texts, arrays, objects; files are Buffers and are not text) hold a text that fails `bad`? */
function holds(value: unknown, bad: (text: string) => boolean, depth = 0): boolean {
  if (typeof value === 'string') return bad(value);
  if (depth > 20 || value === null || typeof value !== 'object' || Buffer.isBuffer(value)) return false;
  for (const [key, item] of Object.entries(value)) if (bad(key) || holds(item, bad, depth + 1)) return true;
  return false;
}
const hasNul = (value: unknown) => holds(value, (text) => text.includes('\u0000'));
/** A lone surrogate (JSON's `"\udfff"`) is no Unicode text: PostgreSQL refuses it in JSON (a 500). */
const hasLoneSurrogate = (value: unknown) => holds(value, (text) => !text.isWellFormed());

export interface App {
  app: FastifyInstance;
  /** Set while the process stops: /readyz answers 503. */
  setShuttingDown(): void;
}

/** The one module that says who is asking (accounts). */
function authentication() {
  const providers = modules.flatMap((m) => (m.authentication ? [m.authentication] : []));
  if (providers.length !== 1) throw new Error(`${providers.length} modules d’authentification au lieu d’un`);
  return providers[0]!;
}

export async function buildApp(services: Services): Promise<App> {
  const { config } = services;
  bootModules();
  installNetwork(config);
  installSecretsKey(secretsKey(config));
  const auth = authentication();
  let shuttingDown = false;
  const app: FastifyInstance = Fastify({
    loggerInstance: services.logger as unknown as FastifyBaseLogger,
    bodyLimit: 1024 * 1024,
    trustProxy: config.TRUST_PROXY === 'true',
    // A reverse proxy's request id (nginx's $request_id) names the request in our log too, so that both logs
    // can be read together; without one, Fastify numbers requests itself.
    requestIdHeader: 'x-request-id',
    routerOptions: { maxParamLength: 200 },
    // Requests are read with zod and answers written by the routes: no route gives Fastify a JSON Schema, and
    // its compilers (ajv, fast-json-stringify) are not loaded, which was a twentieth of a restart (decision
    // 025). A route that gave one would stop the start here.
    schemaController: {
      compilersFactory: {
        buildValidator: () => () => {
          throw new Error('schéma JSON de route : validez avec zod (platform/http)');
        },
        buildSerializer: () => () => {
          throw new Error('schéma JSON de réponse : écrivez la réponse dans la route');
        },
      },
    },
    // Errors met before routing (an address that is not one, a parameter too long) get the same French
    // answers as every other error, rather than Fastify's English JSON.
    frameworkErrors: (error, request, reply) => {
      const described = describeError(error);
      if (isApiRequest(request)) return apiError(reply, described);
      return sendMessagePage(request, reply, described.status, 'Demande refusée', described.message);
    },
  });

  // helmet's headers, its middleware made once: @fastify/helmet made it again at every request, parsing the
  // policy each time (2 % of the agenda's CPU, decision 025).
  const securityHeaders = helmet({
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        // No inline style (views use classes of public/app.css): an injected style attribute does nothing.
        styleSrc: ["'self'"],
        fontSrc: ["'self'"],
        imgSrc: ["'self'", 'data:'],
        formAction: [
          "'self'",
          ...(config.PROCONNECT_ISSUER ? [new URL(config.PROCONNECT_ISSUER).origin] : []),
        ],
        frameAncestors: ["'none'"],
        upgradeInsecureRequests: config.baseUrl.startsWith('https://') ? [] : null,
      },
    },
    strictTransportSecurity: config.baseUrl.startsWith('https://'),
    // With « no-referrer » (helmet's default) browsers send `Origin: null` on form posts, which the origin
    // check below must refuse; « same-origin » keeps our own origin visible and tells nothing to others.
    referrerPolicy: { policy: 'same-origin' },
  });
  // The policy is checked when it is made (above): a request cannot fail it.
  app.addHook('onRequest', (request, reply, done) => securityHeaders(request.raw, reply.raw, () => done()));
  // HTML, CSS, calendars and JSON of 1 KiB or more, brotli (quality 4: fast enough per request) or gzip.
  // Answers only: a compressed request body would be one more way to send more than the body limit says.
  await app.register(compress, { encodings: ['br', 'gzip'], globalDecompression: false });
  // After compress: its hooks, added to each route, come before the caching headers'.
  installHttpCaching(app, services.db);
  await app.register(cookie);
  await app.register(formbody, { bodyLimit: 256 * 1024 });
  await app.register(multipart, {
    attachFieldsToBody: 'keyValues',
    limits: { fileSize: 10 * 1024 * 1024, files: 1, fields: 20, parts: 25 },
    // Keep the uploaded file's name next to its content.
    onFile: async (part) => {
      const buffer = await part.toBuffer();
      (part as unknown as { value: unknown }).value = buffer;
      (part.fields as Record<string, unknown>).fileName = { value: part.filename, type: 'field' };
    },
  });
  await app.register(csrf, {
    cookieOpts: { path: '/', httpOnly: true, sameSite: 'lax', secure: config.baseUrl.startsWith('https://') },
  });
  await app.register(rateLimit, { global: false, store: postgresRateLimitStore(services.db) });
  if (config.TRUST_PROXY !== 'true') {
    // Behind a reverse proxy without TRUST_PROXY, every client has the proxy's address: one client's limit
    // would refuse them all. Said once in the log, when the first such request comes.
    let warned = false;
    app.addHook('onRequest', async (request) => {
      if (warned || request.headers['x-forwarded-for'] === undefined) return;
      warned = true;
      request.log.warn(
        'requête relayée par un proxy (X-Forwarded-For) alors que TRUST_PROXY=false : les limites de débit voient tous les clients comme un seul ; réglez TRUST_PROXY=true derrière un proxy de confiance',
      );
    });
  }

  installErrorHandlers(app, (request, reply, error) =>
    sendMessagePage(
      request,
      reply,
      error.status,
      error.status === 404 ? 'Page introuvable' : 'Demande refusée',
      error.message,
    ),
  );

  // A state-changing request from another site is refused before anything else (with the CSRF token below).
  const allowedOrigin = new URL(config.baseUrl).origin;
  const crossSiteAllowed = (request: FastifyRequest) =>
    (request.routeOptions.config as { crossSite?: boolean } | undefined)?.crossSite === true;
  app.addHook('onRequest', async (request, reply) => {
    if (!unsafeMethods.has(request.method) || crossSiteAllowed(request)) return;
    const origin = request.headers.origin;
    const site = request.headers['sec-fetch-site'];
    if ((origin !== undefined && origin !== allowedOrigin) || site === 'cross-site') {
      const message = 'Cette demande vient d’un autre site : elle est refusée.';
      if (request.url.startsWith('/api/')) return apiError(reply, { status: 403, code: 'csrf', message });
      return sendMessagePage(request, reply, 403, 'Demande refusée', message);
    }
  });

  auth.install(app, services);

  // Forms carry a CSRF token; the API uses Bearer tokens and no cookie, so it needs none.
  app.addHook('preHandler', (request, reply, done) => {
    if (!unsafeMethods.has(request.method) || request.url.startsWith('/api/') || crossSiteAllowed(request))
      return done();
    app.csrfProtection(request, reply, done);
  });

  // PostgreSQL cannot store the NUL character in text: the server fails (a 500) and the embedded database
  // silently cuts the text there. A request carrying one is refused before any handler, in French.
  // Nor a lone half of a surrogate pair, which JSON can carry (`\udfff`) and which is no character at all.
  app.addHook('preHandler', async (request, reply) => {
    const parts = [request.params, request.query, request.body];
    let message: string;
    if (parts.some(hasNul))
      message = 'Le texte envoyé contient un caractère nul (U+0000), qui n’est pas admis.';
    else if (parts.some(hasLoneSurrogate))
      message = 'Le texte envoyé contient un caractère Unicode invalide (une moitié de caractère isolée).';
    else return;
    if (request.url.startsWith('/api/')) return apiError(reply, { status: 400, code: 'invalid', message });
    return sendMessagePage(request, reply, 400, 'Demande refusée', message);
  });

  await app.register(fastifyStatic, { root: publicDir, prefix: '/static/', maxAge: '1h' });
  // The pages link to the hashed names (views/assets.ts): a name is one content forever. One route for them
  // all (a new version of a file is no new route); another name is an ordinary static file.
  const hashedToName = new Map([...hashedNames].map(([name, hashed]) => [hashed, name]));
  app.get<{ Params: { asset: string } }>('/static/:asset', (request, reply) => {
    const name = hashedToName.get(request.params.asset);
    return name
      ? reply.sendFile(name, { maxAge: '365d', immutable: true })
      : reply.sendFile(request.params.asset);
  });

  app.get('/healthz', async () => ({ status: 'ok' }));
  app.get('/readyz', async (_request, reply) => {
    if (shuttingDown) return reply.code(503).send({ status: 'arrêt en cours' });
    const up = await services.database.ping();
    return reply.code(up ? 200 : 503).send({ status: up ? 'ok' : 'base de données injoignable' });
  });

  app.decorate('network', networkOf(config));
  app.decorate(
    'navigation',
    modules.flatMap((m) => (typeof m.nav === 'function' ? m.nav(config) : (m.nav ?? []))),
  );
  for (const module of modules) {
    if (module.pages) registerPages(app, module.pages(services, site));
  }

  const apiRoutes: ApiRoute[] = modules.flatMap((m) => m.api?.(services) ?? []);
  registerApiRoutes(app, apiRoutes, auth.api(services), { perMinute: config.API_RATE_LIMIT_PER_MINUTE });
  // Made at the first request rather than at start: turning every route's schemas into JSON Schema was a
  // tenth of a restart (decision 025). The contract tests read it, so a mistake in it still fails CI.
  let openApi: ReturnType<typeof buildOpenApi> | undefined;
  app.get('/api/openapi.json', async () => {
    openApi ??= buildOpenApi(apiRoutes, config.baseUrl);
    return openApi;
  });

  return {
    app,
    setShuttingDown: () => {
      shuttingDown = true;
    },
  };
}
