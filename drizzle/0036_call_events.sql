CREATE TABLE "call_events" (
	"call_id" uuid NOT NULL,
	"event_id" uuid NOT NULL,
	CONSTRAINT "call_events_call_id_event_id_pk" PRIMARY KEY("call_id","event_id")
);
--> statement-breakpoint
ALTER TABLE "call_events" ADD CONSTRAINT "call_events_call_id_calls_id_fk" FOREIGN KEY ("call_id") REFERENCES "public"."calls"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "call_events" ADD CONSTRAINT "call_events_event_id_events_id_fk" FOREIGN KEY ("event_id") REFERENCES "public"."events"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "call_events_event_idx" ON "call_events" USING btree ("event_id");