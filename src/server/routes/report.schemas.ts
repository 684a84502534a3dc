import { z } from "zod";
import {
  HOLIDAY_SHIFTS,
  PERIOD_RULES,
  REPORT_PERIOD_KINDS,
} from "../../core/report/report-calendar.ts";
import { REPORT_STATUSES } from "../../core/report/report-workflow.ts";
import { isoDate, nonEmptyText } from "./common.schemas.ts";

export const unitQuery = z.object({ unitId: z.uuid({ error: "Mã định danh không hợp lệ." }) });

const year = z.coerce
  .number({ error: "Năm không hợp lệ." })
  .int({ error: "Năm không hợp lệ." })
  .min(2000, { error: "Năm không hợp lệ." })
  .max(2100, { error: "Năm không hợp lệ." });

export const kindListQuery = unitQuery.extend({ year });
export const calendarQuery = unitQuery.extend({ year, on: isoDate.optional() });

export const kindInput = z.object({
  name: nonEmptyText(300),
  periodKind: z.enum(REPORT_PERIOD_KINDS, { error: "Loại kỳ báo cáo không hợp lệ." }),
  dueText: z.string().max(300, { error: "Tối đa 300 ký tự." }).nullish(),
  holidayShift: z.enum(HOLIDAY_SHIFTS, { error: "Cách dời hạn không hợp lệ." }).optional(),
  periodRule: z.enum(PERIOD_RULES, { error: "Cách tính kỳ không hợp lệ." }).optional(),
  adHoc: z.object({ from: isoDate, to: isoDate, dueDate: isoDate }).nullish(),
  remindDaysBefore: z
    .number({ error: "Số ngày nhắc không hợp lệ." })
    .int({ error: "Số ngày nhắc không hợp lệ." })
    .min(0, { error: "Số ngày nhắc không hợp lệ." })
    .max(60, { error: "Nhắc trước tối đa 60 ngày." })
    .optional(),
  publish: z.boolean().optional(),
});

export const kindView = z.object({
  id: z.string(),
  unitId: z.string(),
  name: z.string(),
  periodKind: z.enum(REPORT_PERIOD_KINDS),
  dueText: z.string().nullable(),
  holidayShift: z.enum(HOLIDAY_SHIFTS),
  periodRule: z.enum(PERIOD_RULES),
  adHoc: z.object({ from: z.string(), to: z.string(), dueDate: z.string() }).nullable(),
  remindDaysBefore: z.number(),
  status: z.enum(["draft", "published"]),
  publishedAt: z.string().nullable(),
});

export const instanceView = z.object({
  periodKey: z.string(),
  periodLabel: z.string(),
  from: z.string(),
  to: z.string(),
  namedDate: z.string(),
  dueDate: z.string(),
});

export const calendarEntryView = instanceView.extend({
  kind: kindView,
  state: z.enum(["upcoming", "due_soon", "overdue", "submitted"]),
  report: z
    .object({ id: z.string(), status: z.enum(REPORT_STATUSES), version: z.number() })
    .nullable(),
});
