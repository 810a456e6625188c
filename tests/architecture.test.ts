// The house's walls, checked on the source: the platform knows no module, modules do not depend on each
// other in a circle, and a module reads another module's tables only through that module's functions
// (its schema file may name them for a foreign key, nothing else may).
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { modules } from '../src/modules/index.ts';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const src = join(root, 'src');

/** Every TypeScript file under a folder, as paths relative to src/. */
function sources(folder: string): string[] {
  return readdirSync(folder, { withFileTypes: true }).flatMap((entry) => {
    const path = join(folder, entry.name);
    if (entry.isDirectory()) return sources(path);
    return /\.tsx?$/.test(entry.name) ? [relative(src, path)] : [];
  });
}

/** The files of src/ a file imports (static, re-exports, dynamic; type-only ones included). */
export function importsOf(file: string, text: string): string[] {
  const found: string[] = [];
  const pattern = /(?:\bfrom\s*|\bimport\s*\(?\s*)['"](\.{1,2}\/[^'"]+)['"]/g;
  for (const match of text.matchAll(pattern)) {
    found.push(relative(src, resolve(join(src, dirname(file)), match[1]!)));
  }
  return found;
}

const moduleOf = (file: string) => /^modules\/([^/]+)\//.exec(file)?.[1];
const isSchema = (file: string) => /\.schema\.ts$/.test(file);

/**
 * Foreign keys between modules: a schema file may import another module's schema to reference its tables.
 * Nothing else may import another module's schema file.
 */
const foreignKeys = new Set([
  'modules/conferences/conferences.schema.ts → modules/events/events.schema.ts',
  'modules/conferences/conferences.schema.ts → modules/groups/groups.schema.ts',
  'modules/conferences/conferences.schema.ts → modules/organisations/organisations.schema.ts',
  'modules/content/content.schema.ts → modules/organisations/organisations.schema.ts',
  'modules/accounts/accounts.schema.ts → modules/organisations/organisations.schema.ts',
  'modules/applications/applications.schema.ts → modules/organisations/organisations.schema.ts',
  'modules/events/events.schema.ts → modules/organisations/organisations.schema.ts',
  'modules/atlas/atlas.schema.ts → modules/organisations/organisations.schema.ts',
  'modules/atlas/import.schema.ts → modules/organisations/organisations.schema.ts',
  'modules/calls/calls.schema.ts → modules/applications/applications.schema.ts',
  'modules/calls/calls.schema.ts → modules/events/events.schema.ts',
  'modules/calls/calls.schema.ts → modules/organisations/organisations.schema.ts',
  'modules/funds/funds.schema.ts → modules/events/events.schema.ts',
  'modules/funds/funds.schema.ts → modules/organisations/organisations.schema.ts',
  'modules/groups/groups.schema.ts → modules/events/events.schema.ts',
  'modules/newsletter/newsletter.schema.ts → modules/organisations/organisations.schema.ts',
  'modules/groups/groups.schema.ts → modules/organisations/organisations.schema.ts',
  'modules/program/program.schema.ts → modules/events/events.schema.ts',
  'modules/program/program.schema.ts → modules/organisations/organisations.schema.ts',
]);

function graph() {
  const files = sources(src);
  const edges: [from: string, to: string][] = [];
  for (const file of files) {
    for (const target of importsOf(file, readFileSync(join(src, file), 'utf8'))) edges.push([file, target]);
  }
  return { files, edges };
}

/** The cycles of a graph given as a map of node → nodes it depends on (each cycle once, from its least node). */
export function cyclesOf(dependsOn: Map<string, Set<string>>): string[][] {
  const cycles: string[][] = [];
  const walk = (start: string, node: string, path: string[]) => {
    for (const next of dependsOn.get(node) ?? []) {
      if (next === start) cycles.push([...path, start]);
      else if (next > start && !path.includes(next)) walk(start, next, [...path, next]);
    }
  };
  for (const start of [...dependsOn.keys()].sort()) walk(start, start, [start]);
  return cycles;
}

describe('the boundaries of the code', () => {
  const { files, edges } = graph();

  it('finds the imports it checks (the walk reads the tree)', () => {
    assert.ok(files.length > 100, `${files.length} files`);
    assert.ok(edges.some(([from, to]) => from === 'server.ts' && to === 'modules/index.ts'));
    assert.deepEqual(
      importsOf('modules/a/x.ts', "import type { T } from '../b/y.ts';\nexport * from './z.ts';"),
      ['modules/b/y.ts', 'modules/a/z.ts'],
    );
  });

  it('keeps the platform free of modules: src/platform imports nothing outside itself', () => {
    // Its tests may build the whole app through the test support (tests/helpers.ts), as every test does.
    const isTestSupport = (from: string, to: string) =>
      /\.test\.tsx?$/.test(from) && to.startsWith('../tests/');
    const leaks = edges.filter(
      ([from, to]) => from.startsWith('platform/') && !to.startsWith('platform/') && !isTestSupport(from, to),
    );
    assert.deepEqual(leaks, []);
  });

  it('has no cycle between modules', () => {
    const dependsOn = new Map<string, Set<string>>();
    for (const [from, to] of edges) {
      const a = moduleOf(from);
      const b = moduleOf(to);
      if (!a || !b || a === b) continue;
      dependsOn.set(a, (dependsOn.get(a) ?? new Set()).add(b));
    }
    assert.deepEqual(cyclesOf(dependsOn), []);
    // The check can fail: a made-up cycle is found.
    assert.deepEqual(
      cyclesOf(
        new Map([
          ['a', new Set(['b'])],
          ['b', new Set(['a'])],
        ]),
      ),
      [['a', 'b', 'a']],
    );
  });

  it('reads another module’s tables only through its functions (schemas may name them for foreign keys)', () => {
    const crossings = edges
      .filter(([from, to]) => {
        const a = moduleOf(from);
        const b = moduleOf(to);
        return a && b && a !== b && isSchema(to);
      })
      .map(([from, to]) => `${from} → ${to}`)
      .filter((edge) => !foreignKeys.has(edge));
    assert.deepEqual(crossings, []);
  });

  it('lists every module folder once in src/modules/index.ts', () => {
    const folders = readdirSync(join(src, 'modules'), { withFileTypes: true })
      .filter((entry) => entry.isDirectory())
      .map((entry) => entry.name)
      .sort();
    assert.deepEqual(modules.map((m) => m.name).sort(), folders);
  });
});
