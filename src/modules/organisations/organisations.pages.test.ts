import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { createRequire } from 'node:module';
import { after, describe, it } from 'node:test';
import { sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import {
  buildElected,
  buildInstitution,
  buildLocalGovernment,
  buildOfficer,
  buildStaff,
  sessionCookie,
} from '../../../tests/factories.ts';
import { Browser, testApp } from '../../../tests/helpers.ts';
import { queryRows } from '../../platform/db/client.ts';
import { parisYear } from '../../platform/time.ts';
import { isMemberInGoodStanding, listMemberships } from './memberships.ts';
import { findPersonByEmail } from './people.ts';

/** Rows of the first table of a page (its header row left out). */
const tableRows = (html: string) =>
  (/<tbody>([\s\S]*?)<\/tbody>/.exec(html)?.[1] ?? '').split('<tr').length - 1;

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

  it('tells a referent nothing of the organisation of an address that already has an account elsewhere', async () => {
    const org = await buildLocalGovernment(db);
    const other = await buildLocalGovernment(db);
    const referent = await buildOfficer(db, org.id, true);
    const elsewhere = await buildOfficer(db, other.id);
    const browser = await signedIn(referent);
    await browser.get('/mon-espace');
    const attempt = await browser.post('/mon-espace/personnes', {
      firstName: 'Autre',
      lastName: 'Personne',
      email: elsewhere.email.toUpperCase(),
      kind: 'officer',
    });
    assert.equal(attempt.statusCode, 303);
    const page = (await browser.get(attempt.headers.location as string)).body;
    assert.match(page, /l’équipe du réseau vérifie cette adresse/);
    assert.ok(!page.includes(other.name), 'the other organisation is not named');
    assert.doesNotMatch(page, /déjà/);
    assert.equal((await findPersonByEmail(db, elsewhere.email))?.organisationId, other.id, 'nothing moved');
    const [request] = await queryRows<{ n: number }>(
      db,
      sql`select count(*)::int as n from audit_log where action = 'attach_request' and entity_id = ${elsewhere.id}`,
    );
    assert.equal(request?.n, 1, 'staff find the request in the audit trail');
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
    // Dated by the Paris calendar (as the network reads it), and never kept by a cache: it holds addresses.
    const parisToday = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Paris' }).format(new Date());
    assert.equal(csv.headers['content-disposition'], `attachment; filename="personnes-${parisToday}.csv"`);
    assert.equal(csv.headers['cache-control'], 'no-store');
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
    // Every organisation, not a page of them: the file has a row per organisation, after its header row.
    const [count] = await queryRows<{ n: number }>(db, sql`select count(*)::int as n from organisations`);
    assert.equal(workbook.worksheets[0]!.actualRowCount, count!.n + 1);
    const unknown = await browser.get('/gestion/export/adherents.pdf');
    assert.equal(unknown.statusCode, 404);
  });

  it('pages the list of organisations and tells the honest total of those the filters keep', async () => {
    const word = `Zéphyrine${randomBytes(3).toString('hex')}`;
    for (let i = 1; i <= 27; i++)
      await buildInstitution(db, `Institut ${word} ${String(i).padStart(2, '0')}`);
    const [count] = await queryRows<{ n: number }>(
      db,
      sql`select count(*)::int as n from organisations where name like ${`%${word}%`}`,
    );
    assert.equal(count!.n, 27);
    const browser = await signedIn(staff);
    const first = await browser.get(`/gestion/organisations?q=${encodeURIComponent(word)}`);
    assert.equal(first.statusCode, 200);
    assert.match(first.body, /27 organisations — page 1 sur 2\./);
    assert.equal(tableRows(first.body), 25);
    const next = new RegExp(`<a href="\\?q=${encodeURIComponent(word)}&amp;page=2">Page suivante</a>`);
    assert.match(first.body, next);
    const second = await browser.get(`/gestion/organisations?q=${encodeURIComponent(word)}&page=2`);
    assert.match(second.body, /27 organisations — page 2 sur 2\./);
    assert.equal(tableRows(second.body), 2);
    assert.match(second.body, new RegExp(`Institut ${word} 27`));
    assert.doesNotMatch(second.body, /Page suivante/);
  });

  it('sets invalid filters aside together and says so, rather than refusing the list', async () => {
    const browser = await signedIn(staff);
    const response = await browser.get('/gestion/organisations?member=peut-etre&kind=commune');
    assert.equal(response.statusCode, 200);
    assert.match(response.body, /Certains filtres étaient invalides et ont été ignorés\./);
    assert.doesNotMatch(response.body, /<option value="commune" selected/);
    const valid = await browser.get('/gestion/organisations?kind=commune');
    assert.match(valid.body, /<option value="commune" selected/);
    assert.doesNotMatch(valid.body, /Certains filtres/);
  });

  it('says how many collectivités of the reference match when it shows only the closest ones', async () => {
    // Counted here from the reference's own files, apart from the search of the module.
    const require = createRequire(import.meta.url);
    const data = (file: string) =>
      require(`@etalab/decoupage-administratif/data/${file}.json`) as { nom: string; type?: string }[];
    const matching = [
      ...data('communes').filter((c) => c.type === 'commune-actuelle'),
      ...data('epci'),
      ...data('departements'),
      ...data('regions'),
    ].filter((entry) => entry.nom.toLowerCase().includes('villeneuve')).length;
    assert.ok(matching > 20, `${matching} entries`);
    const browser = await signedIn(staff);
    const page = await browser.get('/gestion/organisations/nouvelle?q=Villeneuve');
    assert.equal((page.body.match(/<li class="card">/g) ?? []).length, 20);
    assert.match(
      page.body,
      new RegExp(`${matching} collectivités correspondent à « Villeneuve » ; voici les 20`),
    );
    const few = await browser.get('/gestion/organisations/nouvelle?q=Nancy');
    assert.doesNotMatch(few.body, /collectivités correspondent/);
  });

  it('says how many organisations match when moving a person, and leaves out the one they belong to', async () => {
    const word = `Ondine${randomBytes(3).toString('hex')}`;
    const own = await buildInstitution(db, `Maison ${word} 00`);
    for (let i = 1; i <= 12; i++) await buildInstitution(db, `Maison ${word} ${String(i).padStart(2, '0')}`);
    const officer = await buildOfficer(db, own.id);
    const browser = await signedIn(staff);
    const page = await browser.get(`/gestion/personnes/${officer.id}?organisation=${word}`);
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /12 organisations correspondent ; voici les 10 premières\./);
    assert.equal((page.body.match(/aria-label="Rattacher à /g) ?? []).length, 10);
    assert.doesNotMatch(page.body, new RegExp(`Rattacher à Maison ${word} 00`));
  });

  it('answers 404 in French for an organisation, a person or an import that does not exist, and writes nothing', async () => {
    const browser = await signedIn(staff);
    await browser.get('/gestion/organisations');
    const missing = '00000000-0000-4000-8000-000000000000';
    const rows = async () =>
      (
        await queryRows<{ n: string }>(
          db,
          sql`select (select count(*) from audit_log) || '/' || (select count(*) from people) || '/' ||
            (select count(*) from memberships) as n`,
        )
      )[0]!.n;
    const before = await rows();
    const answers = [
      await browser.get(`/gestion/organisations/${missing}`),
      await browser.post(`/gestion/organisations/${missing}/adhesions`, { year: '2026', status: 'active' }),
      await browser.post(`/gestion/organisations/${missing}/adhesions`, { year: '2026', fee: 'beaucoup' }),
      await browser.post(`/gestion/organisations/${missing}/personnes`, {
        firstName: 'Nul',
        lastName: 'Part',
        email: `nul.${randomBytes(3).toString('hex')}@example.org`,
        kind: 'officer',
      }),
      await browser.get(`/gestion/personnes/${missing}`),
      await browser.post(`/gestion/personnes/${missing}/referent`, { referent: 'true' }),
      await browser.get(`/gestion/import/${missing}`),
      await browser.post(`/gestion/import/${missing}/confirmer`, {}),
      await browser.get('/gestion/organisations/pas-un-identifiant'),
    ];
    assert.deepEqual(
      answers.map((a) => a.statusCode),
      answers.map(() => 404),
    );
    for (const answer of answers.slice(0, 4))
      assert.match(answer.body, /Cette organisation n’existe pas ou plus/);
    for (const answer of answers.slice(4, 6))
      assert.match(answer.body, /Cette personne n’existe pas ou plus/);
    for (const answer of answers.slice(6, 8)) assert.match(answer.body, /Cet import n’existe pas ou plus/);
    assert.equal(await rows(), before);
  });

  it('ignores a notice that is not one of ours: a crafted link cannot put words on the page', async () => {
    const response = await app.inject({ method: 'GET', url: '/?info=Votre%20compte%20est%20suspendu' });
    assert.doesNotMatch(response.body, /suspendu/);
  });
});
