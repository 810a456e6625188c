// The only reader of process.env: the environment is parsed once, at boot, and fails fast.
import { createPrivateKey } from 'node:crypto';
import { z } from 'zod';
import { readSecretsKey } from './secrets.ts';
import './validation.ts';

const duration = z.coerce.number().int().positive();

const canReadPrivateKey = (pem: string) => {
  try {
    createPrivateKey(pem);
    return true;
  } catch {
    return false;
  }
};

export const envSchema = z
  .object({
    NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
    PORT: z.coerce.number().int().min(0).max(65535).default(3000),
    HOST: z.string().min(1).default('127.0.0.1'),
    BASE_URL: z.url().optional(),
    DATABASE_URL: z
      .string()
      .regex(/^postgres(ql)?:\/\//, 'DATABASE_URL doit commencer par postgres://')
      .optional(),
    DATA_DIR: z.string().min(1).default('./data'),
    DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(200).default(20),
    SMTP_URL: z
      .string()
      .regex(/^smtps?:\/\//, 'SMTP_URL doit commencer par smtp:// ou smtps://')
      .optional(),
    /** Mails a second each process sends of a bulk sending (the Lettre); 0: as fast as the SMTP server takes them. */
    MAIL_RATE_PER_SECOND: z.coerce.number().min(0).max(10_000).default(20),
    /**
     * DKIM (RFC 6376): the private key (PEM, « \\n » for its line breaks in one line), the selector of its public
     * key in DNS (`<selector>._domainkey.<domain>`), and the signing domain (the platform's by default).
     */
    DKIM_PRIVATE_KEY: z
      .string()
      .transform((v) => v.replaceAll('\\n', '\n'))
      .refine((v) => canReadPrivateKey(v), {
        message: 'DKIM_PRIVATE_KEY doit être une clé privée au format PEM',
      })
      .optional(),
    DKIM_SELECTOR: z
      .string()
      .regex(/^[a-z0-9._-]{1,63}$/i, 'DKIM_SELECTOR : lettres, chiffres, points et tirets')
      .optional(),
    DKIM_DOMAIN: z
      .string()
      .regex(/^[a-z0-9.-]+\.[a-z]{2,}$/i, 'DKIM_DOMAIN : un nom de domaine')
      .optional(),
    /**
     * Periods of pre-electoral reserve (Code électoral, L52-1) in which a Lettre naming élus gets a warning:
     * « AAAA-MM-JJ/AAAA-MM-JJ élection » separated by « ; ». By default the six months before the municipal
     * elections of March 2026.
     */
    ELECTORAL_RESERVE: z
      .string()
      .regex(
        /^\s*(\d{4}-\d{2}-\d{2}\/\d{4}-\d{2}-\d{2}\s+[^;]+)(;\s*\d{4}-\d{2}-\d{2}\/\d{4}-\d{2}-\d{2}\s+[^;]+)*;?\s*$/,
        'ELECTORAL_RESERVE : « AAAA-MM-JJ/AAAA-MM-JJ nom de l’élection », séparés par « ; »',
      )
      .default('2025-09-01/2026-03-22 élections municipales des 15 et 22 mars 2026'),
    /** The sender; by default the network's name at a no-reply address. */
    MAIL_FROM: z.string().min(3).optional(),
    /** Who we are, on every page, mail and certificate (the demo's network by default). */
    NETWORK_NAME: z.string().min(2).max(100).default('Cités Unies France'),
    NETWORK_ADDRESS: z.string().min(5).max(200).default('9 rue Christiani, 75018 Paris'),
    NETWORK_PHONE: z.string().min(5).max(40).default('01 53 41 81 81'),
    NETWORK_EMAIL: z.email().default('coop-dec@cites-unies-france.org'),
    NETWORK_WEBSITE: z.url().default('https://cites-unies-france.org'),
    /** The logo's address (an SVG or PNG): replace public/logo.svg, or point elsewhere. */
    NETWORK_LOGO: z.string().min(1).default('/static/logo.svg'),
    SESSION_IDLE_MINUTES: duration.default(120),
    SESSION_ABSOLUTE_HOURS: duration.default(12),
    MAGIC_LINK_MINUTES: z.coerce.number().int().min(1).max(10).default(10),
    PROCONNECT_ISSUER: z.url().optional(),
    PROCONNECT_CLIENT_ID: z.string().min(1).optional(),
    PROCONNECT_CLIENT_SECRET: z.string().min(1).optional(),
    /** Behind a reverse proxy: trust its X-Forwarded-For, so that rate limits see the real client. */
    TRUST_PROXY: z.enum(['true', 'false']).default('false'),
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    EVENT_LINK_HOURS_BEFORE: z.coerce
      .number()
      .int()
      .min(1)
      .max(24 * 14)
      .default(48),
    /** A QR code scanned this many hours before an event's start or after its end asks staff to confirm. */
    EVENT_CHECK_IN_MARGIN_HOURS: z.coerce.number().int().min(0).max(72).default(2),
    /** Requests a minute of one API token (or address) on one route of the API. */
    API_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).max(1_000_000).default(1200),
    JOBS_POLL_MS: z.coerce.number().int().min(10).max(60_000).default(1000),
    /** Demo data on an empty database: by default outside production only. */
    DEMO_DATA: z.enum(['true', 'false']).optional(),
    /**
     * 32 bytes in base64: seals the secrets kept in the database (the Open Badges signing key). Required in
     * production; elsewhere a development key is made in DATA_DIR (decision 013).
     */
    SECRETS_KEY: z
      .string()
      .refine((v) => readSecretsKey(v) !== undefined, {
        message: 'SECRETS_KEY doit faire 32 octets, écrits en base64 (openssl rand -base64 32)',
      })
      .optional(),
  })
  .refine((e) => e.NODE_ENV !== 'production' || e.SECRETS_KEY, {
    message:
      'SECRETS_KEY est obligatoire en production : 32 octets en base64 (openssl rand -base64 32), gardés hors de la base',
    path: ['SECRETS_KEY'],
  })
  .refine((e) => !e.DKIM_PRIVATE_KEY === !e.DKIM_SELECTOR, {
    message:
      'DKIM_PRIVATE_KEY et DKIM_SELECTOR vont ensemble : la clé et le sélecteur de sa clé publique dans le DNS',
    path: ['DKIM_SELECTOR'],
  })
  .refine((e) => !e.PROCONNECT_ISSUER || (e.PROCONNECT_CLIENT_ID && e.PROCONNECT_CLIENT_SECRET), {
    message: 'PROCONNECT_ISSUER demande aussi PROCONNECT_CLIENT_ID et PROCONNECT_CLIENT_SECRET',
  });

export type Env = z.infer<typeof envSchema>;

export type Config = Omit<Env, 'MAIL_FROM' | 'DEMO_DATA'> & {
  baseUrl: string;
  MAIL_FROM: string;
  DEMO_DATA: 'true' | 'false';
};

export function parseEnv(source: Record<string, string | undefined>): Config {
  const result = envSchema.safeParse(source);
  if (!result.success) {
    const lines = result.error.issues.map((i) => `  ${i.path.join('.') || 'env'}: ${i.message}`);
    throw new Error(`Configuration invalide :\n${lines.join('\n')}`);
  }
  const env = result.data;
  return {
    ...env,
    baseUrl: (env.BASE_URL ?? `http://localhost:${env.PORT}`).replace(/\/$/, ''),
    MAIL_FROM:
      env.MAIL_FROM ?? `${env.NETWORK_NAME.replace(/["<>]/g, '')} <ne-pas-repondre@coopdec.example.org>`,
    // A first start in production on an empty database must not create the demo's accounts.
    DEMO_DATA: env.DEMO_DATA ?? (env.NODE_ENV === 'production' ? 'false' : 'true'),
  };
}

export function loadEnv(): Config {
  return parseEnv(process.env);
}
