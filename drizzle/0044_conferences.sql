CREATE TABLE "conference_categories" (
	"conference_id" uuid NOT NULL,
	"code" text NOT NULL,
	"fee_cents" integer DEFAULT 0 NOT NULL,
	"quota" integer,
	"self_service" boolean NOT NULL,
	"colour" text NOT NULL,
	CONSTRAINT "conference_categories_conference_id_code_pk" PRIMARY KEY("conference_id","code"),
	CONSTRAINT "conference_categories_fee" CHECK ("conference_categories"."fee_cents" >= 0)
);
--> statement-breakpoint
CREATE TABLE "conference_choices" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"registration_id" uuid NOT NULL,
	"session_id" uuid NOT NULL,
	"status" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"cancelled_at" timestamp with time zone,
	"present_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "conference_registrations" (
	"registration_id" uuid PRIMARY KEY NOT NULL,
	"conference_id" uuid NOT NULL,
	"category" text NOT NULL,
	"amount_due_cents" integer NOT NULL,
	"days" text[] DEFAULT '{}'::text[] NOT NULL,
	"lunch" boolean DEFAULT false NOT NULL,
	"accessibility_needs" text
);
--> statement-breakpoint
CREATE TABLE "conference_rooms" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"conference_id" uuid NOT NULL,
	"name" text NOT NULL,
	"capacity" integer NOT NULL,
	"accessible" boolean DEFAULT true NOT NULL,
	"position" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "conference_rooms_capacity" CHECK ("conference_rooms"."capacity" > 0)
);
--> statement-breakpoint
CREATE TABLE "conference_scans" (
	"nonce" text PRIMARY KEY NOT NULL,
	"conference_id" uuid NOT NULL,
	"registration_id" uuid NOT NULL,
	"session_id" uuid,
	"scanned_at" timestamp with time zone NOT NULL,
	"received_at" timestamp with time zone DEFAULT now() NOT NULL,
	"scanned_by" uuid
);
--> statement-breakpoint
CREATE TABLE "conference_sessions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"conference_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"title" text NOT NULL,
	"note" text,
	"chair" text,
	"partners" text,
	"group_id" uuid,
	"room_id" uuid,
	"starts_at" timestamp with time zone NOT NULL,
	"ends_at" timestamp with time zone NOT NULL,
	"capacity" integer,
	"invitation_only" boolean DEFAULT false NOT NULL,
	"cancelled_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "conference_sessions_times" CHECK ("conference_sessions"."ends_at" > "conference_sessions"."starts_at")
);
--> statement-breakpoint
CREATE TABLE "conference_speakers" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"session_id" uuid NOT NULL,
	"person_id" uuid,
	"name" text NOT NULL,
	"title" text,
	"position" integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "conferences" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"event_id" uuid NOT NULL,
	"edition" integer,
	"slot_minutes" integer DEFAULT 30 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"archived_at" timestamp with time zone,
	CONSTRAINT "conferences_event_id_unique" UNIQUE("event_id")
);
--> statement-breakpoint
ALTER TABLE "conference_categories" ADD CONSTRAINT "conference_categories_conference_id_conferences_id_fk" FOREIGN KEY ("conference_id") REFERENCES "public"."conferences"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "conference_choices" ADD CONSTRAINT "conference_choices_registration_id_conference_registrations_registration_id_fk" FOREIGN KEY ("registration_id") REFERENCES "public"."conference_registrations"("registration_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "conference_choices" ADD CONSTRAINT "conference_choices_session_id_conference_sessions_id_fk" FOREIGN KEY ("session_id") REFERENCES "public"."conference_sessions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "conference_registrations" ADD CONSTRAINT "conference_registrations_registration_id_registrations_id_fk" FOREIGN KEY ("registration_id") REFERENCES "public"."registrations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "conference_registrations" ADD CONSTRAINT "conference_registrations_conference_id_conferences_id_fk" FOREIGN KEY ("conference_id") REFERENCES "public"."conferences"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "conference_rooms" ADD CONSTRAINT "conference_rooms_conference_id_conferences_id_fk" FOREIGN KEY ("conference_id") REFERENCES "public"."conferences"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "conference_scans" ADD CONSTRAINT "conference_scans_conference_id_conferences_id_fk" FOREIGN KEY ("conference_id") REFERENCES "public"."conferences"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "conference_scans" ADD CONSTRAINT "conference_scans_registration_id_conference_registrations_registration_id_fk" FOREIGN KEY ("registration_id") REFERENCES "public"."conference_registrations"("registration_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "conference_scans" ADD CONSTRAINT "conference_scans_session_id_conference_sessions_id_fk" FOREIGN KEY ("session_id") REFERENCES "public"."conference_sessions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "conference_scans" ADD CONSTRAINT "conference_scans_scanned_by_people_id_fk" FOREIGN KEY ("scanned_by") REFERENCES "public"."people"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "conference_sessions" ADD CONSTRAINT "conference_sessions_conference_id_conferences_id_fk" FOREIGN KEY ("conference_id") REFERENCES "public"."conferences"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "conference_sessions" ADD CONSTRAINT "conference_sessions_group_id_groups_id_fk" FOREIGN KEY ("group_id") REFERENCES "public"."groups"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "conference_sessions" ADD CONSTRAINT "conference_sessions_room_id_conference_rooms_id_fk" FOREIGN KEY ("room_id") REFERENCES "public"."conference_rooms"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "conference_speakers" ADD CONSTRAINT "conference_speakers_session_id_conference_sessions_id_fk" FOREIGN KEY ("session_id") REFERENCES "public"."conference_sessions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "conference_speakers" ADD CONSTRAINT "conference_speakers_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "conferences" ADD CONSTRAINT "conferences_event_id_events_id_fk" FOREIGN KEY ("event_id") REFERENCES "public"."events"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "conference_choices_live_idx" ON "conference_choices" USING btree ("registration_id","session_id") WHERE "conference_choices"."status" <> 'cancelled';--> statement-breakpoint
CREATE INDEX "conference_choices_session_idx" ON "conference_choices" USING btree ("session_id","status");--> statement-breakpoint
CREATE INDEX "conference_registrations_conference_idx" ON "conference_registrations" USING btree ("conference_id","category");--> statement-breakpoint
CREATE UNIQUE INDEX "conference_rooms_name_idx" ON "conference_rooms" USING btree ("conference_id","name");--> statement-breakpoint
CREATE INDEX "conference_scans_registration_idx" ON "conference_scans" USING btree ("registration_id");--> statement-breakpoint
CREATE INDEX "conference_sessions_conference_idx" ON "conference_sessions" USING btree ("conference_id","starts_at");--> statement-breakpoint
CREATE INDEX "conference_speakers_session_idx" ON "conference_speakers" USING btree ("session_id");--> statement-breakpoint
CREATE INDEX "conference_speakers_person_id_index" ON "conference_speakers" USING btree ("person_id");