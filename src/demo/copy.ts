// The newcomer's first start loads the demo data from a copy that `npm install` made the same day, rather than
// writing them through every module's use cases (seconds of CPU that grow with each module): decision 023.
//
// The copy is named by all that makes its content: the prepared empty database (PGlite's version and the
// migrations), the day (the demo follows the real clock: events « in two weeks », this year's memberships), the
// address in its mails' links, the libraries and every source file (each seed calls its module's code). Any
// change makes another name, so a copy is never stale: the first start then writes the demo data as before
// and leaves its copy for the next new folder of the day.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Database } from '../platform/db/client.ts';
import { findCopy, findTemplate, type Template } from '../platform/db/template.ts';
import { parisDate } from '../platform/time.ts';
import { seedDemo } from './seed.ts';

const root = fileURLToPath(new URL('../../', import.meta.url));

/** The copy of the demo data for a first start at `at` whose links go to `baseUrl`, made or not yet. */
export async function findDemoCopy(at: Date, baseUrl: string): Promise<Template> {
  const hash = createHash('sha256');
  hash.update((await findTemplate(join(root, 'drizzle'))).key);
  hash.update(parisDate(at)).update(baseUrl);
  hash.update(readFileSync(join(root, 'package-lock.json')));
  const sources = readdirSync(join(root, 'src'), { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && !/\.test\.tsx?$/.test(entry.name))
    .map((entry) => join(entry.parentPath, entry.name))
    .sort();
  for (const path of sources) hash.update(path.slice(root.length)).update(readFileSync(path));
  // A first start with another address (another port) must not remove the newcomer's copy: three are kept.
  return findCopy('demo', hash, 3);
}

/**
 * Writes the demo data through the seeds (an empty database only, see seedDemo) and keeps the database as
 * `copy` for the next first starts. Returns whether it wrote them.
 */
export async function seedDemoCopy(
  database: Database,
  copy: Template | undefined,
  at: Date,
  baseUrl: string,
) {
  const seeded = await seedDemo(database.db, at, baseUrl);
  if (seeded && copy) await database.keepAs(copy);
  return seeded;
}
