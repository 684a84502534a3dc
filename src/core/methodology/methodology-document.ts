/**
 * Methodology documents as JSON: the shape (zod) and the rules the shape cannot say — codes unique
 * in the document, children's maxima adding up to their parent's, bands in order, steps and levels
 * within the leaf's maximum, metric codes known to a catalogue when one is given. A broken file is
 * refused with every error, each with its path ("nodes.1.children.0.rule.threshold") and a
 * Vietnamese message.
 */
import { z } from "zod";
import { METHODOLOGY_KINDS } from "./methodology-status.ts";
import { formatAmount } from "./score-leaf.ts";
import {
  RULE_TYPES,
  ZERO_DENOMINATOR_POLICIES,
  isExtra,
  isLeaf,
  metricOf,
  type MethodologyDocument,
  type MethodologyNodeSpec,
} from "./scoring-types.ts";

export interface DocumentIssue {
  /** Dotted path in the JSON ("nodes.1.children.0.maxPoints"); "" for the document itself. */
  path: string;
  message: string;
}

export type DocumentCheck =
  { ok: true; document: MethodologyDocument } | { ok: false; errors: DocumentIssue[] };

const MAX_POINTS = 1000;
/** A node's, band's or document's code: no diacritics, no spaces. */
export const CODE = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,79}$/;
export const CODE_MESSAGE = "Mã chỉ gồm chữ không dấu, số, “_”, “-”, “.” (tối đa 80 ký tự).";
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

const code = z.string({ error: "Mã phải là chuỗi." }).regex(CODE, { error: CODE_MESSAGE });
const text = (max: number) =>
  z
    .string({ error: "Phải là chuỗi." })
    .trim()
    .min(1, { error: "Không được để trống." })
    .max(max, { error: `Tối đa ${formatAmount(max)} ký tự.` });
const points = z
  .number({ error: "Điểm phải là số." })
  .finite()
  .min(0, { error: "Điểm không được âm." })
  .max(MAX_POINTS, { error: `Điểm tối đa ${formatAmount(MAX_POINTS)}.` });
const fraction = z
  .number({ error: "Tỷ lệ phải là số từ 0 đến 1 (0,8 là 80%)." })
  .min(0, { error: "Tỷ lệ phải từ 0 đến 1 (0,8 là 80%)." })
  .max(1, { error: "Tỷ lệ phải từ 0 đến 1 (0,8 là 80%)." });
const isoDate = z
  .string({ error: "Ngày phải có dạng YYYY-MM-DD." })
  .regex(ISO_DATE, { error: "Ngày phải có dạng YYYY-MM-DD.", abort: true })
  .refine((value) => isRealDate(value), { error: "Ngày không có thật." });

const ruleSchema = z.discriminatedUnion("type", [
  z.strictObject({ type: z.literal("ratio") }),
  z.strictObject({
    type: z.literal("threshold"),
    threshold: fraction.refine((v) => v > 0, { error: "Ngưỡng phải lớn hơn 0." }),
  }),
  z.strictObject({
    type: z.literal("steps"),
    steps: z
      .array(z.strictObject({ minRatio: fraction, points }))
      .min(1, { error: "Bảng bậc cần ít nhất một bậc." })
      .max(50),
  }),
  z.strictObject({
    type: z.literal("manual"),
    levels: z
      .array(z.strictObject({ label: text(300), points }))
      .min(1, { error: "Cần ít nhất một mức chấm." })
      .max(50),
  }),
  z.strictObject({ type: z.literal("bonus") }),
  z.strictObject({ type: z.literal("penalty") }),
]);

interface NodeInput {
  code: string;
  name: string;
  label?: string | undefined;
  maxPoints: number;
  metric?: string | undefined;
  unit?: string | undefined;
  rule?: z.infer<typeof ruleSchema> | undefined;
  zeroDenominator?: (typeof ZERO_DENOMINATOR_POLICIES)[number] | undefined;
  note?: string | undefined;
  children?: NodeInput[] | undefined;
}

const nodeSchema: z.ZodType<NodeInput> = z.strictObject({
  code,
  name: text(1000),
  label: text(200).optional(),
  maxPoints: points,
  metric: code.optional(),
  unit: text(200).optional(),
  rule: ruleSchema.optional(),
  zeroDenominator: z
    .enum(ZERO_DENOMINATOR_POLICIES, {
      error: `Cách tính khi không phát sinh chỉ nhận: ${ZERO_DENOMINATOR_POLICIES.join(", ")}.`,
    })
    .optional(),
  note: z.string().max(4000).optional(),
  get children() {
    return z.array(nodeSchema).max(500).optional();
  },
});

