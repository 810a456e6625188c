import { openDatabase } from './src/platform/db/client.ts';
import { seedDemo } from './src/demo/seed.ts';
import { searchPartnerships, searchFilters } from './src/modules/atlas/search.ts';
import { sql } from 'drizzle-orm';
const t0 = performance.now();
const database = await openDatabase({ dataDir: 'memory', ...(process.env.DATABASE_URL ? { url: process.env.DATABASE_URL } : {}) } as never);
await database.migrate();
const t1 = performance.now();
await seedDemo(database.db);
const t2 = performance.now();
console.log('migrate', Math.round(t1 - t0), 'seed', Math.round(t2 - t1));
console.log((await database.db.execute(sql`select count(*) from partnerships`)));
for (const q of ['sénégal', 'Senegal', 'SÉNÉGAL', 'coopérations', 'Shizuoca', 'eau']) {
  const r = await searchPartnerships(database.db, searchFilters.parse({ q }));
  console.log(q, r.total, JSON.stringify(r.facets.country).slice(0, 120));
}
const r = await searchPartnerships(database.db, searchFilters.parse({ q: 'eau', country: 'SN' }));
console.log('eau SN', r.total, r.facets.theme);
await database.close();
