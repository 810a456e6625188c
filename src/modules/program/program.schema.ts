import { sql } from 'drizzle-orm';
import {
  boolean,
  check,
  date,
  integer,
  jsonb,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { bytea } from '../../platform/db/columns.ts';
import { events } from '../events/events.schema.ts';
import { people } from '../organisations/organisations.schema.ts';

/** One edition of the certified path (« promotion 2026-2027 »). */
export const programs = pgTable(
  'programs',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    title: text('title').notNull(),
    minSessions: integer('min_sessions').notNull(),
    cohortSize: integer('cohort_size'),
    interestOpensOn: date('interest_opens_on'),
    applicationsOpenAt: timestamp('applications_open_at', { withTimezone: true }),
    applicationsCloseAt: timestamp('applications_close_at', { withTimezone: true }),
    certificatesOn: date('certificates_on'),
    signatoryName: text('signatory_name'),
    signatoryTitle: text('signatory_title'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    check('programs_min_sessions_check', sql`${t.minSessions} >= 1`),
    check('programs_cohort_size_check', sql`${t.cohortSize} is null or ${t.cohortSize} >= 1`),
  ],
);

/** An event of the agenda that is a session of an edition. */
export const programSessions = pgTable(
  'program_sessions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    programId: uuid('program_id')
      .notNull()
      .references(() => programs.id, { onDelete: 'cascade' }),
    eventId: uuid('event_id')
      .notNull()
      .references(() => events.id, { onDelete: 'cascade' }),
    mandatory: boolean('mandatory').notNull().default(false),
    cohortOnly: boolean('cohort_only').notNull().default(false),
  },
  (t) => [uniqueIndex('program_sessions_program_event_key').on(t.programId, t.eventId)],
);

/** « Pré-inscription »: anyone says they are interested before applications open. */
export const expressionsOfInterest = pgTable('expressions_of_interest', {
  id: uuid('id').primaryKey().defaultRandom(),
  programId: uuid('program_id')
    .notNull()
    .references(() => programs.id, { onDelete: 'cascade' }),
  firstName: text('first_name').notNull(),
  lastName: text('last_name').notNull(),
  email: text('email').notNull(),
  organisationName: text('organisation_name').notNull(),
  mandate: text('mandate').notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  /**
   * When the person confirmed the address through the link mailed to it (double opt-in): only confirmed
   * expressions are listed, exported and invited; the others are purged after 7 days.
   */
  confirmedAt: timestamp('confirmed_at', { withTimezone: true }),
  invitedAt: timestamp('invited_at', { withTimezone: true }),
});

export const certificates = pgTable(
  'certificates',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    programId: uuid('program_id')
      .notNull()
      .references(() => programs.id, { onDelete: 'restrict' }),
    /** The holder; null once their identity is erased at their request (`erasedAt`). */
    personId: uuid('person_id').references(() => people.id, { onDelete: 'restrict' }),
    code: text('code').notNull().unique(),
    /** The day it says it was made: the ceremony's when issued for it (decision 013). */
    issuedOn: date('issued_on').notNull(),
    /**
     * What the certificate says, frozen at issue (a later change of mandate does not rewrite it): the holder's
     * name, mandate and organisation, and the title in their form (« Auditrice de Cités Unies France »).
     * The holder's data, the PDF and the credential are emptied when the holder's identity is erased.
     */
    holderName: text('holder_name'),
    holderMandate: text('holder_mandate'),
    organisationName: text('organisation_name'),
    title: text('title'),
    pdf: bytea('pdf'),
    credential: jsonb('credential'),
    /**
     * The format of the stored Open Badges credential (`credentialVersion` in credential.ts). Rows below the
     * current one are re-signed at start (credential-reissue.ts): 1 = the VC-JOSE-COSE token issued first.
     */
    credentialVersion: integer('credential_version').notNull().default(1),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
    revocationReason: text('revocation_reason'),
    issuedBy: uuid('issued_by').references(() => people.id, { onDelete: 'set null' }),
    /** The holder's identity was erased at their request: the certificate stays verifiable, nameless. */
    erasedAt: timestamp('erased_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('certificates_program_person_key').on(t.programId, t.personId),
    // Only an erasure empties what a certificate says of its holder.
    check(
      'certificates_holder_check',
      sql`${t.erasedAt} is not null or (${t.personId} is not null and ${t.holderName} is not null and ${t.pdf} is not null and ${t.credential} is not null)`,
    ),
  ],
);

/** The issuer's signing key for Open Badges credentials (Ed25519), made at first use. */
export const signingKeys = pgTable('signing_keys', {
  id: text('id').primaryKey(),
  publicJwk: jsonb('public_jwk').notNull(),
  /** The private JWK sealed with SECRETS_KEY (platform/secrets.ts `Sealed`), never in clear (decision 013). */
  privateJwk: jsonb('private_jwk').notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});
