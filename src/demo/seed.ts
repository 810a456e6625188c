// Demo data: each module's seed (`Module.seed`), in the order of the modules' list, in one transaction.
import { sql } from 'drizzle-orm';
import { bootModules, modules } from '../modules/index.ts';
import type { DemoData } from '../modules/module.ts';
import { type Db, queryRows } from '../platform/db/client.ts';

/** Loads the demo data unless the database already has organisations. Returns whether it did. */
/** `baseUrl` goes into the links of the demo's mails. */
export async function seedDemo(db: Db, at = new Date(), baseUrl = 'http://localhost:3000'): Promise<boolean> {
  bootModules();
  return db.transaction(async (tx) => {
    const [existing] = await queryRows<{ n: number }>(tx, sql`select count(*)::int as n from organisations`);
    if ((existing?.n ?? 0) > 0) return false;
    const demo: DemoData = { at, baseUrl, organisations: new Map(), people: new Map(), staff: [] };
    for (const module of modules) await module.seed?.(tx, demo);
    return true;
  });
}
