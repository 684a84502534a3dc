import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import type { FastifyRequest } from "fastify";
import { z } from "zod";
import type { Executor } from "../db/database.ts";
import { readUploadedFile } from "../documents/spreadsheet.ts";
import { attachment, fileAnswer, XLSX } from "../http/download.ts";
import { requireSession } from "../http/session.ts";
import {
  applyTaskSheet,
  exportTaskSheet,
  previewTaskSheet,
} from "../services/task-excel.service.ts";
import { requireReadablePlan } from "../services/plan-view.service.ts";
import { commonErrors, errorResponse, idParams } from "./common.schemas.ts";

const problem = z.object({ row: z.number(), column: z.string().nullable(), message: z.string() });

/** The plan must be readable before its upload is read (the service checks each row's rights). */
async function uploadedFile(db: Executor, request: FastifyRequest, planId: string) {
  await requireReadablePlan(db, requireSession(request).actor, planId);
  return readUploadedFile(request);
}

export function taskExcelRoutes(db: Executor): FastifyPluginAsyncZod {
  return async (app) => {
    const tags = ["tasks"];
    app.get(
      "/api/plans/:id/tasks.xlsx",
      {
        schema: {
          tags,
          summary:
            "Xuất danh sách nhiệm vụ ra Excel để cập nhật hàng loạt (cột mã ẩn, trạng thái chọn từ danh sách)",
          params: idParams,
          response: { ...fileAnswer(XLSX, "Tệp Excel"), ...commonErrors },
        },
      },
      async (request, reply) => {
        const { plan, buffer } = await exportTaskSheet(
          db,
          requireSession(request).actor,
          request.params.id,
        );
        return reply
          .header("content-type", XLSX)
          .header("content-disposition", attachment(`nhiem-vu-${plan.periodLabel}.xlsx`))
          .send(buffer);
      },
    );
    app.post(
      "/api/plans/:id/tasks/import-preview",
      {
        config: { access: { actions: ["task.update"] } },
        schema: {
          tags,
          summary:
            "Xem trước thay đổi từ tệp Excel nhiệm vụ (trường `file`): từng dòng thay đổi gì, lỗi theo dòng và cột; không lưu",
          params: idParams,
          consumes: ["multipart/form-data"],
          response: {
            200: z.object({
              data: z.object({
                rows: z.array(
                  z.object({
                    row: z.number(),
                    taskId: z.string().nullable(),
                    ref: z.string().nullable(),
                    text: z.string(),
                    changes: z.array(
                      z.object({
                        field: z.string(),
                        column: z.string(),
                        from: z.union([z.string(), z.number()]).nullable(),
                        to: z.union([z.string(), z.number()]).nullable(),
                      }),
                    ),
                    problems: z.array(problem),
                  }),
                ),
                problems: z.array(problem),
                changed: z.number(),
                unchanged: z.number(),
                canApply: z.boolean(),
              }),
            }),
            ...commonErrors,
          },
        },
      },
      async (request) =>
        previewTaskSheet(
          db,
          requireSession(request).actor,
          request.params.id,
          await uploadedFile(db, request, request.params.id),
        ),
    );
    app.post(
      "/api/plans/:id/tasks/import",
      {
        config: { access: { actions: ["task.update"] } },
        schema: {
          tags,
          summary:
            "Áp dụng tệp Excel nhiệm vụ (trường `file`) trong một giao dịch: tất cả các dòng hoặc không dòng nào",
          params: idParams,
          consumes: ["multipart/form-data"],
          response: {
            200: z.object({ data: z.object({ updated: z.number(), unchanged: z.number() }) }),
            ...commonErrors,
            415: errorResponse,
          },
        },
      },
      async (request) =>
        applyTaskSheet(
          db,
          requireSession(request).actor,
          request.params.id,
          await uploadedFile(db, request, request.params.id),
        ),
    );
  };
}
