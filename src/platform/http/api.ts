// JSON API routes declared once: the same zod schemas validate the requests and produce the OpenAPI document.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { Failure } from '../result.ts';
import { fieldErrors } from '../validation.ts';
import { apiError } from './errors.ts';
import { apiClientKey } from './rate-limit.ts';

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface ApiContext<B, Q, P> {
  body: B;
  query: Q;
  params: P;
  request: FastifyRequest;
  reply: FastifyReply;
}

/** One answer of a route: its description, and its body unless it has none. */
export interface ApiResponse {
  description: string;
  /** The JSON body (an error status without one gets the platform's error body). */
  schema?: z.ZodType;
  /** The media type of a body that is not JSON (a PDF…). */
  mediaType?: string;
}

export interface ApiRoute<B = unknown, Q = unknown, P = unknown> {
  method: Method;
  url: string;
  summary: string;
  tag: string;
  /**
   * The operation's stable name in the OpenAPI document (camelCase, verb first). When absent it is derived
   * from the method and the path (`operationIdOf`); declare it when the derived name says the wrong verb.
   */
  operationId?: string;
  body?: z.ZodType<B>;
  query?: z.ZodType<Q>;
  params?: z.ZodType<P>;
  /**
   * The route's own answers: its success and its business refusals (403, 404, 409, 410, 422…). The answers
   * every route of a kind can give (400, 401, 403 of `allow` and of the Origin check, 413, 415, 503) are
   * added by `buildOpenApi`.
   */
  responses: Record<number, ApiResponse>;
  /** False only for the few routes anyone may read without a token. */
  auth?: boolean;
  /** A role check made before the input is even read (record-level checks are the handler's). */
  allow?: (request: FastifyRequest) => boolean;
  /**
   * Returns the body to send with the first 2xx status of `responses`, a Failure, or nothing when the
   * handler sent the reply itself.
   */
  handler: (ctx: ApiContext<B, Q, P>) => Promise<unknown>;
}

export const defineApiRoute = <B = undefined, Q = undefined, P = undefined>(route: ApiRoute<B, Q, P>) =>
  route as unknown as ApiRoute;

export const isFailure = (value: unknown): value is { ok: false; error: Failure } =>
  typeof value === 'object' && value !== null && (value as { ok?: unknown }).ok === false;

function parseOr400(schema: z.ZodType | undefined, value: unknown, reply: FastifyReply, what: string) {
  if (!schema) return { ok: true as const, data: undefined };
  const parsed = schema.safeParse(value ?? {});
  if (parsed.success) return { ok: true as const, data: parsed.data };
  apiError(reply, {
    status: 400,
    code: 'invalid',
    message: `${what} contient des valeurs invalides.`,
    fields: fieldErrors(parsed.error),
  });
  return { ok: false as const };
}

export function registerApiRoutes(
  app: FastifyInstance,
  routes: ApiRoute[],
  authenticate: (request: FastifyRequest, reply: FastifyReply) => Promise<boolean>,
  limits: { perMinute: number },
) {
  for (const route of routes) {
    const success = Number(Object.keys(route.responses).find((s) => s.startsWith('2')) ?? 200);
    app.route({
      method: route.method,
      url: route.url,
      // Each token (or address, without one) has so many requests a minute on each route.
      config: { rateLimit: { max: limits.perMinute, timeWindow: 60_000, keyGenerator: apiClientKey } },
      handler: async (request, reply) => {
        // Answers name people: no cache, shared or private, keeps them.
        reply.header('cache-control', 'no-store');
        if (route.auth !== false && !(await authenticate(request, reply))) return reply;
        if (route.allow && !route.allow(request)) {
          return apiError(reply, {
            status: 403,
            code: 'forbidden',
            message: 'Vous n’avez pas le droit de faire cela.',
          });
        }
        const params = parseOr400(route.params, request.params, reply, 'L’adresse');
        if (!params.ok) return reply;
        const query = parseOr400(route.query, request.query, reply, 'La requête');
        if (!query.ok) return reply;
        if (
          route.body &&
          request.body !== undefined &&
          (typeof request.body !== 'object' || request.body === null)
        ) {
          return apiError(reply, { status: 400, code: 'invalid', message: 'Un objet JSON est attendu.' });
        }
        const body = parseOr400(route.body, request.body, reply, 'Le corps de la requête');
        if (!body.ok) return reply;
        const result = await route.handler({
          body: body.data,
          query: query.data,
          params: params.data,
          request,
          reply,
        });
        if (reply.sent) return reply;
        if (isFailure(result)) return apiError(reply, result.error);
        if (result === undefined) return reply.code(success).send();
        return reply.code(success).send(result);
      },
    });
  }
}

