CREATE TABLE "methodology_publications" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"methodology_id" uuid NOT NULL,
	"published_by" uuid,
	"published_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "scorecard_entries" (
	"scorecard_id" uuid NOT NULL,
	"leaf_code" text NOT NULL,
	"self_points" numeric,
	"not_applicable" boolean DEFAULT false NOT NULL,
	"explanation" text,
	"override_reason" text,
	"appraised_points" numeric,
	"appraised_not_applicable" boolean DEFAULT false NOT NULL,
	"appraisal_note" text,
	"updated_by" uuid,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "scorecard_entries_scorecard_id_leaf_code_pk" PRIMARY KEY("scorecard_id","leaf_code"),
	CONSTRAINT "scorecard_entries_points_check" CHECK (("scorecard_entries"."self_points" is null or "scorecard_entries"."self_points" >= 0) and ("scorecard_entries"."appraised_points" is null or "scorecard_entries"."appraised_points" >= 0))
);
--> statement-breakpoint
CREATE TABLE "scorecard_events" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"scorecard_id" uuid NOT NULL,
	"action" text NOT NULL,
	"from_status" text NOT NULL,
	"to_status" text NOT NULL,
	"note" text,
	"snapshot" jsonb,
	"actor_id" uuid,
	"at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "scorecard_evidence" (
	"scorecard_id" uuid NOT NULL,
	"leaf_code" text NOT NULL,
	"evidence_id" uuid NOT NULL,
	"linked_by" uuid,
	"linked_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "scorecard_evidence_scorecard_id_leaf_code_evidence_id_pk" PRIMARY KEY("scorecard_id","leaf_code","evidence_id")
);
--> statement-breakpoint
CREATE TABLE "scorecards" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"unit_id" uuid NOT NULL,
	"year" integer NOT NULL,
	"methodology_id" uuid NOT NULL,
	"status" text DEFAULT 'draft' NOT NULL,
	"result" jsonb,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "scorecards_status_check" CHECK ("scorecards"."status" in ('draft', 'submitted', 'appraised', 'published')),
	CONSTRAINT "scorecards_year_check" CHECK ("scorecards"."year" between 2000 and 2100)
);
--> statement-breakpoint
ALTER TABLE "methodology_publications" ADD CONSTRAINT "methodology_publications_methodology_id_methodologies_id_fk" FOREIGN KEY ("methodology_id") REFERENCES "public"."methodologies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "methodology_publications" ADD CONSTRAINT "methodology_publications_published_by_users_id_fk" FOREIGN KEY ("published_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "scorecard_entries" ADD CONSTRAINT "scorecard_entries_scorecard_id_scorecards_id_fk" FOREIGN KEY ("scorecard_id") REFERENCES "public"."scorecards"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "scorecard_entries" ADD CONSTRAINT "scorecard_entries_updated_by_users_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "scorecard_events" ADD CONSTRAINT "scorecard_events_scorecard_id_scorecards_id_fk" FOREIGN KEY ("scorecard_id") REFERENCES "public"."scorecards"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "scorecard_events" ADD CONSTRAINT "scorecard_events_actor_id_users_id_fk" FOREIGN KEY ("actor_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "scorecard_evidence" ADD CONSTRAINT "scorecard_evidence_scorecard_id_scorecards_id_fk" FOREIGN KEY ("scorecard_id") REFERENCES "public"."scorecards"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "scorecard_evidence" ADD CONSTRAINT "scorecard_evidence_evidence_id_evidence_files_id_fk" FOREIGN KEY ("evidence_id") REFERENCES "public"."evidence_files"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "scorecard_evidence" ADD CONSTRAINT "scorecard_evidence_linked_by_users_id_fk" FOREIGN KEY ("linked_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "scorecards" ADD CONSTRAINT "scorecards_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "scorecards" ADD CONSTRAINT "scorecards_methodology_id_methodologies_id_fk" FOREIGN KEY ("methodology_id") REFERENCES "public"."methodologies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "scorecards" ADD CONSTRAINT "scorecards_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "methodology_publications_methodology_key" ON "methodology_publications" USING btree ("methodology_id");--> statement-breakpoint
CREATE INDEX "scorecard_events_scorecard_idx" ON "scorecard_events" USING btree ("scorecard_id");--> statement-breakpoint
CREATE INDEX "scorecard_evidence_evidence_idx" ON "scorecard_evidence" USING btree ("evidence_id");--> statement-breakpoint
CREATE UNIQUE INDEX "scorecards_unit_year_key" ON "scorecards" USING btree ("unit_id","year");--> statement-breakpoint
CREATE INDEX "scorecards_methodology_idx" ON "scorecards" USING btree ("methodology_id");