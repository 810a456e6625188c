// Commands of `coopdec` for accounts: an API token, a sign-in link.

import type { Services } from '../../platform/services.ts';
import { type CliCommand, CliError } from '../module.ts';
import { findPersonByEmail, type Person } from '../organisations/people.ts';
import { accountsMessages } from './accounts.messages.ts';
import { createApiToken, listApiTokens, revokeApiToken, tokenState } from './api-tokens.ts';
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
    options: ['email', 'label', 'days'],
    usage: '--email E [--label L] [--days N]   crée un jeton d’API (affiché seul sur la dernière ligne)',
    async run(services, options) {
      const person = await enabledPerson(services, options.email);
      const days = options.days === undefined ? undefined : Number(options.days);
      if (days !== undefined && !(Number.isInteger(days) && days >= 1 && days <= 730))
        throw new CliError(accountsMessages.tokenDaysInvalid().text);
      const { token } = await services.db.transaction((tx) =>
        createApiToken(tx, person.id, { label: options.label ?? 'ligne de commande', days }, null),
      );
      console.log(`Jeton d’API pour ${person.email} (à conserver, il ne sera plus affiché) :`);
      console.log(token);
    },
  },
  {
    name: 'token list',
    options: ['email'],
    usage: '[--email E]              liste les jetons d’API (jamais leur secret), leur dernier usage',
    async run(services, options) {
      const person = options.email ? await enabledPerson(services, options.email) : undefined;
      const tokens = await listApiTokens(services.db, person ? { personId: person.id } : {});
      if (tokens.length === 0) console.log('Aucun jeton d’API.');
      for (const t of tokens) {
        console.log(
          [
            t.id,
            tokenState(t),
            t.person?.email ?? '?',
            `« ${t.label} »`,
            `créé ${t.createdAt.toISOString()}`,
            `dernier usage ${t.lastUsedAt?.toISOString() ?? 'jamais'}`,
            `expire ${t.expiresAt?.toISOString() ?? 'jamais'}`,
          ].join('  '),
        );
      }
    },
  },
  {
    name: 'token revoke',
    options: ['id'],
    usage: '--id ID                  révoque un jeton d’API (aussitôt)',
    async run(services, options) {
      if (!options.id || !/^[0-9a-f-]{36}$/i.test(options.id))
        throw new CliError('--id (l’identifiant du jeton) est obligatoire.');
      const result = await services.db.transaction((tx) => revokeApiToken(tx, options.id!, null));
      if (!result.ok) throw new CliError(result.error.message);
      console.log(`Jeton « ${result.value.label} » révoqué.`);
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
