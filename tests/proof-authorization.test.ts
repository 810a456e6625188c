// Issue 5, item 5 — the authorization matrix, cell by cell, with real requests on a real database:
// every route of the app (its own route list) has an entry in tests/proof/matrix.ts; every cell (route ×
// case × role × actor's world × records' world) answers as declared, with 0 unexpected 2xx; no GET writes
// (database checksum before and after, see tests/proof/checksum.ts for the bookkeeping columns left out);
// no refused request writes; every state-changing page route refuses another site's Origin and a missing
// CSRF token with 403.
import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { testApp } from './helpers.ts';
import { type Case, cellOf, firstAllowedRole } from './proof/cases.ts';
import { changedTables, checksum } from './proof/checksum.ts';
import {
  type Credentials,
  credentialsOf,
  csrfOf,
  refused,
  send,
  succeeded,
  unsafeMethods,
} from './proof/http.ts';
import { matrix } from './proof/matrix.ts';
import { appRoutes } from './proof/routes.ts';
import { buildFixtures, type Role, roles, type World } from './proof/world.ts';

/** HEAD answers as GET does (Fastify adds it to every GET route): it follows the GET entry. */
const entryKey = (method: string, path: string) => `${method === 'HEAD' ? 'GET' : method} ${path}`;

describe('authorization matrix', async () => {
  const { app, db } = await testApp({ after });
  const f = await buildFixtures(db);
  const routes = await appRoutes(app);
  const csrf = await csrfOf(app);

  const credentials = (role: Role, world: World) => credentialsOf(role, world, csrf);

  it('declares every route of the app, and only those', () => {
    const declared = new Set(Object.keys(matrix));
    const keys = new Set(routes.map((r) => entryKey(r.method, r.path)));
    const missing = [...keys].filter((k) => !declared.has(k));
    const stale = [...declared].filter((k) => !keys.has(k));
    console.log(
      `[proof-authorization] routes of the app: ${routes.length} (method + path, HEAD included), entries: ${declared.size}`,
    );
    assert.deepEqual(missing, [], `routes without an entry in tests/proof/matrix.ts: ${missing.join(', ')}`);
    assert.deepEqual(stale, [], `entries that are no route of the app: ${stale.join(', ')}`);
    for (const [key, cases] of Object.entries(matrix)) {
      for (const c of cases) {
        assert.match(c.own, /^[Y-]{6}$/, `${key} « ${c.name} »: own verdicts`);
        if (c.scoped) assert.match(c.foreign ?? '', /^[Y-]{6}$/, `${key} « ${c.name} »: foreign verdicts`);
      }
    }
  });

  it('answers every cell as declared: 0 unexpected 2xx, no GET and no refusal writes', async () => {
    const failures: string[] = [];
    const writes: string[] = [];
    let cells = 0;
    let getCells = 0;
    let allowedCells = 0;
    const started = performance.now();
    for (const route of routes) {
      const cases: Case[] = matrix[entryKey(route.method, route.path)] ?? [];
      for (const kase of cases) {
        for (const [index, role] of roles.entries()) {
          for (const actor of [f.A, f.B]) {
            for (const target of kase.scoped ? [actor, f.other(actor)] : [actor]) {
              const own = target === actor;
              const allowed = (own ? kase.own : kase.foreign!)[index] === 'Y';
              const label = `${route.method} ${route.path} « ${kase.name} » as ${role} of ${actor.name} on ${target.name}'s records`;
              const spec = await kase.build(cellOf(f, role, actor, target));
              const read = !unsafeMethods.has(route.method);
              const before = read || !allowed ? await checksum(db) : undefined;
              const response = await send(app, route.method, spec, credentials(role, actor));
              cells++;
              if (read) getCells++;
              if (allowed) allowedCells++;
              const status = `${response.statusCode}${response.headers.location ? ` → ${response.headers.location}` : ''}`;
              if (response.statusCode >= 500) failures.push(`${label}: ${status} (server error)`);
              else if (allowed && !succeeded(response))
                failures.push(`${label}: expected success, got ${status} ${response.body.slice(0, 200)}`);
              else if (!allowed && succeeded(response))
                failures.push(`${label}: UNEXPECTED SUCCESS ${status}`);
              else if (!allowed && !refused(response)) failures.push(`${label}: not a refusal: ${status}`);
              if (before) {
                const exempt = read && allowed && kase.getWrites ? kase.getWrites.tables : [];
                const changed = changedTables(before, await checksum(db), exempt);
                if (changed.length)
                  writes.push(`${label} (${response.statusCode}) changed: ${changed.join(', ')}`);
              }
            }
          }
        }
      }
    }
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    console.log(
      `[proof-authorization] cells tested: ${cells} (${getCells} GET/HEAD with a checksum before and after, ${allowedCells} allowed, ${cells - allowedCells} refused) in ${seconds} s; failures: ${failures.length}; unexpected writes: ${writes.length}`,
    );
    for (const [key, cases] of Object.entries(matrix))
      for (const c of cases)
        if (c.getWrites)
          console.log(
            `[proof-authorization] GET allowed to write: ${key} (${c.getWrites.tables.join(', ')}): ${c.getWrites.why}`,
          );
    assert.deepEqual(failures, []);
    assert.deepEqual(writes, []);
  });

  it('refuses every state-changing page request from another site, or without its CSRF token, with 403 and writes nothing', async () => {
    const failures: string[] = [];
    let checked = 0;
    for (const route of routes) {
      if (!unsafeMethods.has(route.method)) continue;
      const api = route.path.startsWith('/api/');
      const kase = matrix[entryKey(route.method, route.path)]![0]!;
      // The request is made by a role allowed to make it, so that the refusal can only be the CSRF defence.
      const role = firstAllowedRole(kase);
      const attempts: [string, Partial<Credentials>][] = [
        ['Origin of another site', { origin: 'https://attaquant.example.net' }],
        ['Origin « null »', { origin: 'null' }],
        ...(api ? [] : ([['no CSRF token', { withoutCsrfToken: true }]] as [string, Partial<Credentials>][])),
      ];
      for (const [what, change] of attempts) {
        const built = await kase.build(cellOf(f, role, f.A, f.A));
        // A route open to other sites is defended by its signed token: forged here, it must be refused.
        const spec = kase.crossSite
          ? { ...built, url: built.url.replace(/jeton=[^&]*/, 'jeton=contrefait') }
          : built;
        const before = await checksum(db);
        const response = await send(app, route.method, spec, { ...credentials(role, f.A), ...change });
        checked++;
        const label = `${route.method} ${route.path} as ${role}, ${what}`;
        if (kase.crossSite) {
          if (spec.url === built.url)
            failures.push(`${label}: a cross-site case without a token in its address`);
          if (response.statusCode !== 404)
            failures.push(`${label}: ${response.statusCode} instead of 404 (forged token)`);
        } else if (response.statusCode !== 403)
          failures.push(`${label}: ${response.statusCode} instead of 403`);
        else {
          const message = api ? response.json().error.message : response.body;
          if (!/vient d’un autre site|Le formulaire a expiré ou ne vient pas de ce site/.test(message))
            failures.push(`${label}: 403 without the French explanation`);
        }
        const changed = changedTables(before, await checksum(db));
        if (changed.length) failures.push(`${label}: wrote ${changed.join(', ')}`);
      }
    }
    console.log(`[proof-authorization] cross-site and CSRF refusals checked: ${checked}`);
    assert.deepEqual(failures, []);
  });
});
