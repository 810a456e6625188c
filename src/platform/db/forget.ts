// What the platform's own tables keep of a person who asks to be forgotten (RGPD, art. 17): the mails to
// their address are deleted; the audit trail keeps its rows (who did what is the network's accountability)
// without naming them — their id is cut from the rows they made and their data is emptied where it was
// about them.
import { sql } from 'drizzle-orm';
import type { Executor } from './client.ts';

export async function forgetInPlatform(executor: Executor, person: { id: string; email: string }) {
  await executor.execute(sql`delete from mails where lower("to") = lower(${person.email})`);
  await executor.execute(sql`update audit_log set actor_id = null where actor_id = ${person.id}`);
  await executor.execute(
    sql`update audit_log set data = null where entity_id = ${person.id} or data::text ilike ${`%${person.email}%`}`,
  );
}
