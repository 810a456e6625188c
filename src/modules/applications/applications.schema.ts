import { sql } from 'drizzle-orm';
import { check, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { organisations, people } from '../organisations/organisations.schema.ts';
import { applicationStatuses, maxScore, opinionKinds } from './statuses.ts';

const statusList = sql.raw(applicationStatuses.map((s) => `'${s}'`).join(','));
const opinionList = sql.raw(opinionKinds.map((s) => `'${s}'`).join(','));

/**
 * One application to one record of an owner module (`scope` `program` and the edition's id, `calls` and a
 * support call's): one per applicant and record — the applicant being a person (the program) or an
 * organisation (a support call), as the owner's pipeline says. The answers are the owner's form.
 */
export const applications = pgTable(
  'applications',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** The owner module's pipeline (`program`). */
    scope: text('scope').notNull(),
    /** The owner's record applied to (an edition of the program). No foreign key: it is another module's. */
    ownerId: uuid('owner_id').notNull(),
    personId: uuid('person_id')
      .notNull()
      .references(() => people.id, { onDelete: 'cascade' }),
    /** The organisation the applicant applied from, when there is one. */
    organisationId: uuid('organisation_id').references(() => organisations.id, { onDelete: 'set null' }),
    /**
     * Who applies, for the rule « one application per applicant and record »: the person's id, or the
     * organisation's for a pipeline whose applicants are organisations.
     */
    applicantKey: uuid('applicant_key').notNull(),
    status: text('status', { enum: applicationStatuses }).notNull().default('submitted'),
    answers: jsonb('answers').$type<Record<string, unknown>>().notNull().default({}),
    submittedBy: uuid('submitted_by').references(() => people.id, { onDelete: 'set null' }),
    submittedAt: timestamp('submitted_at', { withTimezone: true }),
    decidedBy: uuid('decided_by').references(() => people.id, { onDelete: 'set null' }),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
    /** The decision's motivation, sent to the applicant with it. */
    decisionMotivation: text('decision_motivation'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('applications_scope_owner_applicant_key').on(t.scope, t.ownerId, t.applicantKey),
    check('applications_status_check', sql`${t.status} in (${statusList})`),
  ],
);

/** A reviewer's opinion on an application (« avis d’expert »), with a private note the applicant never sees. */
export const applicationReviews = pgTable(
  'application_reviews',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    applicationId: uuid('application_id')
      .notNull()
      .references(() => applications.id, { onDelete: 'cascade' }),
    reviewerId: uuid('reviewer_id')
      .notNull()
      .references(() => people.id, { onDelete: 'cascade' }),
    opinion: text('opinion', { enum: opinionKinds }).notNull(),
    score: integer('score'),
    note: text('note'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('application_reviews_application_reviewer_key').on(t.applicationId, t.reviewerId),
    check('application_reviews_opinion_check', sql`${t.opinion} in (${opinionList})`),
    check(
      'application_reviews_score_check',
      sql`${t.score} is null or (${t.score} >= 0 and ${t.score} <= ${sql.raw(String(maxScore))})`,
    ),
  ],
);
