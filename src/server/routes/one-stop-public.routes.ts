import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import type { Executor } from "../db/database.ts";
import { lookupDossier, publicProcedures } from "../services/one-stop-public.service.ts";
import { errorResponse, phoneProof } from "./common.schemas.ts";

/**
 * Public pages' API: no login. Lookups are rate-limited per address, and wrong phone digits are
 * throttled per dossier code (`now` is the clock of that throttle).
 */
export function oneStopPublicRoutes(
  db: Executor,
  now: () => Date = () => new Date(),
): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      "/api/public/dossiers/:code",
      {
        config: { public: true, rateLimit: { max: 30, timeWindow: "1 minute" } },
        schema: {
          tags: ["public"],
          summary:
            "Tra cứu tình trạng hồ sơ bằng mã hồ sơ và 4 số cuối hoặc cả số điện thoại (không cần đăng nhập)",
          params: z.object({ code: z.string().max(60) }),
          querystring: z.object({
            phoneLast4: phoneProof,
          }),
          response: {
            200: z.object({
              data: z.object({
                code: z.string(),
                unitName: z.string(),
                procedureName: z.string(),
                applicantName: z.string(),
                applicantPhone: z.string(),
                receivedOn: z.string(),
                dueDate: z.string(),
                originalDueDate: z.string(),
                rescheduledDueDate: z.string().nullable(),
                state: z.string(),
                stateLabel: z.string(),
                timelinessLabel: z.string().nullable(),
                finishedOn: z.string().nullable(),
                returnedOn: z.string().nullable(),
              }),
            }),
            400: errorResponse,
            404: errorResponse,
            429: errorResponse,
          },
        },
      },
      async (request) => lookupDossier(db, request.params.code, request.query.phoneLast4, now()),
    );

    app.get(
      "/api/public/procedures",
      {
        config: { public: true, rateLimit: { max: 120, timeWindow: "1 minute" } },
        schema: {
          tags: ["public"],
          summary: "Danh mục thủ tục hành chính công khai của một đơn vị",
          querystring: z.object({ unitCode: z.string().trim().min(1).max(50) }),
          response: {
            200: z.object({
              data: z.object({
                unitCode: z.string(),
                unitName: z.string(),
                procedures: z.array(
                  z.object({
                    code: z.string(),
                    name: z.string(),
                    field: z.string(),
                    processingDays: z.number(),
                    feeText: z.string().nullable(),
                    onlineLevel: z.string(),
                    onlineLevelLabel: z.string(),
                  }),
                ),
              }),
            }),
            400: errorResponse,
            404: errorResponse,
            429: errorResponse,
          },
        },
      },
      async (request) => publicProcedures(db, request.query.unitCode),
    );
  };
}
