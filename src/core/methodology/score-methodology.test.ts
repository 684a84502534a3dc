/**
 * The scoring engine on hand-computed cases: every rule type, thresholds and steps at and around
 * their edges, every zero-denominator policy, bands at their boundaries, rounding.
 */
import { describe, expect, it } from "vitest";
import { roundPoints, scoreLeaf } from "./score-leaf.ts";
import { scoreMethodology, type ScoredNode } from "./score-methodology.ts";
import { summarizeScore } from "./score-summary.ts";
import type {
  MethodologyDocument,
  MethodologyLeaf,
  MethodologyNodeSpec,
  MetricInputs,
  ScoringRule,
  ZeroDenominatorPolicy,
} from "./scoring-types.ts";

const BANDS = [
  { code: "xuat_sac", label: "Xuất sắc", min: 90 },
  { code: "tot", label: "Tốt", min: 80 },
  { code: "kha", label: "Khá", min: 70 },
  { code: "trung_binh", label: "Trung bình", min: 50 },
  { code: "yeu", label: "Yếu", min: 0 },
];

function leaf(
  code: string,
  maxPoints: number,
  rule: ScoringRule = { type: "ratio" },
  zeroDenominator: ZeroDenominatorPolicy = "none",
  extra: Partial<MethodologyLeaf> = {},
): MethodologyLeaf {
  return { code, name: `Chỉ tiêu ${code}`, maxPoints, rule, zeroDenominator, ...extra };
}

function documentOf(nodes: MethodologyNodeSpec[], scale = 100): MethodologyDocument {
  return {
    code: "test",
    version: "1",
    name: "Bộ chỉ số thử",
    kind: "par_index",
    effectiveFrom: "2026-01-01",
    scale,
    bands: BANDS,
    nodes,
  };
}

/** One group "G" of `max` points holding the leaves, the whole document. */
function oneGroup(max: number, leaves: MethodologyNodeSpec[]) {
  return documentOf([{ code: "G", name: "Nhóm", maxPoints: max, children: leaves }], max);
}

const find = (nodes: ScoredNode[], code: string): ScoredNode => {
  for (const node of nodes) {
    if (node.code === code) return node;
    const found = node.children.length > 0 ? findOrNull(node.children, code) : null;
    if (found) return found;
  }
  throw new Error(`no ${code}`);
};
const findOrNull = (nodes: ScoredNode[], code: string): ScoredNode | null => {
  try {
    return find(nodes, code);
  } catch {
    return null;
  }
};

const points = (node: MethodologyLeaf, input: MetricInputs[string] | undefined) =>
  roundPoints(scoreLeaf(node, input).points);

describe("ratio: max × ratio", () => {
  it("explains itself with decimal comma and thousands dot", () => {
    const onTime = leaf("ON_TIME", 20, { type: "ratio" }, "none", {
      label: "Tiến độ giải quyết",
      unit: "hồ sơ đúng hạn",
    });
    const score = scoreLeaf(onTime, { numerator: 920, denominator: 1000 });
    expect(roundPoints(score.points)).toBe(18.4);
    expect(score.ratio).toBe(0.92);
    expect(score.basis).toBe("data");
    expect(score.explanation).toBe("Tiến độ giải quyết: 18,40/20 = 20 × 920/1.000 hồ sơ đúng hạn");
  });

  it("scores 0 of 0 counted as nothing measured, all counted as the maximum", () => {
    const l = leaf("A", 6);
    expect(points(l, { numerator: 0, denominator: 5 })).toBe(0);
    expect(points(l, { numerator: 5, denominator: 5 })).toBe(6);
    expect(points(l, { numerator: 1, denominator: 3 })).toBe(2);
  });

  it("reads a hand figure as a rate in percent, and names its source", () => {
    const score = scoreLeaf(
      leaf("PUBLISH_ON_TIME", 6, { type: "ratio" }, "full", { label: "Công bố" }),
      {
        value: 95,
        source: "Báo cáo của Sở Tư pháp",
      },
    );
    expect(roundPoints(score.points)).toBe(5.7);
    expect(score.basis).toBe("manual");
    expect(score.manual).toEqual({ value: 95, source: "Báo cáo của Sở Tư pháp" });
    expect(score.explanation).toBe(
      "Công bố: 5,70/6 = 6 × 95,00% (số liệu nhập tay, nguồn: Báo cáo của Sở Tư pháp)",
    );
  });
});

