// Secrets: fresh random ones, hashes of those we only compare, and an envelope (AES-256-GCM) for those we
// must read back but never keep in clear in the database (the Open Badges signing key): the key that seals
// them comes from the environment, not from the database (decision 013).
import {
  createCipheriv,
  createDecipheriv,
  createHash,
  createHmac,
  randomBytes,
  timingSafeEqual,
} from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Config } from './env.ts';

/** A fresh unguessable secret (256 bits), URL-safe. */
export const newSecret = (prefix = '') => `${prefix}${randomBytes(32).toString('base64url')}`;

/** Secrets are stored hashed: a leaked table does not open sessions. */
export const hashSecret = (secret: string) => createHash('sha256').update(secret).digest('hex');

// ——— The key that seals secrets at rest ———

/** 32 bytes, written in base64 (`openssl rand -base64 32`). */
export const secretsKeyBytes = 32;

/** The key is wrong or damaged: said in French, to stop the start or refuse the action. */
export class SecretsKeyError extends Error {}

/** Where the development key is kept when SECRETS_KEY is not set: next to the embedded database. */
export const developmentKeyFile = (dataDir: string) => join(dataDir, 'secrets.key');

/** Read from base64; undefined unless it is exactly 32 bytes. */
export function readSecretsKey(text: string): Buffer | undefined {
  const trimmed = text.trim();
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(trimmed)) return undefined;
  const key = Buffer.from(trimmed, 'base64');
  return key.length === secretsKeyBytes ? key : undefined;
}

const memo = new WeakMap<object, Buffer>();

/**
 * The key that seals secrets stored in the database, resolved once per configuration:
 * - SECRETS_KEY when set (required in production: the configuration refuses to load without it);
 * - in tests, a fixed key derived from a constant: every test process opens what another sealed;
 * - in development, a random key made once in `DATA_DIR/secrets.key` (mode 600) and read back afterwards.
 */
export function secretsKey(config: Pick<Config, 'SECRETS_KEY' | 'NODE_ENV' | 'DATA_DIR'>): Buffer {
  const known = memo.get(config);
  if (known) return known;
  let key: Buffer;
  if (config.SECRETS_KEY) {
    const read = readSecretsKey(config.SECRETS_KEY);
    if (!read) throw new SecretsKeyError('SECRETS_KEY doit faire 32 octets, écrits en base64.');
    key = read;
  } else if (config.NODE_ENV === 'production') {
    throw new SecretsKeyError(
      'SECRETS_KEY est obligatoire en production (32 octets en base64 : openssl rand -base64 32).',
    );
  } else if (config.NODE_ENV === 'test') {
    key = createHash('sha256').update('coopdec : clé des secrets des tests, connue de tous').digest();
  } else {
    key = developmentKey(config.DATA_DIR);
  }
  memo.set(config, key);
  return key;
}

function developmentKey(dataDir: string): Buffer {
  const file = developmentKeyFile(dataDir);
  try {
    // `wx`: made once, even by two processes starting together; the loser reads the winner's.
    writeFileSync(file, `${randomBytes(secretsKeyBytes).toString('base64')}\n`, { flag: 'wx', mode: 0o600 });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
  const key = readSecretsKey(readFileSync(file, 'utf8'));
  if (!key) throw new SecretsKeyError(`${file} ne contient pas une clé de 32 octets en base64.`);
  return key;
}

// ——— The envelope ———

/** A secret sealed with AES-256-GCM, as stored (JSON). */
export interface Sealed {
  sealed: 'aes-256-gcm';
  /** Which key sealed it: the first 16 hex digits of its SHA-256, to tell « wrong key » from « damaged ». */
  key: string;
  iv: string;
  tag: string;
  data: string;
}

const fingerprint = (key: Buffer) => createHash('sha256').update(key).digest('hex').slice(0, 16);

export const isSealed = (value: unknown): value is Sealed =>
  typeof value === 'object' &&
  value !== null &&
  (value as { sealed?: unknown }).sealed === 'aes-256-gcm' &&
  ['key', 'iv', 'tag', 'data'].every((k) => typeof (value as Record<string, unknown>)[k] === 'string');

/**
 * Seals `plaintext`. `context` names what it is and where it lives (« signing_keys:ob3-issuer »): it is
 * authenticated with it, so a sealed value copied to another row does not open there.
 */
export function seal(key: Buffer, plaintext: string, context: string): Sealed {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(Buffer.from(context));
  const data = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  return {
    sealed: 'aes-256-gcm',
    key: fingerprint(key),
    iv: iv.toString('base64'),
    tag: cipher.getAuthTag().toString('base64'),
    data: data.toString('base64'),
  };
}

/** Opens what `seal` made with the same key and context; throws a SecretsKeyError saying why not. */
export function unseal(key: Buffer, sealed: Sealed, context: string): string {
  if (sealed.key !== fingerprint(key)) {
    throw new SecretsKeyError(
      `« ${context} » a été chiffré avec une autre clé que SECRETS_KEY : remettez la clé qui l’a chiffré.`,
    );
  }
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(sealed.iv, 'base64'));
    decipher.setAAD(Buffer.from(context));
    decipher.setAuthTag(Buffer.from(sealed.tag, 'base64'));
    return Buffer.concat([decipher.update(Buffer.from(sealed.data, 'base64')), decipher.final()]).toString(
      'utf8',
    );
  } catch {
    throw new SecretsKeyError(`« ${context} » ne se déchiffre pas avec SECRETS_KEY : donnée altérée.`);
  }
}

/**
 * A keyed signature of `value` for `purpose` (HMAC-SHA256, URL-safe): links that need no stored token
 * (confirm or withdraw an expression of interest) carry it, and nobody without the key can forge one.
 */
export function signValue(key: Buffer, purpose: string, value: string): string {
  return createHmac('sha256', key).update(`${purpose}\n${value}`).digest('base64url');
}

/** Whether `signature` is `signValue(key, purpose, value)`, compared in constant time. */
export function checkSignedValue(key: Buffer, purpose: string, value: string, signature: string): boolean {
  const expected = Buffer.from(signValue(key, purpose, value));
  const given = Buffer.from(signature);
  return given.length === expected.length && timingSafeEqual(given, expected);
}
