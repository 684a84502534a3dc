/**
 * The figures a methodology is scored on, checked against the document before scoring: known
 * metric codes, counts that are counts (numerator ≤ denominator), hand figures with a source and
 * within what their leaf reads (a rate 0–100, a manual level's points, a bonus up to its maximum).
 */
import { z } from "zod";
import { formatAmount } from "./score-leaf.ts";
import { issuesOf, leavesOf, type DocumentIssue } from "./methodology-document.ts";
import {
  metricOf,
  type MethodologyDocument,
  type MethodologyLeaf,
  type MetricInput,
  type MetricInputs,
} from "./scoring-types.ts";

const count = z
  .number({ error: "Phải là số." })
  .finite({ error: "Phải là số hữu hạn." })
  .min(0, { error: "Không được âm." });

const sourceText = z
  .string({ error: "Nguồn của số liệu nhập tay phải là chuỗi." })
  .trim()
  .min(1, { error: "Cần ghi nguồn của số liệu nhập tay." })
  .max(1000, { error: "Nguồn tối đa 1.000 ký tự." });

/** One figure: {numerator, denominator} measured, or {value, source} entered by hand. */
export const metricInputSchema = z
  .strictObject({
    numerator: count.optional(),
    denominator: count.optional(),
    value: z.number({ error: "Giá trị nhập tay phải là số." }).finite().optional(),
    source: sourceText.optional(),
  })
  .superRefine((entry, ctx) => {
    const measured = entry.numerator !== undefined || entry.denominator !== undefined;
    const typed = entry.value !== undefined || entry.source !== undefined;
    const missing = (field: string, message: string) =>
      ctx.addIssue({ code: "custom", path: [field], message });
    if (measured && typed) {
      ctx.addIssue({
        code: "custom",
        message: "Chỉ chọn một: {numerator, denominator} hoặc {value, source}.",
      });
    } else if (measured) {
      if (entry.numerator === undefined) missing("numerator", "Thiếu tử số (numerator).");
      if (entry.denominator === undefined) missing("denominator", "Thiếu mẫu số (denominator).");
    } else if (typed) {
      if (entry.value === undefined) missing("value", "Thiếu giá trị nhập tay (value).");
      if (entry.source === undefined) missing("source", "Cần ghi nguồn của số liệu nhập tay.");
    } else {
      ctx.addIssue({
        code: "custom",
        message: "Cần {numerator, denominator} hoặc {value, source}.",
      });
    }
  })
  .transform((entry): MetricInput =>
    entry.value !== undefined
      ? { value: entry.value, source: entry.source! }
      : { numerator: entry.numerator!, denominator: entry.denominator! },
  );
export const metricInputsSchema = z.record(z.string().max(80), metricInputSchema, {
  error: "Phải là đối tượng: mã chỉ tiêu → số liệu.",
});

export type InputsCheck =
  { ok: true; inputs: MetricInputs } | { ok: false; errors: DocumentIssue[] };

/**
 * Checks figures keyed by metric code against a document. `prefix` is where they sit in the file
 * ("indicators"), for the paths of the errors.
 */
export function checkMetricInputs(
  json: unknown,
  document: MethodologyDocument,
  prefix = "",
): InputsCheck {
  const at = (code: string, field?: string) => [prefix, code, field].filter(Boolean).join(".");
  if (typeof json !== "object" || json === null || Array.isArray(json)) {
    return {
      ok: false,
      errors: [{ path: prefix, message: "Phải là đối tượng: mã chỉ tiêu → số liệu." }],
    };
  }
  const leavesByMetric = new Map<string, MethodologyLeaf[]>();
  for (const { leaf } of leavesOf(document)) {
    leavesByMetric.set(metricOf(leaf), [...(leavesByMetric.get(metricOf(leaf)) ?? []), leaf]);
  }
  // Entry by entry, in the file's order: one malformed entry does not hide the others' errors.
  const errors: DocumentIssue[] = [];
  const inputs: MetricInputs = {};
  for (const [code, raw] of Object.entries(json)) {
    const leaves = leavesByMetric.get(code);
    if (!leaves) {
      errors.push({
        path: at(code),
        message: `Không có chỉ tiêu “${code}” trong ${document.name} (phiên bản ${document.version}).`,
      });
      continue;
    }
    const parsed = metricInputSchema.safeParse(raw, { error: z.locales.vi().localeError });
    if (!parsed.success) {
      errors.push(...issuesOf(parsed.error, at(code), raw));
      continue;
    }
    const input = parsed.data;
    const entryErrors = leaves.flatMap((leaf) => inputIssues(leaf, input, (f) => at(code, f)));
    if (entryErrors.length > 0) errors.push(...entryErrors);
    else inputs[code] = input;
  }
  return errors.length > 0 ? { ok: false, errors } : { ok: true, inputs };
}

const inputsFileSchema = z.strictObject({
  indicators: z
    .unknown()
    .refine((value) => value !== undefined, { error: "Thiếu trường bắt buộc." }),
  note: z.string().max(4000).optional(),
});

/**
 * A what-if file for the command line: `{"indicators": {"ON_TIME": {"numerator": 920,
 * "denominator": 1000}, …}}`, keyed by the indicators' metric codes.
 */
export function checkInputsFile(json: unknown, document: MethodologyDocument): InputsCheck {
  const parsed = inputsFileSchema.safeParse(json, { error: z.locales.vi().localeError });
  if (!parsed.success) return { ok: false, errors: issuesOf(parsed.error, "", json) };
  return checkMetricInputs(parsed.data.indicators, document, "indicators");
}

/** What a leaf cannot read in a well-formed figure. */
function inputIssues(
  leaf: MethodologyLeaf,
  input: MetricInput,
  at: (field?: string) => string,
): DocumentIssue[] {
  const rule = leaf.rule;
  if ("numerator" in input) {
    if (rule.type === "manual") {
      return [
        { path: at(), message: "Chỉ tiêu chấm theo mức cần số điểm nhập tay {value, source}." },
      ];
    }
    return input.numerator > input.denominator
      ? [{ path: at("numerator"), message: "Tử số lớn hơn mẫu số." }]
      : [];
  }
  if ("points" in input) {
    return input.points < 0 || input.points > leaf.maxPoints
      ? [
          {
            path: at("points"),
            message: `Điểm phải từ 0 đến ${formatAmount(leaf.maxPoints)}.`,
          },
        ]
      : [];
  }
  if ("notApplicable" in input) return [];
  if (rule.type === "manual") {
    return rule.levels.some((level) => level.points === input.value)
      ? []
      : [
          {
            path: at("value"),
            message: `Điểm nhập tay phải là một trong các mức: ${rule.levels.map((l) => `${formatAmount(l.points)} (${l.label})`).join("; ")}.`,
          },
        ];
  }
  if (rule.type === "bonus" || rule.type === "penalty") {
    return input.value < 0 || input.value > leaf.maxPoints
      ? [
          {
            path: at("value"),
            message: `Điểm ${rule.type === "bonus" ? "thưởng" : "trừ"} phải từ 0 đến ${formatAmount(leaf.maxPoints)}.`,
          },
        ]
      : [];
  }
  return input.value < 0 || input.value > 100
    ? [{ path: at("value"), message: "Tỷ lệ nhập tay tính theo phần trăm, từ 0 đến 100." }]
    : [];
}
