import { sql } from 'drizzle-orm';
import { check, index, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { organisations, people } from '../organisations/organisations.schema.ts';

// Secrets (session ids, magic links, API tokens) are stored only as SHA-256 hashes.

export const sessions = pgTable(
  'sessions',
  {
    idHash: text('id_hash').primaryKey(),
    personId: uuid('person_id')
      .notNull()
      .references(() => people.id, { onDelete: 'cascade' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    lastSeenAt: timestamp('last_seen_at', { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('sessions_person_idx').on(t.personId)],
);

export const signInTokens = pgTable(
  'sign_in_tokens',
  {
    tokenHash: text('token_hash').primaryKey(),
    personId: uuid('person_id')
      .notNull()
      .references(() => people.id, { onDelete: 'cascade' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    usedAt: timestamp('used_at', { withTimezone: true }),
  },
  (t) => [index('sign_in_tokens_person_idx').on(t.personId, t.createdAt)],
);

export const apiTokens = pgTable('api_tokens', {
  id: uuid('id').primaryKey().defaultRandom(),
  tokenHash: text('token_hash').notNull().unique(),
  personId: uuid('person_id')
    .notNull()
    .references(() => people.id, { onDelete: 'cascade' }),
  label: text('label').notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  lastUsedAt: timestamp('last_used_at', { withTimezone: true }),
  /** After it, the token opens nothing (optional: a token for a one-off integration). */
  expiresAt: timestamp('expires_at', { withTimezone: true }),
  revokedAt: timestamp('revoked_at', { withTimezone: true }),
});

export const accountRequestStatuses = ['pending', 'approved', 'declined'] as const;
export const requestedKinds = ['elected', 'officer', 'partner'] as const;

/**
 * « Demander un compte »: someone without an account asks for one; staff approves (the person is created,
 * or the existing one linked, and mailed a sign-in link) or declines with a reason. One pending request
 * per address, decided by the unique index; a request not answered by `expires_at` is purged.
 */
export const accountRequests = pgTable(
  'account_requests',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    firstName: text('first_name').notNull(),
    lastName: text('last_name').notNull(),
    email: text('email').notNull(),
    kind: text('kind', { enum: requestedKinds }).notNull(),
    /** A known organisation picked in the form. */
    organisationId: uuid('organisation_id').references(() => organisations.id, { onDelete: 'set null' }),
    /** Or a French local government of the official reference not known yet (created on approval). */
    referenceKind: text('reference_kind'),
    referenceCode: text('reference_code'),
    /** The organisation as the requester named it (or the name of the one picked). */
    organisationName: text('organisation_name').notNull(),
    /** What they do there: « adjointe au maire déléguée aux relations internationales ». */
    role: text('role'),
    message: text('message'),
    status: text('status', { enum: accountRequestStatuses }).notNull().default('pending'),
    decidedBy: uuid('decided_by').references(() => people.id, { onDelete: 'set null' }),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
    declineReason: text('decline_reason'),
    /** The person created or linked on approval. */
    personId: uuid('person_id').references(() => people.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    uniqueIndex('account_requests_pending_email_key')
      .on(sql`lower(${t.email})`)
      .where(sql`${t.status} = 'pending'`),
    index('account_requests_status_idx').on(t.status, t.createdAt),
    check('account_requests_status_check', sql`${t.status} in ('pending','approved','declined')`),
    check('account_requests_kind_check', sql`${t.kind} in ('elected','officer','partner')`),
  ],
);
