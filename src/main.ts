// `npm start`: migrates, checks the database and runs the modules' start work, loads the demo data on first
// start, serves, and stops cleanly on SIGTERM.

import { findDemoCopy, seedDemoCopy } from './demo/copy.ts';
import { createSignInLink } from './modules/accounts/sign-in-link.ts';
import { bootModules, moduleProblems, startModules } from './modules/index.ts';
import { demoStaffEmail } from './modules/organisations/demo.ts';
import { findPersonByEmail } from './modules/organisations/people.ts';
import type { Template } from './platform/db/template.ts';
import { loadEnv } from './platform/env.ts';
import { buildApp } from './server.ts';
import { createServices } from './services.ts';

const config = loadEnv();
const now = new Date();
let demoCopy: Template | undefined;
const services = await createServices(config, {
  startFrom:
    config.DEMO_DATA === 'true'
      ? async () => {
          demoCopy = await findDemoCopy(now, config.baseUrl);
          return demoCopy;
        }
      : undefined,
});
const { logger, db } = services;
await services.database.migrate();
bootModules();
const problems = await moduleProblems(db, config);
if (problems.length) {
  console.error(`Coopdec ne démarre pas :\n${problems.map((p) => `- ${p}`).join('\n')}`);
  await services.close();
  process.exit(1);
}
await startModules(services);
// A new embedded database loaded from the day's copy has its demo data; otherwise the seeds write them, and
// leave the copy for the next new folder.
const fromCopy = services.database.startedFrom !== undefined;
const seeded =
  fromCopy ||
  (config.DEMO_DATA === 'true' && (await seedDemoCopy(services.database, demoCopy, now, config.baseUrl)));
const { app, setShuttingDown } = await buildApp(services);
await app.listen({ port: config.PORT, host: config.HOST });
services.jobs.start();

// A working sign-in link on the console is for the newcomer's first start, never for production.
const demoStaff =
  config.DEMO_DATA === 'true' && config.NODE_ENV !== 'production'
    ? await findPersonByEmail(db, demoStaffEmail)
    : undefined;
// The time since the process started, the loading of the modules included.
const lines = [
  `Coopdec est prêt en ${Math.round(performance.now())} ms sur ${config.baseUrl}`,
  `Base de données : ${services.database.engine === 'pglite' ? `embarquée (${config.DATA_DIR})` : 'serveur PostgreSQL'}${seeded ? ', données de démonstration chargées' : ''}`,
];
if (demoStaff && !demoStaff.disabledAt) {
  const link = await createSignInLink(db, demoStaff.id, {
    baseUrl: config.baseUrl,
    validMinutes: config.MAGIC_LINK_MINUTES,
  });
  lines.push(
    `Compte de démonstration (équipe du réseau) : ${demoStaffEmail}`,
    `  lien de connexion (${config.MAGIC_LINK_MINUTES} min) : ${link}`,
    config.SMTP_URL
      ? '  ou demandez un lien sur /connexion : il part par SMTP.'
      : '  ou demandez un lien sur /connexion, puis lisez-le sur /dev/courriels une fois connecté (sans SMTP, rien ne part).',
  );
}
if (seeded && config.NODE_ENV === 'production') {
  lines.push('Données de démonstration chargées en production (DEMO_DATA=true) : aucun lien n’est affiché.');
}
console.log(lines.join('\n'));

let stopping = false;
async function stop(signal: string) {
  if (stopping) return;
  stopping = true;
  logger.info({ signal }, 'arrêt demandé');
  setShuttingDown();
  // Whatever happens, the process is gone within 10 s.
  setTimeout(() => {
    logger.error('arrêt forcé après 10 s');
    process.exit(1);
  }, 9_500).unref();
  try {
    await app.close();
    await services.close();
    process.exit(0);
  } catch (error) {
    logger.error({ err: error }, 'arrêt en erreur');
    process.exit(1);
  }
}
process.on('SIGTERM', () => void stop('SIGTERM'));
process.on('SIGINT', () => void stop('SIGINT'));
