import { sql } from 'drizzle-orm';
import {
  bigint,
  check,
  integer,
  pgTable,
  smallint,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { applications } from '../applications/applications.schema.ts';
import { people } from '../organisations/organisations.schema.ts';

/**
 * A support call (« appel DCOL »), numbered as the network counts them (the 12th, launched in May 2025):
 * its window in Paris time, the kinds of support it offers, its budget envelope and how many engagements it
 * plans. Its applications are the pipeline's (`applications`, scope `calls`): one dossier per local
 * government.
 */
export const calls = pgTable(
  'calls',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    number: integer('number').notNull(),
    title: text('title').notNull(),
    /** What the call offers: strategy, project design, co-funding search, climate… */
    supportKinds: text('support_kinds').array().notNull().default(sql`'{}'::text[]`),
    description: text('description'),
    opensAt: timestamp('opens_at', { withTimezone: true }).notNull(),
    closesAt: timestamp('closes_at', { withTimezone: true }).notNull(),
    /** What the accepted dossiers may cost together, in cents. */
    envelopeCents: bigint('envelope_cents', { mode: 'number' }),
    engagementsPlanned: integer('engagements_planned'),
    createdBy: uuid('created_by').references(() => people.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('calls_number_key').on(t.number),
    check('calls_number_check', sql`${t.number} > 0`),
    check('calls_window_check', sql`${t.closesAt} > ${t.opensAt}`),
    check('calls_envelope_check', sql`${t.envelopeCents} is null or ${t.envelopeCents} > 0`),
    check('calls_engagements_check', sql`${t.engagementsPlanned} is null or ${t.engagementsPlanned} > 0`),
  ],
);

/** The call's grid: each criterion weighs in the dossier's score (0 to 5 each, the weighted mean computed). */
export const callCriteria = pgTable(
  'call_criteria',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    callId: uuid('call_id')
      .notNull()
      .references(() => calls.id, { onDelete: 'cascade' }),
    position: smallint('position').notNull(),
    label: text('label').notNull(),
    weight: smallint('weight').notNull(),
  },
  (t) => [
    uniqueIndex('call_criteria_call_position_key').on(t.callId, t.position),
    check('call_criteria_weight_check', sql`${t.weight} between 1 and 100`),
  ],
);

/** One instructor's mark of one dossier on one criterion; the instructor changes it in place. */
export const callScores = pgTable(
  'call_scores',
  {
    applicationId: uuid('application_id')
      .notNull()
      .references(() => applications.id, { onDelete: 'cascade' }),
    criterionId: uuid('criterion_id')
      .notNull()
      .references(() => callCriteria.id, { onDelete: 'cascade' }),
    reviewerId: uuid('reviewer_id')
      .notNull()
      .references(() => people.id, { onDelete: 'cascade' }),
    score: smallint('score').notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('call_scores_key').on(t.applicationId, t.criterionId, t.reviewerId),
    check('call_scores_score_check', sql`${t.score} between 0 and 5`),
  ],
);
