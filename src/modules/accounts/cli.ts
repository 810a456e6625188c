// Commands of `coopdec` for accounts: an API token, a sign-in link.

import type { Services } from '../../platform/services.ts';
import { type CliCommand, CliError } from '../module.ts';
import { findPersonByEmail, type Person } from '../organisations/people.ts';
import { createApiToken } from './api-tokens.ts';
import { createSignInLink } from './sign-in-link.ts';

async function enabledPerson(services: Services, email: string | undefined): Promise<Person> {
  if (!email) throw new CliError('--email est obligatoire.');
  const person = await findPersonByEmail(services.db, email);
  if (!person) throw new CliError(`Aucune personne n’a l’adresse ${email}.`);
  if (person.disabledAt) throw new CliError('Ce compte est désactivé.');
  return person;
}

export const accountCommands: CliCommand[] = [
  {
    name: 'token create',
    options: ['email', 'label'],
    usage: '--email E [--label L]   crée un jeton d’API (affiché seul sur la dernière ligne)',
    async run(services, options) {
      const person = await enabledPerson(services, options.email);
      const token = await services.db.transaction((tx) =>
        createApiToken(tx, person.id, options.label ?? 'ligne de commande'),
      );
      console.log(`Jeton d’API pour ${person.email} (à conserver, il ne sera plus affiché) :`);
      console.log(token);
    },
  },
  {
    name: 'login-link',
    options: ['email'],
    usage: '--email E            affiche un lien de connexion valable quelques minutes',
    async run(services, options) {
      const person = await enabledPerson(services, options.email);
      console.log(
        await createSignInLink(services.db, person.id, {
          baseUrl: services.config.baseUrl,
          validMinutes: services.config.MAGIC_LINK_MINUTES,
        }),
      );
    },
  },
];
