CREATE TABLE "newsletter_images" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"issue_id" uuid NOT NULL,
	"file_name" text NOT NULL,
	"media_type" text NOT NULL,
	"content" "bytea" NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "newsletter_images_type_check" CHECK ("newsletter_images"."media_type" in ('image/png','image/jpeg'))
);
--> statement-breakpoint
ALTER TABLE "newsletter_items" ADD COLUMN "image_id" uuid;--> statement-breakpoint
ALTER TABLE "newsletter_items" ADD COLUMN "image_alt" text;--> statement-breakpoint
ALTER TABLE "newsletter_images" ADD CONSTRAINT "newsletter_images_issue_id_newsletter_issues_id_fk" FOREIGN KEY ("issue_id") REFERENCES "public"."newsletter_issues"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "newsletter_images" ADD CONSTRAINT "newsletter_images_created_by_people_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."people"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "newsletter_images_issue_idx" ON "newsletter_images" USING btree ("issue_id");--> statement-breakpoint
ALTER TABLE "newsletter_items" ADD CONSTRAINT "newsletter_items_image_id_newsletter_images_id_fk" FOREIGN KEY ("image_id") REFERENCES "public"."newsletter_images"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "newsletter_items_image_idx" ON "newsletter_items" USING btree ("image_id");--> statement-breakpoint
ALTER TABLE "newsletter_items" ADD CONSTRAINT "newsletter_items_image_alt" CHECK (("newsletter_items"."image_id" is null) = ("newsletter_items"."image_alt" is null));