ALTER TABLE "certificates" ALTER COLUMN "person_id" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "certificates" ALTER COLUMN "holder_name" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "certificates" ALTER COLUMN "pdf" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "certificates" ALTER COLUMN "credential" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "certificates" ADD COLUMN "title" text;--> statement-breakpoint
ALTER TABLE "certificates" ADD COLUMN "erased_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "expressions_of_interest" ADD COLUMN "confirmed_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "certificates" ADD CONSTRAINT "certificates_holder_check" CHECK ("certificates"."erased_at" is not null or ("certificates"."person_id" is not null and "certificates"."holder_name" is not null and "certificates"."pdf" is not null and "certificates"."credential" is not null));--> statement-breakpoint
-- Data: certificates issued before the title followed the holder's form all say « Auditeur de Cités Unies
-- France » (their PDF and credential were made with it); expressions of interest received before the
-- double opt-in are kept as confirmed (decision 013).
UPDATE "certificates" SET "title" = 'Auditeur de Cités Unies France' WHERE "title" IS NULL;--> statement-breakpoint
UPDATE "expressions_of_interest" SET "confirmed_at" = "created_at" WHERE "confirmed_at" IS NULL;
