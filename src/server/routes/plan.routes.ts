import { attachment, DOCX, fileAnswer, XLSX } from "../http/download.ts";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import type { Executor } from "../db/database.ts";
import { requireSession } from "../http/session.ts";
import { planAppendixXlsx, planWordFile } from "../services/plan-document.service.ts";
import { getPlanView, listPlans } from "../services/plan-view.service.ts";
import {
  addTarget,
  addTask,
  amendPlan,
  createPlan,
  deleteDraftPlan,
  deleteTarget,
  issuePlan,
  recordTargetMeasurement,
  setArea,
  updatePlanHeader,
  updateTarget,
} from "../services/plan.service.ts";
import { planChangesSince } from "../services/task.service.ts";
import { commonErrors, idParams, isoDate } from "./common.schemas.ts";

import {
  areaInput,
  areaKey,
  areaRowView,
  createPlanInput,
  issuePlanInput,
  measurementInput,
  planCan,
  planChangeView,
  planDetailView,
  planHeaderInput,
  planSummaryView,
  targetInput,
  taskInput,
} from "./plan.schemas.ts";

const created = z.object({ data: z.object({ id: z.string() }) });
const ok = z.object({ data: z.object({ ok: z.boolean() }) });

export function planRoutes(db: Executor): FastifyPluginAsyncZod {
  return async (app) => {
    const tags = ["plans"];
    app.get(
      "/api/plans",
      {
        schema: {
          tags,
          summary: "Danh sách kế hoạch CCHC được phép xem",
          querystring: z.object({
            unitId: z.uuid().optional(),
            upper: z
              .enum(["true", "false"])
              .transform((v) => v === "true")
              .optional()
              .describe("true: issued plans of the upper levels, to cascade from"),
          }),
          response: {
            200: z.object({
              data: z.array(planSummaryView),
              can: z.object({ create: z.boolean() }),
            }),
            ...commonErrors,
          },
        },
      },
      async (request) => listPlans(db, requireSession(request).actor, request.query),
    );
    app.post(
      "/api/plans",
      {
        config: { access: { actions: ["plan.write"] } },
        schema: {
          tags,
          summary:
            "Tạo kế hoạch (trống, sao chép kế hoạch cũ, theo kế hoạch cấp trên, hoặc từ bản nhập)",
          body: createPlanInput,
          response: { 201: created, ...commonErrors },
        },
      },
      async (request, reply) =>
        reply.status(201).send(await createPlan(db, requireSession(request).actor, request.body)),
    );
    app.get(
      "/api/plans/:id",
      {
        schema: {
          tags,
          summary: "Kế hoạch: căn cứ, lĩnh vực, chỉ tiêu (kèm số đo), nhiệm vụ, tiến độ",
          params: idParams,
          response: { 200: z.object({ data: planDetailView, can: planCan }), ...commonErrors },
        },
      },
      async (request) => getPlanView(db, requireSession(request).actor, request.params.id),
    );
    app.patch(
      "/api/plans/:id",
      {
        config: { access: { actions: ["plan.write"] } },
        schema: {
          tags,
          summary: "Sửa thông tin kế hoạch (dự thảo)",
          params: idParams,
          body: planHeaderInput.partial(),
          response: { 200: created, ...commonErrors },
        },
      },
      async (request) =>
        updatePlanHeader(db, requireSession(request).actor, request.params.id, request.body),
    );
    app.delete(
      "/api/plans/:id",
      {
        config: { access: { actions: ["plan.write"] } },
        schema: {
          tags,
          summary: "Xóa dự thảo kế hoạch",
          params: idParams,
          response: { 200: ok, ...commonErrors },
        },
      },
      async (request) => deleteDraftPlan(db, requireSession(request).actor, request.params.id),
    );
    app.post(
      "/api/plans/:id/issue",
      {
        config: { access: { actions: ["plan.issue"] } },
        schema: {
          tags,
          summary: "Ban hành kế hoạch",
          params: idParams,
          body: issuePlanInput,
          response: { 200: created, ...commonErrors },
        },
      },
      async (request) =>
        issuePlan(db, requireSession(request).actor, request.params.id, request.body),
    );
    app.post(
      "/api/plans/:id/amend",
      {
        config: { access: { actions: ["plan.write"] } },
        schema: {
          tags,
          summary: "Tạo bản sửa đổi, bổ sung của kế hoạch đã ban hành",
          params: idParams,
          response: { 201: created, ...commonErrors },
        },
      },
      async (request, reply) =>
        reply
          .status(201)
          .send(await amendPlan(db, requireSession(request).actor, request.params.id)),
    );
    app.put(
      "/api/plans/:id/areas/:key",
      {
        config: { access: { actions: ["plan.write"] } },
        schema: {
          tags,
          summary: "Tiêu đề và điểm mục tiêu của một lĩnh vực",
          params: idParams.extend({ key: areaKey }),
          body: areaInput,
          response: { 200: z.object({ data: areaRowView }), ...commonErrors },
        },
      },
      async (request) =>
        setArea(
          db,
          requireSession(request).actor,
          request.params.id,
          request.params.key,
          request.body,
        ),
    );
    app.post(
      "/api/plans/:id/targets",
      {
        config: { access: { actions: ["plan.write"] } },
        schema: {
          tags,
          summary: "Thêm chỉ tiêu",
          params: idParams,
          body: targetInput,
          response: { 201: created, ...commonErrors },
        },
      },
      async (request, reply) =>
        reply
          .status(201)
          .send(
            await addTarget(db, requireSession(request).actor, request.params.id, request.body),
          ),
    );
    app.patch(
      "/api/targets/:id",
      {
        config: { access: { actions: ["plan.write"] } },
        schema: {
          tags,
          summary: "Sửa chỉ tiêu",
          params: idParams,
          body: targetInput.partial(),
          response: { 200: created, ...commonErrors },
        },
      },
      async (request) =>
        updateTarget(db, requireSession(request).actor, request.params.id, request.body),
    );
    app.delete(
      "/api/targets/:id",
      {
        config: { access: { actions: ["plan.write"] } },
        schema: {
          tags,
          summary: "Xóa chỉ tiêu",
          params: idParams,
          response: { 200: ok, ...commonErrors },
        },
      },
      async (request) => deleteTarget(db, requireSession(request).actor, request.params.id),
    );
    app.put(
      "/api/targets/:id/measurement",
      {
        config: { access: { actions: ["plan.write"] } },
        schema: {
          tags,
          summary: "Nhập số liệu cho chỉ tiêu không đo tự động",
          params: idParams,
          body: measurementInput,
          response: { 200: created, ...commonErrors },
        },
      },
      async (request) =>
        recordTargetMeasurement(db, requireSession(request).actor, request.params.id, request.body),
    );
    app.post(
      "/api/plans/:id/tasks",
      {
        config: { access: { actions: ["plan.write"] } },
        schema: {
          tags,
          summary: "Thêm nhiệm vụ",
          params: idParams,
          body: taskInput,
          response: { 201: created, ...commonErrors },
        },
      },
      async (request, reply) =>
        reply
          .status(201)
          .send(await addTask(db, requireSession(request).actor, request.params.id, request.body)),
    );
    app.get(
      "/api/plans/:id/changes",
      {
        schema: {
          tags,
          summary: "Thay đổi của các nhiệm vụ kể từ một ngày",
          params: idParams,
          querystring: z.object({ since: isoDate }),
          response: { 200: z.object({ data: z.array(planChangeView) }), ...commonErrors },
        },
      },
      async (request) =>
        planChangesSince(db, requireSession(request).actor, request.params.id, request.query.since),
    );
    app.get(
      "/api/plans/:id/document.docx",
      {
        schema: {
          tags,
          summary: "Quyết định và Kế hoạch theo thể thức Nghị định 30/2020 (Word)",
          params: idParams,
          response: { ...fileAnswer(DOCX, "Tệp Word"), ...commonErrors },
        },
      },
      async (request, reply) => {
        const bytes = await planWordFile(db, requireSession(request).actor, request.params.id);
        return reply
          .header("content-type", DOCX)
          .header("content-disposition", attachment("ke-hoach-cchc.docx"))
          .send(bytes);
      },
    );
    app.get(
      "/api/plans/:id/appendix.xlsx",
      {
        schema: {
          tags,
          summary: "Phụ lục danh mục nhiệm vụ (Excel)",
          params: idParams,
          response: { ...fileAnswer(XLSX, "Tệp Excel"), ...commonErrors },
        },
      },
      async (request, reply) => {
        const bytes = await planAppendixXlsx(db, requireSession(request).actor, request.params.id);
        return reply
          .header("content-type", XLSX)
          .header("content-disposition", attachment("phu-luc-nhiem-vu.xlsx"))
          .send(bytes);
      },
    );
  };
}
