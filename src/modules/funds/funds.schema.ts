import { sql } from 'drizzle-orm';
import {
  type AnyPgColumn,
  bigint,
  boolean,
  check,
  date,
  index,
  integer,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { events } from '../events/events.schema.ts';
import { organisations, people } from '../organisations/organisations.schema.ts';

export const fundStatuses = ['open', 'closed'] as const;
export type FundStatus = (typeof fundStatuses)[number];

export const movementKinds = ['pledge', 'receipt', 'allocation', 'disbursement', 'reversal'] as const;
export type MovementKind = (typeof movementKinds)[number];

/** The ledger's accounts (accounts.ts gives their French names and chart-of-accounts numbers). */
export const accountCodes = [
  'bank',
  'contributions',
  'pledges_receivable',
  'pledges',
  'allocations',
  'commitments',
] as const;
export type AccountCode = (typeof accountCodes)[number];

export const reportKinds = ['progress', 'final'] as const;
export type ReportKind = (typeof reportKinds)[number];

/** A solidarity fund opened after a crisis (Ukraine, Gaza, Vietnam…). Its money lives in the ledger only. */
export const funds = pgTable(
  'funds',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    name: text('name').notNull(),
    cause: text('cause'),
    /** ISO 3166-1 alpha-2 codes of the countries it helps. */
    countries: text('countries').array().notNull().default(sql`'{}'::text[]`),
    openedOn: date('opened_on').notNull(),
    status: text('status', { enum: fundStatuses }).notNull().default('open'),
    description: text('description'),
    targetCents: bigint('target_cents', { mode: 'number' }),
    /** Where contributors send their money (IBAN, reference to quote): shown to contributors and staff only. */
    bankReference: text('bank_reference'),
    /** The share of the contributors whose vote makes the committee's quorum, in per cent. */
    quorumPercent: integer('quorum_percent').notNull().default(50),
    closedOn: date('closed_on'),
    createdBy: uuid('created_by').references(() => people.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    check('funds_status_check', sql`${t.status} in ('open','closed')`),
    check('funds_closed_check', sql`(${t.status} = 'closed') = (${t.closedOn} is not null)`),
    check('funds_target_check', sql`${t.targetCents} is null or ${t.targetCents} > 0`),
    check('funds_quorum_check', sql`${t.quorumPercent} between 1 and 100`),
  ],
);

/**
 * What a contributing organisation chose: to be named on the public page, and who holds its vote in the
 * committee. Whether it contributes, and how much, is read from the ledger.
 */
export const fundContributors = pgTable(
  'fund_contributors',
  {
    fundId: uuid('fund_id')
      .notNull()
      .references(() => funds.id, { onDelete: 'restrict' }),
    organisationId: uuid('organisation_id')
      .notNull()
      .references(() => organisations.id, { onDelete: 'restrict' }),
    named: boolean('named').notNull().default(false),
    voterId: uuid('voter_id').references(() => people.id, { onDelete: 'set null' }),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.fundId, t.organisationId] })],
);

/**
 * One movement of money: a balanced group of entries (decision 020). Append-only: a trigger refuses
 * UPDATE, DELETE and TRUNCATE; a mistake is corrected by a reversing group naming the one it reverses.
 */
export const ledgerGroups = pgTable(
  'fund_ledger_groups',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    fundId: uuid('fund_id')
      .notNull()
      .references(() => funds.id, { onDelete: 'restrict' }),
    kind: text('kind', { enum: movementKinds }).notNull(),
    /** The day of the movement: a council's decision, a transfer received, a payment made. */
    occurredOn: date('occurred_on').notNull(),
    /** « Délibération n° 2025-114 », a bank transfer's reference, a committee's decision. */
    reference: text('reference'),
    /** The date of a pledge's council decision. */
    decidedOn: date('decided_on'),
    currency: text('currency').notNull().default('EUR'),
    /** The same key twice records once (a double submission, a client's retry). */
    idempotencyKey: text('idempotency_key').notNull().unique(),
    reversesId: uuid('reverses_id')
      .unique()
      .references((): AnyPgColumn => ledgerGroups.id, { onDelete: 'restrict' }),
    reason: text('reason'),
    // Who recorded it is in the audit log: a person merged or erased must not have to change the ledger.
    recordedAt: timestamp('recorded_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('fund_ledger_groups_fund_idx').on(t.fundId, t.occurredOn),
    check(
      'fund_ledger_groups_kind_check',
      sql`${t.kind} in ('pledge','receipt','allocation','disbursement','reversal')`,
    ),
    check('fund_ledger_groups_currency_check', sql`${t.currency} = 'EUR'`),
    check(
      'fund_ledger_groups_reversal_check',
      sql`(${t.kind} = 'reversal') = (${t.reversesId} is not null) and (${t.kind} <> 'reversal' or ${t.reason} is not null)`,
    ),
  ],
);