describe("threshold: max × min(1, ratio / threshold)", () => {
  const at80 = leaf("T", 2, { type: "threshold", threshold: 0.8 }, "none", { label: "T" });
  const at90 = leaf("S", 6, { type: "threshold", threshold: 0.9 }, "none", { label: "S" });

  it("is full at the threshold and above, proportional below", () => {
    expect(points(at80, { numerator: 80, denominator: 100 })).toBe(2);
    expect(points(at80, { numerator: 81, denominator: 100 })).toBe(2);
    expect(points(at80, { numerator: 100, denominator: 100 })).toBe(2);
    // 2 × 0,79 / 0,8 = 1,975 → 1,98
    expect(points(at80, { numerator: 79, denominator: 100 })).toBe(1.98);
    // 2 × 0,4 / 0,8 = 1
    expect(points(at80, { numerator: 40, denominator: 100 })).toBe(1);
    expect(points(at80, { numerator: 0, denominator: 100 })).toBe(0);
    expect(points(at90, { numerator: 900, denominator: 1000 })).toBe(6);
    // 6 × 0,899 / 0,9 = 5,9933…
    expect(points(at90, { numerator: 899, denominator: 1000 })).toBe(5.99);
    expect(points(at90, { numerator: 9, denominator: 10 })).toBe(6);
    expect(points(at90, { value: 90, source: "Cổng DVCQG" })).toBe(6);
    expect(points(at90, { value: 89.99, source: "Cổng DVCQG" })).toBe(6);
    expect(points(at90, { value: 89.9, source: "Cổng DVCQG" })).toBe(5.99);
  });

  it("says whether the threshold was reached", () => {
    expect(scoreLeaf(at90, { numerator: 855, denominator: 1000 }).explanation).toBe(
      "S: 5,70/6 = 6 × 855/1.000 ÷ 90%",
    );
    // At the threshold exactly, it is reached (not 6 × 90 % ÷ 90 %).
    expect(scoreLeaf(at90, { numerator: 900, denominator: 1000 }).explanation).toBe(
      "S: 6,00/6 — 900/1.000 = 90,00%, đạt ngưỡng 90%",
    );
    expect(scoreLeaf(at90, { numerator: 950, denominator: 1000 }).explanation).toBe(
      "S: 6,00/6 — 950/1.000 = 95,00%, đạt ngưỡng 90%",
    );
  });
});

describe("steps", () => {
  const table = leaf(
    "K",
    2,
    {
      type: "steps",
      steps: [
        { minRatio: 0, points: 0 },
        { minRatio: 1, points: 2 },
        { minRatio: 0.95, points: 1 },
      ],
    },
    "none",
    { label: "K" },
  );

  it("takes the highest step reached, whatever the order written", () => {
    expect(points(table, { numerator: 100, denominator: 100 })).toBe(2);
    expect(points(table, { numerator: 99, denominator: 100 })).toBe(1);
    expect(points(table, { numerator: 95, denominator: 100 })).toBe(1);
    expect(points(table, { numerator: 949, denominator: 1000 })).toBe(0);
    expect(points(table, { numerator: 0, denominator: 10 })).toBe(0);
    expect(points(table, { value: 95, source: "Biên bản kiểm tra" })).toBe(1);
    expect(scoreLeaf(table, { numerator: 96, denominator: 100 }).explanation).toBe(
      "K: 1,00/2 — 96/100 = 96,00%, mức từ 95%",
    );
  });

  it("scores nothing below the lowest step", () => {
    const noFloor = leaf("F", 2, { type: "steps", steps: [{ minRatio: 0.5, points: 2 }] });
    const score = scoreLeaf(noFloor, { numerator: 49, denominator: 100 });
    expect(score.points).toBe(0);
    expect(score.explanation).toContain("dưới mức thấp nhất của bảng bậc");
    expect(points(noFloor, { numerator: 50, denominator: 100 })).toBe(2);
  });
});

