ALTER TABLE "kpi_dossier_days" ADD COLUMN "calendar_version" integer;--> statement-breakpoint
ALTER TABLE "kpi_working_calendar" ADD COLUMN "version" integer DEFAULT 1 NOT NULL;--> statement-breakpoint
ALTER TABLE "kpi_working_calendar" ADD COLUMN "recomputed_version" integer;--> statement-breakpoint
ALTER TABLE "kpi_working_calendar" ADD COLUMN "recomputed_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "kpi_working_calendar" ADD COLUMN "recompute_owner" text;--> statement-breakpoint
ALTER TABLE "kpi_working_calendar" ADD COLUMN "recompute_started_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "kpi_working_calendar" ADD COLUMN "cursor_version" integer;--> statement-breakpoint
ALTER TABLE "kpi_working_calendar" ADD COLUMN "cursor_unit_id" uuid;--> statement-breakpoint
ALTER TABLE "kpi_working_calendar" ADD COLUMN "cursor_day" date;--> statement-breakpoint
ALTER TABLE "kpi_working_calendar" ADD COLUMN "pass_changes" integer DEFAULT 0 NOT NULL;
--> statement-breakpoint
-- Hand-written from here. Storing a working-day schedule no longer recomputes every unit's and
-- day's processing days in the administrator's transaction (12.9 s at 1 M dossiers): it rewrites
-- the ordinals (`kpi_working_days`), raises `kpi_working_calendar.version` and queues a job that
-- recomputes `kpi_dossier_days.processing_days` in short batches (kpi-recompute.job.ts). Each row
-- says which calendar version its processing days were classed with (`calendar_version`): the
-- rollup statement below stamps the rows it inserts with the version it read (in the same
-- statement as the ordinals, so the two agree), and a row that receives a change classed by
-- another version than its own becomes null (mixed, so stale). KPI reads use a row's stored
-- processing days only when its version is the current one and compute the others from
-- `kpi_processing_days` with the current ordinals (kpi-rollup.repository.ts). The rows already
-- written have no version (null): stale until the job's first run, which the first KPI read
-- after this migration queues (`recomputed_version` is null).
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
  late_apologised, extended_due_passed, with_result, electronic_result, processing_days,
  calendar_version)
SELECT unit_id, day, sum(received), sum(online), sum(full_online_eligible), sum(full_online),
  sum(digitised), sum(fee_due), sum(online_payment), sum(finished), sum(early), sum(on_time),
  sum(late), sum(late_apologised), sum(extended_due_passed), sum(with_result), sum(electronic_result),
  sum(processing_days), (SELECT w.version FROM kpi_working_calendar w WHERE w.id = 1)
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
  processing_days = t.processing_days + excluded.processing_days,
  calendar_version = CASE WHEN t.calendar_version = excluded.calendar_version
    THEN t.calendar_version END
$q$, changes, pauses, apologies, procs)
$f$;
