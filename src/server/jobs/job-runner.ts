/**
 * The one background job runner (reminders, dossier imports; next the KPI rollups). Jobs live in
 * the `jobs` table, so their status is visible and they survive a restart:
 * - a worker claims a due job with a lease it renews while the job runs (`job.repository.ts`);
 * - a failed attempt is tried again after a growing wait (`src/core/jobs/job-rules.ts`) unless the
 *   kind calls the error permanent; a job out of attempts fails for good and its kind is told;
 * - a job whose worker died (lease lapsed) is claimed again by any worker, as a new attempt; on
 *   the embedded database one process owns the data, so a starting runner takes over at once;
 * - stopping aborts the running jobs (their `signal`) and puts them back in the queue unchanged.
 */
import { randomUUID } from "node:crypto";
import { hostname } from "node:os";
import { afterFailure, DEFAULT_RETRY, type RetryPolicy } from "../../core/jobs/job-rules.ts";
import type { Executor } from "../db/database.ts";
import { inLane } from "../db/pglite-lanes.ts";
import { AppError } from "../errors.ts";
import * as repository from "./job.repository.ts";
import type { JobRow } from "./job.repository.ts";

export interface JobContext {
  job: JobRow;
  /** 1 for the first attempt. */
  attempt: number;
  maxAttempts: number;
  /** Aborted when the runner stops or loses the job's lease: stop at the next safe point. */
  signal: AbortSignal;
}

export interface JobKind {
  run(payload: Record<string, unknown>, context: JobContext): Promise<void>;
  /** Waits between attempts (the number of attempts is the job's own, set when it is queued). */
  retry?: Partial<Pick<RetryPolicy, "baseDelayMs" | "maxDelayMs">>;
  /** Errors that another attempt cannot cure (a file that cannot be read): no retry. */
  isPermanent?(error: unknown): boolean;
  /** Called once when the job failed for good (also when its last attempt's process died). */
  onFailed?(job: JobRow): Promise<void>;
  /** A recurring job: queued at start (due at once), and again this long after each run ends. */
  everyMs?: number;
}

export interface JobLogger {
  info(object: object, message: string): void;
  error(object: object, message: string): void;
}

export interface JobRunnerOptions {
  /** How often to look for due jobs when nothing woke the runner (default 2 s). */
  pollMs?: number;
  /** A claim lasts this long unless renewed; renewed every third of it (default 60 s). */
  leaseMs?: number;
  /** Jobs run at once by this runner (default 2). */
  concurrency?: number;
  /** The only process on its data (the embedded database): take over running jobs at start. */
  ownsAllJobs?: boolean;
  /** Finished jobs are deleted after this long (default 30 days). */
  retainMs?: number;
  log?: JobLogger;
  workerId?: string;
}

const ABANDONED =
  "Tiến trình chạy công việc đã dừng đột ngột ở lần thử cuối cùng; công việc không được chạy lại.";
const silent: JobLogger = { info: () => undefined, error: () => undefined };

/** What an attempt's error says to an administrator: never a message that may hold data. */
export function describeJobError(error: unknown): string {
  if (error instanceof AppError) return error.message;
  const name = error instanceof Error ? error.name : typeof error;
  const code = (error as { code?: unknown } | null)?.code;
  return `Lỗi hệ thống (${name}${typeof code === "string" ? ` ${code}` : ""}).`;
}

export class JobRunner {
  readonly workerId: string;
  private readonly kinds = new Map<string, JobKind>();
  private readonly active = new Map<string, { controller: AbortController; done: Promise<void> }>();
  private readonly pollMs: number;
  private readonly leaseMs: number;
  private readonly concurrency: number;
  private readonly retainMs: number;
  private readonly log: JobLogger;
  private timer: NodeJS.Timeout | null = null;
  private polling: Promise<void> | null = null;
  private pollAgain = false;
  private running = false;
  private lastPrune = 0;

