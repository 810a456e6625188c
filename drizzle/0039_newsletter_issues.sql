CREATE TABLE "newsletter_issues" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"title" text NOT NULL,
	"period_start" date NOT NULL,
	"period_end" date NOT NULL,
	"editorial" text,
	"editorial_author" text,
	"published_at" timestamp with time zone,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "newsletter_issues_period" CHECK ("newsletter_issues"."period_start" <= "newsletter_issues"."period_end")
);
--> statement-breakpoint
CREATE TABLE "newsletter_items" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"section_id" uuid NOT NULL,
	"position" integer NOT NULL,
	"title" text NOT NULL,
	"body" text NOT NULL,
	"link" text
);
--> statement-breakpoint
CREATE TABLE "newsletter_sections" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"issue_id" uuid NOT NULL,
	"position" integer NOT NULL,
	"title" text NOT NULL
);
--> statement-breakpoint
ALTER TABLE "newsletter_issues" ADD CONSTRAINT "newsletter_issues_created_by_people_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."people"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "newsletter_items" ADD CONSTRAINT "newsletter_items_section_id_newsletter_sections_id_fk" FOREIGN KEY ("section_id") REFERENCES "public"."newsletter_sections"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "newsletter_sections" ADD CONSTRAINT "newsletter_sections_issue_id_newsletter_issues_id_fk" FOREIGN KEY ("issue_id") REFERENCES "public"."newsletter_issues"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "newsletter_issues_period_idx" ON "newsletter_issues" USING btree ("period_start");--> statement-breakpoint
CREATE INDEX "newsletter_items_section_idx" ON "newsletter_items" USING btree ("section_id","position");--> statement-breakpoint
CREATE INDEX "newsletter_sections_issue_idx" ON "newsletter_sections" USING btree ("issue_id","position");