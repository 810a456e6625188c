ALTER TABLE "fund_decisions" ADD COLUMN "idempotency_key" text;--> statement-breakpoint
ALTER TABLE "fund_decisions" ADD CONSTRAINT "fund_decisions_idempotency_key_unique" UNIQUE("idempotency_key");