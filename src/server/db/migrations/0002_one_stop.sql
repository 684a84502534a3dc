CREATE TABLE "apology_letters" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"dossier_id" uuid NOT NULL,
	"number" text NOT NULL,
	"issued_at" timestamp with time zone NOT NULL,
	"new_due_date" date NOT NULL,
	"reason" text NOT NULL,
	"rule_set" text NOT NULL,
	"created_by_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "desk_settings" (
	"unit_id" uuid PRIMARY KEY NOT NULL,
	"cutoff" text DEFAULT '15:00' NOT NULL,
	"agency_code" text,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "desk_settings_cutoff_check" CHECK ("desk_settings"."cutoff" ~ '^[0-2][0-9]:[0-5][0-9]$')
);
--> statement-breakpoint
CREATE TABLE "dossier_daily_counters" (
	"unit_id" uuid NOT NULL,
	"day" date NOT NULL,
	"last_value" integer NOT NULL,
	CONSTRAINT "dossier_daily_counters_unit_id_day_pk" PRIMARY KEY("unit_id","day")
);
--> statement-breakpoint
CREATE TABLE "dossier_events" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "dossier_events_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"dossier_id" uuid NOT NULL,
	"action" text NOT NULL,
	"from_state" text,
	"to_state" text NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"by_id" uuid,
	"by_name" text NOT NULL,
	"to_agency_id" uuid,
	"note" text
);
--> statement-breakpoint
CREATE TABLE "dossier_pauses" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"dossier_id" uuid NOT NULL,
	"requested_at" timestamp with time zone NOT NULL,
	"resumed_at" timestamp with time zone,
	"paused_working_days" integer,
	"note" text
);
--> statement-breakpoint
CREATE TABLE "dossiers" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"code" text NOT NULL,
	"unit_id" uuid NOT NULL,
	"procedure_id" uuid NOT NULL,
	"applicant_name" text NOT NULL,
	"applicant_phone" text NOT NULL,
	"applicant_address" text,
	"channel" text NOT NULL,
	"received_at" timestamp with time zone NOT NULL,
	"counted_from" date NOT NULL,
	"due_date" date NOT NULL,
	"original_due_date" date NOT NULL,
	"state" text NOT NULL,
	"handler_agency_id" uuid,
	"finished_at" timestamp with time zone,
	"returned_at" timestamp with time zone,
	"supplement_count" integer DEFAULT 0 NOT NULL,
	"paused_working_days" integer DEFAULT 0 NOT NULL,
	"reason" text,
	"digitised" boolean DEFAULT false NOT NULL,
	"electronic_result" boolean DEFAULT false NOT NULL,
	"online_payment" boolean DEFAULT false NOT NULL,
	"rule_set" text NOT NULL,
	"received_by_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "dossiers_channel_check" CHECK ("dossiers"."channel" in ('in_person', 'online', 'postal')),
	CONSTRAINT "dossiers_state_check" CHECK ("dossiers"."state" in ('received', 'in_progress', 'supplement_requested', 'resolved', 'returned', 'refused', 'stopped', 'withdrawn')),
	CONSTRAINT "dossiers_rule_set_check" CHECK ("dossiers"."rule_set" in ('2018', '2025'))
);
--> statement-breakpoint
CREATE TABLE "official_schedules" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"year" integer NOT NULL,
	"version" integer NOT NULL,
	"effective_from" date NOT NULL,
	"source" text NOT NULL,
	"schedule" jsonb NOT NULL,
	"created_by_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "procedures" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"unit_id" uuid NOT NULL,
	"code" text NOT NULL,
	"name" text NOT NULL,
	"field" text NOT NULL,
	"level" text DEFAULT 'commune' NOT NULL,
	"processing_days" integer NOT NULL,
	"fee_text" text,
	"online_level" text DEFAULT 'none' NOT NULL,
	"is_active" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "procedures_level_check" CHECK ("procedures"."level" in ('province', 'commune')),
	CONSTRAINT "procedures_online_level_check" CHECK ("procedures"."online_level" in ('full', 'partial', 'none')),
	CONSTRAINT "procedures_days_check" CHECK ("procedures"."processing_days" >= 0)
);
--> statement-breakpoint
ALTER TABLE "apology_letters" ADD CONSTRAINT "apology_letters_dossier_id_dossiers_id_fk" FOREIGN KEY ("dossier_id") REFERENCES "public"."dossiers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "apology_letters" ADD CONSTRAINT "apology_letters_created_by_id_users_id_fk" FOREIGN KEY ("created_by_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "desk_settings" ADD CONSTRAINT "desk_settings_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dossier_daily_counters" ADD CONSTRAINT "dossier_daily_counters_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dossier_events" ADD CONSTRAINT "dossier_events_dossier_id_dossiers_id_fk" FOREIGN KEY ("dossier_id") REFERENCES "public"."dossiers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dossier_events" ADD CONSTRAINT "dossier_events_by_id_users_id_fk" FOREIGN KEY ("by_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dossier_events" ADD CONSTRAINT "dossier_events_to_agency_id_agencies_id_fk" FOREIGN KEY ("to_agency_id") REFERENCES "public"."agencies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dossier_pauses" ADD CONSTRAINT "dossier_pauses_dossier_id_dossiers_id_fk" FOREIGN KEY ("dossier_id") REFERENCES "public"."dossiers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dossiers" ADD CONSTRAINT "dossiers_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dossiers" ADD CONSTRAINT "dossiers_procedure_id_procedures_id_fk" FOREIGN KEY ("procedure_id") REFERENCES "public"."procedures"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dossiers" ADD CONSTRAINT "dossiers_handler_agency_id_agencies_id_fk" FOREIGN KEY ("handler_agency_id") REFERENCES "public"."agencies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dossiers" ADD CONSTRAINT "dossiers_received_by_id_users_id_fk" FOREIGN KEY ("received_by_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "official_schedules" ADD CONSTRAINT "official_schedules_created_by_id_users_id_fk" FOREIGN KEY ("created_by_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "procedures" ADD CONSTRAINT "procedures_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "apology_letters_dossier_idx" ON "apology_letters" USING btree ("dossier_id");--> statement-breakpoint
CREATE INDEX "dossier_events_dossier_idx" ON "dossier_events" USING btree ("dossier_id","at");--> statement-breakpoint
CREATE INDEX "dossier_pauses_dossier_idx" ON "dossier_pauses" USING btree ("dossier_id");--> statement-breakpoint
CREATE UNIQUE INDEX "dossiers_code_key" ON "dossiers" USING btree ("code");--> statement-breakpoint
CREATE INDEX "dossiers_unit_received_idx" ON "dossiers" USING btree ("unit_id","received_at");--> statement-breakpoint
CREATE INDEX "dossiers_unit_state_idx" ON "dossiers" USING btree ("unit_id","state");--> statement-breakpoint
CREATE UNIQUE INDEX "official_schedules_year_version_key" ON "official_schedules" USING btree ("year","version");--> statement-breakpoint
CREATE UNIQUE INDEX "procedures_unit_code_key" ON "procedures" USING btree ("unit_id","code");