import { PUBLIC_SIPAS_CHANNELS } from "../../core/sipas/channel.ts";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { vietnamDate } from "../../core/time/vietnam-time.ts";
import type { Executor } from "../db/database.ts";
import { surveyDeviceToken } from "../http/survey-device-cookie.ts";
import { publicQuestionnaire, submitPublicResponse } from "../services/sipas.service.ts";
import { errorResponse } from "./common.schemas.ts";
import { publicResponseInput, questionnaireView } from "./sipas.schemas.ts";

const publicErrors = { 400: errorResponse, 404: errorResponse, 429: errorResponse };

/**
 * The public SIPAS page and kiosk, no login. They read the questionnaire and send a response;
 * nothing here ever returns a response or an index. Responses are limited per device (the
 * `cchc_device` cookie scoped to these routes) and per address (`now` is the throttle's clock).
 */
export function sipasPublicRoutes(
  db: Executor,
  options: { secureCookies: boolean; now?: () => Date },
): FastifyPluginAsyncZod {
  const now = options.now ?? (() => new Date());
  return async (app) => {
    app.get(
      "/api/public/sipas/questionnaire",
      {
        config: { public: true, rateLimit: { max: 60, timeWindow: "1 minute" } },
        schema: {
          tags: ["public"],
          summary:
            "Phiếu khảo sát sự hài lòng đang có hiệu lực của một đơn vị (trang điện thoại hoặc kiosk)",
          querystring: z.object({
            unitCode: z.string().trim().min(1).max(50),
            mode: z.enum(PUBLIC_SIPAS_CHANNELS).default("phone"),
          }),
          response: {
            200: z.object({
              data: z.object({
                unit: z.object({ code: z.string(), name: z.string() }),
                fields: z.array(z.string()),
                questionnaire: questionnaireView,
              }),
            }),
            ...publicErrors,
          },
        },
      },
      async (request, reply) => {
        surveyDeviceToken(request, reply, options.secureCookies);
        return publicQuestionnaire(
          db,
          request.query.unitCode,
          request.query.mode,
          vietnamDate(now()),
        );
      },
    );
    app.post(
      "/api/public/sipas/responses",
      {
        config: { public: true, rateLimit: { max: 30, timeWindow: "1 minute" } },
        schema: {
          tags: ["public"],
          summary:
            "Người dân gửi phiếu đánh giá sự hài lòng (ẩn danh hoặc gắn với mã hồ sơ và 4 số cuối điện thoại)",
          body: publicResponseInput,
          response: {
            201: z.object({
              data: z.object({
                unitName: z.string(),
                answeredOn: z.string(),
                dossierCode: z.string().nullable(),
              }),
            }),
            ...publicErrors,
            409: errorResponse,
          },
        },
      },
      async (request, reply) => {
        const device = surveyDeviceToken(request, reply, options.secureCookies);
        const result = await submitPublicResponse(db, request.body, {
          deviceToken: device.token,
          address: request.ip,
          now: now(),
        });
        return reply.status(201).send(result);
      },
    );
  };
}
