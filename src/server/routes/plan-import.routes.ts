import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import type { Executor } from "../db/database.ts";
import { AppError } from "../errors.ts";
import { requireSession } from "../http/session.ts";
import { previewPlanImport, type PlanImportSource } from "../services/plan-import.service.ts";
import { commonErrors, errorResponse } from "./common.schemas.ts";
import { planImportCan, planImportPreviewView } from "./plan-import.schemas.ts";

const pastedText = z.object({
  text: z
    .string()
    .trim()
    .min(1, { error: "Vui lòng dán nội dung kế hoạch." })
    .max(500_000, { error: "Nội dung dán vào quá dài (tối đa 500.000 ký tự)." }),
});

export function planImportRoutes(db: Executor): FastifyPluginAsyncZod {
  return async (app) => {
    app.post(
      "/api/plan-imports",
      {
        config: { access: { actions: ["plan.write"], unit: "query.unitId" } },
        schema: {
          tags: ["plans"],
          summary:
            "Đọc kế hoạch từ tệp (.docx, .pdf, .txt, .md — trường `file`) hoặc văn bản dán vào (JSON `{ text }`) thành bản nháp để rà soát; không lưu gì. Lưu kế hoạch bằng POST /api/plans, bảng tiêu chí bằng POST /api/methodologies.",
          consumes: ["multipart/form-data", "application/json"],
          querystring: z.object({
            unitId: z.uuid({ error: "Mã đơn vị không hợp lệ." }).optional(),
          }),
          response: {
            200: z.object({ data: planImportPreviewView, can: planImportCan }),
            ...commonErrors,
            415: errorResponse,
            422: errorResponse,
          },
        },
      },
      async (request) => {
        const actor = requireSession(request).actor;
        let source: PlanImportSource | null = null;
        if (request.isMultipart()) {
          for await (const part of request.parts()) {
            if (part.type === "file") {
              source = { kind: "file", filename: part.filename, bytes: await part.toBuffer() };
            }
          }
          if (!source || (source.kind === "file" && source.bytes.length === 0)) {
            throw new AppError("FILE_REQUIRED");
          }
        } else {
          const parsed = pastedText.safeParse(request.body);
          if (!parsed.success) {
            throw new AppError("VALIDATION_FAILED", {
              details: parsed.error.issues.map((issue) => ({
                path: issue.path.join(".") || "text",
                message: issue.message,
              })),
            });
          }
          source = { kind: "text", text: parsed.data.text };
        }
        return previewPlanImport(db, actor, source, { unitId: request.query.unitId });
      },
    );
  };
}
