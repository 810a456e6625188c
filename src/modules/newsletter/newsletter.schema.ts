import { sql } from 'drizzle-orm';
import {
  check,
  date,
  index,
  integer,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { bytea } from '../../platform/db/columns.ts';
import { people } from '../organisations/organisations.schema.ts';

/**
 * An issue of « La Lettre de Cités Unies France »: a title, the period it covers (its agenda is generated from
 * the events of that period, never retyped), an editorial and its author. A draft until staff publish it: then
 * its web version is public (`/lettre/:id`).
 */
export const newsletterIssues = pgTable(
  'newsletter_issues',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    title: text('title').notNull(),
    periodStart: date('period_start').notNull(),
    periodEnd: date('period_end').notNull(),
    editorial: text('editorial'),
    /** « Virginie Rouquette, directrice générale »: as printed under the editorial. */
    editorialAuthor: text('editorial_author'),
    publishedAt: timestamp('published_at', { withTimezone: true }),
    createdBy: uuid('created_by').references(() => people.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    check('newsletter_issues_period', sql`${t.periodStart} <= ${t.periodEnd}`),
    index('newsletter_issues_period_idx').on(t.periodStart),
  ],
);

/** A section of an issue (« Informations du réseau », « Actualités géographiques »…), in its order. */
export const newsletterSections = pgTable(
  'newsletter_sections',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    issueId: uuid('issue_id')
      .notNull()
      .references(() => newsletterIssues.id, { onDelete: 'cascade' }),
    position: integer('position').notNull(),
    title: text('title').notNull(),
  },
  (t) => [index('newsletter_sections_issue_idx').on(t.issueId, t.position)],
);

/**
 * An image uploaded for an issue (PNG or JPEG, 2 MB at most), served by the platform itself
 * (`/lettre/images/:id`): the mail loads nothing from elsewhere, and the PDF embeds it.
 */
export const newsletterImages = pgTable(
  'newsletter_images',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    issueId: uuid('issue_id')
      .notNull()
      .references(() => newsletterIssues.id, { onDelete: 'cascade' }),
    fileName: text('file_name').notNull(),
    mediaType: text('media_type', { enum: ['image/png', 'image/jpeg'] }).notNull(),
    content: bytea('content').notNull(),
    createdBy: uuid('created_by').references(() => people.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('newsletter_images_issue_idx').on(t.issueId),
    check('newsletter_images_type_check', sql`${t.mediaType} in ('image/png','image/jpeg')`),
  ],
);

/**
 * An item of a section: a title, a text in the site's safe Markdown, « Pour plus d'informations : <lien> », and
 * an image with its alternative text (required: the image says something the text should say too).
 */
export const newsletterItems = pgTable(
  'newsletter_items',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    sectionId: uuid('section_id')
      .notNull()
      .references(() => newsletterSections.id, { onDelete: 'cascade' }),
    position: integer('position').notNull(),
    title: text('title').notNull(),
    body: text('body').notNull(),
    link: text('link'),
    // No action (checked at the end of the statement): deleting a draft takes its items and images together.
    imageId: uuid('image_id').references(() => newsletterImages.id, { onDelete: 'no action' }),
    imageAlt: text('image_alt'),
  },
  (t) => [
    index('newsletter_items_section_idx').on(t.sectionId, t.position),
    index('newsletter_items_image_idx').on(t.imageId),
    check('newsletter_items_image_alt', sql`(${t.imageId} is null) = (${t.imageAlt} is null)`),
  ],
);

/**
 * A reader of the Lettre, by address (kept in lower case: one subscription per address). `pending` until the
 * address is confirmed (double opt-in: nothing is sent before), `confirmed`, `unsubscribed`, or `paused` after a
 * hard failure of delivery (the address refused by its server). `topics` are the reader's choices: « lettre »
 * (La Lettre) and `groupe:<id>` (a group's news). `person_id` links a person of the platform who subscribed
 * from « Mon espace » or whose address it is.
 */