describe("manual levels", () => {
  const plan = leaf(
    "PLAN",
    1,
    {
      type: "manual",
      levels: [
        { label: "Ban hành đúng hạn", points: 1 },
        { label: "Ban hành chậm", points: 0.5 },
        { label: "Không ban hành", points: 0 },
      ],
    },
    "none",
    { label: "Kế hoạch CCHC" },
  );

  it("gives the level's points and names the level and the source", () => {
    const score = scoreLeaf(plan, { value: 0.5, source: "QĐ 15/QĐ-UBND" });
    expect(score.points).toBe(0.5);
    expect(score.level).toBe("Ban hành chậm");
    expect(score.basis).toBe("manual");
    expect(score.explanation).toBe(
      "Kế hoạch CCHC: 0,50/1 — mức “Ban hành chậm”, nhập tay, nguồn: QĐ 15/QĐ-UBND",
    );
  });

  it("follows its policy when nothing was entered", () => {
    const score = scoreLeaf(plan, undefined);
    expect(score).toMatchObject({
      points: 0,
      basis: "policy",
      policy: "none",
      policyReason: "missing",
    });
    expect(score.explanation).toBe(
      "Kế hoạch CCHC: 0,00/1 — chưa có số liệu: không được điểm theo quy định của bộ chỉ số",
    );
  });
});

describe("bonus and penalty", () => {
  const doc = oneGroup(10, [
    leaf("MAIN", 10),
    leaf("BONUS", 2, { type: "bonus" }, "none", { label: "Sáng kiến" }),
    leaf("PENALTY", 1, { type: "penalty" }, "none", { label: "Vi phạm" }),
  ]);

  it("adds the bonus and takes the penalty after the scored children", () => {
    const score = scoreMethodology(doc, {
      MAIN: { numerator: 8, denominator: 10 },
      BONUS: { value: 1.5, source: "QĐ khen thưởng" },
      PENALTY: { value: 1, source: "Kết luận kiểm tra" },
    });
    expect(score.total).toBe(8.5);
    const group = find(score.nodes, "G");
    expect(group.explanation).toBe("Nhóm: 8,50/10 + 1,50 (Sáng kiến) − 1,00 (Vi phạm)");
    expect(find(score.nodes, "BONUS").points).toBe(1.5);
    expect(find(score.nodes, "PENALTY").points).toBe(-1);
    expect(find(score.nodes, "PENALTY").explanation).toBe(
      "Vi phạm: −1,00 điểm trừ (tối đa 1) (nhập tay, nguồn: Kết luận kiểm tra)",
    );
  });

  it("keeps the group within 0 and its maximum", () => {
    const top = scoreMethodology(doc, {
      MAIN: { numerator: 10, denominator: 10 },
      BONUS: { value: 2, source: "x" },
    });
    expect(top.total).toBe(10);
    const bottom = scoreMethodology(doc, {
      MAIN: { numerator: 0, denominator: 10 },
      PENALTY: { value: 1, source: "x" },
    });
    expect(bottom.total).toBe(0);
  });

  it("scores a measured bonus as max × ratio", () => {
    const score = scoreMethodology(doc, {
      MAIN: { numerator: 5, denominator: 10 },
      BONUS: { numerator: 3, denominator: 4 },
    });
    expect(score.total).toBe(6.5);
  });
});

