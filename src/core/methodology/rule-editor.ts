/**
 * The rule editor's model of a methodology: a criteria draft (a tree of criteria with maximum
 * points, saved from an imported table) or an existing document, made editable — every field may
 * be empty while the user works — and turned back into a document. Checking goes through the
 * document schema and its rules (`checkMethodologyDocument`): the editor adds no rule of its own,
 * it only places each problem on the node and field it belongs to and names them in Vietnamese.
 *
 * Rates are typed as percentages (80 for 80 %) and stored in the document as fractions (0,8).
 */
import { checkMethodologyDocument, type DocumentIssue } from "./methodology-document.ts";
import type { MethodologyKind } from "./methodology-status.ts";
import {
  isLeaf,
  type MethodologyDocument,
  type MethodologyNodeSpec,
  type RuleType,
  type ZeroDenominatorPolicy,
} from "./scoring-types.ts";

export interface EditableStep {
  /** Lowest rate of the step, in percent (95 for 95 %). */
  minPercent: number | null;
  points: number | null;
}

export interface EditableLevel {
  label: string;
  points: number | null;
}

/** A leaf's rule as edited: the parameters of every type are kept while the user switches type. */
export interface EditableRule {
  type: RuleType | null;
  /** The threshold of a `threshold` rule, in percent (80 for 80 %). */
  thresholdPercent: number | null;
  steps: EditableStep[];
  levels: EditableLevel[];
}

export interface EditableNode {
  code: string;
  name: string;
  label: string;
  maxPoints: number | null;
  note: string;
  /** Leaves only: what the numerator counts ("hồ sơ đúng hạn"). */
  unit: string;
  /** Leaves only: the metric code it binds to; the node's own code when null. */
  metric: string | null;
  /** Leaves only. */
  rule: EditableRule;
  /** Leaves only. */
  zeroDenominator: ZeroDenominatorPolicy | null;
  /**
   * A group holds criteria (children), even while it has none: an empty group stays a group, refused
   * by the schema as such ("Nhóm chưa có mục con nào"), rather than turning into a leaf.
   */
  group: boolean;
  /** Empty for a leaf. */
  children: EditableNode[];
}

export interface EditableBand {
  code: string;
  label: string;
  min: number | null;
}

export interface EditableMethodology {
  code: string;
  version: string;
  name: string;
  kind: MethodologyKind;
  effectiveFrom: string;
  /** "" when open-ended. */
  effectiveTo: string;
  source: string;
  note: string;
  scale: number | null;
  bands: EditableBand[];
  nodes: EditableNode[];
}

/** One criterion of a saved criteria draft (the methodology detail's `criteria`, table order). */
export interface DraftCriterion {
  id: string;
  parentId: string | null;
  ref: string;
  text: string;
  maxPoints: number | null;
  effectiveMaxPoints: number | null;
  evidenceHint: string | null;
}

export interface DraftFacts {
  name: string;
  year: number;
  kind?: MethodologyKind;
}

/** The bands of the PAR Index and the 766 index (xuất sắc ≥ 90 … yếu < 50), as shares of the scale. */
const DEFAULT_BANDS = [
  { code: "xuat_sac", label: "Xuất sắc", share: 0.9 },
  { code: "tot", label: "Tốt", share: 0.8 },
  { code: "kha", label: "Khá", share: 0.7 },
  { code: "trung_binh", label: "Trung bình", share: 0.5 },
  { code: "yeu", label: "Yếu", share: 0 },
] as const;

const round = (value: number) => Math.round(value * 1e6) / 1e6;

export function emptyRule(): EditableRule {
  return { type: null, thresholdPercent: null, steps: [], levels: [] };
}

/** Default bands for a scale: 90 %, 80 %, 70 %, 50 % and 0 of it. */
export function defaultBands(scale: number): EditableBand[] {
  return DEFAULT_BANDS.map((band) => ({
    code: band.code,
    label: band.label,
    min: Math.round(scale * band.share * 100) / 100,
  }));
}

const CODE_CHAR = /[^A-Za-z0-9_.-]/g;

/** A ref ("1.1", "a", "II", "Tiêu chí 3") as a document code: no diacritics, no spaces. */
function codeOfRef(ref: string): string {
  const plain = ref
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/đ/g, "d")
    .replace(/Đ/g, "D")
    .trim()
    .replace(/\s+/g, "_")
    .replace(CODE_CHAR, "")
    .replace(/^[^A-Za-z0-9]+/, "");
  return plain.slice(0, 80);
}

