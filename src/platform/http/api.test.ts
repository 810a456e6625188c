import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { z } from 'zod';
import { type ApiRoute, buildOpenApi, defineApiRoute, operationIdOf } from './api.ts';

const route = (method: ApiRoute['method'], url: string, extra: Partial<ApiRoute> = {}): ApiRoute =>
  defineApiRoute({
    method,
    url,
    summary: 'Essai',
    tag: 'Essai',
    responses: { 200: { description: 'Bien' } },
    handler: async () => undefined,
    ...extra,
  });

describe('the OpenAPI document', () => {
  it('names each operation from its method and path, verb first, unless the route names it', () => {
    const names = [
      route('GET', '/api/v1/events'),
      route('POST', '/api/v1/events'),
      route('GET', '/api/v1/events/:id'),
      route('PATCH', '/api/v1/events/:id'),
      route('POST', '/api/v1/events/:id/cancel'),
      route('POST', '/api/v1/events/:id/registrations'),
      route('GET', '/api/v1/events/:id/registrations'),
      route('POST', '/api/v1/people'),
      route('GET', '/api/v1/programs/:id/participants/:personId'),
      route('GET', '/api/v1/certificates/:code/pdf'),
      route('DELETE', '/api/v1/registrations/:id', { operationId: 'cancelRegistration' }),
    ].map(operationIdOf);
    assert.deepEqual(names, [
      'listEvents',
      'createEvent',
      'getEvent',
      'updateEvent',
      'cancelEvent',
      'createEventRegistration',
      'listEventRegistrations',
      'createPerson',
      'getProgramParticipant',
      'getCertificatePdf',
      'cancelRegistration',
    ]);
  });

  it('refuses two operations of the same name', () => {
    assert.throws(
      () =>
        buildOpenApi(
          [route('GET', '/api/v1/events'), route('GET', '/api/v1/events/all', { operationId: 'listEvents' })],
          'http://x',
        ),
      /listEvents en double/,
    );
  });

  it('adds the answers of the platform according to what the route is', () => {
    const doc = buildOpenApi(
      [
        route('GET', '/api/v1/certificates/:code', { auth: false, params: z.object({ code: z.string() }) }),
        route('POST', '/api/v1/events', {
          body: z.object({ title: z.string() }),
          allow: () => true,
          responses: { 201: { description: 'Créé' } },
        }),
      ],
      'http://x',
    );
    const statuses = (path: string, method: string) =>
      Object.keys((doc.paths[path]![method] as { responses: object }).responses);
    // Public, read-only, with a path parameter: no token to refuse, no body to parse; limited per address.
    assert.deepEqual(statuses('/api/v1/certificates/{code}', 'get'), ['200', '400', '414', '429', '503']);
    // Token, role check and Origin check, a body: every refusal of the platform.
    assert.deepEqual(statuses('/api/v1/events', 'post'), [
      '201',
      '400',
      '401',
      '403',
      '413',
      '415',
      '429',
      '503',
    ]);
  });
});
