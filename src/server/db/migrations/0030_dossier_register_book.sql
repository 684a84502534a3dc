CREATE TABLE "dossier_register_books" (
	"unit_id" uuid NOT NULL,
	"year" integer NOT NULL,
	"book" integer NOT NULL,
	"last_entry" integer NOT NULL,
	CONSTRAINT "dossier_register_books_unit_id_year_book_pk" PRIMARY KEY("unit_id","year","book")
);
--> statement-breakpoint
CREATE TABLE "dossier_required_documents" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"dossier_id" uuid NOT NULL,
	"position" integer NOT NULL,
	"name" text NOT NULL,
	"form" text NOT NULL,
	"copies" integer NOT NULL,
	"required" boolean NOT NULL,
	CONSTRAINT "dossier_required_documents_form_check" CHECK ("dossier_required_documents"."form" in ('original', 'copy', 'certified_copy'))
);
--> statement-breakpoint
ALTER TABLE "dossiers" ADD COLUMN "register_year" integer;--> statement-breakpoint
ALTER TABLE "dossiers" ADD COLUMN "register_book" integer;--> statement-breakpoint
ALTER TABLE "dossiers" ADD COLUMN "register_entry" integer;--> statement-breakpoint
ALTER TABLE "dossier_register_books" ADD CONSTRAINT "dossier_register_books_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dossier_required_documents" ADD CONSTRAINT "dossier_required_documents_dossier_id_dossiers_id_fk" FOREIGN KEY ("dossier_id") REFERENCES "public"."dossiers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "dossier_required_documents_position_key" ON "dossier_required_documents" USING btree ("dossier_id","position");--> statement-breakpoint
CREATE UNIQUE INDEX "dossiers_register_entry_key" ON "dossiers" USING btree ("unit_id","register_year","register_book","register_entry") WHERE "dossiers"."register_entry" is not null;--> statement-breakpoint
ALTER TABLE "dossiers" ADD CONSTRAINT "dossiers_register_entry_check" CHECK (("dossiers"."register_year" is null) = ("dossiers"."register_entry" is null) and ("dossiers"."register_book" is null) = ("dossiers"."register_entry" is null) and ("dossiers"."register_entry" is null or "dossiers"."register_entry" >= 1));--> statement-breakpoint
-- The supplement request lists the required documents missing from what the desk received, from
-- the list as it was at receipt. Dossiers that recorded what was received before this migration
-- take the procedure's list of today (what their form printed until now). Register entries are
-- not back-filled: those dossiers' receipts were printed with the book left blank.
INSERT INTO "dossier_required_documents" ("dossier_id", "position", "name", "form", "copies", "required")
SELECT "d"."id", "pd"."position", "pd"."name", "pd"."form", "pd"."copies", "pd"."required"
FROM "dossiers" "d" JOIN "procedure_documents" "pd" ON "pd"."procedure_id" = "d"."procedure_id"
WHERE "d"."document_sets" IS NOT NULL;
