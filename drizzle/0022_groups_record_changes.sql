-- Written by hand (Drizzle cannot declare triggers; see 0019_record_changes.sql): the agenda's public pages
-- name the groups an event belongs to (« Réunion du groupe-pays Japon »), so renaming a group or linking a
-- meeting to it changes the agenda's validators (ETag, Last-Modified).
CREATE CONSTRAINT TRIGGER groups_changed AFTER INSERT OR UPDATE OR DELETE ON groups
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION record_change('agenda');
--> statement-breakpoint
CREATE CONSTRAINT TRIGGER group_events_changed AFTER INSERT OR UPDATE OR DELETE ON group_events
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION record_change('agenda');
