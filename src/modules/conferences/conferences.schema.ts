import { sql } from 'drizzle-orm';
import {
  boolean,
  check,
  index,
  integer,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { events, registrations } from '../events/events.schema.ts';
import { groups } from '../groups/groups.schema.ts';
import { people } from '../organisations/organisations.schema.ts';

/**
 * Who comes to the Rencontres, and on what terms: a registration's category decides its fee (member French
 * local governments come free) and is counted against the category's quota.
 */
export const categoryCodes = [
  'member_local_government',
  'local_government',
  'foreign_delegation',
  'partner',
  'exhibitor',
  'speaker',
  'press',
  'staff',
] as const;
export type CategoryCode = (typeof categoryCodes)[number];

/** The kinds of sessions of the seeds' grids (002, 004). */
export const sessionKinds = [
  'plenary',
  'workshop',
  'micro_workshop',
  'country_point',
  'cafe',
  'side_meeting',
  'break',
  'lunch',
  'ceremony',
  'registration_desk',
] as const;
export type SessionKind = (typeof sessionKinds)[number];

export const choiceStatuses = ['confirmed', 'waitlisted', 'cancelled'] as const;
export type ChoiceStatus = (typeof choiceStatuses)[number];

/**
 * An edition of the Rencontres. Its dates, venue, registration window, capacity and waiting list are those
 * of its event of the agenda (`event_id`): registrations and attendance are the agenda's.
 */
export const conferences = pgTable('conferences', {
  id: uuid('id').primaryKey().defaultRandom(),
  eventId: uuid('event_id')
    .notNull()
    .unique()
    .references(() => events.id, { onDelete: 'restrict' }),
  edition: integer('edition'),
  /** The grid's row height: sessions start and end on these steps. */
  slotMinutes: integer('slot_minutes').notNull().default(30),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  archivedAt: timestamp('archived_at', { withTimezone: true }),
});

export const conferenceRooms = pgTable(
  'conference_rooms',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    conferenceId: uuid('conference_id')
      .notNull()
      .references(() => conferences.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    capacity: integer('capacity').notNull(),
    accessible: boolean('accessible').notNull().default(true),
    /** The room's column on the grid, left to right. */
    position: integer('position').notNull().default(0),
  },
  (t) => [
    uniqueIndex('conference_rooms_name_idx').on(t.conferenceId, t.name),
    check('conference_rooms_capacity', sql`${t.capacity} > 0`),
  ],
);

/** A category's terms at one edition: its fee, its quota, whether people choose it themselves. */
export const conferenceCategories = pgTable(
  'conference_categories',
  {
    conferenceId: uuid('conference_id')
      .notNull()
      .references(() => conferences.id, { onDelete: 'cascade' }),
    code: text('code', { enum: categoryCodes }).notNull(),
    feeCents: integer('fee_cents').notNull().default(0),
    quota: integer('quota'),
    /** Chosen by the person or their referent; otherwise only staff gives it (speakers, press, staff). */
    selfService: boolean('self_service').notNull(),
    /** The colour of its badges (a CSS hex colour). */
    colour: text('colour').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.conferenceId, t.code] }),
    check('conference_categories_fee', sql`${t.feeCents} >= 0`),
  ],
);

export const conferenceSessions = pgTable(
  'conference_sessions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    conferenceId: uuid('conference_id')
      .notNull()
      .references(() => conferences.id, { onDelete: 'cascade' }),
    kind: text('kind', { enum: sessionKinds }).notNull(),
    title: text('title').notNull(),
    /** The « note de cadrage ». */
    note: text('note'),
    chair: text('chair'),
    /** Partners named on the programme, as written. */
    partners: text('partners'),
    /** The country group whose point pays this is, or the group a side meeting is of. */
    groupId: uuid('group_id').references(() => groups.id, { onDelete: 'set null' }),
    /** Null: every room (a break, the lunch, the welcome), drawn across the grid. */
    roomId: uuid('room_id').references(() => conferenceRooms.id, { onDelete: 'restrict' }),
    startsAt: timestamp('starts_at', { withTimezone: true }).notNull(),
    endsAt: timestamp('ends_at', { withTimezone: true }).notNull(),
    /** Its own number of seats; the room's otherwise. */
    capacity: integer('capacity'),
    /** Reserved to the people invited (a steering committee meeting inside the Rencontres). */
    invitationOnly: boolean('invitation_only').notNull().default(false),
    cancelledAt: timestamp('cancelled_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('conference_sessions_conference_idx').on(t.conferenceId, t.startsAt),
    check('conference_sessions_times', sql`${t.endsAt} > ${t.startsAt}`),
  ],
);

