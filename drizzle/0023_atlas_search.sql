-- Written by hand (Drizzle cannot declare extensions or text search configurations): the atlas's search in
-- plain French (decision 019). `unaccent` folds accents, `french_stem` stems (« coopérations » and
-- « coopération » meet), `pg_trgm` matches misspelt names. PGlite loads both extensions in its constructor
-- (src/platform/db/client.ts); every PostgreSQL server ships them in its contrib.
CREATE EXTENSION IF NOT EXISTS unaccent;
--> statement-breakpoint
CREATE EXTENSION IF NOT EXISTS pg_trgm;
--> statement-breakpoint
CREATE TEXT SEARCH CONFIGURATION coopdec_fr (COPY = french);
--> statement-breakpoint
ALTER TEXT SEARCH CONFIGURATION coopdec_fr
  ALTER MAPPING FOR hword, hword_part, word WITH unaccent, french_stem;
