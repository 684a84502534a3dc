import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import type { Executor } from "../db/database.ts";
import { attachment, DOCX, fileAnswer, PDF } from "../http/download.ts";
import { requireSession } from "../http/session.ts";
import {
  registerPrintDocument,
  registerPrintOverview,
} from "../services/register-print.service.ts";
import { commonErrors, errorResponse, idParams, isoDate } from "./common.schemas.ts";
import { registerPrintView } from "./one-stop.schemas.ts";
import { sendDocxAsPdf } from "./pdf-answer.ts";

/** The period printed: its first and last day (YYYY-MM-DD, Vietnam time), at most a year. */
const periodQuery = z.object({ from: isoDate, to: isoDate });

const partQuery = periodQuery.extend({
  part: z.coerce
    .number({ error: "Phần không hợp lệ." })
    .int({ error: "Phần không hợp lệ." })
    .min(1, { error: "Phần không hợp lệ." })
    .max(1000, { error: "Phần không hợp lệ." })
    .optional(),
});

/**
 * Access first: the unit's `dossier.read` is checked by the route hook before the query is read
 * (an unreadable unit → 404 UNIT_NOT_FOUND, a readable one without the action → 403), and again
 * by the service.
 */
const ACCESS = { access: { actions: ["dossier.read"] as const, unit: "params.id" as const } };

const DESCRIPTION =
  "Sổ theo dõi hồ sơ (Mẫu số 06 TT 01/2018/TT-VPCP; Mẫu số 07 TT 03/2025 theo bố cục Mẫu 06), khổ A4 ngang: " +
  "các hồ sơ tiếp nhận tại bộ phận một cửa của đơn vị trong kỳ, theo thứ tự vào sổ. Ngày chuyển hồ sơ, nhận kết quả, " +
  "trả kết quả lấy từ các bước đã ghi; bước chưa ghi để trống. Kỳ tối đa một năm (400 `REGISTER_PRINT_PERIOD_TOO_LONG`; " +
  "ngày đầu sau ngày cuối: 400 `REGISTER_PRINT_PERIOD_INVALID`); mỗi tệp tối đa 2.000 dòng, kỳ dài hơn in thành nhiều " +
  "phần (`part`, 400 `REGISTER_PRINT_PART_INVALID` khi không có phần đó).";

/** The printed register book of a unit for a period: its overview, and the file as Word and PDF. */
export function registerPrintRoutes(db: Executor): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      "/api/one-stop/register-book/:id/print",
      {
        config: ACCESS,
        schema: {
          tags: ["one-stop"],
          summary: "Sổ theo dõi hồ sơ của đơn vị trong kỳ: số hồ sơ, quyển số, số phần khi in",
          description: DESCRIPTION,
          params: idParams,
          querystring: periodQuery,
          response: { 200: z.object({ data: registerPrintView }), ...commonErrors },
        },
      },
      async (request) =>
        registerPrintOverview(db, requireSession(request).actor, request.params.id, request.query),
    );

    app.get(
      "/api/one-stop/register-book/:id/print.docx",
      {
        config: ACCESS,
        schema: {
          tags: ["one-stop"],
          summary: "Sổ theo dõi hồ sơ của đơn vị trong kỳ (A4 ngang, .docx)",
          description: DESCRIPTION,
          params: idParams,
          querystring: partQuery,
          response: { ...fileAnswer(DOCX, "Tệp Word"), ...commonErrors },
        },
      },
      async (request, reply) => {
        const actor = requireSession(request).actor;
        const { buffer, fileName } = await registerPrintDocument(
          db,
          actor,
          request.params.id,
          request.query,
        );
        return reply.type(DOCX).header("content-disposition", attachment(fileName)).send(buffer);
      },
    );

    app.get(
      "/api/one-stop/register-book/:id/print.pdf",
      {
        config: ACCESS,
        schema: {
          tags: ["one-stop"],
          summary: "Sổ theo dõi hồ sơ của đơn vị trong kỳ (A4 ngang, PDF để in từ trình duyệt)",
          description:
            `${DESCRIPTION} Bản Word chuyển sang PDF qua LibreOffice trên máy chủ, gửi dạng inline. ` +
            "Máy chủ chưa cài LibreOffice: 503 DOCUMENT_PDF_UNAVAILABLE.",
          params: idParams,
          querystring: partQuery,
          response: { ...fileAnswer(PDF, "Tệp PDF"), ...commonErrors, 503: errorResponse },
        },
      },
      async (request, reply) => {
        const actor = requireSession(request).actor;
        const file = await registerPrintDocument(db, actor, request.params.id, request.query);
        return sendDocxAsPdf(reply, file);
      },
    );
  };
}
