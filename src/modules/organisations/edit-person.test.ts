import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { sql } from 'drizzle-orm';
import {
  bearer,
  buildElected,
  buildLocalGovernment,
  buildOfficer,
  buildPerson,
  buildStaff,
  sessionCookie,
} from '../../../tests/factories.ts';
import { Browser, engine, testApp } from '../../../tests/helpers.ts';
import { queryRows } from '../../platform/db/client.ts';
import { updatePerson } from './edit-person.ts';
import { getPerson } from './people.ts';

describe('correcting a person: names, civility, address, kind (PATCH /api/v1/people/:id and the forms)', async () => {
  const { app, db } = await testApp({ after });
  const staff = await buildStaff(db);
  const staffAuth = await bearer(db, staff);
  const patch = (id: string, payload: object, headers = staffAuth) =>
    app.inject({ method: 'PATCH', url: `/api/v1/people/${id}`, payload, headers });
  const browserOf = async (person: { id: string } & Parameters<typeof sessionCookie>[1]) => {
    const b = new Browser(app);
    b.jar.store({
      cookies: [{ name: 'coopdec_session', value: (await sessionCookie(db, person)).split('=')[1]! }],
    });
    return b;
  };
  const mailsTo = async (to: string) =>
    queryRows<{ subject: string; text: string }>(db, sql`select subject, text from mails where "to" = ${to}`);

  it('lets staff change an address, tells the old address, and answers 409 email_taken for one in use', async () => {
    const organisation = await buildLocalGovernment(db);
    const person = await buildOfficer(db, organisation.id);
    const other = await buildOfficer(db, organisation.id);
    const changed = await patch(person.id, { email: 'nouvelle.adresse@angers.example.org' });
    assert.equal(changed.statusCode, 200);
    assert.equal(changed.json().email, 'nouvelle.adresse@angers.example.org');
    const told = await mailsTo(person.email);
    assert.equal(told.length, 1);
    assert.match(told[0]!.text, /nouvelle\.adresse@angers\.example\.org/);
    assert.match(told[0]!.text, /Vous recevez ce message car cette adresse était celle de votre compte/);
    // Someone else's address, in another case: refused, in French, and nothing changes.
    const taken = await patch(person.id, { email: other.email.toUpperCase() });
    assert.equal(taken.statusCode, 409);
    assert.equal(taken.json().error.code, 'email_taken');
    assert.match(taken.json().error.message, /déjà celle d’une autre personne/);
    assert.equal((await getPerson(db, person.id))!.email, 'nouvelle.adresse@angers.example.org');
  });

  it('gives one address to one of two changes made at once, the other 409', async () => {
    const a = await buildPerson(db);
    const b = await buildPerson(db);
    const results = await Promise.all(
      [a, b].map((p) =>
        db.transaction((tx) => updatePerson(tx, p.id, { email: 'la.meme@example.org' }, staff.id)),
      ),
    );
    assert.deepEqual(results.map((r) => (r.ok ? 'ok' : r.error.code)).sort(), ['email_taken', 'ok']);
    const [count] = await queryRows<{ n: number }>(
      db,
      sql`select count(*)::int as n from people where lower(email) = 'la.meme@example.org'`,
    );
    assert.equal(count!.n, 1);
  });

  it('answers 409 when the address was taken by a change not yet committed (the unique index, in a savepoint)', {
    skip: engine === 'pglite' && 'PGlite runs one transaction at a time',
  }, async () => {
    const a = await buildPerson(db);
    const b = await buildPerson(db);
    let release!: () => void;
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    let first!: () => void;
    const changed = new Promise<void>((resolve) => {
      first = resolve;
    });
    // A takes the address and waits before committing; B checks (sees nothing yet), then waits on the index.
    const transactionA = db.transaction(async (tx) => {
      const result = await updatePerson(tx, a.id, { email: 'pas.encore@example.org' }, staff.id);
      first();
      await held;
      return result;
    });
    await changed;
    const transactionB = db.transaction((tx) =>
      updatePerson(tx, b.id, { email: 'pas.encore@example.org' }, staff.id),
    );
    await new Promise((resolve) => setTimeout(resolve, 200));
    release();
    const [resultA, resultB] = await Promise.all([transactionA, transactionB]);
    assert.equal(resultA.ok, true);
    assert.equal(resultB.ok ? 'ok' : resultB.error.code, 'email_taken');
    assert.equal((await getPerson(db, b.id))!.email, b.email);
  });

  it('lets a person correct their names and civility, but not their address or kind (403, nothing changed)', async () => {
    const organisation = await buildLocalGovernment(db);
    const elected = await buildElected(db, organisation.id);
    const auth = await bearer(db, elected);
    const ok = await patch(elected.id, { lastName: 'Garnier-Lemoine', civility: 'madame' }, auth);
    assert.equal(ok.statusCode, 200);
    assert.equal(ok.json().civility, 'madame');
    const person = await getPerson(db, elected.id);
    assert.equal(person!.lastName, 'Garnier-Lemoine');
    assert.equal(person!.civility, 'madame');
    for (const payload of [{ email: 'autre@example.org' }, { kind: 'staff' }]) {
      const refused = await patch(elected.id, payload, auth);
      assert.equal(refused.statusCode, 403, JSON.stringify(payload));
      assert.match(refused.json().error.message, /Seule l’équipe du réseau change l’adresse/);
    }
    assert.equal((await getPerson(db, elected.id))!.kind, 'elected');
    // A civility can be unsaid again.
    assert.equal((await patch(elected.id, { civility: null }, auth)).json().civility, null);
  });

  it('lets a referent correct a colleague’s names, not someone of another organisation', async () => {
    const organisation = await buildLocalGovernment(db);
    const referent = await buildOfficer(db, organisation.id, true);
    const colleague = await buildOfficer(db, organisation.id);
    const stranger = await buildOfficer(db, (await buildLocalGovernment(db)).id);
    const auth = await bearer(db, referent);
    assert.equal((await patch(colleague.id, { firstName: 'Anaïs' }, auth)).statusCode, 200);
    assert.equal((await patch(stranger.id, { firstName: 'Anaïs' }, auth)).statusCode, 403);
    assert.equal((await patch(colleague.id, { email: 'referent.vole@example.org' }, auth)).statusCode, 403);
    assert.equal((await getPerson(db, stranger.id))!.firstName, stranger.firstName);
  });

  it('refuses staff changing their own kind (422), an empty name (400), and audits which fields changed', async () => {
    const own = await patch(staff.id, { kind: 'officer' });
    assert.equal(own.statusCode, 422);
    assert.equal(own.json().error.code, 'own_kind');
    const person = await buildPerson(db);
    const empty = await patch(person.id, { firstName: '' });
    assert.equal(empty.statusCode, 400);
    assert.ok(empty.json().error.fields.firstName);
    assert.equal((await patch(person.id, { kind: 'partner', firstName: 'Lou' })).statusCode, 200);
    const [entry] = await queryRows<{ data: { fields: string[]; kind: { from: string; to: string } } }>(
      db,
      sql`select data from audit_log where entity = 'person' and entity_id = ${person.id} and action = 'update'`,
    );
    assert.deepEqual(entry!.data.fields.sort(), ['firstName', 'kind']);
    assert.deepEqual(entry!.data.kind, { from: 'officer', to: 'partner' });
  });

  it('re-shows what staff typed when the person form is refused, and saves it once corrected', async () => {
    const organisation = await buildLocalGovernment(db);
    const person = await buildOfficer(db, organisation.id);
    const other = await buildOfficer(db, organisation.id);
    const b = await browserOf(staff);
    await b.get(`/gestion/personnes/${person.id}`);
    const form = {
      firstName: 'Zoé',
      lastName: 'Nouveau-Nom',
      email: other.email,
      kind: 'elected',
      civility: 'madame',
    };
    const refused = await b.post(`/gestion/personnes/${person.id}/modifier`, form);
    assert.equal(refused.statusCode, 409);
    assert.match(refused.body, /Cette adresse est déjà utilisée/);
    assert.match(refused.body, /value="Nouveau-Nom"/);
    assert.match(refused.body, /<option value="elected" selected/);
    assert.match(refused.body, /id="civility-madame" name="civility" value="madame" checked/);
    assert.equal((await getPerson(db, person.id))!.lastName, person.lastName);
    const saved = await b.post(`/gestion/personnes/${person.id}/modifier`, { ...form, email: person.email });
    assert.equal(saved.statusCode, 303);
    const after = await getPerson(db, person.id);
    assert.deepEqual([after!.lastName, after!.kind, after!.civility], ['Nouveau-Nom', 'elected', 'madame']);
  });

  it('lets a person set their civility in « Mon espace », the address sent along being ignored', async () => {
    const organisation = await buildLocalGovernment(db);
    const person = await buildOfficer(db, organisation.id);
    const b = await browserOf(person);
    await b.get('/mon-espace');
    const refused = await b.post('/mon-espace/profil', {
      firstName: '',
      lastName: 'Roux',
      civility: 'monsieur',
    });
    assert.equal(refused.statusCode, 400);
    assert.match(refused.body, /Ce champ est obligatoire/);
    assert.match(refused.body, /value="Roux"/);
    const saved = await b.post('/mon-espace/profil', {
      firstName: 'Noé',
      lastName: 'Roux',
      civility: 'monsieur',
      email: 'pirate@example.org',
      kind: 'staff',
    });
    assert.equal(saved.statusCode, 303);
    const after = await getPerson(db, person.id);
    assert.deepEqual(
      [after!.firstName, after!.civility, after!.email, after!.kind],
      ['Noé', 'monsieur', person.email, 'officer'],
    );
    assert.match((await b.get('/mon-espace?info=organisations.profile_updated')).body, /Monsieur/);
  });
});