/** A line of a movement: one account debited or credited. The lines of a group balance (a trigger). */
export const ledgerEntries = pgTable(
  'fund_ledger_entries',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    groupId: uuid('group_id')
      .notNull()
      .references(() => ledgerGroups.id, { onDelete: 'restrict' }),
    line: integer('line').notNull(),
    account: text('account', { enum: accountCodes }).notNull(),
    /** The contributor, on its contributions and pledges. */
    organisationId: uuid('organisation_id').references(() => organisations.id, { onDelete: 'restrict' }),
    /** The project, on its allocation and commitment. */
    allocationId: uuid('allocation_id').references((): AnyPgColumn => allocations.id, {
      onDelete: 'restrict',
    }),
    debitCents: bigint('debit_cents', { mode: 'number' }).notNull().default(0),
    creditCents: bigint('credit_cents', { mode: 'number' }).notNull().default(0),
  },
  (t) => [
    uniqueIndex('fund_ledger_entries_line_key').on(t.groupId, t.line),
    index('fund_ledger_entries_organisation_idx').on(t.organisationId),
    index('fund_ledger_entries_allocation_idx').on(t.allocationId),
    check(
      'fund_ledger_entries_account_check',
      sql`${t.account} in ('bank','contributions','pledges_receivable','pledges','allocations','commitments')`,
    ),
    check(
      'fund_ledger_entries_amount_check',
      sql`(${t.debitCents} > 0 and ${t.creditCents} = 0) or (${t.creditCents} > 0 and ${t.debitCents} = 0)`,
    ),
  ],
);

/** A receipt's acknowledgement number: « 2026-0007 », in sequence without gaps per year. */
export const receipts = pgTable(
  'fund_receipts',
  {
    groupId: uuid('group_id')
      .primaryKey()
      .references(() => ledgerGroups.id, { onDelete: 'restrict' }),
    year: integer('year').notNull(),
    number: integer('number').notNull(),
  },
  (t) => [uniqueIndex('fund_receipts_number_key').on(t.year, t.number)],
);

/** The last receipt number of each year: its row lock hands out the next one. */
export const receiptSequences = pgTable('fund_receipt_sequences', {
  year: integer('year').primaryKey(),
  lastNumber: integer('last_number').notNull(),
});

/** A decision of the donors committee: a project to fund, the votes, the quorum. */
export const decisions = pgTable(
  'fund_decisions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    fundId: uuid('fund_id')
      .notNull()
      .references(() => funds.id, { onDelete: 'restrict' }),
    /** The committee's meeting (an event of the agenda). */
    eventId: uuid('event_id').references(() => events.id, { onDelete: 'set null' }),
    decidedOn: date('decided_on').notNull(),
    /** What was put to the vote, in words (« Reconstruction de l’école de Phu Vang, 40 000 € »). */
    subject: text('subject').notNull(),
    /** The amount put to the vote; an adopted decision allocates it. */
    amountCents: bigint('amount_cents', { mode: 'number' }).notNull(),
    votesFor: integer('votes_for').notNull(),
    votesAgainst: integer('votes_against').notNull(),
    abstentions: integer('abstentions').notNull(),
    /** How many contributors the committee counted that day, and how many votes made the quorum. */
    voters: integer('voters').notNull(),
    quorum: integer('quorum').notNull(),
    quorumMet: boolean('quorum_met').notNull(),
    adopted: boolean('adopted').notNull(),
    /** The same key again records nothing: a decision not adopted has no movement to carry it. */
    idempotencyKey: text('idempotency_key').unique(),
    recordedBy: uuid('recorded_by').references(() => people.id, { onDelete: 'set null' }),
    recordedAt: timestamp('recorded_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('fund_decisions_fund_idx').on(t.fundId, t.decidedOn),
    check('fund_decisions_amount_check', sql`${t.amountCents} > 0`),
    check(
      'fund_decisions_votes_check',
      sql`${t.votesFor} >= 0 and ${t.votesAgainst} >= 0 and ${t.abstentions} >= 0`,
    ),
  ],
);

/** A project the fund pays for. Its amount, commitments and payments are the ledger's. */
export const allocations = pgTable(
  'fund_allocations',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    fundId: uuid('fund_id')
      .notNull()
      .references(() => funds.id, { onDelete: 'restrict' }),
    decisionId: uuid('decision_id').references(() => decisions.id, { onDelete: 'restrict' }),
    /** A foreign local government or an operator (« Mairie de Hué », « Croix-Rouge vietnamienne »). */
    beneficiary: text('beneficiary').notNull(),
    purpose: text('purpose').notNull(),
    country: text('country'),
    recordedAt: timestamp('recorded_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('fund_allocations_fund_idx').on(t.fundId)],
);

/** A « point d’étape » or a final report, of a fund or of one of its projects; public once published. */
export const fundReports = pgTable(
  'fund_reports',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    fundId: uuid('fund_id')
      .notNull()
      .references(() => funds.id, { onDelete: 'restrict' }),
    allocationId: uuid('allocation_id').references(() => allocations.id, { onDelete: 'restrict' }),
    kind: text('kind', { enum: reportKinds }).notNull(),
    title: text('title').notNull(),
    body: text('body').notNull(),
    reportedOn: date('reported_on').notNull(),
    publishedAt: timestamp('published_at', { withTimezone: true }),
    createdBy: uuid('created_by').references(() => people.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('fund_reports_fund_idx').on(t.fundId, t.reportedOn),
    check('fund_reports_kind_check', sql`${t.kind} in ('progress','final')`),
  ],
);

/** A meeting of a fund's donors committee: an event of the agenda linked to the fund. */
export const fundEvents = pgTable(
  'fund_events',
  {
    fundId: uuid('fund_id')
      .notNull()
      .references(() => funds.id, { onDelete: 'cascade' }),
    eventId: uuid('event_id')
      .notNull()
      .references(() => events.id, { onDelete: 'cascade' }),
  },
  (t) => [primaryKey({ columns: [t.fundId, t.eventId] }), index('fund_events_event_idx').on(t.eventId)],
);
