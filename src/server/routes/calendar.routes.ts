import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import type { Executor } from "../db/database.ts";
import { requireSession } from "../http/session.ts";
import {
  createSchedule,
  holidaysOfYear,
  listSchedules,
  type ScheduleInput,
} from "../services/calendar.service.ts";
import { commonErrors, isoDate } from "./common.schemas.ts";
import { scheduleView } from "./one-stop.schemas.ts";

const scheduleBody = z.object({
  year: z.number().int(),
  effectiveFrom: isoDate,
  source: z.string(),
  tetDaysBeforeNewYear: z.number().int().optional(),
  nationalDaySecondDay: z.enum(["before", "after"]).optional(),
  entries: z.array(
    z.object({
      kind: z.enum(["official", "makeup_workday", "no_substitute"]),
      date: isoDate,
      name: z.string().optional(),
    }),
  ),
});

/** Whether the KPIs' processing days are being recomputed after a schedule change. */
const kpiRecompute = z.object({
  state: z.enum(["none", "pending", "running", "done"]),
  message: z.string(),
  startedAt: z.string().nullable(),
  finishedAt: z.string().nullable(),
});

export function calendarRoutes(db: Executor): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      "/api/calendar/schedules",
      {
        schema: {
          tags: ["calendar"],
          summary: "Lịch nghỉ chính thức theo năm (đã nhập và mặc định)",
          response: {
            200: z.object({
              data: z.array(scheduleView),
              can: z.object({ create: z.boolean() }),
              kpiRecompute,
            }),
            ...commonErrors,
          },
        },
      },
      async (request) => listSchedules(db, requireSession(request).actor),
    );

    app.post(
      "/api/calendar/schedules",
      {
        config: { access: { actions: ["calendar.write"] } },
        schema: {
          tags: ["calendar"],
          summary: "Nhập một phiên bản mới của lịch nghỉ chính thức một năm (chỉ quản trị)",
          body: scheduleBody,
          response: { 201: z.object({ data: scheduleView, kpiRecompute }), ...commonErrors },
        },
      },
      async (request, reply) => {
        const result = await createSchedule(
          db,
          requireSession(request).actor,
          request.body as ScheduleInput,
        );
        return reply.status(201).send(result);
      },
    );

    app.get(
      "/api/calendar/holidays",
      {
        schema: {
          tags: ["calendar"],
          summary: "Ngày nghỉ lễ, nghỉ bù, nghỉ theo lịch chính thức và ngày làm bù của một năm",
          querystring: z.object({
            year: z.coerce
              .number({ error: "Năm không hợp lệ." })
              .int({ error: "Năm không hợp lệ." }),
          }),
          response: {
            200: z.object({
              data: z.object({
                year: z.number(),
                schedule: z
                  .object({
                    origin: z.enum(["stored", "seed"]),
                    version: z.number(),
                    source: z.string(),
                  })
                  .nullable(),
                holidays: z.array(
                  z.object({
                    date: z.string(),
                    name: z.string(),
                    kind: z.string(),
                    lunar: z.string().nullable(),
                    /** official: placed by the year's schedule; rule: by CCHC's rule (none yet). */
                    basis: z.enum(["official", "rule"]).nullable(),
                  }),
                ),
              }),
            }),
            ...commonErrors,
          },
        },
      },
      async (request) => {
        requireSession(request);
        return holidaysOfYear(db, request.query.year);
      },
    );
  };
}
