import { z } from "zod";
import {
  MAX_CRITERION_POINTS,
  METHODOLOGY_KINDS,
  METHODOLOGY_STATUSES,
  RULE_TYPES,
  ZERO_DENOMINATOR_POLICIES,
} from "../../core/methodology/index.ts";
import { UNIT_LEVELS } from "../../core/organization/unit-rules.ts";
import { nonEmptyText } from "./common.schemas.ts";

/**
 * One row of a criteria table, as the plan import extracts it (`extracted.criteria`, with
 * `evidence` renamed `evidenceHint`). TT, text and points are checked by the domain core, which
 * names the row in its Vietnamese messages.
 */
export const criterionRowInput = z.object({
  ref: z.string().max(50, { error: "TT tối đa 50 ký tự." }).nullable(),
  parentRef: z.string().max(50).nullish(),
  text: z.string().max(4000, { error: "Nội dung tiêu chí tối đa 4.000 ký tự." }),
  maxPoints: z
    .number({ error: "Điểm tối đa phải là số." })
    .finite()
    .max(MAX_CRITERION_POINTS)
    .nullable(),
  evidenceHint: z.string().max(2000).nullish(),
});

export const createMethodologyInput = z.object({
  unitId: z.uuid({ error: "Vui lòng chọn đơn vị." }),
  name: nonEmptyText(500),
  year: z
    .number({ error: "Năm phải là số." })
    .int({ error: "Năm phải là số nguyên." })
    .min(2000, { error: "Năm phải từ 2000 đến 2100." })
    .max(2100, { error: "Năm phải từ 2000 đến 2100." }),
  level: z.enum(UNIT_LEVELS).optional(),
  sourceFilename: z.string().max(300).nullish(),
  criteria: z
    .array(criterionRowInput)
    .min(1, { error: "Bảng tiêu chí không có dòng nào." })
    .max(2000, { error: "Bảng tiêu chí tối đa 2.000 dòng." }),
});

export const methodologyIssueView = z.object({
  code: z.string(),
  message: z.string(),
  row: z.number().nullable(),
  ref: z.string().nullable(),
});

export const methodologySummaryView = z.object({
  id: z.string(),
  unitId: z.string(),
  unitName: z.string(),
  kind: z.enum(METHODOLOGY_KINDS),
  kindLabel: z.string(),
  name: z.string(),
  year: z.number(),
  level: z.enum(UNIT_LEVELS),
  status: z.enum(METHODOLOGY_STATUSES),
  statusLabel: z.string(),
  sourceFilename: z.string().nullable(),
  createdByName: z.string().nullable(),
  createdAt: z.string(),
  criteriaCount: z.number(),
  totalMaxPoints: z.number(),
  code: z.string().nullable().describe("scoring document's code; null for a criteria-table draft"),
  version: z.string().nullable(),
  effectiveFrom: z.string().nullable().describe("YYYY-MM-DD"),
  effectiveTo: z.string().nullable().describe("YYYY-MM-DD; open-ended when null"),
  hasDocument: z.boolean().describe("carries rules per leaf: exportable and scorable"),
});

export const methodologyCriterionView = z.object({
  id: z.string(),
  parentId: z.string().nullable(),
  ref: z.string(),
  text: z.string(),
  depth: z.number().describe("1 lĩnh vực, 2 tiêu chí, 3 tiêu chí thành phần"),
  levelLabel: z.string(),
  maxPoints: z.number().nullable(),
  effectiveMaxPoints: z.number().nullable().describe("own maximum, else the children's sum"),
  childrenMaxPoints: z.number().nullable(),
  evidenceHint: z.string().nullable(),
});

export const methodologyDetailView = methodologySummaryView.extend({
  criteria: z.array(methodologyCriterionView).describe("table order; the tree by parentId"),
  warnings: z.array(methodologyIssueView),
});

export const methodologyCreatedView = z.object({
  id: z.string(),
  criteriaCount: z.number(),
  totalMaxPoints: z.number(),
  warnings: z.array(methodologyIssueView),
});

export const methodologyListCan = z.object({ create: z.boolean() });

export const importMethodologyDocumentInput = z.object({
  unitId: z.uuid({ error: "Vui lòng chọn đơn vị." }),
  level: z.enum(UNIT_LEVELS).optional(),
  sourceFilename: z.string().max(300).nullish(),
  document: z
    .unknown()
    .describe(
      "methodology document (see src/core/methodology/documents/service-index-766.json); checked by the domain core, errors under details[].path `document.…`",
    ),
});

export const methodologyImportedView = z.object({
  id: z.string(),
  code: z.string(),
  version: z.string(),
  criteriaCount: z.number(),
  totalMaxPoints: z.number(),
});

export const scoreMethodologyInput = z.object({
  indicators: z
    .unknown()
    .describe(
      "figures by metric code: {numerator, denominator} or {value, source} (value: a rate in percent, or the points of a manual/bonus/penalty leaf)",
    ),
});

interface ScoredNodeShape {
  code: string;
  name: string;
  kind: "group" | "leaf";
  rule: (typeof RULE_TYPES)[number] | null;
  metric: string | null;
  points: number;
  max: number;
  declaredMax: number;
  ratio: number | null;
  numerator: number | null;
  denominator: number | null;
  basis: "data" | "manual" | "policy" | "children";
  policy: (typeof ZERO_DENOMINATOR_POLICIES)[number] | null;
  policyReason: "missing" | "zero_denominator" | null;
  manual: { value: number; source: string } | null;
  level: string | null;
  applicable: boolean;
  explanation: string;
  children: ScoredNodeShape[];
}

const scoredNodeView: z.ZodType<ScoredNodeShape> = z.object({
  code: z.string(),
  name: z.string(),
  kind: z.enum(["group", "leaf"]),
  rule: z.enum(RULE_TYPES).nullable(),
  metric: z.string().nullable(),
  points: z.number().describe("rounded to two decimals; a penalty is negative"),
  max: z.number().describe("scored against: declared plus split shares; 0 when left out"),
  declaredMax: z.number(),
  ratio: z.number().nullable().describe("0–1"),
  numerator: z.number().nullable(),
  denominator: z.number().nullable(),
  basis: z.enum(["data", "manual", "policy", "children"]),
  policy: z.enum(ZERO_DENOMINATOR_POLICIES).nullable().describe("the policy that applied"),
  policyReason: z.enum(["missing", "zero_denominator"]).nullable(),
  manual: z.object({ value: z.number(), source: z.string() }).nullable(),
  level: z.string().nullable(),
  applicable: z.boolean(),
  explanation: z
    .string()
    .describe("Vietnamese: “Tiến độ giải quyết: 18,40/20 = 20 × 920/1.000 hồ sơ đúng hạn”"),
  get children() {
    return z.array(scoredNodeView);
  },
});

export const methodologyScoreView = z.object({
  code: z.string(),
  version: z.string(),
  name: z.string(),
  total: z.number(),
  scale: z.number(),
  band: z.object({ code: z.string(), label: z.string(), min: z.number() }).nullable(),
  explanation: z.string(),
  nodes: z.array(scoredNodeView),
});