/**
 * A criteria draft as an editable methodology: each criterion a node (its TT as code — prefixed by
 * its parent's where the TT alone does not say where it sits, "1.1.a"), its evidence hint as the
 * note, no rule yet on any leaf. The scale is the draft's total; the bands are the usual ones.
 */
export function editableFromCriteria(
  criteria: readonly DraftCriterion[],
  facts: DraftFacts,
): EditableMethodology {
  const byParent = new Map<string | null, DraftCriterion[]>();
  const ids = new Set(criteria.map((c) => c.id));
  for (const criterion of criteria) {
    const parent =
      criterion.parentId !== null && ids.has(criterion.parentId) ? criterion.parentId : null;
    byParent.set(parent, [...(byParent.get(parent) ?? []), criterion]);
  }
  const used = new Set<string>();
  const uniqueCode = (wanted: string) => {
    let code = wanted || "muc";
    for (let n = 2; used.has(code); n++) code = `${wanted || "muc"}_${n}`;
    used.add(code);
    return code;
  };
  const build = (criterion: DraftCriterion, parentCode: string | null): EditableNode => {
    const own = codeOfRef(criterion.ref);
    const placed =
      parentCode === null || own.startsWith(`${parentCode}.`) ? own : `${parentCode}.${own}`;
    const code = uniqueCode(placed);
    const children = (byParent.get(criterion.id) ?? []).map((child) => build(child, code));
    return {
      code,
      name: criterion.text,
      label: "",
      maxPoints: criterion.maxPoints ?? criterion.effectiveMaxPoints,
      note: criterion.evidenceHint ? `Tài liệu kiểm chứng: ${criterion.evidenceHint}` : "",
      unit: "",
      metric: null,
      rule: emptyRule(),
      zeroDenominator: null,
      group: children.length > 0,
      children,
    };
  };
  const nodes = (byParent.get(null) ?? []).map((criterion) => build(criterion, null));
  const scale = round(nodes.reduce((sum, node) => sum + (node.maxPoints ?? 0), 0));
  return {
    code: `par-index-${facts.year}`,
    version: `${facts.year}.1`,
    name: facts.name,
    kind: facts.kind ?? "par_index",
    effectiveFrom: `${facts.year}-01-01`,
    effectiveTo: "",
    source: "",
    note: "",
    scale,
    bands: defaultBands(scale),
    nodes,
  };
}

const percentOf = (fraction: number) => round(fraction * 100);
const fractionOf = (percent: number) => Math.round(percent * 1e7) / 1e9;

function editableNode(node: MethodologyNodeSpec): EditableNode {
  const common = {
    code: node.code,
    name: node.name,
    label: node.label ?? "",
    maxPoints: node.maxPoints,
    note: node.note ?? "",
  };
  if (!isLeaf(node)) {
    return {
      ...common,
      unit: "",
      metric: null,
      rule: emptyRule(),
      zeroDenominator: null,
      group: true,
      children: node.children.map(editableNode),
    };
  }
  const rule = node.rule;
  return {
    ...common,
    unit: node.unit ?? "",
    metric: node.metric ?? null,
    rule: {
      type: rule.type,
      thresholdPercent: rule.type === "threshold" ? percentOf(rule.threshold) : null,
      steps:
        rule.type === "steps"
          ? rule.steps.map((s) => ({ minPercent: percentOf(s.minRatio), points: s.points }))
          : [],
      levels: rule.type === "manual" ? rule.levels.map((l) => ({ ...l })) : [],
    },
    zeroDenominator: node.zeroDenominator,
    group: false,
    children: [],
  };
}

/** An existing document as an editable methodology (its version to be changed before saving). */
export function editableFromDocument(document: MethodologyDocument): EditableMethodology {
  return {
    code: document.code,
    version: document.version,
    name: document.name,
    kind: document.kind,
    effectiveFrom: document.effectiveFrom,
    effectiveTo: document.effectiveTo ?? "",
    source: document.source ?? "",
    note: document.note ?? "",
    scale: document.scale,
    bands: document.bands.map((band) => ({ ...band })),
    nodes: document.nodes.map(editableNode),
  };
}

/**
 * The version after this one: a short number at the end goes up ("2026.1" → "2026.2", "v3" →
 * "v4"); otherwise ".2" is added ("mau-2026" → "mau-2026.2", a year is not a counter).
 */
export function nextVersion(version: string): string {
  const match = /^(.*?)(\d{1,3})$/.exec(version.trim());
  if (!match || /\d$/.test(match[1]!)) return `${version.trim()}.2`;
  return `${match[1]}${Number(match[2]) + 1}`;
}

type Json = Record<string, unknown>;

