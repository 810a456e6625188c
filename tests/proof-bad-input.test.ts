// Issue 5, item 6 — bad input, property-based (fast-check): every API body, query and path schema, every
// form post (with a valid session and CSRF token), raw bodies of the wrong type, invalid UTF-8, oversized
// bodies. No answer is a 5xx; every 4xx explains itself in French; a refused request writes nothing; HTML
// that is accepted comes back escaped on the page that shows it.
import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import fc from 'fast-check';
import { z } from 'zod';
import { modules } from '../src/modules/index.ts';
import type { ApiRoute } from '../src/platform/http/api.ts';
import { testApp } from './helpers.ts';
import { type Case, cellOf, firstAllowedRole, type RequestSpec } from './proof/cases.ts';
import { changedTables, checksum } from './proof/checksum.ts';
import { notFrench } from './proof/french.ts';
import {
  credentialsOf,
  csrfOf,
  type InjectResponse,
  multipartBody,
  nextAddress,
  send,
  unsafeMethods,
} from './proof/http.ts';
import { matrix } from './proof/matrix.ts';
import {
  htmlPayloads,
  invalidUtf8,
  marker,
  mutatedForm,
  mutatedObject,
  nastyJson,
  nastyText,
  sqlPayloads,
} from './proof/nasty.ts';
import { appRoutes } from './proof/routes.ts';
import { baseUrl, buildFixtures, type Role, unique } from './proof/world.ts';

const runs = Number(process.env.PROOF_RUNS ?? 30);

