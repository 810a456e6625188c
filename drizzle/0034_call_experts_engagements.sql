CREATE TABLE "call_documents" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"engagement_id" uuid NOT NULL,
	"title" text NOT NULL,
	"file_name" text NOT NULL,
	"mime_type" text NOT NULL,
	"content" "bytea" NOT NULL,
	"capitalisation" boolean DEFAULT false NOT NULL,
	"uploaded_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "call_engagements" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"application_id" uuid NOT NULL,
	"call_id" uuid NOT NULL,
	"lead" text NOT NULL,
	"lead_person_id" uuid,
	"starts_on" date NOT NULL,
	"ends_on" date NOT NULL,
	"status" text DEFAULT 'planned' NOT NULL,
	"objective" text NOT NULL,
	"capitalisation" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "call_engagements_dates_check" CHECK ("call_engagements"."ends_on" >= "call_engagements"."starts_on"),
	CONSTRAINT "call_engagements_status_check" CHECK ("call_engagements"."status" in ('planned', 'ongoing', 'completed', 'abandoned'))
);
--> statement-breakpoint
CREATE TABLE "call_expert_requests" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"application_id" uuid NOT NULL,
	"expert_name" text NOT NULL,
	"expert_email" text NOT NULL,
	"expertise" text,
	"question" text,
	"confidential" boolean DEFAULT false NOT NULL,
	"deadline" date NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"token_hash" text NOT NULL,
	"requested_by" uuid,
	"requested_at" timestamp with time zone DEFAULT now() NOT NULL,
	"reminded_at" timestamp with time zone,
	"cancelled_at" timestamp with time zone,
	"answered_at" timestamp with time zone,
	"opinion" text,
	"body" text,
	CONSTRAINT "call_expert_requests_opinion_check" CHECK ("call_expert_requests"."opinion" is null or "call_expert_requests"."opinion" in ('favourable', 'reserved', 'unfavourable')),
	CONSTRAINT "call_expert_requests_answer_check" CHECK (("call_expert_requests"."answered_at" is null) = ("call_expert_requests"."opinion" is null))
);
--> statement-breakpoint
CREATE TABLE "call_milestones" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"engagement_id" uuid NOT NULL,
	"label" text NOT NULL,
	"deliverable" boolean DEFAULT false NOT NULL,
	"due_on" date NOT NULL,
	"done_on" date
);
--> statement-breakpoint
ALTER TABLE "call_documents" ADD CONSTRAINT "call_documents_engagement_id_call_engagements_id_fk" FOREIGN KEY ("engagement_id") REFERENCES "public"."call_engagements"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "call_documents" ADD CONSTRAINT "call_documents_uploaded_by_people_id_fk" FOREIGN KEY ("uploaded_by") REFERENCES "public"."people"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "call_engagements" ADD CONSTRAINT "call_engagements_application_id_applications_id_fk" FOREIGN KEY ("application_id") REFERENCES "public"."applications"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "call_engagements" ADD CONSTRAINT "call_engagements_call_id_calls_id_fk" FOREIGN KEY ("call_id") REFERENCES "public"."calls"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "call_engagements" ADD CONSTRAINT "call_engagements_lead_person_id_people_id_fk" FOREIGN KEY ("lead_person_id") REFERENCES "public"."people"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "call_expert_requests" ADD CONSTRAINT "call_expert_requests_application_id_applications_id_fk" FOREIGN KEY ("application_id") REFERENCES "public"."applications"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "call_expert_requests" ADD CONSTRAINT "call_expert_requests_requested_by_people_id_fk" FOREIGN KEY ("requested_by") REFERENCES "public"."people"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "call_milestones" ADD CONSTRAINT "call_milestones_engagement_id_call_engagements_id_fk" FOREIGN KEY ("engagement_id") REFERENCES "public"."call_engagements"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "call_engagements_application_key" ON "call_engagements" USING btree ("application_id");--> statement-breakpoint
CREATE UNIQUE INDEX "call_expert_requests_token_key" ON "call_expert_requests" USING btree ("token_hash");