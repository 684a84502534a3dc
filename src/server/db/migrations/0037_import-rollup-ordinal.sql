-- The rollup statement (kpi_rollup_sql, 0029 and later) classes each finished dossier's working
-- days with two calls of kpi_working_ordinal(). That SQL function cannot be inlined (its body is
-- a subquery), so every call starts an executor of its own: measured on the bulk import (callgrind
-- on PostgreSQL 15, two 10,000-row COPY batches of the import bench's rows) 0.83 of its 10.96
-- billion instructions (7.6 %) went to those calls, half of the rollup trigger's cost, with an
-- empty working calendar; with a synced one (a day per row) the calls cost more (≈ 27 µs per
-- finished dossier against ≈ 18 µs inlined, measured alone; README "Benchmarks").
-- Here the two calls are replaced by the function's own body as scalar subqueries, which run in
-- the statement's executor: same results, whatever version of the statement is in force. The
-- statement is patched rather than restated so that a later or parallel change of its other parts
-- is kept; it fails loudly if the calls are no longer there.
DO $do$
DECLARE
  body text;
  patched text;
BEGIN
  SELECT p.prosrc INTO body FROM pg_proc p
  WHERE p.oid = 'kpi_rollup_sql(text, text, text, text)'::regprocedure;
  patched := replace(replace(body,
    'kpi_working_ordinal(fday)',
    'coalesce((SELECT w.ordinal FROM kpi_working_days w WHERE w.day <= fday ORDER BY w.day DESC LIMIT 1), 0)'),
    'kpi_working_ordinal(counted_from)',
    'coalesce((SELECT w.ordinal FROM kpi_working_days w WHERE w.day <= counted_from ORDER BY w.day DESC LIMIT 1), 0)');
  IF patched = body THEN
    RAISE EXCEPTION 'kpi_rollup_sql no longer calls kpi_working_ordinal(fday) and kpi_working_ordinal(counted_from)';
  END IF;
  EXECUTE format('CREATE OR REPLACE FUNCTION kpi_rollup_sql(changes text, pauses text, apologies text, procs text) RETURNS text LANGUAGE sql IMMUTABLE AS %L', patched);
END
$do$;
