import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import type { Executor } from "../db/database.ts";
import { requireSession } from "../http/session.ts";
import {
  apologyDocument,
  getDossier,
  issueApology,
  listDossiers,
  noticeDocument,
  supplementRequestDocument,
  receiptDocument,
  receiveDossier,
  transitionDossier,
  updateDossier,
} from "../services/dossier.service.ts";
import { dossierVoidRoutes } from "./dossier-void.routes.ts";
import { attachment, DOCX, fileAnswer } from "../http/download.ts";
import { caseReadRoutes } from "./case-register.schemas.ts";
import { commonErrors, errorResponse, idParams } from "./common.schemas.ts";
import {
  apologyBody,
  dossierDetailView,
  dossierListQuery,
  dossierUpdateBody,
  dossierView,
  receiveBody,
  transitionBody,
} from "./one-stop.schemas.ts";

const detail = z.object({ data: dossierDetailView });

/** `publicUrl`: CCHC_PUBLIC_URL as `publicBaseUrl` reads it (the receipt's QR); null when unset. */
export function dossierRoutes(
  db: Executor,
  options: { publicUrl: string | null } = { publicUrl: null },
): FastifyPluginAsyncZod {
  return async (app) => {
    await app.register(dossierVoidRoutes(db));

    caseReadRoutes(
      app,
      { path: "/api/dossiers", tag: "one-stop", row: dossierView, detail },
      {
        listSummary: "Sổ theo dõi hồ sơ: danh sách hồ sơ được phép xem",
        query: dossierListQuery,
        can: { receive: z.boolean() },
        list: (actor, query) => listDossiers(db, actor, query),
        detailSummary: "Chi tiết hồ sơ với lịch sử xử lý",
        get: (actor, id) => getDossier(db, actor, id),
      },
    );

    app.post(
      "/api/dossiers",
      {
        config: { access: { actions: ["dossier.write"] } },
        schema: {
          tags: ["one-stop"],
          summary: "Tiếp nhận hồ sơ (cấp mã hồ sơ, tính ngày hẹn trả)",
          body: receiveBody,
          response: { 201: detail, ...commonErrors, 409: commonErrors[400] },
        },
      },
      async (request, reply) => {
        const result = await receiveDossier(db, requireSession(request).actor, request.body);
        return reply.status(201).send(result);
      },
    );

    app.patch(
      "/api/dossiers/:id",
      {
        config: { access: { actions: ["dossier.write"] } },
        schema: {
          tags: ["one-stop"],
          summary:
            "Sửa thông tin người nộp và các cờ số hóa/kết quả điện tử/thanh toán (mã hồ sơ không đổi)",
          params: idParams,
          body: dossierUpdateBody,
          response: { 200: detail, ...commonErrors },
        },
      },
      async (request) =>
        updateDossier(db, requireSession(request).actor, request.params.id, request.body),
    );

    app.post(
      "/api/dossiers/:id/transitions",
      {
        config: { access: { actions: ["dossier.write"] } },
        schema: {
          tags: ["one-stop"],
          summary: "Chuyển bước xử lý hồ sơ",
          params: idParams,
          body: transitionBody,
          response: { 200: detail, ...commonErrors, 409: commonErrors[400] },
        },
      },
      async (request) =>
        transitionDossier(db, requireSession(request).actor, request.params.id, request.body),
    );

    app.post(
      "/api/dossiers/:id/apologies",
      {
        config: { access: { actions: ["dossier.write"] } },
        schema: {
          tags: ["one-stop"],
          summary: "Lập văn bản xin lỗi và hẹn lại ngày trả kết quả",
          params: idParams,
          body: apologyBody,
          response: { 201: detail, ...commonErrors },
        },
      },
      async (request, reply) => {
        const result = await issueApology(
          db,
          requireSession(request).actor,
          request.params.id,
          request.body,
        );
        return reply.status(201).send(result);
      },
    );

    app.get(
      "/api/dossiers/:id/receipt.docx",
      {
        schema: {
          tags: ["one-stop"],
          summary: "Giấy tiếp nhận hồ sơ và hẹn trả kết quả (A5, .docx)",
          params: idParams,
          response: { ...fileAnswer(DOCX, "Tệp Word"), ...commonErrors },
        },
      },
      async (request, reply) => {
        const { buffer, fileName } = await receiptDocument(
          db,
          requireSession(request).actor,
          request.params.id,
          options.publicUrl,
        );
        return reply.type(DOCX).header("content-disposition", attachment(fileName)).send(buffer);
      },
    );

    app.get(
      "/api/dossiers/:id/apologies/:apologyId/document.docx",
      {
        schema: {
          tags: ["one-stop"],
          summary: "Văn bản xin lỗi (A5, .docx)",
          params: idParams.extend({ apologyId: z.uuid() }),
          response: { ...fileAnswer(DOCX, "Tệp Word"), ...commonErrors },
        },
      },
      async (request, reply) => {
        const { buffer, fileName } = await apologyDocument(
          db,
          requireSession(request).actor,
          request.params.id,
          request.params.apologyId,
        );
        return reply.type(DOCX).header("content-disposition", attachment(fileName)).send(buffer);
      },
    );

    app.get(
      "/api/dossiers/:id/supplement-request.docx",
      {
        schema: {
          tags: ["one-stop"],
          summary: "Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ (Mẫu số 02, A5, .docx)",
          description:
            "Theo lần yêu cầu bổ sung gần nhất: các thành phần hồ sơ bắt buộc chưa nhận (khi hồ sơ có danh sách đã nhận), " +
            "rồi nội dung cán bộ ghi. Hồ sơ chưa từng được yêu cầu bổ sung → 409 `DOSSIER_NO_SUPPLEMENT_REQUEST`.",
          params: idParams,
          response: { ...fileAnswer(DOCX, "Tệp Word"), ...commonErrors, 409: errorResponse },
        },
      },
      async (request, reply) => {
        const { buffer, fileName } = await supplementRequestDocument(
          db,
          requireSession(request).actor,
          request.params.id,
        );
        return reply.type(DOCX).header("content-disposition", attachment(fileName)).send(buffer);
      },
    );

    const notices = [
      {
        kind: "refusal",
        path: "/api/dossiers/:id/refusal-notice.docx",
        summary: "Phiếu từ chối tiếp nhận giải quyết hồ sơ (Mẫu số 03, A5, .docx)",
        description:
          "Chỉ cho hồ sơ ở trạng thái `refused`; nội dung lấy từ hồ sơ và lý do ghi khi từ chối. " +
          "Hồ sơ ở trạng thái khác → 409 `DOSSIER_NOT_REFUSED`.",
      },
      {
        kind: "stop",
        path: "/api/dossiers/:id/stop-notice.docx",
        summary: "Thông báo dừng giải quyết hồ sơ (Mẫu số 05 TT 03/2025, A5, .docx)",
        description:
          "Chỉ cho hồ sơ tiếp nhận từ 01/07/2025 ở trạng thái `stopped`; nội dung lấy từ hồ sơ và lý do ghi khi dừng. " +
          "Hồ sơ theo quy định trước 01/07/2025 → 409 `DOSSIER_STOP_NOTICE_NOT_APPLICABLE`; trạng thái khác → 409 `DOSSIER_NOT_STOPPED`.",
      },
    ] as const;
    for (const notice of notices) {
      app.get(
        notice.path,
        {
          schema: {
            tags: ["one-stop"],
            summary: notice.summary,
            description: notice.description,
            params: idParams,
            response: {
              ...fileAnswer(DOCX, "Tệp Word"),
              ...commonErrors,
              409: errorResponse,
            },
          },
        },
        async (request, reply) => {
          const { buffer, fileName } = await noticeDocument(
            db,
            requireSession(request).actor,
            request.params.id,
            notice.kind,
          );
          return reply.type(DOCX).header("content-disposition", attachment(fileName)).send(buffer);
        },
      );
    }
  };
}