export const methodologyDocumentSchema = z.strictObject({
  code,
  version: text(50),
  name: text(1000),
  kind: z.enum(METHODOLOGY_KINDS, {
    error: `Loại bộ chỉ số chỉ nhận: ${METHODOLOGY_KINDS.join(", ")}.`,
  }),
  effectiveFrom: isoDate,
  effectiveTo: isoDate.nullish(),
  source: z.string().max(4000).optional(),
  note: z.string().max(4000).optional(),
  scale: points.refine((v) => v > 0, { error: "Thang điểm phải lớn hơn 0." }),
  bands: z
    .array(z.strictObject({ code, label: text(100), min: points }))
    .min(1, { error: "Cần ít nhất một mức xếp loại." })
    .max(20),
  nodes: z.array(nodeSchema).min(1, { error: "Bộ chỉ số chưa có nhóm nào." }).max(500),
});

function isRealDate(value: string): boolean {
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
}

export function joinPath(path: readonly PropertyKey[]): string {
  return path.map(String).join(".");
}

/** zod's issues (parsed with the Vietnamese locale), with the wording kept short and the path dotted. */
export function issuesOf(error: z.ZodError, prefix = "", input?: unknown): DocumentIssue[] {
  return error.issues.map((issue) => {
    const path = [prefix, joinPath(issue.path)].filter(Boolean).join(".");
    if (issue.code === "invalid_union" && "discriminator" in issue && issue.discriminator) {
      return {
        path,
        message: `Loại quy tắc không hợp lệ; chỉ nhận: ${RULE_TYPES.join(", ")}.`,
      };
    }
    const absent = input !== undefined && valueAt(input, issue.path) === undefined;
    if (issue.code === "invalid_type" && (absent || issue.message.includes("undefined"))) {
      return { path, message: "Thiếu trường bắt buộc." };
    }
    if (issue.code === "unrecognized_keys") {
      return { path, message: `Trường không được hỗ trợ: ${issue.keys.join(", ")}.` };
    }
    return { path, message: issue.message };
  });
}

function valueAt(root: unknown, path: readonly PropertyKey[]): unknown {
  let value = root;
  for (const key of path) {
    if (typeof value !== "object" || value === null) return undefined;
    value = Object.hasOwn(value, key) ? (value as Record<PropertyKey, unknown>)[key] : undefined;
  }
  return value;
}

/** Parses and checks a methodology document; a metric catalogue, when given, must know every metric. */
export function checkMethodologyDocument(
  json: unknown,
  options: { metricCodes?: ReadonlySet<string> } = {},
): DocumentCheck {
  const parsed = methodologyDocumentSchema.safeParse(json, { error: z.locales.vi().localeError });
  if (!parsed.success) return { ok: false, errors: issuesOf(parsed.error, "", json) };
  const document = toDocument(parsed.data);
  const errors = [...structureIssues(parsed.data.nodes, options.metricCodes)];
  errors.push(...documentIssues(document));
  return errors.length > 0 ? { ok: false, errors } : { ok: true, document };
}

/** Parses a document that must be valid (the ones shipped in the repository). */
export function parseMethodologyDocument(json: unknown): MethodologyDocument {
  const checked = checkMethodologyDocument(json);
  if (!checked.ok) {
    throw new Error(
      `Invalid methodology document: ${checked.errors.map((e) => `${e.path}: ${e.message}`).join("; ")}`,
    );
  }
  return checked.document;
}

function toNode(node: NodeInput): MethodologyNodeSpec {
  const common = {
    code: node.code,
    name: node.name,
    maxPoints: node.maxPoints,
    ...(node.label !== undefined ? { label: node.label } : {}),
    ...(node.note !== undefined ? { note: node.note } : {}),
  };
  if (node.rule) {
    return {
      ...common,
      ...(node.metric !== undefined ? { metric: node.metric } : {}),
      ...(node.unit !== undefined ? { unit: node.unit } : {}),
      rule: node.rule,
      zeroDenominator: node.zeroDenominator ?? "none",
    };
  }
  return { ...common, children: (node.children ?? []).map(toNode) };
}

function toDocument(data: z.infer<typeof methodologyDocumentSchema>): MethodologyDocument {
  return {
    code: data.code,
    version: data.version,
    name: data.name,
    kind: data.kind,
    effectiveFrom: data.effectiveFrom,
    effectiveTo: data.effectiveTo ?? null,
    ...(data.source !== undefined ? { source: data.source } : {}),
    ...(data.note !== undefined ? { note: data.note } : {}),
    scale: data.scale,
    bands: data.bands,
    nodes: data.nodes.map(toNode),
  };
}