export const newsletterSubscribers = pgTable(
  'newsletter_subscribers',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    email: text('email').notNull(),
    status: text('status', { enum: ['pending', 'confirmed', 'unsubscribed', 'paused'] }).notNull(),
    topics: text('topics').array().notNull().default(sql`'{}'::text[]`),
    personId: uuid('person_id').references(() => people.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    confirmedAt: timestamp('confirmed_at', { withTimezone: true }),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('newsletter_subscribers_email_key').on(t.email),
    index('newsletter_subscribers_person_idx').on(t.personId),
    check('newsletter_subscribers_email_lower', sql`${t.email} = lower(${t.email})`),
    check(
      'newsletter_subscribers_status_check',
      sql`${t.status} in ('pending','confirmed','unsubscribed','paused')`,
    ),
  ],
);

/**
 * The consent record of a subscription: each subscribing, confirming, changing of choices and unsubscribing,
 * when, how (the form, the API, « Mon espace », the mail's one-click link, a link), the very text the reader
 * accepted and where from (the page's address). Kept as long as the subscription, to prove the consent.
 */
export const newsletterConsents = pgTable(
  'newsletter_consents',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    subscriberId: uuid('subscriber_id')
      .notNull()
      .references(() => newsletterSubscribers.id, { onDelete: 'cascade' }),
    action: text('action', { enum: ['subscribe', 'confirm', 'preferences', 'unsubscribe'] }).notNull(),
    method: text('method', { enum: ['form', 'api', 'my_space', 'one_click', 'link', 'staff'] }).notNull(),
    consentText: text('consent_text'),
    topics: text('topics').array(),
    source: text('source'),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('newsletter_consents_subscriber_idx').on(t.subscriberId, t.at)],
);

/**
 * A sending of an issue to a segment: the mail as it was rendered when staff sent it (every reader gets the
 * same, even if the issue is edited during the sending), each reader's link put in at delivery.
 */
export const newsletterSends = pgTable(
  'newsletter_sends',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    issueId: uuid('issue_id')
      .notNull()
      .references(() => newsletterIssues.id, { onDelete: 'restrict' }),
    segment: text('segment').notNull(),
    subject: text('subject').notNull(),
    html: text('html').notNull(),
    text: text('text').notNull(),
    recipients: integer('recipients').notNull(),
    createdBy: uuid('created_by').references(() => people.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('newsletter_sends_issue_idx').on(t.issueId)],
);

/**
 * One reader's copy of an issue: the unique (issue, reader) pair is what makes « each reader once » hold
 * whatever happens (a send started twice, two segments that overlap). Its id is the mail's Message-ID. A
 * worker claims pending deliveries with a lease (`locked_until`) and marks each sent as soon as the SMTP
 * server accepted it: after a crash, only a mail accepted in the instant before can go again, with the same
 * Message-ID. `cancelled`: the reader unsubscribed (or was erased) before their turn.
 */
export const newsletterDeliveries = pgTable(
  'newsletter_deliveries',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    sendId: uuid('send_id')
      .notNull()
      .references(() => newsletterSends.id, { onDelete: 'cascade' }),
    issueId: uuid('issue_id')
      .notNull()
      .references(() => newsletterIssues.id, { onDelete: 'restrict' }),
    subscriberId: uuid('subscriber_id').references(() => newsletterSubscribers.id, { onDelete: 'set null' }),
    email: text('email').notNull(),
    status: text('status', { enum: ['pending', 'sent', 'failed', 'cancelled'] })
      .notNull()
      .default('pending'),
    attempts: integer('attempts').notNull().default(0),
    runAt: timestamp('run_at', { withTimezone: true }).notNull().defaultNow(),
    lockedUntil: timestamp('locked_until', { withTimezone: true }),
    sentAt: timestamp('sent_at', { withTimezone: true }),
    lastError: text('last_error'),
  },
  (t) => [
    uniqueIndex('newsletter_deliveries_reader_key').on(t.issueId, t.subscriberId),
    index('newsletter_deliveries_pending_idx').on(t.sendId, t.runAt).where(sql`${t.status} = 'pending'`),
    check('newsletter_deliveries_status_check', sql`${t.status} in ('pending','sent','failed','cancelled')`),
  ],
);
