CREATE TABLE "call_criteria" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"call_id" uuid NOT NULL,
	"position" smallint NOT NULL,
	"label" text NOT NULL,
	"weight" smallint NOT NULL,
	CONSTRAINT "call_criteria_weight_check" CHECK ("call_criteria"."weight" between 1 and 100)
);
--> statement-breakpoint
CREATE TABLE "call_scores" (
	"application_id" uuid NOT NULL,
	"criterion_id" uuid NOT NULL,
	"reviewer_id" uuid NOT NULL,
	"score" smallint NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "call_scores_score_check" CHECK ("call_scores"."score" between 0 and 5)
);
--> statement-breakpoint
CREATE TABLE "calls" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"number" integer NOT NULL,
	"title" text NOT NULL,
	"support_kinds" text[] DEFAULT '{}'::text[] NOT NULL,
	"description" text,
	"opens_at" timestamp with time zone NOT NULL,
	"closes_at" timestamp with time zone NOT NULL,
	"envelope_cents" bigint,
	"engagements_planned" integer,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "calls_number_check" CHECK ("calls"."number" > 0),
	CONSTRAINT "calls_window_check" CHECK ("calls"."closes_at" > "calls"."opens_at"),
	CONSTRAINT "calls_envelope_check" CHECK ("calls"."envelope_cents" is null or "calls"."envelope_cents" > 0),
	CONSTRAINT "calls_engagements_check" CHECK ("calls"."engagements_planned" is null or "calls"."engagements_planned" > 0)
);
--> statement-breakpoint
ALTER TABLE "call_criteria" ADD CONSTRAINT "call_criteria_call_id_calls_id_fk" FOREIGN KEY ("call_id") REFERENCES "public"."calls"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "call_scores" ADD CONSTRAINT "call_scores_application_id_applications_id_fk" FOREIGN KEY ("application_id") REFERENCES "public"."applications"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "call_scores" ADD CONSTRAINT "call_scores_criterion_id_call_criteria_id_fk" FOREIGN KEY ("criterion_id") REFERENCES "public"."call_criteria"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "call_scores" ADD CONSTRAINT "call_scores_reviewer_id_people_id_fk" FOREIGN KEY ("reviewer_id") REFERENCES "public"."people"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "calls" ADD CONSTRAINT "calls_created_by_people_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."people"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "call_criteria_call_position_key" ON "call_criteria" USING btree ("call_id","position");--> statement-breakpoint
CREATE UNIQUE INDEX "call_scores_key" ON "call_scores" USING btree ("application_id","criterion_id","reviewer_id");--> statement-breakpoint
CREATE UNIQUE INDEX "calls_number_key" ON "calls" USING btree ("number");