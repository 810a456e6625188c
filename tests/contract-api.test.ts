// Issue 8, point 3 — the API document tells the truth. Every operation of the served /api/openapi.json is
// sent real requests: the valid and the refused ones of the authorization matrix (six roles, on their own
// and on the other world's records), a made-up token, invalid input made from the document's own schemas,
// unknown records, bodies of the wrong type or size, another site's Origin, and the same valid requests to
// an app whose database is out of reach. Each answer's status must be documented for its operation, its
// documented headers present, its body of a documented media type and valid against the documented schema
// (ajv, JSON Schema 2020-12, the dialect of OpenAPI 3.1). An operation without a request builder in
// tests/proof/matrix.ts fails, so that operations added later are checked without touching this file. The
// document itself is validated by an independent validator, swagger-parser.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, describe, it } from 'node:test';
import SwaggerParser from '@apidevtools/swagger-parser';
import Ajv2020 from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import pino from 'pino';
import { openDatabase } from '../src/platform/db/client.ts';
import type { Services } from '../src/platform/services.ts';
import { buildApp } from '../src/server.ts';
import { createJobRunner } from '../src/services.ts';
import { appOn, testApp, testConfig } from './helpers.ts';
import { type Case, cellOf, firstAllowedRole, type RequestSpec } from './proof/cases.ts';
import {
  type Credentials,
  credentialsOf,
  csrfOf,
  type InjectResponse,
  nextAddress,
  send,
} from './proof/http.ts';
import { matrix } from './proof/matrix.ts';
import { baseUrl, buildFixtures, roles } from './proof/world.ts';

type Schema = Record<string, unknown>;
interface MediaType {
  schema?: Schema;
}
interface Response {
  description: string;
  headers?: Record<string, { required?: boolean; schema?: Schema }>;
  content?: Record<string, MediaType>;
}
interface Parameter {
  name: string;
  in: 'path' | 'query';
  required?: boolean;
  schema: Schema;
}
interface Operation {
  operationId?: string;
  summary?: string;
  parameters?: Parameter[];
  requestBody?: { content: Record<string, MediaType> };
  responses: Record<string, Response>;
  security?: unknown[];
}
interface Document {
  paths: Record<string, Record<string, Operation>>;
}

interface Op {
  /** As the matrix names routes: `POST /api/v1/events/:id/registrations`. */
  key: string;
  method: string;
  path: string;
  operation: Operation;
}

const operationsOf = (doc: Document): Op[] =>
  Object.entries(doc.paths).flatMap(([path, methods]) =>
    Object.entries(methods).map(([method, operation]) => ({
      key: `${method.toUpperCase()} ${path.replace(/\{(\w+)\}/g, ':$1')}`,
      method: method.toUpperCase(),
      path,
      operation,
    })),
  );

const unsafe = (op: Op) => ['POST', 'PUT', 'PATCH', 'DELETE'].includes(op.method);
const secured = (op: Op) => op.operation.security?.length !== 0;

/** An app on a database server that refuses connections: every request that reads data meets it. */
async function appWithoutDatabase(t: { after(fn: () => unknown): void }) {
  const config = testConfig();
  const database = await openDatabase({
    databaseUrl: 'postgres://postgres@127.0.0.1:1/coopdec',
    dataDir: '',
  });
  const logger = pino({ level: 'silent' });
  const { jobs, close } = createJobRunner(database.db, config, logger, 60_000);
  const services: Services = { config, database, db: database.db, logger, jobs };
  const { app } = await buildApp(services);
  t.after(async () => {
    await app.close();
    await close();
    await database.close();
  });
  return app;
}

