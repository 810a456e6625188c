// The `coopdec` command: same database as the app (embedded, or DATABASE_URL). Besides `migrate` and
// `seed`, its commands come from the modules (`Module.cli`).
import { parseArgs } from 'node:util';
import { seedDemo } from './demo/seed.ts';
import { bootModules, modules } from './modules/index.ts';
import { CliError } from './modules/module.ts';
import { loadEnv } from './platform/env.ts';
import { createServices } from './services.ts';

const commands = modules.flatMap((m) => m.cli ?? []);
const usage = [
  'Utilisation : coopdec <commande>',
  '',
  '  migrate                         applique les migrations',
  '  seed                            charge les données de démonstration (base vide seulement)',
  ...commands.map((c) => `  ${c.name} ${c.usage}`),
].join('\n');

function fail(message: string): never {
  console.error(message);
  process.exit(2);
}

const optionNames = new Set(commands.flatMap((c) => c.options));
const { positionals, values } = parseArgs({
  allowPositionals: true,
  options: {
    ...Object.fromEntries([...optionNames].map((o) => [o, { type: 'string' as const }])),
    help: { type: 'boolean', short: 'h' },
  },
});
const name = positionals.join(' ');
if (values.help || !name) {
  console.log(usage);
  process.exit(values.help ? 0 : 2);
}
const command = commands.find((c) => c.name === name);
if (!command && name !== 'migrate' && name !== 'seed') fail(`Commande inconnue : ${name}\n\n${usage}`);

bootModules();
const config = loadEnv();
const services = await createServices({ ...config, LOG_LEVEL: 'warn' });
try {
  await services.database.migrate();
  if (name === 'migrate') console.log('Migrations appliquées.');
  else if (name === 'seed')
    console.log(
      (await seedDemo(services.db, new Date(), config.baseUrl))
        ? 'Données de démonstration chargées.'
        : 'La base contient déjà des organisations : rien chargé.',
    );
  else {
    const { help: _, ...options } = values;
    await command!.run(services, options as Record<string, string | undefined>);
  }
} catch (error) {
  if (!(error instanceof CliError)) throw error;
  process.exitCode = 2;
  console.error(error.message);
} finally {
  await services.close();
}
