CREATE TABLE "account_requests" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"first_name" text NOT NULL,
	"last_name" text NOT NULL,
	"email" text NOT NULL,
	"kind" text NOT NULL,
	"organisation_id" uuid,
	"reference_kind" text,
	"reference_code" text,
	"organisation_name" text NOT NULL,
	"role" text,
	"message" text,
	"status" text DEFAULT 'pending' NOT NULL,
	"decided_by" uuid,
	"decided_at" timestamp with time zone,
	"decline_reason" text,
	"person_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	CONSTRAINT "account_requests_status_check" CHECK ("account_requests"."status" in ('pending','approved','declined')),
	CONSTRAINT "account_requests_kind_check" CHECK ("account_requests"."kind" in ('elected','officer','partner'))
);
--> statement-breakpoint
CREATE TABLE "renewal_reminders" (
	"year" integer NOT NULL,
	"round" integer NOT NULL,
	"organisation_id" uuid NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"sent_at" timestamp with time zone,
	"recipients" integer,
	CONSTRAINT "renewal_reminders_year_round_organisation_id_pk" PRIMARY KEY("year","round","organisation_id"),
	CONSTRAINT "renewal_reminders_round_check" CHECK ("renewal_reminders"."round" >= 1)
);
--> statement-breakpoint
ALTER TABLE "organisations" ADD COLUMN "archived_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "account_requests" ADD CONSTRAINT "account_requests_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "account_requests" ADD CONSTRAINT "account_requests_decided_by_people_id_fk" FOREIGN KEY ("decided_by") REFERENCES "public"."people"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "account_requests" ADD CONSTRAINT "account_requests_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "renewal_reminders" ADD CONSTRAINT "renewal_reminders_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "renewal_reminders" ADD CONSTRAINT "renewal_reminders_created_by_people_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."people"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "account_requests_pending_email_key" ON "account_requests" USING btree (lower("email")) WHERE "account_requests"."status" = 'pending';--> statement-breakpoint
CREATE INDEX "account_requests_status_idx" ON "account_requests" USING btree ("status","created_at");--> statement-breakpoint
CREATE INDEX "renewal_reminders_organisation_idx" ON "renewal_reminders" USING btree ("organisation_id","year");