import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { DEFAULT_RETENTION } from "../../core/personal-data/index.ts";
import { vietnamDate } from "../../core/time/vietnam-time.ts";
import type { Executor } from "../db/database.ts";
import { AppError } from "../errors.ts";
import { requireSession } from "../http/session.ts";
import type { RetentionConfig } from "../operations/personal-data/retention-config.ts";
import {
  purgePersonalData,
  retentionStatus,
} from "../operations/personal-data/retention.service.ts";
import * as access from "../services/access.service.ts";
import type { Actor } from "../services/actor.ts";
import { commonErrors, isoDate } from "./common.schemas.ts";

const tags = ["personal-data"];
const counts = z.object({ dossier: z.number(), feedback: z.number() });
const policy = z.object({ dossierYears: z.number(), feedbackYears: z.number() });

export const retentionStatusView = z.object({
  asOf: z.string(),
  policy,
  everyHours: z.number(),
  closedOnOrBefore: z.object({ dossier: z.string(), feedback: z.string() }),
  due: counts,
  anonymised: counts,
  lastRun: z
    .object({
      trigger: z.enum(["schedule", "admin", "cli"]),
      asOf: z.string(),
      dossiers: z.number(),
      feedback: z.number(),
      batches: z.number(),
      startedAt: z.string(),
      finishedAt: z.string().nullable(),
      error: z.string().nullable(),
    })
    .nullable(),
});

export const retentionRunView = z.object({
  asOf: z.string(),
  dryRun: z.boolean(),
  anonymised: counts,
  batches: z.number(),
});

/** Retention runs over the whole installation: an administrator whose reach is all of it. */
async function requireInstallationManager(db: Executor, actor: Actor) {
  const scope = await access.unitScope(db, actor, "personal_data.manage");
  if (scope.kind !== "all") throw new AppError("FORBIDDEN");
}

export function personalDataRoutes(
  db: Executor,
  config: RetentionConfig = { everyHours: 0, policy: DEFAULT_RETENTION },
): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      "/api/admin/personal-data/retention",
      {
        config: { access: { actions: ["personal_data.manage"] } },
        schema: {
          tags,
          summary:
            "Thời hạn lưu trữ dữ liệu cá nhân đang áp dụng, số bản ghi đến hạn ẩn danh và lần chạy gần nhất",
          querystring: z.object({ asOf: isoDate.optional() }),
          response: { 200: z.object({ data: retentionStatusView }), ...commonErrors },
        },
      },
      async (request) => {
        const { actor } = requireSession(request);
        await requireInstallationManager(db, actor);
        const asOf = request.query.asOf ?? vietnamDate(new Date());
        const status = await retentionStatus(db, config.policy, asOf);
        const last = status.lastRun;
        return {
          data: {
            ...status,
            everyHours: config.everyHours,
            lastRun: last
              ? {
                  trigger: last.trigger as "schedule" | "admin" | "cli",
                  asOf: last.asOf,
                  dossiers: last.dossiers,
                  feedback: last.feedback,
                  batches: last.batches,
                  startedAt: last.startedAt.toISOString(),
                  finishedAt: last.finishedAt?.toISOString() ?? null,
                  error: last.error,
                }
              : null,
          },
        };
      },
    );
    app.post(
      "/api/admin/personal-data/retention/run",
      {
        config: { access: { actions: ["personal_data.manage"] } },
        schema: {
          tags,
          summary: "Ẩn danh ngay dữ liệu cá nhân đã hết thời hạn lưu trữ (hoặc chạy thử)",
          body: z.object({
            asOf: isoDate.optional(),
            dryRun: z.boolean().default(false),
            batchSize: z.number().int().min(1).max(10_000).optional(),
          }),
          response: { 200: z.object({ data: retentionRunView }), ...commonErrors },
        },
      },
      async (request) => {
        const { actor } = requireSession(request);
        await requireInstallationManager(db, actor);
        const result = await purgePersonalData(db, actor, config.policy, {
          asOf: request.body.asOf ?? vietnamDate(new Date()),
          dryRun: request.body.dryRun,
          batchSize: request.body.batchSize,
          trigger: "admin",
        });
        return {
          data: {
            asOf: result.asOf,
            dryRun: result.dryRun,
            anonymised: result.anonymised,
            batches: result.batches,
          },
        };
      },
    );
  };
}
