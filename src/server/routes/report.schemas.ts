import { z } from "zod";
import {
  HOLIDAY_SHIFTS,
  PERIOD_RULES,
  REPORT_KIND_STATUSES,
  REPORT_PERIOD_KINDS,
} from "../../core/report/report-calendar.ts";
import type { ReportFigures } from "../../core/report/report-figures.ts";
import {
  KEY_FIGURES,
  OVERVIEW_STATES,
  type KeyFigure,
} from "../../core/report/report-units-overview.ts";
import { REPORT_REVIEWS, REPORT_STATUSES } from "../../core/report/report-workflow.ts";
import { REPORT_KINDS } from "../../core/plan/report-schedule.ts";
import { SCHEDULE_SKIP_REASONS } from "../../core/report/report-kinds-from-schedule.ts";
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
  status: z.enum(REPORT_KIND_STATUSES),
  publishedAt: z.string().nullable(),
});

/** `POST /api/plans/:id/report-kinds`: the kinds created from the plan's schedule, and why others were not. */
export const kindsFromPlanView = z.object({
  created: z.array(kindView),
  skipped: z.array(
    z.object({
      kind: z.enum(REPORT_KINDS),
      source: z.string(),
      reason: z.enum(SCHEDULE_SKIP_REASONS),
      message: z.string(),
    }),
  ),
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

export const openInput = z.object({
  kindId: z.uuid({ error: "Mã định danh không hợp lệ." }),
  periodKey: z.string().min(1).max(40, { error: "Kỳ báo cáo không hợp lệ." }),
});

export const narrativeInput = z.object({
  results: z.string().max(20_000, { error: "Tối đa 20.000 ký tự." }).optional(),
  shortcomings: z.string().max(20_000, { error: "Tối đa 20.000 ký tự." }).optional(),
  nextTasks: z.string().max(20_000, { error: "Tối đa 20.000 ký tự." }).optional(),
  proposals: z.string().max(20_000, { error: "Tối đa 20.000 ký tự." }).optional(),
});

export const reviewInput = z.object({
  decision: z.enum(["accept", "return"], { error: "Quyết định không hợp lệ." }),
  comment: z.string().max(5000, { error: "Tối đa 5.000 ký tự." }).nullish(),
});

export const versionSummaryView = z.object({
  version: z.number(),
  submittedByName: z.string(),
  submittedAt: z.string(),
  review: z.enum(REPORT_REVIEWS),
  reviewComment: z.string().nullable(),
  reviewedByName: z.string().nullable(),
  reviewedAt: z.string().nullable(),
});

const ratioView = z.object({ numerator: z.number(), denominator: z.number() });
const bucketCounts = z.object({
  doneOnTime: z.number(),
  doneLate: z.number(),
  inProgress: z.number(),
  overdue: z.number(),
  total: z.number(),
});
const areaBuckets = bucketCounts.extend({ key: z.string(), heading: z.string() });

/** The figures as the core builds them (`ReportFigures`, src/core/report/report-figures.ts). */
export const figuresView = z.object({
  unit: z.object({ id: z.string(), name: z.string(), code: z.string() }),
  period: z.object({
    key: z.string(),
    label: z.string(),
    from: z.string(),
    to: z.string(),
    asOf: z.string(),
  }),
  tasks: z.object({
    available: z.boolean(),
    asOf: z.string(),
    areas: z.array(areaBuckets),
    total: bucketCounts,
    rule: z.string(),
  }),
  targets: z.object({
    available: z.boolean(),
    items: z.array(
      z.object({
        text: z.string(),
        metricLabel: z.string(),
        targetText: z.string().nullable(),
        measuredText: z.string().nullable(),
        stateLabel: z.string(),
      }),
    ),
  }),
  oneStop: z.object({
    available: z.boolean(),
    received: z.number(),
    carriedOver: z.number(),
    resolved: z.number(),
    onTime: ratioView,
    pendingAtEnd: z.number(),
    overdueAtEnd: z.number(),
    online: ratioView,
    apology: ratioView,
  }),
  feedback: z.object({
    available: z.boolean(),
    received: z.number(),
    onTime: ratioView,
    pending: z.number(),
    overdue: z.number(),
  }),
  satisfaction: z.object({
    available: z.boolean(),
    rate: ratioView,
    respondents: z.number(),
    isSmallSample: z.boolean(),
  }),
  serviceIndex766: z.object({
    available: z.boolean(),
    total: z.number().nullable(),
    scale: z.number(),
    band: z.string().nullable(),
  }),
  /** Absent from versions frozen before the PAR self-score joined the figures. */
  par: z
    .object({
      available: z.boolean(),
      year: z.number(),
      status: z.string().nullable(),
      statusLabel: z.string().nullable(),
      methodologyName: z.string().nullable(),
      scale: z.number().nullable(),
      selfTotal: z.number().nullable(),
      selfIndex: z.number().nullable(),
      selfBand: z.string().nullable(),
      appraisedTotal: z.number().nullable(),
      areas: z.array(
        z.object({
          code: z.string(),
          name: z.string(),
          max: z.number(),
          selfPoints: z.number(),
          appraisedPoints: z.number().nullable(),
        }),
      ),
    })
    .optional(),
}) satisfies z.ZodType<ReportFigures>;

/** `GET /api/reports/rollup`: the upper level's sum of its units' submitted figures. */
export const rollupView = z.object({
  kindId: z.string(),
  kindName: z.string(),
  periodKey: z.string(),
  periodLabel: z.string(),
  dueDate: z.string(),
  preparedOn: z.string(),
  totals: z.object({
    tasks: z.object({ areas: z.array(areaBuckets), total: bucketCounts }),
    oneStop: z.object({
      units: z.number(),
      received: z.number(),
      carriedOver: z.number(),
      resolved: z.number(),
      onTime: ratioView,
      pendingAtEnd: z.number(),
      overdueAtEnd: z.number(),
      online: ratioView,
      apology: ratioView,
    }),
    feedback: z.object({
      units: z.number(),
      received: z.number(),
      onTime: ratioView,
      pending: z.number(),
      overdue: z.number(),
    }),
    satisfaction: z.object({ units: z.number(), rate: ratioView, respondents: z.number() }),
    par: z.object({ units: z.number(), withoutScorecard: z.number() }),
  }),
  units: z.array(
    z.object({
      unitId: z.string(),
      name: z.string(),
      version: z.number(),
      review: z.enum(["submitted", "accepted"]),
      figures: figuresView,
      reportId: z.string(),
    }),
  ),
  missing: z.array(z.object({ unitId: z.string(), name: z.string() })),
});

export const reportView = z.object({
  id: z.string(),
  kind: kindView,
  unit: z.object({ id: z.string(), name: z.string(), code: z.string() }),
  periodKey: z.string(),
  periodLabel: z.string(),
  periodFrom: z.string(),
  periodTo: z.string(),
  dueDate: z.string(),
  status: z.enum(REPORT_STATUSES),
  version: z.number(),
  live: z.boolean(),
  figures: figuresView,
  narrative: z.record(z.string(), z.string()),
  versions: z.array(versionSummaryView),
});

export const versionView = versionSummaryView.extend({
  figures: figuresView,
  narrative: z.record(z.string(), z.string()),
});

export const changesView = z.object({
  from: z.number(),
  to: z.number(),
  changes: z.array(
    z.object({ path: z.string(), label: z.string(), before: z.string(), after: z.string() }),
  ),
});

export const overviewRow = z.object({
  kindId: z.string(),
  kindName: z.string(),
  periodKey: z.string(),
  periodLabel: z.string(),
  dueDate: z.string(),
  unitId: z.string(),
  unitName: z.string(),
  reportId: z.string().nullable(),
  status: z.enum(REPORT_STATUSES).nullable(),
  version: z.number(),
  submittedOn: z.string().nullable(),
  late: z.boolean(),
  state: z.enum(["upcoming", "due_soon", "overdue", "submitted"]),
});

export const rollupQuery = unitQuery.extend({
  kindId: z.uuid({ error: "Mã định danh không hợp lệ." }),
  periodKey: z.string().min(4).max(20),
});

export const unitsOverviewQuery = rollupQuery.extend({ on: isoDate.optional() });

const figureCellView = z.object({
  ratio: ratioView.nullable(),
  value: z.number().nullable(),
  previous: z.number().nullable(),
  change: z.number().nullable(),
  trend: z.enum(["up", "down", "same"]).nullable(),
});

/** `GET /api/reports/overview/units`: the leader's overview of the units for a kind and period. */
export const unitsOverviewView = z.object({
  kindId: z.string(),
  kindName: z.string(),
  periodKey: z.string(),
  periodLabel: z.string(),
  dueDate: z.string(),
  /** The period's first and last day: the range the figures' links open. */
  periodFrom: z.string(),
  periodTo: z.string(),
  previousPeriod: z.object({ key: z.string(), label: z.string() }).nullable(),
  on: z.string(),
  rows: z.array(
    z.object({
      unitId: z.string(),
      name: z.string(),
      state: z.enum(OVERVIEW_STATES),
      late: z.boolean(),
      version: z.number(),
      reportId: z.string().nullable(),
      submittedOn: z.string().nullable(),
      figuresAsOf: z.string().nullable(),
      figures: z.object(
        Object.fromEntries(KEY_FIGURES.map((k) => [k, figureCellView])) as Record<
          KeyFigure,
          typeof figureCellView
        >,
      ),
    }),
  ),
});
