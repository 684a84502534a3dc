import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import type { Executor } from "../db/database.ts";
import { readSpreadsheetUpload } from "../documents/spreadsheet.ts";
import { requireSession } from "../http/session.ts";
import {
  createProcedure,
  getProcedure,
  importProcedures,
  listProcedures,
  updateProcedure,
} from "../services/procedure.service.ts";
import { getDeskSettings, updateDeskSettings } from "../services/one-stop-desk.service.ts";
import { getRegisterBook, setRegisterBookStart } from "../services/register-book.service.ts";
import { booleanQuery, commonErrors, idParams } from "./common.schemas.ts";
import { registerPrintRoutes } from "./register-print.routes.ts";
import {
  deskSettingsView,
  procedureBody,
  registerBookQuery,
  registerBookStartBody,
  registerBookView,
  procedurePatchBody,
  procedureView,
} from "./one-stop.schemas.ts";

const one = z.object({ data: procedureView });

export function procedureRoutes(db: Executor): FastifyPluginAsyncZod {
  return async (app) => {
    await app.register(registerPrintRoutes(db));
    app.get(
      "/api/procedures",
      {
        schema: {
          tags: ["one-stop"],
          summary: "Danh mục thủ tục hành chính của các đơn vị được phép xem",
          querystring: z.object({
            unitId: z.uuid().optional(),
            q: z.string().max(200).optional(),
            field: z.string().max(200).optional(),
            includeInactive: booleanQuery.optional(),
          }),
          response: {
            200: z.object({
              data: z.array(procedureView),
              can: z.object({ create: z.boolean(), import: z.boolean() }),
            }),
            ...commonErrors,
          },
        },
      },
      async (request) => listProcedures(db, requireSession(request).actor, request.query),
    );

    app.get(
      "/api/procedures/:id",
      {
        schema: {
          tags: ["one-stop"],
          summary: "Chi tiết thủ tục",
          params: idParams,
          response: { 200: one, ...commonErrors },
        },
      },
      async (request) => getProcedure(db, requireSession(request).actor, request.params.id),
    );

    app.post(
      "/api/procedures",
      {
        config: { access: { actions: ["procedure.write"] } },
        schema: {
          tags: ["one-stop"],
          summary: "Thêm thủ tục vào danh mục",
          body: procedureBody,
          response: { 201: one, ...commonErrors },
        },
      },
      async (request, reply) => {
        const result = await createProcedure(db, requireSession(request).actor, request.body);
        return reply.status(201).send(result);
      },
    );

    app.patch(
      "/api/procedures/:id",
      {
        config: { access: { actions: ["procedure.write"] } },
        schema: {
          tags: ["one-stop"],
          summary: "Sửa thủ tục (mã đơn vị không đổi)",
          params: idParams,
          body: procedurePatchBody,
          response: { 200: one, ...commonErrors },
        },
      },
      async (request) =>
        updateProcedure(db, requireSession(request).actor, request.params.id, request.body),
    );

    app.post(
      "/api/procedures/import",
      {
        config: { access: { actions: ["procedure.write"], unit: "query.unitId" } },
        schema: {
          tags: ["one-stop"],
          summary:
            "Nhập danh mục thủ tục từ tệp CSV/XLSX (trường `file`; cột code, name, field, processing_days, fee_text, online_level, documents — thành phần hồ sơ)",
          consumes: ["multipart/form-data"],
          querystring: z.object({ unitId: z.uuid({ error: "Mã đơn vị không hợp lệ." }) }),
          response: {
            200: z.object({
              data: z.object({ created: z.number(), updated: z.number(), total: z.number() }),
            }),
            ...commonErrors,
          },
        },
      },
      async (request) => {
        const actor = requireSession(request).actor;
        const sheet = await readSpreadsheetUpload(request);
        return importProcedures(db, actor, request.query.unitId, sheet);
      },
    );

    app.get(
      "/api/one-stop/desk-settings/:id",
      {
        schema: {
          tags: ["one-stop"],
          summary:
            "Cấu hình Bộ phận Một cửa của đơn vị (giờ chốt, mã cơ quan, tên bộ phận tiếp nhận in trên biểu mẫu)",
          params: idParams,
          response: { 200: z.object({ data: deskSettingsView }), ...commonErrors },
        },
      },
      async (request) => getDeskSettings(db, requireSession(request).actor, request.params.id),
    );

    app.put(
      "/api/one-stop/desk-settings/:id",
      {
        config: { access: { actions: ["unit.write"], unit: "params.id" } },
        schema: {
          tags: ["one-stop"],
          summary: "Cập nhật cấu hình Bộ phận Một cửa (chỉ quản trị)",
          params: idParams,
          body: z.object({
            cutoff: z.string().max(10).default("15:00"),
            agencyCode: z.string().max(40).nullable(),
            receivingBody: z.string().max(120).nullable().optional(),
          }),
          response: { 200: z.object({ data: deskSettingsView }), ...commonErrors },
        },
      },
      async (request) =>
        updateDeskSettings(db, requireSession(request).actor, request.params.id, request.body),
    );

    app.get(
      "/api/one-stop/register-book/:id",
      {
        schema: {
          tags: ["one-stop"],
          summary:
            "Sổ theo dõi hồ sơ của đơn vị trong năm: quyển đang dùng và số thứ tự hồ sơ tiếp theo",
          params: idParams,
          querystring: registerBookQuery,
          response: { 200: z.object({ data: registerBookView }), ...commonErrors },
        },
      },
      async (request) =>
        getRegisterBook(db, requireSession(request).actor, request.params.id, request.query.year),
    );

    app.put(
      "/api/one-stop/register-book/:id",
      {
        config: { access: { actions: ["procedure.write"], unit: "params.id" } },
        schema: {
          tags: ["one-stop"],
          summary:
            "Đặt quyển số và số thứ tự tiếp theo của Sổ theo dõi hồ sơ (chỉ tiến, không lùi; năm nay hoặc năm sau)",
          params: idParams,
          body: registerBookStartBody,
          response: {
            200: z.object({ data: registerBookView }),
            ...commonErrors,
            409: commonErrors[400],
          },
        },
      },
      async (request) =>
        setRegisterBookStart(db, requireSession(request).actor, request.params.id, request.body),
    );
  };
}
