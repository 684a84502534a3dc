-- The register's name and code search uses trigrams (pg_trgm: contrib, in Debian's postgresql-15
-- package and loaded by PGlite in src/server/db/database.ts).
CREATE EXTENSION IF NOT EXISTS pg_trgm;--> statement-breakpoint
ALTER TABLE "dossiers" ADD COLUMN "applicant_name_folded" text GENERATED ALWAYS AS (btrim(regexp_replace(translate(lower(regexp_replace(normalize(applicant_name, NFD), '[\u0300-\u036f]', '', 'g')), 'Đđ', 'dd'), '\s+', ' ', 'g'))) STORED;--> statement-breakpoint
CREATE INDEX "dossiers_register_unit_idx" ON "dossiers" USING btree ("unit_id","received_at" DESC NULLS FIRST,"id" DESC NULLS FIRST) WHERE "dossiers"."voided_at" is null;--> statement-breakpoint
CREATE INDEX "dossiers_register_idx" ON "dossiers" USING btree ("received_at" DESC NULLS FIRST,"id" DESC NULLS FIRST) WHERE "dossiers"."voided_at" is null;--> statement-breakpoint
CREATE INDEX "dossiers_register_unit_state_idx" ON "dossiers" USING btree ("unit_id","state","received_at" DESC NULLS FIRST,"id" DESC NULLS FIRST) WHERE "dossiers"."voided_at" is null;--> statement-breakpoint
CREATE INDEX "dossiers_register_state_idx" ON "dossiers" USING btree ("state","received_at" DESC NULLS FIRST,"id" DESC NULLS FIRST) WHERE "dossiers"."voided_at" is null;--> statement-breakpoint
CREATE INDEX "dossiers_register_open_idx" ON "dossiers" USING btree ("unit_id","received_at" DESC NULLS FIRST,"id" DESC NULLS FIRST) WHERE "dossiers"."voided_at" is null and "dossiers"."state" in ('received', 'in_progress', 'supplement_requested');--> statement-breakpoint
CREATE INDEX "dossiers_register_voided_idx" ON "dossiers" USING btree ("received_at" DESC NULLS FIRST,"id" DESC NULLS FIRST) WHERE "dossiers"."voided_at" is not null;--> statement-breakpoint
CREATE INDEX "dossiers_code_prefix_idx" ON "dossiers" USING btree (lower("code") text_pattern_ops);--> statement-breakpoint
CREATE INDEX "dossiers_code_trgm_idx" ON "dossiers" USING gin (lower("code") gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "dossiers_applicant_trgm_idx" ON "dossiers" USING gin ("applicant_name_folded" gin_trgm_ops);