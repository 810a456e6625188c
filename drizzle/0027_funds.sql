CREATE TABLE "fund_allocations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"fund_id" uuid NOT NULL,
	"decision_id" uuid,
	"beneficiary" text NOT NULL,
	"purpose" text NOT NULL,
	"country" text,
	"recorded_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "fund_decisions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"fund_id" uuid NOT NULL,
	"event_id" uuid,
	"decided_on" date NOT NULL,
	"subject" text NOT NULL,
	"amount_cents" bigint NOT NULL,
	"votes_for" integer NOT NULL,
	"votes_against" integer NOT NULL,
	"abstentions" integer NOT NULL,
	"voters" integer NOT NULL,
	"quorum" integer NOT NULL,
	"quorum_met" boolean NOT NULL,
	"adopted" boolean NOT NULL,
	"recorded_by" uuid,
	"recorded_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "fund_decisions_amount_check" CHECK ("fund_decisions"."amount_cents" > 0),
	CONSTRAINT "fund_decisions_votes_check" CHECK ("fund_decisions"."votes_for" >= 0 and "fund_decisions"."votes_against" >= 0 and "fund_decisions"."abstentions" >= 0)
);
--> statement-breakpoint
CREATE TABLE "fund_contributors" (
	"fund_id" uuid NOT NULL,
	"organisation_id" uuid NOT NULL,
	"named" boolean DEFAULT false NOT NULL,
	"voter_id" uuid,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "fund_contributors_fund_id_organisation_id_pk" PRIMARY KEY("fund_id","organisation_id")
);
--> statement-breakpoint
CREATE TABLE "fund_events" (
	"fund_id" uuid NOT NULL,
	"event_id" uuid NOT NULL,
	CONSTRAINT "fund_events_fund_id_event_id_pk" PRIMARY KEY("fund_id","event_id")
);
--> statement-breakpoint
CREATE TABLE "fund_reports" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"fund_id" uuid NOT NULL,
	"allocation_id" uuid,
	"kind" text NOT NULL,
	"title" text NOT NULL,
	"body" text NOT NULL,
	"reported_on" date NOT NULL,
	"published_at" timestamp with time zone,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "fund_reports_kind_check" CHECK ("fund_reports"."kind" in ('progress','final'))
);
--> statement-breakpoint
CREATE TABLE "funds" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"cause" text,
	"countries" text[] DEFAULT '{}'::text[] NOT NULL,
	"opened_on" date NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"description" text,
	"target_cents" bigint,
	"bank_reference" text,
	"quorum_percent" integer DEFAULT 50 NOT NULL,
	"closed_on" date,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "funds_status_check" CHECK ("funds"."status" in ('open','closed')),
	CONSTRAINT "funds_closed_check" CHECK (("funds"."status" = 'closed') = ("funds"."closed_on" is not null)),
	CONSTRAINT "funds_target_check" CHECK ("funds"."target_cents" is null or "funds"."target_cents" > 0),
	CONSTRAINT "funds_quorum_check" CHECK ("funds"."quorum_percent" between 1 and 100)
);
--> statement-breakpoint
CREATE TABLE "fund_ledger_entries" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"group_id" uuid NOT NULL,
	"line" integer NOT NULL,
	"account" text NOT NULL,
	"organisation_id" uuid,
	"allocation_id" uuid,
	"debit_cents" bigint DEFAULT 0 NOT NULL,
	"credit_cents" bigint DEFAULT 0 NOT NULL,
	CONSTRAINT "fund_ledger_entries_account_check" CHECK ("fund_ledger_entries"."account" in ('bank','contributions','pledges_receivable','pledges','allocations','commitments')),
	CONSTRAINT "fund_ledger_entries_amount_check" CHECK (("fund_ledger_entries"."debit_cents" > 0 and "fund_ledger_entries"."credit_cents" = 0) or ("fund_ledger_entries"."credit_cents" > 0 and "fund_ledger_entries"."debit_cents" = 0))
);
--> statement-breakpoint
CREATE TABLE "fund_ledger_groups" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"fund_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"occurred_on" date NOT NULL,
	"reference" text,
	"decided_on" date,
	"currency" text DEFAULT 'EUR' NOT NULL,
	"idempotency_key" text NOT NULL,
	"reverses_id" uuid,
	"reason" text,
	"recorded_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "fund_ledger_groups_idempotency_key_unique" UNIQUE("idempotency_key"),
	CONSTRAINT "fund_ledger_groups_reverses_id_unique" UNIQUE("reverses_id"),
	CONSTRAINT "fund_ledger_groups_kind_check" CHECK ("fund_ledger_groups"."kind" in ('pledge','receipt','allocation','disbursement','reversal')),
	CONSTRAINT "fund_ledger_groups_currency_check" CHECK ("fund_ledger_groups"."currency" = 'EUR'),
	CONSTRAINT "fund_ledger_groups_reversal_check" CHECK (("fund_ledger_groups"."kind" = 'reversal') = ("fund_ledger_groups"."reverses_id" is not null) and ("fund_ledger_groups"."kind" <> 'reversal' or "fund_ledger_groups"."reason" is not null))
);
--> statement-breakpoint
CREATE TABLE "fund_receipt_sequences" (
	"year" integer PRIMARY KEY NOT NULL,
	"last_number" integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE "fund_receipts" (
	"group_id" uuid PRIMARY KEY NOT NULL,
	"year" integer NOT NULL,
	"number" integer NOT NULL
);
--> statement-breakpoint
ALTER TABLE "fund_allocations" ADD CONSTRAINT "fund_allocations_fund_id_funds_id_fk" FOREIGN KEY ("fund_id") REFERENCES "public"."funds"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "fund_allocations" ADD CONSTRAINT "fund_allocations_decision_id_fund_decisions_id_fk" FOREIGN KEY ("decision_id") REFERENCES "public"."fund_decisions"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "fund_decisions" ADD CONSTRAINT "fund_decisions_fund_id_funds_id_fk" FOREIGN KEY ("fund_id") REFERENCES "public"."funds"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "fund_decisions" ADD CONSTRAINT "fund_decisions_event_id_events_id_fk" FOREIGN KEY ("event_id") REFERENCES "public"."events"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "fund_decisions" ADD CONSTRAINT "fund_decisions_recorded_by_people_id_fk" FOREIGN KEY ("recorded_by") REFERENCES "public"."people"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "fund_contributors" ADD CONSTRAINT "fund_contributors_fund_id_funds_id_fk" FOREIGN KEY ("fund_id") REFERENCES "public"."funds"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "fund_contributors" ADD CONSTRAINT "fund_contributors_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "fund_contributors" ADD CONSTRAINT "fund_contributors_voter_id_people_id_fk" FOREIGN KEY ("voter_id") REFERENCES "public"."people"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "fund_events" ADD CONSTRAINT "fund_events_fund_id_funds_id_fk" FOREIGN KEY ("fund_id") REFERENCES "public"."funds"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "fund_events" ADD CONSTRAINT "fund_events_event_id_events_id_fk" FOREIGN KEY ("event_id") REFERENCES "public"."events"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "fund_reports" ADD CONSTRAINT "fund_reports_fund_id_funds_id_fk" FOREIGN KEY ("fund_id") REFERENCES "public"."funds"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "fund_reports" ADD CONSTRAINT "fund_reports_allocation_id_fund_allocations_id_fk" FOREIGN KEY ("allocation_id") REFERENCES "public"."fund_allocations"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "fund_reports" ADD CONSTRAINT "fund_reports_created_by_people_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."people"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "funds" ADD CONSTRAINT "funds_created_by_people_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."people"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "fund_ledger_entries" ADD CONSTRAINT "fund_ledger_entries_group_id_fund_ledger_groups_id_fk" FOREIGN KEY ("group_id") REFERENCES "public"."fund_ledger_groups"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "fund_ledger_entries" ADD CONSTRAINT "fund_ledger_entries_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "fund_ledger_entries" ADD CONSTRAINT "fund_ledger_entries_allocation_id_fund_allocations_id_fk" FOREIGN KEY ("allocation_id") REFERENCES "public"."fund_allocations"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "fund_ledger_groups" ADD CONSTRAINT "fund_ledger_groups_fund_id_funds_id_fk" FOREIGN KEY ("fund_id") REFERENCES "public"."funds"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "fund_ledger_groups" ADD CONSTRAINT "fund_ledger_groups_reverses_id_fund_ledger_groups_id_fk" FOREIGN KEY ("reverses_id") REFERENCES "public"."fund_ledger_groups"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "fund_receipts" ADD CONSTRAINT "fund_receipts_group_id_fund_ledger_groups_id_fk" FOREIGN KEY ("group_id") REFERENCES "public"."fund_ledger_groups"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "fund_allocations_fund_idx" ON "fund_allocations" USING btree ("fund_id");--> statement-breakpoint
CREATE INDEX "fund_decisions_fund_idx" ON "fund_decisions" USING btree ("fund_id","decided_on");--> statement-breakpoint
CREATE INDEX "fund_events_event_idx" ON "fund_events" USING btree ("event_id");--> statement-breakpoint
CREATE INDEX "fund_reports_fund_idx" ON "fund_reports" USING btree ("fund_id","reported_on");--> statement-breakpoint
CREATE UNIQUE INDEX "fund_ledger_entries_line_key" ON "fund_ledger_entries" USING btree ("group_id","line");--> statement-breakpoint
CREATE INDEX "fund_ledger_entries_organisation_idx" ON "fund_ledger_entries" USING btree ("organisation_id");--> statement-breakpoint
CREATE INDEX "fund_ledger_entries_allocation_idx" ON "fund_ledger_entries" USING btree ("allocation_id");--> statement-breakpoint
CREATE INDEX "fund_ledger_groups_fund_idx" ON "fund_ledger_groups" USING btree ("fund_id","occurred_on");--> statement-breakpoint
CREATE UNIQUE INDEX "fund_receipts_number_key" ON "fund_receipts" USING btree ("year","number");