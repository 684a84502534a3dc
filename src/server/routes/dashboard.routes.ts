import { attachment, fileAnswer, XLSX } from "../http/download.ts";
import { requireSession } from "../http/session.ts";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { maskPersonalValue, PERSONAL_DATA_KINDS } from "../../core/personal-data/index.ts";
import type { Executor } from "../db/database.ts";
import { tableWorkbook } from "../documents/table-xlsx.ts";
import { dueSoonDossiers, serviceIndexByUnit } from "../services/dashboard.service.ts";
import { commonErrors, isoDate } from "./common.schemas.ts";
import { kpiDossierView, kpiQuery, periodView } from "./kpi.schemas.ts";

const readAccess = {
  access: { actions: ["dossier.read"] as const, unit: "query.unitId" as const },
};

export const dueSoonQuery = z.object({
  unitId: z.uuid({ error: "Mã định danh không hợp lệ." }),
  date: isoDate,
  days: z.coerce.number().int().min(0).max(30).default(2),
  limit: z.coerce.number().int().min(1).max(500).default(50),
  offset: z.coerce.number().int().min(0).max(10_000_000).default(0),
});

const groupScoreView = z.object({
  code: z.string(),
  name: z.string(),
  points: z.number(),
  max: z.number(),
});
const unitScoreView = z.object({
  total: z.number(),
  scale: z.number(),
  band: z.object({ code: z.string(), label: z.string(), min: z.number() }).nullable(),
  groups: z.array(groupScoreView),
});
export const serviceIndexByUnitView = z.object({
  unit: z.object({ id: z.string(), code: z.string(), name: z.string() }),
  total: unitScoreView,
  rows: z.array(
    unitScoreView.extend({
      key: z.string().nullable(),
      code: z.string().nullable(),
      name: z.string(),
    }),
  ),
});

const cell = z.union([z.string().max(2000), z.number(), z.null()]);
export const tableExportBody = z.object({
  title: z.string().trim().min(1).max(300),
  /** Lines under the title: the unit, the period, notes. */
  subtitle: z.array(z.string().max(500)).max(10).default([]),
  fileName: z
    .string()
    .trim()
    .regex(/^[a-z0-9-]{1,80}$/, { error: "Tên tệp chỉ gồm chữ thường không dấu, số và dấu gạch." }),
  columns: z
    .array(
      z.object({
        header: z.string().trim().min(1).max(200),
        format: z.enum(["text", "integer", "decimal", "percent"]).default("text"),
        /** A column of citizens' personal data: its cells are always exported masked. */
        personal: z.enum(PERSONAL_DATA_KINDS).optional(),
      }),
    )
    .min(1)
    .max(50),
  rows: z.array(z.array(cell).max(50)).max(20_000),
});

/** Exports never carry citizens' personal data in full, whoever asks (see src/core/personal-data). */
function maskPersonalColumns(table: z.output<typeof tableExportBody>) {
  const kinds = table.columns.map((column) => column.personal);
  if (kinds.every((kind) => kind === undefined)) return table;
  return {
    ...table,
    rows: table.rows.map((row) =>
      row.map((value, i) => {
        const kind = kinds[i];
        return kind !== undefined && typeof value === "string"
          ? maskPersonalValue(kind, value)
          : value;
      }),
    ),
  };
}

/** What the dashboards need besides the KPI routes, and the Excel export of their tables. */
export function dashboardRoutes(db: Executor): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      "/api/kpi/due-soon",
      {
        config: readAccess,
        schema: {
          tags: ["kpi"],
          summary:
            "Hồ sơ sắp đến hạn: chưa giải quyết xong, không chờ bổ sung, hạn từ ngày `date` đến `days` ngày làm việc sau đó",
          querystring: dueSoonQuery,
          response: {
            200: z.object({
              data: z.array(kpiDossierView),
              total: z.number(),
              date: z.string(),
              until: z.string(),
            }),
            ...commonErrors,
          },
        },
      },
      async (request) => dueSoonDossiers(db, requireSession(request).actor, request.query),
    );

    app.get(
      "/api/kpi/service-index-766/units",
      {
        config: readAccess,
        schema: {
          tags: ["kpi"],
          summary:
            "Chỉ số phục vụ người dân, doanh nghiệp (QĐ 766) của từng đơn vị trực thuộc và của đơn vị, cạnh nhau",
          querystring: kpiQuery.omit({ procedureId: true, field: true, agencyId: true }),
          response: {
            200: z.object({ data: serviceIndexByUnitView, period: periodView }),
            ...commonErrors,
          },
        },
      },
      async (request) => {
        const q = request.query;
        return serviceIndexByUnit(db, {
          unitId: q.unitId,
          period: {
            kind: q.period,
            year: q.year,
            number: q.number,
            from: q.from,
            to: q.to,
          },
        });
      },
    );

    app.post(
      "/api/exports/table.xlsx",
      {
        bodyLimit: 8 * 1024 * 1024,
        schema: {
          tags: ["exports"],
          summary:
            "Xuất một bảng đang xem (tiêu đề, cột, dòng) ra tệp Excel: số giữ nguyên là số, chữ không bao giờ thành công thức",
          body: tableExportBody,
          response: { ...fileAnswer(XLSX, "Tệp Excel"), ...commonErrors },
        },
      },
      async (request, reply) => {
        const buffer = await tableWorkbook(maskPersonalColumns(request.body));
        return reply
          .header("content-type", XLSX)
          .header("content-disposition", attachment(`${request.body.fileName}.xlsx`))
          .send(buffer);
      },
    );
  };
}
