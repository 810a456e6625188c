// The `coopdec` command, run as a separate process on the same database as the app would use.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { promisify } from 'node:util';
import { authenticateApiToken } from '../src/modules/accounts/api-tokens.ts';
import { findPersonByEmail } from '../src/modules/organisations/people.ts';
import { openDatabase } from '../src/platform/db/client.ts';
import { testDatabase } from './helpers.ts';

const run = promisify(execFile);

describe('the coopdec command', async () => {
  // With DATABASE_URL, a fresh server database; without it, an embedded one in a temporary folder.
  const server = process.env.DATABASE_URL ? await testDatabase({ after }) : undefined;
  const dataDir = mkdtempSync(join(tmpdir(), 'coopdec-cli-'));
  after(() => rmSync(dataDir, { recursive: true, force: true }));
  const env = {
    ...process.env,
    DATA_DIR: dataDir,
    LOG_LEVEL: 'silent',
    ...(server ? { DATABASE_URL: server.url } : {}),
  };
  const coopdec = (...args: string[]) => run(process.execPath, ['bin/coopdec.js', ...args], { env });
  const inspect = async <T>(fn: (db: Awaited<ReturnType<typeof openDatabase>>['db']) => Promise<T>) => {
    if (server) return fn(server.db);
    const database = await openDatabase({ dataDir });
    try {
      return await fn(database.db);
    } finally {
      await database.close();
    }
  };

  it('migrates, creates a staff user and prints a working API token alone on the last line', async () => {
    assert.match((await coopdec('migrate')).stdout, /Migrations appliquées/);
    const created = await coopdec(
      'user',
      'create',
      '--email',
      'Admin@Example.org',
      '--first-name',
      'Ada',
      '--last-name',
      'Admin',
      '--kind',
      'staff',
    );
    assert.match(created.stdout, /Personne créée/);
    const { stdout } = await coopdec('token', 'create', '--email', 'admin@example.org');
    const lastLine = stdout.trim().split('\n').at(-1)!;
    assert.match(lastLine, /^cdk_[\w-]{43}$/);
    const person = await inspect((db) => authenticateApiToken(db, lastLine));
    assert.equal(person?.kind, 'staff');
  });

  it('lists the API tokens with their last use, never their secret, and revokes one', async () => {
    const { stdout: made } = await coopdec(
      'token',
      'create',
      '--email',
      'admin@example.org',
      '--label',
      'outil',
      '--days',
      '30',
    );
    const token = made.trim().split('\n').at(-1)!;
    const listed = (await coopdec('token', 'list', '--email', 'admin@example.org')).stdout;
    const line = listed.split('\n').find((l) => l.includes('« outil »'))!;
    assert.match(line, /actif/);
    assert.doesNotMatch(listed, new RegExp(token));
    const id = line.split(/\s+/)[0]!;
    assert.match((await coopdec('token', 'revoke', '--id', id)).stdout, /révoqué/);
    assert.match(
      (await coopdec('token', 'list')).stdout.split('\n').find((l) => l.startsWith(id))!,
      /révoqué/,
    );
    assert.equal(await inspect((db) => authenticateApiToken(db, token)), undefined);
    await assert.rejects(
      coopdec('token', 'create', '--email', 'admin@example.org', '--days', '0'),
      /de 1 à 730/,
    );
  });

  it('refuses bad input with a French message and exit code 2', async () => {
    await assert.rejects(
      coopdec(
        'user',
        'create',
        '--email',
        'pas-une-adresse',
        '--first-name',
        'A',
        '--last-name',
        'B',
        '--kind',
        'staff',
      ),
      (error: { code: number; stderr: string }) => {
        assert.equal(error.code, 2);
        assert.match(error.stderr, /Adresse électronique invalide/);
        return true;
      },
    );
    await assert.rejects(coopdec('token', 'create', '--email', 'personne@example.org'), /Aucune personne/);
    await assert.rejects(coopdec('envoler'), /Commande inconnue/);
    assert.equal(await inspect((db) => findPersonByEmail(db, 'pas-une-adresse')), undefined);
  });

  it('loads the demo data once', async () => {
    assert.match((await coopdec('seed')).stdout, /chargées/);
    assert.match((await coopdec('seed')).stdout, /rien chargé/);
  });
});
