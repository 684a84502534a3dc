/** A table's size now and as its last ANALYZE (or VACUUM) saw it, from pg_class. */
export interface TableSize {
  name: string;
  /** Pages when last analyzed; with `analyzed` false, never. */
  analyzedPages: number;
  analyzed: boolean;
  pages: number;
  /** Pages of the table with its indexes and TOAST: what a VACUUM reads. */
  totalPages: number;
}

/** Below this many pages (8 MB) a table is analyzed every time: it costs next to nothing. */
export const SMALL_TABLE_PAGES = 1_000;
/** A larger table is analyzed again once its size moved this share from the last ANALYZE's. */
export const ANALYZE_CHANGE_SHARE = 0.1;

/**
 * The tables the scheduled ANALYZE refreshes: new or never analyzed, small, or changed in size by
 * a tenth since their last ANALYZE (autovacuum's rule, with the size standing for the rows
 * changed: PGlite keeps no row counters across restarts, and without VACUUM an update grows the
 * table too). ANALYZE of a million dossiers holds the one connection 0.6–0.9 s; the job runs at
 * every start and each day, when the register has mostly not moved.
 */
export function tablesToAnalyze(tables: readonly TableSize[]): string[] {
  return tables
    .filter(
      (t) =>
        !t.analyzed ||
        t.pages < SMALL_TABLE_PAGES ||
        Math.abs(t.pages - t.analyzedPages) >= ANALYZE_CHANGE_SHARE * t.analyzedPages,
    )
    .map((t) => t.name);
}

/**
 * The largest table (with its indexes) the scheduled run also VACUUMs on the embedded database:
 * 256 MB. PGlite has no autovacuum, and without VACUUM the space of deleted rows is never offered
 * to new ones: a queue of jobs inserted, finished and deleted grew to 53 MB for no row (100,000
 * jobs; 0 pages when vacuumed every 10,000). A larger table is only analyzed: VACUUM of a million
 * dossiers (3 GB, most of it the name's indexes) held the one connection 8.8 s after a fifth of
 * them changed state, which no request should wait for, while those changes grew their rows by
 * 4.7–6.5 % a tenth and their indexes by 1.5 % (never deleted, a page's pruning keeps its space).
 */
export const VACUUM_MAX_PAGES = 32_768;

/** Whether the scheduled run VACUUMs `table` (and analyzes it in the same statement). */
export const vacuumsWith = (table: TableSize): boolean => table.totalPages <= VACUUM_MAX_PAGES;
