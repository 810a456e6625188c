#!/usr/bin/env node
// `npm install` runs this (postinstall) so that the newcomer's first `npm start` finds three things done
// (decisions 017 and 023): the copy every new embedded database starts from (PGlite's initdb and the
// migrations, src/platform/db/template.ts), the same with today's demo data (src/demo/copy.ts), and the app's
// modules compiled into V8's cache, which bin/typescript.js turns on. A failure never stops the install —
// everything is imported inside the `try`, even under a Node older than 24 — and the first start then does
// what is missing.
try {
  await import('./typescript.js');
  const { openDatabase } = await import('../src/platform/db/client.ts');
  const database = await openDatabase({ dataDir: 'memory' });
  await database.migrate();
  await database.close();
  await import('../src/server.ts');

  // Today's demo data, written as a first start writes them, for a first start with this environment.
  const { loadEnv } = await import('../src/platform/env.ts');
  const config = loadEnv();
  if (config.DEMO_DATA === 'true' && !config.DATABASE_URL) {
    const { findDemoCopy, seedDemoCopy } = await import('../src/demo/copy.ts');
    const at = new Date();
    const copy = await findDemoCopy(at, config.baseUrl);
    if (!copy.archive) {
      const demo = await openDatabase({ dataDir: 'memory' });
      await demo.migrate();
      await seedDemoCopy(demo, copy, at, config.baseUrl);
      await demo.close();
    }
  }
} catch (error) {
  console.warn(
    `coopdec : base embarquée non préparée (${error.message}), le premier démarrage la préparera.`,
  );
}
