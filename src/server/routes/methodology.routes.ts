import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import type { Executor } from "../db/database.ts";
import { requireSession } from "../http/session.ts";
import {
  createMethodology,
  getMethodology,
  listMethodologies,
} from "../services/methodology.service.ts";
import {
  exportMethodologyDocument,
  importMethodologyDocument,
  scoreStoredMethodology,
} from "../services/methodology-document.service.ts";
import { methodologyDocumentSchema } from "../../core/methodology/methodology-document.ts";
import { commonErrors, idParams } from "./common.schemas.ts";
import {
  createMethodologyInput,
  importMethodologyDocumentInput,
  methodologyImportedView,
  methodologyScoreView,
  scoreMethodologyInput,
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
    app.post(
      "/api/methodologies/import",
      {
        config: { access: { actions: ["methodology.write"] } },
        schema: {
          tags,
          summary:
            "Nhập phương pháp chấm dạng tài liệu JSON (ví dụ Bộ chỉ số 766) thành một phiên bản của đơn vị, có ngày hiệu lực; tài liệu lỗi bị từ chối với METHODOLOGY_DOCUMENT_INVALID và details[].path (document.nodes.0…), phiên bản đã có: METHODOLOGY_VERSION_EXISTS",
          body: importMethodologyDocumentInput,
          response: { 201: z.object({ data: methodologyImportedView }), ...commonErrors },
        },
      },
      async (request, reply) =>
        reply
          .status(201)
          .send(await importMethodologyDocument(db, requireSession(request).actor, request.body)),
    );
    app.get(
      "/api/methodologies/:id/document",
      {
        schema: {
          tags,
          summary:
            "Xuất phương pháp chấm thành tệp JSON (nhập lại được); bảng tiêu chí chưa có quy tắc chấm: METHODOLOGY_NO_DOCUMENT",
          params: idParams,
          response: { 200: methodologyDocumentSchema, ...commonErrors },
        },
      },
      async (request, reply) => {
        const document = await exportMethodologyDocument(
          db,
          requireSession(request).actor,
          request.params.id,
        );
        const filename = `${document.code}-${document.version}.json`.replace(/[^\w.-]/g, "_");
        return reply
          .header("content-disposition", `attachment; filename="${filename}"`)
          .send(document);
      },
    );
    app.post(
      "/api/methodologies/:id/score",
      {
        config: { access: { actions: ["methodology.read"] } },
        schema: {
          tags,
          summary:
            "Chấm điểm theo phương pháp từ số liệu theo mã chỉ số (không ghi gì): điểm từng mục kèm lời giải thích, tổng điểm, xếp loại; chỉ tiêu thiếu số liệu theo cách tính khi không phát sinh",
          params: idParams,
          body: scoreMethodologyInput,
          response: { 200: z.object({ data: methodologyScoreView }), ...commonErrors },
        },
      },
      async (request) =>
        scoreStoredMethodology(
          db,
          requireSession(request).actor,
          request.params.id,
          request.body.indicators,
        ),
    );
  };
}
