import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import type { Executor } from "../db/database.ts";
import { requireSession } from "../http/session.ts";
import {
  kpiCatalogue,
  kpiDossiers,
  kpiReport,
  kpiTrend,
  metricInputsFor,
  resolvePeriod,
} from "../services/kpi.service.ts";
import { serviceIndex766 } from "../services/service-index.service.ts";
import { methodologyScoreView } from "./methodology.schemas.ts";
import { commonErrors } from "./common.schemas.ts";
import {
  dossierSet,
  figuresView,
  kpiDossierView,
  kpiGroupBy,
  kpiQuery,
  kpiReportView,
  metricInputsView,
  periodView,
} from "./kpi.schemas.ts";

/** Reading a unit's KPIs needs `dossier.read` on it (its dossiers are what they count). */
const readAccess = {
  access: { actions: ["dossier.read"] as const, unit: "query.unitId" as const },
};

type Query = z.infer<typeof kpiQuery>;
const periodRequest = (q: Query) => ({
  kind: q.period,
  year: q.year,
  number: q.number,
  from: q.from,
  to: q.to,
});
const filters = (q: Query) => ({
  procedureId: q.procedureId,
  field: q.field,
  agencyId: q.agencyId,
});

/** Live one-stop KPIs: a unit's figures, side by side, month by month, and the dossiers behind them. */
export function kpiRoutes(db: Executor): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      "/api/kpi/catalogue",
      {
        schema: {
          tags: ["kpi"],
          summary: "Danh mục chỉ số: tên, tử số, mẫu số và tập hồ sơ tương ứng",
          response: {
            200: z.object({
              data: z.array(
                z.object({
                  code: z.string(),
                  name: z.string(),
                  numerator: z.string(),
                  denominator: z.string(),
                  numeratorSet: z.string().nullable(),
                  denominatorSet: z.string().nullable(),
                }),
              ),
            }),
            ...commonErrors,
          },
        },
      },
      async () => ({ data: kpiCatalogue() }),
    );

    app.get(
      "/api/kpi",
      {
        config: readAccess,
        schema: {
          tags: ["kpi"],
          summary:
            "Chỉ số Một cửa của đơn vị trong kỳ, tổng và theo đơn vị/cơ quan/thủ tục/lĩnh vực",
          querystring: kpiQuery.extend({ groupBy: kpiGroupBy.default("none") }),
          response: { 200: z.object({ data: kpiReportView }), ...commonErrors },
        },
      },
      async (request) => {
        const q = request.query;
        return {
          data: await kpiReport(db, {
            unitId: q.unitId,
            period: periodRequest(q),
            groupBy: q.groupBy,
            ...filters(q),
          }),
        };
      },
    );

    app.get(
      "/api/kpi/trend",
      {
        config: readAccess,
        schema: {
          tags: ["kpi"],
          summary: "Chỉ số Một cửa theo từng tháng của kỳ (tối đa 36 tháng)",
          querystring: kpiQuery,
          response: {
            200: z.object({
              data: z.object({
                period: periodView,
                months: z.array(figuresView.extend({ period: periodView })),
              }),
            }),
            ...commonErrors,
          },
        },
      },
      async (request) => ({
        data: await kpiTrend(db, {
          unitId: request.query.unitId,
          period: periodRequest(request.query),
          ...filters(request.query),
        }),
      }),
    );

    app.get(
      "/api/kpi/dossiers",
      {
        config: readAccess,
        schema: {
          tags: ["kpi"],
          summary: "Danh sách hồ sơ đứng sau một số liệu (tử số hoặc mẫu số), phân trang",
          querystring: kpiQuery.extend({
            set: dossierSet,
            limit: z.coerce.number().int().min(1).max(500).default(50),
            offset: z.coerce.number().int().min(0).max(10_000_000).default(0),
          }),
          response: {
            200: z.object({ data: z.array(kpiDossierView), total: z.number(), period: periodView }),
            ...commonErrors,
          },
        },
      },
      async (request) => {
        const q = request.query;
        return kpiDossiers(db, requireSession(request).actor, {
          unitId: q.unitId,
          period: periodRequest(q),
          set: q.set,
          limit: q.limit,
          offset: q.offset,
          ...filters(q),
        });
      },
    );

    app.get(
      "/api/kpi/metric-inputs",
      {
        config: readAccess,
        schema: {
          tags: ["kpi"],
          summary: "Tử số, mẫu số theo mã chỉ tiêu của Cổng DVCQG (đầu vào chấm điểm QĐ 766)",
          querystring: kpiQuery.omit({ procedureId: true, field: true, agencyId: true }),
          response: {
            200: z.object({ data: metricInputsView, period: periodView }),
            ...commonErrors,
          },
        },
      },
      async (request) => {
        const period = resolvePeriod(periodRequest(request.query));
        return {
          data: await metricInputsFor(db, request.query.unitId, period),
          period,
        };
      },
    );

    app.get(
      "/api/kpi/service-index-766",
      {
        config: readAccess,
        schema: {
          tags: ["kpi"],
          summary:
            "Chỉ số phục vụ người dân, doanh nghiệp (QĐ 766) từ số liệu thực: điểm từng nhóm, từng chỉ tiêu kèm giải thích",
          querystring: kpiQuery.omit({ procedureId: true, field: true, agencyId: true }),
          response: {
            200: z.object({
              data: z.object({
                score: methodologyScoreView,
                notMeasured: z.array(z.object({ code: z.string(), reason: z.string() })),
              }),
              period: periodView,
            }),
            ...commonErrors,
          },
        },
      },
      async (request) => {
        const period = resolvePeriod(periodRequest(request.query));
        return { data: await serviceIndex766(db, request.query.unitId, period), period };
      },
    );
  };
}
