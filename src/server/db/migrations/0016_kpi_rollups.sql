CREATE TABLE "kpi_dossier_days" (
	"unit_id" uuid NOT NULL,
	"day" date NOT NULL,
	"received" integer DEFAULT 0 NOT NULL,
	"online" integer DEFAULT 0 NOT NULL,
	"full_online_eligible" integer DEFAULT 0 NOT NULL,
	"full_online" integer DEFAULT 0 NOT NULL,
	"digitised" integer DEFAULT 0 NOT NULL,
	"fee_due" integer DEFAULT 0 NOT NULL,
	"online_payment" integer DEFAULT 0 NOT NULL,
	"finished" integer DEFAULT 0 NOT NULL,
	"early" integer DEFAULT 0 NOT NULL,
	"on_time" integer DEFAULT 0 NOT NULL,
	"late" integer DEFAULT 0 NOT NULL,
	"late_apologised" integer DEFAULT 0 NOT NULL,
	"extended_due_passed" integer DEFAULT 0 NOT NULL,
	"with_result" integer DEFAULT 0 NOT NULL,
	"electronic_result" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "kpi_dossier_days_unit_id_day_pk" PRIMARY KEY("unit_id","day")
);
--> statement-breakpoint
CREATE TABLE "kpi_processing_days" (
	"unit_id" uuid NOT NULL,
	"day" date NOT NULL,
	"counted_from" date NOT NULL,
	"paused_working_days" integer NOT NULL,
	"dossiers" bigint DEFAULT 0 NOT NULL,
	CONSTRAINT "kpi_processing_days_unit_id_day_counted_from_paused_working_days_pk" PRIMARY KEY("unit_id","day","counted_from","paused_working_days")
);
--> statement-breakpoint
ALTER TABLE "kpi_dossier_days" ADD CONSTRAINT "kpi_dossier_days_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "kpi_processing_days" ADD CONSTRAINT "kpi_processing_days_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
-- Hand-written from here (kept in this one migration): the rollups' upkeep and the indexes the
-- KPI queries read beside them. See src/server/db/schema-kpi-rollup.ts for the decisions.
--
-- The open span of a dossier, [received_at, finished_at] (unbounded while open): the dossiers
-- open at an instant (carried over into a period, pending or overdue at its end) are those whose
-- span contains it. A finish before the receipt (bad data) gives an empty-ish span at receipt.
CREATE INDEX "dossiers_open_span_idx" ON "dossiers" USING gist (
  tstzrange("received_at", CASE WHEN "finished_at" IS NULL THEN NULL ELSE greatest("finished_at", "received_at") END, '[]')
) WHERE "voided_at" IS NULL AND "state" <> 'withdrawn';
--> statement-breakpoint
CREATE INDEX "apology_letters_issued_idx" ON "apology_letters" USING btree ("issued_at");
--> statement-breakpoint
-- The statement that adds the contribution of a set of dossier rows to the rollups. `changes` is
-- a relation of dossier rows with a leading `sign` column (+1 added, -1 taken away); `pauses`,
-- `apologies` and `procs` are the relations standing for dossier_pauses, apology_letters and
-- procedures (the tables themselves, or what they held before the statement being followed).
-- The class is the core's timeliness rule (src/core/dossier/timeliness.ts, as timelinessSql):
-- finished with 2+ supplement requests is late; a dossier stopped or refused while waiting for a
-- supplement asked for within its due date is never late (its due date moves to the period's end).
CREATE FUNCTION kpi_rollup_sql(changes text, pauses text, apologies text, procs text) RETURNS text
LANGUAGE sql IMMUTABLE AS $f$
SELECT format($q$
WITH c AS (
  SELECT ch.sign, ch.unit_id, ch.channel, ch.digitised, ch.online_payment, ch.electronic_result,
    ch.state, ch.due_date, ch.counted_from, ch.paused_working_days,
    ch.supplement_count >= 2 AS forced,
    ((ch.received_at AT TIME ZONE 'UTC') + interval '7 hours')::date AS rday,
    ((ch.finished_at AT TIME ZONE 'UTC') + interval '7 hours')::date AS fday,
    p.online_level = 'full' AS full_level,
    coalesce(p.fee_text ~ '[^[:space:]]'
      AND p.fee_text !~ '^[[:space:]]*(Miễn|miễn|MIỄN|Không|không|KHÔNG|0+([.,]0+)?[[:space:]]*(đồng|đ|VNĐ)?[[:space:]]*$)', false) AS has_fee,
    (ch.finished_at IS NOT NULL AND ch.supplement_count > 0 AND EXISTS (
      SELECT 1 FROM %2$s wp WHERE wp.dossier_id = ch.id AND wp.resumed_at IS NULL
        AND ((wp.requested_at AT TIME ZONE 'UTC') + interval '7 hours')::date <= ch.due_date)) AS ext,
    (ch.finished_at IS NOT NULL AND EXISTS (
      SELECT 1 FROM %3$s a WHERE a.dossier_id = ch.id AND a.issued_at <= ch.finished_at)) AS apologised
  FROM %1$s ch JOIN %4$s p ON p.id = ch.procedure_id
  WHERE ch.voided_at IS NULL AND ch.state <> 'withdrawn'
), k AS (
  SELECT c.*, CASE WHEN fday IS NULL THEN NULL
      WHEN forced THEN 'late'
      WHEN ext THEN 'early'
      WHEN fday > due_date THEN 'late'
      WHEN fday < due_date THEN 'early'
      ELSE 'on_time' END AS class
  FROM c
), days AS (
  SELECT unit_id, rday AS day, sign AS received,
    CASE WHEN channel = 'online' THEN sign ELSE 0 END AS online,
    CASE WHEN full_level THEN sign ELSE 0 END AS full_online_eligible,
    CASE WHEN full_level AND channel = 'online' THEN sign ELSE 0 END AS full_online,
    CASE WHEN digitised THEN sign ELSE 0 END AS digitised,
    CASE WHEN has_fee THEN sign ELSE 0 END AS fee_due,
    CASE WHEN has_fee AND online_payment THEN sign ELSE 0 END AS online_payment,
    0 AS finished, 0 AS early, 0 AS on_time, 0 AS late, 0 AS late_apologised,
    0 AS extended_due_passed, 0 AS with_result, 0 AS electronic_result
  FROM k
  UNION ALL
  SELECT unit_id, fday, 0, 0, 0, 0, 0, 0, 0, sign,
    CASE WHEN class = 'early' THEN sign ELSE 0 END,
    CASE WHEN class = 'on_time' THEN sign ELSE 0 END,
    CASE WHEN class = 'late' THEN sign ELSE 0 END,
    CASE WHEN class = 'late' AND apologised THEN sign ELSE 0 END,
    CASE WHEN ext AND NOT forced AND due_date <= fday THEN sign ELSE 0 END,
    CASE WHEN state IN ('resolved', 'returned') THEN sign ELSE 0 END,
    CASE WHEN state IN ('resolved', 'returned') AND electronic_result THEN sign ELSE 0 END
  FROM k WHERE fday IS NOT NULL
), processing AS (
  INSERT INTO kpi_processing_days AS t (unit_id, day, counted_from, paused_working_days, dossiers)
  SELECT unit_id, fday, counted_from, paused_working_days, sum(sign) FROM k
  WHERE fday IS NOT NULL GROUP BY 1, 2, 3, 4 HAVING sum(sign) <> 0
  ON CONFLICT (unit_id, day, counted_from, paused_working_days)
    DO UPDATE SET dossiers = t.dossiers + excluded.dossiers
)
INSERT INTO kpi_dossier_days AS t (unit_id, day, received, online, full_online_eligible,
  full_online, digitised, fee_due, online_payment, finished, early, on_time, late,
  late_apologised, extended_due_passed, with_result, electronic_result)
SELECT unit_id, day, sum(received), sum(online), sum(full_online_eligible), sum(full_online),
  sum(digitised), sum(fee_due), sum(online_payment), sum(finished), sum(early), sum(on_time),
  sum(late), sum(late_apologised), sum(extended_due_passed), sum(with_result), sum(electronic_result)
FROM days GROUP BY unit_id, day
HAVING sum(received) <> 0 OR sum(online) <> 0 OR sum(full_online_eligible) <> 0
  OR sum(full_online) <> 0 OR sum(digitised) <> 0 OR sum(fee_due) <> 0 OR sum(online_payment) <> 0
  OR sum(finished) <> 0 OR sum(early) <> 0 OR sum(on_time) <> 0 OR sum(late) <> 0
  OR sum(late_apologised) <> 0 OR sum(extended_due_passed) <> 0 OR sum(with_result) <> 0
  OR sum(electronic_result) <> 0
ON CONFLICT (unit_id, day) DO UPDATE SET
  received = t.received + excluded.received,
  online = t.online + excluded.online,
  full_online_eligible = t.full_online_eligible + excluded.full_online_eligible,
  full_online = t.full_online + excluded.full_online,
  digitised = t.digitised + excluded.digitised,
  fee_due = t.fee_due + excluded.fee_due,
  online_payment = t.online_payment + excluded.online_payment,
  finished = t.finished + excluded.finished,
  early = t.early + excluded.early,
  on_time = t.on_time + excluded.on_time,
  late = t.late + excluded.late,
  late_apologised = t.late_apologised + excluded.late_apologised,
  extended_due_passed = t.extended_due_passed + excluded.extended_due_passed,
  with_result = t.with_result + excluded.with_result,
  electronic_result = t.electronic_result + excluded.electronic_result
$q$, changes, pauses, apologies, procs)
$f$;
--> statement-breakpoint
-- Dossiers: once per statement (a COPY batch of a bulk import is one aggregate), rows added count
-- in, rows removed count out, an update takes the old row out and puts the new one in (only the
-- rows whose counted columns changed).
CREATE FUNCTION kpi_rollup_dossiers() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    EXECUTE kpi_rollup_sql('(SELECT 1 AS sign, n.* FROM kpi_new n)',
      'dossier_pauses', 'apology_letters', 'procedures');
  ELSIF TG_OP = 'DELETE' THEN
    EXECUTE kpi_rollup_sql('(SELECT -1 AS sign, o.* FROM kpi_old o)',
      'dossier_pauses', 'apology_letters', 'procedures');
  ELSE
    EXECUTE kpi_rollup_sql($s$(
      WITH changed AS (
        SELECT n.id FROM kpi_new n JOIN kpi_old o ON o.id = n.id
        WHERE (n.unit_id, n.procedure_id, n.received_at, n.finished_at, n.state, n.channel,
            n.digitised, n.online_payment, n.electronic_result, n.due_date, n.supplement_count,
            n.counted_from, n.paused_working_days, n.voided_at IS NULL)
          IS DISTINCT FROM
          (o.unit_id, o.procedure_id, o.received_at, o.finished_at, o.state, o.channel,
            o.digitised, o.online_payment, o.electronic_result, o.due_date, o.supplement_count,
            o.counted_from, o.paused_working_days, o.voided_at IS NULL))
      SELECT 1 AS sign, n.* FROM kpi_new n WHERE n.id IN (SELECT id FROM changed)
      UNION ALL
      SELECT -1 AS sign, o.* FROM kpi_old o WHERE o.id IN (SELECT id FROM changed))$s$,
      'dossier_pauses', 'apology_letters', 'procedures');
  END IF;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER kpi_rollup_dossiers_insert AFTER INSERT ON dossiers
  REFERENCING NEW TABLE AS kpi_new FOR EACH STATEMENT EXECUTE FUNCTION kpi_rollup_dossiers();
--> statement-breakpoint
CREATE TRIGGER kpi_rollup_dossiers_update AFTER UPDATE ON dossiers
  REFERENCING OLD TABLE AS kpi_old NEW TABLE AS kpi_new
  FOR EACH STATEMENT EXECUTE FUNCTION kpi_rollup_dossiers();
--> statement-breakpoint
CREATE TRIGGER kpi_rollup_dossiers_delete AFTER DELETE ON dossiers
  REFERENCING OLD TABLE AS kpi_old FOR EACH STATEMENT EXECUTE FUNCTION kpi_rollup_dossiers();
--> statement-breakpoint
-- Pauses and apology letters change the class (a pause left open by a stop or refusal) and the
-- "late with apology" count of finished dossiers only: those dossiers are taken out as they
-- counted with the letters or pauses before the statement and put back with those after it.
-- A desk's supplement request or apology for an open dossier touches no finished dossier and
-- costs one look-up.
CREATE FUNCTION kpi_rollup_pauses_or_apologies() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  tbl text := TG_TABLE_NAME;
  changed text;
  before text;
  affected text;
  pauses_before text := 'dossier_pauses';
  apologies_before text := 'apology_letters';
BEGIN
  changed := CASE TG_OP
    WHEN 'INSERT' THEN '(SELECT dossier_id FROM kpi_new)'
    WHEN 'DELETE' THEN '(SELECT dossier_id FROM kpi_old)'
    ELSE '(SELECT dossier_id FROM kpi_new UNION SELECT dossier_id FROM kpi_old)' END;
  EXECUTE format('SELECT string_agg(DISTINCT d.id::text, '','') FROM dossiers d
      WHERE d.id IN %s AND d.finished_at IS NOT NULL AND d.voided_at IS NULL', changed)
    INTO affected;
  IF affected IS NULL THEN
    RETURN NULL;
  END IF;
  before := CASE TG_OP
    WHEN 'INSERT' THEN format('(SELECT * FROM %I x WHERE x.id NOT IN (SELECT id FROM kpi_new))', tbl)
    WHEN 'DELETE' THEN format('(SELECT * FROM %I UNION ALL SELECT * FROM kpi_old)', tbl)
    ELSE format('(SELECT * FROM %I x WHERE x.id NOT IN (SELECT id FROM kpi_new) UNION ALL SELECT * FROM kpi_old)', tbl) END;
  IF tbl = 'dossier_pauses' THEN pauses_before := before; ELSE apologies_before := before; END IF;
  affected := format('(SELECT %s AS sign, d.* FROM dossiers d WHERE d.id = ANY(%L::uuid[]))',
    '%s', '{' || affected || '}');
  EXECUTE kpi_rollup_sql(format(affected, '-1'), pauses_before, apologies_before, 'procedures');
  EXECUTE kpi_rollup_sql(format(affected, '1'), 'dossier_pauses', 'apology_letters', 'procedures');
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER kpi_rollup_pauses_insert AFTER INSERT ON dossier_pauses
  REFERENCING NEW TABLE AS kpi_new FOR EACH STATEMENT EXECUTE FUNCTION kpi_rollup_pauses_or_apologies();
--> statement-breakpoint
CREATE TRIGGER kpi_rollup_pauses_update AFTER UPDATE ON dossier_pauses
  REFERENCING OLD TABLE AS kpi_old NEW TABLE AS kpi_new
  FOR EACH STATEMENT EXECUTE FUNCTION kpi_rollup_pauses_or_apologies();
--> statement-breakpoint
CREATE TRIGGER kpi_rollup_pauses_delete AFTER DELETE ON dossier_pauses
  REFERENCING OLD TABLE AS kpi_old FOR EACH STATEMENT EXECUTE FUNCTION kpi_rollup_pauses_or_apologies();
--> statement-breakpoint
CREATE TRIGGER kpi_rollup_apologies_insert AFTER INSERT ON apology_letters
  REFERENCING NEW TABLE AS kpi_new FOR EACH STATEMENT EXECUTE FUNCTION kpi_rollup_pauses_or_apologies();
--> statement-breakpoint
CREATE TRIGGER kpi_rollup_apologies_update AFTER UPDATE ON apology_letters
  REFERENCING OLD TABLE AS kpi_old NEW TABLE AS kpi_new
  FOR EACH STATEMENT EXECUTE FUNCTION kpi_rollup_pauses_or_apologies();
--> statement-breakpoint
CREATE TRIGGER kpi_rollup_apologies_delete AFTER DELETE ON apology_letters
  REFERENCING OLD TABLE AS kpi_old FOR EACH STATEMENT EXECUTE FUNCTION kpi_rollup_pauses_or_apologies();
--> statement-breakpoint
-- A procedure's online level or fee changes what its dossiers count for (fully online, fee due).
CREATE FUNCTION kpi_rollup_procedures() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  source text := '(SELECT %s AS sign, d.* FROM dossiers d WHERE d.procedure_id IN (
    SELECT n.id FROM kpi_new n JOIN kpi_old o ON o.id = n.id
    WHERE (n.online_level, n.fee_text) IS DISTINCT FROM (o.online_level, o.fee_text)))';
BEGIN
  EXECUTE kpi_rollup_sql(format(source, '-1'), 'dossier_pauses', 'apology_letters', 'kpi_old');
  EXECUTE kpi_rollup_sql(format(source, '1'), 'dossier_pauses', 'apology_letters', 'kpi_new');
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER kpi_rollup_procedures_update AFTER UPDATE ON procedures
  REFERENCING OLD TABLE AS kpi_old NEW TABLE AS kpi_new
  FOR EACH STATEMENT EXECUTE FUNCTION kpi_rollup_procedures();
--> statement-breakpoint
-- The dossiers already recorded.
DO $$ BEGIN
  EXECUTE kpi_rollup_sql('(SELECT 1 AS sign, d.* FROM dossiers d)',
    'dossier_pauses', 'apology_letters', 'procedures');
END $$;