/** Keys whose value is absent (null, "") are left out, so the schema reports them as missing. */
function compact(entries: Record<string, unknown>): Json {
  return Object.fromEntries(
    Object.entries(entries).filter(
      ([, value]) => value !== null && value !== undefined && value !== "",
    ),
  );
}

function ruleJson(rule: EditableRule): Json | undefined {
  switch (rule.type) {
    case null:
      return undefined;
    case "threshold":
      return compact({
        type: "threshold",
        threshold: rule.thresholdPercent === null ? null : fractionOf(rule.thresholdPercent),
      });
    case "steps":
      return {
        type: "steps",
        steps: rule.steps.map((step) =>
          compact({
            minRatio: step.minPercent === null ? null : fractionOf(step.minPercent),
            points: step.points,
          }),
        ),
      };
    case "manual":
      return {
        type: "manual",
        levels: rule.levels.map((level) =>
          compact({ label: level.label.trim(), points: level.points }),
        ),
      };
    default:
      return { type: rule.type };
  }
}

/** A node that holds criteria (or is meant to, while empty). */
export function isGroup(node: EditableNode): boolean {
  return node.group || node.children.length > 0;
}

function nodeJson(node: EditableNode): Json {
  const common = {
    code: node.code.trim(),
    name: node.name.trim(),
    label: node.label.trim(),
    maxPoints: node.maxPoints,
  };
  if (isGroup(node)) {
    return compact({ ...common, note: node.note.trim(), children: node.children.map(nodeJson) });
  }
  return compact({
    ...common,
    metric: node.metric,
    unit: node.unit.trim(),
    rule: ruleJson(node.rule),
    zeroDenominator: node.zeroDenominator,
    note: node.note.trim(),
  });
}

/**
 * The document the model stands for, as JSON for the schema (and for the import route): nothing is
 * checked or defaulted here, so a leaf without a rule stays without one and is refused by the
 * check with its path.
 */
export function documentFromEditable(model: EditableMethodology): Json {
  return {
    ...compact({
      code: model.code.trim(),
      version: model.version.trim(),
      name: model.name.trim(),
      kind: model.kind,
      effectiveFrom: model.effectiveFrom.trim(),
      source: model.source.trim(),
      note: model.note.trim(),
      scale: model.scale,
    }),
    effectiveTo: model.effectiveTo.trim() || null,
    bands: model.bands.map((band) =>
      compact({ code: band.code.trim(), label: band.label.trim(), min: band.min }),
    ),
    nodes: model.nodes.map(nodeJson),
  };
}

/** A problem placed in the editor: the node it belongs to (its path), the field, in Vietnamese. */
export interface EditorIssue {
  /** The document path ("nodes.0.children.1.rule.threshold"). */
  path: string;
  /** The node's path ("nodes.0.children.1"); null for the document's own fields. */
  nodePath: string | null;
  /** What remains of the path below the node, or the document's field ("rule.threshold", "version"). */
  field: string;
  /** Where, in Vietnamese: "Mục 1.2 “Kế hoạch…” › Ngưỡng". */
  where: string;
  message: string;
}

export type EditorCheck =
  { ok: true; document: MethodologyDocument } | { ok: false; issues: EditorIssue[] };

/** Checks the model through the document schema; a metric catalogue, when given, must know every metric. */
export function checkEditableMethodology(
  model: EditableMethodology,
  options: { metricCodes?: ReadonlySet<string> } = {},
): EditorCheck {
  const checked = checkMethodologyDocument(documentFromEditable(model), options);
  return checked.ok
    ? { ok: true, document: checked.document }
    : { ok: false, issues: locateIssues(model, checked.errors) };
}

/** "nodes.0.children.1" ↔ [0, 1]. */
export function nodePathOf(indexes: readonly number[]): string {
  return indexes.map((index, depth) => `${depth === 0 ? "nodes" : "children"}.${index}`).join(".");
}

export function nodeAt(
  model: EditableMethodology,
  indexes: readonly number[],
): EditableNode | null {
  let node: EditableNode | undefined;
  let list = model.nodes;
  for (const index of indexes) {
    node = list[index];
    if (!node) return null;
    list = node.children;
  }
  return node ?? null;
}

const NODE_PATH = /^(nodes\.\d+(?:\.children\.\d+)*)(?:\.(.*))?$/;

