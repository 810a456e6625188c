-- Written by hand: the Drizzle schema cannot declare functions or triggers. The public pages' validators
-- (ETag, Last-Modified; src/platform/http/caching.ts) read `changes`; these triggers keep it, so that no
-- write, present or future, can change a public page without changing its validators.
-- Constraint triggers fire at commit (deferred): the scope's row is locked only while the transaction
-- commits, not while it does its work (a registration holds its event's lock meanwhile).
-- A new module's tables join a scope, its own or another's, with lines of the same form in its migration:
--   CREATE CONSTRAINT TRIGGER <table>_changed AFTER INSERT OR UPDATE OR DELETE ON <table>
--     DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION record_change('<scope>');
CREATE FUNCTION record_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  -- Every scope's row first, always in the same order: two transactions that write to two scopes cannot wait
  -- for each other (a deadlock); the commits that change public data pass one at a time, for a commit's time.
  PERFORM 1 FROM changes ORDER BY scope FOR UPDATE;
  INSERT INTO changes (scope, version, changed_at) VALUES (TG_ARGV[0], 1, clock_timestamp())
  ON CONFLICT (scope) DO UPDATE SET version = changes.version + 1, changed_at = clock_timestamp();
  RETURN NULL;
END
$$;
--> statement-breakpoint
-- The tables each public page reads, by scope (src/platform/http/caching.ts; `cache` of each page).
DO $$
DECLARE t record;
BEGIN
  FOR t IN SELECT * FROM (VALUES
    ('events', 'agenda'), ('event_series', 'agenda'), ('registrations', 'agenda'),
    ('event_organisations', 'agenda'), ('event_documents', 'agenda'),
    ('organisations', 'organisations'),
    ('programs', 'program'), ('program_sessions', 'program'),
    ('text_versions', 'content')
  ) AS v (tbl, scope) LOOP
    EXECUTE format(
      'CREATE CONSTRAINT TRIGGER %I AFTER INSERT OR UPDATE OR DELETE ON %I '
      'DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION record_change(%L)',
      t.tbl || '_changed', t.tbl, t.scope);
  END LOOP;
END
$$;
