CREATE TABLE "kpi_dossier_months" (
	"unit_id" uuid NOT NULL,
	"month" date NOT NULL,
	"received" integer DEFAULT 0 NOT NULL,
	"finished" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "kpi_dossier_months_unit_id_month_pk" PRIMARY KEY("unit_id","month")
);
--> statement-breakpoint
ALTER TABLE "kpi_dossier_months" ADD CONSTRAINT "kpi_dossier_months_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
-- Hand-written from here. The dossiers open at an instant (carried over into a period, pending or
-- overdue at its end) were read from the raw rows through the open-span index, one heap fetch per
-- dossier open then: 61,017 carried into Q3/2026 at 10 M dossiers, ≈ 10× the 1 M figure, and as
-- many open at its end. Open at the first instant T of a day D is received before D less finished
-- before D (Vietnam days, as the rollups), so it is now summed from `kpi_dossier_months` (whole
-- months before D's) and `kpi_dossier_days` (D's month up to D), whatever the table's size.
-- Two things a day cannot tell are read through small partial indexes holding only the dossiers
-- concerned:
-- - a dossier finished before its receipt (bad data: its open span is its receipt instant) counts
--   as finished on a day before it counts as received: for T in (finished_at, received_at] the
--   sum is one short, so those are added back (`dossiers_kpi_finished_before_receipt_idx`);
-- - which open dossiers are overdue at a period's end: only one past its due date (the end at or
--   after 00:00 of due date + 2, i.e. the period's last day after the due date) or with two
--   supplement requests (forced late) can be: an SP-GiST index over `kpi_overdue_span`, from the
--   later of that instant and its receipt to its finish, for those dossiers only. Their class is
--   computed as before on the rows found; pending = open − overdue.
-- Every statement-level write to `kpi_dossier_days` (the dossier, pause, apology and procedure
-- triggers, a bulk rollup statement) moves the months in the same statement (one aggregate per
-- statement, month rows locked in key order after the day rows).
INSERT INTO kpi_dossier_months (unit_id, month, received, finished)
SELECT unit_id, day - (extract(day from day)::int - 1), sum(received), sum(finished)
FROM kpi_dossier_days GROUP BY 1, 2 HAVING sum(received) <> 0 OR sum(finished) <> 0;
--> statement-breakpoint
CREATE FUNCTION kpi_dossier_months_upkeep() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    INSERT INTO kpi_dossier_months AS t (unit_id, month, received, finished)
    SELECT unit_id, day - (extract(day from day)::int - 1), sum(received), sum(finished)
    FROM kpi_days_new GROUP BY 1, 2 HAVING sum(received) <> 0 OR sum(finished) <> 0 ORDER BY 1, 2
    ON CONFLICT (unit_id, month) DO UPDATE SET received = t.received + excluded.received,
      finished = t.finished + excluded.finished;
  ELSIF TG_OP = 'UPDATE' THEN
    INSERT INTO kpi_dossier_months AS t (unit_id, month, received, finished)
    SELECT unit_id, day - (extract(day from day)::int - 1), sum(received), sum(finished)
    FROM (SELECT n.unit_id, n.day, n.received, n.finished FROM kpi_days_new n
      UNION ALL SELECT o.unit_id, o.day, -o.received, -o.finished FROM kpi_days_old o) c
    GROUP BY 1, 2 HAVING sum(received) <> 0 OR sum(finished) <> 0 ORDER BY 1, 2
    ON CONFLICT (unit_id, month) DO UPDATE SET received = t.received + excluded.received,
      finished = t.finished + excluded.finished;
  ELSE
    INSERT INTO kpi_dossier_months AS t (unit_id, month, received, finished)
    SELECT unit_id, day - (extract(day from day)::int - 1), -sum(received), -sum(finished)
    FROM kpi_days_old GROUP BY 1, 2 HAVING sum(received) <> 0 OR sum(finished) <> 0 ORDER BY 1, 2
    ON CONFLICT (unit_id, month) DO UPDATE SET received = t.received + excluded.received,
      finished = t.finished + excluded.finished;
  END IF;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER kpi_dossier_months_insert AFTER INSERT ON kpi_dossier_days
  REFERENCING NEW TABLE AS kpi_days_new FOR EACH STATEMENT EXECUTE FUNCTION kpi_dossier_months_upkeep();
--> statement-breakpoint
CREATE TRIGGER kpi_dossier_months_update AFTER UPDATE ON kpi_dossier_days
  REFERENCING OLD TABLE AS kpi_days_old NEW TABLE AS kpi_days_new
  FOR EACH STATEMENT EXECUTE FUNCTION kpi_dossier_months_upkeep();
--> statement-breakpoint
CREATE TRIGGER kpi_dossier_months_delete AFTER DELETE ON kpi_dossier_days
  REFERENCING OLD TABLE AS kpi_days_old FOR EACH STATEMENT EXECUTE FUNCTION kpi_dossier_months_upkeep();
--> statement-breakpoint
-- Null for the other dossiers (not in the index). Immutable: the instant 00:00 (UTC+7, no daylight
-- saving) of due date + 2 is computed without the session's time zone.
CREATE FUNCTION kpi_overdue_span(received_at timestamptz, finished_at timestamptz,
  due_date date, supplement_count integer) RETURNS tstzrange
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT CASE
    WHEN finished_at < received_at THEN NULL
    WHEN supplement_count >= 2 THEN tstzrange(received_at, finished_at, '[]')
    WHEN finished_at IS NULL OR finished_at >= greatest(received_at,
        ((due_date + 2)::timestamp - interval '7 hours') AT TIME ZONE 'UTC')
      THEN tstzrange(greatest(received_at,
        ((due_date + 2)::timestamp - interval '7 hours') AT TIME ZONE 'UTC'), finished_at, '[]')
  END
$$;
--> statement-breakpoint
CREATE INDEX "dossiers_kpi_overdue_span_idx" ON "dossiers" USING spgist (
  kpi_overdue_span("received_at", "finished_at", "due_date", "supplement_count")
) WHERE kpi_overdue_span("received_at", "finished_at", "due_date", "supplement_count") IS NOT NULL
  AND "voided_at" IS NULL AND "state" <> 'withdrawn';
--> statement-breakpoint
CREATE INDEX "dossiers_kpi_finished_before_receipt_idx" ON "dossiers" ("received_at")
  WHERE "finished_at" < "received_at" AND "voided_at" IS NULL AND "state" <> 'withdrawn';
