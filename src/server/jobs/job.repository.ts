/** SQL of the job runner: enqueue, claim with a lease, renew, finish, and the admin listing. */
import { and, desc, eq, inArray, isNull, or, sql } from "drizzle-orm";
import type { JobState } from "../../core/jobs/job-rules.ts";
import { queryRows, type Executor } from "../db/database.ts";
import { jobs } from "../db/schema-jobs.ts";

export type JobRow = typeof jobs.$inferSelect;

export interface NewJob {
  kind: string;
  payload?: Record<string, unknown>;
  maxAttempts?: number;
  runAt?: Date;
  subject?: string | null;
  unitId?: string | null;
}

/** Queues a job (in the caller's transaction, so it exists exactly when the caller's rows do). */
export async function enqueueJob(exec: Executor, job: NewJob): Promise<JobRow> {
  const [row] = await exec
    .insert(jobs)
    .values({
      kind: job.kind,
      payload: job.payload ?? {},
      maxAttempts: job.maxAttempts ?? 3,
      runAt: job.runAt ?? new Date(),
      subject: job.subject ?? null,
      unitId: job.unitId ?? null,
    })
    .returning();
  return row!;
}

/**
 * Queues the next run of a recurring job unless one is queued already. `pullForward`: a queued
 * run due later is brought forward to `runAt` (a starting server runs it at once).
 */
export async function scheduleRecurring(
  exec: Executor,
  kind: string,
  runAt: Date,
  pullForward: boolean,
) {
  const key = `recurring:${kind}`;
  const onConflict = pullForward
    ? sql`do update set run_at = least(jobs.run_at, excluded.run_at)`
    : sql`do nothing`;
  await exec.execute(sql`
    insert into jobs (kind, max_attempts, run_at, singleton_key)
    values (${kind}, 1, ${runAt}, ${key})
    on conflict (singleton_key) where state = 'queued' ${onConflict}`);
}

/**
 * Claims the next due job of these kinds for `worker`: a queued one whose time has come, or a
 * running one whose lease lapsed (its process died). One statement; `SKIP LOCKED` lets parallel
 * workers pass over a row another is claiming, so no two ever get the same job.
 */
export async function claimNextJob(
  exec: Executor,
  kinds: string[],
  worker: string,
  leaseMs: number,
): Promise<JobRow | null> {
  if (kinds.length === 0) return null;
  const rows = await queryRows<{ id: string }>(
    exec,
    sql`
      update jobs set
        state = 'running',
        attempts = attempts + 1,
        locked_by = ${worker},
        locked_until = now() + ${leaseMs} * interval '1 millisecond',
        started_at = now()
      where id = (
        select id from jobs
        where kind = any(${sql.param(kinds)}::text[])
          and ((state = 'queued' and run_at <= now())
            or (state = 'running' and locked_until < now() and attempts < max_attempts))
        order by run_at, created_at
        limit 1
        for update skip locked
      )
      returning id`,
  );
  const id = rows[0]?.id;
  return id ? findJob(exec, id) : null;
}

/**
 * Running jobs of these kinds whose lease lapsed on their last attempt: they failed for good.
 * Returns them so their kind can record the failure.
 */
export async function failAbandonedJobs(exec: Executor, kinds: string[], message: string) {
  if (kinds.length === 0) return [];
  return exec
    .update(jobs)
    .set({
      state: "failed",
      lastError: message,
      lockedBy: null,
      lockedUntil: null,
      finishedAt: new Date(),
    })
    .where(
      and(
        inArray(jobs.kind, kinds),
        eq(jobs.state, "running"),
        sql`${jobs.lockedUntil} < now()`,
        sql`${jobs.attempts} >= ${jobs.maxAttempts}`,
      ),
    )
    .returning();
}

/** Ends the leases of running jobs held by other workers (a restart of the only process). */
export async function releaseOthersLeases(exec: Executor, worker: string) {
  await exec
    .update(jobs)
    .set({ lockedUntil: sql`now() - interval '1 millisecond'` })
    .where(
      and(eq(jobs.state, "running"), or(isNull(jobs.lockedBy), sql`${jobs.lockedBy} <> ${worker}`)),
    );
}

/** Extends the lease; false when the worker no longer holds the job. */
export async function renewLease(exec: Executor, id: string, worker: string, leaseMs: number) {
  const rows = await exec
    .update(jobs)
    .set({ lockedUntil: sql`now() + ${leaseMs} * interval '1 millisecond'` })
    .where(and(eq(jobs.id, id), eq(jobs.lockedBy, worker), eq(jobs.state, "running")))
    .returning({ id: jobs.id });
  return rows.length > 0;
}

/** Records the end of an attempt (only while the worker still holds the job). */
export async function finishAttempt(
  exec: Executor,
  id: string,
  worker: string,
  outcome: { state: JobState; runAt: Date | null; lastError: string | null },
) {
  const finished = outcome.state === "done" || outcome.state === "failed";
  const rows = await exec
    .update(jobs)
    .set({
      state: outcome.state,
      lastError: outcome.lastError,
      lockedBy: null,
      lockedUntil: null,
      ...(outcome.runAt ? { runAt: outcome.runAt } : {}),
      finishedAt: finished ? new Date() : null,
    })
    .where(and(eq(jobs.id, id), eq(jobs.lockedBy, worker)))
    .returning();
  return rows[0] ?? null;
}

export async function findJob(exec: Executor, id: string): Promise<JobRow | null> {
  const [row] = await exec.select().from(jobs).where(eq(jobs.id, id));
  return row ?? null;
}

/** The newest job working on a record (its subject). */
export async function findJobBySubject(exec: Executor, subject: string) {
  const [row] = await exec
    .select()
    .from(jobs)
    .where(eq(jobs.subject, subject))
    .orderBy(desc(jobs.createdAt))
    .limit(1);
  return row ?? null;
}

export async function jobsBySubjects(exec: Executor, subjects: string[]) {
  if (subjects.length === 0) return [];
  return exec.select().from(jobs).where(inArray(jobs.subject, subjects));
}

/** Newest first; `unitIds` null: every job, otherwise the jobs of those units. */
export async function listJobs(
  exec: Executor,
  filter: { unitIds: string[] | null; state?: JobState; kind?: string; limit: number },
) {
  if (filter.unitIds !== null && filter.unitIds.length === 0) return [];
  const conditions = [
    filter.unitIds === null ? undefined : inArray(jobs.unitId, filter.unitIds),
    filter.state ? eq(jobs.state, filter.state) : undefined,
    filter.kind ? eq(jobs.kind, filter.kind) : undefined,
  ];
  return exec
    .select()
    .from(jobs)
    .where(and(...conditions))
    .orderBy(desc(jobs.createdAt))
    .limit(filter.limit);
}

/** Deletes finished jobs older than the cut-off; returns how many. */
export async function pruneFinishedJobs(exec: Executor, before: Date) {
  const rows = await exec
    .delete(jobs)
    .where(and(inArray(jobs.state, ["done", "failed"]), sql`${jobs.finishedAt} < ${before}`))
    .returning({ id: jobs.id });
  return rows.length;
}

/** Puts a job interrupted by a stopping runner back in the queue, its attempt not counted. */
export async function putBack(exec: Executor, id: string, worker: string) {
  await exec
    .update(jobs)
    .set({
      state: "queued",
      attempts: sql`greatest(${jobs.attempts} - 1, 0)`,
      lockedBy: null,
      lockedUntil: null,
      runAt: new Date(),
    })
    .where(and(eq(jobs.id, id), eq(jobs.lockedBy, worker)));
}
