import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { COMMUNE_KINDS, UNIT_LEVELS } from "../../core/organization/unit-rules.ts";
import type { Executor } from "../db/database.ts";
import { readSpreadsheetUpload } from "../documents/spreadsheet.ts";
import { requireSession } from "../http/session.ts";
import {
  createUnit,
  getUnit,
  importUnits,
  listUnits,
  updateUnit,
} from "../services/unit.service.ts";
import { booleanQuery, commonErrors, idParams, isoDate, nonEmptyText } from "./common.schemas.ts";
import { unitView } from "./organization.schemas.ts";

export const unitDetail = unitView.extend({ agencyCount: z.number(), childCount: z.number() });
export const unitListCan = z.object({ create: z.boolean(), import: z.boolean() });
export const unitDetailCan = z.object({ update: z.boolean(), createAgency: z.boolean() });
export const unitImportResult = z.object({
  created: z.number(),
  updated: z.number(),
  total: z.number(),
});
const one = z.object({ data: unitView });

export const unitBody = z.object({
  code: nonEmptyText(50),
  name: nonEmptyText(200),
  level: z.enum(UNIT_LEVELS, { error: "Cấp đơn vị phải là province, district hoặc commune." }),
  kind: z.enum(COMMUNE_KINDS).nullish(),
  parentId: z.uuid().nullish(),
  validFrom: isoDate.nullish(),
  validTo: isoDate.nullish(),
  mergedIntoId: z.uuid().nullish(),
});

export function unitRoutes(db: Executor): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      "/api/units",
      {
        schema: {
          tags: ["units"],
          summary: "Danh sách đơn vị hành chính được phép xem",
          querystring: z.object({
            q: z.string().max(200).optional(),
            level: z.enum(UNIT_LEVELS).optional(),
            includeInactive: booleanQuery.optional(),
          }),
          response: {
            200: z.object({
              data: z.array(unitView),
              can: unitListCan,
            }),
            ...commonErrors,
          },
        },
      },
      async (request) => listUnits(db, requireSession(request).actor, request.query),
    );

    app.get(
      "/api/units/:id",
      {
        schema: {
          tags: ["units"],
          summary: "Chi tiết đơn vị",
          params: idParams,
          response: {
            200: z.object({
              data: unitDetail,
              can: unitDetailCan,
            }),
            ...commonErrors,
          },
        },
      },
      async (request) => getUnit(db, requireSession(request).actor, request.params.id),
    );

    app.post(
      "/api/units",
      {
        config: { access: { actions: ["unit.write"] } },
        schema: {
          tags: ["units"],
          summary: "Tạo đơn vị",
          body: unitBody,
          response: { 201: one, ...commonErrors },
        },
      },
      async (request, reply) => {
        const result = await createUnit(db, requireSession(request).actor, request.body);
        return reply.status(201).send(result);
      },
    );

    app.patch(
      "/api/units/:id",
      {
        config: { access: { actions: ["unit.write"] } },
        schema: {
          tags: ["units"],
          summary: "Sửa đơn vị",
          params: idParams,
          body: unitBody.partial(),
          response: { 200: one, ...commonErrors },
        },
      },
      async (request) =>
        updateUnit(db, requireSession(request).actor, request.params.id, request.body),
    );

    app.post(
      "/api/units/import",
      {
        config: { access: { actions: ["unit.write"] } },
        schema: {
          tags: ["units"],
          summary:
            "Nhập danh sách đơn vị từ tệp CSV/XLSX (trường `file`; cột code, name, level, parent_code)",
          consumes: ["multipart/form-data"],
          response: {
            200: z.object({ data: unitImportResult }),
            ...commonErrors,
          },
        },
      },
      async (request) => {
        const actor = requireSession(request).actor;
        const sheet = await readSpreadsheetUpload(request);
        return importUnits(db, actor, sheet);
      },
    );
  };
}
