import { sql } from 'drizzle-orm';
import { check, date, index, integer, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
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

/** An item of a section: a title, a text in the site's safe Markdown, and « Pour plus d'informations : <lien> ». */
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
  },
  (t) => [index('newsletter_items_section_idx').on(t.sectionId, t.position)],
);
