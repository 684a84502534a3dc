/**
 * How much one turn of the embedded database may hold its one connection.
 *
 * PGlite cannot interrupt a running statement (it ignores `statement_timeout`), and a transaction
 * holds the connection for its whole length (pglite-lanes.ts): whatever waits for the database —
 * the public lookup first among them — waits for the turn running when it comes. Work that can be
 * cut (a bulk import's batches) is cut to a time budget instead of a fixed count of rows, since a
 * row's cost grows with the table (its indexes) and with the machine's load: 1,000 rows took
 * ≈ 80 ms on an idle machine at 100,000 dossiers and 0.4–1.9 s at 1 M under load.
 */

export interface BatchBudget {
  /** The time one batch's transaction should hold the connection, ms. */
  budgetMs: number;
  /** Rows of the first batch, before any was measured. */
  first: number;
  /** Never fewer (a batch has fixed costs: progress, audit event) nor more rows than these. */
  min: number;
  max: number;
}

/**
 * The dossier import's batches on PGlite while people use the database: 30 ms each, 50 to 2,000
 * rows. The public lookup waits at most one turn, and its p99 goal is 100 ms; under load batches
 * overshoot their budget (the stall bench at 1 M dossiers: batches of a 100 ms budget held the
 * connection 140 ms on average and up to 300 ms; of 50 ms, up to 130–200 ms, the lookup's p99
 * 104–107 ms). The first batches are cut before any was measured (the parser works two ahead),
 * so they are the smallest: at 250 rows, an import's first four to six held the connection
 * 140–400 ms under that load. Alone, batches then double while they take under half the budget.
 */
export const PGLITE_IMPORT_BATCH: BatchBudget = { budgetMs: 30, first: 50, min: 50, max: 2_000 };

/** The same while nobody does: fewer, larger batches (each has fixed costs: progress, audit). */
export const PGLITE_IMPORT_BATCH_ALONE: BatchBudget = { ...PGLITE_IMPORT_BATCH, budgetMs: 100 };

/**
 * Requests' turns in the last second from which people are taken to be using the database: two
 * users searching and public lookups ask for dozens; the import screen's progress (a request a
 * second, a few turns each) is not it, nor the import bench's (four a second: with 5, its import
 * ran at 0.76 of the rows/s in 30 ms batches).
 */
export const BUSY_REQUEST_TURNS = 20;

/** The import's next batch budget, from the turns requests asked for in the last second. */
export function importBatchBudget(requestTurnsLastSecond: number): BatchBudget {
  return requestTurnsLastSecond >= BUSY_REQUEST_TURNS
    ? PGLITE_IMPORT_BATCH
    : PGLITE_IMPORT_BATCH_ALONE;
}

/**
 * The next batch's rows after one of `rows` rows held the connection `ms`: as many as fit the
 * budget at the measured cost per row, at most twice the batch measured (a cheap batch may have
 * been lucky; a dear one shrinks the next at once), within [min, max].
 */
export function nextBatchSize(measured: { rows: number; ms: number }, budget: BatchBudget): number {
  const { rows, ms } = measured;
  if (!(rows > 0) || !(ms >= 0) || !Number.isFinite(ms)) return budget.first;
  const fitting = ms === 0 ? budget.max : Math.floor((budget.budgetMs * rows) / ms);
  const next = Math.min(fitting, rows * 2);
  return Math.max(budget.min, Math.min(budget.max, next));
}

/**
 * A register's capped total on PGlite: counted up to 1,000 matches instead of 10,000. Counting a
 * common word's 10,001 matches read ≈ 40,000 rows, 0.2–0.4 s at 1 M dossiers, the whole time the
 * connection's turn; 1,001 read a tenth of it. The register says "more than 1,000" beyond.
 */
export const PGLITE_REGISTER_TOTAL_CAP = 1_000;

/**
 * A register search's walk in the register's order on PGlite (case-register.repository.ts
 * `CaseWalk`): 10,000 records a statement, ≈ 21 ms each on an idle machine at 1 M dossiers
 * (20,000: 39 ms; 50,000: 94 ms). Read in one statement, a code beginning shared by one month of
 * the ward's codes walked 820,000 records, 1.0–1.5 s idle and 1.6–2.3 s under load, the
 * connection held all along. A fixed count, not a time: the time a window waits for its turn
 * would shrink it, and the walk with it into hundreds of turns.
 */
export const PGLITE_SEARCH_WALK_WINDOW = 10_000;

/**
 * A register search's first window of its walk on PGlite, doubled for each next one up to
 * PGLITE_SEARCH_WALK_WINDOW: a common word ("văn", a match in every few records) has its page's
 * 51 matches within the first thousand records, yet read ten thousand (≈ 17 ms a page at 1 M
 * dossiers, the one connection held). A rare one reads a few more, shorter windows first
 * (1,000 + 2,000 + 4,000 + 8,000 records before the first whole one).
 */
export const PGLITE_SEARCH_WALK_FIRST = 1_000;
