import { PERSONAL_DATA_VIEWS } from "../../core/personal-data/index.ts";
import { z } from "zod";
import { DOSSIER_SETS, KPI_CODES, KPI_COUNT_KEYS, PERIOD_KINDS } from "../../core/kpi/index.ts";
import { isoDate } from "./common.schemas.ts";

/** The period and filters every KPI route takes in its query string. */
export const kpiQuery = z.object({
  unitId: z.uuid({ error: "Mã định danh không hợp lệ." }),
  period: z.enum(PERIOD_KINDS).default("quarter"),
  year: z.coerce.number().int().min(1900).max(2100).optional(),
  number: z.coerce.number().int().min(1).max(12).optional(),
  from: isoDate.optional(),
  to: isoDate.optional(),
  procedureId: z.uuid().optional(),
  field: z.string().trim().min(1).max(200).optional(),
  agencyId: z.uuid().optional(),
});

export const periodView = z.object({
  kind: z.string(),
  from: z.string(),
  to: z.string(),
  label: z.string(),
});

const rateView = z.object({
  numerator: z.number(),
  denominator: z.number(),
  percent: z.number().nullable(),
  text: z.string(),
});

const countsView = z.object({
  ...Object.fromEntries(KPI_COUNT_KEYS.map((key) => [key, z.number()])),
  toProcess: z.number(),
  lateOrOverdue: z.number(),
  lateWithoutApology: z.number(),
});

export const figuresView = z.object({
  counts: countsView,
  rates: z.object(Object.fromEntries(KPI_CODES.map((code) => [code, rateView]))),
  averageProcessingDays: z.object({
    sum: z.number(),
    count: z.number(),
    value: z.number().nullable(),
    text: z.string(),
  }),
});

export const metricInputsView = z.record(
  z.string(),
  z.object({ numerator: z.number(), denominator: z.number() }),
);

export const kpiReportView = z.object({
  unit: z.object({ id: z.string(), code: z.string(), name: z.string() }),
  period: periodView.extend({ fromText: z.string(), toText: z.string() }),
  groupBy: z.string(),
  total: figuresView,
  rows: z.array(
    figuresView.extend({
      key: z.string().nullable(),
      code: z.string().nullable(),
      name: z.string(),
    }),
  ),
  metricInputs: metricInputsView,
  notMeasured: z.record(z.string(), z.string()),
  notes: z.array(z.string()),
});

export const kpiDossierView = z.object({
  id: z.string(),
  code: z.string(),
  unitId: z.string(),
  unitName: z.string(),
  procedureCode: z.string(),
  procedureName: z.string(),
  field: z.string(),
  channel: z.string(),
  applicantName: z.string(),
  /** "masked" outside the dossier's own unit desk (see src/core/personal-data). */
  personalData: z.enum(PERSONAL_DATA_VIEWS),
  receivedAt: z.string(),
  dueDate: z.string(),
  finishedAt: z.string().nullable(),
  state: z.string(),
  timeliness: z.string().nullable(),
});

export const kpiGroupBy = z.enum(["none", "unit", "agency", "procedure", "field"]);
export const dossierSet = z.enum(DOSSIER_SETS);
