import { attachment, DOCX, fileAnswer, PDF, XLSX } from "../http/download.ts";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { vietnamDate } from "../../core/time/vietnam-time.ts";
import type { Executor } from "../db/database.ts";
import { requireSession } from "../http/session.ts";
import {
  compareReportVersions,
  getReport,
  getVersion,
  openReport,
  reportOverview,
  reviewReport,
  submitReport,
  updateNarrative,
} from "../services/report.service.ts";
import {
  createReportKind,
  listReportKinds,
  reportCalendar,
} from "../services/report-calendar.service.ts";
import {
  reportAnnexXlsx,
  reportPdfFile,
  reportWordFile,
  rollupAnnexXlsx,
  rollupWordFile,
} from "../services/report-document.service.ts";
import { reportRollup } from "../services/report-rollup.service.ts";
import { commonErrors, errorResponse, idParams } from "./common.schemas.ts";
import {
  changesView,
  narrativeInput,
  openInput,
  overviewRow,
  reportView,
  reviewInput,
  rollupQuery,
  rollupView,
  versionView,
  calendarEntryView,
  calendarQuery,
  instanceView,
  kindInput,
  kindListQuery,
  kindView,
  kindsFromPlanView,
  unitQuery,
  unitsOverviewQuery,
  unitsOverviewView,
} from "./report.schemas.ts";
import { reportUnitsOverview } from "../services/report-units-overview.service.ts";
import { createReportKindsFromPlan } from "../services/plan-report-kinds.service.ts";

const fileQuery = z.object({
  version: z.coerce
    .number({ error: "Phiên bản không hợp lệ." })
    .int()
    .min(1)
    .max(10_000)
    .optional(),
});

