// The `coopdec` command: same database as the app (embedded, or DATABASE_URL).
import { parseArgs } from 'node:util';
import { seedDemo } from './demo/seed.ts';
import { createApiToken } from './modules/accounts/api-tokens.ts';
import { createSignInLink } from './modules/accounts/sign-in-link.ts';
import { createPerson, findPersonByEmail } from './modules/organisations/people.ts';
import { loadEnv } from './platform/env.ts';
import { createServices } from './services.ts';

const usage = `Utilisation : coopdec <commande>

  migrate                         applique les migrations
  seed                            charge les données de démonstration (base vide seulement)
  user create --email E --first-name F --last-name L --kind staff|elected|officer|partner
  token create --email E [--label L]   crée un jeton d’API (affiché seul sur la dernière ligne)
  login-link --email E            affiche un lien de connexion valable quelques minutes`;

function fail(message: string): never {
  console.error(message);
  process.exit(2);
}

const { positionals, values } = parseArgs({
  allowPositionals: true,
  options: {
    email: { type: 'string' },
    'first-name': { type: 'string' },
    'last-name': { type: 'string' },
    kind: { type: 'string' },
    label: { type: 'string' },
    help: { type: 'boolean', short: 'h' },
  },
});
const command = positionals.join(' ');
if (values.help || !command) {
  console.log(usage);
  process.exit(values.help ? 0 : 2);
}
const known = ['migrate', 'seed', 'user create', 'token create', 'login-link'];
if (!known.includes(command)) fail(`Commande inconnue : ${command}\n\n${usage}`);

const config = loadEnv();
const services = await createServices({ ...config, LOG_LEVEL: 'warn' });
const { db } = services;
try {
  await services.database.migrate();
  switch (command) {
    case 'migrate':
      console.log('Migrations appliquées.');
      break;
    case 'seed':
      console.log(
        (await seedDemo(db, new Date(), config.baseUrl))
          ? 'Données de démonstration chargées.'
          : 'La base contient déjà des organisations : rien chargé.',
      );
      break;
    case 'user create': {
      const result = await db.transaction((tx) =>
        createPerson(
          tx,
          {
            email: values.email,
            firstName: values['first-name'],
            lastName: values['last-name'],
            kind: values.kind,
          },
          null,
        ),
      );
      if (!result.ok) {
        const details = Object.entries(result.error.fields ?? {}).map(([f, m]) => `  ${f} : ${m}`);
        fail([result.error.message, ...details].join('\n'));
      }
      console.log(`Personne créée : ${result.value.id}`);
      break;
    }
    case 'token create':
    case 'login-link': {
      if (!values.email) fail('--email est obligatoire.');
      const person = await findPersonByEmail(db, values.email);
      if (!person) fail(`Aucune personne n’a l’adresse ${values.email}.`);
      if (person.disabledAt) fail('Ce compte est désactivé.');
      if (command === 'login-link') {
        console.log(
          await createSignInLink(db, person.id, {
            baseUrl: config.baseUrl,
            validMinutes: config.MAGIC_LINK_MINUTES,
          }),
        );
      } else {
        const token = await db.transaction((tx) =>
          createApiToken(tx, person.id, values.label ?? 'ligne de commande'),
        );
        console.log(`Jeton d’API pour ${person.email} (à conserver, il ne sera plus affiché) :`);
        console.log(token);
      }
      break;
    }
  }
} finally {
  await services.close();
}
