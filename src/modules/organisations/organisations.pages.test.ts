import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import ExcelJS from 'exceljs';
import {
  buildElected,
  buildLocalGovernment,
  buildOfficer,
  buildStaff,
  sessionCookie,
} from '../../../tests/factories.ts';
import { Browser, testApp } from '../../../tests/helpers.ts';
import { parisYear } from '../../platform/time.ts';
import { isMemberInGoodStanding, listMemberships } from './memberships.ts';
import { findPersonByEmail } from './people.ts';

describe('the staff and « Mon espace » pages', async () => {
  const t = await testApp({ after });
  const { app, db } = t;
  const staff = await buildStaff(db);

  async function signedIn(person: Awaited<ReturnType<typeof buildStaff>>) {
    const browser = new Browser(app);
    browser.jar.store({
      cookies: [{ name: 'coopdec_session', value: (await sessionCookie(db, person)).split('=')[1]! }],
    });
    return browser;
  }

  it('lets staff find Nancy in the reference, add it, and record its membership in euros', async () => {
    const browser = await signedIn(staff);
    const search = await browser.get('/gestion/organisations/nouvelle?q=Nancy');
    assert.match(search.body, /Nancy — commune \(54\)/);
    const created = await browser.post('/gestion/organisations', {
      kind: 'commune',
      inseeCode: '54395',
      name: 'Nancy',
    });
    assert.equal(created.statusCode, 303);
    const url = (created.headers.location as string).split('?')[0]!;
    const page = await browser.get(created.headers.location as string);
    assert.match(page.body, /Organisation ajoutée/);
    assert.match(page.body, /215403957/);
    const saved = await browser.post(`${url}/adhesions`, {
      year: String(parisYear()),
      status: 'active',
      fee: '1 250,50',
      paidOn: '',
    });
    assert.equal(saved.statusCode, 303);
    const id = url.split('/').at(-1)!;
    assert.equal(await isMemberInGoodStanding(db, id), true);
    assert.equal((await listMemberships(db, id))[0]!.feeCents, 125_050);
    const bad = await browser.post(`${url}/adhesions`, {
      year: String(parisYear()),
      status: 'active',
      fee: 'mille euros',
    });
    assert.equal(bad.statusCode, 400);
    assert.match(bad.body, /Montant illisible/);
  });

  it('shows French field errors and keeps what was typed when a person cannot be added', async () => {
    const org = await buildLocalGovernment(db);
    const browser = await signedIn(staff);
    await browser.get(`/gestion/organisations/${org.id}`);
    const response = await browser.post(`/gestion/organisations/${org.id}/personnes`, {
      firstName: 'Zoé',
      lastName: '<script>alert(1)</script>',
      email: 'zoe@',
      kind: 'elected',
    });
    assert.equal(response.statusCode, 400);
    assert.match(response.body, /Adresse électronique invalide/);
    assert.match(response.body, /value="&lt;script>alert\(1\)&lt;\/script>"/);
    assert.doesNotMatch(response.body, /<script>alert/);
  });

  it('lets a referent add a colleague to their own organisation, but not a staff account', async () => {
    const org = await buildLocalGovernment(db);
    const referent = await buildOfficer(db, org.id, true);
    const browser = await signedIn(referent);
    const space = await browser.get('/mon-espace');
    assert.match(space.body, /Les personnes de ma collectivité/);
    assert.doesNotMatch(space.body, /value="staff"/);
    const added = await browser.post('/mon-espace/personnes', {
      firstName: 'Léa',
      lastName: 'Collègue',
      email: 'lea.collegue@example.org',
      kind: 'elected',
      mandateTitle: 'conseillère municipale déléguée aux jumelages',
      mandateStartsOn: '2026-03-22',
    });
    assert.equal(added.statusCode, 303);
    assert.equal(added.headers.location, '/mon-espace?info=organisations.person_created#collegues');
    assert.match(
      (await browser.get('/mon-espace?info=organisations.person_created')).body,
      /Personne ajoutée/,
    );
    assert.equal((await findPersonByEmail(db, 'lea.collegue@example.org'))?.organisationId, org.id);
    const staffAttempt = await browser.post('/mon-espace/personnes', {
      firstName: 'Faux',
      lastName: 'Staff',
      email: 'faux.staff@example.org',
      kind: 'staff',
    });
    assert.equal(staffAttempt.statusCode, 400);
    assert.equal(await findPersonByEmail(db, 'faux.staff@example.org'), undefined);
  });

  it('shows an élu his mandates in « Mon espace » and keeps him out of the staff pages', async () => {
    const org = await buildLocalGovernment(db);
    const elected = await buildElected(db, org.id, 'adjoint au maire délégué aux relations internationales');
    const browser = await signedIn(elected);
    const space = await browser.get('/mon-espace');
    assert.match(space.body, /adjoint au maire délégué aux relations internationales/);
    assert.match(space.body, /vous avez accès aux activités réservées aux adhérents/);
    assert.doesNotMatch(space.body, /Les personnes de ma collectivité/);
    for (const url of [
      '/gestion/organisations',
      `/gestion/organisations/${org.id}`,
      '/gestion/import',
      '/dev/courriels',
    ]) {
      const response = await browser.get(url);
      assert.equal(response.statusCode, 403, url);
      assert.match(response.body, /réservée à l’équipe du réseau/);
    }
    const anonymous = await app.inject({ method: 'GET', url: '/gestion/organisations' });
    assert.equal(anonymous.statusCode, 303);
    assert.equal(anonymous.headers.location, '/connexion');
  });

  it('exports people as CSV for spreadsheets and as XLSX', async () => {
    const org = await buildLocalGovernment(db);
    await buildOfficer(db, org.id);
    const browser = await signedIn(staff);
    const csv = await browser.get('/gestion/export/personnes.csv');
    assert.equal(csv.statusCode, 200);
    assert.match(csv.headers['content-type'] as string, /text\/csv/);
    assert.ok(csv.body.startsWith('\ufeffPrénom;Nom;Email;Type;Organisation;Référent'));
    assert.ok(csv.body.includes(org.name));
    const xlsx = await app.inject({
      method: 'GET',
      url: '/gestion/export/organisations.xlsx',
      headers: { cookie: browser.jar.header },
    });
    assert.equal(xlsx.statusCode, 200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    const names = workbook.worksheets[0]!.getColumn(1).values;
    assert.ok(names.includes(org.name));
  });

  it('ignores a notice that is not one of ours: a crafted link cannot put words on the page', async () => {
    const response = await app.inject({ method: 'GET', url: '/?info=Votre%20compte%20est%20suspendu' });
    assert.doesNotMatch(response.body, /suspendu/);
  });
});
