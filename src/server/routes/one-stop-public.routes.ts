import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import type { Executor } from "../db/database.ts";
import { lookupDossier, publicProcedures } from "../services/one-stop-public.service.ts";
import { publicCaseLookup } from "./case-register.schemas.ts";
import { errorResponse } from "./common.schemas.ts";

/** What a dossier's public lookup shows (no address, the name and phone masked). */
const publicDossierStatus = z.object({
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
});

/**
 * Public pages' API: no login. Lookups are rate-limited per address, and wrong phone digits are
 * throttled per dossier code (`now` is the clock of that throttle).
 */
export function oneStopPublicRoutes(
  db: Executor,
  now: () => Date = () => new Date(),
): FastifyPluginAsyncZod {
  return async (app) => {
    publicCaseLookup(
      app,
      {
        path: "/api/public/dossiers/:code",
        summary:
          "Tra cứu tình trạng hồ sơ bằng mã hồ sơ và 4 số cuối hoặc cả số điện thoại (không cần đăng nhập)",
        codeMax: 60,
        status: publicDossierStatus,
      },
      (code, phoneLast4) => lookupDossier(db, code, phoneLast4, now()),
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
