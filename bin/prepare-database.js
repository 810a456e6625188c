#!/usr/bin/env node
// `npm install` runs this (postinstall) so that the newcomer's first `npm start` finds two things done
// (decision 017): the copy every new embedded database starts from (PGlite's initdb and the migrations,
// src/platform/db/template.ts), and the app's modules compiled into V8's cache, which src/main.ts reads
// (same folder). A failure never stops the install — everything is imported inside the `try`, even under a
// Node older than 24 — and the first start then does both.
try {
  const { enableCompileCache } = await import('node:module');
  const { fileURLToPath } = await import('node:url');
  enableCompileCache?.(fileURLToPath(new URL('../node_modules/.cache/coopdec/v8', import.meta.url)));
  const { register } = await import('tsx/esm/api');
  register();
  const { openDatabase } = await import('../src/platform/db/client.ts');
  const database = await openDatabase({ dataDir: 'memory' });
  await database.migrate();
  await database.close();
  await Promise.all([import('../src/server.ts'), import('../src/demo/seed.ts')]);
} catch (error) {
  console.warn(
    `coopdec : base embarquée non préparée (${error.message}), le premier démarrage la préparera.`,
  );
}
