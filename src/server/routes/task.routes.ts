import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import type { Executor } from "../db/database.ts";
import { requireSession } from "../http/session.ts";
import { editTask, removeTask } from "../services/plan.service.ts";
import {
  linkEvidence,
  listTasks,
  listTaskUpdates,
  readEvidence,
  updateOccurrenceStatus,
  updateTaskProgress,
  requireTaskUpdatable,
  uploadEvidence,
} from "../services/task.service.ts";
import { ANY_FILE, fileAnswer } from "../http/download.ts";
import { commonErrors, idParams, isoDate } from "./common.schemas.ts";
import {
  areaKey,
  evidenceView,
  listedTaskView,
  occurrenceInput,
  occurrenceView,
  okView,
  progressInput,
  taskInput,
  taskUpdateView,
} from "./plan.schemas.ts";
import { readEvidenceForm, requireMultipart } from "./evidence-form.ts";

const created = z.object({ data: z.object({ id: z.string() }) });

export function taskRoutes(db: Executor, dataDir: string): FastifyPluginAsyncZod {
  return async (app) => {
    const tags = ["tasks"];
    app.get(
      "/api/tasks",
      {
        schema: {
          tags,
          summary: "Nhiệm vụ: việc của tôi, quá hạn, sắp đến hạn, tìm kiếm",
          querystring: z.object({
            view: z.enum(["all", "mine", "overdue", "due_soon"]).optional(),
            planId: z.uuid().optional(),
            areaKey: areaKey.optional(),
            agencyId: z.uuid().optional(),
            q: z.string().max(200).optional(),
            dueWithinDays: z.coerce.number().int().min(1).max(365).optional(),
            unitId: z.uuid().optional(),
            // Tasks due in a range (both days included): what a report counts for its period.
            dueFrom: isoDate.optional(),
            dueTo: isoDate.optional(),
            // "report": only the tasks a report counts (leaf tasks, not cancelled).
            counted: z.enum(["report"]).optional(),
          }),
          response: {
            200: z.object({ data: z.array(listedTaskView) }),
            ...commonErrors,
          },
        },
      },
      async (request) => listTasks(db, requireSession(request).actor, request.query),
    );
    app.patch(
      "/api/tasks/:id",
      {
        config: { access: { actions: ["plan.write"] } },
        schema: {
          tags,
          summary: "Sửa nội dung nhiệm vụ (kế hoạch dự thảo)",
          params: idParams,
          body: taskInput.partial(),
          response: { 200: created, ...commonErrors },
        },
      },
      async (request) =>
        editTask(db, requireSession(request).actor, request.params.id, request.body),
    );
    app.delete(
      "/api/tasks/:id",
      {
        config: { access: { actions: ["plan.write"] } },
        schema: {
          tags,
          summary: "Xóa nhiệm vụ (kế hoạch dự thảo)",
          params: idParams,
          response: { 200: okView, ...commonErrors },
        },
      },
      async (request) => removeTask(db, requireSession(request).actor, request.params.id),
    );
    app.post(
      "/api/tasks/:id/updates",
      {
        config: { access: { actions: ["task.update"] } },
        schema: {
          tags,
          summary: "Cập nhật trạng thái, tiến độ, ý kiến của nhiệm vụ",
          params: idParams,
          body: progressInput,
          response: { 200: created, ...commonErrors },
        },
      },
      async (request) =>
        updateTaskProgress(db, requireSession(request).actor, request.params.id, request.body),
    );
    app.get(
      "/api/tasks/:id/updates",
      {
        schema: {
          tags,
          summary: "Lịch sử cập nhật và tài liệu kiểm chứng của nhiệm vụ",
          params: idParams,
          response: {
            200: z.object({
              data: z.object({ updates: z.array(taskUpdateView), evidence: z.array(evidenceView) }),
            }),
            ...commonErrors,
          },
        },
      },
      async (request) => listTaskUpdates(db, requireSession(request).actor, request.params.id),
    );
    app.patch(
      "/api/occurrences/:id",
      {
        config: { access: { actions: ["task.update"] } },
        schema: {
          tags,
          summary: "Trạng thái một kỳ của nhiệm vụ định kỳ",
          params: idParams,
          body: occurrenceInput,
          response: { 200: z.object({ data: occurrenceView }), ...commonErrors },
        },
      },
      async (request) =>
        updateOccurrenceStatus(db, requireSession(request).actor, request.params.id, request.body),
    );
    app.post(
      "/api/tasks/:id/evidence",
      {
        config: { access: { actions: ["task.update"] } },
        schema: {
          tags,
          summary:
            "Tải lên tài liệu kiểm chứng (PDF, DOCX, XLSX, JPG, PNG; tối đa 20 MB): trường `file`, và `documentNumber`, `documentDate`, `documentType`",
          params: idParams,
          consumes: ["multipart/form-data"],
          response: { 201: z.object({ data: evidenceView }), ...commonErrors },
        },
      },
      async (request, reply) => {
        const actor = requireSession(request).actor;
        requireMultipart(request);
        // The task's rights first: a refused upload is never read.
        await requireTaskUpdatable(db, actor, request.params.id);
        const { upload } = await readEvidenceForm(request);
        const result = await uploadEvidence(db, actor, dataDir, request.params.id, upload);
        return reply.status(201).send(result);
      },
    );
    app.post(
      "/api/evidence/:id/links",
      {
        config: { access: { actions: ["task.update"] } },
        schema: {
          tags,
          summary: "Gắn tài liệu kiểm chứng với nhiều nhiệm vụ",
          params: idParams,
          body: z.object({ taskIds: z.array(z.uuid()).min(1).max(200) }),
          response: { 200: okView, ...commonErrors },
        },
      },
      async (request) =>
        linkEvidence(db, requireSession(request).actor, request.params.id, request.body.taskIds),
    );
    app.get(
      "/api/evidence/:id/download",
      {
        schema: {
          tags,
          summary: "Tải về tài liệu kiểm chứng (loại tệp như lúc tải lên)",
          params: idParams,
          response: { ...fileAnswer(ANY_FILE, "Tệp đã tải lên"), ...commonErrors },
        },
      },
      async (request, reply) => {
        const { evidence, bytes } = await readEvidence(
          db,
          requireSession(request).actor,
          dataDir,
          request.params.id,
        );
        return reply
          .header("content-type", evidence.contentType)
          .header(
            "content-disposition",
            `attachment; filename*=UTF-8''${encodeURIComponent(evidence.fileName)}`,
          )
          .send(bytes);
      },
    );
  };
}
