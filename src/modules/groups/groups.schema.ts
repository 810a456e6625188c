import { sql } from 'drizzle-orm';
import {
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
import { bytea } from '../../platform/db/columns.ts';
import { events } from '../events/events.schema.ts';
import { organisations, people } from '../organisations/organisations.schema.ts';

export const groupKinds = ['country', 'thematic', 'mission'] as const;
export type GroupKind = (typeof groupKinds)[number];

export const groupStatuses = ['active', 'dormant'] as const;
export type GroupStatus = (typeof groupStatuses)[number];

export const roadmapStatuses = ['planned', 'in_progress', 'done', 'dropped'] as const;
export type RoadmapStatus = (typeof roadmapStatuses)[number];

export const documentVisibilities = ['public', 'members'] as const;
export type DocumentVisibility = (typeof documentVisibilities)[number];

/** A country group, a thematic dynamic or a cross-cutting mission of the network. */
export const groups = pgTable(
  'groups',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    kind: text('kind', { enum: groupKinds }).notNull(),
    name: text('name').notNull(),
    slug: text('slug').notNull().unique(),
    /** ISO 3166-1 alpha-2 codes: one for a country group, several for a dynamic such as Sahel. */
    countries: text('countries').array().notNull().default(sql`'{}'::text[]`),
    description: text('description'),
    status: text('status', { enum: groupStatuses }).notNull().default('active'),
    /** An archived group leaves the lists; its history (chairs, meetings, documents) stays. */
    archivedAt: timestamp('archived_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    check('groups_kind_check', sql`${t.kind} in ('country','thematic','mission')`),
    check('groups_status_check', sql`${t.status} in ('active','dormant')`),
  ],
);

/** A chair's term: appointing the next one ends it the day before. */
export const groupChairs = pgTable(
  'group_chairs',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    groupId: uuid('group_id')
      .notNull()
      .references(() => groups.id, { onDelete: 'cascade' }),
    personId: uuid('person_id')
      .notNull()
      .references(() => people.id, { onDelete: 'cascade' }),
    /** The local government the chair came from when appointed (the person may move later). */
    organisationId: uuid('organisation_id').references(() => organisations.id, { onDelete: 'set null' }),
    startsOn: date('starts_on').notNull(),
    endsOn: date('ends_on'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    // One open term per group: two staff appointing at once cannot leave two chairs.
    uniqueIndex('group_chairs_open_key').on(t.groupId).where(sql`${t.endsOn} is null`),
    index('group_chairs_group_idx').on(t.groupId, t.startsOn),
    check('group_chairs_dates_check', sql`${t.endsOn} is null or ${t.endsOn} >= ${t.startsOn}`),
  ],
);

/** Member organisations of a group. */
export const groupMembers = pgTable(
  'group_members',
  {
    groupId: uuid('group_id')
      .notNull()
      .references(() => groups.id, { onDelete: 'cascade' }),
    organisationId: uuid('organisation_id')
      .notNull()
      .references(() => organisations.id, { onDelete: 'cascade' }),
    addedBy: uuid('added_by').references(() => people.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.groupId, t.organisationId] }),
    index('group_members_organisation_idx').on(t.organisationId),
  ],
);

/** People who follow a group: they receive its invitations and news. */
export const groupFollowers = pgTable(
  'group_followers',
  {
    groupId: uuid('group_id')
      .notNull()
      .references(() => groups.id, { onDelete: 'cascade' }),
    personId: uuid('person_id')
      .notNull()
      .references(() => people.id, { onDelete: 'cascade' }),
    addedBy: uuid('added_by').references(() => people.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.groupId, t.personId] }),
    index('group_followers_person_idx').on(t.personId),
  ],
);

/** A meeting of a group: an event of the agenda linked to it (an event may belong to several groups). */
export const groupEvents = pgTable(
  'group_events',
  {
    groupId: uuid('group_id')
      .notNull()
      .references(() => groups.id, { onDelete: 'cascade' }),
    eventId: uuid('event_id')
      .notNull()
      .references(() => events.id, { onDelete: 'cascade' }),
  },
  (t) => [primaryKey({ columns: [t.groupId, t.eventId] }), index('group_events_event_idx').on(t.eventId)],
);

/**
 * Who was invited to a group's meeting, once: the primary key is what keeps a second press, or two staff
 * pressing together, from mailing anyone twice. `remindedAt` marks the reminder sent 7 days before.
 */
export const groupInvitations = pgTable(
  'group_invitations',
  {
    eventId: uuid('event_id')
      .notNull()
      .references(() => events.id, { onDelete: 'cascade' }),
    personId: uuid('person_id')
      .notNull()
      .references(() => people.id, { onDelete: 'cascade' }),
    invitedBy: uuid('invited_by').references(() => people.id, { onDelete: 'set null' }),
    invitedAt: timestamp('invited_at', { withTimezone: true }).notNull().defaultNow(),
    remindedAt: timestamp('reminded_at', { withTimezone: true }),
  },
  (t) => [primaryKey({ columns: [t.eventId, t.personId] })],
);

/** An item of a group's roadmap (« préparer les Assises franco-marocaines »). */
export const roadmapItems = pgTable(
  'group_roadmap_items',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    groupId: uuid('group_id')
      .notNull()
      .references(() => groups.id, { onDelete: 'cascade' }),
    title: text('title').notNull(),
    dueOn: date('due_on'),
    status: text('status', { enum: roadmapStatuses }).notNull().default('planned'),
    eventId: uuid('event_id').references(() => events.id, { onDelete: 'set null' }),
    ownerOrganisationId: uuid('owner_organisation_id').references(() => organisations.id, {
      onDelete: 'set null',
    }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('group_roadmap_items_group_idx').on(t.groupId, t.dueOn),
    check('group_roadmap_items_status_check', sql`${t.status} in ('planned','in_progress','done','dropped')`),
  ],
);

/** Minutes and documents of a group, or of one of its meetings; public, or for the group's members. */
export const groupDocuments = pgTable(
  'group_documents',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    groupId: uuid('group_id')
      .notNull()
      .references(() => groups.id, { onDelete: 'cascade' }),
    eventId: uuid('event_id').references(() => events.id, { onDelete: 'set null' }),
    kind: text('kind', { enum: ['minutes', 'document'] }).notNull(),
    visibility: text('visibility', { enum: documentVisibilities }).notNull(),
    title: text('title').notNull(),
    fileName: text('file_name').notNull(),
    mimeType: text('mime_type').notNull(),
    size: integer('size').notNull(),
    content: bytea('content').notNull(),
    uploadedBy: uuid('uploaded_by').references(() => people.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('group_documents_group_idx').on(t.groupId),
    check('group_documents_visibility_check', sql`${t.visibility} in ('public','members')`),
  ],
);
