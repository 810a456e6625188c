import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { buildElected, buildLocalGovernment } from '../../../tests/factories.ts';
import { testDatabase } from '../../../tests/helpers.ts';
import { endMandate, getPerson, listAffiliations, listMandates, movePerson, startMandate } from './people.ts';

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
});
