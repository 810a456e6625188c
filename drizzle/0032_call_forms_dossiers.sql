CREATE TABLE "call_dossiers" (
	"application_id" uuid PRIMARY KEY NOT NULL,
	"call_id" uuid NOT NULL,
	"form_version" smallint NOT NULL,
	"requested_cents" bigint,
	CONSTRAINT "call_dossiers_requested_check" CHECK ("call_dossiers"."requested_cents" is null or "call_dossiers"."requested_cents" > 0)
);
--> statement-breakpoint
CREATE TABLE "call_followers" (
	"application_id" uuid NOT NULL,
	"person_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "call_followers_application_id_person_id_pk" PRIMARY KEY("application_id","person_id")
);
--> statement-breakpoint
CREATE TABLE "call_forms" (
	"call_id" uuid NOT NULL,
	"version" smallint NOT NULL,
	"questions" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "call_forms_call_id_version_pk" PRIMARY KEY("call_id","version"),
	CONSTRAINT "call_forms_version_check" CHECK ("call_forms"."version" > 0)
);
--> statement-breakpoint
ALTER TABLE "call_dossiers" ADD CONSTRAINT "call_dossiers_application_id_applications_id_fk" FOREIGN KEY ("application_id") REFERENCES "public"."applications"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "call_dossiers" ADD CONSTRAINT "call_dossiers_call_id_form_version_call_forms_call_id_version_fk" FOREIGN KEY ("call_id","form_version") REFERENCES "public"."call_forms"("call_id","version") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "call_followers" ADD CONSTRAINT "call_followers_application_id_applications_id_fk" FOREIGN KEY ("application_id") REFERENCES "public"."applications"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "call_followers" ADD CONSTRAINT "call_followers_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "call_forms" ADD CONSTRAINT "call_forms_call_id_calls_id_fk" FOREIGN KEY ("call_id") REFERENCES "public"."calls"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
-- Calls opened before forms existed get a first version without questions; their dossiers are written on it.
INSERT INTO "call_forms" ("call_id", "version", "questions") SELECT "id", 1, '[]'::jsonb FROM "calls";--> statement-breakpoint
INSERT INTO "call_dossiers" ("application_id", "call_id", "form_version") SELECT "id", "owner_id", 1 FROM "applications" WHERE "scope" = 'calls';