/** Who speaks at a session: a person of the platform, or a guest named with their title. */
export const conferenceSpeakers = pgTable(
  'conference_speakers',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    sessionId: uuid('session_id')
      .notNull()
      .references(() => conferenceSessions.id, { onDelete: 'cascade' }),
    personId: uuid('person_id').references(() => people.id, { onDelete: 'set null' }),
    name: text('name').notNull(),
    title: text('title'),
    position: integer('position').notNull().default(0),
  },
  (t) => [index('conference_speakers_session_idx').on(t.sessionId), index().on(t.personId)],
);

/** What a registration of the agenda holds when it is a registration to the Rencontres. */
export const conferenceRegistrations = pgTable(
  'conference_registrations',
  {
    registrationId: uuid('registration_id')
      .primaryKey()
      .references(() => registrations.id, { onDelete: 'cascade' }),
    conferenceId: uuid('conference_id')
      .notNull()
      .references(() => conferences.id, { onDelete: 'cascade' }),
    category: text('category', { enum: categoryCodes }).notNull(),
    amountDueCents: integer('amount_due_cents').notNull(),
    /** The days attended (ISO dates); empty: every day. */
    days: text('days').array().notNull().default(sql`'{}'::text[]`),
    lunch: boolean('lunch').notNull().default(false),
    /** Needs told by the person (step-free access, sign language…): seen by staff only. */
    accessibilityNeeds: text('accessibility_needs'),
  },
  (t) => [index('conference_registrations_conference_idx').on(t.conferenceId, t.category)],
);

/** A workshop chosen by a registered person, confirmed within its seats or on its waiting list. */
export const conferenceChoices = pgTable(
  'conference_choices',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    registrationId: uuid('registration_id')
      .notNull()
      .references(() => conferenceRegistrations.registrationId, { onDelete: 'cascade' }),
    sessionId: uuid('session_id')
      .notNull()
      .references(() => conferenceSessions.id, { onDelete: 'cascade' }),
    status: text('status', { enum: choiceStatuses }).notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    cancelledAt: timestamp('cancelled_at', { withTimezone: true }),
    /** Scanned at the workshop's door. */
    presentAt: timestamp('present_at', { withTimezone: true }),
  },
  (t) => [
    uniqueIndex('conference_choices_live_idx')
      .on(t.registrationId, t.sessionId)
      .where(sql`${t.status} <> 'cancelled'`),
    index('conference_choices_session_idx').on(t.sessionId, t.status),
  ],
);

/**
 * Every scan made at the doors, by its nonce (made by the phone that scanned): a scan sent twice (a phone
 * back on the network sending its queue again) is recognised and counts once.
 */
export const conferenceScans = pgTable(
  'conference_scans',
  {
    nonce: text('nonce').primaryKey(),
    conferenceId: uuid('conference_id')
      .notNull()
      .references(() => conferences.id, { onDelete: 'cascade' }),
    registrationId: uuid('registration_id')
      .notNull()
      .references(() => conferenceRegistrations.registrationId, { onDelete: 'cascade' }),
    /** Null: the entrance. */
    sessionId: uuid('session_id').references(() => conferenceSessions.id, { onDelete: 'cascade' }),
    scannedAt: timestamp('scanned_at', { withTimezone: true }).notNull(),
    receivedAt: timestamp('received_at', { withTimezone: true }).notNull().defaultNow(),
    scannedBy: uuid('scanned_by').references(() => people.id, { onDelete: 'set null' }),
  },
  (t) => [index('conference_scans_registration_idx').on(t.registrationId)],
);
