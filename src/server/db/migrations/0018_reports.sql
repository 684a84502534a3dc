CREATE TABLE "report_kinds" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"unit_id" uuid NOT NULL,
	"name" text NOT NULL,
	"period_kind" text NOT NULL,
	"due_text" text,
	"due_rule" jsonb,
	"holiday_shift" text DEFAULT 'none' NOT NULL,
	"period_rule" text DEFAULT 'calendar' NOT NULL,
	"ad_hoc_from" date,
	"ad_hoc_to" date,
	"ad_hoc_due" date,
	"remind_days_before" integer DEFAULT 3 NOT NULL,
	"status" text DEFAULT 'draft' NOT NULL,
	"published_at" timestamp with time zone,
	"created_by_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "report_kinds_period_kind_check" CHECK ("report_kinds"."period_kind" in ('quarterly', 'half_yearly', 'yearly', 'ad_hoc')),
	CONSTRAINT "report_kinds_shift_check" CHECK ("report_kinds"."holiday_shift" in ('none', 'next_working_day', 'previous_working_day')),
	CONSTRAINT "report_kinds_period_rule_check" CHECK ("report_kinds"."period_rule" in ('calendar', 'statistical_cutoff')),
	CONSTRAINT "report_kinds_status_check" CHECK ("report_kinds"."status" in ('draft', 'published')),
	CONSTRAINT "report_kinds_rule_check" CHECK (("report_kinds"."period_kind" = 'ad_hoc' and "report_kinds"."ad_hoc_from" is not null and "report_kinds"."ad_hoc_to" is not null and "report_kinds"."ad_hoc_due" is not null) or ("report_kinds"."period_kind" <> 'ad_hoc' and "report_kinds"."due_rule" is not null)),
	CONSTRAINT "report_kinds_remind_check" CHECK ("report_kinds"."remind_days_before" between 0 and 60)
);
--> statement-breakpoint
CREATE TABLE "report_versions" (
	"report_id" uuid NOT NULL,
	"version" integer NOT NULL,
	"snapshot" jsonb NOT NULL,
	"submitted_by_id" uuid,
	"submitted_by_name" text NOT NULL,
	"submitted_at" timestamp with time zone DEFAULT now() NOT NULL,
	"review" text DEFAULT 'submitted' NOT NULL,
	"review_comment" text,
	"reviewed_by_id" uuid,
	"reviewed_by_name" text,
	"reviewed_at" timestamp with time zone,
	CONSTRAINT "report_versions_report_id_version_pk" PRIMARY KEY("report_id","version"),
	CONSTRAINT "report_versions_review_check" CHECK ("report_versions"."review" in ('submitted', 'accepted', 'returned'))
);
--> statement-breakpoint
CREATE TABLE "reports" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"kind_id" uuid NOT NULL,
	"unit_id" uuid NOT NULL,
	"period_key" text NOT NULL,
	"period_from" date NOT NULL,
	"period_to" date NOT NULL,
	"period_label" text NOT NULL,
	"due_date" date NOT NULL,
	"status" text DEFAULT 'draft' NOT NULL,
	"narrative" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"version" integer DEFAULT 0 NOT NULL,
	"created_by_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "reports_status_check" CHECK ("reports"."status" in ('draft', 'submitted', 'accepted', 'returned'))
);
--> statement-breakpoint
ALTER TABLE "report_kinds" ADD CONSTRAINT "report_kinds_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "report_kinds" ADD CONSTRAINT "report_kinds_created_by_id_users_id_fk" FOREIGN KEY ("created_by_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "report_versions" ADD CONSTRAINT "report_versions_report_id_reports_id_fk" FOREIGN KEY ("report_id") REFERENCES "public"."reports"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "report_versions" ADD CONSTRAINT "report_versions_submitted_by_id_users_id_fk" FOREIGN KEY ("submitted_by_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "report_versions" ADD CONSTRAINT "report_versions_reviewed_by_id_users_id_fk" FOREIGN KEY ("reviewed_by_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reports" ADD CONSTRAINT "reports_kind_id_report_kinds_id_fk" FOREIGN KEY ("kind_id") REFERENCES "public"."report_kinds"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reports" ADD CONSTRAINT "reports_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reports" ADD CONSTRAINT "reports_created_by_id_users_id_fk" FOREIGN KEY ("created_by_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "report_kinds_unit_idx" ON "report_kinds" USING btree ("unit_id");--> statement-breakpoint
CREATE UNIQUE INDEX "reports_kind_unit_period_key" ON "reports" USING btree ("kind_id","unit_id","period_key");--> statement-breakpoint
CREATE INDEX "reports_unit_idx" ON "reports" USING btree ("unit_id");