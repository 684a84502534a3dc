import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { JOB_STATES } from "../../core/jobs/job-rules.ts";
import type { Executor } from "../db/database.ts";
import { requireSession } from "../http/session.ts";
import { listJobsAs } from "../services/job.service.ts";
import { commonErrors } from "./common.schemas.ts";

/** A job as the record it works on shows it (e.g. a dossier import's `job`). */
export const jobStatusView = z.object({
  state: z.enum(JOB_STATES),
  /** Attempts made so far (the one running included). */
  attempt: z.number(),
  maxAttempts: z.number(),
  nextAttemptAt: z.string().nullable(),
  lastError: z.string().nullable(),
});

export const jobView = z.object({
  id: z.uuid(),
  kind: z.string(),
  kindLabel: z.string(),
  state: z.enum(JOB_STATES),
  stateLabel: z.string(),
  unitId: z.uuid().nullable(),
  subject: z.string().nullable(),
  attempts: z.number(),
  maxAttempts: z.number(),
  runAt: z.string(),
  startedAt: z.string().nullable(),
  finishedAt: z.string().nullable(),
  lastError: z.string().nullable(),
  createdAt: z.string(),
});

export function jobRoutes(db: Executor): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      "/api/jobs",
      {
        schema: {
          tags: ["audit"],
          summary: "Công việc chạy nền: nhập hồ sơ, nhắc hạn… (chỉ quản trị)",
          querystring: z.object({
            state: z.enum(JOB_STATES).optional(),
            kind: z.string().max(50).optional(),
            limit: z.coerce.number().int().min(1).max(500).optional(),
          }),
          response: { 200: z.object({ data: z.array(jobView) }), ...commonErrors },
        },
      },
      async (request) => listJobsAs(db, requireSession(request).actor, request.query),
    );
  };
}
