import { createReadStream } from "node:fs";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import type { Database } from "../db/database.ts";
import { requireSession } from "../http/session.ts";
import {
  backupPath,
  backupSchedule,
  lastOutcome,
  listBackups,
  requireInstallationAdmin,
  runBackup,
} from "../operations/backup/backup.service.ts";
import { fileAnswer, ZIP } from "../http/download.ts";
import { commonErrors } from "./common.schemas.ts";

const tags = ["backups"];

export const backupFile = z.object({
  name: z.string(),
  sizeBytes: z.number(),
  createdAt: z.string(),
});
export const backupOutcome = z.object({
  ok: z.boolean(),
  at: z.string(),
  trigger: z.enum(["manual", "schedule"]),
  name: z.string().nullable(),
  sizeBytes: z.number().nullable(),
  durationMs: z.number(),
  error: z.string().nullable(),
});

export const backupOverview = z.object({
  backups: z.array(backupFile),
  schedule: z.object({ everyHours: z.number(), keep: z.number() }),
  last: backupOutcome.nullable(),
});

export function backupRoutes(database: Database, dataDir: string): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      "/api/admin/backups",
      {
        schema: {
          tags,
          summary: "Các bản sao lưu, lịch sao lưu và kết quả lần gần nhất (quản trị toàn hệ thống)",
          response: {
            200: z.object({
              data: backupOverview,
            }),
            ...commonErrors,
          },
        },
      },
      async (request) => {
        await requireInstallationAdmin(database.db, requireSession(request).actor);
        return {
          data: {
            backups: await listBackups(dataDir),
            schedule: backupSchedule(),
            last: await lastOutcome(dataDir),
          },
        };
      },
    );
    app.post(
      "/api/admin/backups",
      {
        config: { access: { actions: ["system.backup"] } },
        schema: {
          tags,
          summary: "Sao lưu ngay (cơ sở dữ liệu và tệp, kèm mã kiểm tra)",
          response: { 201: z.object({ data: backupOutcome }), ...commonErrors },
        },
      },
      async (request, reply) => {
        const { actor } = requireSession(request);
        await requireInstallationAdmin(database.db, actor);
        const outcome = await runBackup(database, dataDir, actor, {
          trigger: "manual",
          keep: backupSchedule().keep,
        });
        return reply.status(201).send({ data: outcome });
      },
    );
    app.get(
      "/api/admin/backups/:name/download",
      {
        schema: {
          tags,
          summary: "Tải về một bản sao lưu",
          params: z.object({ name: z.string().max(100) }),
          response: { ...fileAnswer(ZIP, "Tệp sao lưu (zip)"), ...commonErrors },
        },
      },
      async (request, reply) => {
        await requireInstallationAdmin(database.db, requireSession(request).actor);
        const path = await backupPath(dataDir, request.params.name);
        return reply
          .header("content-type", ZIP)
          .header("content-disposition", `attachment; filename="${request.params.name}"`)
          .send(createReadStream(path));
      },
    );
  };
}
