import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import type { Executor } from "../db/database.ts";
import { AppError } from "../errors.ts";
import { requireSession } from "../http/session.ts";
import { previewPlanImport, type PlanImportSource } from "../services/plan-import.service.ts";
import { commonErrors, errorResponse } from "./common.schemas.ts";

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
            200: z.object({
              data: z.object({
                extracted: z.unknown(),
                draft: z.unknown(),
                warnings: z.array(
                  z.object({
                    code: z.string(),
                    message: z.string(),
                    line: z.number().nullable(),
                    level: z.enum(["error", "warning"]).optional(),
                  }),
                ),
                unplaced: z.array(
                  z.object({ line: z.number().nullable(), text: z.string(), reason: z.string() }),
                ),
                agencies: z.array(z.object({ id: z.string(), name: z.string() })),
                source: z.unknown(),
              }),
              can: z.object({ createPlan: z.boolean(), createMethodology: z.boolean() }),
            }),
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