describe('bad input', async () => {
  const services = await testApp({ after });
  const { app, db } = services;
  const f = await buildFixtures(db);
  const csrf = await csrfOf(app);
  const routes = await appRoutes(app);
  const apiRoutes: ApiRoute[] = modules.flatMap((m) => m.api?.(services) ?? []);
  let requests = 0;

  /** The first case of a route, the role allowed to make it, and a fresh valid request. */
  async function validRequest(key: string): Promise<{ kase: Case; role: Role; spec: RequestSpec }> {
    const kase = matrix[key]![0]!;
    const role = firstAllowedRole(kase);
    return { kase, role, spec: await kase.build(cellOf(f, role, f.A, f.A)) };
  }

  /**
   * A valid request of a route, made again only once a run was accepted (it may have spent its records:
   * an import applied, a certificate revoked), since most mutated requests are refused.
   */
  async function reusable(key: string) {
    const first = await validRequest(key);
    let spec = first.spec;
    let spent = false;
    return {
      role: first.role,
      sample: first.spec,
      spec: async () => {
        if (spent) spec = (await validRequest(key)).spec;
        spent = false;
        return spec;
      },
      used: (response: InjectResponse) => {
        spent = response.statusCode < 400 || spec.session !== undefined;
      },
    };
  }

  const reusables = new Map<string, Awaited<ReturnType<typeof reusable>>>();
  async function cached(key: string) {
    let base = reusables.get(key);
    if (!base) {
      base = await reusable(key);
      reusables.set(key, base);
    }
    return base;
  }

  /** No 5xx; a 4xx explained in French, after which the database is as before. */
  async function judge(
    label: string,
    response: InjectResponse,
    before: Awaited<ReturnType<typeof checksum>>,
  ) {
    requests++;
    const status = response.statusCode;
    assert.ok(status < 500, `${label}: ${status} ${response.body.slice(0, 300)}`);
    if (status >= 400) {
      const why = notFrench(response);
      assert.equal(why, undefined, `${label}: ${status} ${why}`);
      const changed = changedTables(before, await checksum(db));
      assert.deepEqual(changed, [], `${label}: refused with ${status} but wrote ${changed.join(', ')}`);
    }
  }

  const jsonKeys = (schema: z.ZodType | undefined): string[] => {
    if (!schema) return [];
    const json = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as { properties?: object };
    return Object.keys(json.properties ?? {});
  };

  const routeKey = (route: ApiRoute) => `${route.method} ${route.url}`;

  it('is given the API routes with their schemas', () => {
    const declared = new Set(
      routes.filter((r) => r.path.startsWith('/api/v1/')).map((r) => `${r.method} ${r.path}`),
    );
    for (const route of apiRoutes) assert.ok(declared.has(routeKey(route)), routeKey(route));
    assert.equal(apiRoutes.length, [...declared].filter((k) => !k.startsWith('HEAD')).length);
  });

  for (const route of apiRoutes.filter((r) => r.body)) {
    it(`API body of ${routeKey(route)}: wrong types, missing and extra fields, huge numbers, dates out of range, HTML, SQL`, async () => {
      const keys = jsonKeys(route.body);
      const base = await reusable(routeKey(route));
      await fc.assert(
        fc.asyncProperty(
          mutatedObject((base.sample.json ?? {}) as Record<string, unknown>, keys),
          async (body) => {
            const spec = await base.spec();
            const before = await checksum(db);
            const response = await send(
              app,
              route.method,
              { ...spec, json: body },
              credentialsOf(base.role, f.A, csrf),
            );
            base.used(response);
            await judge(`${routeKey(route)} ${JSON.stringify(body)?.slice(0, 300)}`, response, before);
          },
        ),
        { numRuns: runs },
      );
    });
  }

  for (const route of apiRoutes.filter((r) => r.query)) {
    it(`API query of ${routeKey(route)}`, async () => {
      const keys = [...jsonKeys(route.query), 'page', 'limit'];
      const { role, spec } = await validRequest(routeKey(route));
      const path = spec.url.split('?')[0]!;
      const query = fc.array(
        fc.tuple(fc.oneof(fc.constantFrom(...keys), fc.string({ maxLength: 10 })), nastyText),
        {
          maxLength: 5,
        },
      );
      await fc.assert(
        fc.asyncProperty(query, fc.boolean(), async (pairs, raw) => {
          // Either properly encoded, or raw with stray percent signs and bytes that are no UTF-8.
          const qs = raw
            ? pairs
                .map(([k, v]) => `${k}=${v.replace(/[#\s]/g, '')}%${v.length % 2 ? 'ZZ' : 'C0%AF'}`)
                .join('&')
            : new URLSearchParams(pairs).toString();
          const before = await checksum(db);
          const response = await send(app, 'GET', { url: `${path}?${qs}` }, credentialsOf(role, f.A, csrf));
          await judge(`GET ${path}?${qs.slice(0, 300)}`, response, before);
        }),
        { numRuns: runs },
      );
    });
  }

  it('API and page path parameters: any segment', async () => {
    const withParams = routes.filter((r) => r.path.includes(':') && r.method !== 'HEAD');
    const segment = fc.oneof(
      nastyText.map((s) => encodeURIComponent(s.toWellFormed())),
      fc.constantFrom(
        '%',
        '%ZZ',
        '%C0%AF',
        '%00',
        '..%2F..%2Fetc%2Fpasswd',
        'x'.repeat(250),
        '00000000-0000-0000-0000-000000000000',
        'AAAA-BBBB-CCCC',
        'a.ics',
        '.ics',
      ),
    );
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...withParams), segment, async (route, value) => {
        const base = await cached(`${route.method} ${route.path}`);
        const spec = await base.spec();
        const role = base.role;
        // The valid URL, one of its ids replaced by the value.
        const ids = spec.url
          .split('?')[0]!
          .split('/')
          .filter((s) => /^[0-9a-f-]{36}$|^[A-Z0-9-]{19,}$|^[\w-]{20,}\.ics$|^[\w-]{30,}$/.test(s));
        const url = ids.length ? spec.url.replace(ids[value.length % ids.length]!, value) : spec.url;
        const before = await checksum(db);
        const response = await send(app, route.method, { ...spec, url }, credentialsOf(role, f.A, csrf));
        base.used(response);
        await judge(`${route.method} ${url.slice(0, 300)}`, response, before);
      }),
      { numRuns: runs * 2 },
    );
  });

  it('raw bodies: wrong content types, invalid JSON, invalid UTF-8, deep nesting, prototype keys', async () => {
    const posts = routes.filter((r) => unsafeMethods.has(r.method));
    const contentType = fc.constantFrom(
      'application/json',
      'application/json; charset=latin1',
      'text/plain',
      'application/xml',
      'application/x-www-form-urlencoded',
      'multipart/form-data',
      'multipart/form-data; boundary=x',
      'application/octet-stream',
      'image/png',
      '',
      'application/json, text/html',
      ';;;',
    );
    const payload = fc.oneof(
      fc.constantFrom(...invalidUtf8),
      fc.uint8Array({ maxLength: 200 }).map((a) => Buffer.from(a)),
      fc
        .constantFrom(
          '{',
          '{"a":',
          'null',
          '[]',
          '"texte"',
          '12',
          '{"__proto__":{"staff":true},"constructor":{"prototype":{"staff":true}}}',
          `${'['.repeat(5000)}${']'.repeat(5000)}`,
          `{"a":${'{"a":'.repeat(3000)}1${'}'.repeat(3000)}}`,
          'email=a%40b.fr&email=c%40d.fr&_csrf=x',
          '--x\r\nContent-Disposition: form-data; name="a"\r\n\r\nb\r\n--x--\r\n',
          '<?xml version="1.0"?><a/>',
        )
        .map((s) => Buffer.from(s)),
      fc
        .tuple(nastyJson, fc.constantFrom(...invalidUtf8))
        .map(([v, bad]) =>
          Buffer.concat([Buffer.from(JSON.stringify({ v }).slice(0, -2)), bad, Buffer.from('"}')]),
        ),
    );
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...posts), contentType, payload, async (route, type, body) => {
        const base = await cached(`${route.method} ${route.path}`);
        const spec = await base.spec();
        const who = credentialsOf(base.role, f.A, csrf);
        const headers: Record<string, string> = { origin: baseUrl, 'x-csrf-token': csrf.token };
        if (type) headers['content-type'] = type;
        if (route.path.startsWith('/api/')) {
          if (who.authorization) headers.authorization = who.authorization;
        } else {
          headers.cookie = `${who.session ? `coopdec_session=${spec.session ?? who.session}; ` : ''}_csrf=${csrf.secret}`;
        }
        const before = await checksum(db);
        const response = await app.inject({
          method: route.method as 'POST',
          url: spec.url,
          headers,
          payload: body,
          remoteAddress: nextAddress(),
        });
        base.used(response);
        await judge(
          `${route.method} ${spec.url} (${type}) ${body.subarray(0, 80).toString('hex')}`,
          response,
          before,
        );
      }),
      { numRuns: runs * 2 },
    );
  });

  it('oversized bodies: > 1 MB to the API, > 256 KB to a form, a file > 10 MB: refused with 413 in French', async () => {
    const staff = credentialsOf('staff', f.A, csrf);
    const cases: [string, () => Promise<InjectResponse>][] = [
      [
        'API JSON of 1.1 MB',
        () =>
          app.inject({
            method: 'POST',
            url: '/api/v1/organisations',
            headers: { authorization: staff.authorization!, 'content-type': 'application/json' },
            payload: JSON.stringify({ name: 'x'.repeat(1_100_000), kind: 'institution' }),
          }),
      ],
      [
        'API JSON of 5 MB in many fields',
        () =>
          app.inject({
            method: 'POST',
            url: '/api/v1/events',
            headers: { authorization: staff.authorization!, 'content-type': 'application/json' },
            payload: JSON.stringify(
              Object.fromEntries(Array.from({ length: 50_000 }, (_, i) => [`f${i}`, 'y'.repeat(90)])),
            ),
          }),
      ],
      [
        'form of 300 KB',
        () =>
          send(
            app,
            'POST',
            { url: '/gestion/organisations', form: { name: 'x'.repeat(300_000), kind: 'institution' } },
            staff,
          ),
      ],
      [
        'file of 11 MB',
        async () => {
          const { body, contentType } = multipartBody(
            { _csrf: csrf.token, kind: 'people' },
            { name: 'grand.csv', type: 'text/csv', content: Buffer.alloc(11 * 1024 * 1024, 0x41) },
          );
          return app.inject({
            method: 'POST',
            url: '/gestion/import',
            headers: {
              cookie: `coopdec_session=${staff.session}; _csrf=${csrf.secret}`,
              'content-type': contentType,
              origin: baseUrl,
            },
            payload: body,
          });
        },
      ],
    ];
    for (const [what, call] of cases) {
      const before = await checksum(db);
      const response = await call();
      assert.equal(
        response.statusCode,
        413,
        `${what}: ${response.statusCode} ${response.body.slice(0, 200)}`,
      );
      await judge(what, response, before);
    }
  });

  it('refuses the NUL character (which PostgreSQL cannot store) in a body, a form and a query, in French', async () => {
    const staff = credentialsOf('staff', f.A, csrf);
    const attempts: [string, () => Promise<InjectResponse>][] = [
      [
        'API body',
        () =>
          send(
            app,
            'POST',
            { url: '/api/v1/organisations', json: { name: 'Institut\u0000nul', kind: 'institution' } },
            staff,
          ),
      ],
      ['API query', () => send(app, 'GET', { url: '/api/v1/organisations?q=a%00b' }, staff)],
      [
        'form',
        () =>
          send(
            app,
            'POST',
            { url: '/gestion/organisations', form: { name: 'Institut\u0000nul', kind: 'institution' } },
            staff,
          ),
      ],
      ['page query', () => send(app, 'GET', { url: '/gestion/organisations?q=a%00b' }, staff)],
      [
        'revocation reason',
        async () =>
          send(
            app,
            'POST',
            { url: `/gestion/certificats/${f.B.certificateCode}/revocation`, form: { reason: 'a\u0000b' } },
            staff,
          ),
      ],
    ];
    for (const [what, call] of attempts) {
      const before = await checksum(db);
      const response = await call();
      assert.equal(response.statusCode, 400, `${what}: ${response.statusCode}`);
      await judge(what, response, before);
    }
  });

  it('refuses a lone surrogate in a JSON body (which PostgreSQL refuses in JSON) in French, on every API body', async () => {
    for (const route of apiRoutes.filter((r) => r.body)) {
      const key = routeKey(route);
      const { role, spec } = await validRequest(key);
      const sample = (spec.json ?? {}) as Record<string, unknown>;
      const field = Object.keys(sample).find((k) => typeof sample[k] === 'string') ?? 'note';
      const before = await checksum(db);
      const response = await send(
        app,
        route.method,
        { ...spec, json: { ...sample, [field]: 'x\udfffy' } },
        credentialsOf(role, f.A, csrf),
      );
      assert.equal(response.statusCode, 400, `${key}: ${response.statusCode} ${response.body.slice(0, 200)}`);
      assert.match(response.json().error.message, /caractère Unicode invalide/);
      await judge(key, response, before);
    }
  });

  const formRoutes = Object.keys(matrix).filter((k) => k.startsWith('POST /') && !k.startsWith('POST /api/'));
  for (const key of formRoutes) {
    it(`form post ${key}: fields missing, repeated, added, of any text`, async () => {
      const base = await reusable(key);
      const { sample } = base;
      const fields = sample.multipart ? sample.multipart.fields : (sample.form ?? {});
      await fc.assert(
        fc.asyncProperty(mutatedForm(fields), fc.option(nastyText), async (form, fileText) => {
          const spec = await base.spec();
          const mutated: RequestSpec = spec.multipart
            ? {
                ...spec,
                multipart: {
                  fields: Object.fromEntries(Object.entries(form).map(([k, v]) => [k, [v].flat().join(',')])),
                  file:
                    fileText === null
                      ? spec.multipart.file
                      : { ...spec.multipart.file, content: Buffer.from(fileText) },
                },
              }
            : { ...spec, form };
          const before = await checksum(db);
          const response = await send(app, 'POST', mutated, credentialsOf(base.role, f.A, csrf));
          base.used(response);
          await judge(`${key} ${JSON.stringify(form).slice(0, 300)}`, response, before);
        }),
        { numRuns: runs },
      );
    });
  }

  it('page queries: any filter, any value, on every page read', async () => {
    const gets = Object.keys(matrix).filter((k) => k.startsWith('GET /') && !k.startsWith('GET /api/'));
    const keys = [
      'q',
      'page',
      'vue',
      'mois',
      'from',
      'to',
      'kind',
      'format',
      'audience',
      'series',
      'region',
      'nouveaux',
      'status',
      'organisation',
      'parcours',
      'tous',
      'info',
      'jeton',
      'member',
      'year',
    ];
    const query = fc.array(
      fc.tuple(fc.oneof(fc.constantFrom(...keys), fc.string({ maxLength: 8 })), nastyText),
      { minLength: 1, maxLength: 4 },
    );
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...gets), query, async (key, pairs) => {
        const base = await cached(key);
        const spec = await base.spec();
        const role = base.role;
        const url = `${spec.url}${spec.url.includes('?') ? '&' : '?'}${new URLSearchParams(pairs).toString()}`;
        const before = await checksum(db);
        const response = await send(app, 'GET', { url }, credentialsOf(role, f.A, csrf));
        base.used(response);
        await judge(`GET ${url.slice(0, 300)}`, response, before);
        // A read writes nothing, whatever it is asked (the QR scan excepted, see the matrix).
        if (!matrix[key]![0]!.getWrites)
          assert.deepEqual(changedTables(before, await checksum(db)), [], `GET ${url} wrote`);
      }),
      { numRuns: runs * 3 },
    );
  });

  it('renders accepted HTML escaped on the page that shows it', async () => {
    const staff = credentialsOf('staff', f.A, csrf);
    const referent = credentialsOf('referent', f.A, csrf);
    const html = fc
      .tuple(fc.constantFrom(...htmlPayloads, ...sqlPayloads), fc.string({ maxLength: 20 }))
      .map(([payload, noise]) => {
        const m = marker();
        return {
          m,
          text: `${m} ${payload.replace('alert(1)', `alert('${m}')`)} ${noise}`.replace(/\s+/g, ' ').trim(),
        };
      });
    /** Each: the request that stores the text, and the page(s) that show it. */
    const stores: [string, (text: string) => Promise<{ response: InjectResponse; show: string[] }>][] = [
      [
        'organisation name (API)',
        async (text) => {
          const response = await send(
            app,
            'POST',
            { url: '/api/v1/organisations', json: { name: text.slice(0, 200), kind: 'institution' } },
            staff,
          );
          return {
            response,
            show: response.statusCode === 201 ? [`/gestion/organisations/${response.json().id}`] : [],
          };
        },
      ],
      [
        'person names (API)',
        async (text) => {
          const json = {
            firstName: text.slice(0, 100),
            lastName: `${text}`.slice(0, 100),
            email: `html.${unique()}@example.org`,
            kind: 'officer',
            organisationId: f.A.memberOrg.id,
          };
          const response = await send(app, 'POST', { url: '/api/v1/people', json }, staff);
          return {
            response,
            show:
              response.statusCode === 201
                ? [`/gestion/personnes/${response.json().id}`, `/gestion/organisations/${f.A.memberOrg.id}`]
                : [],
          };
        },
      ],
      [
        'event title, venue and description (API)',
        async (text) => {
          const json = {
            title: text.slice(0, 300),
            venue: text,
            description: text,
            kind: 'meeting',
            format: 'in_person',
            audience: 'public',
            startsAt: '2030-07-08T09:30:00+02:00',
            endsAt: '2030-07-08T17:00:00+02:00',
          };
          const response = await send(app, 'POST', { url: '/api/v1/events', json }, staff);
          return {
            response,
            show:
              response.statusCode === 201
                ? [`/agenda/${response.json().id}`, `/gestion/evenements/${response.json().id}`]
                : [],
          };
        },
      ],
      [
        'edition title (form)',
        async (text) => {
          const response = await send(
            app,
            'POST',
            { url: '/gestion/parcours', form: { title: text, minSessions: '2' } },
            staff,
          );
          const location = String(response.headers.location ?? '').split('?')[0]!;
          return {
            response,
            show: response.statusCode === 303 ? [location, `/parcours/${location.split('/').at(-1)}`] : [],
          };
        },
      ],
      [
        'event title (form)',
        async (text) => {
          const form = {
            title: text,
            venue: text,
            kind: 'meeting',
            format: 'in_person',
            audience: 'public',
            startsAt: '2030-07-08T09:30',
            endsAt: '2030-07-08T17:00',
          };
          const response = await send(app, 'POST', { url: '/gestion/evenements', form }, staff);
          const location = String(response.headers.location ?? '').split('?')[0]!;
          return {
            response,
            show: response.statusCode === 303 ? [location, `/agenda/${location.split('/').at(-1)}`] : [],
          };
        },
      ],
      [
        'colleague added by a referent (form)',
        async (text) => {
          const form = {
            firstName: text.slice(0, 100),
            lastName: text.slice(0, 100),
            email: `html.${unique()}@example.org`,
            kind: 'officer',
          };
          const response = await send(app, 'POST', { url: '/mon-espace/personnes', form }, referent);
          return { response, show: response.statusCode === 303 ? ['/mon-espace'] : [] };
        },
      ],
    ];
    const who = (url: string) => (url === '/mon-espace' ? referent : staff);
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...stores), html, async ([what, store], { m, text }) => {
        const { response, show } = await store(text);
        assert.ok(response.statusCode < 500, `${what}: ${response.statusCode}`);
        if (response.statusCode >= 400) assert.equal(notFrench(response), undefined, what);
        assert.ok(
          show.length > 0 || response.statusCode >= 400,
          `${what}: accepted (${response.statusCode}) but no page to look at`,
        );
        for (const url of show) {
          const page = await send(app, 'GET', { url }, who(url));
          assert.equal(page.statusCode, 200, `${what}: ${url}`);
          assert.ok(page.body.includes(m), `${what}: ${url} does not show the text at all`);
          // The text begins with its unique marker: the marker followed by a raw « < » is markup injected.
          const lt = text.indexOf('<');
          if (lt > 0)
            assert.ok(
              !page.body.includes(text.slice(0, lt + 1)),
              `${what}: ${url} renders « ${text} » unescaped`,
            );
        }
      }),
      { numRuns: runs * 2 },
    );
  });

  it('prints its figures', () => {
    console.log(
      `[proof-bad-input] requests judged: ${requests} (numRuns ${runs} per property, ×2 or ×3 for the shared ones)`,
    );
  });
});
