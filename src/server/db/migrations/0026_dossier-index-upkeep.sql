DROP INDEX "dossiers_unit_received_idx";--> statement-breakpoint
DROP INDEX "dossiers_unit_state_idx";--> statement-breakpoint
DROP INDEX "dossiers_unit_finished_idx";--> statement-breakpoint
DROP INDEX "dossiers_unit_open_idx";--> statement-breakpoint
DROP INDEX "dossiers_code_prefix_idx";--> statement-breakpoint
-- Hand-written from here. The bulk import's speed is the upkeep of the dossiers' indexes (README,
-- Benchmarks: COPY into a table with the dossiers' indexes ran at ≈ 0.2 of the bare COPY).
-- Measured per index on 200,000 generated dossiers (PostgreSQL 15, backend CPU of one INSERT …
-- SELECT into an empty copy of the table with that one index): the open-span GiST +1.5–2.0 s, the
-- name trigram GIN +1.3 s, the code trigram GIN +0.8 s, each B-tree +0.3–0.6 s, against 1.9 s
-- for the rows alone.
--
-- Dropped above (drizzle-kit, from schema-one-stop.ts), shown unused by EXPLAIN on 200,000
-- generated dossiers (test/integration/register-plans.test.ts, which checks every register and
-- KPI query still reads dossiers through an index):
-- - dossiers_unit_received_idx (unit_id, received_at) and dossiers_unit_state_idx (unit_id,
--   state): every query that filters on those columns also says `voided_at is null`, and the
--   register's partial indexes (0022: unit, received_at, id / unit, state, received_at, id) serve
--   it; the rest (a void of an old import run, the unit check of the access gate) filter on
--   unit_id or id, which other indexes lead with.
-- - dossiers_unit_finished_idx (unit_id, finished_at) and dossiers_unit_open_idx (unit_id,
--   received_at where finished_at is null): the KPI counts of the raw rows (kpi.repository.ts,
--   for a procedure, field or agency) read the dossiers received before a period and open when
--   it began through the open span below, as the rollups' queries do, in one branch instead of
--   two (finished in or after the period's start; never finished).
-- - dossiers_code_prefix_idx (lower(code) text_pattern_ops): the register's search of one or two
--   characters, `lower(code) like 'g0%'`, reads dossiers_code_trgm_idx (pg_trgm pads the start
--   of a pattern, so a prefix has trigrams), as fast for a prefix that matches nothing.
--
-- The open span (0016) becomes an SP-GiST index: the same expression and predicate, so the KPI
-- queries (kpi-rollup.repository.ts, kpi.repository.ts) read it unchanged. Its upkeep depends on
-- the spans: 0.3–0.4 of the GiST's on the register test's rows (every span three days: +0.6 s
-- against +1.5–2.0 s), about the same as the GiST's on rows shaped like the import bench's file
-- (one ward, spans of 2–13 days: +1.9–2.7 s both); its index scan of the dossiers open at an
-- instant was faster in both (0.08 against 2.4 ms; 2.9 against 4.8 ms for 34,000 rows).
DROP INDEX "dossiers_open_span_idx";--> statement-breakpoint
CREATE INDEX "dossiers_open_span_idx" ON "dossiers" USING spgist (
  tstzrange("received_at", CASE WHEN "finished_at" IS NULL THEN NULL ELSE greatest("finished_at", "received_at") END, '[]')
) WHERE "voided_at" IS NULL AND "state" <> 'withdrawn';
