import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  check,
  date,
  foreignKey,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  smallint,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { bytea } from '../../platform/db/columns.ts';
import { applications } from '../applications/applications.schema.ts';
import { events } from '../events/events.schema.ts';
import { organisations, people } from '../organisations/organisations.schema.ts';

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
    /** Who selects (« élus du bureau exécutif, MEAE/DCTCIV, AFD »), as staff write it. */
    committee: text('committee'),
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

/** A question of a call's form: its label, an optional help, whether it must be answered to submit. */
export interface CallQuestion {
  /** Stable within a version (`q1`, `q2`…): the dossier's answers are keyed by it. */
  key: string;
  label: string;
  required: boolean;
}

/**
 * The call's form, versioned: changing the questions once a dossier was written on them makes a new version,
 * and each dossier keeps the one it was written on (its answers are read against it).
 */
export const callForms = pgTable(
  'call_forms',
  {
    callId: uuid('call_id')
      .notNull()
      .references(() => calls.id, { onDelete: 'cascade' }),
    version: smallint('version').notNull(),
    questions: jsonb('questions').$type<CallQuestion[]>().notNull(),
    /** The documents a dossier joins (council decision, budget…), versioned with the questions. */
    attachments: jsonb('attachments').$type<CallQuestion[]>().notNull().default(sql`'[]'::jsonb`),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.callId, t.version] }),
    check('call_forms_version_check', sql`${t.version} > 0`),
  ],
);

/**
 * What a call's dossier holds beyond the pipeline's application: the form's version it was written on, the
 * cost of the support it asks for (counted against the envelope when accepted).
 */
export const callDossiers = pgTable(
  'call_dossiers',
  {
    applicationId: uuid('application_id')
      .primaryKey()
      .references(() => applications.id, { onDelete: 'cascade' }),
    callId: uuid('call_id').notNull(),
    formVersion: smallint('form_version').notNull(),
    requestedCents: bigint('requested_cents', { mode: 'number' }),
  },
  (t) => [
    foreignKey({
      columns: [t.callId, t.formVersion],
      foreignColumns: [callForms.callId, callForms.version],
    }).onDelete('cascade'),
    check('call_dossiers_requested_check', sql`${t.requestedCents} is null or ${t.requestedCents} > 0`),
  ],
);

/** The instructors who follow a dossier (« suivi par moi »); marking a dossier follows it. */
export const callFollowers = pgTable(
  'call_followers',
  {
    applicationId: uuid('application_id')
      .notNull()
      .references(() => applications.id, { onDelete: 'cascade' }),
    personId: uuid('person_id')
      .notNull()
      .references(() => people.id, { onDelete: 'cascade' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.applicationId, t.personId] })],
);

/** The instructors' private annotations on a dossier: never shown to the town (pages, API, mails, exports). */
export const callNotes = pgTable('call_notes', {
  id: uuid('id').primaryKey().defaultRandom(),
  applicationId: uuid('application_id')
    .notNull()
    .references(() => applications.id, { onDelete: 'cascade' }),
  authorId: uuid('author_id').references(() => people.id, { onDelete: 'set null' }),
  body: text('body').notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

/**
 * The dossier's messages between the instructors and the town (one thread per dossier, in order), each mailed
 * to the other side. `key` is the form's: a message sent twice (a double click) is written once.
 */
export const callMessages = pgTable(
  'call_messages',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    applicationId: uuid('application_id')
      .notNull()
      .references(() => applications.id, { onDelete: 'cascade' }),
    authorId: uuid('author_id').references(() => people.id, { onDelete: 'set null' }),
    fromStaff: boolean('from_staff').notNull(),
    body: text('body').notNull(),
    key: uuid('key').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('call_messages_key').on(t.key)],
);

/**
 * An expert asked for an opinion (« avis ») on a dossier: a person inside or outside the network, reached by a
 * link whose token is kept only as its hash. The link gives one opinion, until its expiry; a reminder goes
 * before the deadline, once. A confidential opinion is read by the instructors alone (other experts do not
 * see it); the town never reads any.
 */
export const callExpertRequests = pgTable(
  'call_expert_requests',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    applicationId: uuid('application_id')
      .notNull()
      .references(() => applications.id, { onDelete: 'cascade' }),
    expertName: text('expert_name').notNull(),
    expertEmail: text('expert_email').notNull(),
    /** Why this expert (their field), for the instructors. */
    expertise: text('expertise'),
    question: text('question'),
    confidential: boolean('confidential').notNull().default(false),
    /** The day the opinion is expected (Paris). */
    deadline: date('deadline').notNull(),
    /** After it, the link no longer opens (the deadline and a margin). */
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    tokenHash: text('token_hash').notNull(),
    requestedBy: uuid('requested_by').references(() => people.id, { onDelete: 'set null' }),
    requestedAt: timestamp('requested_at', { withTimezone: true }).notNull().defaultNow(),
    remindedAt: timestamp('reminded_at', { withTimezone: true }),
    cancelledAt: timestamp('cancelled_at', { withTimezone: true }),
    answeredAt: timestamp('answered_at', { withTimezone: true }),
    opinion: text('opinion'),
    body: text('body'),
  },
  (t) => [
    uniqueIndex('call_expert_requests_token_key').on(t.tokenHash),
    check(
      'call_expert_requests_opinion_check',
      sql`${t.opinion} is null or ${t.opinion} in ('favourable', 'reserved', 'unfavourable')`,
    ),
    check('call_expert_requests_answer_check', sql`(${t.answeredAt} is null) = (${t.opinion} is null)`),
  ],
);

