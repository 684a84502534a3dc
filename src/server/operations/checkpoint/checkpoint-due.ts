/**
 * When the embedded database's checkpointer checkpoints (checkpointer.ts): once the write-ahead
 * log written since the last checkpoint reaches `quietBytes` and no request has used the
 * database in the last second, or once it reaches `anywayBytes` however busy it is. A checkpoint
 * holds the one connection while it writes the dirty buffers (45–390 ms measured at a million
 * dossiers), so it waits for a quiet moment; the larger bound keeps the log on disk, and the
 * replay after a crash, bounded on a server that is never quiet.
 */
export interface CheckpointThresholds {
  quietBytes: number;
  anywayBytes: number;
}

const MB = 1024 * 1024;

/** The busy bound as a multiple of the quiet one: 64 MB → 1 GB, PostgreSQL's max_wal_size default. */
export const ANYWAY_FACTOR = 16;

/** CCHC_CHECKPOINT_WAL_MB's default: PGLITE_CONFIG's max_wal_size, which PGlite cannot honour. */
export const DEFAULT_CHECKPOINT_WAL_MB = 64;

export function checkpointThresholds(walMb: number): CheckpointThresholds {
  return { quietBytes: walMb * MB, anywayBytes: walMb * MB * ANYWAY_FACTOR };
}

export function checkpointDue(
  walBytesSinceCheckpoint: number,
  quiet: boolean,
  thresholds: CheckpointThresholds,
): boolean {
  if (walBytesSinceCheckpoint >= thresholds.anywayBytes) return true;
  return quiet && walBytesSinceCheckpoint >= thresholds.quietBytes;
}

/** CCHC_CHECKPOINT_WAL_MB (default 64; 0 turns the checkpointer off). */
export function checkpointWalMb(env: NodeJS.ProcessEnv = process.env): number {
  const parsed = Number.parseFloat(env.CCHC_CHECKPOINT_WAL_MB ?? "");
  return Number.isFinite(parsed) && parsed >= 0 ? parsed : DEFAULT_CHECKPOINT_WAL_MB;
}
