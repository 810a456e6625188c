-- Written by hand (see 0019_record_changes.sql): the atlas's public pages (map, search, directories,
-- publications) are cached for anonymous visitors under the scope « atlas »; these tables change it.
CREATE CONSTRAINT TRIGGER partnerships_changed AFTER INSERT OR UPDATE OR DELETE ON partnerships
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION record_change('atlas');
--> statement-breakpoint
CREATE CONSTRAINT TRIGGER partnership_sides_changed AFTER INSERT OR UPDATE OR DELETE ON partnership_sides
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION record_change('atlas');
--> statement-breakpoint
CREATE CONSTRAINT TRIGGER partnership_projects_changed AFTER INSERT OR UPDATE OR DELETE ON partnership_projects
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION record_change('atlas');
--> statement-breakpoint
CREATE CONSTRAINT TRIGGER partner_places_changed AFTER INSERT OR UPDATE OR DELETE ON partner_places
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION record_change('atlas');
--> statement-breakpoint
CREATE CONSTRAINT TRIGGER country_directories_changed AFTER INSERT OR UPDATE OR DELETE ON country_directories
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION record_change('atlas');
--> statement-breakpoint
CREATE CONSTRAINT TRIGGER publications_changed AFTER INSERT OR UPDATE OR DELETE ON publications
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION record_change('atlas');
