CREATE TABLE "feedback" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"code" text NOT NULL,
	"unit_id" uuid NOT NULL,
	"channel" text NOT NULL,
	"sender_name" text NOT NULL,
	"sender_phone" text NOT NULL,
	"sender_email" text,
	"sender_address" text,
	"title" text NOT NULL,
	"content" text NOT NULL,
	"received_at" timestamp with time zone NOT NULL,
	"counted_from" date NOT NULL,
	"due_date" date NOT NULL,
	"transfer_due_date" date NOT NULL,
	"rule_set" text NOT NULL,
	"state" text NOT NULL,
	"classification" text,
	"assigned_agency_id" uuid,
	"transferred_to" text,
	"reason" text,
	"answer" text,
	"answered_at" timestamp with time zone,
	"answered_by_name" text,
	"finished_at" timestamp with time zone,
	"published_at" timestamp with time zone,
	"is_submitted_publicly" boolean DEFAULT false NOT NULL,
	"satisfaction" text,
	"satisfaction_note" text,
	"satisfaction_at" timestamp with time zone,
	"received_by_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "feedback_channel_check" CHECK ("feedback"."channel" in ('in_person', 'phone', 'mail', 'email', 'portal', 'zalo', 'public_web')),
	CONSTRAINT "feedback_state_check" CHECK ("feedback"."state" in ('received', 'classified', 'assigned', 'answered', 'published', 'transferred', 'rejected')),
	CONSTRAINT "feedback_classification_check" CHECK ("feedback"."classification" is null or "feedback"."classification" in ('regulation', 'conduct')),
	CONSTRAINT "feedback_satisfaction_check" CHECK ("feedback"."satisfaction" is null or "feedback"."satisfaction" in ('satisfied', 'neutral', 'unsatisfied'))
);
--> statement-breakpoint
CREATE TABLE "feedback_daily_counters" (
	"unit_id" uuid NOT NULL,
	"day" date NOT NULL,
	"last_value" integer NOT NULL,
	CONSTRAINT "feedback_daily_counters_unit_id_day_pk" PRIMARY KEY("unit_id","day")
);
--> statement-breakpoint
CREATE TABLE "feedback_events" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "feedback_events_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"feedback_id" uuid NOT NULL,
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
ALTER TABLE "feedback" ADD CONSTRAINT "feedback_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "feedback" ADD CONSTRAINT "feedback_assigned_agency_id_agencies_id_fk" FOREIGN KEY ("assigned_agency_id") REFERENCES "public"."agencies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "feedback" ADD CONSTRAINT "feedback_received_by_id_users_id_fk" FOREIGN KEY ("received_by_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "feedback_daily_counters" ADD CONSTRAINT "feedback_daily_counters_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "feedback_events" ADD CONSTRAINT "feedback_events_feedback_id_feedback_id_fk" FOREIGN KEY ("feedback_id") REFERENCES "public"."feedback"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "feedback_events" ADD CONSTRAINT "feedback_events_by_id_users_id_fk" FOREIGN KEY ("by_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "feedback_events" ADD CONSTRAINT "feedback_events_to_agency_id_agencies_id_fk" FOREIGN KEY ("to_agency_id") REFERENCES "public"."agencies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "feedback_unit_code_key" ON "feedback" USING btree ("unit_id","code");--> statement-breakpoint
CREATE INDEX "feedback_code_idx" ON "feedback" USING btree ("code");--> statement-breakpoint
CREATE INDEX "feedback_unit_received_idx" ON "feedback" USING btree ("unit_id","received_at");--> statement-breakpoint
CREATE INDEX "feedback_unit_state_idx" ON "feedback" USING btree ("unit_id","state");--> statement-breakpoint
CREATE INDEX "feedback_events_feedback_idx" ON "feedback_events" USING btree ("feedback_id","at");