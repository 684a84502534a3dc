-- The KPI rollups' upkeep (0016_kpi_rollups.sql) made the bulk dossier import slower; two causes
-- are fixed here (measured on PostgreSQL 15, 10,000-row COPY batches, see README "Benchmarks").
--
-- 1. JIT. The rollup statement of a 10,000-row batch is estimated far above jit_above_cost, so
--    PostgreSQL compiled it to machine code on every batch (the trigger's EXECUTE plans anew each
--    time): 100–400 ms of compilation for a statement that runs in 70–110 ms without it. The
--    rollup statements are plain row-at-a-time aggregates that JIT never pays back: the trigger
--    functions run with jit off (a function's SET applies to the statements it runs, nowhere else).
--    PGlite has no JIT; the setting is accepted and changes nothing there.
--
-- 2. Rows being inserted have no pauses and no apology letters yet: both reference the dossier
--    (foreign keys, checked when they are written), so none can exist before the dossier does, and
--    the pause and apology triggers count those written later by the same statement themselves
--    (they take the dossier out as it counted without them and put it back with them). The insert
--    branch reads empty relations instead of probing dossier_pauses and apology_letters for each
--    finished row of the batch.
CREATE OR REPLACE FUNCTION kpi_rollup_dossiers() RETURNS trigger LANGUAGE plpgsql SET jit = off AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    EXECUTE kpi_rollup_sql('(SELECT 1 AS sign, n.* FROM kpi_new n)',
      '(SELECT * FROM dossier_pauses WHERE false)', '(SELECT * FROM apology_letters WHERE false)',
      'procedures');
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
ALTER FUNCTION kpi_rollup_pauses_or_apologies() SET jit = off;
