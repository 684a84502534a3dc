CREATE TABLE "kpi_late_apologies" (
	"unit_id" uuid NOT NULL,
	"letter_day" date NOT NULL,
	"finished_day" date NOT NULL,
	"dossiers" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "kpi_late_apologies_unit_id_letter_day_finished_day_pk" PRIMARY KEY("unit_id","letter_day","finished_day")
);
--> statement-breakpoint
ALTER TABLE "kpi_dossier_days" ADD COLUMN "overdue_started" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "kpi_dossier_days" ADD COLUMN "overdue_ended" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "kpi_dossier_days" ADD COLUMN "overdue_apologised_started" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "kpi_dossier_days" ADD COLUMN "overdue_apologised_ended" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "kpi_dossier_months" ADD COLUMN "overdue_started" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "kpi_dossier_months" ADD COLUMN "overdue_ended" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "kpi_dossier_months" ADD COLUMN "overdue_apologised_started" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "kpi_dossier_months" ADD COLUMN "overdue_apologised_ended" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "kpi_late_apologies" ADD CONSTRAINT "kpi_late_apologies_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
-- Hand-written from here. At 10 M dossiers two parts of the dashboard's rollup statement still read
-- dossiers one by one: the overdue ones at the period's end (21,246 candidates through the
-- overdue-span index of 0033, their heap blocks, pause and letter look-ups: 1.4 s of 1.9 s) and the
-- late ones apologised for after finishing (13,888 letters of the quarter, a dossier look-up each:
-- 0.36 s). Both become rollup sums, kept by the rollup statement the triggers run.
--
-- Overdue at the end of day Y (the raw rule, kpi.repository.ts `dossierTimelinessAtPeriodEnd`
-- with Y the period's last day): open then (received by Y, finish day after Y) and either
-- - forced late: supplement_count less the pauses requested after Y is 2 or more; that count only
--   grows with Y, so it holds from the day of the (supplement_count − 1)-th latest request on
--   (from the receipt when there are fewer pauses than that);
-- - or past due: Y > due date and not waiting then for a supplement asked for within the due date
--   (a pause requested on a day ≤ due date, not resumed by the end of Y). Such pauses all start by
--   the due date, so past-due-and-not-waiting holds from max(due + 1, their latest resume day) on,
--   never while one of them is still open.
-- Both are "from a day on", so a dossier is overdue at the end of each day of ONE span,
-- [greatest(receipt day, least(the two days)), finish day), empty for most dossiers
-- (`ostart` below). Its start day counts +1 in `overdue_started`, its finish day +1 in
-- `overdue_ended`; overdue at the end of Y = started − ended summed over the days up to Y (the
-- months before Y's month, then the days of it), as 0033 sums received − finished for the open
-- ones. The part of the span from the first apology letter's day on (a letter issued by the end
-- of Y) is counted likewise in `overdue_apologised_*`. A period's end is always a Vietnam day's
-- end, so days are exact.
--
-- Late and first apologised after finishing: counted in a period when the letter's day and the
-- finish day are both in it, so `kpi_late_apologies` keeps both days (see the schema).
--
-- Pauses and letters now matter for open dossiers too (the span's start), so their trigger takes
-- every dossier they touch out and back in, not only finished ones.
--
-- The backfill takes the dossiers whose figures can change (those the old overdue-span index
-- held, and those with a letter) out with the old statement and back in with the new one: the
-- counts the old one kept come back unchanged, the new ones are added, by the triggers' own code.
DO $$ BEGIN
  EXECUTE kpi_rollup_sql('(SELECT -1 AS sign, d.* FROM dossiers d WHERE d.id IN (
      SELECT x.id FROM dossiers x
      WHERE kpi_overdue_span(x.received_at, x.finished_at, x.due_date, x.supplement_count) IS NOT NULL
        AND x.voided_at IS NULL AND x.state <> ''withdrawn''
      UNION SELECT a.dossier_id FROM apology_letters a))',
    'dossier_pauses', 'apology_letters', 'procedures');
