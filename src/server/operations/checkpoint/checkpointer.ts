/**
 * The embedded database's checkpointer. On a PostgreSQL server, a checkpointer process writes the
 * dirty buffers out every max_wal_size of write-ahead log and recycles the old segments. PGlite
 * runs PostgreSQL single-user, with no background process: it checkpointed only when closed, so
 * the log grew by everything written since the server started (≈ 400 MB in one minute of the
 * stall bench's import and searches; a search that sets hint bits writes whole pages to it, the
 * cluster having data checksums), and a restart after a crash would replay all of it.
 *
 * Every `everyMs` this reads how much log was written since the last checkpoint (one short
 * statement) and checkpoints when checkpointDue says so, in the background lane (pglite-lanes.ts).
 * Not a job of the job runner: one every half-minute would leave thousands of finished jobs a day
 * in its table.
 */
import { sql } from "drizzle-orm";
import { queryRows, type Executor } from "../../db/database.ts";
import { inLane, lanesOf } from "../../db/pglite-lanes.ts";
import { isQuiet } from "../../db/quiet-moment.ts";
import { checkpointDue, type CheckpointThresholds } from "./checkpoint-due.ts";

/** How often the checkpointer looks at the log. */
export const CHECKPOINT_CHECK_EVERY_MS = 30_000;

export interface CheckpointerLogger {
  info(object: object, message: string): void;
  warn(object: object, message: string): void;
}

export interface CheckpointTick {
  /** Write-ahead log written since the last checkpoint, when looked at. */
  walBytes: number;
  checkpointed: boolean;
}

export interface Checkpointer {
  /** Looks at the log now and checkpoints if due (the timer calls it; tests too). */
  tick(): Promise<CheckpointTick>;
  /** Stops the timer and waits for a tick running now. */
  stop(): Promise<void>;
}

/** Bytes of write-ahead log written since the last checkpoint's redo point. */
export async function walBytesSinceCheckpoint(db: Executor): Promise<number> {
  const [row] = await queryRows<{ bytes: number }>(
    db,
    sql`select pg_wal_lsn_diff(pg_current_wal_insert_lsn(), redo_lsn)::float8 as bytes
        from pg_control_checkpoint()`,
  );
  return row!.bytes;
}

export function startCheckpointer(
  db: Executor,
  options: {
    thresholds: CheckpointThresholds;
    /** No request used the database in the last second (default: `isQuiet` of its lanes). */
    isQuiet?: () => boolean;
    log: CheckpointerLogger;
    everyMs?: number;
  },
): Checkpointer {
  const everyMs = options.everyMs ?? CHECKPOINT_CHECK_EVERY_MS;
  const quiet = options.isQuiet ?? (() => isQuiet(lanesOf(db)));
  let timer: NodeJS.Timeout | null = null;
  let running: Promise<unknown> = Promise.resolve();
  let stopped = false;

  const tick = () =>
    inLane("background", async (): Promise<CheckpointTick> => {
      const walBytes = await walBytesSinceCheckpoint(db);
      if (!checkpointDue(walBytes, quiet(), options.thresholds))
        return { walBytes, checkpointed: false };
      const began = performance.now();
      await db.execute(sql`checkpoint`);
      options.log.info(
        { walMb: Math.round(walBytes / 1024 / 1024), ms: Math.round(performance.now() - began) },
        "embedded database: checkpoint written",
      );
      return { walBytes, checkpointed: true };
    });

  const schedule = () => {
    if (stopped) return;
    timer = setTimeout(() => {
      running = tick()
        .catch((error: unknown) =>
          // The database restarting or closing, say: the next look tries again.
          options.log.warn(
            { code: (error as { code?: unknown } | null)?.code ?? null },
            "embedded database: the checkpointer failed; it looks again later",
          ),
        )
        .finally(schedule);
    }, everyMs);
    // The server keeps the process alive, not this.
    timer.unref();
  };
  schedule();

  return {
    tick,
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      await running;
    },
  };
}