// ——— The OpenAPI document ———

const unsafeMethods = new Set<Method>(['POST', 'PUT', 'PATCH', 'DELETE']);

const errorSchema = z.object({
  error: z.object({
    code: z
      .string()
      .describe(
        'Pour les programmes : invalid, invalid_json, bad_request, unauthenticated, forbidden, csrf, not_found, uri_too_long, payload_too_large, unsupported_media_type, unavailable… et les codes propres à chaque opération',
      ),
    message: z.string().describe('La raison, en français, à montrer telle quelle'),
    fields: z
      .record(z.string(), z.string())
      .optional()
      .describe(
        'Pour une saisie invalide : chaque champ refusé (chemin pointé, « _ » pour l’ensemble) et pourquoi',
      ),
  }),
});

const toSchema = (schema: z.ZodType, io: 'input' | 'output') => {
  // The document declares its dialect once (jsonSchemaDialect): no `$schema` inside each schema.
  const { $schema: _, ...json } = z.toJSONSchema(schema, {
    target: 'draft-2020-12',
    io,
    unrepresentable: 'any',
  }) as Record<string, unknown>;
  return json;
};

const errorRef = { $ref: '#/components/schemas/Error' };

const irregularPlurals: Record<string, string> = { people: 'person' };
const isPlural = (word: string) => word in irregularPlurals || word.endsWith('s');
const singular = (word: string) => irregularPlurals[word] ?? word.replace(/ies$/, 'y').replace(/s$/, '');
const pascal = (word: string) =>
  word
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((w) => w[0]!.toUpperCase() + w.slice(1))
    .join('');

/**
 * The operation's name: the one declared, or one made from the method and the path: `GET /events` →
 * `listEvents`, `GET /events/:id` → `getEvent`, `POST /events/:id/registrations` → `createEventRegistration`,
 * `POST /events/:id/cancel` → `cancelEvent`, `PATCH /events/:id` → `updateEvent`.
 */