END $$;
--> statement-breakpoint
-- The monthly sums of 0033 with the overdue columns (the day rows' changes, as a relation chosen
-- by the operation: a transition table absent for it cannot be named in a static statement).
CREATE OR REPLACE FUNCTION kpi_dossier_months_upkeep() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  cols text := 'unit_id, day, %s received, %s finished, %s overdue_started, %s overdue_ended,
    %s overdue_apologised_started, %s overdue_apologised_ended';
  plus text := format(cols, '', '', '', '', '', '');
  minus text := format(cols, '-', '-', '-', '-', '-', '-');
  changes text := CASE TG_OP
    WHEN 'INSERT' THEN format('SELECT %s FROM kpi_days_new', plus)
    WHEN 'DELETE' THEN format('SELECT %s FROM kpi_days_old', minus)
    ELSE format('SELECT %s FROM kpi_days_new UNION ALL SELECT %s FROM kpi_days_old', plus, minus) END;
BEGIN
  EXECUTE format($q$
    INSERT INTO kpi_dossier_months AS t (unit_id, month, received, finished, overdue_started,
      overdue_ended, overdue_apologised_started, overdue_apologised_ended)
    SELECT unit_id, day - (extract(day from day)::int - 1), sum(received), sum(finished),
      sum(overdue_started), sum(overdue_ended), sum(overdue_apologised_started),
      sum(overdue_apologised_ended)
    FROM (%s) c
    GROUP BY 1, 2
    HAVING sum(received) <> 0 OR sum(finished) <> 0 OR sum(overdue_started) <> 0
      OR sum(overdue_ended) <> 0 OR sum(overdue_apologised_started) <> 0
      OR sum(overdue_apologised_ended) <> 0
    ORDER BY 1, 2
    ON CONFLICT (unit_id, month) DO UPDATE SET received = t.received + excluded.received,
      finished = t.finished + excluded.finished,
      overdue_started = t.overdue_started + excluded.overdue_started,
      overdue_ended = t.overdue_ended + excluded.overdue_ended,
      overdue_apologised_started = t.overdue_apologised_started + excluded.overdue_apologised_started,
      overdue_apologised_ended = t.overdue_apologised_ended + excluded.overdue_apologised_ended
  $q$, changes);
  RETURN NULL;
