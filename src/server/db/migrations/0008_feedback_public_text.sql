-- The public (masked, confirmed) title, content and answer of a published feedback, and who
-- confirmed them. Rows published before this migration keep null public texts: SQL cannot run
-- the masker, so the public API masks those rows when it reads them (core maskPersonalData).
ALTER TABLE "feedback" ADD COLUMN "public_title" text;--> statement-breakpoint
ALTER TABLE "feedback" ADD COLUMN "public_content" text;--> statement-breakpoint
ALTER TABLE "feedback" ADD COLUMN "public_answer" text;--> statement-breakpoint
ALTER TABLE "feedback" ADD COLUMN "public_confirmed_by_id" uuid;--> statement-breakpoint
ALTER TABLE "feedback" ADD COLUMN "public_confirmed_by_name" text;--> statement-breakpoint
ALTER TABLE "feedback" ADD COLUMN "public_confirmed_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "feedback" ADD CONSTRAINT "feedback_public_confirmed_by_id_users_id_fk" FOREIGN KEY ("public_confirmed_by_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "feedback" ADD CONSTRAINT "feedback_public_text_check" CHECK ("feedback"."public_confirmed_at" is null or ("feedback"."public_title" is not null and "feedback"."public_content" is not null and "feedback"."public_answer" is not null and "feedback"."public_confirmed_by_name" is not null));