import { sql } from 'drizzle-orm';
import {
  boolean,
  check,
  customType,
  date,
  integer,
  jsonb,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { events } from '../events/events.schema.ts';
import { people } from '../organisations/organisations.schema.ts';

const bytea = customType<{ data: Buffer; driverData: Buffer | Uint8Array }>({
  dataType: () => 'bytea',
  fromDriver: (value) => Buffer.from(value),
});

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
  invitedAt: timestamp('invited_at', { withTimezone: true }),
});

export const certificates = pgTable(
  'certificates',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    programId: uuid('program_id')
      .notNull()
      .references(() => programs.id, { onDelete: 'restrict' }),
    personId: uuid('person_id')
      .notNull()
      .references(() => people.id, { onDelete: 'restrict' }),
    code: text('code').notNull().unique(),
    issuedOn: date('issued_on').notNull(),
    /** What the certificate says, frozen at issue (a later change of mandate does not rewrite it). */
    holderName: text('holder_name').notNull(),
    holderMandate: text('holder_mandate'),
    organisationName: text('organisation_name'),
    pdf: bytea('pdf').notNull(),
    credential: jsonb('credential').notNull(),
    /**
     * The format of the stored Open Badges credential (`credentialVersion` in credential.ts). Rows below the
     * current one are re-signed at start (credential-reissue.ts): 1 = the VC-JOSE-COSE token issued first.
     */
    credentialVersion: integer('credential_version').notNull().default(1),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
    revocationReason: text('revocation_reason'),
    issuedBy: uuid('issued_by').references(() => people.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('certificates_program_person_key').on(t.programId, t.personId)],
);

/** The issuer's signing key for Open Badges credentials (Ed25519), made at first use. */
export const signingKeys = pgTable('signing_keys', {
  id: text('id').primaryKey(),
  publicJwk: jsonb('public_jwk').notNull(),
  privateJwk: jsonb('private_jwk').notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});
