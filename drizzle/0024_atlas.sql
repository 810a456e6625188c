CREATE TABLE "country_directories" (
	"country" text PRIMARY KEY NOT NULL,
	"introduction" text DEFAULT '' NOT NULL,
	"updated_by" uuid,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "country_directories_country_check" CHECK ("country_directories"."country" ~ '^[A-Z]{2}$')
);
--> statement-breakpoint
CREATE TABLE "partner_places" (
	"organisation_id" uuid PRIMARY KEY NOT NULL,
	"region" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "partnership_contacts" (
	"partnership_id" uuid NOT NULL,
	"person_id" uuid NOT NULL,
	CONSTRAINT "partnership_contacts_partnership_id_person_id_pk" PRIMARY KEY("partnership_id","person_id")
);
--> statement-breakpoint
CREATE TABLE "partnership_contributions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"partnership_id" uuid,
	"organisation_id" uuid NOT NULL,
	"proposed_by" uuid,
	"proposal" jsonb NOT NULL,
	"note" text,
	"status" text DEFAULT 'pending' NOT NULL,
	"decided_by" uuid,
	"decided_at" timestamp with time zone,
	"reason" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "partnership_contributions_status_check" CHECK ("partnership_contributions"."status" in ('pending','accepted','rejected'))
);
--> statement-breakpoint
CREATE TABLE "partnership_projects" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"partnership_id" uuid NOT NULL,
	"title" text NOT NULL,
	"start_year" integer NOT NULL,
	"end_year" integer,
	"budget_cents" bigint,
	"currency" text DEFAULT 'EUR' NOT NULL,
	"co_funders" text[] DEFAULT '{}'::text[] NOT NULL,
	"themes" text[] DEFAULT '{}'::text[] NOT NULL,
	"description" text,
	"place" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "partnership_projects_years_check" CHECK ("partnership_projects"."end_year" is null or "partnership_projects"."end_year" >= "partnership_projects"."start_year"),
	CONSTRAINT "partnership_projects_budget_check" CHECK ("partnership_projects"."budget_cents" is null or "partnership_projects"."budget_cents" >= 0),
	CONSTRAINT "partnership_projects_currency_check" CHECK ("partnership_projects"."currency" ~ '^[A-Z]{3}$')
);
--> statement-breakpoint
CREATE TABLE "partnership_sides" (
	"partnership_id" uuid NOT NULL,
	"organisation_id" uuid NOT NULL,
	"position" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "partnership_sides_partnership_id_organisation_id_pk" PRIMARY KEY("partnership_id","organisation_id")
);
--> statement-breakpoint
CREATE TABLE "partnership_versions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"seq" bigserial NOT NULL,
	"partnership_id" uuid NOT NULL,
	"snapshot" jsonb NOT NULL,
	"changed_by" uuid,
	"source" text NOT NULL,
	"changed_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "partnership_versions_source_check" CHECK ("partnership_versions"."source" in ('staff','contribution','import'))
);
--> statement-breakpoint
CREATE TABLE "partnerships" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"partner_organisation_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"since" integer,
	"status" text NOT NULL,
	"agreement_reference" text,
	"agreement_on" date,
	"themes" text[] DEFAULT '{}'::text[] NOT NULL,
	"description" text,
	"archived_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"country" text DEFAULT '' NOT NULL,
	"french_regions" text[] DEFAULT '{}'::text[] NOT NULL,
	"french_departements" text[] DEFAULT '{}'::text[] NOT NULL,
	"french_kinds" text[] DEFAULT '{}'::text[] NOT NULL,
	"co_funders" text[] DEFAULT '{}'::text[] NOT NULL,
	"names" text DEFAULT '' NOT NULL,
	"search" "tsvector",
	CONSTRAINT "partnerships_kind_check" CHECK ("partnerships"."kind" in ('twinning','decentralised_cooperation','friendship_pact','memorandum','other')),
	CONSTRAINT "partnerships_status_check" CHECK ("partnerships"."status" in ('active','dormant','ended')),
	CONSTRAINT "partnerships_since_check" CHECK ("partnerships"."since" is null or "partnerships"."since" between 1900 and 2200)
);
--> statement-breakpoint
CREATE TABLE "publications" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"kind" text NOT NULL,
	"title" text NOT NULL,
	"description" text,
	"edited_on" date NOT NULL,
	"url" text,
	"archived_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "publications_kind_check" CHECK ("publications"."kind" in ('guide','brochure','report'))
);
--> statement-breakpoint
ALTER TABLE "country_directories" ADD CONSTRAINT "country_directories_updated_by_people_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."people"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "partner_places" ADD CONSTRAINT "partner_places_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "partnership_contacts" ADD CONSTRAINT "partnership_contacts_partnership_id_partnerships_id_fk" FOREIGN KEY ("partnership_id") REFERENCES "public"."partnerships"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "partnership_contacts" ADD CONSTRAINT "partnership_contacts_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "partnership_contributions" ADD CONSTRAINT "partnership_contributions_partnership_id_partnerships_id_fk" FOREIGN KEY ("partnership_id") REFERENCES "public"."partnerships"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "partnership_contributions" ADD CONSTRAINT "partnership_contributions_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "partnership_contributions" ADD CONSTRAINT "partnership_contributions_proposed_by_people_id_fk" FOREIGN KEY ("proposed_by") REFERENCES "public"."people"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "partnership_contributions" ADD CONSTRAINT "partnership_contributions_decided_by_people_id_fk" FOREIGN KEY ("decided_by") REFERENCES "public"."people"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "partnership_projects" ADD CONSTRAINT "partnership_projects_partnership_id_partnerships_id_fk" FOREIGN KEY ("partnership_id") REFERENCES "public"."partnerships"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "partnership_sides" ADD CONSTRAINT "partnership_sides_partnership_id_partnerships_id_fk" FOREIGN KEY ("partnership_id") REFERENCES "public"."partnerships"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "partnership_sides" ADD CONSTRAINT "partnership_sides_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "partnership_versions" ADD CONSTRAINT "partnership_versions_partnership_id_partnerships_id_fk" FOREIGN KEY ("partnership_id") REFERENCES "public"."partnerships"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "partnership_versions" ADD CONSTRAINT "partnership_versions_changed_by_people_id_fk" FOREIGN KEY ("changed_by") REFERENCES "public"."people"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "partnerships" ADD CONSTRAINT "partnerships_partner_organisation_id_organisations_id_fk" FOREIGN KEY ("partner_organisation_id") REFERENCES "public"."organisations"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "partnership_contacts_person_idx" ON "partnership_contacts" USING btree ("person_id");--> statement-breakpoint
CREATE INDEX "partnership_contributions_status_idx" ON "partnership_contributions" USING btree ("status","created_at");--> statement-breakpoint
CREATE INDEX "partnership_contributions_organisation_idx" ON "partnership_contributions" USING btree ("organisation_id");--> statement-breakpoint
CREATE INDEX "partnership_projects_partnership_idx" ON "partnership_projects" USING btree ("partnership_id");--> statement-breakpoint
CREATE INDEX "partnership_sides_organisation_idx" ON "partnership_sides" USING btree ("organisation_id");--> statement-breakpoint
CREATE INDEX "partnership_versions_partnership_idx" ON "partnership_versions" USING btree ("partnership_id","seq");--> statement-breakpoint
CREATE INDEX "partnerships_partner_idx" ON "partnerships" USING btree ("partner_organisation_id");--> statement-breakpoint
CREATE INDEX "partnerships_search_idx" ON "partnerships" USING gin ("search");--> statement-breakpoint
CREATE INDEX "partnerships_names_trgm_idx" ON "partnerships" USING gin ("names" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "partnerships_country_idx" ON "partnerships" USING btree ("country","status");--> statement-breakpoint
CREATE INDEX "partnerships_themes_idx" ON "partnerships" USING gin ("themes");--> statement-breakpoint
CREATE INDEX "partnerships_regions_idx" ON "partnerships" USING gin ("french_regions");--> statement-breakpoint
CREATE UNIQUE INDEX "publications_title_key" ON "publications" USING btree ("title","edited_on");