#!/usr/bin/env node
// `npm install` runs this (postinstall): it prepares the copy every new embedded database starts from
// (PGlite's initdb and the migrations, see src/platform/db/template.ts), so that the newcomer's first
// `npm start` does not do it. A failure never stops the install: the first new database makes the copy.
import { register } from 'tsx/esm/api';

register();
try {
  const { openDatabase } = await import('../src/platform/db/client.ts');
  const database = await openDatabase({ dataDir: 'memory' });
  await database.migrate();
  await database.close();
} catch (error) {
  console.warn(
    `coopdec : base embarquée non préparée (${error.message}), le premier démarrage la préparera.`,
  );
}