const samePoints = (a: number, b: number) => Math.abs(a - b) < 1e-6;
const roundSum = (sum: number) => Math.round(sum * 1e6) / 1e6;

/**
 * The rule that a group's maximum is the sum of its children's (bonus and penalty leaves left
 * out): the problem when it is broken, null when it holds.
 */
export function childrenSumProblem(max: number, sum: number): string | null {
  return samePoints(sum, max)
    ? null
    : `Điểm tối đa ${formatAmount(max)} khác tổng điểm tối đa các mục con (${formatAmount(roundSum(sum))}).`;
}

/** The rule that the scale is the sum of the top level's maxima (bonus and penalty left out). */
export function scaleSumProblem(scale: number, sum: number): string | null {
  return samePoints(sum, scale)
    ? null
    : `Thang điểm ${formatAmount(scale)} khác tổng điểm tối đa các nhóm (${formatAmount(roundSum(sum))}).`;
}

/** Node rules: leaf or group, unique codes, sums, steps and levels, policies, metrics. */
function structureIssues(
  nodes: readonly NodeInput[],
  metricCodes: ReadonlySet<string> | undefined,
): DocumentIssue[] {
  const issues: DocumentIssue[] = [];
  const seen = new Map<string, string>();
  const visit = (node: NodeInput, path: string, siblings: readonly NodeInput[]) => {
    const first = seen.get(node.code);
    if (first !== undefined) {
      issues.push({
        path: `${path}.code`,
        message: `Mã “${node.code}” trùng với ${first}.`,
      });
    } else {
      seen.set(node.code, path);
    }
    const hasChildren = node.children !== undefined;
    if (hasChildren && node.rule) {
      issues.push({ path, message: "Một mục có mục con thì không mang quy tắc chấm (rule)." });
    }
    if (!hasChildren && !node.rule) {
      issues.push({ path, message: "Chỉ tiêu (mục không có mục con) cần quy tắc chấm (rule)." });
    }
    if (node.rule) {
      leafIssues(node, path, siblings, metricCodes, issues);
    } else if (node.children) {
      if (node.children.length === 0) {
        issues.push({ path: `${path}.children`, message: "Nhóm chưa có mục con nào." });
      }
      for (const key of ["metric", "unit", "zeroDenominator"] as const) {
        if (node[key] !== undefined) {
          issues.push({
            path: `${path}.${key}`,
            message: "Chỉ chỉ tiêu (mục không có mục con) mới có trường này.",
          });
        }
      }
      childrenSumIssue(node.maxPoints, node.children, path, issues);
      node.children.forEach((child, index) =>
        visit(child, `${path}.children.${index}`, node.children!),
      );
    }
  };
  nodes.forEach((node, index) => visit(node, `nodes.${index}`, nodes));
  return issues;
}

function childrenSumIssue(
  max: number,
  children: readonly NodeInput[],
  path: string,
  issues: DocumentIssue[],
) {
  if (children.length === 0) return;
  const sum = children
    .filter((c) => !(c.rule && (c.rule.type === "bonus" || c.rule.type === "penalty")))
    .reduce((total, c) => total + c.maxPoints, 0);
  const problem = childrenSumProblem(max, sum);
  if (problem) issues.push({ path: `${path}.maxPoints`, message: problem });
}