describe("zero-denominator policies", () => {
  it("full: the maximum, for no data and for a zero denominator, saying which", () => {
    const l = leaf("P", 6, { type: "ratio" }, "full", { label: "PAKN đúng hạn" });
    const missing = scoreLeaf(l, undefined);
    expect(missing).toMatchObject({
      points: 6,
      policy: "full",
      policyReason: "missing",
      ratio: null,
    });
    expect(missing.explanation).toBe(
      "PAKN đúng hạn: 6,00/6 — chưa có số liệu: được điểm tối đa theo quy định của bộ chỉ số",
    );
    const zero = scoreLeaf(l, { numerator: 0, denominator: 0 });
    expect(zero).toMatchObject({ points: 6, policyReason: "zero_denominator", denominator: 0 });
    expect(zero.explanation).toBe(
      "PAKN đúng hạn: 6,00/6 — không phát sinh (mẫu số bằng 0): được điểm tối đa theo quy định của bộ chỉ số",
    );
  });

  it("none: nothing", () => {
    const l = leaf("S", 6, { type: "threshold", threshold: 0.9 }, "none");
    expect(scoreLeaf(l, { numerator: 0, denominator: 0 })).toMatchObject({
      points: 0,
      max: 6,
      policy: "none",
      applicable: true,
    });
  });

  it("not_applicable: left out, the group scaled on the applicable children", () => {
    const doc = oneGroup(10, [
      leaf("A", 6),
      leaf("B", 4, { type: "ratio" }, "not_applicable", { label: "B" }),
    ]);
    const score = scoreMethodology(doc, { A: { numerator: 5, denominator: 10 } });
    // A: 6 × 0,5 = 3 of 6 applicable → 10 × 3/6 = 5
    expect(score.total).toBe(5);
    expect(find(score.nodes, "B")).toMatchObject({ points: 0, max: 0, applicable: false });
    expect(find(score.nodes, "B").explanation).toBe(
      "B: chưa có số liệu — không áp dụng; điểm của nhóm tính trên các chỉ tiêu còn lại",
    );
    expect(find(score.nodes, "G").explanation).toBe(
      "Nhóm: 5,00/10 = 10 × 3,00/6 điểm của các chỉ tiêu áp dụng",
    );
  });

  it("split_to_siblings: equal shares to the applicable siblings, scored on their larger maxima", () => {
    const doc = oneGroup(18, [
      leaf("P1", 6, { type: "ratio" }, "split_to_siblings", { label: "PAKN đúng hạn" }),
      leaf("P2", 6, { type: "ratio" }, "full"),
      leaf("D", 6, { type: "threshold", threshold: 0.9 }, "none"),
    ]);
    const score = scoreMethodology(doc, {
      P1: { numerator: 0, denominator: 0 },
      P2: { numerator: 8, denominator: 10 },
      D: { numerator: 855, denominator: 1000 },
    });
    // P2: 9 × 0,8 = 7,2; D: 9 × 0,855 / 0,9 = 8,55; total 15,75
    expect(find(score.nodes, "P2")).toMatchObject({ points: 7.2, max: 9, declaredMax: 6 });
    expect(find(score.nodes, "D")).toMatchObject({ points: 8.55, max: 9 });
    expect(find(score.nodes, "P1")).toMatchObject({
      points: 0,
      max: 0,
      policy: "split_to_siblings",
    });
    expect(score.total).toBe(15.75);
    expect(find(score.nodes, "P1").explanation).toBe(
      "PAKN đúng hạn: không phát sinh (mẫu số bằng 0) — 6 điểm chia đều cho các chỉ tiêu cùng nhóm",
    );
    expect(find(score.nodes, "D").explanation).toBe(
      "Chỉ tiêu D: 8,55/9 = 9 × 855/1.000 ÷ 90% (gồm 3 điểm chia từ: PAKN đúng hạn)",
    );
    // A sibling on the full policy takes its share in full too.
    const none = scoreMethodology(doc, { D: { numerator: 900, denominator: 1000 } });
    expect(none.total).toBe(18);
  });

  it("split_to_siblings skips siblings that are left out; nothing to split to leaves the group out", () => {
    const doc = documentOf([
      {
        code: "G1",
        name: "Nhóm 1",
        maxPoints: 50,
        children: [
          leaf("A", 25, { type: "ratio" }, "split_to_siblings"),
          leaf("B", 25, { type: "ratio" }, "not_applicable"),
        ],
      },
      { code: "G2", name: "Nhóm 2", maxPoints: 50, children: [leaf("C", 50)] },
    ]);
    const score = scoreMethodology(doc, { C: { numerator: 9, denominator: 10 } });
    expect(find(score.nodes, "G1")).toMatchObject({ applicable: false, points: 0, max: 0 });
    expect(find(score.nodes, "G1").explanation).toBe(
      "Nhóm 1: không có chỉ tiêu nào áp dụng — không tính vào tổng",
    );
    // 45 of 50 applicable → 100 × 45/50 = 90
    expect(score.total).toBe(90);
    expect(score.band?.label).toBe("Xuất sắc");
    expect(score.explanation).toBe(
      "Tổng điểm: 90,00/100 — xếp loại Xuất sắc (= 100 × 45,00/50 điểm của các chỉ tiêu áp dụng)",
    );
  });

  it("a document where nothing applies has no band", () => {
    const doc = oneGroup(10, [leaf("A", 10, { type: "ratio" }, "not_applicable")]);
    const score = scoreMethodology(doc, {});
    expect(score.total).toBe(0);
    expect(score.band).toBeNull();
    expect(score.explanation).toBe("Tổng điểm: 0,00/10 — không có chỉ tiêu nào áp dụng");
  });
});