describe('the API document against real answers', async () => {
  const services = await testApp({ after });
  const { app, db } = services;
  const f = await buildFixtures(db);
  const csrf = await csrfOf(app);
  const served = (await app.inject({ method: 'GET', url: '/api/openapi.json' })).json() as Document;
  // The schemas of the document with their $refs resolved (by swagger-parser, not by us).
  const doc = (await SwaggerParser.dereference(structuredClone(served) as never)) as unknown as Document;
  const ops = operationsOf(doc);
  const ajv = new Ajv2020.default({ allErrors: true, strict: true });
  addFormats.default(ajv);

  /** Statuses seen per operation, and what the answers broke. */
  const seen = new Map<string, Set<number>>(ops.map((op) => [op.key, new Set()]));
  const problems: string[] = [];
  let answers = 0;

  const validate = (schema: Schema, value: unknown): string | undefined => {
    const check = ajv.compile(schema);
    return check(value) ? undefined : ajv.errorsText(check.errors, { separator: '; ' });
  };

  /** Is the answer one the document gives for this operation? Records what does not hold. */
  function judge(op: Op, label: string, response: InjectResponse) {
    answers++;
    const status = response.statusCode;
    seen.get(op.key)!.add(status);
    const where = `${op.key} — ${label}: ${status}`;
    const documented = op.operation.responses[String(status)];
    if (!documented) {
      problems.push(`${where} is not documented (${response.body.slice(0, 160)})`);
      return;
    }
    for (const [name, header] of Object.entries(documented.headers ?? {})) {
      const value = response.headers[name.toLowerCase()];
      if (value === undefined) {
        if (header.required) problems.push(`${where} lacks the documented header ${name}`);
        continue;
      }
      const error = header.schema ? validate(header.schema, value) : undefined;
      if (error) problems.push(`${where} header ${name}: ${error}`);
    }
    if (!documented.content) {
      if (response.rawPayload.length) problems.push(`${where} has a body, documented without one`);
      return;
    }
    const type = String(response.headers['content-type'] ?? '')
      .split(';')[0]!
      .trim();
    const media = documented.content[type];
    if (!media) {
      problems.push(
        `${where} answers ${type || 'no content type'}, documented: ${Object.keys(documented.content)}`,
      );
      return;
    }
    if (!media.schema) {
      if (!response.rawPayload.length) problems.push(`${where} has an empty ${type} body`);
      return;
    }
    let body: unknown;
    try {
      body = response.json();
    } catch {
      problems.push(`${where} body is not JSON`);
      return;
    }
    const error = validate(media.schema, body);
    if (error)
      problems.push(`${where} body does not match the document: ${error} — ${response.body.slice(0, 200)}`);
  }

  /** The valid request of the first case of an operation, by the first role allowed to make it. */
  async function validRequest(op: Op): Promise<{ spec: RequestSpec; who: Credentials } | undefined> {
    const kase = matrix[op.key]?.[0];
    if (!kase) return undefined;
    const role = firstAllowedRole(kase);
    return { spec: await kase.build(cellOf(f, role, f.A, f.A)), who: credentialsOf(role, f.A, csrf) };
  }

  /** A value among `candidates` that the schema refuses (or accepts), as ajv reads the schema. */
  const pick = (schema: Schema, candidates: unknown[], accepted: boolean) =>
    candidates.find((value) => (validate(schema, value) === undefined) === accepted);

  /** Path and query values travel as text: a number-typed parameter is checked as the number it reads as. */
  const asParameter = (schema: Schema) => (value: string) =>
    ['integer', 'number'].includes(String(schema.type)) && value.trim() !== '' && !Number.isNaN(Number(value))
      ? Number(value)
      : value;

  const textCandidates = ['~', 'pas-une-valeur', 'x'.repeat(150), 'x'.repeat(20_001), '-1', '0.5'];
  function invalidText(schema: Schema): string | undefined {
    const read = asParameter(schema);
    return textCandidates.find((value) => validate(schema, read(value)) !== undefined);
  }

  const withPath = (url: string, index: number, value: string) => {
    const [path, query] = url.split('?') as [string, string | undefined];
    const segments = path.split('/');
    segments[index] = value;
    return `${segments.join('/')}${query === undefined ? '' : `?${query}`}`;
  };
  const withQuery = (url: string, name: string, value: string) => {
    const parsed = new URL(url, baseUrl);
    parsed.searchParams.set(name, value);
    return `${parsed.pathname}${parsed.search}`;
  };

  /** Sends a raw body as a client would (a Bearer token, the platform's Origin on unsafe methods). */
  const raw = (op: Op, url: string, who: Credentials, contentType: string, payload: string) =>
    app.inject({
      method: op.method as 'POST',
      url,
      headers: {
        ...(who.authorization ? { authorization: who.authorization } : {}),
        origin: baseUrl,
        'content-type': contentType,
      },
      payload,
      remoteAddress: nextAddress(),
    });

  it('is a valid OpenAPI 3.1 document for swagger-parser, each operation named once', async () => {
    await SwaggerParser.validate(structuredClone(served) as never);
    const names = ops.map((op) => op.operation.operationId);
    for (const [i, op] of ops.entries()) {
      assert.match(String(names[i]), /^[a-z][A-Za-z0-9]+$/, `${op.key}: operationId`);
      assert.ok(op.operation.summary, `${op.key}: summary`);
      for (const [status, response] of Object.entries(op.operation.responses))
        if (!status.startsWith('2'))
          assert.ok(response.content?.['application/json']?.schema, `${op.key} ${status}: error body`);
    }
    assert.equal(new Set(names).size, names.length, `operationIds used twice: ${names}`);
    console.log(`[contract-api] operations in the document: ${ops.length}`);
  });

  it('has a request builder in the authorization matrix for every operation of the document', () => {
    const without = ops.filter((op) => !matrix[op.key]?.length).map((op) => op.key);
    assert.deepEqual(without, [], `operations without a request builder in tests/proof/matrix.ts`);
  });

  it('documents every answer to the matrix requests: six roles, own and other world’s records', async () => {
    for (const op of ops) {
      const cases: Case[] = matrix[op.key] ?? [];
      for (const kase of cases) {
        for (const role of roles) {
          for (const target of kase.scoped ? [f.A, f.B] : [f.A]) {
            const spec = await kase.build(cellOf(f, role, f.A, target));
            const response = await send(app, op.method, spec, credentialsOf(role, f.A, csrf));
            judge(op, `« ${kase.name} » as ${role} on ${target.name}'s records`, response);
          }
        }
      }
    }
  });

  it('documents the answers to a made-up token, a request sent twice, a foreign Origin, bodies of the wrong type or size', async () => {
    for (const op of ops) {
      const valid = await validRequest(op);
      if (!valid) continue;
      const { spec, who } = valid;
      if (secured(op)) {
        const response = await send(app, op.method, spec, { ...who, authorization: 'Bearer pas-un-jeton' });
        judge(op, 'a made-up token', response);
      }
      judge(
        op,
        'a NUL character in the query',
        await send(app, op.method, { ...spec, url: withQuery(spec.url, 'x', '\u0000') }, who),
      );
      if (!unsafe(op)) continue;
      // The same valid request twice: the second meets what the first did (a conflict, mostly).
      const { spec: once } = (await validRequest(op))!;
      judge(op, 'a valid request', await send(app, op.method, once, who));
      judge(op, 'the same request again', await send(app, op.method, once, who));
      judge(
        op,
        'Origin of another site',
        await send(app, op.method, spec, { ...who, origin: 'https://attaquant.example.net' }),
      );
      judge(op, 'an XML body', await raw(op, spec.url, who, 'application/xml', '<a/>'));
      judge(
        op,
        'a body over 1 MiB',
        await raw(op, spec.url, who, 'application/json', JSON.stringify({ x: 'x'.repeat(1_100_000) })),
      );
      if (op.operation.requestBody) {
        const unreadable = await raw(op, spec.url, who, 'application/json', '{"a":');
        judge(op, 'unreadable JSON', unreadable);
        if (unreadable.statusCode === 400) assert.equal(unreadable.json().error.code, 'invalid_json', op.key);
        judge(op, 'a JSON array for a body', await send(app, op.method, { ...spec, json: [1, 2] }, who));
      }
    }
  });

  it('documents the answers to invalid input made from the document’s own schemas, with `fields` naming it', async () => {
    const unbuildable: string[] = [];
    for (const op of ops) {
      const valid = await validRequest(op);
      if (!valid) continue;
      const { who } = valid;
      let invalid = 0;
      const expectField = (label: string, response: InjectResponse, field: string) => {
        judge(op, label, response);
        invalid++;
        if (response.statusCode !== 400)
          problems.push(`${op.key} — ${label}: ${response.statusCode} instead of 400`);
        else if (
          !Object.keys(response.json().error.fields ?? {}).some(
            (k) => k === field || k.startsWith(`${field}.`),
          )
        )
          problems.push(`${op.key} — ${label}: 400 without fields.${field} (${response.body.slice(0, 200)})`);
      };
      const segments = op.path.split('/');
      for (const parameter of op.operation.parameters ?? []) {
        const value = invalidText(parameter.schema);
        if (value === undefined) continue;
        // Each invalid request starts from a fresh valid one: a valid request may spend its records.
        const { spec } = (await validRequest(op))!;
        const url =
          parameter.in === 'path'
            ? withPath(
                spec.url,
                segments.indexOf(`{${parameter.name}}`),
                encodeURIComponent(value.slice(0, 150)),
              )
            : withQuery(spec.url, parameter.name, value);
        const response = await send(app, op.method, { ...spec, url }, who);
        expectField(`${parameter.in} ${parameter.name}=${value.slice(0, 20)}`, response, parameter.name);
      }
      const body = op.operation.requestBody?.content['application/json']?.schema as
        | { properties?: Record<string, Schema> }
        | undefined;
      for (const [name, schema] of Object.entries(body?.properties ?? {})) {
        const value = pick(schema, ['~', 'x'.repeat(20_001), -1, { objet: true }], false);
        if (value === undefined) continue;
        const { spec } = (await validRequest(op))!;
        const json = { ...(spec.json as object), [name]: value };
        const response = await send(app, op.method, { ...spec, json }, who);
        expectField(`body ${name}=${JSON.stringify(value).slice(0, 20)}`, response, name);
      }
      if ((op.operation.parameters?.length || op.operation.requestBody) && invalid === 0)
        unbuildable.push(op.key);
    }
    assert.deepEqual(unbuildable, [], 'operations with input for which no invalid value could be made');
  });

  it('documents the answers about records that do not exist, and path parameters too long', async () => {
    for (const op of ops) {
      const valid = await validRequest(op);
      if (!valid) continue;
      const segments = op.path.split('/');
      for (const parameter of (op.operation.parameters ?? []).filter((p) => p.in === 'path')) {
        const index = segments.indexOf(`{${parameter.name}}`);
        const { spec, who } = (await validRequest(op))!;
        const unknown = pick(parameter.schema, [randomUUID(), 'ZZZZ-ZZZZ-ZZZZ-ZZZZ'], true) as
          | string
          | undefined;
        if (unknown !== undefined)
          judge(
            op,
            `unknown ${parameter.name}`,
            await send(app, op.method, { ...spec, url: withPath(spec.url, index, unknown) }, who),
          );
        judge(
          op,
          `${parameter.name} of 250 characters`,
          await send(app, op.method, { ...spec, url: withPath(spec.url, index, 'x'.repeat(250)) }, who),
        );
      }
      // Identifiers in the body that name no record (a person, an organisation, an event).
      const body = op.operation.requestBody?.content['application/json']?.schema as
        | { properties?: Record<string, Schema> }
        | undefined;
      for (const [name, schema] of Object.entries(body?.properties ?? {})) {
        if (schema.format !== 'uuid') continue;
        const { spec, who } = (await validRequest(op))!;
        const json = { ...(spec.json as object), [name]: randomUUID() };
        judge(op, `unknown ${name} in the body`, await send(app, op.method, { ...spec, json }, who));
      }
    }
  });

  it('documents the answer when the database is out of reach, for every operation', async (t) => {
    const down = await appWithoutDatabase(t);
    for (const op of ops) {
      const valid = await validRequest(op);
      if (!valid) continue;
      const response = await send(down, op.method, valid.spec, valid.who);
      judge(op, 'database out of reach', response);
      if (response.statusCode !== 503)
        problems.push(`${op.key} — database out of reach: ${response.statusCode}, not 503`);
    }
  });

  it('documents the answer past the rate limit, for every operation', async (t) => {
    // Another process of the platform on the same database, allowing one request a minute per token and
    // route: counts are shared, so the second request at the latest is refused (a third, if the first two
    // fell on either side of a minute).
    const limited = (await appOn(t, services.database, { API_RATE_LIMIT_PER_MINUTE: '1' })).app;
    for (const op of ops) {
      const valid = await validRequest(op);
      if (!valid) continue;
      // From one address: a route open without a token counts per address.
      const again = async () => ({ ...(await validRequest(op))!.spec, remoteAddress: '192.0.2.10' });
      let response = await send(
        limited,
        op.method,
        { ...valid.spec, remoteAddress: '192.0.2.10' },
        valid.who,
      );
      for (let tries = 1; tries < 3 && response.statusCode !== 429; tries++)
        response = await send(limited, op.method, await again(), valid.who);
      judge(op, 'past the rate limit', response);
      if (response.statusCode !== 429)
        problems.push(`${op.key} — past the rate limit: ${response.statusCode}, not 429`);
    }
  });

  it('found every answer documented, and met every status the platform documents', () => {
    // The statuses the platform itself answers (api.ts, platformResponses) were all provoked above: a
    // documented one that never comes would be a lie the other way.
    const platform = [400, 401, 413, 414, 415, 429, 503];
    const missed: string[] = [];
    const unmet: string[] = [];
    for (const op of ops) {
      const statuses = seen.get(op.key)!;
      const documented = Object.keys(op.operation.responses).map(Number);
      if (![...statuses].some((s) => s >= 200 && s < 300)) missed.push(`${op.key}: no success`);
      for (const status of documented.filter((s) => !statuses.has(s))) {
        if (platform.includes(status) || (status === 403 && unsafe(op))) missed.push(`${op.key}: ${status}`);
        else unmet.push(`${op.operation.operationId ?? op.key} ${status}`);
      }
    }
    console.log(
      `[contract-api] answers checked against the document: ${answers}; undocumented or mismatched: ${problems.length}`,
    );
    console.log(
      `[contract-api] business statuses documented but not provoked here: ${unmet.join(', ') || 'none'}`,
    );
    assert.deepEqual(problems, []);
    assert.deepEqual(missed, [], 'documented statuses the requests above never met');
  });
});
