/** A table's size now and as its last ANALYZE (or VACUUM) saw it, from pg_class. */
export interface TableSize {
  name: string;
  /** Pages when last analyzed; with `analyzed` false, never. */
  analyzedPages: number;
  analyzed: boolean;
  pages: number;
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
