// The platform's own retention, run by a recurring job: what its tables keep no longer than needed
// (the register says so: src/platform/db/platform.privacy.ts). Each module purges its own tables.
import { sql } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { purgeRateLimits } from '../http/rate-limit.ts';
import type { JobHandler, Schedule } from './queue.ts';

export const housekeepingJob = 'platform.housekeeping';

export const housekeepingSchedule: Schedule = { kind: housekeepingJob, everyMinutes: 60 };

/**
 * Mail contents 30 days after sending (the address, subject and date stay a year, as the register of codes
 * that verify them), old jobs, old windows, the
 * details of the audit trail after five years (who did what, and when, stay).
 */
export async function keepHouse(db: Db, at = new Date()) {
  const month = new Date(at.getTime() - 30 * 86_400_000).toISOString();
  const year = new Date(at.getTime() - 365 * 86_400_000).toISOString();
  const fiveYears = new Date(at.getTime() - 5 * 365 * 86_400_000).toISOString();
  await db.execute(sql`
    update mails set html = '', text = '', calendar = null
    where sent_at < ${month}::timestamptz and (html <> '' or text <> '' or calendar is not null)`);
  await db.execute(sql`delete from mails where sent_at < ${year}::timestamptz`);
  await db.execute(sql`delete from mail_register where sent_at < ${year}::timestamptz`);
  await db.execute(sql`delete from jobs where done_at < ${month}::timestamptz`);
  await db.execute(
    sql`update audit_log set data = null where at < ${fiveYears}::timestamptz and data is not null`,
  );
  await purgeRateLimits(db);
}

export const housekeepingHandler =
  (db: Db): JobHandler =>
  () =>
    keepHouse(db);
