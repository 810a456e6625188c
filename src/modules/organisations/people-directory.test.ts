import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, describe, it } from 'node:test';
import {
  bearer,
  buildElected,
  buildLocalGovernment,
  buildPerson,
  buildStaff,
  sessionCookie,
} from '../../../tests/factories.ts';
import { Browser, testApp } from '../../../tests/helpers.ts';
import { site } from '../index.ts';
import { endMandate, listMandates } from './people.ts';

describe('finding anyone: the people directory, its API and exports, the staff’s search box', async () => {
  const { app, db } = await testApp({ after });
  const staff = await buildStaff(db);
  const auth = await bearer(db, staff);
  const tag = randomBytes(3).toString('hex');
  const member = await buildLocalGovernment(db, { member: true });
  const nonMember = await buildLocalGovernment(db, { member: false });
  const helene = await buildElected(db, member.id);
  await app.inject({
    method: 'PATCH',
    url: `/api/v1/people/${helene.id}`,
    headers: auth,
    payload: { firstName: 'Hélène', lastName: `Garnier${tag}`, email: `h.garnier.${tag}@angers.example.org` },
  });
  const officer = await buildPerson(db, {
    firstName: 'Hugo',
    lastName: `Étienne${tag}`,
    organisationId: nonMember.id,
    kind: 'officer',
  });
  const formerElected = await buildElected(db, nonMember.id);
  const [mandate] = await listMandates(db, formerElected.id);
  await endMandate(db, mandate!.mandate.id, { endsOn: '2026-04-01' }, null);
  const get = (url: string) => app.inject({ url, headers: auth });

  it('finds people by name or address whatever the accents and case: « helene garnier », « ETIENNE »', async () => {
    for (const q of [`helene garnier${tag}`, `GARNIER${tag} Hélène`, `h.garnier.${tag}`]) {
      const response = await get(`/api/v1/people?q=${encodeURIComponent(q)}`);
      assert.equal(response.statusCode, 200, q);
      assert.deepEqual(Object.keys(response.json()).sort(), ['items', 'total']);
      assert.deepEqual(
        response.json().items.map((p: { id: string }) => p.id),
        [helene.id],
        q,
      );
      assert.equal(response.json().total, 1);
    }
    const hugo = await get(`/api/v1/people?q=etienne${tag}`);
    assert.deepEqual(
      hugo.json().items.map((p: { lastName: string }) => p.lastName),
      [`Étienne${tag}`],
    );
    assert.equal(
      (await get(`/api/v1/people?q=helene%20etienne${tag}`)).json().total,
      0,
      'every word must match',
    );
  });

  it('filters the API by organisation and kind, and tells the honest total beyond the first page', async () => {
    const byOrganisation = await get(`/api/v1/people?organisationId=${nonMember.id}`);
    assert.deepEqual(
      byOrganisation
        .json()
        .items.map((p: { id: string }) => p.id)
        .sort(),
      [officer.id, formerElected.id].sort(),
    );
    const elected = await get(`/api/v1/people?organisationId=${nonMember.id}&kind=elected`);
    assert.deepEqual(
      elected.json().items.map((p: { id: string }) => p.id),
      [formerElected.id],
    );
    const word = `Paginé${randomBytes(3).toString('hex')}`;
    for (let i = 0; i < 27; i++) await buildPerson(db, { lastName: `${word}${String(i).padStart(2, '0')}` });
    const first = await get(`/api/v1/people?q=${encodeURIComponent(word)}`);
    assert.equal(first.json().total, 27);
    assert.equal(first.json().items.length, 25);
    const second = await get(`/api/v1/people?q=${encodeURIComponent(word)}&page=2`);
    assert.deepEqual(
      second.json().items.map((p: { lastName: string }) => p.lastName),
      [`${word}25`, `${word}26`],
    );
    const bad = await get('/api/v1/people?kind=astronaute');
    assert.equal(bad.statusCode, 400);
    assert.ok(bad.json().error.fields.kind);
  });

  it('filters the directory page by membership of this year and mandate in force, and links the same exports', async () => {
    const browser = new Browser(app);
    browser.jar.store({
      cookies: [{ name: 'coopdec_session', value: (await sessionCookie(db, staff)).split('=')[1]! }],
    });
    const inForce = await browser.get(`/gestion/personnes?q=${tag}&mandate=true`);
    assert.equal(inForce.statusCode, 200);
    assert.match(inForce.body, new RegExp(`Garnier${tag}`));
    assert.doesNotMatch(inForce.body, new RegExp(`Étienne${tag}`));
    assert.match(inForce.body, /1 personne — page 1 sur 1/);
    const members = await browser.get(`/gestion/personnes?q=${tag}&member=true`);
    assert.match(members.body, new RegExp(`Garnier${tag}`));
    assert.doesNotMatch(members.body, new RegExp(`Étienne${tag}`));
    const others = await browser.get(`/gestion/personnes?q=${tag}&member=false`);
    assert.match(others.body, new RegExp(`Étienne${tag}`));
    assert.doesNotMatch(others.body, new RegExp(`Garnier${tag}`));
    const ofOrganisation = await browser.get(`/gestion/personnes?organisationId=${nonMember.id}`);
    assert.match(ofOrganisation.body, /2 personnes/);
    assert.match(ofOrganisation.body, new RegExp(`Organisation : <strong>${nonMember.name}</strong>`));
    const exportLink = /href="(\/gestion\/export\/personnes\.csv\?[^"]+)"/.exec(inForce.body)?.[1];
    assert.ok(exportLink, 'the page links the export of its list');
    const csv = await browser.get(exportLink!.replaceAll('&amp;', '&'));
    assert.equal(csv.statusCode, 200);
    const lines = csv.body.trim().split('\n');
    assert.equal(lines.length, 2, 'the header and the one person the filters keep');
    assert.match(lines[1]!, new RegExp(`Garnier${tag}`));
    assert.match(lines[1]!, /adjointe au maire/, 'with the mandate in force');
    const ignored = await browser.get('/gestion/personnes?kind=astronaute');
    assert.equal(ignored.statusCode, 200);
    assert.match(ignored.body, /Certains filtres étaient invalides/);
  });

  it('gives the staff’s search box people by name or address and organisations by name or code', async () => {
    const hits = await site.search(db, `GARNIER${tag}`, 20);
    assert.deepEqual(
      hits.map((h) => [h.kind, h.href]),
      [['Personne', `/gestion/personnes/${helene.id}`]],
    );
    const byCode = await site.search(db, member.inseeCode!, 20);
    assert.ok(
      byCode.some((h) => h.kind === 'Organisation' && h.href === `/gestion/organisations/${member.id}`),
    );
    const page = await app.inject({
      url: `/gestion/recherche?q=${encodeURIComponent(`helene garnier${tag}`)}`,
      headers: { cookie: await sessionCookie(db, staff) },
    });
    assert.match(page.body, new RegExp(`href="/gestion/personnes/${helene.id}"`));
  });
});
