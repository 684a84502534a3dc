CREATE TABLE "federation_children" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"instance_id" uuid NOT NULL,
	"name" text NOT NULL,
	"public_key" text NOT NULL,
	"unit_id" uuid NOT NULL,
	"created_by_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"revoked_at" timestamp with time zone,
	"revoked_by_id" uuid
);
--> statement-breakpoint
CREATE TABLE "federation_identity" (
	"id" integer PRIMARY KEY DEFAULT 1 NOT NULL,
	"instance_id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"public_key" text NOT NULL,
	"private_key_encrypted" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "federation_identity_single_check" CHECK ("federation_identity"."id" = 1)
);
--> statement-breakpoint
CREATE TABLE "federation_parent" (
	"id" integer PRIMARY KEY DEFAULT 1 NOT NULL,
	"url" text NOT NULL,
	"instance_id" uuid NOT NULL,
	"public_key" text NOT NULL,
	"updated_by_id" uuid,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "federation_parent_single_check" CHECK ("federation_parent"."id" = 1)
);
--> statement-breakpoint
CREATE TABLE "federation_received" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"child_id" uuid NOT NULL,
	"remote_report_id" uuid NOT NULL,
	"remote_version" integer NOT NULL,
	"content_digest" text NOT NULL,
	"signature" text NOT NULL,
	"report_id" uuid NOT NULL,
	"version" integer NOT NULL,
	"received_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "federation_sent" (
	"report_id" uuid NOT NULL,
	"version" integer NOT NULL,
	"status" text DEFAULT 'queued' NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"last_error" text,
	"parent_url" text NOT NULL,
	"job_id" uuid,
	"queued_by_id" uuid,
	"queued_at" timestamp with time zone DEFAULT now() NOT NULL,
	"sent_at" timestamp with time zone,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "federation_sent_report_id_version_pk" PRIMARY KEY("report_id","version"),
	CONSTRAINT "federation_sent_status_check" CHECK ("federation_sent"."status" in ('queued', 'sent', 'failed'))
);
--> statement-breakpoint
ALTER TABLE "federation_children" ADD CONSTRAINT "federation_children_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "federation_children" ADD CONSTRAINT "federation_children_created_by_id_users_id_fk" FOREIGN KEY ("created_by_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "federation_children" ADD CONSTRAINT "federation_children_revoked_by_id_users_id_fk" FOREIGN KEY ("revoked_by_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "federation_parent" ADD CONSTRAINT "federation_parent_updated_by_id_users_id_fk" FOREIGN KEY ("updated_by_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "federation_received" ADD CONSTRAINT "federation_received_child_id_federation_children_id_fk" FOREIGN KEY ("child_id") REFERENCES "public"."federation_children"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "federation_received" ADD CONSTRAINT "federation_received_report_id_reports_id_fk" FOREIGN KEY ("report_id") REFERENCES "public"."reports"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "federation_sent" ADD CONSTRAINT "federation_sent_report_id_reports_id_fk" FOREIGN KEY ("report_id") REFERENCES "public"."reports"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "federation_sent" ADD CONSTRAINT "federation_sent_queued_by_id_users_id_fk" FOREIGN KEY ("queued_by_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "federation_children_instance_key" ON "federation_children" USING btree ("instance_id");--> statement-breakpoint
CREATE INDEX "federation_children_unit_idx" ON "federation_children" USING btree ("unit_id");--> statement-breakpoint
CREATE UNIQUE INDEX "federation_received_snapshot_key" ON "federation_received" USING btree ("child_id","remote_report_id","remote_version");--> statement-breakpoint
CREATE INDEX "federation_received_report_idx" ON "federation_received" USING btree ("report_id");