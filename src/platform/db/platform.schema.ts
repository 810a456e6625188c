import { sql } from 'drizzle-orm';
import {
  bigint,
  bigserial,
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

/** Every write, who made it and when (UTC). Kept apart from the rows it describes, never updated. */
export const auditLog = pgTable(
  'audit_log',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
    actorId: uuid('actor_id'),
    action: text('action').notNull(),
    entity: text('entity').notNull(),
    entityId: text('entity_id'),
    data: jsonb('data'),
  },
  (t) => [index('audit_log_entity_idx').on(t.entity, t.entityId)],
);

/** The durable job queue (outbox): a job is written in the transaction of the data it follows. */
export const jobs = pgTable(
  'jobs',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    kind: text('kind').notNull(),
    payload: jsonb('payload').notNull(),
    runAt: timestamp('run_at', { withTimezone: true }).notNull().defaultNow(),
    attempts: integer('attempts').notNull().default(0),
    lockedUntil: timestamp('locked_until', { withTimezone: true }),
    lastError: text('last_error'),
    doneAt: timestamp('done_at', { withTimezone: true }),
    failedAt: timestamp('failed_at', { withTimezone: true }),
    /** A recurring job's kind: at most one of them waits at any time (see `schedules` in queue.ts). */
    scheduled: text('scheduled'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('jobs_pending_idx').on(t.runAt).where(sql`${t.doneAt} is null and ${t.failedAt} is null`),
    uniqueIndex('jobs_scheduled_key')
      .on(t.scheduled)
      .where(sql`${t.doneAt} is null and ${t.failedAt} is null`),
  ],
);

/** Every mail the platform writes; sent through the job queue, kept for the development page. */
export const mails = pgTable('mails', {
  id: uuid('id').primaryKey().defaultRandom(),
  to: text('to').notNull(),
  subject: text('subject').notNull(),
  html: text('html').notNull(),
  text: text('text').notNull(),
  /**
   * An iTIP calendar part (RFC 5546: `REQUEST` adds or updates a meeting, `CANCEL` removes it), kept with
   * the mail so that a mail sent again after a crash carries the same one.
   */
  calendarMethod: text('calendar_method', { enum: ['REQUEST', 'CANCEL'] }),
  calendar: text('calendar'),
  /** Set for a mail that must be written only once (« confirmation of registration R »). */
  dedupeKey: text('dedupe_key').unique(),
  /** A secret the mail carries (a sign-in link), sealed, put in at sending and then forgotten. */
  secret: jsonb('secret'),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  sentAt: timestamp('sent_at', { withTimezone: true }),
});

/**
 * Every mail that left the platform (the outbox's and the Lettre's), by the verification code printed in its
 * footer and by its Message-ID: what the public page « Vérifier un courriel » answers (when, which subject, to
 * which address, masked). No content and no full address: a code found tells only what the mail itself shows.
 */
export const mailRegister = pgTable('mail_register', {
  code: text('code').primaryKey(),
  messageId: text('message_id').notNull().unique(),
  subject: text('subject').notNull(),
  /** « c•••@ville-exemple.fr ». */
  recipientMasked: text('recipient_masked').notNull(),
  sentAt: timestamp('sent_at', { withTimezone: true }).notNull().defaultNow(),
});

/** Requests counted per client (an address, or an API token's hash) and window, shared by every process. */
export const rateLimits = pgTable(
  'rate_limits',
  {
    key: text('key').notNull(),
    windowStart: timestamp('window_start', { withTimezone: true }).notNull(),
    count: integer('count').notNull(),
  },
  (t) => [primaryKey({ columns: [t.key, t.windowStart] })],
);

/**
 * How many times the data behind each module's public pages changed, and when last (« agenda », « program »…):
 * the validators (ETag, Last-Modified) of those pages, read in one indexed query. The rows are kept by
 * triggers on the module's tables (`record_change('<scope>')`, see drizzle/0019_record_changes.sql), fired
 * at commit in the writing transaction: no write can forget to say it changed something.
 */
export const changes = pgTable('changes', {
  scope: text('scope').primaryKey(),
  version: bigint('version', { mode: 'number' }).notNull().default(0),
  changedAt: timestamp('changed_at', { withTimezone: true }).notNull().defaultNow(),
});
