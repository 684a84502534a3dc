CREATE TABLE "case_daily_counters" (
	"register" text NOT NULL,
	"unit_id" uuid NOT NULL,
	"day" date NOT NULL,
	"last_value" integer NOT NULL,
	CONSTRAINT "case_daily_counters_register_unit_id_day_pk" PRIMARY KEY("register","unit_id","day"),
	CONSTRAINT "case_daily_counters_register_check" CHECK ("case_daily_counters"."register" in ('dossier', 'feedback'))
);
--> statement-breakpoint
CREATE TABLE "case_events" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "case_events_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"register" text NOT NULL,
	"case_id" uuid NOT NULL,
	"action" text NOT NULL,
	"from_state" text,
	"to_state" text NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"by_id" uuid,
	"by_name" text NOT NULL,
	"to_agency_id" uuid,
	"note" text,
	CONSTRAINT "case_events_register_check" CHECK ("case_events"."register" in ('dossier', 'feedback'))
);
--> statement-breakpoint
ALTER TABLE "case_daily_counters" ADD CONSTRAINT "case_daily_counters_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_events" ADD CONSTRAINT "case_events_by_id_users_id_fk" FOREIGN KEY ("by_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_events" ADD CONSTRAINT "case_events_to_agency_id_agencies_id_fk" FOREIGN KEY ("to_agency_id") REFERENCES "public"."agencies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "case_events_case_idx" ON "case_events" USING btree ("register","case_id","at");--> statement-breakpoint
-- Move the events and daily counters of dossiers and feedback into the shared tables. Ordered by
-- the old ids, so the new ids keep each case's order of events recorded at the same moment.
INSERT INTO "case_events" ("register", "case_id", "action", "from_state", "to_state", "at", "by_id", "by_name", "to_agency_id", "note")
  SELECT 'dossier', "dossier_id", "action", "from_state", "to_state", "at", "by_id", "by_name", "to_agency_id", "note"
  FROM "dossier_events" ORDER BY "id";
--> statement-breakpoint
INSERT INTO "case_events" ("register", "case_id", "action", "from_state", "to_state", "at", "by_id", "by_name", "to_agency_id", "note")
  SELECT 'feedback', "feedback_id", "action", "from_state", "to_state", "at", "by_id", "by_name", "to_agency_id", "note"
  FROM "feedback_events" ORDER BY "id";
--> statement-breakpoint
INSERT INTO "case_daily_counters" ("register", "unit_id", "day", "last_value")
  SELECT 'dossier', "unit_id", "day", "last_value" FROM "dossier_daily_counters";
--> statement-breakpoint
INSERT INTO "case_daily_counters" ("register", "unit_id", "day", "last_value")
  SELECT 'feedback', "unit_id", "day", "last_value" FROM "feedback_daily_counters";
--> statement-breakpoint
-- The case id names a row of its register's table: checked when an event is written, as the
-- foreign keys of the old per-register tables did (cases are never deleted).
CREATE FUNCTION case_events_check_case() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF (NEW.register = 'dossier' AND NOT EXISTS (SELECT 1 FROM dossiers WHERE id = NEW.case_id))
    OR (NEW.register = 'feedback' AND NOT EXISTS (SELECT 1 FROM feedback WHERE id = NEW.case_id))
  THEN
    RAISE EXCEPTION 'case_events: no % case %', NEW.register, NEW.case_id
      USING ERRCODE = 'foreign_key_violation';
  END IF;
  RETURN NEW;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER case_events_case_exists
  BEFORE INSERT OR UPDATE OF register, case_id ON case_events
  FOR EACH ROW EXECUTE FUNCTION case_events_check_case();

--> statement-breakpoint
DROP TABLE "dossier_daily_counters" CASCADE;--> statement-breakpoint
DROP TABLE "dossier_events" CASCADE;--> statement-breakpoint
DROP TABLE "feedback_daily_counters" CASCADE;--> statement-breakpoint
DROP TABLE "feedback_events" CASCADE;