describe("bands and rounding", () => {
  const single = documentOf([leaf("X", 100)]);
  const bandAt = (value: number) => scoreMethodology(single, { X: { value, source: "thử" } });

  it.each([
    [100, 100, "Xuất sắc"],
    [90, 90, "Xuất sắc"],
    [89.99, 89.99, "Tốt"],
    [80, 80, "Tốt"],
    [79.99, 79.99, "Khá"],
    [70, 70, "Khá"],
    [69.99, 69.99, "Trung bình"],
    [50, 50, "Trung bình"],
    [49.99, 49.99, "Yếu"],
    [0, 0, "Yếu"],
  ])("%s points → total %s, %s", (value, total, band) => {
    const score = bandAt(value);
    expect(score.total).toBe(total);
    expect(score.band?.label).toBe(band);
  });

  it("rounds the total to two decimals and bands the rounded total", () => {
    expect(bandAt(89.995)).toMatchObject({ total: 90, band: { code: "xuat_sac" } });
    expect(bandAt(89.994)).toMatchObject({ total: 89.99, band: { code: "tot" } });
    expect(bandAt(49.995).band?.code).toBe("trung_binh");
  });

  it("rounds half away from zero on the decimal value", () => {
    expect(roundPoints(1.005)).toBe(1.01);
    expect(roundPoints(2.675)).toBe(2.68);
    expect(roundPoints(18.4)).toBe(18.4);
    expect(roundPoints(-0.125)).toBe(-0.13);
    expect(roundPoints(1 / 3)).toBe(0.33);
  });

  it("adds exact points, not rounded ones", () => {
    // Three leaves of 1/3 each: 0,33 + 0,33 + 0,33 shown, but the total is 1,00.
    const doc = oneGroup(3, [leaf("A", 1), leaf("B", 1), leaf("C", 1)]);
    const third = { numerator: 1, denominator: 3 };
    const score = scoreMethodology(doc, { A: third, B: third, C: third });
    expect(find(score.nodes, "A").points).toBe(0.33);
    expect(score.total).toBe(1);
  });
});

describe("summary", () => {
  it("gives groups and indicators with points and maxima to two decimals, ratios to four", () => {
    const doc = documentOf([
      {
        code: "G",
        name: "Nhóm",
        maxPoints: 100,
        children: [leaf("A", 60), leaf("B", 40, { type: "ratio" }, "full")],
      },
    ]);
    const summary = summarizeScore(scoreMethodology(doc, { A: { numerator: 2, denominator: 3 } }));
    expect(summary).toEqual({
      total: 80,
      band: "Tốt",
      groups: [
        {
          code: "G",
          name: "Nhóm",
          points: 80,
          max: 100,
          indicators: [
            { code: "A", points: 40, max: 60, ratio: 0.6667 },
            { code: "B", points: 40, max: 40, ratio: null },
          ],
        },
      ],
    });
  });
});
