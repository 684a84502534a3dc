/**
 * The rule editor's model: a criteria draft becomes a document once each leaf has a rule (every
 * rule type, every zero-denominator policy, scored by hand); what is missing or wrong is refused
 * with its path, placed on its node in Vietnamese; a shipped document goes through unchanged.
 */
import { describe, expect, it } from "vitest";
import { KNOWN_METRIC_CODES, metricOptions } from "../scorecard/index.ts";
import { builtInMethodology } from "./documents/index.ts";
import {
  checkEditableMethodology,
  documentFromEditable,
  editableFromCriteria,
  editableFromDocument,
  locateIssues,
  nextVersion,
  updateNode,
  type DraftCriterion,
  type EditableMethodology,
  type EditableNode,
  type EditableRule,
} from "./rule-editor.ts";
import { scoreMethodology, type ScoredNode } from "./score-methodology.ts";
import type { ZeroDenominatorPolicy } from "./scoring-types.ts";

const row = (
  id: string,
  parentId: string | null,
  ref: string,
  text: string,
  maxPoints: number | null,
  evidenceHint: string | null = null,
): DraftCriterion => ({
  id,
  parentId,
  ref,
  text,
  maxPoints,
  effectiveMaxPoints: maxPoints,
  evidenceHint,
});

/** A draft as the plan import saves it: letters under a criterion, no rules. */
const DRAFT: DraftCriterion[] = [
  row("r1", null, "1", "Công tác chỉ đạo, điều hành", 10),
  row("r2", "r1", "1.1", "Kế hoạch CCHC năm", 4),
  row("r3", "r2", "a", "Ban hành kịp thời", 2, "Kế hoạch CCHC của UBND"),
  row("r4", "r2", "b", "Nhiệm vụ hoàn thành", 2),
  row("r5", "r1", "1.2", "Tỷ lệ hồ sơ đúng hạn", 6),
  row("r6", null, "2", "Hiện đại hóa", 10),
  row("r7", "r6", "2.1", "Hồ sơ trực tuyến", 5),
  row("r8", "r6", "2.2", "Kết quả số hóa", 5),
  row("r9", "r6", "2.3", "Sáng kiến", 1),
  row("r10", "r6", "2.4", "Vi phạm", 1),
];

const draft = () => editableFromCriteria(DRAFT, { name: "Chỉ số CCHC xã thử 2026", year: 2026 });

const rule = (patch: Partial<EditableRule>): EditableRule => ({
  type: null,
  thresholdPercent: null,
  steps: [],
  levels: [],
  ...patch,
});

const leaf = (
  model: EditableMethodology,
  indexes: number[],
  patch: Partial<EditableNode>,
): EditableMethodology => updateNode(model, indexes, (node) => ({ ...node, ...patch }));

/** The draft with a rule on every leaf, one of each type. */
function ruled(policy21: ZeroDenominatorPolicy = "split_to_siblings"): EditableMethodology {
  let model = draft();
  model = leaf(model, [0, 0, 0], {
    rule: rule({
      type: "manual",
      levels: [
        { label: "Đầy đủ, đúng hạn", points: 2 },
        { label: "Chậm", points: 1 },
        { label: "Không ban hành", points: 0 },
      ],
    }),
    zeroDenominator: "none",
  });
  model = leaf(model, [0, 0, 1], {
    rule: rule({ type: "threshold", thresholdPercent: 80 }),
    metric: "PLAN_TASKS_DONE",
    unit: "nhiệm vụ hoàn thành",
    zeroDenominator: "full",
  });
  model = leaf(model, [0, 1], {
    rule: rule({ type: "ratio" }),
    metric: "ON_TIME",
    zeroDenominator: "not_applicable",
  });
  model = leaf(model, [1, 0], {
    rule: rule({
      type: "steps",
      steps: [
        { minPercent: 100, points: 5 },
        { minPercent: 95, points: 3 },
        { minPercent: 0, points: 0 },
      ],
    }),
    metric: "ONLINE_DOSSIER",
    zeroDenominator: policy21,
  });
  model = leaf(model, [1, 1], {
    rule: rule({ type: "ratio" }),
    metric: "ORIGINAL_RESULT_AVAILABLE",
    zeroDenominator: "none",
  });
  model = leaf(model, [1, 2], { rule: rule({ type: "bonus" }), zeroDenominator: "none" });
  model = leaf(model, [1, 3], { rule: rule({ type: "penalty" }), zeroDenominator: "none" });
  return model;
}

