CREATE TABLE "mail_register" (
	"code" text PRIMARY KEY NOT NULL,
	"message_id" text NOT NULL,
	"subject" text NOT NULL,
	"recipient_masked" text NOT NULL,
	"sent_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "mail_register_message_id_unique" UNIQUE("message_id")
);
