ALTER TABLE "registrations" DROP CONSTRAINT "registrations_check_in_token_unique";--> statement-breakpoint
ALTER TABLE "registrations" DROP COLUMN "check_in_token";