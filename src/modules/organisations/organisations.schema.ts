import { sql } from 'drizzle-orm';
import {
  boolean,
  check,
  date,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';

import { civilities, membershipStatuses, organisationKinds, personKinds } from './kinds.ts';

export const organisations = pgTable(
  'organisations',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    name: text('name').notNull(),
    kind: text('kind', { enum: organisationKinds }).notNull(),
    siren: text('siren'),
    inseeCode: text('insee_code'),
    country: text('country').notNull().default('FR'),
    regionCode: text('region_code'),
    departementCode: text('departement_code'),
    /** Archived: out of lists and pickers unless asked, its history kept (people, memberships, events). */
    archivedAt: timestamp('archived_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('organisations_siren_key').on(t.siren),
    uniqueIndex('organisations_kind_insee_key').on(t.kind, t.inseeCode),
    index('organisations_name_idx').on(sql`lower(${t.name})`),
    check(
      'organisations_kind_check',
      sql`${t.kind} in ('commune','epci','departement','region','com','foreign_local_government','institution')`,
    ),
    check('organisations_country_check', sql`${t.country} ~ '^[A-Z]{2}$'`),
  ],
);

export const memberships = pgTable(
  'memberships',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organisationId: uuid('organisation_id')
      .notNull()
      .references(() => organisations.id, { onDelete: 'cascade' }),
    year: integer('year').notNull(),
    status: text('status', { enum: membershipStatuses }).notNull(),
    feeCents: integer('fee_cents'),
    currency: text('currency').notNull().default('EUR'),
    paidOn: date('paid_on'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('memberships_organisation_year_key').on(t.organisationId, t.year),
    check('memberships_status_check', sql`${t.status} in ('pending','active','lapsed')`),
    check('memberships_fee_check', sql`${t.feeCents} is null or ${t.feeCents} >= 0`),
    check('memberships_year_check', sql`${t.year} between 1970 and 2200`),
  ],
);

export const people = pgTable(
  'people',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    firstName: text('first_name').notNull(),
    lastName: text('last_name').notNull(),
    email: text('email').notNull(),
    kind: text('kind', { enum: personKinds }).notNull(),
    /** How to address the person (a certificate says « Auditrice » or « Auditeur »); null when unknown. */
    civility: text('civility', { enum: civilities }),
    organisationId: uuid('organisation_id').references(() => organisations.id, { onDelete: 'restrict' }),
    referent: boolean('referent').notNull().default(false),
    oidcSub: text('oidc_sub'),
    disabledAt: timestamp('disabled_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('people_email_key').on(sql`lower(${t.email})`),
    uniqueIndex('people_oidc_sub_key').on(t.oidcSub),
    index('people_organisation_idx').on(t.organisationId),
    check('people_kind_check', sql`${t.kind} in ('elected','officer','staff','partner')`),
    check('people_civility_check', sql`${t.civility} is null or ${t.civility} in ('madame','monsieur')`),
  ],
);

/** Where a person worked, and when: moving a person closes one row and opens another. */
export const affiliations = pgTable(
  'affiliations',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    personId: uuid('person_id')
      .notNull()
      .references(() => people.id, { onDelete: 'cascade' }),
    organisationId: uuid('organisation_id')
      .notNull()
      .references(() => organisations.id, { onDelete: 'cascade' }),
    startsOn: date('starts_on').notNull(),
    endsOn: date('ends_on'),
  },
  (t) => [index('affiliations_person_idx').on(t.personId)],
);

export const mandates = pgTable(
  'mandates',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    personId: uuid('person_id')
      .notNull()
      .references(() => people.id, { onDelete: 'cascade' }),
    organisationId: uuid('organisation_id').references(() => organisations.id, { onDelete: 'set null' }),
    title: text('title').notNull(),
    startsOn: date('starts_on').notNull(),
    endsOn: date('ends_on'),
  },
  (t) => [
    index('mandates_person_idx').on(t.personId),
    check('mandates_dates_check', sql`${t.endsOn} is null or ${t.endsOn} >= ${t.startsOn}`),
  ],
);

/** A file uploaded for import, parsed and kept until staff confirms or abandons it. */
export const imports = pgTable('imports', {
  id: uuid('id').primaryKey().defaultRandom(),
  kind: text('kind', { enum: ['organisations', 'people'] }).notNull(),
  fileName: text('file_name').notNull(),
  rows: jsonb('rows').notNull(),
  rejected: jsonb('rejected').notNull(),
  createdBy: uuid('created_by').references(() => people.id, { onDelete: 'set null' }),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  appliedAt: timestamp('applied_at', { withTimezone: true }),
});

/**
 * A reminder to renew a membership: one per organisation and reminder campaign (« relance n° 2 de 2027 »),
 * decided by the primary key, so that a second click writes nothing. The mails go through the job queue,
 * which fills `sent_at` and `recipients` when it has written them.
 */
export const renewalReminders = pgTable(
  'renewal_reminders',
  {
    year: integer('year').notNull(),
    round: integer('round').notNull(),
    organisationId: uuid('organisation_id')
      .notNull()
      .references(() => organisations.id, { onDelete: 'cascade' }),
    createdBy: uuid('created_by').references(() => people.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    sentAt: timestamp('sent_at', { withTimezone: true }),
    /** How many people were mailed (referents, or the élus when there is no referent). */
    recipients: integer('recipients'),
  },
  (t) => [
    primaryKey({ columns: [t.year, t.round, t.organisationId] }),
    index('renewal_reminders_organisation_idx').on(t.organisationId, t.year),
    check('renewal_reminders_round_check', sql`${t.round} >= 1`),
  ],
);
