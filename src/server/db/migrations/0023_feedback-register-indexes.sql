DROP INDEX "feedback_unit_received_idx";--> statement-breakpoint
DROP INDEX "feedback_unit_state_idx";--> statement-breakpoint
ALTER TABLE "feedback" ADD COLUMN "search_folded" text GENERATED ALWAYS AS (btrim(regexp_replace(translate(lower(regexp_replace(normalize(sender_name, NFD), '[\u0300-\u036f]', '', 'g')), 'Đđ', 'dd'), '\s+', ' ', 'g')) || chr(10) || btrim(regexp_replace(translate(lower(regexp_replace(normalize(title, NFD), '[\u0300-\u036f]', '', 'g')), 'Đđ', 'dd'), '\s+', ' ', 'g'))) STORED;--> statement-breakpoint
CREATE INDEX "feedback_register_unit_idx" ON "feedback" USING btree ("unit_id","received_at" DESC NULLS FIRST,"code" DESC NULLS FIRST,"id" DESC NULLS FIRST);--> statement-breakpoint
CREATE INDEX "feedback_register_idx" ON "feedback" USING btree ("received_at" DESC NULLS FIRST,"code" DESC NULLS FIRST,"id" DESC NULLS FIRST);--> statement-breakpoint
CREATE INDEX "feedback_register_unit_state_idx" ON "feedback" USING btree ("unit_id","state","received_at" DESC NULLS FIRST,"code" DESC NULLS FIRST,"id" DESC NULLS FIRST);--> statement-breakpoint
CREATE INDEX "feedback_register_state_idx" ON "feedback" USING btree ("state","received_at" DESC NULLS FIRST,"code" DESC NULLS FIRST,"id" DESC NULLS FIRST);--> statement-breakpoint
CREATE INDEX "feedback_register_agency_idx" ON "feedback" USING btree ("assigned_agency_id","received_at" DESC NULLS FIRST,"code" DESC NULLS FIRST,"id" DESC NULLS FIRST) WHERE "feedback"."assigned_agency_id" is not null;--> statement-breakpoint
CREATE INDEX "feedback_register_open_idx" ON "feedback" USING btree ("unit_id","received_at" DESC NULLS FIRST,"code" DESC NULLS FIRST,"id" DESC NULLS FIRST) WHERE "feedback"."state" in ('received', 'classified', 'assigned');--> statement-breakpoint
CREATE INDEX "feedback_open_due_idx" ON "feedback" USING btree ("due_date") WHERE "feedback"."state" in ('received', 'classified', 'assigned');--> statement-breakpoint
CREATE INDEX "feedback_code_trgm_idx" ON "feedback" USING gin (lower("code") gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "feedback_search_trgm_idx" ON "feedback" USING gin ("search_folded" gin_trgm_ops);