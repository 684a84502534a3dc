CREATE TABLE "sipas_answers" (
	"response_id" uuid NOT NULL,
	"item_code" text NOT NULL,
	"factor_key" text NOT NULL,
	"part_key" text NOT NULL,
	"value" smallint,
	CONSTRAINT "sipas_answers_response_id_item_code_pk" PRIMARY KEY("response_id","item_code"),
	CONSTRAINT "sipas_answers_value_check" CHECK ("sipas_answers"."value" is null or "sipas_answers"."value" between 1 and 5),
	CONSTRAINT "sipas_answers_part_check" CHECK ("sipas_answers"."part_key" in ('service', 'policy'))
);
--> statement-breakpoint
CREATE TABLE "sipas_responses" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"unit_id" uuid NOT NULL,
	"questionnaire_code" text NOT NULL,
	"channel" text NOT NULL,
	"dossier_id" uuid,
	"procedure_field" text,
	"field_group" text,
	"desk" text,
	"answered_on" date NOT NULL,
	"entered_by_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "sipas_responses_channel_check" CHECK ("sipas_responses"."channel" in ('phone', 'kiosk', 'paper')),
	CONSTRAINT "sipas_responses_field_group_check" CHECK ("sipas_responses"."field_group" is null or "sipas_responses"."field_group" in ('land', 'construction', 'other'))
);
--> statement-breakpoint
ALTER TABLE "sipas_answers" ADD CONSTRAINT "sipas_answers_response_id_sipas_responses_id_fk" FOREIGN KEY ("response_id") REFERENCES "public"."sipas_responses"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sipas_responses" ADD CONSTRAINT "sipas_responses_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sipas_responses" ADD CONSTRAINT "sipas_responses_dossier_id_dossiers_id_fk" FOREIGN KEY ("dossier_id") REFERENCES "public"."dossiers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sipas_responses" ADD CONSTRAINT "sipas_responses_entered_by_id_users_id_fk" FOREIGN KEY ("entered_by_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "sipas_responses_dossier_key" ON "sipas_responses" USING btree ("dossier_id") WHERE "sipas_responses"."dossier_id" is not null;--> statement-breakpoint
CREATE INDEX "sipas_responses_unit_day_idx" ON "sipas_responses" USING btree ("unit_id","answered_on");