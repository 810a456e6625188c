// JSON API routes declared once: the same zod schemas validate the requests and produce the OpenAPI document.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { Failure } from '../result.ts';
import { fieldErrors } from '../validation.ts';
import { apiError } from './errors.ts';

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface ApiContext<B, Q, P> {
  body: B;
  query: Q;
  params: P;
  request: FastifyRequest;
  reply: FastifyReply;
}

export interface ApiRoute<B = unknown, Q = unknown, P = unknown> {
  method: Method;
  url: string;
  summary: string;
  tag: string;
  body?: z.ZodType<B>;
  query?: z.ZodType<Q>;
  params?: z.ZodType<P>;
  /** Status → description (and response schema when there is a body). */
  responses: Record<number, { description: string; schema?: z.ZodType }>;
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
) {
  for (const route of routes) {
    const success = Number(Object.keys(route.responses).find((s) => s.startsWith('2')) ?? 200);
    app.route({
      method: route.method,
      url: route.url,
      handler: async (request, reply) => {
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

const errorSchema = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    fields: z.record(z.string(), z.string()).optional(),
  }),
});

const toSchema = (schema: z.ZodType, io: 'input' | 'output') =>
  z.toJSONSchema(schema, { target: 'draft-2020-12', io, unrepresentable: 'any' });

export function buildOpenApi(routes: ApiRoute[], baseUrl: string) {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const route of routes) {
    const path = route.url.replace(/:(\w+)/g, '{$1}');
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
          required: where === 'path' || json.required?.includes(name),
          schema: property,
        });
      }
    }
    const responses: Record<string, unknown> = {};
    for (const [status, response] of Object.entries(route.responses)) {
      const schema = response.schema ?? (status.startsWith('2') ? undefined : errorSchema);
      responses[status] = {
        description: response.description,
        ...(schema ? { content: { 'application/json': { schema: toSchema(schema, 'output') } } } : {}),
      };
    }
    if (route.auth !== false) responses['401'] ??= { description: 'Jeton absent ou invalide' };
    paths[path] ??= {};
    paths[path][route.method.toLowerCase()] = {
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
    info: {
      title: 'API Coopdec',
      version: '1',
      description:
        'API du réseau. Les erreurs ont la forme {"error": {"code", "message", "fields"?}}, message en français.',
    },
    servers: [{ url: baseUrl }],
    components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } } },
    security: [{ bearer: [] }],
    paths,
  };
}
