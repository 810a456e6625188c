import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { buildElected, buildLocalGovernment, buildOfficer } from '../../../tests/factories.ts';
import { testDatabase } from '../../../tests/helpers.ts';
import { createOrganisation } from './organisations.ts';
import {
  createPerson,
  endMandate,
  getPerson,
  listAffiliations,
  listMandates,
  movePerson,
  startMandate,
} from './people.ts';

describe('people and their mandates after the 2026 elections', async () => {
  const { db } = await testDatabase({ after });

  it('ends a mandate and starts a new one, keeping both in the history', async () => {
    const org = await buildLocalGovernment(db);
    const elected = await buildElected(db, org.id, 'conseillère municipale');
    const [first] = await listMandates(db, elected.id);
    const ended = await endMandate(db, first!.mandate.id, { endsOn: '2026-06-30' }, null);
    assert.ok(ended.ok);
    const started = await startMandate(
      db,
      elected.id,
      { title: 'adjointe au maire déléguée aux relations internationales', startsOn: '2026-07-01' },
      null,
    );
    assert.ok(started.ok);
    const mandates = await listMandates(db, elected.id);
    assert.deepEqual(
      mandates.map((m) => [m.mandate.title, m.mandate.endsOn]),
      [
        ['adjointe au maire déléguée aux relations internationales', null],
        ['conseillère municipale', '2026-06-30'],
      ],
    );
  });

  it('refuses to end a mandate twice or before it started', async () => {
    const org = await buildLocalGovernment(db);
    const elected = await buildElected(db, org.id);
    const [m] = await listMandates(db, elected.id);
    const early = await endMandate(db, m!.mandate.id, { endsOn: '2020-01-01' }, null);
    assert.ok(!early.ok);
    assert.match(early.error.message, /précéder/);
    assert.ok((await endMandate(db, m!.mandate.id, { endsOn: '2026-06-30' }, null)).ok);
    const twice = await endMandate(db, m!.mandate.id, { endsOn: '2026-07-30' }, null);
    assert.ok(!twice.ok);
    assert.equal(twice.error.code, 'already_ended');
  });

  it('moves an élu to another local government: open mandates and affiliation end the day before', async () => {
    const from = await buildLocalGovernment(db);
    const to = await buildLocalGovernment(db);
    const elected = await buildElected(db, from.id);
    const moved = await movePerson(db, elected.id, { organisationId: to.id, on: '2026-09-01' }, null);
    assert.ok(moved.ok);
    assert.equal((await getPerson(db, elected.id))!.organisationId, to.id);
    const [mandate] = await listMandates(db, elected.id);
    assert.equal(mandate!.mandate.endsOn, '2026-08-31');
    assert.equal(mandate!.mandate.organisationId, from.id);
    const history = await listAffiliations(db, elected.id);
    assert.deepEqual(
      history.map((h) => [h.affiliation.organisationId, h.affiliation.endsOn]),
      [
        [to.id, null],
        [from.id, '2026-08-31'],
      ],
    );
    const again = await movePerson(db, elected.id, { organisationId: to.id }, null);
    assert.ok(!again.ok);
    assert.equal(again.error.code, 'unchanged');
  });

  it('gives each refusal its code and the key of its French text, with the parameters a translation needs', async () => {
    const org = await buildLocalGovernment(db);
    const officer = await buildOfficer(db, org.id);
    const taken = await createPerson(
      db,
      { firstName: 'Autre', lastName: 'Personne', email: officer.email.toUpperCase(), kind: 'officer' },
      null,
    );
    assert.ok(!taken.ok);
    assert.equal(taken.error.code, 'conflict');
    assert.equal(taken.error.message, 'Une personne utilise déjà cette adresse électronique.');
    assert.deepEqual(taken.error.text, { key: 'organisations.emailTaken', params: {} });
    assert.deepEqual(taken.error.fields, { email: 'Cette adresse est déjà utilisée.' });
    const notElected = await startMandate(db, officer.id, { title: 'maire', startsOn: '2026-03-22' }, null);
    assert.ok(!notElected.ok);
    assert.equal(notElected.error.code, 'not_elected');
    assert.deepEqual(notElected.error.text, { key: 'organisations.onlyElectedHaveMandates', params: {} });
    const twice = await createOrganisation(
      db,
      { name: org.name, kind: 'commune', inseeCode: org.inseeCode },
      null,
    );
    assert.ok(!twice.ok);
    assert.equal(twice.error.code, 'conflict');
    assert.equal(twice.error.message, `Cette organisation existe déjà : ${org.name}.`);
    assert.deepEqual(twice.error.text, {
      key: 'organisations.organisationExists',
      params: { name: org.name },
    });
  });
});
