CREATE TABLE "dossier_documents" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"dossier_id" uuid NOT NULL,
	"position" integer NOT NULL,
	"name" text NOT NULL,
	"form" text NOT NULL,
	"copies" integer NOT NULL,
	CONSTRAINT "dossier_documents_form_check" CHECK ("dossier_documents"."form" in ('original', 'copy', 'certified_copy')),
	CONSTRAINT "dossier_documents_copies_check" CHECK ("dossier_documents"."copies" between 1 and 99)
);
--> statement-breakpoint
CREATE TABLE "procedure_documents" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"procedure_id" uuid NOT NULL,
	"position" integer NOT NULL,
	"name" text NOT NULL,
	"form" text NOT NULL,
	"copies" integer DEFAULT 1 NOT NULL,
	"required" boolean DEFAULT true NOT NULL,
	CONSTRAINT "procedure_documents_form_check" CHECK ("procedure_documents"."form" in ('original', 'copy', 'certified_copy')),
	CONSTRAINT "procedure_documents_copies_check" CHECK ("procedure_documents"."copies" between 1 and 99)
);
--> statement-breakpoint
ALTER TABLE "dossiers" ADD COLUMN "document_sets" integer;--> statement-breakpoint
ALTER TABLE "dossier_documents" ADD CONSTRAINT "dossier_documents_dossier_id_dossiers_id_fk" FOREIGN KEY ("dossier_id") REFERENCES "public"."dossiers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "procedure_documents" ADD CONSTRAINT "procedure_documents_procedure_id_procedures_id_fk" FOREIGN KEY ("procedure_id") REFERENCES "public"."procedures"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "dossier_documents_position_key" ON "dossier_documents" USING btree ("dossier_id","position");--> statement-breakpoint
CREATE UNIQUE INDEX "procedure_documents_position_key" ON "procedure_documents" USING btree ("procedure_id","position");--> statement-breakpoint
ALTER TABLE "dossiers" ADD CONSTRAINT "dossiers_document_sets_check" CHECK ("dossiers"."document_sets" is null or "dossiers"."document_sets" between 1 and 20);