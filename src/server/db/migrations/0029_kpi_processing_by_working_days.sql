CREATE TABLE "kpi_working_calendar" (
	"id" integer PRIMARY KEY DEFAULT 1 NOT NULL,
	"fingerprint" text NOT NULL,
	"first_day" date NOT NULL,
	"last_day" date NOT NULL
);
--> statement-breakpoint
CREATE TABLE "kpi_working_days" (
	"day" date PRIMARY KEY NOT NULL,
	"ordinal" integer NOT NULL
);
--> statement-breakpoint
ALTER TABLE "kpi_dossier_days" ADD COLUMN "processing_days" bigint DEFAULT 0 NOT NULL;
--> statement-breakpoint
-- Hand-written from here. The working days of each finished dossier (its processing time) are
-- classed when the rollups are written, as `kpi_dossier_days.processing_days`, instead of being
-- summed at query time over `kpi_processing_days` (one row per unit, finish day, start day and
-- paused days: 615,635 rows for 1 M dossiers, 110–200 ms of the province's dashboard). The
-- working calendar lives in the application (src/core/calendar); it is written into
-- `kpi_working_days` as working-day ordinals by the application (kpi-rollup.repository.ts,
-- `syncKpiWorkingDays`), which also rewrites `processing_days` from `kpi_processing_days` (kept as
-- the source) whenever that calendar changes: a schedule stored, a new version of the built-in
-- holidays. Until the first sync (no row in `kpi_working_calendar`, as right after this
-- migration) the column is not read: the first KPI read from the rollups syncs first, so the
-- backfill of the dossiers already recorded is that sync.
--
-- The ordinal of a day: working days from the calendar's first day; before it 0, after its last
-- day the last (both as the raw computation's index, kpi.repository.ts, which clamps the same way).
CREATE FUNCTION kpi_working_ordinal(d date) RETURNS integer LANGUAGE sql STABLE AS $$
  SELECT coalesce((SELECT w.ordinal FROM kpi_working_days w WHERE w.day <= d
    ORDER BY w.day DESC LIMIT 1), 0)
$$;
--> statement-breakpoint
-- The rollup statement of 0016, with the processing days of the finished dossiers.
CREATE OR REPLACE FUNCTION kpi_rollup_sql(changes text, pauses text, apologies text, procs text) RETURNS text
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
  SELECT c.*, CASE WHEN fday IS NULL THEN 0
      ELSE greatest(0, kpi_working_ordinal(fday) - kpi_working_ordinal(counted_from)
        - paused_working_days) END AS duration,
    CASE WHEN fday IS NULL THEN NULL
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
    0 AS extended_due_passed, 0 AS with_result, 0 AS electronic_result, 0 AS processing_days
  FROM k
  UNION ALL
  SELECT unit_id, fday, 0, 0, 0, 0, 0, 0, 0, sign,
    CASE WHEN class = 'early' THEN sign ELSE 0 END,
    CASE WHEN class = 'on_time' THEN sign ELSE 0 END,
    CASE WHEN class = 'late' THEN sign ELSE 0 END,
    CASE WHEN class = 'late' AND apologised THEN sign ELSE 0 END,
    CASE WHEN ext AND NOT forced AND due_date <= fday THEN sign ELSE 0 END,
    CASE WHEN state IN ('resolved', 'returned') THEN sign ELSE 0 END,
    CASE WHEN state IN ('resolved', 'returned') AND electronic_result THEN sign ELSE 0 END,
    sign * duration
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
  late_apologised, extended_due_passed, with_result, electronic_result, processing_days)
SELECT unit_id, day, sum(received), sum(online), sum(full_online_eligible), sum(full_online),
  sum(digitised), sum(fee_due), sum(online_payment), sum(finished), sum(early), sum(on_time),
  sum(late), sum(late_apologised), sum(extended_due_passed), sum(with_result), sum(electronic_result),
  sum(processing_days)
FROM days GROUP BY unit_id, day
HAVING sum(received) <> 0 OR sum(online) <> 0 OR sum(full_online_eligible) <> 0
  OR sum(full_online) <> 0 OR sum(digitised) <> 0 OR sum(fee_due) <> 0 OR sum(online_payment) <> 0
  OR sum(finished) <> 0 OR sum(early) <> 0 OR sum(on_time) <> 0 OR sum(late) <> 0
  OR sum(late_apologised) <> 0 OR sum(extended_due_passed) <> 0 OR sum(with_result) <> 0
  OR sum(electronic_result) <> 0 OR sum(processing_days) <> 0
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
  electronic_result = t.electronic_result + excluded.electronic_result,
  processing_days = t.processing_days + excluded.processing_days
$q$, changes, pauses, apologies, procs)
$f$;
