import { bigserial, index, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { people } from '../organisations/organisations.schema.ts';

/** Each saved version of a text of the site (the newest one is shown); never updated, so the history stays. */
export const textVersions = pgTable(
  'text_versions',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    key: text('key').notNull(),
    body: text('body').notNull(),
    savedBy: uuid('saved_by').references(() => people.id, { onDelete: 'set null' }),
    savedAt: timestamp('saved_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('text_versions_key_idx').on(t.key, t.id)],
);
