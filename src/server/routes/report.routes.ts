import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { vietnamDate } from "../../core/time/vietnam-time.ts";
import type { Executor } from "../db/database.ts";
import { requireSession } from "../http/session.ts";
import {
  createReportKind,
  listReportKinds,
  reportCalendar,
} from "../services/report-calendar.service.ts";
import { commonErrors } from "./common.schemas.ts";
import {
  calendarEntryView,
  calendarQuery,
  instanceView,
  kindInput,
  kindListQuery,
  kindView,
  unitQuery,
} from "./report.schemas.ts";

/** Periodic reports up the hierarchy: the reporting calendar. */
export function reportRoutes(db: Executor): FastifyPluginAsyncZod {
  return async (app) => {
    const tags = ["reports"];
    app.get(
      "/api/report-kinds",
      {
        schema: {
          tags,
          summary: "Các loại báo cáo định kỳ một đơn vị cấp trên đặt ra, với hạn nộp trong năm",
          querystring: kindListQuery,
          response: {
            200: z.object({
              data: z.array(kindView.extend({ instances: z.array(instanceView) })),
              can: z.object({ define: z.boolean() }),
            }),
            ...commonErrors,
          },
        },
      },
      async (request) =>
        listReportKinds(
          db,
          requireSession(request).actor,
          request.query.unitId,
          request.query.year,
        ),
    );
    app.post(
      "/api/report-kinds",
      {
        config: { access: { actions: ["report.define"], unit: "query.unitId" } },
        schema: {
          tags,
          summary:
            'Đơn vị cấp trên đặt một loại báo cáo (quý, 6 tháng, năm, đột xuất) với hạn nộp viết như văn bản ("trước ngày 15 tháng cuối quý") và ban hành cho các đơn vị trực thuộc',
          querystring: unitQuery,
          body: kindInput,
          response: { 201: z.object({ data: kindView }), ...commonErrors },
        },
      },
      async (request, reply) =>
        reply
          .status(201)
          .send(
            await createReportKind(
              db,
              requireSession(request).actor,
              request.query.unitId,
              request.body,
            ),
          ),
    );
    app.get(
      "/api/reports/calendar",
      {
        schema: {
          tags,
          summary:
            "Các báo cáo một đơn vị phải nộp trong năm, hạn nộp và tình trạng vào một ngày (mặc định hôm nay)",
          querystring: calendarQuery,
          response: {
            200: z.object({
              data: z.array(calendarEntryView),
              can: z.object({ write: z.boolean() }),
            }),
            ...commonErrors,
          },
        },
      },
      async (request) =>
        reportCalendar(
          db,
          requireSession(request).actor,
          request.query.unitId,
          request.query.year,
          request.query.on ?? vietnamDate(new Date()),
        ),
    );
  };
}
