import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import type { Executor } from "../db/database.ts";
import { requireSession } from "../http/session.ts";
import { listAuditEvents, verifyAuditChainAs } from "../services/audit.service.ts";
import { commonErrors, dayOrInstant } from "./common.schemas.ts";
import { auditEventView } from "./organization.schemas.ts";

export const auditQuery = z.object({
  actorId: z.uuid().optional(),
  entityType: z.string().max(50).optional(),
  action: z.string().max(50).optional(),
  from: dayOrInstant("start").optional(),
  to: dayOrInstant("end").optional(),
  before: z.coerce.number().int().positive().optional(),
  limit: z.coerce.number().int().min(1).max(500).optional(),
});

export const auditVerifyView = z.object({
  ok: z.boolean(),
  checked: z.number(),
  firstBrokenId: z.number().nullable(),
});

export function auditRoutes(db: Executor): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      "/api/audit",
      {
        schema: {
          tags: ["audit"],
          summary: "Nhật ký hệ thống (chỉ quản trị)",
          querystring: auditQuery,
          response: { 200: z.object({ data: z.array(auditEventView) }), ...commonErrors },
        },
      },
      async (request) => listAuditEvents(db, requireSession(request).actor, request.query),
    );
    app.get(
      "/api/audit/verify",
      {
        schema: {
          tags: ["audit"],
          summary: "Kiểm tra tính toàn vẹn của chuỗi nhật ký",
          response: {
            200: z.object({ data: auditVerifyView }),
            ...commonErrors,
          },
        },
      },
      async (request) => verifyAuditChainAs(db, requireSession(request).actor),
    );
  };
}
