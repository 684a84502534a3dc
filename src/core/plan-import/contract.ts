/**
 * The JSON contract of an imported plan (`cchc import-plan FILE --json`). Other tools read it:
 * change it only additively.
 */
import { z } from "zod";
import { REPORT_KINDS } from "../plan/report-schedule.ts";
import { AREA_KEYS, type AreaKey } from "../plan/plan-area.ts";
import { TARGET_COMPARATORS, TARGET_METRICS, TARGET_UNITS } from "../plan/target-metric.ts";

export { AREA_KEYS, type AreaKey };

export const areaKeySchema = z.enum(AREA_KEYS);

const nullableText = z.string().nullable();

export const signerSchema = z.object({ name: nullableText, title: nullableText });

export const importedDocumentSchema = z.object({
  kind: z.enum(["plan", "decision_with_plan"]),
  number: nullableText,
  issuer: nullableText,
  place: nullableText,
  /** ISO date; `YYYY-MM` or `YYYY` when the day (and month) is left blank. */
  date: z
    .string()
    .regex(/^\d{4}(-\d{2}(-\d{2})?)?$/)
    .nullable(),
  title: nullableText,
  signer: signerSchema.nullable(),
  /** Title of the attached plan when the document is a decision issuing a plan. */
  planTitle: nullableText.optional(),
});

export const basisSchema = z.object({
  type: nullableText,
  number: nullableText,
  date: z
    .string()
    .regex(/^\d{4}(-\d{2}(-\d{2})?)?$/)
    .nullable(),
  issuer: nullableText,
  text: z.string(),
  line: z.number().int().optional(),
});

export const targetComparatorSchema = z.enum(TARGET_COMPARATORS);
export const targetUnitSchema = z.enum(TARGET_UNITS);

export const targetSchema = z.object({
  text: z.string(),
  metric: z.enum(TARGET_METRICS).nullable(),
  comparator: targetComparatorSchema,
  value: z.union([z.number(), z.tuple([z.number(), z.number()])]),
  unit: targetUnitSchema,
  /** Area key when the target stands inside an area (task body, per-area score); else null. */
  scope: nullableText,
  line: z.number().int().optional(),
});

export const areaSchema = z.object({
  key: areaKeySchema.nullable(),
  heading: z.string(),
  targetScore: z.object({ target: z.number(), max: z.number().nullable() }).nullable(),
  tasks: z.array(z.object({ text: z.string(), line: z.number().int().optional() })),
});

export const taskRowTypeSchema = z.enum(["section", "group", "task", "subtask"]);

export const importedTaskSchema = z.object({
  ref: nullableText,
  parentRef: nullableText,
  rowType: taskRowTypeSchema,
  area: areaKeySchema.nullable(),
  text: z.string(),
  targetText: nullableText,
  lead: nullableText,
  support: nullableText,
  monitor: nullableText,
  timeline: nullableText,
  deliverable: nullableText,
  line: z.number().int().optional(),
});

export const criterionSchema = z.object({
  ref: nullableText,
  parentRef: nullableText,
  text: z.string(),
  maxPoints: z.number().nullable(),
  selfScore: z.number().nullable(),
  evidence: nullableText,
  line: z.number().int().optional(),
});

export const dutySchema = z.object({
  agency: nullableText,
  duties: z.array(z.string()),
  line: z.number().int().optional(),
});

export const importWarningSchema = z.object({
  code: z.string(),
  message: z.string(),
  line: z.number().int().nullable(),
  /** "error" when something that should have produced data produced none (an empty table). */
  level: z.enum(["error", "warning"]).optional(),
});

/** A source paragraph or table row the importer did not place anywhere, shown for review. */
export const unplacedSchema = z.object({
  line: z.number().int().nullable(),
  text: z.string(),
  /** The warning code that explains why (UNPLACED_TEXT, NARRATIVE_NOT_IMPORTED, CLOSING_TEXT…). */
  reason: z.string(),
});

export const reportDueRuleSchema = z.discriminatedUnion("rule", [
  z.object({ rule: z.literal("day_of_month"), day: z.number().int() }),
  z.object({ rule: z.literal("day_of_last_month_of_quarter"), day: z.number().int() }),
  z.object({ rule: z.literal("day_of_next_period"), day: z.number().int() }),
  z.object({ rule: z.literal("fixed_date"), day: z.number().int(), month: z.number().int() }),
]);

export const reportScheduleEntrySchema = z.object({
  kind: z.enum(REPORT_KINDS),
  due: reportDueRuleSchema.nullable(),
  text: z.string(),
  line: z.number().int().optional(),
});

export const planImportSchema = z.object({
  document: importedDocumentSchema,
  bases: z.array(basisSchema),
  targets: z.array(targetSchema),
  areas: z.array(areaSchema),
  tasks: z.array(importedTaskSchema),
  criteria: z.array(criterionSchema),
  duties: z.array(dutySchema),
  warnings: z.array(importWarningSchema),
  /** Narrative of the "Mục đích, yêu cầu" section, kept so no text is lost. */
  purposes: z.array(z.object({ text: z.string(), line: z.number().int() })).optional(),
  /** "Nơi nhận" list. */
  recipients: z.array(z.string()).optional(),
  /** Every source paragraph or row not placed above, so nothing is dropped silently. */
  unplaced: z.array(unplacedSchema).optional(),
  /** The reporting schedule the plan sets ("báo cáo định kỳ hằng quý … trước ngày …"). */
  reportSchedule: z.array(reportScheduleEntrySchema).optional(),
});

export type PlanImport = z.infer<typeof planImportSchema>;
export type ImportedDocument = z.infer<typeof importedDocumentSchema>;
export type Basis = z.infer<typeof basisSchema>;
export type ImportedTarget = z.infer<typeof targetSchema>;
export type ImportedArea = z.infer<typeof areaSchema>;
export type ImportedTask = z.infer<typeof importedTaskSchema>;
export type Criterion = z.infer<typeof criterionSchema>;
export type Duty = z.infer<typeof dutySchema>;
export type ImportWarning = z.infer<typeof importWarningSchema>;
export type Unplaced = z.infer<typeof unplacedSchema>;
export type ImportedReportScheduleEntry = z.infer<typeof reportScheduleEntrySchema>;