END;
$$;
--> statement-breakpoint
-- The rollup statement of 0032 with each dossier's overdue span (`ostart`, `astart`) and its late
-- apology after finishing. Its pause facts: `waiting` (a pause asked for within the due date still
-- open), `resumed` (the latest resume day of those), `forced_day` (the (supplement_count − 1)-th
-- latest request); `first_letter` (its first apology letter) also gives `apologised` (a letter no
-- later than the finish) as 0032's look-up did.
CREATE OR REPLACE FUNCTION kpi_rollup_sql(changes text, pauses text, apologies text, procs text) RETURNS text
LANGUAGE sql IMMUTABLE AS $f$
SELECT format($q$
WITH c AS (
  SELECT ch.sign, ch.unit_id, ch.channel, ch.digitised, ch.online_payment, ch.electronic_result,
    ch.state, ch.due_date, ch.counted_from, ch.paused_working_days, ch.finished_at,
    ch.supplement_count >= 2 AS forced,
    ((ch.received_at AT TIME ZONE 'UTC') + interval '7 hours')::date AS rday,
    ((ch.finished_at AT TIME ZONE 'UTC') + interval '7 hours')::date AS fday,
    p.online_level = 'full' AS full_level,
    coalesce(p.fee_text ~ '[^[:space:]]'
      AND p.fee_text !~ '^[[:space:]]*(Miễn|miễn|MIỄN|Không|không|KHÔNG|0+([.,]0+)?[[:space:]]*(đồng|đ|VNĐ)?[[:space:]]*$)', false) AS has_fee,
    coalesce(pz.waiting, false) AS waiting, pz.resumed, fz.forced_day, al.first_letter
  FROM %1$s ch JOIN %4$s p ON p.id = ch.procedure_id
  LEFT JOIN LATERAL (
    SELECT bool_or(wp.resumed_at IS NULL) AS waiting,
      max(((wp.resumed_at AT TIME ZONE 'UTC') + interval '7 hours')::date) AS resumed
    FROM %2$s wp WHERE ch.supplement_count > 0 AND wp.dossier_id = ch.id
      AND ((wp.requested_at AT TIME ZONE 'UTC') + interval '7 hours')::date <= ch.due_date
  ) pz ON true
  LEFT JOIN LATERAL (
    SELECT ((wp.requested_at AT TIME ZONE 'UTC') + interval '7 hours')::date AS forced_day
    FROM %2$s wp WHERE ch.supplement_count >= 2 AND wp.dossier_id = ch.id
    ORDER BY wp.requested_at DESC OFFSET greatest(ch.supplement_count - 2, 0) LIMIT 1
  ) fz ON true
  LEFT JOIN LATERAL (
    SELECT min(a.issued_at) AS first_letter FROM %3$s a WHERE a.dossier_id = ch.id
  ) al ON true
  WHERE ch.voided_at IS NULL AND ch.state <> 'withdrawn'
), s AS (
  SELECT c.*, fday IS NOT NULL AND waiting AS ext,
    coalesce(first_letter <= finished_at, false) AS apologised,
    greatest(rday, least(
      CASE WHEN forced THEN coalesce(forced_day, rday) ELSE 'infinity'::date END,
      CASE WHEN waiting THEN 'infinity'::date ELSE greatest(due_date + 1, resumed) END)) AS ostart,
    ((first_letter AT TIME ZONE 'UTC') + interval '7 hours')::date AS lday
  FROM c
), k AS (
  SELECT s.*, CASE WHEN fday IS NULL THEN 0
      ELSE greatest(0, kpi_working_ordinal(fday) - kpi_working_ordinal(counted_from)
        - paused_working_days) END AS duration,
    CASE WHEN fday IS NULL THEN NULL
      WHEN forced THEN 'late'
      WHEN ext THEN 'early'
      WHEN fday > due_date THEN 'late'
      WHEN fday < due_date THEN 'early'
      ELSE 'on_time' END AS class,
    ostart < coalesce(fday, 'infinity'::date) AS overdue,
    lday IS NOT NULL AND greatest(ostart, lday) < coalesce(fday, 'infinity'::date)
      AS overdue_apologised
  FROM s
), days AS (
  SELECT unit_id, rday AS day, sign AS received,
    CASE WHEN channel = 'online' THEN sign ELSE 0 END AS online,
    CASE WHEN full_level THEN sign ELSE 0 END AS full_online_eligible,
    CASE WHEN full_level AND channel = 'online' THEN sign ELSE 0 END AS full_online,
    CASE WHEN digitised THEN sign ELSE 0 END AS digitised,
    CASE WHEN has_fee THEN sign ELSE 0 END AS fee_due,
    CASE WHEN has_fee AND online_payment THEN sign ELSE 0 END AS online_payment,
    0 AS finished, 0 AS early, 0 AS on_time, 0 AS late, 0 AS late_apologised,
    0 AS extended_due_passed, 0 AS with_result, 0 AS electronic_result, 0 AS processing_days,
    0 AS overdue_started, 0 AS overdue_ended, 0 AS overdue_apologised_started,
    0 AS overdue_apologised_ended
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
    sign * duration, 0,
    CASE WHEN overdue THEN sign ELSE 0 END, 0,
    CASE WHEN overdue_apologised THEN sign ELSE 0 END
  FROM k WHERE fday IS NOT NULL
  UNION ALL
  SELECT unit_id, ostart, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, sign, 0, 0, 0
  FROM k WHERE overdue
  UNION ALL
  SELECT unit_id, greatest(ostart, lday), 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    sign, 0
  FROM k WHERE overdue_apologised
), processing AS (
  INSERT INTO kpi_processing_days AS t (unit_id, day, counted_from, paused_working_days, dossiers)
  SELECT unit_id, fday, counted_from, paused_working_days, sum(sign) FROM k
  WHERE fday IS NOT NULL GROUP BY 1, 2, 3, 4 HAVING sum(sign) <> 0
  ON CONFLICT (unit_id, day, counted_from, paused_working_days)
    DO UPDATE SET dossiers = t.dossiers + excluded.dossiers
), late_apologies AS (
  INSERT INTO kpi_late_apologies AS t (unit_id, letter_day, finished_day, dossiers)
  SELECT unit_id, lday, fday, sum(sign) FROM k
  WHERE class = 'late' AND first_letter > finished_at GROUP BY 1, 2, 3 HAVING sum(sign) <> 0
  ON CONFLICT (unit_id, letter_day, finished_day) DO UPDATE SET dossiers = t.dossiers + excluded.dossiers
)
INSERT INTO kpi_dossier_days AS t (unit_id, day, received, online, full_online_eligible,
  full_online, digitised, fee_due, online_payment, finished, early, on_time, late,
  late_apologised, extended_due_passed, with_result, electronic_result, processing_days,
  overdue_started, overdue_ended, overdue_apologised_started, overdue_apologised_ended,
  calendar_version)
SELECT unit_id, day, sum(received), sum(online), sum(full_online_eligible), sum(full_online),
  sum(digitised), sum(fee_due), sum(online_payment), sum(finished), sum(early), sum(on_time),
  sum(late), sum(late_apologised), sum(extended_due_passed), sum(with_result), sum(electronic_result),
  sum(processing_days), sum(overdue_started), sum(overdue_ended), sum(overdue_apologised_started),
  sum(overdue_apologised_ended), (SELECT w.version FROM kpi_working_calendar w WHERE w.id = 1)
FROM days GROUP BY unit_id, day
HAVING sum(received) <> 0 OR sum(online) <> 0 OR sum(full_online_eligible) <> 0
  OR sum(full_online) <> 0 OR sum(digitised) <> 0 OR sum(fee_due) <> 0 OR sum(online_payment) <> 0
  OR sum(finished) <> 0 OR sum(early) <> 0 OR sum(on_time) <> 0 OR sum(late) <> 0
  OR sum(late_apologised) <> 0 OR sum(extended_due_passed) <> 0 OR sum(with_result) <> 0
  OR sum(electronic_result) <> 0 OR sum(processing_days) <> 0 OR sum(overdue_started) <> 0
  OR sum(overdue_ended) <> 0 OR sum(overdue_apologised_started) <> 0
  OR sum(overdue_apologised_ended) <> 0
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
  overdue_started = t.overdue_started + excluded.overdue_started,
  overdue_ended = t.overdue_ended + excluded.overdue_ended,
  overdue_apologised_started = t.overdue_apologised_started + excluded.overdue_apologised_started,
  overdue_apologised_ended = t.overdue_apologised_ended + excluded.overdue_apologised_ended,
  calendar_version = CASE WHEN t.calendar_version = excluded.calendar_version
    THEN t.calendar_version END
$q$, changes, pauses, apologies, procs)
$f$;
--> statement-breakpoint
DO $$ BEGIN
  EXECUTE kpi_rollup_sql('(SELECT 1 AS sign, d.* FROM dossiers d WHERE d.id IN (
      SELECT x.id FROM dossiers x
      WHERE kpi_overdue_span(x.received_at, x.finished_at, x.due_date, x.supplement_count) IS NOT NULL
        AND x.voided_at IS NULL AND x.state <> ''withdrawn''
      UNION SELECT a.dossier_id FROM apology_letters a))',
    'dossier_pauses', 'apology_letters', 'procedures');
END $$;
--> statement-breakpoint
-- Pauses and letters: every dossier they touch (open ones too), as it counted with the pauses or
-- letters before the statement, then with those after it.
CREATE OR REPLACE FUNCTION kpi_rollup_pauses_or_apologies() RETURNS trigger LANGUAGE plpgsql
SET jit = off AS $$
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
      WHERE d.id IN %s AND d.voided_at IS NULL AND d.state <> ''withdrawn''', changed)
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
-- No query reads the overdue-span index any more; one index less for every write of a dossier.
DROP INDEX "dossiers_kpi_overdue_span_idx";
--> statement-breakpoint
DROP FUNCTION kpi_overdue_span(timestamptz, timestamptz, date, integer);