const find = (nodes: readonly ScoredNode[], code: string): ScoredNode => {
  for (const node of nodes) {
    if (node.code === code) return node;
    const inner = node.children.length > 0 ? findOrNull(node.children, code) : null;
    if (inner) return inner;
  }
  throw new Error(`no node ${code}`);
};
const findOrNull = (nodes: readonly ScoredNode[], code: string): ScoredNode | null => {
  try {
    return find(nodes, code);
  } catch {
    return null;
  }
};

const issuesOf = (model: EditableMethodology, metricCodes?: ReadonlySet<string>) => {
  const checked = checkEditableMethodology(model, metricCodes ? { metricCodes } : {});
  return checked.ok ? [] : checked.issues;
};

describe("a criteria draft as an editable methodology", () => {
  it("keeps the tree, codes each node from its TT and suggests the facts of a version", () => {
    const model = draft();
    expect(model).toMatchObject({
      code: "par-index-2026",
      version: "2026.1",
      kind: "par_index",
      effectiveFrom: "2026-01-01",
      effectiveTo: "",
      scale: 20,
    });
    expect(model.bands.map((b) => [b.label, b.min])).toEqual([
      ["Xuất sắc", 18],
      ["Tốt", 16],
      ["Khá", 14],
      ["Trung bình", 10],
      ["Yếu", 0],
    ]);
    const codes = (nodes: EditableNode[]): unknown[] =>
      nodes.map((n) => (n.children.length ? [n.code, codes(n.children)] : n.code));
    expect(codes(model.nodes)).toEqual([
      ["1", [["1.1", ["1.1.a", "1.1.b"]], "1.2"]],
      ["2", ["2.1", "2.2", "2.3", "2.4"]],
    ]);
    expect(model.nodes[0]!.children[0]!.children[0]).toMatchObject({
      name: "Ban hành kịp thời",
      maxPoints: 2,
      note: "Tài liệu kiểm chứng: Kế hoạch CCHC của UBND",
      rule: { type: null },
      zeroDenominator: null,
    });
  });

  it("gives unique codes to TT that repeat or carry diacritics and spaces", () => {
    const model = editableFromCriteria(
      [
        row("x", null, "Tiêu chí I", "Một", 1),
        row("y", null, "Tiêu chí I", "Hai", 1),
        row("z", "y", "đ)", "Ba", 1),
      ],
      { name: "Thử", year: 2025 },
    );
    expect(model.nodes.map((n) => n.code)).toEqual(["Tieu_chi_I", "Tieu_chi_I_2"]);
    expect(model.nodes[1]!.children[0]!.code).toBe("Tieu_chi_I_2.d");
  });

  it("refuses a leaf without a rule with its path, placed on that leaf in Vietnamese", () => {
    const model = updateNode(ruled(), [1, 1], (node) => ({ ...node, rule: rule({}) }));
    const issues = issuesOf(model);
    expect(issues).toEqual([
      {
        path: "nodes.1.children.1",
        nodePath: "nodes.1.children.1",
        field: "",
        where: "Mục 2.2 “Kết quả số hóa”",
        message: "Chỉ tiêu (mục không có mục con) cần quy tắc chấm (rule).",
      },
    ]);
    // The untouched draft: every leaf is refused, each with its own path.
    const paths = issuesOf(draft())
      .filter((i) => i.message.startsWith("Chỉ tiêu (mục không có mục con)"))
      .map((i) => i.path);
    expect(paths).toEqual([
      "nodes.0.children.0.children.0",
      "nodes.0.children.0.children.1",
      "nodes.0.children.1",
      "nodes.1.children.0",
      "nodes.1.children.1",
      "nodes.1.children.2",
      "nodes.1.children.3",
    ]);
  });

  it("turns each rule type into the document's rule, rates from percent to fractions", () => {
    const document = documentFromEditable(ruled()) as any;
    const area1 = document.nodes[0];
    const area2 = document.nodes[1];
    expect(area1.children[0].children[0].rule).toEqual({
      type: "manual",
      levels: [
        { label: "Đầy đủ, đúng hạn", points: 2 },
        { label: "Chậm", points: 1 },
        { label: "Không ban hành", points: 0 },
      ],
    });
    expect(area1.children[0].children[1]).toMatchObject({
      code: "1.1.b",
      metric: "PLAN_TASKS_DONE",
      unit: "nhiệm vụ hoàn thành",
      rule: { type: "threshold", threshold: 0.8 },
      zeroDenominator: "full",
    });
    expect(area1.children[1].rule).toEqual({ type: "ratio" });
    expect(area2.children[0].rule).toEqual({
      type: "steps",
      steps: [
        { minRatio: 1, points: 5 },
        { minRatio: 0.95, points: 3 },
        { minRatio: 0, points: 0 },
      ],
    });
    expect(area2.children[2].rule).toEqual({ type: "bonus" });
    expect(area2.children[3].rule).toEqual({ type: "penalty" });
    // Groups carry no leaf fields; the open end is null.
    expect(Object.keys(area1).sort()).toEqual(["children", "code", "maxPoints", "name"]);
    expect(document.effectiveTo).toBeNull();
  });

  it("checks the ruled draft against the metric catalogue and scores it as computed by hand", () => {
    const checked = checkEditableMethodology(ruled(), { metricCodes: KNOWN_METRIC_CODES });
    expect(checked.ok).toBe(true);
    if (!checked.ok) return;
    const score = scoreMethodology(checked.document, {
      "1.1.a": { value: 1, source: "Tự chấm" },
      PLAN_TASKS_DONE: { numerator: 7, denominator: 10 },
      ON_TIME: { numerator: 0, denominator: 0 },
      ONLINE_DOSSIER: { numerator: 96, denominator: 100 },
      ORIGINAL_RESULT_AVAILABLE: { numerator: 50, denominator: 100 },
      "2.3": { value: 1, source: "Sáng kiến được công nhận" },
      "2.4": { value: 0.5, source: "Văn bản nhắc nhở" },
    });
    // Manual: the level of 1 point. Threshold: 2 × min(1, 0,7 / 0,8) = 1,75.
    expect(find(score.nodes, "1.1.a").points).toBe(1);
    expect(find(score.nodes, "1.1.b").points).toBe(1.75);
    // Ratio with nothing to count, not applicable: area 1 is 1.1's 2,75 of 4 scaled to 10.
    expect(find(score.nodes, "1.2").applicable).toBe(false);
    expect(find(score.nodes, "1").points).toBe(6.88);
    // Steps: 96 % reaches the 95 % step (3); ratio 5 × 0,5; bonus +1; penalty −0,5.
    expect(find(score.nodes, "2.1").points).toBe(3);
    expect(find(score.nodes, "2.2").points).toBe(2.5);
    expect(find(score.nodes, "2.3").points).toBe(1);
    expect(find(score.nodes, "2.4").points).toBe(-0.5);
    expect(find(score.nodes, "2").points).toBe(6);
    expect(score.total).toBe(12.88);
    expect(score.band?.label).toBe("Trung bình");
  });

  it.each([
    ["full", 5, 8],
    ["none", 0, 3],
    ["split_to_siblings", 0, 5.5],
  ] as const)(
    "applies the %s policy to a step leaf with a zero denominator",
    (policy, leafPoints, areaPoints) => {
      const checked = checkEditableMethodology(ruled(policy));
      expect(checked.ok).toBe(true);
      if (!checked.ok) return;
      const score = scoreMethodology(checked.document, {
        ONLINE_DOSSIER: { numerator: 0, denominator: 0 },
        ORIGINAL_RESULT_AVAILABLE: { numerator: 50, denominator: 100 },
        "2.3": { value: 1, source: "Sáng kiến" },
        "2.4": { value: 0.5, source: "Nhắc nhở" },
      });
      expect(find(score.nodes, "2.1").points).toBe(leafPoints);
      // full: 5 + 2,5 + 1 − 0,5; none: 0 + 2,5 + 1 − 0,5; split: 2.2 scores 10 × 0,5.
      expect(find(score.nodes, "2").points).toBe(areaPoints);
    },
  );

  it("applies the not_applicable policy: the group's points come from the others, scaled", () => {
    const checked = checkEditableMethodology(ruled("not_applicable"));
    expect(checked.ok).toBe(true);
    if (!checked.ok) return;
    const score = scoreMethodology(checked.document, {
      ONLINE_DOSSIER: { numerator: 0, denominator: 0 },
      ORIGINAL_RESULT_AVAILABLE: { numerator: 50, denominator: 100 },
    });
    expect(find(score.nodes, "2.1").applicable).toBe(false);
    // 2,5 of 5 applicable, scaled to the area's 10.
    expect(find(score.nodes, "2").points).toBe(5);
  });

  it("refuses a missing policy, a split on a bonus, and empty parameters at their fields", () => {
    let model = ruled();
    model = leaf(model, [0, 1], { zeroDenominator: null });
    model = leaf(model, [1, 2], { zeroDenominator: "split_to_siblings" });
    model = leaf(model, [0, 0, 1], { rule: rule({ type: "threshold", thresholdPercent: null }) });
    model = leaf(model, [1, 0], {
      rule: rule({ type: "steps", steps: [{ minPercent: 100, points: 7 }] }),
    });
    const issues = issuesOf(model).map((i) => [i.path, i.where, i.message]);
    expect(issues).toEqual(
      expect.arrayContaining([
        [
          "nodes.0.children.0.children.1.rule.threshold",
          "Mục 1.1.b “Nhiệm vụ hoàn thành” › Ngưỡng",
          "Thiếu trường bắt buộc.",
        ],
      ]),
    );
    // Shape errors stop the check before the structure rules: fix the threshold, then see those.
    model = leaf(model, [0, 0, 1], { rule: rule({ type: "threshold", thresholdPercent: 80 }) });
    expect(issuesOf(model).map((i) => [i.path, i.where, i.message])).toEqual([
      [
        "nodes.0.children.1.zeroDenominator",
        "Mục 1.2 “Tỷ lệ hồ sơ đúng hạn” › Cách tính khi không phát sinh",
        "Cần khai báo cách tính khi không phát sinh: full, none, not_applicable, split_to_siblings.",
      ],
      [
        "nodes.1.children.0.rule.steps.0.points",
        "Mục 2.1 “Hồ sơ trực tuyến” › Bậc 1, điểm",
        "Điểm của bậc (7) lớn hơn điểm tối đa của chỉ tiêu (5).",
      ],
      [
        "nodes.1.children.2.zeroDenominator",
        "Mục 2.3 “Sáng kiến” › Cách tính khi không phát sinh",
        "Điểm thưởng, điểm trừ không chia cho các chỉ tiêu khác được.",
      ],
    ]);
  });

  it("refuses a metric the catalogue does not know at the leaf's metric", () => {
    const model = leaf(ruled(), [1, 1], { metric: "NO_SUCH_METRIC" });
    expect(issuesOf(model, KNOWN_METRIC_CODES)).toEqual([
      expect.objectContaining({
        path: "nodes.1.children.1.metric",
        nodePath: "nodes.1.children.1",
        field: "metric",
        where: "Mục 2.2 “Kết quả số hóa” › Chỉ số đo",
        message: "Không có chỉ số đo “NO_SUCH_METRIC” trong danh mục chỉ số của hệ thống.",
      }),
    ]);
  });

  it("places the document's own fields and the server's “document.” paths", () => {
    const model = { ...ruled(), version: " ", effectiveTo: "2025-12-31" };
    expect(issuesOf(model).map((i) => [i.path, i.nodePath, i.where])).toEqual([
      ["version", null, "Phiên bản"],
    ]);
    const fromServer = locateIssues(
      ruled(),
      [
        { path: "document.nodes.1.children.0.rule.steps.1.minRatio", message: "Sai." },
        { path: "document.bands.2.min", message: "Sai." },
      ],
      "document",
    );
    expect(fromServer.map((i) => [i.path, i.nodePath, i.field, i.where])).toEqual([
      [
        "nodes.1.children.0.rule.steps.1.minRatio",
        "nodes.1.children.0",
        "rule.steps.1.minRatio",
        "Mục 2.1 “Hồ sơ trực tuyến” › Bậc 2, tỷ lệ tối thiểu",
      ],
      ["bands.2.min", null, "bands.2.min", "Xếp loại 3, điểm sàn"],
    ]);
  });
});

