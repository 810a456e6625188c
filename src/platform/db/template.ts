// A new embedded database starts as a copy of a prepared one (decision 017): PGlite's initdb and the
// migrations cost seconds of CPU on every new database (the newcomer's first start, every test file), loading
// a copy a fraction of a second. The copy is named by all that makes it — PGlite's version and the migrations
// — so a new version or a new migration gives a new copy, never a stale one. A first start with the demo data
// may start from a copy that holds them too (src/demo/copy.ts, decision 023), named the same way.
import { createHash, type Hash } from 'node:crypto';
import {
  mkdirSync,
  openAsBlob,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { PGlite } from '@electric-sql/pglite';

const sharedFolder = fileURLToPath(new URL('../../../node_modules/.cache/coopdec', import.meta.url));

// The test of this file damages and removes copies: it keeps them in a folder of its own
// (COOPDEC_TEMPLATE_FOLDER), away from the test files that run beside it and load the shared one.
function cacheFolder() {
  return process.env.COOPDEC_TEMPLATE_FOLDER ?? sharedFolder;
}

export interface Template {
  path: string;
  /** The prepared database as a tar archive (PGlite's `dumpDataDir`), if it has been made. */
  archive: Blob | undefined;
  /** What the copy's name starts with. */
  kind: string;
  /** How many copies of its kind are kept, the latest made. */
  keep: number;
  /** The hash that names it, of all that made it. */
  key: string;
}

/**
 * The copy of `kind` named by `hash` (fed with all that makes the copy), made or not yet; `keep` copies of the
 * kind are kept, the latest made.
 */
export async function findCopy(kind: string, hash: Hash, keep = 1): Promise<Template> {
  const key = hash.digest('hex').slice(0, 16);
  const path = join(cacheFolder(), `${kind}-${key}.tar`);
  let archive: Blob | undefined;
  try {
    archive = await openAsBlob(path);
  } catch {
    // not made yet
  }
  return { path, archive, kind, key, keep };
}

/** The prepared copy for this PGlite and these migrations, made or not yet. */
export function findTemplate(migrationsFolder: string): Promise<Template> {
  const hash = createHash('sha256');
  const pglite = new URL('../package.json', import.meta.resolve('@electric-sql/pglite'));
  hash.update(JSON.parse(readFileSync(pglite, 'utf8')).version);
  // The journal lists the migrations; their SQL is what they do (drizzle's snapshots only serve `generate`).
  const files = readdirSync(migrationsFolder).filter((f) => f.endsWith('.sql'));
  for (const file of [...files.sort(), 'meta/_journal.json']) {
    hash.update(file).update(readFileSync(join(migrationsFolder, file)));
  }
  return findCopy('pglite', hash);
}

/**
 * Keeps `client` (just migrated, or with its demo data) as the copy for the next new databases, and the latest
 * copies of its kind up to its `keep`. Best effort: a read-only node_modules costs the next database its initdb (or its
 * demo data), nothing else.
 */
export async function saveTemplate(client: PGlite, template: Template) {
  try {
    // Written pages in the files rather than in the WAL: the copy starts without recovery.
    await client.exec('checkpoint');
    const archive = Buffer.from(await (await client.dumpDataDir('none')).arrayBuffer());
    const folder = cacheFolder();
    mkdirSync(folder, { recursive: true });
    // Another process (a parallel test file) may write the same copy: each writes its own file, then
    // renames it, so a reader sees a whole archive or none.
    const partial = `${template.path}.${process.pid}.partial`;
    writeFileSync(partial, archive);
    renameSync(partial, template.path);
    const older = readdirSync(folder)
      .filter((file) => file.startsWith(`${template.kind}-`) && file.endsWith('.tar'))
      .map((file) => join(folder, file))
      .filter((path) => path !== template.path)
      .map((path) => ({ path, made: statSync(path, { throwIfNoEntry: false })?.mtimeMs ?? 0 }))
      .sort((a, b) => b.made - a.made);
    for (const { path } of older.slice(template.keep - 1)) rmSync(path, { force: true });
  } catch {
    // see above
  }
}

/** Forgets a copy that PGlite could not load (damaged on disk). */
export function forgetTemplate(template: Template) {
  rmSync(template.path, { force: true });
}
