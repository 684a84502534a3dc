/**
 * The recompute of the KPIs' processing days after the working calendar changed (a schedule
 * stored, new built-in holidays), as a job of the job runner instead of one long transaction in
 * the administrator's request. The rules (kpi-rollup.repository.ts):
 * - storing a schedule rewrites the ordinals and raises the calendar's version at once, and queues
 *   this job (`ensureKpiWorkingCalendar`);
 * - the job rewrites `kpi_dossier_days.processing_days` in batches of rows in key order, each its
 *   own short transaction, and waits a little between them, so other requests get the database
 *   (on the embedded database, its one connection): the batch size adapts so that a batch takes
 *   about `targetBatchMs`;
 * - the cursor and the claim live in the database: a job stopped or crashed goes on where its last
 *   committed batch ended; a batch only rewrites stale rows, so running one again changes nothing;
 *   one job recomputes at a time (another finds the claim held by a live job and ends);
 * - while it runs, KPI reads compute the stale rows' processing days from their source, so every
 *   figure stays right, only slower.
 */
import { setTimeout as sleep } from "node:timers/promises";
import { formatVietnamDateTime } from "../../core/dossier/local-time.ts";
import { sql } from "drizzle-orm";
import { queryRows, type Executor } from "../db/database.ts";
import {
  KPI_RECOMPUTE_JOB,
  claimKpiRecompute,
  kpiCalendarState,
  recomputeProcessingDaysBatch,
  releaseKpiRecompute,
} from "../db/repositories/kpi-rollup.repository.ts";
import type { JobKind } from "../jobs/job-runner.ts";

export { KPI_RECOMPUTE_JOB };

export interface KpiRecomputeOptions {
  /** A batch should take about this long (default 50 ms); its row count adapts to it. */
  targetBatchMs?: number;
  /** Rows in the first batch (default 1,000). */
  firstBatchRows?: number;
  /** Bounds of a batch's rows (default 500 and 50,000). */
  minBatchRows?: number;
  maxBatchRows?: number;
  /** The wait between batches, for other requests (default 5 ms). */
  pauseMs?: number;
  /** Told after each committed batch (the bench's timings; tests stop the job here). */
  afterBatch?: (batch: {
    number: number;
    rows: number;
    changed: number;
    ms: number;
  }) => Promise<void> | void;
}

/** Runs the recompute to its end as job `owner` (its id); false when another job holds it. */
export async function runKpiRecompute(
  db: Executor,
  owner: string,
  signal: AbortSignal,
  options: KpiRecomputeOptions = {},
): Promise<boolean> {
  const target = options.targetBatchMs ?? 50;
  const pauseMs = options.pauseMs ?? 5;
  const minRows = options.minBatchRows ?? 500;
  const maxRows = options.maxBatchRows ?? 50_000;
  let rows = Math.min(maxRows, Math.max(minRows, options.firstBatchRows ?? 1_000));
  let number = 0;
  if (!(await claimKpiRecompute(db, owner))) return false;
  for (;;) {
    signal.throwIfAborted();
    const started = performance.now();
    const batch = await recomputeProcessingDaysBatch(db, owner, rows);
    const ms = performance.now() - started;
    number += 1;
    await options.afterBatch?.({ number, rows, changed: batch.changed, ms });
    if (batch.finished) {
      // A schedule stored while the last batch committed: go on for its version.
      const state = await kpiCalendarState(db);
      if (!state || state.recomputedVersion === state.version) return true;
      if (!(await claimKpiRecompute(db, owner))) return true;
    }
    // Towards the target, at most doubling at once (the machine's load varies).
    rows = Math.round(
      Math.min(maxRows, Math.max(minRows, Math.min(rows * 2, (rows * target) / Math.max(ms, 1)))),
    );
    await sleep(pauseMs, undefined, { signal });
  }
}

export function kpiRecomputeJob(db: Executor, options: KpiRecomputeOptions = {}): JobKind {
  return {
    retry: { baseDelayMs: 5_000, maxDelayMs: 60_000 },
    async run(_payload, context) {
      await runKpiRecompute(db, context.job.id, context.signal, options);
    },
    async onFailed(job) {
      await releaseKpiRecompute(db, job.id);
    },
  };
}

export type KpiRecomputeState = "none" | "pending" | "running" | "done";

export interface KpiRecomputeStatus {
  state: KpiRecomputeState;
  /** In Vietnamese, for the administrator. */
  message: string;
  startedAt: string | null;
  finishedAt: string | null;
}

/** Whether the KPIs' processing days are being recomputed, or when they last were. */
export async function kpiRecomputeStatus(exec: Executor): Promise<KpiRecomputeStatus> {
  const state = await kpiCalendarState(exec);
  if (!state)
    return {
      state: "none",
      message: "Số liệu chỉ số chưa cần tính lại theo lịch làm việc.",
      startedAt: null,
      finishedAt: null,
    };
  const finishedAt = state.recomputedAt?.toISOString() ?? null;
  if (state.recomputedVersion === state.version)
    return {
      state: "done",
      message: `Số ngày xử lý trong các chỉ số đã được tính lại theo lịch làm việc hiện hành${
        state.recomputedAt ? ` lúc ${formatVietnamDateTime(state.recomputedAt)}` : ""
      }.`,
      startedAt: null,
      finishedAt,
    };
  const [running] = await queryRows<{ n: number }>(
    exec,
    sql`select 1 as n from jobs where kind = ${KPI_RECOMPUTE_JOB} and state = 'running' limit 1`,
  );
  const startedAt = state.recomputeStartedAt?.toISOString() ?? null;
  return {
    state: running && state.recomputeOwner ? "running" : "pending",
    message:
      (running && state.recomputeOwner && state.recomputeStartedAt
        ? `Đang tính lại số ngày xử lý trong các chỉ số theo lịch làm việc mới (bắt đầu lúc ${formatVietnamDateTime(state.recomputeStartedAt)}).`
        : "Đang chờ tính lại số ngày xử lý trong các chỉ số theo lịch làm việc mới.") +
      " Trong lúc này các số liệu vẫn đúng (tính trực tiếp từ hồ sơ) nhưng có thể chậm hơn.",
    startedAt,
    finishedAt,
  };
}