function leafIssues(
  node: NodeInput,
  path: string,
  siblings: readonly NodeInput[],
  metricCodes: ReadonlySet<string> | undefined,
  issues: DocumentIssue[],
) {
  const rule = node.rule!;
  if (node.zeroDenominator === undefined) {
    issues.push({
      path: `${path}.zeroDenominator`,
      message: `Cần khai báo cách tính khi không phát sinh: ${ZERO_DENOMINATOR_POLICIES.join(", ")}.`,
    });
  }
  const extra = rule.type === "bonus" || rule.type === "penalty";
  if (extra && node.zeroDenominator === "split_to_siblings") {
    issues.push({
      path: `${path}.zeroDenominator`,
      message: "Điểm thưởng, điểm trừ không chia cho các chỉ tiêu khác được.",
    });
  }
  if (node.zeroDenominator === "split_to_siblings") {
    const receivers = siblings.filter(
      (s) => s !== node && !(s.rule && (s.rule.type === "bonus" || s.rule.type === "penalty")),
    );
    if (receivers.length === 0) {
      issues.push({
        path: `${path}.zeroDenominator`,
        message: "Không có chỉ tiêu cùng nhóm để chia điểm.",
      });
    }
  }
  if (rule.type === "steps") {
    const ratios = rule.steps.map((s) => s.minRatio);
    if (new Set(ratios).size !== ratios.length) {
      issues.push({ path: `${path}.rule.steps`, message: "Hai bậc có cùng tỷ lệ tối thiểu." });
    }
    rule.steps.forEach((step, index) => {
      if (step.points > node.maxPoints + 1e-9) {
        issues.push({
          path: `${path}.rule.steps.${index}.points`,
          message: `Điểm của bậc (${formatAmount(step.points)}) lớn hơn điểm tối đa của chỉ tiêu (${formatAmount(node.maxPoints)}).`,
        });
      }
    });
  }
  if (rule.type === "manual") {
    const values = rule.levels.map((l) => l.points);
    if (new Set(values).size !== values.length) {
      issues.push({ path: `${path}.rule.levels`, message: "Hai mức chấm có cùng số điểm." });
    }
    rule.levels.forEach((level, index) => {
      if (level.points > node.maxPoints + 1e-9) {
        issues.push({
          path: `${path}.rule.levels.${index}.points`,
          message: `Điểm của mức (${formatAmount(level.points)}) lớn hơn điểm tối đa của chỉ tiêu (${formatAmount(node.maxPoints)}).`,
        });
      }
    });
  }
  const metric = node.metric ?? node.code;
  if (metricCodes && isMeasuredRule(rule.type) && !metricCodes.has(metric)) {
    issues.push({
      path: `${path}.${node.metric !== undefined ? "metric" : "code"}`,
      message: `Không có chỉ số đo “${metric}” trong danh mục chỉ số của hệ thống.`,
    });
  }
}

/** Document-wide rules: dates, bands, the top level's sum. */
function documentIssues(document: MethodologyDocument): DocumentIssue[] {
  const issues: DocumentIssue[] = [];
  if (document.effectiveTo && document.effectiveTo < document.effectiveFrom) {
    issues.push({ path: "effectiveTo", message: "Ngày hết hiệu lực trước ngày có hiệu lực." });
  }
  const topSum = document.nodes.filter((n) => !isExtra(n)).reduce((s, n) => s + n.maxPoints, 0);
  const scaleProblem = scaleSumProblem(document.scale, topSum);
  if (scaleProblem) issues.push({ path: "scale", message: scaleProblem });
  const bandCodes = new Set<string>();
  document.bands.forEach((band, index) => {
    if (bandCodes.has(band.code)) {
      issues.push({ path: `bands.${index}.code`, message: `Mã xếp loại “${band.code}” bị trùng.` });
    }
    bandCodes.add(band.code);
    const previous = document.bands[index - 1];
    if (previous && band.min >= previous.min) {
      issues.push({
        path: `bands.${index}.min`,
        message: "Các mức xếp loại phải xếp từ cao xuống thấp, điểm sàn giảm dần.",
      });
    }
    if (band.min > document.scale) {
      issues.push({ path: `bands.${index}.min`, message: "Điểm sàn lớn hơn thang điểm." });
    }
  });
  const last = document.bands[document.bands.length - 1];
  if (last && last.min !== 0) {
    issues.push({
      path: `bands.${document.bands.length - 1}.min`,
      message: "Mức xếp loại thấp nhất phải bắt đầu từ 0 để mọi tổng điểm đều được xếp loại.",
    });
  }
  return issues;
}

/** Every leaf of a document, in document order, with its path. */
/** Rules that score a measured figure (a metric bound to the leaf, or the leaf's own code). */
function isMeasuredRule(type: string): boolean {
  return type === "ratio" || type === "threshold" || type === "steps";
}

/** The metric codes the document's measured leaves are bound to that the catalogue lacks. */
export function unknownMetricCodes(
  document: MethodologyDocument,
  metricCodes: ReadonlySet<string>,
): string[] {
  const unknown = leavesOf(document)
    .filter(({ leaf }) => isMeasuredRule(leaf.rule.type))
    .map(({ leaf }) => metricOf(leaf))
    .filter((metric) => !metricCodes.has(metric));
  return [...new Set(unknown)];
}

export function leavesOf(document: MethodologyDocument) {
  const leaves: { path: string; leaf: Extract<MethodologyNodeSpec, { rule: unknown }> }[] = [];
  const visit = (node: MethodologyNodeSpec, path: string) => {
    if (isLeaf(node)) leaves.push({ path, leaf: node });
    else node.children.forEach((child, index) => visit(child, `${path}.children.${index}`));
  };
  document.nodes.forEach((node, index) => visit(node, `nodes.${index}`));
  return leaves;
}

export { metricOf };
