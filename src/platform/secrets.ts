import { createHash, randomBytes } from 'node:crypto';

/** A fresh unguessable secret (256 bits), URL-safe. */
export const newSecret = (prefix = '') => `${prefix}${randomBytes(32).toString('base64url')}`;

/** Secrets are stored hashed: a leaked table does not open sessions. */
export const hashSecret = (secret: string) => createHash('sha256').update(secret).digest('hex');
