// How Node runs coopdec's TypeScript: `node --import ./bin/typescript.js src/main.ts` (npm start, the tests, the
// benchmarks, the `coopdec` command). Decision 023.
//
// - `.ts` files: Node's own type stripping (Node 24). Types are replaced by blanks, so line and column numbers
//   stay those of the source and no source map is needed. Only erasable syntax is allowed (tsconfig's
//   `erasableSyntaxOnly`: no enums, no parameter properties).
// - `.tsx` files (the views): JSX needs a real transform, esbuild's, with a source map for stack traces. Its
//   output is kept on disk by the source's hash, so a restart transforms nothing.
// - Imports between our own files all name the file (`./x.ts`): resolved here without Node's lookups of the
//   nearest package.json for every import, and a package (`drizzle-orm`) is resolved once for all our files
//   rather than once per file that imports it: Node's resolution cost a start most of a second (tsx's too).
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { createRequire, enableCompileCache, registerHooks } from 'node:module';
import { fileURLToPath } from 'node:url';

// V8 keeps the code it compiles on disk, and the next start reads it rather than compiling again; for a
// `.ts` file it keeps the code with its types stripped, so that a restart does not load the type stripper
// (0.13 s) — as long as the cache is on before the first `.ts` file, the entry point, is loaded: hence here
// (decision 025). `bin/prepare-database.js` fills it at `npm install`; the tests use it too.
enableCompileCache(fileURLToPath(new URL('../node_modules/.cache/coopdec/v8', import.meta.url)));

const cacheFolder = fileURLToPath(new URL('../node_modules/.cache/coopdec/tsx', import.meta.url));
const require = createRequire(import.meta.url);
const project = new URL('../', import.meta.url).href;
const ours = (url) => url.startsWith(project) && !url.includes('/node_modules/');
const typescript = /\.tsx?$/;
let esbuild;
// The cache's key names esbuild's version, read from its package.json: loading esbuild to ask it was 14 ms of
// every start, when nothing is to be transformed.
const esbuildVersion = require('esbuild/package.json').version;
/** Packages imported by our files, resolved: all our files share the project's node_modules. */
const packages = new Map();

process.setSourceMapsEnabled(true);

/** The views' JavaScript, from the cache or made by esbuild and cached. */
function views(path) {
  const source = readFileSync(path, 'utf8');
  const key = createHash('sha256').update(esbuildVersion).update(path).update(source).digest('hex');
  const cached = `${cacheFolder}/${key.slice(0, 32)}.js`;
  try {
    return readFileSync(cached, 'utf8');
  } catch {
    // not made yet
  }
  esbuild ??= require('esbuild');
  const { code } = esbuild.transformSync(source, {
    loader: 'tsx',
    format: 'esm',
    jsx: 'automatic',
    jsxImportSource: 'preact',
    target: 'node24',
    sourcefile: path,
    sourcemap: 'inline',
    sourcesContent: false,
  });
  try {
    mkdirSync(cacheFolder, { recursive: true });
    // Parallel test files may write the same entry: each its own file, then a rename.
    const partial = `${cached}.${process.pid}.partial`;
    writeFileSync(partial, code);
    renameSync(partial, cached);
  } catch {
    // a read-only node_modules: transformed again next time
  }
  return code;
}

/** Formats of the libraries' folders, by folder: all the `.js` files of a folder have the same. */
const formats = new Map();

/**
 * A library's import of its own file (`./core.js`), resolved once per folder: the format of a `.js` file is
 * its folder's (the nearest package.json's `type`), which Node would look up again for each file.
 */
function withinPackage(specifier, context, nextResolve) {
  if (!specifier.startsWith('.') || !specifier.endsWith('.js') || !context.conditions?.includes('import')) {
    return nextResolve(specifier, context);
  }
  const url = new URL(specifier, context.parentURL);
  const folder = new URL('.', url).href;
  const format = formats.get(folder);
  if (!format) {
    const resolved = nextResolve(specifier, context);
    if (resolved.url !== url.href || !resolved.format) return resolved;
    formats.set(folder, resolved.format);
    return resolved;
  }
  return { url: url.href, format, shortCircuit: true };
}

registerHooks({
  resolve(specifier, context, nextResolve) {
    const parent = context.parentURL;
    if (!parent) return nextResolve(specifier, context);
    if (!ours(parent)) return withinPackage(specifier, context, nextResolve);
    if (specifier.startsWith('.') && typescript.test(specifier)) {
      const url = new URL(specifier, parent).href;
      return { url, format: url.endsWith('.tsx') ? 'module' : 'module-typescript', shortCircuit: true };
    }
    if (/^[@a-z]/.test(specifier) && !specifier.startsWith('node:')) {
      const key = `${specifier} ${context.conditions}`;
      let resolved = packages.get(key);
      if (!resolved) {
        resolved = { ...nextResolve(specifier, context), shortCircuit: true };
        packages.set(key, resolved);
      }
      return resolved;
    }
    return nextResolve(specifier, context);
  },
  load(url, context, nextLoad) {
    if (ours(url) && url.endsWith('.tsx')) {
      return { format: 'module', source: views(fileURLToPath(url)), shortCircuit: true };
    }
    return nextLoad(url, context);
  },
});
