/** The administrators' view of the background jobs (GET /api/jobs). */
import { JOB_STATE_LABELS, type JobState } from "../../core/jobs/job-rules.ts";
import type { Executor } from "../db/database.ts";
import { AppError } from "../errors.ts";
import * as jobRepository from "../jobs/job.repository.ts";
import type { JobRow } from "../jobs/job.repository.ts";
import * as access from "./access.service.ts";
import type { Actor } from "./actor.ts";

/** Vietnamese names of the job kinds (an unknown kind shows its code). */
export const JOB_KIND_LABELS: Record<string, string> = {
  "dossier-import": "Nhập hồ sơ từ hệ thống Một cửa tỉnh",
  "dossier-upload-sweep": "Dọn tệp tải lên không dùng đến",
  reminders: "Nhắc hạn nhiệm vụ",
  "federation-send": "Gửi báo cáo lên hệ thống cấp trên (liên thông)",
};

export function jobStatus(job: JobRow) {
  return {
    id: job.id,
    kind: job.kind,
    kindLabel: JOB_KIND_LABELS[job.kind] ?? job.kind,
    state: job.state,
    stateLabel: JOB_STATE_LABELS[job.state],
    unitId: job.unitId,
    subject: job.subject,
    attempts: job.attempts,
    maxAttempts: job.maxAttempts,
    runAt: job.runAt.toISOString(),
    startedAt: job.startedAt?.toISOString() ?? null,
    finishedAt: job.finishedAt?.toISOString() ?? null,
    lastError: job.lastError,
    createdAt: job.createdAt.toISOString(),
  };
}

/**
 * Administrators (`audit.read`) see the jobs of the units they administer; jobs of no unit
 * (reminders, sweeps) only a global administrator.
 */
export async function listJobsAs(
  db: Executor,
  actor: Actor,
  filter: { state?: JobState; kind?: string; limit?: number },
) {
  const scope = await access.unitScope(db, actor, "audit.read");
  if (scope.kind === "some" && scope.unitIds.size === 0) throw new AppError("FORBIDDEN");
  const rows = await jobRepository.listJobs(db, {
    unitIds: access.scopeToIds(scope),
    state: filter.state,
    kind: filter.kind,
    limit: filter.limit ?? 100,
  });
  return { data: rows.map(jobStatus) };
}
