CREATE TABLE "anonymised_records" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"record" text NOT NULL,
	"record_id" uuid NOT NULL,
	"code" text NOT NULL,
	"unit_id" uuid NOT NULL,
	"closed_on" date,
	"reason" text NOT NULL,
	"run_id" uuid,
	"anonymised_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "anonymised_records_record_check" CHECK ("anonymised_records"."record" in ('dossier', 'feedback')),
	CONSTRAINT "anonymised_records_reason_check" CHECK ("anonymised_records"."reason" in ('retention', 'request'))
);
--> statement-breakpoint
CREATE TABLE "personal_data_runs" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"trigger" text NOT NULL,
	"as_of" date NOT NULL,
	"dossier_years" integer NOT NULL,
	"feedback_years" integer NOT NULL,
	"dossiers" integer DEFAULT 0 NOT NULL,
	"feedback" integer DEFAULT 0 NOT NULL,
	"batches" integer DEFAULT 0 NOT NULL,
	"started_at" timestamp with time zone NOT NULL,
	"finished_at" timestamp with time zone,
	"error" text,
	CONSTRAINT "personal_data_runs_trigger_check" CHECK ("personal_data_runs"."trigger" in ('schedule', 'admin', 'cli'))
);
--> statement-breakpoint
ALTER TABLE "anonymised_records" ADD CONSTRAINT "anonymised_records_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "anonymised_records_record_key" ON "anonymised_records" USING btree ("record","record_id");--> statement-breakpoint
CREATE INDEX "anonymised_records_run_idx" ON "anonymised_records" USING btree ("run_id");--> statement-breakpoint
CREATE INDEX "personal_data_runs_started_idx" ON "personal_data_runs" USING btree ("started_at");