import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { buildLocalGovernment, buildPerson, buildStaff, sessionCookie } from '../../../tests/factories.ts';
import { Browser, testApp } from '../../../tests/helpers.ts';
import { getPerson } from './people.ts';

describe('the staff’s page to merge two records of a person', async () => {
  const { app, db } = await testApp({ after });
  const staff = await buildStaff(db);
  const organisation = await buildLocalGovernment(db);
  const browser = new Browser(app);
  browser.jar.store({
    cookies: [{ name: 'coopdec_session', value: (await sessionCookie(db, staff)).split('=')[1]! }],
  });

  it('finds the record to keep by name, previews both, merges, and says so on the record kept', async () => {
    const duplicate = await buildPerson(db, {
      firstName: 'Aïcha',
      lastName: 'Diallo',
      email: 'a.diallo@colombes.example.org',
      organisationId: organisation.id,
    });
    const kept = await buildPerson(db, {
      firstName: 'Aicha',
      lastName: 'DIALLO',
      email: 'aicha.diallo@colombes.example.org',
      organisationId: organisation.id,
    });
    const person = await browser.get(`/gestion/personnes/${duplicate.id}`);
    assert.match(person.body, new RegExp(`href="/gestion/personnes/${duplicate.id}/fusionner"`));
    const search = await browser.get(`/gestion/personnes/${duplicate.id}/fusionner?q=aicha%20diallo`);
    assert.equal(search.statusCode, 200);
    assert.match(
      search.body,
      new RegExp(`href="/gestion/personnes/${duplicate.id}/fusionner\\?vers=${kept.id}"`),
    );
    assert.doesNotMatch(search.body, new RegExp(`vers=${duplicate.id}"`), 'not the record itself');
    const preview = await browser.get(`/gestion/personnes/${duplicate.id}/fusionner?vers=${kept.id}`);
    assert.match(preview.body, /La fiche qui disparaît/);
    assert.match(preview.body, /a\.diallo@colombes\.example\.org/);
    assert.match(preview.body, /aicha\.diallo@colombes\.example\.org/);
    assert.match(preview.body, new RegExp(`name="intoId" value="${kept.id}"`));
    assert.equal((await getPerson(db, duplicate.id)) !== undefined, true, 'a preview merges nothing');
    const merged = await browser.post(`/gestion/personnes/${duplicate.id}/fusionner`, { intoId: kept.id });
    assert.equal(merged.statusCode, 303);
    assert.equal(merged.headers.location, `/gestion/personnes/${kept.id}?info=organisations.people_merged`);
    assert.equal(await getPerson(db, duplicate.id), undefined);
    const page = await browser.get(merged.headers.location as string);
    assert.match(page.body, /Fiches fusionnées/);
    const twice = await browser.post(`/gestion/personnes/${duplicate.id}/fusionner`, { intoId: kept.id });
    assert.equal(twice.statusCode, 404);
    assert.match(twice.body, /Cette personne n’existe pas ou plus/);
  });

  it('shows a refused merge on the preview, in French, and merges nothing', async () => {
    const person = await buildPerson(db, { organisationId: organisation.id });
    await browser.get(`/gestion/personnes/${person.id}/fusionner`);
    const self = await browser.post(`/gestion/personnes/${person.id}/fusionner`, { intoId: person.id });
    assert.equal(self.statusCode, 422);
    assert.match(self.body, /Une fiche ne se fusionne pas avec elle-même/);
    const missing = await browser.post(`/gestion/personnes/${person.id}/fusionner`, {
      intoId: 'pas-un-identifiant',
    });
    assert.equal(missing.statusCode, 400);
    assert.match(missing.body, /Certaines informations sont invalides/);
    assert.ok(await getPerson(db, person.id));
  });
});
