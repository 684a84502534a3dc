import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { vietnamDate } from "../../core/time/vietnam-time.ts";
import type { Executor } from "../db/database.ts";
import { requireSession } from "../http/session.ts";
import {
  enterPaperResponse,
  questionnaireForPaper,
  sipasIndices,
  sipasQrTargets,
  sipasTrend,
} from "../services/sipas.service.ts";
import { commonErrors, errorResponse, isoDate } from "./common.schemas.ts";
import {
  indexQuery,
  indicesView,
  paperResponseInput,
  questionnaireView,
  trendQuery,
  trendView,
} from "./sipas.schemas.ts";

const unitQuery = z.object({ unitId: z.uuid({ error: "Mã định danh không hợp lệ." }) });

/** SIPAS surveys for signed-in users: paper forms typed in, indices, trend, QR targets. */
export function sipasRoutes(db: Executor): FastifyPluginAsyncZod {
  return async (app) => {
    const tags = ["sipas"];
    app.get(
      "/api/sipas/questionnaire",
      {
        schema: {
          tags,
          summary: "Phiếu khảo sát sự hài lòng (SIPAS) có hiệu lực vào một ngày (mặc định hôm nay)",
          querystring: z.object({ on: isoDate.optional() }),
          response: { 200: z.object({ data: questionnaireView }), ...commonErrors },
        },
      },
      async (request) => {
        requireSession(request);
        return questionnaireForPaper(request.query.on ?? vietnamDate(new Date()));
      },
    );
    app.post(
      "/api/sipas/responses",
      {
        config: { access: { actions: ["survey.write"], unit: "query.unitId" } },
        schema: {
          tags,
          summary:
            "Công chức nhập phiếu khảo sát giấy của đơn vị (gắn với mã hồ sơ hoặc không; mỗi hồ sơ một phiếu)",
          querystring: unitQuery,
          body: paperResponseInput,
          response: {
            201: z.object({
              data: z.object({
                id: z.string(),
                answeredOn: z.string(),
                questionnaireCode: z.string(),
                dossierCode: z.string().nullable(),
                procedureField: z.string().nullable(),
              }),
            }),
            ...commonErrors,
            409: errorResponse,
          },
        },
      },
      async (request, reply) =>
        reply
          .status(201)
          .send(
            await enterPaperResponse(
              db,
              requireSession(request).actor,
              request.query.unitId,
              request.body,
            ),
          ),
    );
    app.get(
      "/api/sipas/indices",
      {
        schema: {
          tags,
          summary:
            "Chỉ số hài lòng theo câu hỏi, yếu tố, phần và chung của một đơn vị (có thể gồm đơn vị cấp dưới), theo kỳ và nhóm lĩnh vực",
          querystring: indexQuery,
          response: {
            200: z.object({ data: indicesView, can: z.object({ enterPaper: z.boolean() }) }),
            ...commonErrors,
          },
        },
      },
      async (request) => sipasIndices(db, requireSession(request).actor, request.query),
    );
    app.get(
      "/api/sipas/trend",
      {
        schema: {
          tags,
          summary: "Diễn biến chỉ số hài lòng theo tháng hoặc quý",
          querystring: trendQuery,
          response: { 200: z.object({ data: trendView }), ...commonErrors },
        },
      },
      async (request) => sipasTrend(db, requireSession(request).actor, request.query),
    );
    app.get(
      "/api/sipas/qr-targets",
      {
        schema: {
          tags,
          summary: "Thông tin để in mã QR khảo sát: mã, tên đơn vị và các lĩnh vực thủ tục",
          querystring: unitQuery,
          response: {
            200: z.object({
              data: z.object({
                unitCode: z.string(),
                unitName: z.string(),
                fields: z.array(z.string()),
              }),
            }),
            ...commonErrors,
          },
        },
      },
      async (request) => sipasQrTargets(db, requireSession(request).actor, request.query.unitId),
    );
  };
}
