-- The program's applications become the applications module's: one table for every owner's pipeline
-- (scope + owner's record id), answers as JSON, reviewers' opinions. Every existing application is kept,
-- with its id (the API and the audit log name it), its status and its decision.
CREATE TABLE "application_reviews" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"application_id" uuid NOT NULL,
	"reviewer_id" uuid NOT NULL,
	"opinion" text NOT NULL,
	"score" integer,
	"note" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "application_reviews_opinion_check" CHECK ("application_reviews"."opinion" in ('favourable','reserved','unfavourable')),
	CONSTRAINT "application_reviews_score_check" CHECK ("application_reviews"."score" is null or ("application_reviews"."score" >= 0 and "application_reviews"."score" <= 20))
);
--> statement-breakpoint
ALTER TABLE "applications" DROP CONSTRAINT "applications_status_check";--> statement-breakpoint
-- scope and owner_id are filled below before they become NOT NULL (drizzle-kit would add them NOT NULL at
-- once, which fails on a table that has rows).
ALTER TABLE "applications" ADD COLUMN "scope" text;--> statement-breakpoint
ALTER TABLE "applications" ADD COLUMN "owner_id" uuid;--> statement-breakpoint
ALTER TABLE "applications" ADD COLUMN "organisation_id" uuid;--> statement-breakpoint
ALTER TABLE "applications" ADD COLUMN "answers" jsonb DEFAULT '{}'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "applications" ADD COLUMN "submitted_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "applications" RENAME COLUMN "decision_comment" TO "decision_motivation";--> statement-breakpoint
-- Data: every application so far is the program's. Its three answers move into `answers` (an answer not
-- given stays absent), it was submitted when it was made, from the applicant's organisation of today.
UPDATE "applications" SET
	"scope" = 'program',
	"owner_id" = "program_id",
	"submitted_at" = "created_at",
	"answers" = jsonb_strip_nulls(jsonb_build_object(
		'mandate', "mandate",
		'motivation', "motivation",
		'availability', "availability"
	)),
	"organisation_id" = (SELECT "people"."organisation_id" FROM "people" WHERE "people"."id" = "applications"."person_id");--> statement-breakpoint
ALTER TABLE "applications" ALTER COLUMN "scope" SET NOT NULL;--> statement-breakpoint
ALTER TABLE "applications" ALTER COLUMN "owner_id" SET NOT NULL;--> statement-breakpoint
ALTER TABLE "applications" DROP CONSTRAINT "applications_program_id_programs_id_fk";--> statement-breakpoint
DROP INDEX "applications_program_person_key";--> statement-breakpoint
ALTER TABLE "applications" DROP COLUMN "program_id";--> statement-breakpoint
ALTER TABLE "applications" DROP COLUMN "mandate";--> statement-breakpoint
ALTER TABLE "applications" DROP COLUMN "motivation";--> statement-breakpoint
ALTER TABLE "applications" DROP COLUMN "availability";--> statement-breakpoint
ALTER TABLE "application_reviews" ADD CONSTRAINT "application_reviews_application_id_applications_id_fk" FOREIGN KEY ("application_id") REFERENCES "public"."applications"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "application_reviews" ADD CONSTRAINT "application_reviews_reviewer_id_people_id_fk" FOREIGN KEY ("reviewer_id") REFERENCES "public"."people"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "application_reviews_application_reviewer_key" ON "application_reviews" USING btree ("application_id","reviewer_id");--> statement-breakpoint
ALTER TABLE "applications" ADD CONSTRAINT "applications_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "applications_scope_owner_person_key" ON "applications" USING btree ("scope","owner_id","person_id");--> statement-breakpoint
ALTER TABLE "applications" ADD CONSTRAINT "applications_status_check" CHECK ("applications"."status" in ('draft','submitted','in_review','accepted','rejected','closed','waitlisted'));
