import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { sql } from 'drizzle-orm';
import {
  bearer,
  buildInstitution,
  buildLocalGovernment,
  buildOfficer,
  buildStaff,
  sessionCookie,
} from '../../../tests/factories.ts';
import { Browser, testApp } from '../../../tests/helpers.ts';
import { queryRows } from '../../platform/db/client.ts';
import { pickableOrganisations } from './directory.ts';
import { getOrganisation, listOrganisations } from './organisations.ts';

describe('the lifecycle of an organisation: correct, archive, restore', async () => {
  const { app, db } = await testApp({ after });
  const staff = await buildStaff(db);
  const auth = await bearer(db, staff);
  const patch = (id: string, payload: object) =>
    app.inject({ method: 'PATCH', url: `/api/v1/organisations/${id}`, payload, headers: auth });
  const audits = async (id: string) =>
    (
      await queryRows<{ action: string }>(
        db,
        sql`select action from audit_log where entity = 'organisation' and entity_id = ${id} order by id`,
      )
    ).map((r) => r.action);
  const browser = async () => {
    const b = new Browser(app);
    b.jar.store({
      cookies: [{ name: 'coopdec_session', value: (await sessionCookie(db, staff)).split('=')[1]! }],
    });
    return b;
  };

  it('corrects an institution’s name, country and SIREN, and audits the change with both values', async () => {
    const institution = await buildInstitution(db, 'Agence francaise de developpement');
    const response = await patch(institution.id, {
      name: 'Agence française de développement (AFD)',
      siren: '775665599',
    });
    assert.equal(response.statusCode, 200);
    assert.equal(response.json().name, 'Agence française de développement (AFD)');
    assert.equal(response.json().siren, '775665599');
    assert.equal(
      (await getOrganisation(db, institution.id))!.name,
      'Agence française de développement (AFD)',
    );
    const [entry] = await queryRows<{ data: { name: { from: string; to: string } } }>(
      db,
      sql`select data from audit_log where entity = 'organisation' and entity_id = ${institution.id} and action = 'update'`,
    );
    assert.deepEqual(entry!.data.name, {
      from: 'Agence francaise de developpement',
      to: 'Agence française de développement (AFD)',
    });
  });

  it('refuses to rename a French local government (the reference names it) with 422, and writes nothing', async () => {
    const commune = await buildLocalGovernment(db);
    const response = await patch(commune.id, { name: 'Ville rebaptisée' });
    assert.equal(response.statusCode, 422);
    assert.equal(response.json().error.code, 'from_reference');
    assert.match(response.json().error.message, /référentiel officiel/);
    assert.equal((await getOrganisation(db, commune.id))!.name, commune.name);
    // The same name sent again is no change.
    assert.equal((await patch(commune.id, { name: commune.name })).statusCode, 200);
    assert.deepEqual(await audits(commune.id), ['create']);
  });

  it('refuses a SIREN another organisation holds (409) and a French country for a foreign local government', async () => {
    const first = await buildInstitution(db);
    const second = await buildInstitution(db);
    assert.equal((await patch(first.id, { siren: '123456789' })).statusCode, 200);
    const taken = await patch(second.id, { siren: '123456789' });
    assert.equal(taken.statusCode, 409);
    assert.match(taken.json().error.message, new RegExp(first.name));
    const foreign = await app.inject({
      method: 'POST',
      url: '/api/v1/organisations',
      headers: auth,
      payload: { name: 'Ville de Hué', kind: 'foreign_local_government', country: 'VN' },
    });
    const french = await patch(foreign.json().id, { country: 'fr' });
    assert.equal(french.statusCode, 400);
    assert.ok(french.json().error.fields.country);
    assert.equal((await getOrganisation(db, foreign.json().id))!.country, 'VN');
  });

  it('archives an organisation: out of the list, the pickers and the API list, its people kept; restores it', async () => {
    const commune = await buildLocalGovernment(db, { name: 'Bourg' });
    const officer = await buildOfficer(db, commune.id);
    const archived = await patch(commune.id, { archived: true });
    assert.equal(archived.statusCode, 200);
    assert.ok(archived.json().archivedAt);
    const inList = async (filters = {}) =>
      (await listOrganisations(db, { q: commune.name, ...filters })).items.some((o) => o.id === commune.id);
    assert.equal(await inList(), false);
    assert.equal(await inList({ archived: 'true' }), true, 'asked for, the archived ones are listed');
    assert.equal(
      (await pickableOrganisations(db, commune.name, 50)).items.some((o) => o.id === commune.id),
      false,
    );
    const api = await app.inject({
      url: `/api/v1/organisations?q=${encodeURIComponent(commune.name)}`,
      headers: auth,
    });
    assert.equal(
      api.json().items.some((o: { id: string }) => o.id === commune.id),
      false,
    );
    const exported = async (query: string) =>
      (
        await app.inject({
          url: `/gestion/export/organisations.csv${query}`,
          headers: { cookie: await sessionCookie(db, staff) },
        })
      ).body;
    assert.doesNotMatch(await exported(''), new RegExp(`;${commune.inseeCode};`));
    assert.match(await exported('?archived=true'), new RegExp(`;${commune.inseeCode};`));
    // Its history stays: the person still belongs to it, and its page says it is archived.
    const [person] = await queryRows<{ organisation_id: string }>(
      db,
      sql`select organisation_id from people where id = ${officer.id}`,
    );
    assert.equal(person!.organisation_id, commune.id);
    const b = await browser();
    const page = await b.get(`/gestion/organisations/${commune.id}`);
    assert.match(page.body, /Archivée le/);
    assert.match(page.body, /Restaurer l’organisation/);
    // Archiving twice is said, not done twice.
    assert.equal((await patch(commune.id, { archived: true })).statusCode, 409);
    const restored = await b.post(`/gestion/organisations/${commune.id}/archive`, { archived: 'false' });
    assert.equal(restored.statusCode, 303);
    assert.equal(await inList(), true);
    assert.deepEqual(await audits(commune.id), ['create', 'archive', 'restore']);
  });

  it('offers no archived organisation to move a person to, refuses the move, and adds nobody to it', async () => {
    const from = await buildLocalGovernment(db);
    const archived = await buildInstitution(db);
    assert.equal((await patch(archived.id, { archived: true })).statusCode, 200);
    const officer = await buildOfficer(db, from.id);
    const b = await browser();
    const page = await b.get(
      `/gestion/personnes/${officer.id}?organisation=${encodeURIComponent(archived.name)}`,
    );
    assert.doesNotMatch(page.body, /Rattacher à/);
    const moved = await b.post(`/gestion/personnes/${officer.id}/deplacer`, { organisationId: archived.id });
    assert.equal(moved.statusCode, 422);
    assert.match(moved.body, /Cette organisation est archivée/);
    const added = await app.inject({
      method: 'POST',
      url: '/api/v1/people',
      headers: auth,
      payload: {
        firstName: 'Léon',
        lastName: 'Archive',
        email: 'leon.archive@example.org',
        kind: 'officer',
        organisationId: archived.id,
      },
    });
    assert.equal(added.statusCode, 422);
    assert.equal(added.json().error.code, 'organisation_archived');
    const [row] = await queryRows<{ organisation_id: string }>(
      db,
      sql`select organisation_id from people where id = ${officer.id}`,
    );
    assert.equal(row!.organisation_id, from.id);
  });

  it('re-shows what was typed when the correction form is refused, and shows no form for a commune', async () => {
    const institution = await buildInstitution(db);
    const b = await browser();
    await b.get(`/gestion/organisations/${institution.id}`);
    const refused = await b.post(`/gestion/organisations/${institution.id}/modifier`, {
      name: 'Institut corrigé',
      country: 'FR',
      siren: '12',
    });
    assert.equal(refused.statusCode, 400);
    assert.match(refused.body, /Le SIREN compte 9 chiffres/);
    assert.match(refused.body, /value="Institut corrigé"/);
    assert.match(refused.body, /value="12"/);
    assert.equal((await getOrganisation(db, institution.id))!.name, institution.name);
    const saved = await b.post(`/gestion/organisations/${institution.id}/modifier`, {
      name: 'Institut corrigé',
      country: 'FR',
      siren: '',
    });
    assert.equal(saved.statusCode, 303);
    assert.equal((await getOrganisation(db, institution.id))!.name, 'Institut corrigé');
    const commune = await buildLocalGovernment(db);
    const page = await b.get(`/gestion/organisations/${commune.id}`);
    assert.doesNotMatch(page.body, /action="[^"]*\/modifier"/);
    assert.match(page.body, /viennent du référentiel/);
  });
});
