import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseEnv } from './env.ts';

/** The error parseEnv throws for `source`. */
function errorOf(source: Record<string, string>): Error {
  try {
    parseEnv(source);
  } catch (error) {
    assert.ok(error instanceof Error);
    return error;
  }
  assert.fail('the configuration was accepted');
}

describe('the configuration read from the environment', () => {
  it('has defaults that run on a laptop with nothing set', () => {
    const config = parseEnv({});
    assert.equal(config.NODE_ENV, 'development');
    assert.equal(config.PORT, 3000);
    assert.equal(config.HOST, '127.0.0.1');
    assert.equal(config.baseUrl, 'http://localhost:3000');
    assert.equal(config.DATABASE_URL, undefined);
    assert.equal(config.DATA_DIR, './data');
    assert.equal(config.DATABASE_POOL_SIZE, 20);
    assert.equal(config.SMTP_URL, undefined);
    assert.equal(config.MAIL_FROM, 'Cités Unies France <ne-pas-repondre@coopdec.example.org>');
    assert.equal(config.SESSION_IDLE_MINUTES, 120);
    assert.equal(config.SESSION_ABSOLUTE_HOURS, 12);
    assert.equal(config.MAGIC_LINK_MINUTES, 10);
    assert.equal(config.PROCONNECT_ISSUER, undefined);
    assert.equal(config.LOG_LEVEL, 'info');
    assert.equal(config.JOBS_POLL_MS, 1000);
    assert.equal(config.DEMO_DATA, 'true');
  });

  it('loads no demo data in production unless asked explicitly', () => {
    const key = Buffer.alloc(32, 7).toString('base64');
    assert.equal(parseEnv({ NODE_ENV: 'production', SECRETS_KEY: key }).DEMO_DATA, 'false');
    assert.equal(parseEnv({ NODE_ENV: 'production', SECRETS_KEY: key, DEMO_DATA: 'true' }).DEMO_DATA, 'true');
    assert.equal(parseEnv({ NODE_ENV: 'development' }).DEMO_DATA, 'true');
  });

  it('reads numbers from strings and derives the public address from PORT unless BASE_URL is set', () => {
    const local = parseEnv({ PORT: '8080', SESSION_IDLE_MINUTES: '30', MAGIC_LINK_MINUTES: '5' });
    assert.equal(local.PORT, 8080);
    assert.equal(local.SESSION_IDLE_MINUTES, 30);
    assert.equal(local.MAGIC_LINK_MINUTES, 5);
    assert.equal(local.baseUrl, 'http://localhost:8080');
    const hosted = parseEnv({ PORT: '8080', BASE_URL: 'https://coopdec.example.org/' });
    assert.equal(hosted.baseUrl, 'https://coopdec.example.org', 'without its trailing slash');
  });

  it('accepts PostgreSQL, SMTP and a complete ProConnect configuration', () => {
    const config = parseEnv({
      DATABASE_URL: 'postgresql://coopdec:secret@db.internal:5432/coopdec',
      SMTP_URL: 'smtps://user:pass@smtp.example.org:465',
      PROCONNECT_ISSUER: 'https://auth.agentconnect.gouv.fr/api/v2',
      PROCONNECT_CLIENT_ID: 'client',
      PROCONNECT_CLIENT_SECRET: 'secret',
    });
    assert.equal(config.DATABASE_URL, 'postgresql://coopdec:secret@db.internal:5432/coopdec');
    assert.equal(config.PROCONNECT_CLIENT_ID, 'client');
  });

  it('refuses an invalid PORT, naming the variable', () => {
    for (const port of ['abc', '70000', '-1', '80.5']) {
      const error = errorOf({ PORT: port });
      assert.match(error.message, /^Configuration invalide :\n/);
      assert.match(error.message, /^ {2}PORT: /m, `PORT=${port}`);
    }
  });

  it('refuses a DATABASE_URL that is not a PostgreSQL address, saying what is expected', () => {
    const error = errorOf({ DATABASE_URL: 'mysql://root@localhost/coopdec' });
    assert.match(error.message, /DATABASE_URL: DATABASE_URL doit commencer par postgres:\/\//);
  });

  it('refuses ProConnect without its client id and secret, naming the missing variables', () => {
    const error = errorOf({ PROCONNECT_ISSUER: 'https://auth.agentconnect.gouv.fr/api/v2' });
    assert.match(
      error.message,
      /PROCONNECT_ISSUER demande aussi PROCONNECT_CLIENT_ID et PROCONNECT_CLIENT_SECRET/,
    );
    const half = errorOf({
      PROCONNECT_ISSUER: 'https://auth.example.gouv.fr',
      PROCONNECT_CLIENT_ID: 'client',
    });
    assert.match(half.message, /PROCONNECT_CLIENT_SECRET/);
  });

  it('lists every invalid variable at once, one per line', () => {
    const error = errorOf({
      PORT: 'quatre-vingts',
      DATABASE_URL: 'sqlite://coopdec.db',
      SMTP_URL: 'http://smtp.example.org',
      LOG_LEVEL: 'bavard',
      MAGIC_LINK_MINUTES: '60',
      BASE_URL: 'pas une adresse',
    });
    const lines = error.message.split('\n').slice(1);
    const named = lines.map((line) => /^ {2}(\w+):/.exec(line)?.[1]).sort();
    assert.deepEqual(named, [
      'BASE_URL',
      'DATABASE_URL',
      'LOG_LEVEL',
      'MAGIC_LINK_MINUTES',
      'PORT',
      'SMTP_URL',
    ]);
    assert.match(error.message, /SMTP_URL: SMTP_URL doit commencer par smtp:\/\/ ou smtps:\/\//);
  });
});
