ALTER TABLE "methodologies" DROP CONSTRAINT "methodologies_kind_check";--> statement-breakpoint
ALTER TABLE "methodologies" ADD COLUMN "code" text;--> statement-breakpoint
ALTER TABLE "methodologies" ADD COLUMN "version" text;--> statement-breakpoint
ALTER TABLE "methodologies" ADD COLUMN "effective_from" date;--> statement-breakpoint
ALTER TABLE "methodologies" ADD COLUMN "effective_to" date;--> statement-breakpoint
ALTER TABLE "methodologies" ADD COLUMN "document" jsonb;--> statement-breakpoint
CREATE UNIQUE INDEX "methodologies_unit_code_version_key" ON "methodologies" USING btree ("unit_id","code","version");--> statement-breakpoint
ALTER TABLE "methodologies" ADD CONSTRAINT "methodologies_document_check" CHECK (("methodologies"."document" is null) = ("methodologies"."code" is null) and ("methodologies"."code" is null) = ("methodologies"."version" is null) and ("methodologies"."code" is null) = ("methodologies"."effective_from" is null));--> statement-breakpoint
ALTER TABLE "methodologies" ADD CONSTRAINT "methodologies_effective_check" CHECK ("methodologies"."effective_to" is null or "methodologies"."effective_to" >= "methodologies"."effective_from");--> statement-breakpoint
ALTER TABLE "methodologies" ADD CONSTRAINT "methodologies_kind_check" CHECK ("methodologies"."kind" in ('par_index', 'service_index_766', 'sipas'));