import { sql } from 'drizzle-orm';
import {
  bigint,
  bigserial,
  check,
  customType,
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
import { organisations, people } from '../organisations/organisations.schema.ts';

export const partnershipKinds = [
  'twinning',
  'decentralised_cooperation',
  'friendship_pact',
  'memorandum',
  'other',
] as const;
export type PartnershipKind = (typeof partnershipKinds)[number];

export const partnershipStatuses = ['active', 'dormant', 'ended'] as const;
export type PartnershipStatus = (typeof partnershipStatuses)[number];

export const contributionStatuses = ['pending', 'accepted', 'rejected'] as const;
export type ContributionStatus = (typeof contributionStatuses)[number];

/** PostgreSQL's full-text document (a `tsvector`), written by SQL only (search.ts). */
const tsvector = customType<{ data: string }>({ dataType: () => 'tsvector' });

/**
 * A partnership between one or several French organisations and a foreign local government. The columns
 * after `description` are derived (search.ts `reindex`): the search document and the facets' values, kept on
 * the row so that a search with facets reads one table.
 */
export const partnerships = pgTable(
  'partnerships',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    partnerOrganisationId: uuid('partner_organisation_id')
      .notNull()
      .references(() => organisations.id, { onDelete: 'restrict' }),
    kind: text('kind', { enum: partnershipKinds }).notNull(),
    since: integer('since'),
    status: text('status', { enum: partnershipStatuses }).notNull(),
    agreementReference: text('agreement_reference'),
    agreementOn: date('agreement_on'),
    themes: text('themes').array().notNull().default(sql`'{}'::text[]`),
    description: text('description'),
    /** Out of the atlas, its history kept. */
    archivedAt: timestamp('archived_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    // Derived by reindex():
    country: text('country').notNull().default(''),
    frenchRegions: text('french_regions').array().notNull().default(sql`'{}'::text[]`),
    frenchDepartements: text('french_departements').array().notNull().default(sql`'{}'::text[]`),
    frenchKinds: text('french_kinds').array().notNull().default(sql`'{}'::text[]`),
    coFunders: text('co_funders').array().notNull().default(sql`'{}'::text[]`),
    /** The partners' names, folded (lower case, no accent): matched by trigrams for misspelt names. */
    names: text('names').notNull().default(''),
    search: tsvector('search'),
  },
  (t) => [
    index('partnerships_partner_idx').on(t.partnerOrganisationId),
    index('partnerships_search_idx').using('gin', t.search),
    index('partnerships_names_trgm_idx').using('gin', sql`${t.names} gin_trgm_ops`),
    index('partnerships_country_idx').on(t.country, t.status),
    index('partnerships_themes_idx').using('gin', t.themes),
    index('partnerships_regions_idx').using('gin', t.frenchRegions),
    check(
      'partnerships_kind_check',
      sql`${t.kind} in ('twinning','decentralised_cooperation','friendship_pact','memorandum','other')`,
    ),
    check('partnerships_status_check', sql`${t.status} in ('active','dormant','ended')`),
    check('partnerships_since_check', sql`${t.since} is null or ${t.since} between 1900 and 2200`),
  ],
);

/** The French side: one organisation, or several for a joint partnership (`position` keeps their order). */
export const partnershipSides = pgTable(
  'partnership_sides',
  {
    partnershipId: uuid('partnership_id')
      .notNull()
      .references(() => partnerships.id, { onDelete: 'cascade' }),
    organisationId: uuid('organisation_id')
      .notNull()
      .references(() => organisations.id, { onDelete: 'restrict' }),
    position: integer('position').notNull().default(0),
  },
  (t) => [
    primaryKey({ columns: [t.partnershipId, t.organisationId] }),
    index('partnership_sides_organisation_idx').on(t.organisationId),
  ],
);

/** People of the platform to contact about a partnership. */
export const partnershipContacts = pgTable(
  'partnership_contacts',
  {
    partnershipId: uuid('partnership_id')
      .notNull()
      .references(() => partnerships.id, { onDelete: 'cascade' }),
    personId: uuid('person_id')
      .notNull()
      .references(() => people.id, { onDelete: 'cascade' }),
  },
  (t) => [
    primaryKey({ columns: [t.partnershipId, t.personId] }),
    index('partnership_contacts_person_idx').on(t.personId),
  ],
);

export const partnershipProjects = pgTable(
  'partnership_projects',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    partnershipId: uuid('partnership_id')
      .notNull()
      .references(() => partnerships.id, { onDelete: 'cascade' }),
    title: text('title').notNull(),
    startYear: integer('start_year').notNull(),
    endYear: integer('end_year'),
    /** Integer cents of `currency`: never a float for money. */
    budgetCents: bigint('budget_cents', { mode: 'number' }),
    currency: text('currency').notNull().default('EUR'),
    coFunders: text('co_funders').array().notNull().default(sql`'{}'::text[]`),
    themes: text('themes').array().notNull().default(sql`'{}'::text[]`),
    description: text('description'),
    place: text('place'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('partnership_projects_partnership_idx').on(t.partnershipId),
    check('partnership_projects_years_check', sql`${t.endYear} is null or ${t.endYear} >= ${t.startYear}`),
    check('partnership_projects_budget_check', sql`${t.budgetCents} is null or ${t.budgetCents} >= 0`),
    check('partnership_projects_currency_check', sql`${t.currency} ~ '^[A-Z]{3}$'`),
  ],
);

/** Where a foreign local government is, below its country (province, région, prefecture), when known. */
export const partnerPlaces = pgTable('partner_places', {
  organisationId: uuid('organisation_id')
    .primaryKey()
    .references(() => organisations.id, { onDelete: 'cascade' }),
  region: text('region').notNull(),
});

/**
 * Every state a partnership has had, in order: who changed it, when, from where (staff, a contribution, an
 * import). Its history and the moderation's diff compare two snapshots.
 */
export const partnershipVersions = pgTable(
  'partnership_versions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** The order of versions, also within one transaction (where now() does not change). */
    seq: bigserial('seq', { mode: 'number' }).notNull(),
    partnershipId: uuid('partnership_id')
      .notNull()
      .references(() => partnerships.id, { onDelete: 'cascade' }),
    snapshot: jsonb('snapshot').notNull(),
    changedBy: uuid('changed_by').references(() => people.id, { onDelete: 'set null' }),
    source: text('source').notNull(),
    changedAt: timestamp('changed_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('partnership_versions_partnership_idx').on(t.partnershipId, t.seq),
    check('partnership_versions_source_check', sql`${t.source} in ('staff','contribution','import')`),
  ],
);

/**
 * A referent's proposal (the « appel à contribution »): a new partnership or a change to one of their
 * organisation's, waiting for staff in the moderation queue. `proposal` has the shape of a snapshot.
 */
export const partnershipContributions = pgTable(
  'partnership_contributions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    partnershipId: uuid('partnership_id').references(() => partnerships.id, { onDelete: 'cascade' }),
    organisationId: uuid('organisation_id')
      .notNull()
      .references(() => organisations.id, { onDelete: 'cascade' }),
    proposedBy: uuid('proposed_by').references(() => people.id, { onDelete: 'set null' }),
    proposal: jsonb('proposal').notNull(),
    note: text('note'),
    status: text('status', { enum: contributionStatuses }).notNull().default('pending'),
    decidedBy: uuid('decided_by').references(() => people.id, { onDelete: 'set null' }),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
    reason: text('reason'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('partnership_contributions_status_idx').on(t.status, t.createdAt),
    index('partnership_contributions_organisation_idx').on(t.organisationId),
    check('partnership_contributions_status_check', sql`${t.status} in ('pending','accepted','rejected')`),
  ],
);

/** A country's directory: the introduction on its decentralisation, edited by staff. */
export const countryDirectories = pgTable(
  'country_directories',
  {
    country: text('country').primaryKey(),
    introduction: text('introduction').notNull().default(''),
    updatedBy: uuid('updated_by').references(() => people.id, { onDelete: 'set null' }),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [check('country_directories_country_check', sql`${t.country} ~ '^[A-Z]{2}$'`)],
);

export const publicationKinds = ['guide', 'brochure', 'report'] as const;
export type PublicationKind = (typeof publicationKinds)[number];

/** The network's publications besides the directories (which are made from the data): guides, brochures. */
export const publications = pgTable(
  'publications',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    kind: text('kind', { enum: publicationKinds }).notNull(),
    title: text('title').notNull(),
    description: text('description'),
    editedOn: date('edited_on').notNull(),
    /** Where to read or order it (a page of the site or of the network). */
    url: text('url'),
    archivedAt: timestamp('archived_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('publications_title_key').on(t.title, t.editedOn),
    check('publications_kind_check', sql`${t.kind} in ('guide','brochure','report')`),
  ],
);