/** Periodic reports up the hierarchy: the reporting calendar. */
export function reportRoutes(db: Executor): FastifyPluginAsyncZod {
  return async (app) => {
    const tags = ["reports"];
    app.get(
      "/api/report-kinds",
      {
        schema: {
          tags,
          summary: "Các loại báo cáo định kỳ một đơn vị cấp trên đặt ra, với hạn nộp trong năm",
          querystring: kindListQuery,
          response: {
            200: z.object({
              data: z.array(kindView.extend({ instances: z.array(instanceView) })),
              can: z.object({ define: z.boolean() }),
            }),
            ...commonErrors,
          },
        },
      },
      async (request) =>
        listReportKinds(
          db,
          requireSession(request).actor,
          request.query.unitId,
          request.query.year,
        ),
    );
    app.post(
      "/api/report-kinds",
      {
        config: { access: { actions: ["report.define"], unit: "query.unitId" } },
        schema: {
          tags,
          summary:
            'Đơn vị cấp trên đặt một loại báo cáo (quý, 6 tháng, năm, đột xuất) với hạn nộp viết như văn bản ("trước ngày 15 tháng cuối quý") và ban hành cho các đơn vị trực thuộc',
          querystring: unitQuery,
          body: kindInput,
          response: { 201: z.object({ data: kindView }), ...commonErrors },
        },
      },
      async (request, reply) =>
        reply
          .status(201)
          .send(
            await createReportKind(
              db,
              requireSession(request).actor,
              request.query.unitId,
              request.body,
            ),
          ),
    );
    app.post(
      "/api/plans/:id/report-kinds",
      {
        config: { access: { actions: ["report.define"] } },
        schema: {
          tags,
          summary:
            "Tạo các loại báo cáo (bản nháp) theo chế độ báo cáo của kế hoạch, trừ loại đơn vị đã có cùng kỳ và hạn nộp",
          params: idParams,
          response: { 201: z.object({ data: kindsFromPlanView }), ...commonErrors },
        },
      },
      async (request, reply) =>
        reply
          .status(201)
          .send(
            await createReportKindsFromPlan(db, requireSession(request).actor, request.params.id),
          ),
    );
    app.get(
      "/api/reports/calendar",
      {
        schema: {
          tags,
          summary:
            "Các báo cáo một đơn vị phải nộp trong năm, hạn nộp và tình trạng vào một ngày (mặc định hôm nay)",
          querystring: calendarQuery,
          response: {
            200: z.object({
              data: z.array(calendarEntryView),
              can: z.object({ write: z.boolean() }),
            }),
            ...commonErrors,
          },
        },
      },
      async (request) =>
        reportCalendar(
          db,
          requireSession(request).actor,
          request.query.unitId,
          request.query.year,
          request.query.on ?? vietnamDate(new Date()),
        ),
    );

    app.get(
      "/api/reports/overview",
      {
        schema: {
          tags,
          summary:
            "Cấp trên xem tình hình nộp báo cáo của các đơn vị trực thuộc: đã gửi, trễ hạn, bị trả lại, đã tiếp nhận",
          querystring: calendarQuery,
          response: { 200: z.object({ data: z.array(overviewRow) }), ...commonErrors },
        },
      },
      async (request) =>
        reportOverview(
          db,
          requireSession(request).actor,
          request.query.unitId,
          request.query.year,
          request.query.on ?? vietnamDate(new Date()),
        ),
    );
    app.get(
      "/api/reports/overview/units",
      {
        schema: {
          tags,
          summary:
            "Bảng tổng quan của lãnh đạo cấp trên cho một loại báo cáo và một kỳ: mỗi đơn vị trực thuộc với tình trạng báo cáo và các số liệu chính từ phiên bản gửi gần nhất, so với kỳ trước (chênh lệch, xu hướng); đơn vị chậm xếp trước. Tình trạng trễ hạn tính vào ngày on (mặc định hôm nay)",
          querystring: unitsOverviewQuery,
          response: { 200: z.object({ data: unitsOverviewView }), ...commonErrors },
        },
      },
      async (request) =>
        reportUnitsOverview(
          db,
          requireSession(request).actor,
          request.query.unitId,
          request.query,
          request.query.on ?? vietnamDate(new Date()),
        ),
    );
    app.get(
      "/api/reports/rollup",
      {
        schema: {
          tags,
          summary:
            "Báo cáo tổng hợp của cấp trên cho một loại báo cáo và một kỳ, từ các phiên bản đã gửi hoặc đã tiếp nhận của đơn vị trực thuộc: cộng số liệu, tỷ lệ tính lại từ tử số và mẫu số đã cộng, bảng theo đơn vị, đơn vị chưa gửi",
          querystring: rollupQuery,
          response: { 200: z.object({ data: rollupView }), ...commonErrors },
        },
      },
      async (request) =>
        reportRollup(
          db,
          requireSession(request).actor,
          request.query.unitId,
          request.query,
          vietnamDate(new Date()),
        ),
    );
    app.get(
      "/api/reports/rollup.docx",
      {
        schema: {
          tags,
          summary:
            "Báo cáo tổng hợp của cấp trên (Word, thể thức Nghị định 30/2020): tổng hợp kết quả của các đơn vị đã gửi, phụ lục theo từng đơn vị trên trang ngang, đơn vị chưa gửi; cùng tham số với GET /api/reports/rollup",
          querystring: rollupQuery,
          response: { ...fileAnswer(DOCX, "Tệp Word"), ...commonErrors },
        },
      },
      async (request, reply) => {
        const bytes = await rollupWordFile(
          db,
          requireSession(request).actor,
          request.query.unitId,
          request.query,
          vietnamDate(new Date()),
        );
        return reply
          .header("content-type", DOCX)
          .header("content-disposition", attachment("bao-cao-tong-hop-cchc.docx"))
          .send(bytes);
      },
    );
    app.get(
      "/api/reports/rollup.xlsx",
      {
        schema: {
          tags,
          summary:
            "Phụ lục của báo cáo tổng hợp (Excel): nhiệm vụ theo lĩnh vực, số liệu theo từng đơn vị, đơn vị chưa gửi",
          querystring: rollupQuery,
          response: { ...fileAnswer(XLSX, "Tệp Excel"), ...commonErrors },
        },
      },
      async (request, reply) => {
        const bytes = await rollupAnnexXlsx(
          db,
          requireSession(request).actor,
          request.query.unitId,
          request.query,
          vietnamDate(new Date()),
        );
        return reply
          .header("content-type", XLSX)
          .header("content-disposition", attachment("phu-luc-bao-cao-tong-hop-cchc.xlsx"))
          .send(bytes);
      },
    );
    app.post(
      "/api/reports",
      {
        config: { access: { actions: ["report.write"], unit: "query.unitId" } },
        schema: {
          tags,
          summary:
            "Lập (hoặc mở) báo cáo của đơn vị cho một loại và kỳ báo cáo; phần nội dung được gợi ý từ số liệu",
          querystring: unitQuery,
          body: openInput,
          response: {
            200: z.object({ data: z.object({ id: z.string(), created: z.boolean() }) }),
            ...commonErrors,
          },
        },
      },
      async (request) =>
        openReport(
          db,
          requireSession(request).actor,
          request.query.unitId,
          request.body,
          vietnamDate(new Date()),
        ),
    );
    app.get(
      "/api/reports/:id",
      {
        schema: {
          tags,
          summary:
            "Một báo cáo: bản đang soạn với số liệu trực tiếp (đơn vị mình) hoặc phiên bản đã gửi (cấp trên)",
          params: idParams,
          response: {
            200: z.object({
              data: reportView,
              can: z.object({ edit: z.boolean(), submit: z.boolean(), review: z.boolean() }),
            }),
            ...commonErrors,
          },
        },
      },
      async (request) =>
        getReport(db, requireSession(request).actor, request.params.id, vietnamDate(new Date())),
    );
    app.put(
      "/api/reports/:id/narrative",
      {
        config: { access: { actions: ["report.write"] } },
        schema: {
          tags,
          summary: "Sửa các phần nội dung của báo cáo đang soạn hoặc bị trả lại",
          params: idParams,
          body: narrativeInput,
          response: {
            200: z.object({
              data: z.object({ id: z.string(), narrative: z.record(z.string(), z.string()) }),
            }),
            ...commonErrors,
            409: errorResponse,
          },
        },
      },
      async (request) =>
        updateNarrative(db, requireSession(request).actor, request.params.id, request.body),
    );
    const transitionResult = z.object({
      data: z.object({ id: z.string(), status: z.string(), version: z.number() }),
    });
    app.post(
      "/api/reports/:id/submit",
      {
        config: { access: { actions: ["report.write"] } },
        schema: {
          tags,
          summary: "Gửi báo cáo lên cấp trên: số liệu được chốt thành một phiên bản mới",
          params: idParams,
          response: { 200: transitionResult, ...commonErrors, 409: errorResponse },
        },
      },
      async (request) =>
        submitReport(db, requireSession(request).actor, request.params.id, vietnamDate(new Date())),
    );
    app.post(
      "/api/reports/:id/review",
      {
        config: { access: { actions: ["report.review"] } },
        schema: {
          tags,
          summary: "Cấp trên tiếp nhận báo cáo hoặc trả lại kèm ý kiến",
          params: idParams,
          body: reviewInput,
          response: { 200: transitionResult, ...commonErrors, 409: errorResponse },
        },
      },
      async (request) =>
        reviewReport(db, requireSession(request).actor, request.params.id, request.body),
    );
    app.get(
      "/api/reports/:id/versions/:version",
      {
        schema: {
          tags,
          summary: "Một phiên bản đã gửi của báo cáo, đúng như khi chốt",
          params: idParams.extend({
            version: z.coerce.number({ error: "Phiên bản không hợp lệ." }).int().min(1).max(10_000),
          }),
          response: { 200: z.object({ data: versionView }), ...commonErrors },
        },
      },
      async (request) =>
        getVersion(db, requireSession(request).actor, request.params.id, request.params.version),
    );
    app.get(
      "/api/reports/:id/changes",
      {
        schema: {
          tags,
          summary: "Những gì thay đổi giữa hai phiên bản đã gửi (mặc định: hai phiên bản cuối)",
          params: idParams,
          querystring: z.object({
            from: z.coerce.number().int().min(1).max(10_000).optional(),
            to: z.coerce.number().int().min(1).max(10_000).optional(),
          }),
          response: { 200: z.object({ data: changesView }), ...commonErrors },
        },
      },
      async (request) =>
        compareReportVersions(db, requireSession(request).actor, request.params.id, request.query),
    );
    app.get(
      "/api/reports/:id/report.docx",
      {
        schema: {
          tags,
          summary:
            "Báo cáo theo thể thức Nghị định 30/2020 (Word), phụ lục số liệu trên trang ngang; mặc định phiên bản đang xem, hoặc một phiên bản đã gửi (?version=)",
          params: idParams,
          querystring: fileQuery,
          response: { ...fileAnswer(DOCX, "Tệp Word"), ...commonErrors },
        },
      },
      async (request, reply) => {
        const bytes = await reportWordFile(
          db,
          requireSession(request).actor,
          request.params.id,
          request.query.version,
          vietnamDate(new Date()),
        );
        return reply
          .header("content-type", DOCX)
          .header("content-disposition", attachment("bao-cao-cchc.docx"))
          .send(bytes);
      },
    );
    app.get(
      "/api/reports/:id/report.pdf",
      {
        schema: {
          tags,
          summary:
            "Báo cáo dạng PDF (bản Word chuyển qua LibreOffice trên máy chủ); như báo cáo Word, mặc định phiên bản đang xem hoặc ?version=. Máy chủ chưa cài LibreOffice: 503 DOCUMENT_PDF_UNAVAILABLE",
          params: idParams,
          querystring: fileQuery,
          response: {
            ...fileAnswer(PDF, "Tệp PDF"),
            ...commonErrors,
            503: errorResponse,
          },
        },
      },
      async (request, reply) => {
        const bytes = await reportPdfFile(
          db,
          requireSession(request).actor,
          request.params.id,
          request.query.version,
          vietnamDate(new Date()),
        );
        return reply
          .header("content-type", PDF)
          .header("content-disposition", attachment("bao-cao-cchc.pdf"))
          .send(bytes);
      },
    );
    app.get(
      "/api/reports/:id/report.xlsx",
      {
        schema: {
          tags,
          summary: "Phụ lục số liệu của báo cáo (Excel): nhiệm vụ theo lĩnh vực, chỉ tiêu, chỉ số",
          params: idParams,
          querystring: fileQuery,
          response: { ...fileAnswer(XLSX, "Tệp Excel"), ...commonErrors },
        },
      },
      async (request, reply) => {
        const bytes = await reportAnnexXlsx(
          db,
          requireSession(request).actor,
          request.params.id,
          request.query.version,
          vietnamDate(new Date()),
        );
        return reply
          .header("content-type", XLSX)
          .header("content-disposition", attachment("phu-luc-bao-cao-cchc.xlsx"))
          .send(bytes);
      },
    );
  };
}