export const engagementStatuses = ['planned', 'ongoing', 'completed', 'abandoned'] as const;
export type EngagementStatus = (typeof engagementStatuses)[number];

/**
 * The support that follows an accepted dossier (« accompagnement »): who leads it (a consultant, or a member
 * of staff), its dates, status, objective, and, once done, what it taught the network (« capitalisation »).
 */
export const callEngagements = pgTable(
  'call_engagements',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    applicationId: uuid('application_id')
      .notNull()
      .references(() => applications.id, { onDelete: 'cascade' }),
    callId: uuid('call_id')
      .notNull()
      .references(() => calls.id, { onDelete: 'cascade' }),
    /** The consultant or member of staff who leads it, as the town will read it. */
    lead: text('lead').notNull(),
    leadPersonId: uuid('lead_person_id').references(() => people.id, { onDelete: 'set null' }),
    startsOn: date('starts_on').notNull(),
    endsOn: date('ends_on').notNull(),
    status: text('status', { enum: engagementStatuses }).notNull().default('planned'),
    objective: text('objective').notNull(),
    /** What the engagement taught, for the network's guide (« capitalisation »). */
    capitalisation: text('capitalisation'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('call_engagements_application_key').on(t.applicationId),
    check('call_engagements_dates_check', sql`${t.endsOn} >= ${t.startsOn}`),
    check(
      'call_engagements_status_check',
      sql`${t.status} in ('planned', 'ongoing', 'completed', 'abandoned')`,
    ),
  ],
);

/** A milestone or a deliverable (« stratégie internationale signée ») of an engagement, due then done. */
export const callMilestones = pgTable('call_milestones', {
  id: uuid('id').primaryKey().defaultRandom(),
  engagementId: uuid('engagement_id')
    .notNull()
    .references(() => callEngagements.id, { onDelete: 'cascade' }),
  label: text('label').notNull(),
  deliverable: boolean('deliverable').notNull().default(false),
  dueOn: date('due_on').notNull(),
  doneOn: date('done_on'),
});

/** The documents of an engagement (checked by their content); one may be its capitalisation document. */
export const callDocuments = pgTable('call_documents', {
  id: uuid('id').primaryKey().defaultRandom(),
  engagementId: uuid('engagement_id')
    .notNull()
    .references(() => callEngagements.id, { onDelete: 'cascade' }),
  title: text('title').notNull(),
  fileName: text('file_name').notNull(),
  mimeType: text('mime_type').notNull(),
  content: bytea('content').notNull(),
  capitalisation: boolean('capitalisation').notNull().default(false),
  uploadedBy: uuid('uploaded_by').references(() => people.id, { onDelete: 'set null' }),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

/** A document joined to a dossier for one of its version's expected attachments (checked by its content). */
export const callAttachments = pgTable(
  'call_attachments',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    applicationId: uuid('application_id')
      .notNull()
      .references(() => applications.id, { onDelete: 'cascade' }),
    /** The expected attachment's key in the dossier's form version (`p1`…). */
    key: text('key').notNull(),
    fileName: text('file_name').notNull(),
    mimeType: text('mime_type').notNull(),
    content: bytea('content').notNull(),
    uploadedBy: uuid('uploaded_by').references(() => people.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('call_attachments_key').on(t.applicationId, t.key)],
);

/** The agenda's events linked to a call: its information webinars (« atelier d'information »). */
export const callEvents = pgTable(
  'call_events',
  {
    callId: uuid('call_id')
      .notNull()
      .references(() => calls.id, { onDelete: 'cascade' }),
    eventId: uuid('event_id')
      .notNull()
      .references(() => events.id, { onDelete: 'cascade' }),
  },
  (t) => [primaryKey({ columns: [t.callId, t.eventId] }), index('call_events_event_idx').on(t.eventId)],
);

/** An instructor's saved search on a call's dossiers: a name and the list's address (tab, order, filters). */
export const callSavedSearches = pgTable('call_saved_searches', {
  id: uuid('id').primaryKey().defaultRandom(),
  callId: uuid('call_id')
    .notNull()
    .references(() => calls.id, { onDelete: 'cascade' }),
  personId: uuid('person_id')
    .notNull()
    .references(() => people.id, { onDelete: 'cascade' }),
  name: text('name').notNull(),
  /** The query of the dossiers' list (`onglet=tous&tri=score&region=84`), checked when saved. */
  query: text('query').notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

/**
 * Staff's leave for a town to hold more than one dossier on a call (« un dossier par collectivité, sauf
 * dérogation »): how many in all, and why. Lowering or withdrawing it never removes a dossier already made;
 * it only stops new ones.
 */
export const callAllowances = pgTable(
  'call_allowances',
  {
    callId: uuid('call_id')
      .notNull()
      .references(() => calls.id, { onDelete: 'cascade' }),
    organisationId: uuid('organisation_id')
      .notNull()
      .references(() => organisations.id, { onDelete: 'cascade' }),
    dossiers: smallint('dossiers').notNull(),
    reason: text('reason').notNull(),
    grantedBy: uuid('granted_by').references(() => people.id, { onDelete: 'set null' }),
    grantedAt: timestamp('granted_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.callId, t.organisationId] }),
    check('call_allowances_dossiers', sql`${t.dossiers} between 2 and 10`),
  ],
);
