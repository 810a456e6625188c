// The only reader of process.env: the environment is parsed once, at boot, and fails fast.
import { z } from 'zod';
import './validation.ts';

const duration = z.coerce.number().int().positive();

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
    MAIL_FROM: z.string().min(3).default('Coopdec <ne-pas-repondre@coopdec.example.org>'),
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
    JOBS_POLL_MS: z.coerce.number().int().min(10).max(60_000).default(1000),
    DEMO_DATA: z.enum(['true', 'false']).default('true'),
  })
  .refine((e) => !e.PROCONNECT_ISSUER || (e.PROCONNECT_CLIENT_ID && e.PROCONNECT_CLIENT_SECRET), {
    message: 'PROCONNECT_ISSUER demande aussi PROCONNECT_CLIENT_ID et PROCONNECT_CLIENT_SECRET',
  });

export type Env = z.infer<typeof envSchema>;

export type Config = Env & { baseUrl: string };

export function parseEnv(source: Record<string, string | undefined>): Config {
  const result = envSchema.safeParse(source);
  if (!result.success) {
    const lines = result.error.issues.map((i) => `  ${i.path.join('.') || 'env'}: ${i.message}`);
    throw new Error(`Configuration invalide :\n${lines.join('\n')}`);
  }
  const env = result.data;
  return { ...env, baseUrl: (env.BASE_URL ?? `http://localhost:${env.PORT}`).replace(/\/$/, '') };
}

export function loadEnv(): Config {
  return parseEnv(process.env);
}
