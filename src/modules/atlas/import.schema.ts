import { jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { people } from '../organisations/organisations.schema.ts';

/**
 * A file of partnerships in the MEAE Atlas's style, read and waiting for staff's confirmation (import.ts):
 * its lines as read (`lines`, the cells by column) and what the preview said of each (`preview`); once
 * applied, what was done (`report`). Kept apart from the organisations' imports, whose lines are another shape.
 */
export const atlasImports = pgTable('atlas_imports', {
  id: uuid('id').primaryKey().defaultRandom(),
  fileName: text('file_name').notNull(),
  lines: jsonb('lines').notNull(),
  preview: jsonb('preview').notNull(),
  report: jsonb('report'),
  createdBy: uuid('created_by').references(() => people.id, { onDelete: 'set null' }),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  appliedAt: timestamp('applied_at', { withTimezone: true }),
});