const DOCUMENT_FIELDS: Record<string, string> = {
  code: "Mã bộ chỉ số",
  version: "Phiên bản",
  name: "Tên bộ chỉ số",
  kind: "Loại bộ chỉ số",
  effectiveFrom: "Ngày có hiệu lực",
  effectiveTo: "Ngày hết hiệu lực",
  source: "Nguồn",
  note: "Ghi chú",
  scale: "Thang điểm",
  nodes: "Cây tiêu chí",
  bands: "Xếp loại",
};

const NODE_FIELDS: Record<string, string> = {
  code: "Mã",
  name: "Tên",
  label: "Tên ngắn",
  maxPoints: "Điểm tối đa",
  metric: "Chỉ số đo",
  unit: "Đơn vị đếm",
  rule: "Quy tắc chấm",
  "rule.type": "Loại quy tắc",
  "rule.threshold": "Ngưỡng",
  "rule.steps": "Bảng bậc",
  "rule.levels": "Các mức chấm",
  zeroDenominator: "Cách tính khi không phát sinh",
  note: "Ghi chú",
  children: "Mục con",
};

function fieldLabel(field: string, labels: Record<string, string>): string {
  if (field === "") return "";
  const direct = labels[field];
  if (direct) return direct;
  const step = /^rule\.steps\.(\d+)(?:\.(minRatio|points))?$/.exec(field);
  if (step) {
    const what =
      step[2] === "minRatio" ? ", tỷ lệ tối thiểu" : step[2] === "points" ? ", điểm" : "";
    return `Bậc ${Number(step[1]) + 1}${what}`;
  }
  const level = /^rule\.levels\.(\d+)(?:\.(label|points))?$/.exec(field);
  if (level) {
    const what = level[2] === "label" ? ", tên mức" : level[2] === "points" ? ", điểm" : "";
    return `Mức ${Number(level[1]) + 1}${what}`;
  }
  const band = /^bands\.(\d+)(?:\.(code|label|min))?$/.exec(field);
  if (band) {
    const what =
      band[2] === "min"
        ? ", điểm sàn"
        : band[2] === "label"
          ? ", tên"
          : band[2] === "code"
            ? ", mã"
            : "";
    return `Xếp loại ${Number(band[1]) + 1}${what}`;
  }
  const head = field.split(".")[0]!;
  return labels[head] ?? field;
}

/**
 * Places document issues (from the check, or from the server with `prefix` "document") on the
 * model's nodes and fields, each with a Vietnamese "where".
 */
export function locateIssues(
  model: EditableMethodology,
  issues: readonly DocumentIssue[],
  prefix = "",
): EditorIssue[] {
  return issues.map((issue) => {
    const path =
      prefix && (issue.path === prefix || issue.path.startsWith(`${prefix}.`))
        ? issue.path.slice(prefix.length).replace(/^\./, "")
        : issue.path;
    const match = NODE_PATH.exec(path);
    if (!match) {
      const where = fieldLabel(path, DOCUMENT_FIELDS) || "Bộ chỉ số";
      return { path, nodePath: null, field: path, where, message: issue.message };
    }
    const nodePath = match[1]!;
    const field = match[2] ?? "";
    const indexes = [...nodePath.matchAll(/\d+/g)].map((m) => Number(m[0]));
    const node = nodeAt(model, indexes);
    const name = node
      ? `Mục ${node.code || indexes.map((i) => i + 1).join(".")} “${node.name}”`
      : `Mục ${indexes.map((i) => i + 1).join(".")}`;
    const label = fieldLabel(field, NODE_FIELDS);
    return {
      path,
      nodePath,
      field,
      where: label ? `${name} › ${label}` : name,
      message: issue.message,
    };
  });
}

/** The model with one node replaced (immutably), for the editor's updates. */
export function updateNode(
  model: EditableMethodology,
  indexes: readonly number[],
  update: (node: EditableNode) => EditableNode,
): EditableMethodology {
  const replace = (list: EditableNode[], depth: number): EditableNode[] =>
    list.map((node, index) => {
      if (index !== indexes[depth]) return node;
      if (depth === indexes.length - 1) return update(node);
      return { ...node, children: replace(node.children, depth + 1) };
    });
  return indexes.length === 0 ? model : { ...model, nodes: replace(model.nodes, 0) };
}

/** Every leaf of the model in document order with its indexes. */
export function editableLeaves(model: EditableMethodology) {
  const leaves: { indexes: number[]; node: EditableNode; depth: number }[] = [];
  const visit = (node: EditableNode, indexes: number[]) => {
    if (!isGroup(node)) leaves.push({ indexes, node, depth: indexes.length });
    else node.children.forEach((child, index) => visit(child, [...indexes, index]));
  };
  model.nodes.forEach((node, index) => visit(node, [index]));
  return leaves;
}