export function operationIdOf(route: Pick<ApiRoute, 'method' | 'url' | 'operationId'>): string {
  if (route.operationId) return route.operationId;
  const segments = route.url.replace(/^\/api\/v\d+\//, '').split('/');
  // A named segment followed by a parameter names one record of it.
  const words = segments.flatMap((segment, i) =>
    segment.startsWith(':') ? [] : [segments[i + 1]?.startsWith(':') ? singular(segment) : segment],
  );
  const last = words.pop() ?? 'root';
  const item = segments.at(-1)!.startsWith(':');
  const owners = words.map(pascal).join('');
  if (item) {
    const verb = { GET: 'get', POST: 'create', PUT: 'replace', PATCH: 'update', DELETE: 'delete' }[
      route.method
    ];
    return `${verb}${owners}${pascal(last)}`;
  }
  if (route.method === 'GET') return `${isPlural(last) ? 'list' : 'get'}${owners}${pascal(last)}`;
  if (route.method === 'POST' && !isPlural(last)) {
    // An action on a record (`/registrations/:id/check-in`): the action is the verb.
    const action = pascal(last);
    return `${action[0]!.toLowerCase()}${action.slice(1)}${owners}`;
  }
  const verb = { GET: 'list', POST: 'create', PUT: 'replace', PATCH: 'update', DELETE: 'delete' }[
    route.method
  ];
  return `${verb}${owners}${pascal(route.method === 'POST' ? singular(last) : last)}`;
}

const hasInput = (route: ApiRoute) => Boolean(route.params || route.query || route.body);

/**
 * The answers the platform gives for a route whatever its handler does, from what it knows of the route:
 * its input, its token, its role check, its method. (src/server.ts and registerApiRoutes give them.)
 */
function platformResponses(route: ApiRoute): Record<string, { description: string; headers?: object }> {
  const unsafe = unsafeMethods.has(route.method);
  const responses: Record<string, { description: string; headers?: object }> = {
    400: {
      description: [
        hasInput(route)
          ? 'Saisie invalide (code invalid) : `error.fields` nomme chaque champ refusé et dit pourquoi'
          : undefined,
        unsafe ? 'corps JSON illisible (code invalid_json)' : undefined,
        route.body ? 'corps qui n’est pas un objet JSON (code invalid)' : undefined,
        'adresse mal formée ou texte contenant un caractère nul (codes bad_request, invalid)',
      ]
        .filter(Boolean)
        .join(' ; '),
    },
  };
  if (route.auth !== false) {
    responses[401] = {
      description: 'Jeton absent, invalide ou révoqué (code unauthenticated)',
      headers: {
        'WWW-Authenticate': { description: 'Le schéma attendu', required: true, schema: { const: 'Bearer' } },
      },
    };
  }
  const forbidden = [
    // A route that declares its 403 says in its own words who may (« Réservé à l’équipe du réseau »).
    route.allow && !route.responses[403] ? 'Action réservée à d’autres rôles (code forbidden)' : undefined,
    unsafe ? 'En-tête Origin d’un autre site que la plateforme (code csrf)' : undefined,
  ].filter(Boolean);
  if (forbidden.length) responses[403] = { description: forbidden.join(' ; ') };
  // The router refuses a path parameter longer than its maxParamLength (200, src/server.ts).
  if (route.url.includes('/:')) {
    responses[414] = { description: 'Paramètre d’adresse de plus de 200 caractères (code uri_too_long)' };
  }
  if (unsafe) {
    responses[413] = { description: 'Corps de plus de 1 Mio (code payload_too_large)' };
    responses[415] = {
      description:
        'Corps d’un type que la plateforme ne lit pas : JSON attendu (code unsupported_media_type)',
    };
  }
  responses[429] = {
    description:
      'Trop de requêtes de ce jeton (ou de cette adresse) sur cette route en une minute (code rate_limited) : réessayer après Retry-After secondes',
    headers: {
      'Retry-After': { description: 'Secondes à attendre', required: true, schema: { type: 'string' } },
    },
  };
  responses[503] = {
    description:
      'Base de données injoignable ou saturée (code unavailable) : rien n’a été enregistré, la requête peut être renvoyée',
  };
  return responses;
}

export function buildOpenApi(routes: ApiRoute[], baseUrl: string) {
  const paths: Record<string, Record<string, unknown>> = {};
  const operationIds = new Set<string>();
  for (const route of routes) {
    const path = route.url.replace(/:(\w+)/g, '{$1}');
    const operationId = operationIdOf(route);
    if (operationIds.has(operationId))
      throw new Error(`operationId ${operationId} en double (${route.method} ${route.url}) : déclarez-en un`);
    operationIds.add(operationId);
    const parameters: unknown[] = [];
    for (const [where, schema] of [
      ['path', route.params],
      ['query', route.query],
    ] as const) {
      if (!schema) continue;
      const json = toSchema(schema, 'input') as { properties?: Record<string, unknown>; required?: string[] };
      for (const [name, property] of Object.entries(json.properties ?? {})) {
        parameters.push({
          name,
          in: where,
          required: where === 'path' || Boolean(json.required?.includes(name)),
          schema: property,
        });
      }
    }
    const platform = platformResponses(route);
    const responses: Record<string, unknown> = {};
    const statuses = new Set([...Object.keys(route.responses), ...Object.keys(platform)]);
    for (const status of [...statuses].sort()) {
      const own = route.responses[Number(status)];
      const common = platform[status];
      // A route's own words come first (« Réservé à l’équipe du réseau »); the platform's are added.
      const description = [own?.description, common?.description].filter(Boolean).join(' ; ');
      let content: Record<string, unknown> | undefined;
      if (own?.mediaType) content = { [own.mediaType]: {} };
      else if (own?.schema) content = { 'application/json': { schema: toSchema(own.schema, 'output') } };
      else if (!status.startsWith('2')) content = { 'application/json': { schema: errorRef } };
      responses[status] = {
        description,
        ...(common?.headers ? { headers: common.headers } : {}),
        ...(content ? { content } : {}),
      };
    }
    paths[path] ??= {};
    paths[path][route.method.toLowerCase()] = {
      operationId,
      summary: route.summary,
      tags: [route.tag],
      ...(parameters.length ? { parameters } : {}),
      ...(route.body
        ? {
            requestBody: {
              required: true,
              content: { 'application/json': { schema: toSchema(route.body, 'input') } },
            },
          }
        : {}),
      responses,
      ...(route.auth === false ? { security: [] } : {}),
    };
  }
  return {
    openapi: '3.1.0',
    jsonSchemaDialect: 'https://json-schema.org/draft/2020-12/schema',
    info: {
      title: 'API Coopdec',
      version: '1',
      description:
        'API du réseau. Les erreurs ont la forme {"error": {"code", "message", "fields"?}}, message en français. Chaque opération liste toutes les réponses qu’elle peut donner.',
    },
    servers: [{ url: baseUrl }],
    components: {
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } },
      schemas: { Error: toSchema(errorSchema, 'output') },
    },
    security: [{ bearer: [] }],
    paths,
  };
}
