import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { parIndexCommuneTemplate } from "../../core/scorecard/templates/index.ts";
import type { Executor } from "../db/database.ts";
import { vietnamDate } from "../../core/time/vietnam-time.ts";
import { AppError } from "../errors.ts";
import { attachment, DOCX, fileAnswer, XLSX } from "../http/download.ts";
import { requireSession } from "../http/session.ts";
import {
  appraiseEntry,
  getScorecard,
  linkScorecardEvidence,
  listScorecards,
  openScorecard,
  publishMethodology,
  requireScorecardUploadable,
  scorecardForecast,
  scorecardRanking,
  transitionScorecard,
  unlinkScorecardEvidence,
  updateSelfEntry,
  uploadScorecardEvidence,
} from "../services/scorecard.service.ts";
import { scorecardExcel, scorecardWord } from "../services/scorecard-export.service.ts";
import { methodologyDocumentSchema } from "../../core/methodology/methodology-document.ts";
import { commonErrors, idParams, isoDate } from "./common.schemas.ts";
import { readEvidenceForm, requireMultipart } from "./evidence-form.ts";
import {
  appraisalInput,
  evidenceLinkedResponse,
  leafCode,
  leafSavedResponse,
  linkEvidenceInput,
  methodologyPublicationResponse,
  scorecardDetailResponse,
  scorecardForecastResponse,
  scorecardListResponse,
  scorecardOpenResponse,
  scorecardRankingResponse,
  scorecardTransitionResponse,
  selfEntryInput,
  transitionInput,
  uploadedEvidenceResponse,
} from "./scorecard.schemas.ts";

const year = z.coerce.number().int().min(2000).max(2100);
const band = z.object({
  code: z.string().trim().min(1).max(40),
  label: z.string().trim().min(1).max(100),
  min: z.number().finite(),
});
const leafParams = idParams.extend({ leafCode });

/** The leaves of an upload: the `leafCodes` field(s), each a list separated by commas or spaces. */
function leafCodesOf(values: readonly string[] | undefined): string[] {
  const codes = [...new Set((values ?? []).flatMap((v) => v.split(/[\s,;]+/)).filter(Boolean))];
  const parsed = z.array(leafCode).min(1).max(100).safeParse(codes);
  if (!parsed.success) {
    throw new AppError("VALIDATION_FAILED", {
      details: [
        { path: "leafCodes", message: "Chọn ít nhất một tiêu chí (tối đa 100) cho tài liệu." },
      ],
    });
  }
  return parsed.data;
}

