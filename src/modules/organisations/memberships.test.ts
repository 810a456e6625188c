import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { sql } from 'drizzle-orm';
import { buildLocalGovernment } from '../../../tests/factories.ts';
import { testDatabase } from '../../../tests/helpers.ts';
import { queryRows } from '../../platform/db/client.ts';
import {
  isMemberInGoodStanding,
  listRenewalsDue,
  membersInGoodStanding,
  recordMembership,
} from './memberships.ts';

describe('memberships', async () => {
  const { db } = await testDatabase({ after });

  it('counts as in good standing only an active membership of the current Paris year', async () => {
    const org = await buildLocalGovernment(db, { member: false });
    const newYearsEve = new Date('2026-12-31T23:30:00Z'); // already 00:30 on 1 January 2027 in Paris
    assert.ok(
      (await recordMembership(db, org.id, { year: 2026, status: 'active', feeCents: 1000 }, null)).ok,
    );
    assert.equal(await isMemberInGoodStanding(db, org.id, new Date('2026-06-01T12:00:00Z')), true);
    assert.equal(await isMemberInGoodStanding(db, org.id, newYearsEve), false);
    assert.ok((await recordMembership(db, org.id, { year: 2027, status: 'pending' }, null)).ok);
    assert.equal(await isMemberInGoodStanding(db, org.id, newYearsEve), false);
    const updated = await recordMembership(
      db,
      org.id,
      { year: 2027, status: 'active', feeCents: 1000 },
      null,
    );
    assert.ok(updated.ok && !updated.value.created);
    assert.equal(await isMemberInGoodStanding(db, org.id, newYearsEve), true);
    assert.deepEqual([...(await membersInGoodStanding(db, [org.id], newYearsEve))], [org.id]);
    assert.equal(await isMemberInGoodStanding(db, null), false);
  });

  it('lists last year’s members that have not renewed this year', async () => {
    const renewed = await buildLocalGovernment(db, { member: false });
    const due = await buildLocalGovernment(db, { member: false });
    const lapsedLastYear = await buildLocalGovernment(db, { member: false });
    await recordMembership(db, renewed.id, { year: 2025, status: 'active' }, null);
    await recordMembership(db, renewed.id, { year: 2026, status: 'pending' }, null);
    await recordMembership(db, due.id, { year: 2025, status: 'active' }, null);
    await recordMembership(db, lapsedLastYear.id, { year: 2025, status: 'lapsed' }, null);
    const ids = (await listRenewalsDue(db, 2026)).map((r) => r.organisation.id);
    assert.ok(ids.includes(due.id));
    assert.ok(!ids.includes(renewed.id));
    assert.ok(!ids.includes(lapsedLastYear.id));
  });

  it('refuses a negative fee or an unknown status with French field messages', async () => {
    const org = await buildLocalGovernment(db, { member: false });
    const result = await recordMembership(db, org.id, { year: 2026, status: 'payée', feeCents: -5 }, null);
    assert.ok(!result.ok);
    assert.match(result.error.fields!.feeCents!, /négatif/);
    assert.match(result.error.fields!.status!, /pending, active ou lapsed/);
  });

  it('refuses a membership of an organisation that does not exist with 404, writing nothing', async () => {
    const count = async () =>
      (await queryRows<{ n: number }>(db, sql`select count(*)::int as n from memberships`))[0]!.n;
    const before = await count();
    const result = await recordMembership(
      db,
      '00000000-0000-4000-8000-000000000000',
      { year: 2026, status: 'active' },
      null,
    );
    assert.ok(!result.ok);
    assert.equal(result.error.status, 404);
    assert.equal(result.error.code, 'not_found');
    assert.equal(result.error.message, 'Organisation introuvable.');
    assert.equal(await count(), before);
  });
});
