// Commands of `coopdec` for people: the first accounts of a new platform.
import { type CliCommand, CliError } from '../module.ts';
import { createPerson } from './people.ts';

export const organisationCommands: CliCommand[] = [
  {
    name: 'user create',
    options: ['email', 'first-name', 'last-name', 'kind'],
    usage: '--email E --first-name F --last-name L --kind staff|elected|officer|partner',
    async run(services, options) {
      const result = await services.db.transaction((tx) =>
        createPerson(
          tx,
          {
            email: options.email,
            firstName: options['first-name'],
            lastName: options['last-name'],
            kind: options.kind,
          },
          null,
        ),
      );
      if (!result.ok) {
        const details = Object.entries(result.error.fields ?? {}).map(([f, m]) => `  ${f} : ${m}`);
        throw new CliError([result.error.message, ...details].join('\n'));
      }
      console.log(`Personne créée : ${result.value.id}`);
    },
  },
];
