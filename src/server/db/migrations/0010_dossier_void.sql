DROP INDEX "dossiers_code_key";--> statement-breakpoint
ALTER TABLE "dossiers" ADD COLUMN "import_id" uuid;--> statement-breakpoint
ALTER TABLE "dossiers" ADD COLUMN "voided_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "dossiers" ADD COLUMN "voided_by_id" uuid;--> statement-breakpoint
ALTER TABLE "dossiers" ADD COLUMN "void_reason" text;--> statement-breakpoint
ALTER TABLE "dossier_imports" ADD COLUMN "voided_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "dossier_imports" ADD COLUMN "voided_by_id" uuid;--> statement-breakpoint
ALTER TABLE "dossier_imports" ADD COLUMN "void_reason" text;--> statement-breakpoint
ALTER TABLE "dossier_imports" ADD COLUMN "voided_count" integer;--> statement-breakpoint
ALTER TABLE "dossiers" ADD CONSTRAINT "dossiers_voided_by_id_users_id_fk" FOREIGN KEY ("voided_by_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dossier_imports" ADD CONSTRAINT "dossier_imports_voided_by_id_users_id_fk" FOREIGN KEY ("voided_by_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "dossiers_code_key" ON "dossiers" USING btree ("code") WHERE "dossiers"."voided_at" is null;--> statement-breakpoint
ALTER TABLE "dossiers" ADD CONSTRAINT "dossiers_void_check" CHECK (("dossiers"."voided_at" is null) = ("dossiers"."void_reason" is null));