describe("an existing document in the editor", () => {
  it("goes through the model unchanged (the shipped 766 index)", () => {
    const original = builtInMethodology("766")!;
    const checked = checkEditableMethodology(editableFromDocument(original), {
      metricCodes: KNOWN_METRIC_CODES,
    });
    expect(checked.ok && checked.document).toEqual(original);
  });

  it("suggests the next version", () => {
    expect(nextVersion("2026.1")).toBe("2026.2");
    expect(nextVersion("v9")).toBe("v10");
    expect(nextVersion("mau-2026")).toBe("mau-2026.2");
    expect(nextVersion("2026.1-portal")).toBe("2026.1-portal.2");
  });
});

describe("the metrics a leaf may bind to", () => {
  it("are exactly the catalogue the import checks, each with a Vietnamese name", () => {
    const options = metricOptions();
    expect(new Set(options.map((o) => o.code))).toEqual(KNOWN_METRIC_CODES);
    expect(options.find((o) => o.code === "ON_TIME")).toEqual({
      code: "ON_TIME",
      label: "Tỷ lệ hồ sơ xử lý trước hạn, đúng hạn (đã và đang xử lý)",
      origin: "kpi",
    });
    expect(options.find((o) => o.code === "PUBLISH_ON_TIME")?.origin).toBe("manual");
    expect(options.every((o) => o.label !== o.code)).toBe(true);
  });
});