export function scorecardRoutes(db: Executor, dataDir: string): FastifyPluginAsyncZod {
  return async (app) => {
    const tags = ["scorecards"];
    app.get(
      "/api/scorecard-templates/par-commune",
      {
        schema: {
          tags,
          summary:
            "Mẫu bộ chỉ số Chỉ số CCHC cấp xã (8 lĩnh vực, điểm tối đa sửa được) dạng tài liệu JSON, để sửa rồi nhập qua /api/methodologies/import",
          response: { 200: methodologyDocumentSchema, ...commonErrors },
        },
      },
      async (request) => {
        requireSession(request);
        return parIndexCommuneTemplate();
      },
    );
    app.post(
      "/api/methodologies/:id/publish",
      {
        config: { access: { actions: ["methodology.write"] } },
        schema: {
          tags,
          summary:
            "Ban hành bộ chỉ số Chỉ số CCHC (năm, cấp) cho các đơn vị trực thuộc; phiếu của từng đơn vị theo phiên bản đang có hiệu lực",
          params: idParams,
          response: { 200: methodologyPublicationResponse, ...commonErrors },
        },
      },
      async (request) => publishMethodology(db, requireSession(request).actor, request.params.id),
    );
    app.get(
      "/api/scorecards",
      {
        schema: {
          tags,
          summary: "Phiếu chấm điểm Chỉ số CCHC của đơn vị và các đơn vị trực thuộc được phép xem",
          querystring: z.object({ unitId: z.uuid() }),
          response: {
            200: scorecardListResponse,
            ...commonErrors,
          },
        },
      },
      async (request) => listScorecards(db, requireSession(request).actor, request.query),
    );
    app.post(
      "/api/scorecards",
      {
        config: { access: { actions: ["scorecard.write"] } },
        schema: {
          tags,
          summary:
            "Mở phiếu tự chấm điểm của đơn vị cho năm theo bộ chỉ số đang có hiệu lực (đã mở thì trả phiếu có sẵn)",
          body: z.object({ unitId: z.uuid(), year }),
          response: { 200: scorecardOpenResponse, ...commonErrors },
        },
      },
      async (request) => openScorecard(db, requireSession(request).actor, request.body),
    );
    app.get(
      "/api/scorecards/ranking",
      {
        schema: {
          tags,
          summary:
            "Xếp hạng các đơn vị trực thuộc theo chỉ số sau thẩm định, với mức xếp loại (bands, JSON) tùy chọn, kèm điểm từng lĩnh vực",
          querystring: z.object({ unitId: z.uuid(), year, bands: z.string().max(4000).optional() }),
          response: { 200: scorecardRankingResponse, ...commonErrors },
        },
      },
      async (request) => {
        let bands: z.infer<typeof band>[] | undefined;
        if (request.query.bands) {
          const parsed = z.array(band).safeParse(safeJson(request.query.bands));
          if (!parsed.success) {
            throw new AppError("SCORECARD_BANDS_INVALID", {
              params: { reason: "Mức xếp loại phải là danh sách {code, label, min}." },
            });
          }
          bands = parsed.data;
        }
        return scorecardRanking(db, requireSession(request).actor, {
          unitId: request.query.unitId,
          year: request.query.year,
          ...(bands ? { bands } : {}),
        });
      },
    );
    app.get(
      "/api/scorecards/:id",
      {
        schema: {
          tags,
          summary:
            "Phiếu chấm điểm: cây tiêu chí với điểm tự chấm, điểm thẩm định, tài liệu kiểm chứng, tổng từng lĩnh vực so với chỉ tiêu của kế hoạch",
          params: idParams,
          response: { 200: scorecardDetailResponse, ...commonErrors },
        },
      },
      async (request) => getScorecard(db, requireSession(request).actor, request.params.id),
    );
    app.put(
      "/api/scorecards/:id/entries/:leafCode",
      {
        config: { access: { actions: ["scorecard.write"] } },
        schema: {
          tags,
          summary:
            "Tự chấm một tiêu chí: điểm, “không phát sinh” (cần giải trình), giải trình khi thiếu tài liệu; tiêu chí tự tính từ số liệu chỉ điều chỉnh được kèm lý do",
          params: leafParams,
          body: selfEntryInput,
          response: { 200: leafSavedResponse, ...commonErrors },
        },
      },
      async (request) =>
        updateSelfEntry(
          db,
          requireSession(request).actor,
          request.params.id,
          request.params.leafCode,
          request.body,
        ),
    );
    app.put(
      "/api/scorecards/:id/appraisals/:leafCode",
      {
        config: { access: { actions: ["scorecard.appraise"] } },
        schema: {
          tags,
          summary:
            "Thẩm định một tiêu chí (cơ quan cấp trên): điểm thẩm định và ghi chú; điểm tự chấm được giữ nguyên",
          params: leafParams,
          body: appraisalInput,
          response: { 200: leafSavedResponse, ...commonErrors },
        },
      },
      async (request) =>
        appraiseEntry(
          db,
          requireSession(request).actor,
          request.params.id,
          request.params.leafCode,
          request.body,
        ),
    );
    app.post(
      "/api/scorecards/:id/evidence",
      {
        config: { access: { actions: ["scorecard.write"] } },
        schema: {
          tags,
          summary:
            "Gắn tài liệu kiểm chứng đã lưu của đơn vị (kể cả tài liệu của nhiệm vụ) cho một hoặc nhiều tiêu chí",
          params: idParams,
          body: linkEvidenceInput,
          response: { 200: evidenceLinkedResponse, ...commonErrors },
        },
      },
      async (request) =>
        linkScorecardEvidence(db, requireSession(request).actor, request.params.id, request.body),
    );
    app.post(
      "/api/scorecards/:id/evidence/upload",
      {
        config: { access: { actions: ["scorecard.write"] } },
        schema: {
          tags,
          summary:
            "Tải lên tài liệu kiểm chứng mới cho một hoặc nhiều tiêu chí của phiếu (PDF, DOCX, XLSX, JPG, PNG; tối đa 20 MB): trường `file`, `leafCodes` (mã tiêu chí, cách nhau bởi dấu phẩy), và `documentNumber`, `documentDate`, `documentType`",
          params: idParams,
          consumes: ["multipart/form-data"],
          response: { 201: uploadedEvidenceResponse, ...commonErrors },
        },
      },
      async (request, reply) => {
        const actor = requireSession(request).actor;
        requireMultipart(request);
        // The scorecard's rights first: a refused upload is never read.
        await requireScorecardUploadable(db, actor, request.params.id);
        const { upload, fields } = await readEvidenceForm(request);
        const result = await uploadScorecardEvidence(db, actor, dataDir, request.params.id, {
          leafCodes: leafCodesOf(fields.leafCodes),
          upload,
        });
        return reply.status(201).send(result);
      },
    );
    app.delete(
      "/api/scorecards/:id/evidence",
      {
        config: { access: { actions: ["scorecard.write"] } },
        schema: {
          tags,
          summary: "Bỏ một tài liệu kiểm chứng khỏi một tiêu chí",
          params: idParams,
          querystring: z.object({ leafCode, evidenceId: z.uuid() }),
          response: { 200: leafSavedResponse, ...commonErrors },
        },
      },
      async (request) =>
        unlinkScorecardEvidence(
          db,
          requireSession(request).actor,
          request.params.id,
          request.query,
        ),
    );
    app.post(
      "/api/scorecards/:id/transitions",
      {
        config: { access: { actions: ["scorecard.write", "scorecard.appraise"] } },
        schema: {
          tags,
          summary:
            "Chuyển bước: submit (đơn vị gửi), return (cấp trên trả lại, cần lý do), appraise (hoàn tất thẩm định), publish (công bố)",
          params: idParams,
          body: transitionInput,
          response: { 200: scorecardTransitionResponse, ...commonErrors },
        },
      },
      async (request) =>
        transitionScorecard(db, requireSession(request).actor, request.params.id, request.body),
    );
    app.get(
      "/api/scorecards/:id/forecast",
      {
        schema: {
          tags,
          summary:
            "Dự báo “nếu năm kết thúc hôm nay”: điểm dự kiến từ số liệu đến ngày asOf và các tiêu chí đang mất điểm, xếp theo số điểm, kèm cách gỡ",
          params: idParams,
          querystring: z.object({ asOf: isoDate }),
          response: { 200: scorecardForecastResponse, ...commonErrors },
        },
      },
      async (request) =>
        scorecardForecast(db, requireSession(request).actor, request.params.id, request.query.asOf),
    );
    app.get(
      "/api/scorecards/:id/scorecard.xlsx",
      {
        schema: {
          tags,
          summary: "Xuất phiếu tự chấm điểm (bảng điểm và danh mục tài liệu kiểm chứng) ra Excel",
          params: idParams,
          response: { ...fileAnswer(XLSX, "Tệp Excel"), ...commonErrors },
        },
      },
      async (request, reply) => {
        const file = await scorecardExcel(db, requireSession(request).actor, request.params.id);
        return reply
          .header("content-type", XLSX)
          .header("content-disposition", attachment(file.filename))
          .send(file.buffer);
      },
    );
    app.get(
      "/api/scorecards/:id/scorecard.docx",
      {
        schema: {
          tags,
          summary:
            "Bảng tự đánh giá, chấm điểm Chỉ số CCHC theo thể thức Nghị định 30/2020 (Word, trang ngang): lĩnh vực, tiêu chí, điểm tối đa, điểm tự chấm, điểm thẩm định, tài liệu kiểm chứng, giải trình",
          params: idParams,
          response: { ...fileAnswer(DOCX, "Tệp Word"), ...commonErrors },
        },
      },
      async (request, reply) => {
        const file = await scorecardWord(
          db,
          requireSession(request).actor,
          request.params.id,
          vietnamDate(new Date()),
        );
        return reply
          .header("content-type", DOCX)
          .header("content-disposition", attachment(file.filename))
          .send(file.buffer);
      },
    );
  };
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}
