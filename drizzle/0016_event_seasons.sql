ALTER TABLE "event_series" ADD COLUMN "description" text;--> statement-breakpoint
ALTER TABLE "event_series" ADD COLUMN "guest_label" text;--> statement-breakpoint
ALTER TABLE "events" ADD COLUMN "season" integer;--> statement-breakpoint
ALTER TABLE "events" ADD COLUMN "session_number" integer;--> statement-breakpoint
ALTER TABLE "events" ADD COLUMN "guest" text;--> statement-breakpoint
CREATE INDEX "events_series_season_idx" ON "events" USING btree ("series_id","season","session_number");--> statement-breakpoint
ALTER TABLE "events" ADD CONSTRAINT "events_season_check" CHECK ("events"."season" is null or "events"."season" >= 1);--> statement-breakpoint
ALTER TABLE "events" ADD CONSTRAINT "events_session_number_check" CHECK ("events"."session_number" is null or "events"."session_number" >= 1);