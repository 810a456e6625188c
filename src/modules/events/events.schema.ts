import { sql } from 'drizzle-orm';
import {
  boolean,
  check,
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
import { bytea } from '../../platform/db/columns.ts';
import { organisations, people } from '../organisations/organisations.schema.ts';

export const eventKinds = [
  'meeting',
  'workshop',
  'symposium',
  'conference',
  'webinar',
  'field_mission',
  'forum',
  'steering_committee',
  'board_meeting',
  'session',
] as const;
export type EventKind = (typeof eventKinds)[number];

export const eventFormats = ['in_person', 'hybrid', 'online'] as const;
export type EventFormat = (typeof eventFormats)[number];

export const registrationStatuses = ['confirmed', 'waitlisted', 'cancelled'] as const;
export type RegistrationStatus = (typeof registrationStatuses)[number];

export const attendanceModes = ['in_person', 'online'] as const;
export type AttendanceMode = (typeof attendanceModes)[number];

/**
 * To whom staff writes about an event: its confirmed registrants, its waiting list, the people present,
 * the confirmed ones who were not there (once it has started), or all of them.
 */
export const messageAudiences = ['confirmed', 'waitlisted', 'present', 'absent', 'all'] as const;
export type MessageAudience = (typeof messageAudiences)[number];

/** A series of events (« Chroniques géopolitiques »): its sessions are events, numbered within seasons. */
export const eventSeries = pgTable('event_series', {
  id: uuid('id').primaryKey().defaultRandom(),
  title: text('title').notNull().unique(),
  description: text('description'),
  /** What the series calls the guest of a session: « Invité·e » (a researcher), « Grand témoin »… */
  guestLabel: text('guest_label'),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

export const events = pgTable(
  'events',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    title: text('title').notNull(),
    theme: text('theme'),
    kind: text('kind', { enum: eventKinds }).notNull(),
    format: text('format', { enum: eventFormats }).notNull(),
    /** A key of the audiences the modules define (see eligibility.ts). */
    audience: text('audience').notNull(),
    startsAt: timestamp('starts_at', { withTimezone: true }).notNull(),
    endsAt: timestamp('ends_at', { withTimezone: true }).notNull(),
    capacity: integer('capacity'),
    registrationOpensAt: timestamp('registration_opens_at', { withTimezone: true }),
    registrationClosesAt: timestamp('registration_closes_at', { withTimezone: true }),
    venue: text('venue'),
    onlineUrl: text('online_url'),
    description: text('description'),
    seriesId: uuid('series_id').references(() => eventSeries.id, { onDelete: 'set null' }),
    /** Within a series: the season (« Saison 6 ») and the session's number in it (« 2e session »). */
    season: integer('season'),
    sessionNumber: integer('session_number'),
    /** The guest of the session: « Dorothée Schmid, directrice de programme à l’IFRI ». */
    guest: text('guest'),
    /** Dates announced but not confirmed yet (shown as « date provisoire »). */
    provisional: boolean('provisional').notNull().default(false),
    /**
     * Revision of the event as calendars know it (iCalendar SEQUENCE): raised by each change and by the
     * cancellation, so that a calendar replaces its copy with the newer one.
     */
    sequence: integer('sequence').notNull().default(0),
    /** The start before the last change of date (schema.org `previousStartDate`, « reporté »). */
    previousStartsAt: timestamp('previous_starts_at', { withTimezone: true }),
    cancelledAt: timestamp('cancelled_at', { withTimezone: true }),
    cancellationReason: text('cancellation_reason'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('events_starts_at_idx').on(t.startsAt),
    // The agenda, its count and the feeds keep the events not over yet (`ends_at >= today`): without it they
    // read every past event, a list that only grows (EXPLAIN ANALYZE in decision 016).
    index('events_ends_at_idx').on(t.endsAt),
    check('events_dates_check', sql`${t.endsAt} >= ${t.startsAt}`),
    check('events_capacity_check', sql`${t.capacity} is null or ${t.capacity} >= 0`),
    check('events_season_check', sql`${t.season} is null or ${t.season} >= 1`),
    check('events_session_number_check', sql`${t.sessionNumber} is null or ${t.sessionNumber} >= 1`),
    index('events_series_season_idx').on(t.seriesId, t.season, t.sessionNumber),
  ],
);

/** Organisers and partners of an event. */
export const eventOrganisations = pgTable(
  'event_organisations',
  {
    eventId: uuid('event_id')
      .notNull()
      .references(() => events.id, { onDelete: 'cascade' }),
    organisationId: uuid('organisation_id')
      .notNull()
      .references(() => organisations.id, { onDelete: 'cascade' }),
    role: text('role', { enum: ['organiser', 'partner'] }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.eventId, t.organisationId] })],
);

/** The invitation list of a `restricted` event (a steering committee, say). */
export const eventInvitations = pgTable(
  'event_invitations',
  {
    eventId: uuid('event_id')
      .notNull()
      .references(() => events.id, { onDelete: 'cascade' }),
    personId: uuid('person_id')
      .notNull()
      .references(() => people.id, { onDelete: 'cascade' }),
  },
  (t) => [primaryKey({ columns: [t.eventId, t.personId] })],
);

export const registrations = pgTable(
  'registrations',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    eventId: uuid('event_id')
      .notNull()
      .references(() => events.id, { onDelete: 'cascade' }),
    personId: uuid('person_id')
      .notNull()
      .references(() => people.id, { onDelete: 'cascade' }),
    status: text('status', { enum: registrationStatuses }).notNull(),
    mode: text('mode', { enum: attendanceModes }),
    registeredBy: uuid('registered_by').references(() => people.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    promotedAt: timestamp('promoted_at', { withTimezone: true }),
    cancelledAt: timestamp('cancelled_at', { withTimezone: true }),
  },
  (t) => [
    // One live registration per person and event; a cancelled one does not block a new one.
    uniqueIndex('registrations_live_key').on(t.eventId, t.personId).where(sql`${t.status} <> 'cancelled'`),
    index('registrations_event_status_idx').on(t.eventId, t.status, t.createdAt),
    check('registrations_status_check', sql`${t.status} in ('confirmed','waitlisted','cancelled')`),
  ],
);

/** Who was there: the one source of truth for certificates and reports. */
export const attendance = pgTable(
  'attendance',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    eventId: uuid('event_id')
      .notNull()
      .references(() => events.id, { onDelete: 'cascade' }),
    personId: uuid('person_id')
      .notNull()
      .references(() => people.id, { onDelete: 'cascade' }),
    source: text('source', { enum: ['check_in', 'qr', 'import'] }).notNull(),
    /** Minutes connected, for online attendance imported from a video-call report. */
    minutes: integer('minutes'),
    recordedBy: uuid('recorded_by').references(() => people.id, { onDelete: 'set null' }),
    recordedAt: timestamp('recorded_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('attendance_event_person_key').on(t.eventId, t.personId)],
);

export const eventDocuments = pgTable(
  'event_documents',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    eventId: uuid('event_id')
      .notNull()
      .references(() => events.id, { onDelete: 'cascade' }),
    kind: text('kind', { enum: ['minutes', 'document'] }).notNull(),
    title: text('title').notNull(),
    fileName: text('file_name').notNull(),
    mimeType: text('mime_type').notNull(),
    size: integer('size').notNull(),
    content: bytea('content').notNull(),
    uploadedBy: uuid('uploaded_by').references(() => people.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('event_documents_event_idx').on(t.eventId)],
);

/** The secret address of a person's « my registrations » calendar feed; revocable. */
export const calendarFeeds = pgTable('calendar_feeds', {
  personId: uuid('person_id')
    .primaryKey()
    .references(() => people.id, { onDelete: 'cascade' }),
  tokenHash: text('token_hash').notNull().unique(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

/** A video-call attendance report read into a preview, applied once staff confirms. */
export const attendanceImports = pgTable('attendance_imports', {
  id: uuid('id').primaryKey().defaultRandom(),
  eventId: uuid('event_id')
    .notNull()
    .references(() => events.id, { onDelete: 'cascade' }),
  fileName: text('file_name').notNull(),
  minMinutes: integer('min_minutes').notNull(),
  /** Matched people, people below the minimum duration, and unmatched lines. */
  report: jsonb('report').notNull(),
  createdBy: uuid('created_by').references(() => people.id, { onDelete: 'set null' }),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  appliedAt: timestamp('applied_at', { withTimezone: true }),
});

/**
 * A message staff wrote to an event's registrants, kept on the event. `digest` names what was sent (the
 * audience, subject and text): the same message is recorded, and mailed, once — a second press of the
 * button or a retried API call finds it there.
 */
export const eventMessages = pgTable(
  'event_messages',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    eventId: uuid('event_id')
      .notNull()
      .references(() => events.id, { onDelete: 'cascade' }),
    subject: text('subject').notNull(),
    body: text('body').notNull(),
    audience: text('audience', { enum: messageAudiences }).notNull(),
    recipients: integer('recipients').notNull(),
    digest: text('digest').notNull(),
    sentBy: uuid('sent_by').references(() => people.id, { onDelete: 'set null' }),
    sentAt: timestamp('sent_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('event_messages_digest_key').on(t.eventId, t.digest),
    index('event_messages_event_idx').on(t.eventId, t.sentAt),
    check(
      'event_messages_audience_check',
      sql`${t.audience} in ('confirmed','waitlisted','present','absent','all')`,
    ),
  ],
);
