import type { FastifyInstance } from "fastify";
import type { FastifyPluginAsyncZod, ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import type { Executor } from "../db/database.ts";
import { requireSession } from "../http/session.ts";
import { attachment, DOCX, fileAnswer, PDF } from "../http/download.ts";
import type { Actor } from "../services/actor.ts";
import {
  apologyDocument,
  noticeDocument,
  receiptDocument,
  supplementRequestDocument,
} from "../services/dossier.service.ts";
import { receptionRefusalDocument } from "../services/reception-refusal.service.ts";
import { commonErrors, errorResponse, idParams, localDateTime } from "./common.schemas.ts";
import { applicantKindInput } from "./one-stop.schemas.ts";
import { sendDocxAsPdf } from "./pdf-answer.ts";

/** What the clerk types to refuse a dossier at the counter (Mẫu số 03). */
const receptionRefusalBody = z.object({
  applicantName: z.string().trim().min(1, { error: "Không được để trống." }).max(200),
  applicantPhone: z.string().trim().min(1, { error: "Không được để trống." }).max(40),
  applicantAddress: z.string().trim().max(500).nullish(),
  applicantIdNumber: z.string().max(100).nullish(),
  applicantKind: applicantKindInput,
  at: localDateTime.nullish(),
  reason: z.string().trim().min(1, { error: "Phải ghi lý do từ chối tiếp nhận." }).max(2000),
});

type FormFile = { buffer: Buffer; fileName: string };

interface FormSpec<P extends z.ZodObject> {
  /** The path without its extension: `/api/dossiers/:id/receipt`. */
  path: string;
  /** The form's name; the route summary adds the format. */
  name: string;
  description?: string;
  params: P;
  /** True when the form answers 409 (no such notice for the dossier's state). */
  conflict?: boolean;
  build: (actor: Actor, params: z.infer<P>) => Promise<FormFile>;
}

/**
 * One desk form as two downloads: `<path>.docx` (attachment) and `<path>.pdf` (the same Word file
 * converted by LibreOffice, sent inline so the browser's PDF viewer opens it to print; 503
 * DOCUMENT_PDF_UNAVAILABLE when the server cannot convert). Same access check and masking: both
 * build the form through the one service call.
 */
function formRoutes<P extends z.ZodObject>(app: FastifyInstance, spec: FormSpec<P>) {
  const typed = app.withTypeProvider<ZodTypeProvider>();
  const conflict = spec.conflict ? { 409: errorResponse } : {};
  typed.get(
    `${spec.path}.docx`,
    {
      schema: {
        tags: ["one-stop"],
        summary: `${spec.name} (A5, .docx)`,
        ...(spec.description ? { description: spec.description } : {}),
        params: spec.params,
        response: { ...fileAnswer(DOCX, "Tệp Word"), ...commonErrors, ...conflict },
      },
    },
    async (request, reply) => {
      const actor = requireSession(request).actor;
      const { buffer, fileName } = await spec.build(actor, request.params as z.infer<P>);
      return reply.type(DOCX).header("content-disposition", attachment(fileName)).send(buffer);
    },
  );
  typed.get(
    `${spec.path}.pdf`,
    {
      schema: {
        tags: ["one-stop"],
        summary: `${spec.name} (A5, PDF để in từ trình duyệt)`,
        description:
          `${spec.description ? `${spec.description} ` : ""}Bản Word chuyển sang PDF qua LibreOffice trên máy chủ, ` +
          "gửi dạng inline để trình duyệt mở và in. Máy chủ chưa cài LibreOffice: 503 DOCUMENT_PDF_UNAVAILABLE.",
        params: spec.params,
        response: {
          ...fileAnswer(PDF, "Tệp PDF"),
          ...commonErrors,
          ...conflict,
          503: errorResponse,
        },
      },
    },
    async (request, reply) => {
      const actor = requireSession(request).actor;
      return sendDocxAsPdf(reply, await spec.build(actor, request.params as z.infer<P>));
    },
  );
}

/**
 * The desk's forms of a dossier (Mẫu 01 receipt, Mẫu 02 supplement request, Mẫu 03 refusal,
 * Mẫu 05 stop notice, Mẫu 04 apology) as Word and as PDF. `publicUrl`: the receipt's survey QR.
 */
export function dossierFormRoutes(db: Executor, publicUrl: string | null): FastifyPluginAsyncZod {
  return async (app) => {
    app.withTypeProvider<ZodTypeProvider>().post(
      "/api/procedures/:id/reception-refusal.docx",
      {
        config: { access: { actions: ["dossier.write"] } },
        schema: {
          tags: ["one-stop"],
          summary: "Phiếu từ chối tiếp nhận giải quyết hồ sơ (Mẫu số 03, A5, .docx)",
          description:
            "Lập tại quầy cho hồ sơ không tiếp nhận, trước khi tiếp nhận: không cấp mã, không vào sổ theo dõi. " +
            "Theo quy định có hiệu lực vào ngày từ chối; ngày trước khi đơn vị tồn tại → 422 `UNIT_NOT_VALID_ON_DATE`.",
          params: idParams,
          body: receptionRefusalBody,
          response: { ...fileAnswer(DOCX, "Tệp Word"), ...commonErrors, 422: errorResponse },
        },
      },
      async (request, reply) => {
        const actor = requireSession(request).actor;
        const { buffer, fileName } = await receptionRefusalDocument(
          db,
          actor,
          request.params.id,
          request.body,
        );
        return reply.type(DOCX).header("content-disposition", attachment(fileName)).send(buffer);
      },
    );
    formRoutes(app, {
      path: "/api/dossiers/:id/receipt",
      name: "Giấy tiếp nhận hồ sơ và hẹn trả kết quả (Mẫu số 01)",
      params: idParams,
      build: (actor, params) => receiptDocument(db, actor, params.id, publicUrl),
    });
    formRoutes(app, {
      path: "/api/dossiers/:id/apologies/:apologyId/document",
      name: "Văn bản xin lỗi (Mẫu số 04)",
      params: idParams.extend({ apologyId: z.uuid() }),
      build: (actor, params) => apologyDocument(db, actor, params.id, params.apologyId),
    });
    formRoutes(app, {
      path: "/api/dossiers/:id/supplement-request",
      name: "Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ (Mẫu số 02)",
      description:
        "Theo lần yêu cầu bổ sung gần nhất: các thành phần hồ sơ bắt buộc chưa nhận (khi hồ sơ có danh sách đã nhận), " +
        "rồi nội dung cán bộ ghi. Hồ sơ chưa từng được yêu cầu bổ sung → 409 `DOSSIER_NO_SUPPLEMENT_REQUEST`.",
      params: idParams,
      conflict: true,
      build: (actor, params) => supplementRequestDocument(db, actor, params.id),
    });
    formRoutes(app, {
      path: "/api/dossiers/:id/refusal-notice",
      name: "Thông báo về việc không giải quyết hồ sơ (hồ sơ bị từ chối sau khi đã tiếp nhận)",
      description:
        "Chỉ cho hồ sơ ở trạng thái `refused`; nội dung lấy từ hồ sơ và lý do ghi khi từ chối; cơ quan gửi là " +
        "cơ quan đang giữ hồ sơ khi từ chối (nếu đã chuyển xử lý), nếu không là bộ phận tiếp nhận. " +
        "Hồ sơ ở trạng thái khác → 409 `DOSSIER_NOT_REFUSED`. Phiếu từ chối tiếp nhận (Mẫu số 03) chỉ lập " +
        "trước khi tiếp nhận: `POST /api/procedures/:id/reception-refusal.docx`.",
      params: idParams,
      conflict: true,
      build: (actor, params) => noticeDocument(db, actor, params.id, "refusal"),
    });
    formRoutes(app, {
      path: "/api/dossiers/:id/stop-notice",
      name: "Thông báo dừng giải quyết hồ sơ (Mẫu số 05 TT 03/2025)",
      description:
        "Chỉ cho hồ sơ tiếp nhận từ 01/07/2025 ở trạng thái `stopped`; nội dung lấy từ hồ sơ và lý do ghi khi dừng. " +
        "Hồ sơ theo quy định trước 01/07/2025 → 409 `DOSSIER_STOP_NOTICE_NOT_APPLICABLE`; trạng thái khác → 409 `DOSSIER_NOT_STOPPED`.",
      params: idParams,
      conflict: true,
      build: (actor, params) => noticeDocument(db, actor, params.id, "stop"),
    });
  };
}
