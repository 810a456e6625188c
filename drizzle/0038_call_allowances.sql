CREATE TABLE "call_allowances" (
	"call_id" uuid NOT NULL,
	"organisation_id" uuid NOT NULL,
	"dossiers" smallint NOT NULL,
	"reason" text NOT NULL,
	"granted_by" uuid,
	"granted_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "call_allowances_call_id_organisation_id_pk" PRIMARY KEY("call_id","organisation_id"),
	CONSTRAINT "call_allowances_dossiers" CHECK ("call_allowances"."dossiers" between 2 and 10)
);
--> statement-breakpoint
ALTER TABLE "call_allowances" ADD CONSTRAINT "call_allowances_call_id_calls_id_fk" FOREIGN KEY ("call_id") REFERENCES "public"."calls"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "call_allowances" ADD CONSTRAINT "call_allowances_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "call_allowances" ADD CONSTRAINT "call_allowances_granted_by_people_id_fk" FOREIGN KEY ("granted_by") REFERENCES "public"."people"("id") ON DELETE set null ON UPDATE no action;