import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import {
  bearer,
  buildElected,
  buildLocalGovernment,
  buildOfficer,
  buildStaff,
} from '../../../tests/factories.ts';
import { testApp } from '../../../tests/helpers.ts';
import { parisYear } from '../../platform/time.ts';

describe('the organisations API', async () => {
  const { app, db } = await testApp({ after });
  const staff = await buildStaff(db);
  const auth = await bearer(db, staff);
  const post = (url: string, payload: unknown, headers = auth) =>
    app.inject({ method: 'POST', url, payload: payload as object, headers });
  const get = (url: string, headers = auth) => app.inject({ method: 'GET', url, headers });

  it('creates the commune of Nancy from its INSEE code, with SIREN and région from the reference', async () => {
    const response = await post('/api/v1/organisations', {
      name: 'Nancy',
      kind: 'commune',
      inseeCode: '54395',
    });
    assert.equal(response.statusCode, 201);
    const body = response.json();
    assert.match(body.id, /^[0-9a-f-]{36}$/);
    assert.equal(body.siren, '215403957');
    assert.equal(body.regionCode, '44');
    assert.equal(body.memberInGoodStanding, false);
    const again = await post('/api/v1/organisations', { name: 'Nancy', kind: 'commune', inseeCode: '54395' });
    assert.equal(again.statusCode, 409);
    assert.equal(again.json().error.code, 'conflict');
  });

  it('refuses a French local government that is not in the reference, in French', async () => {
    const response = await post('/api/v1/organisations', {
      name: 'Atlantide',
      kind: 'commune',
      inseeCode: '99999',
    });
    assert.equal(response.statusCode, 422);
    assert.match(response.json().error.message, /référentiel officiel/);
  });

  it('creates a foreign local government with its country, and requires the country', async () => {
    const ok = await post('/api/v1/organisations', {
      name: 'Préfecture de Nagano',
      kind: 'foreign_local_government',
      country: 'jp',
    });
    assert.equal(ok.statusCode, 201);
    assert.equal(ok.json().country, 'JP');
    const missing = await post('/api/v1/organisations', {
      name: 'Ville de Hué',
      kind: 'foreign_local_government',
    });
    assert.equal(missing.statusCode, 400);
    assert.equal(missing.json().error.code, 'invalid');
    assert.match(missing.json().error.fields.country, /pays/);
  });

  it('records a membership and reports the organisation in good standing', async () => {
    const org = await buildLocalGovernment(db, { member: false });
    const response = await post(`/api/v1/organisations/${org.id}/memberships`, {
      year: parisYear(),
      status: 'active',
      feeCents: 125_050,
    });
    assert.equal(response.statusCode, 201);
    assert.equal(response.json().feeCents, 125_050);
    const read = await get(`/api/v1/organisations/${org.id}`);
    assert.equal(read.statusCode, 200);
    assert.equal(read.json().memberInGoodStanding, true);
    assert.equal(read.json().memberships.length, 1);
    const bad = await post(`/api/v1/organisations/${org.id}/memberships`, {
      year: 'deux mille',
      status: 'paid',
      feeCents: -3,
    });
    assert.equal(bad.statusCode, 400);
    assert.deepEqual(Object.keys(bad.json().error.fields).sort(), ['feeCents', 'status', 'year']);
  });

  it('filters organisations by name, kind and membership of the year', async () => {
    const member = await buildLocalGovernment(db, { member: true });
    const list = await get(
      `/api/v1/organisations?q=${encodeURIComponent(member.name)}&kind=commune&member=true`,
    );
    assert.equal(list.statusCode, 200);
    const found = list.json().items.find((o: { id: string }) => o.id === member.id);
    assert.equal(found.memberInGoodStanding, true);
    const nonMembers = await get('/api/v1/organisations?member=false');
    assert.ok(!nonMembers.json().items.some((o: { id: string }) => o.id === member.id));
    const invalid = await get('/api/v1/organisations?kind=planete');
    assert.equal(invalid.statusCode, 400);
  });

  it('creates an élue with her mandate, refuses her address twice, and explains invalid fields', async () => {
    const org = await buildLocalGovernment(db);
    const payload = {
      firstName: 'Hélène',
      lastName: 'Exemple',
      email: 'Helene.Exemple@example.org',
      kind: 'elected',
      organisationId: org.id,
      mandate: { title: 'adjointe au maire déléguée aux relations internationales', startsOn: '2026-03-22' },
    };
    const created = await post('/api/v1/people', payload);
    assert.equal(created.statusCode, 201);
    const person = created.json();
    assert.equal(person.mandates.length, 1);
    assert.equal(person.mandates[0].organisationId, org.id);
    const read = await get(`/api/v1/people/${person.id}`);
    assert.equal(read.json().email, 'Helene.Exemple@example.org');
    const duplicate = await post('/api/v1/people', { ...payload, email: 'helene.exemple@EXAMPLE.org' });
    assert.equal(duplicate.statusCode, 409);
    const invalid = await post('/api/v1/people', {
      firstName: '',
      lastName: 'X',
      email: 'pas-une-adresse',
      kind: 'maire',
    });
    assert.equal(invalid.statusCode, 400);
    assert.deepEqual(Object.keys(invalid.json().error.fields).sort(), ['email', 'firstName', 'kind']);
  });

  it('lets a referent create colleagues of their own organisation only', async () => {
    const org = await buildLocalGovernment(db);
    const other = await buildLocalGovernment(db);
    const referent = await buildOfficer(db, org.id, true);
    const headers = await bearer(db, referent);
    const colleague = { firstName: 'Ana', lastName: 'Lopes', kind: 'officer' };
    const own = await post(
      '/api/v1/people',
      { ...colleague, email: 'ana.lopes@example.org', organisationId: org.id },
      headers,
    );
    assert.equal(own.statusCode, 201);
    const foreign = await post(
      '/api/v1/people',
      { ...colleague, email: 'ana.l@example.org', organisationId: other.id },
      headers,
    );
    assert.equal(foreign.statusCode, 403);
    const staffAttempt = await post(
      '/api/v1/people',
      { ...colleague, email: 'x@example.org', organisationId: org.id, kind: 'staff' },
      headers,
    );
    assert.equal(staffAttempt.statusCode, 403);
  });

  it('keeps other organisations and other people out of reach of a member', async () => {
    const org = await buildLocalGovernment(db);
    const other = await buildLocalGovernment(db);
    const elected = await buildElected(db, org.id);
    const stranger = await buildElected(db, other.id);
    const headers = await bearer(db, elected);
    assert.equal((await get(`/api/v1/organisations/${org.id}`, headers)).statusCode, 200);
    assert.equal((await get(`/api/v1/organisations/${other.id}`, headers)).statusCode, 403);
    assert.equal((await get(`/api/v1/people/${elected.id}`, headers)).statusCode, 200);
    assert.equal((await get(`/api/v1/people/${stranger.id}`, headers)).statusCode, 403);
    assert.equal((await get('/api/v1/organisations', headers)).statusCode, 403);
    assert.equal(
      (await post('/api/v1/organisations', { name: 'X', kind: 'institution' }, headers)).statusCode,
      403,
    );
  });

  it('answers 401 in French without a valid token, and 404 for unknown ids', async () => {
    const none = await app.inject({
      method: 'GET',
      url: '/api/v1/people/00000000-0000-4000-8000-000000000000',
    });
    assert.equal(none.statusCode, 401);
    assert.match(none.json().error.message, /Jeton/);
    const unknown = await get('/api/v1/people/00000000-0000-4000-8000-000000000000');
    assert.equal(unknown.statusCode, 404);
    const malformed = await get('/api/v1/people/nimporte-quoi');
    assert.equal(malformed.statusCode, 400);
  });

  it('answers bad JSON and wrong content types with French errors, not 500s', async () => {
    const badJson = await app.inject({
      method: 'POST',
      url: '/api/v1/people',
      headers: { ...auth, 'content-type': 'application/json' },
      payload: '{"firstName": ',
    });
    assert.equal(badJson.statusCode, 400);
    assert.match(badJson.json().error.message, /JSON/);
    const xml = await app.inject({
      method: 'POST',
      url: '/api/v1/people',
      headers: { ...auth, 'content-type': 'application/xml' },
      payload: '<person/>',
    });
    assert.equal(xml.statusCode, 415);
    const array = await post('/api/v1/people', [1, 2]);
    assert.equal(array.statusCode, 400);
  });

  it('publishes an OpenAPI 3.1 document listing every route', async () => {
    const doc = (await app.inject({ method: 'GET', url: '/api/openapi.json' })).json();
    assert.equal(doc.openapi, '3.1.0');
    for (const path of [
      '/api/v1/organisations',
      '/api/v1/organisations/{id}',
      '/api/v1/organisations/{id}/memberships',
      '/api/v1/people',
      '/api/v1/people/{id}',
    ]) {
      assert.ok(doc.paths[path], path);
    }
    assert.ok(
      doc.paths['/api/v1/people'].post.requestBody.content['application/json'].schema.properties.email,
    );
  });
});
