-- Edited by hand: the applicant key of the program's applications is their person (one per person and
-- edition, as before); support calls' applications will key on their organisation.
ALTER TABLE "applications" ADD COLUMN "applicant_key" uuid;--> statement-breakpoint
UPDATE "applications" SET "applicant_key" = "person_id";--> statement-breakpoint
ALTER TABLE "applications" ALTER COLUMN "applicant_key" SET NOT NULL;--> statement-breakpoint
DROP INDEX "applications_scope_owner_person_key";--> statement-breakpoint
CREATE UNIQUE INDEX "applications_scope_owner_applicant_key" ON "applications" USING btree ("scope","owner_id","applicant_key");
