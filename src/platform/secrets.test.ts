import assert from 'node:assert/strict';
import { createDecipheriv, randomBytes } from 'node:crypto';
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { parseEnv } from './env.ts';
import {
  checkSignedValue,
  developmentKeyFile,
  SecretsKeyError,
  seal,
  secretsKey,
  signValue,
  unseal,
} from './secrets.ts';

const key = randomBytes(32);

describe('secrets sealed at rest (AES-256-GCM)', () => {
  it('seals so that node:crypto alone opens it with the key and its context, and the text is nowhere in clear', () => {
    const secret = '{"kty":"OKP","crv":"Ed25519","d":"c2VjcmV0LXByaXZhdGUtcGFydA"}';
    const sealed = seal(key, secret, 'signing_keys:ob3-issuer');
    assert.equal(JSON.stringify(sealed).includes('c2VjcmV0LXByaXZhdGUtcGFydA'), false);
    // Decrypted without our code: AES-256-GCM, a 12-byte IV, the context as additional data.
    const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(sealed.iv, 'base64'));
    decipher.setAAD(Buffer.from('signing_keys:ob3-issuer'));
    decipher.setAuthTag(Buffer.from(sealed.tag, 'base64'));
    const plain = Buffer.concat([decipher.update(Buffer.from(sealed.data, 'base64')), decipher.final()]);
    assert.equal(plain.toString(), secret);
    assert.equal(unseal(key, sealed, 'signing_keys:ob3-issuer'), secret);
    // Two seals of the same text differ (a fresh IV each time).
    assert.notEqual(seal(key, secret, 'x').data, seal(key, secret, 'x').data);
  });

  it('refuses in French another key, another context or a changed byte', () => {
    const sealed = seal(key, 'texte secret', 'signing_keys:ob3-issuer');
    assert.throws(
      () => unseal(randomBytes(32), sealed, 'signing_keys:ob3-issuer'),
      (error: Error) =>
        error instanceof SecretsKeyError && /avec une autre clé que SECRETS_KEY/.test(error.message),
    );
    assert.throws(
      () => unseal(key, sealed, 'signing_keys:autre'),
      (error: Error) => error instanceof SecretsKeyError && /ne se déchiffre pas/.test(error.message),
    );
    const data = Buffer.from(sealed.data, 'base64');
    data[0] = data[0]! ^ 1;
    assert.throws(
      () => unseal(key, { ...sealed, data: data.toString('base64') }, 'signing_keys:ob3-issuer'),
      /donnée altérée/,
    );
  });

  it('signs values for links: the signature checks with the key and purpose, and with nothing else', () => {
    const signature = signValue(key, 'interest-confirm', 'abc');
    assert.equal(checkSignedValue(key, 'interest-confirm', 'abc', signature), true);
    assert.equal(checkSignedValue(key, 'interest-withdraw', 'abc', signature), false);
    assert.equal(checkSignedValue(key, 'interest-confirm', 'abd', signature), false);
    assert.equal(checkSignedValue(randomBytes(32), 'interest-confirm', 'abc', signature), false);
    assert.equal(checkSignedValue(key, 'interest-confirm', 'abc', ''), false);
  });
});

describe('the key that seals them', () => {
  it('is required in production, and must be 32 bytes of base64 wherever it is given', () => {
    assert.throws(() => parseEnv({ NODE_ENV: 'production' }), /SECRETS_KEY est obligatoire en production/);
    assert.throws(
      () => parseEnv({ SECRETS_KEY: Buffer.alloc(16).toString('base64') }),
      /SECRETS_KEY doit faire 32 octets/,
    );
    assert.throws(() => parseEnv({ SECRETS_KEY: 'pas de la base64 !' }), /SECRETS_KEY doit faire 32 octets/);
    const given = randomBytes(32);
    const config = parseEnv({ NODE_ENV: 'production', SECRETS_KEY: given.toString('base64') });
    assert.deepEqual(secretsKey(config), given);
  });

  it('is, in development without SECRETS_KEY, a file made once in DATA_DIR, readable by its owner only', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'coopdec-cle-'));
    try {
      const first = secretsKey(parseEnv({ DATA_DIR: dir }));
      const file = developmentKeyFile(dir);
      assert.equal((await stat(file)).mode & 0o777, 0o600);
      assert.deepEqual(Buffer.from((await readFile(file, 'utf8')).trim(), 'base64'), first);
      // Another process (another configuration) reads the same key back.
      assert.deepEqual(secretsKey(parseEnv({ DATA_DIR: dir })), first);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('is, in tests, the same fixed key in every process (no file)', () => {
    const a = secretsKey(parseEnv({ NODE_ENV: 'test', DATA_DIR: '/nonexistent' }));
    const b = secretsKey(parseEnv({ NODE_ENV: 'test', DATA_DIR: '/nonexistent' }));
    assert.equal(a.length, 32);
    assert.deepEqual(a, b);
  });
});
