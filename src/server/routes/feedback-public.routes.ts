import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import type { Executor } from "../db/database.ts";
import {
  lookupPublicFeedback,
  publicFeedbackUnits,
  publishedFeedback,
  recordSatisfaction,
  submitPublicFeedback,
} from "../services/feedback-public.service.ts";
import { SATISFACTION_LEVELS } from "../../core/feedback/feedback-values.ts";
import { publicCaseLookup } from "./case-register.schemas.ts";
import { errorResponse } from "./common.schemas.ts";
import { phoneLast4, publicFeedbackStatus, senderFields } from "./feedback.schemas.ts";

const publicErrors = { 400: errorResponse, 404: errorResponse, 429: errorResponse };

/**
 * Public feedback API, no login; every route is rate-limited per address, and wrong phone digits
 * are throttled per feedback code (`now` is the clock of that throttle).
 */
export function feedbackPublicRoutes(
  db: Executor,
  now: () => Date = () => new Date(),
): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      "/api/public/feedback/units",
      {
        config: { public: true, rateLimit: { max: 60, timeWindow: "1 minute" } },
        schema: {
          tags: ["public"],
          summary: "Các đơn vị nhận phản ánh, kiến nghị (đang hoạt động)",
          response: {
            200: z.object({
              data: z.array(z.object({ code: z.string(), name: z.string(), level: z.string() })),
            }),
            429: errorResponse,
          },
        },
      },
      async () => publicFeedbackUnits(db),
    );

    app.post(
      "/api/public/feedback",
      {
        config: { public: true, rateLimit: { max: 10, timeWindow: "10 minutes" } },
        schema: {
          tags: ["public"],
          summary: "Người dân, doanh nghiệp gửi phản ánh, kiến nghị (không cần đăng nhập)",
          body: z.object({ unitCode: z.string().trim().min(1).max(50), ...senderFields }),
          response: {
            201: z.object({
              data: z.object({
                code: z.string(),
                unitName: z.string(),
                receivedOn: z.string(),
                dueDate: z.string(),
                senderPhone: z.string(),
              }),
            }),
            ...publicErrors,
          },
        },
      },
      async (request, reply) => {
        const result = await submitPublicFeedback(db, request.body);
        return reply.status(201).send(result);
      },
    );

    app.get(
      "/api/public/feedback",
      {
        config: { public: true, rateLimit: { max: 120, timeWindow: "1 minute" } },
        schema: {
          tags: ["public"],
          summary: "Kết quả trả lời phản ánh, kiến nghị đã công khai của một đơn vị",
          querystring: z.object({
            unitCode: z.string().trim().min(1).max(50),
            limit: z.coerce.number().int().min(1).max(100).default(20),
            offset: z.coerce.number().int().min(0).default(0),
          }),
          response: {
            200: z.object({
              data: z.object({
                unitCode: z.string(),
                unitName: z.string(),
                total: z.number(),
                items: z.array(
                  z.object({
                    code: z.string(),
                    title: z.string(),
                    content: z.string(),
                    senderName: z.string(),
                    classificationLabel: z.string().nullable(),
                    agencyName: z.string().nullable(),
                    receivedOn: z.string(),
                    answeredOn: z.string().nullable(),
                    publishedOn: z.string(),
                    answer: z.string(),
                    satisfactionLabel: z.string().nullable(),
                  }),
                ),
              }),
            }),
            ...publicErrors,
          },
        },
      },
      async (request) =>
        publishedFeedback(db, request.query.unitCode, request.query.limit, request.query.offset),
    );

    publicCaseLookup(
      app,
      {
        path: "/api/public/feedback/:code",
        summary: "Người gửi theo dõi phản ánh, kiến nghị bằng mã và 4 số cuối điện thoại",
        codeMax: 40,
        status: publicFeedbackStatus,
      },
      (code, phoneLast4) => lookupPublicFeedback(db, code, phoneLast4, now()),
    );

    app.post(
      "/api/public/feedback/:code/satisfaction",
      {
        config: { public: true, rateLimit: { max: 10, timeWindow: "1 minute" } },
        schema: {
          tags: ["public"],
          summary: "Người gửi đánh giá mức độ hài lòng với kết quả trả lời đã công khai",
          params: z.object({ code: z.string().max(40) }),
          body: z.object({
            phoneLast4,
            satisfaction: z.enum(SATISFACTION_LEVELS, {
              error: "Vui lòng chọn mức độ hài lòng.",
            }),
            note: z.string().trim().max(2000).nullish(),
          }),
          response: {
            200: z.object({ data: publicFeedbackStatus }),
            ...publicErrors,
            409: errorResponse,
          },
        },
      },
      async (request) => recordSatisfaction(db, request.params.code, request.body, now()),
    );
  };
}
