CREATE TABLE "methodologies" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"unit_id" uuid NOT NULL,
	"kind" text DEFAULT 'par_index' NOT NULL,
	"name" text NOT NULL,
	"year" integer NOT NULL,
	"level" text NOT NULL,
	"status" text DEFAULT 'draft' NOT NULL,
	"source_filename" text,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "methodologies_kind_check" CHECK ("methodologies"."kind" in ('par_index')),
	CONSTRAINT "methodologies_status_check" CHECK ("methodologies"."status" in ('draft')),
	CONSTRAINT "methodologies_level_check" CHECK ("methodologies"."level" in ('province', 'district', 'commune')),
	CONSTRAINT "methodologies_year_check" CHECK ("methodologies"."year" between 2000 and 2100)
);
--> statement-breakpoint
CREATE TABLE "methodology_criteria" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"methodology_id" uuid NOT NULL,
	"parent_id" uuid,
	"ref" text NOT NULL,
	"text" text NOT NULL,
	"max_points" numeric,
	"position" integer NOT NULL,
	"evidence_hint" text,
	CONSTRAINT "methodology_criteria_max_points_check" CHECK ("methodology_criteria"."max_points" is null or "methodology_criteria"."max_points" >= 0)
);
--> statement-breakpoint
ALTER TABLE "methodologies" ADD CONSTRAINT "methodologies_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "methodologies" ADD CONSTRAINT "methodologies_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "methodology_criteria" ADD CONSTRAINT "methodology_criteria_methodology_id_methodologies_id_fk" FOREIGN KEY ("methodology_id") REFERENCES "public"."methodologies"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "methodology_criteria" ADD CONSTRAINT "methodology_criteria_parent_id_methodology_criteria_id_fk" FOREIGN KEY ("parent_id") REFERENCES "public"."methodology_criteria"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "methodologies_unit_idx" ON "methodologies" USING btree ("unit_id");--> statement-breakpoint
CREATE UNIQUE INDEX "methodology_criteria_position_key" ON "methodology_criteria" USING btree ("methodology_id","position");--> statement-breakpoint
CREATE INDEX "methodology_criteria_parent_idx" ON "methodology_criteria" USING btree ("parent_id");