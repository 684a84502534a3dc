import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import type { Executor } from "../db/database.ts";
import { requireSession } from "../http/session.ts";
import {
  createMethodology,
  getMethodology,
  listMethodologies,
} from "../services/methodology.service.ts";
import { commonErrors, idParams } from "./common.schemas.ts";
import {
  createMethodologyInput,
  methodologyCreatedView,
  methodologyDetailView,
  methodologyListCan,
  methodologySummaryView,
} from "./methodology.schemas.ts";

export function methodologyRoutes(db: Executor): FastifyPluginAsyncZod {
  return async (app) => {
    const tags = ["methodologies"];
    app.get(
      "/api/methodologies",
      {
        schema: {
          tags,
          summary: "Danh sách bộ tiêu chí (dự thảo) được phép xem",
          querystring: z.object({ unitId: z.uuid().optional() }),
          response: {
            200: z.object({ data: z.array(methodologySummaryView), can: methodologyListCan }),
            ...commonErrors,
          },
        },
      },
      async (request) => listMethodologies(db, requireSession(request).actor, request.query),
    );
    app.post(
      "/api/methodologies",
      {
        config: { access: { actions: ["methodology.write"] } },
        schema: {
          tags,
          summary:
            "Lưu bảng tiêu chí (ví dụ bảng tự chấm điểm Chỉ số CCHC trong kế hoạch nhập) thành dự thảo bộ tiêu chí: tất cả các dòng trong một giao dịch, hoặc không dòng nào (METHODOLOGY_CRITERIA_INVALID với details[].row)",
          body: createMethodologyInput,
          response: { 201: z.object({ data: methodologyCreatedView }), ...commonErrors },
        },
      },
      async (request, reply) =>
        reply
          .status(201)
          .send(await createMethodology(db, requireSession(request).actor, request.body)),
    );
    app.get(
      "/api/methodologies/:id",
      {
        schema: {
          tags,
          summary: "Bộ tiêu chí: cây lĩnh vực → tiêu chí → tiêu chí thành phần với điểm tối đa",
          params: idParams,
          response: { 200: z.object({ data: methodologyDetailView }), ...commonErrors },
        },
      },
      async (request) => getMethodology(db, requireSession(request).actor, request.params.id),
    );
  };
}