  constructor(
    private readonly db: Executor,
    private readonly options: JobRunnerOptions = {},
  ) {
    this.workerId = options.workerId ?? `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
    this.pollMs = options.pollMs ?? 2_000;
    this.leaseMs = options.leaseMs ?? 60_000;
    this.concurrency = Math.max(1, options.concurrency ?? 2);
    this.retainMs = options.retainMs ?? 30 * 24 * 3600_000;
    this.log = options.log ?? silent;
  }

  register(kind: string, definition: JobKind): void {
    if (this.kinds.has(kind)) throw new Error(`job kind ${kind} registered twice`);
    this.kinds.set(kind, definition);
  }

  get started(): boolean {
    return this.running;
  }

  async start(): Promise<void> {
    if (this.running) return;
    this.running = true;
    await inLane("background", async () => {
      if (this.options.ownsAllJobs) await repository.releaseOthersLeases(this.db, this.workerId);
      for (const [kind, definition] of this.kinds) {
        if (definition.everyMs !== undefined)
          await repository.scheduleRecurring(this.db, kind, new Date(), true);
      }
    });
    this.wake();
  }

  /** Looks for due jobs now (after queuing one). */
  wake(): void {
    if (!this.running) return;
    if (this.polling) {
      this.pollAgain = true;
      return;
    }
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.polling = this.poll().finally(() => {
      this.polling = null;
      if (!this.running) return;
      if (this.pollAgain) {
        this.pollAgain = false;
        this.wake();
      } else {
        this.timer = setTimeout(() => this.wake(), this.pollMs);
        this.timer.unref();
      }
    });
  }

  /** Stops claiming, aborts the running jobs and waits for them (they go back to the queue). */
  async stop(): Promise<void> {
    this.running = false;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.polling;
    for (const { controller } of this.active.values()) controller.abort(new Error("stopping"));
    await Promise.all([...this.active.values()].map((a) => a.done));
  }

  /** Resolves when nothing is running and no job of a registered kind is due (tests). */
  async idle(timeoutMs = 60_000): Promise<void> {
    const until = Date.now() + timeoutMs;
    for (;;) {
      await this.polling;
      await Promise.all([...this.active.values()].map((a) => a.done));
      await this.poll();
      if (this.active.size === 0) return;
      if (Date.now() > until) throw new Error("job runner still busy");
    }
  }

  /**
   * The runner's own statements (claims, leases, results) go in the jobs' lane too: they are no
   * request, and a request's turn tells upkeep that waits for a quiet moment that people are
   * using the embedded database (quiet-moment.ts).
   */
  private poll(): Promise<void> {
    return inLane("background", () => this.pollNow());
  }

  private async pollNow(): Promise<void> {
    const kinds = [...this.kinds.keys()];
    try {
      for (const job of await repository.failAbandonedJobs(this.db, kinds, ABANDONED))
        await this.afterEnd(job);
      while (this.active.size < this.concurrency) {
        const job = await repository.claimNextJob(this.db, kinds, this.workerId, this.leaseMs);
        if (!job) break;
        this.launch(job);
      }
      if (Date.now() - this.lastPrune > 3600_000) {
        this.lastPrune = Date.now();
        await repository.pruneFinishedJobs(this.db, new Date(Date.now() - this.retainMs));
      }
    } catch (error) {
      this.log.error({ err: error }, "jobs: polling failed");
    }
  }

  private launch(job: JobRow): void {
    const kind = this.kinds.get(job.kind)!;
    const controller = new AbortController();
    const heartbeat = setInterval(() => {
      inLane("background", () =>
        repository.renewLease(this.db, job.id, this.workerId, this.leaseMs),
      )
        .then((held) => {
          if (!held) controller.abort(new Error("lease lost"));
        })
        .catch((error: unknown) => this.log.error({ err: error }, "jobs: lease renewal failed"));
    }, this.leaseMs / 3);
    heartbeat.unref();
    const done = inLane("background", async () => {
      let outcome: Parameters<typeof repository.finishAttempt>[3];
      try {
        // Jobs take the embedded database's connection after requests (pglite-lanes.ts).
        await inLane("background", () =>
          kind.run(job.payload, {
            job,
            attempt: job.attempts,
            maxAttempts: job.maxAttempts,
            signal: controller.signal,
          }),
        );
        outcome = { state: "done", runAt: null, lastError: null };
      } catch (error) {
        if (controller.signal.aborted && !this.running) {
          await repository.putBack(this.db, job.id, this.workerId);
          return;
        }
        const policy = { ...DEFAULT_RETRY, ...kind.retry };
        const permanent = kind.isPermanent?.(error) ?? false;
        const next = afterFailure(policy, job.attempts, job.maxAttempts, permanent, new Date());
        outcome = { ...next, lastError: describeJobError(error) };
        this.log.error(
          { err: error, job: job.id, kind: job.kind, attempt: job.attempts },
          "jobs: attempt failed",
        );
      } finally {
        clearInterval(heartbeat);
      }
      const row = await repository.finishAttempt(this.db, job.id, this.workerId, outcome);
      if (row && (row.state === "done" || row.state === "failed")) await this.afterEnd(row);
    })
      .catch((error: unknown) => this.log.error({ err: error, job: job.id }, "jobs: run failed"))
      .finally(() => {
        this.active.delete(job.id);
        this.wake();
      });
    this.active.set(job.id, { controller, done });
  }

  /** A job ended for good: tell its kind of a failure, queue a recurring job's next run. */
  private async afterEnd(job: JobRow): Promise<void> {
    const kind = this.kinds.get(job.kind);
    if (!kind) return;
    try {
      if (job.state === "failed") await kind.onFailed?.(job);
    } finally {
      if (kind.everyMs !== undefined)
        await repository.scheduleRecurring(
          this.db,
          job.kind,
          new Date(Date.now() + kind.everyMs),
          false,
        );
    }
  }
}
