// What accounts keep, and for how long (the register: src/modules/accounts/accounts.privacy.ts), with a
// controlled clock; the job that applies it is scheduled at start.
import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { sql } from 'drizzle-orm';
import { buildStaff } from '../../../tests/factories.ts';
import { testApp } from '../../../tests/helpers.ts';
import { queryRows } from '../../platform/db/client.ts';
import { purgeAccounts, purgeJob } from './sessions.ts';

describe('the retention of accounts', async () => {
  const { db, jobs } = await testApp({ after });
  const person = await buildStaff(db);
  const at = new Date('2027-01-15T12:00:00Z');
  const minutes = (n: number) => new Date(at.getTime() - n * 60_000).toISOString();

  it('forgets sessions past their limits and sign-in links a day after they expired, nothing sooner', async () => {
    await db.execute(sql`
      insert into sessions (id_hash, person_id, created_at, last_seen_at, expires_at) values
        ('vivante', ${person.id}, ${minutes(30)}, ${minutes(5)}, ${minutes(-600)}),
        ('inactive', ${person.id}, ${minutes(300)}, ${minutes(121)}, ${minutes(-400)}),
        ('expiree', ${person.id}, ${minutes(800)}, ${minutes(1)}, ${minutes(1)})`);
    await db.execute(sql`
      insert into sign_in_tokens (token_hash, person_id, created_at, expires_at) values
        ('recent', ${person.id}, ${minutes(20)}, ${minutes(10)}),
        ('ancien', ${person.id}, ${minutes(1460)}, ${minutes(1450)})`);
    await purgeAccounts(db, { idleMinutes: 120, absoluteHours: 12 }, at);
    const left = await queryRows<{ id: string }>(
      db,
      sql`select id_hash as id from sessions union all select token_hash from sign_in_tokens order by id`,
    );
    assert.deepEqual(
      left.map((r) => r.id),
      ['recent', 'vivante'],
    );
  });

  it('is a recurring job, waiting from the start', async () => {
    await jobs.ensureSchedules();
    const [waiting] = await queryRows<{ n: number }>(
      db,
      sql`select count(*)::int as n from jobs where scheduled = ${purgeJob} and done_at is null`,
    );
    assert.equal(waiting?.n, 1);
  });
});
