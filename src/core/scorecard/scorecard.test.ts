import { describe, expect, it } from "vitest";
import { checkMethodologyDocument, type MethodologyDocument } from "../methodology/index.ts";
import {
  checkBands,
  checkSelfEntry,
  emptyEntry,
  forecastScorecard,
  nextStatus,
  parIndexCommuneTemplate,
  rankUnits,
  scoreScorecard,
  submissionIssues,
  type LeafEntry,
} from "./index.ts";

/** Scale 10: A (6) = a1 manual 4 + a2 steps 2 (+ a3 bonus 1); B (4) = b1 manual 2 + b2 manual 2. */
const DOC: MethodologyDocument = (() => {
  const checked = checkMethodologyDocument({
    code: "par-test",
    version: "1",
    name: "Thử",
    kind: "par_index",
    effectiveFrom: "2026-01-01",
    scale: 10,
    bands: [
      { code: "tot", label: "Tốt", min: 8 },
      { code: "khac", label: "Khác", min: 0 },
    ],
    nodes: [
      {
        code: "A",
        name: "Lĩnh vực A",
        maxPoints: 6,
        children: [
          {
            code: "a1",
            name: "Kế hoạch",
            maxPoints: 4,
            rule: {
              type: "manual",
              levels: [
                { label: "Đủ", points: 4 },
                { label: "Một phần", points: 2 },
                { label: "Không", points: 0 },
              ],
            },
            zeroDenominator: "none",
          },
          {
            code: "a2",
            name: "Đúng hạn",
            maxPoints: 2,
            metric: "ON_TIME",
            unit: "hồ sơ đúng hạn",
            rule: {
              type: "steps",
              steps: [
                { minRatio: 1, points: 2 },
                { minRatio: 0.95, points: 1.5 },
                { minRatio: 0, points: 0 },
              ],
            },
            zeroDenominator: "not_applicable",
          },
          {
            code: "a3",
            name: "Sáng kiến",
            maxPoints: 1,
            rule: { type: "bonus" },
            zeroDenominator: "none",
          },
        ],
      },
      {
        code: "B",
        name: "Lĩnh vực B",
        maxPoints: 4,
        children: [
          {
            code: "b1",
            name: "Việc 1",
            maxPoints: 2,
            rule: { type: "manual", levels: [{ label: "Đủ", points: 2 }] },
            zeroDenominator: "none",
          },
          {
            code: "b2",
            name: "Việc 2",
            maxPoints: 2,
            rule: { type: "manual", levels: [{ label: "Đủ", points: 2 }] },
            zeroDenominator: "none",
          },
        ],
      },
    ],
  });
  if (!checked.ok) throw new Error(JSON.stringify(checked.errors));
  return checked.document;
})();

const entry = (code: string, patch: Partial<LeafEntry>): LeafEntry => ({
  ...emptyEntry(code),
  ...patch,
});

describe("scorecard scoring on a hand-computed tree", () => {
  const entries = [
    entry("a1", { selfPoints: 2, evidenceCount: 1 }),
    entry("a3", { selfPoints: 1, explanation: "Sáng kiến được công nhận" }),
    entry("b1", { notApplicable: true, explanation: "Không có văn bản phải ban hành" }),
    entry("b2", { selfPoints: 2, evidenceCount: 2 }),
  ];
  // a2 from data: 19/20 = 95 % → 1,5. A = 2 + 1,5 + 1 = 4,5. B: b1 leaves, 4 × 2/2 = 4. Total 8,5.
  const live = { ON_TIME: { numerator: 19, denominator: 20 } };

  it("scores self points, live leaves and 'không phát sinh' leaves out of the denominator", () => {
    const score = scoreScorecard(DOC, entries, live, { withAppraisal: false });
    expect(score.self.nodes.map((n) => n.points)).toEqual([4.5, 4]);
    expect(score.self.total).toBe(8.5);
    expect(score.selfIndex).toBe(85);
    expect(score.self.band?.code).toBe("tot");
    expect(score.appraised).toBeNull();
  });

  it("keeps both scores when the reviewer adjusts a leaf", () => {
    const appraised = entries.map((e) =>
      e.leafCode === "a1"
        ? { ...e, appraisedPoints: 0, appraisalNote: "Kế hoạch ban hành muộn" }
        : e,
    );
    const score = scoreScorecard(DOC, appraised, live, { withAppraisal: true });
    expect(score.self.total).toBe(8.5);
    // A = 0 + 1,5 + 1 = 2,5; B = 4 → 6,5.
    expect(score.appraised!.total).toBe(6.5);
    expect(score.appraisedIndex).toBe(65);
  });

  it("a reviewer lowering b2 changes B in the appraised total only", () => {
    const appraised = entries.map((e) => (e.leafCode === "b2" ? { ...e, appraisedPoints: 1 } : e));
    const score = scoreScorecard(DOC, appraised, live, { withAppraisal: true });
    // B = 4 × 1/2 = 2 → A 4,5 + 2 = 6,5.
    expect(score.appraised!.total).toBe(6.5);
  });

  it("overrides a live leaf only with a reason", () => {
    const leaf = {
      code: "a2",
      name: "x",
      maxPoints: 2,
      rule: { type: "ratio" as const },
      zeroDenominator: "none" as const,
    };
    expect(
      checkSelfEntry(leaf, { selfPoints: 2, overrideReason: null, notApplicable: false }),
    ).toMatch(/lý do/);
    expect(
      checkSelfEntry(leaf, { selfPoints: 3, overrideReason: "x", notApplicable: false }),
    ).toMatch(/vượt/);
    const overridden = [
      ...entries,
      entry("a2", { selfPoints: 2, overrideReason: "Hồ sơ trễ do lỗi hệ thống tỉnh" }),
    ];
    const score = scoreScorecard(DOC, overridden, live, { withAppraisal: false });
    expect(score.self.total).toBe(9);
    const a2 = score.self.nodes[0]!.children[1]!;
    expect(a2.explanation).toContain("Hồ sơ trễ do lỗi hệ thống tỉnh");
  });

  it("refuses to submit hand points without evidence or explanation", () => {
    const issues = submissionIssues(DOC, [...entries, entry("b1", { selfPoints: 2 })]);
    expect(issues.map((i) => i.leafCode)).toEqual(["b1"]);
    expect(submissionIssues(DOC, entries)).toEqual([]);
  });
});

describe("workflow", () => {
  it("moves draft → submitted → appraised → published, returns to draft", () => {
    expect(nextStatus("draft", "submit")).toBe("submitted");
    expect(nextStatus("submitted", "appraise")).toBe("appraised");
    expect(nextStatus("appraised", "publish")).toBe("published");
    expect(nextStatus("appraised", "return")).toBe("draft");
    expect(nextStatus("draft", "appraise")).toBeNull();
    expect(nextStatus("published", "return")).toBeNull();
  });
});

describe("ranking", () => {
  const bands = [
    { code: "A", label: "Nhóm A", min: 90 },
    { code: "B", label: "Nhóm B", min: 80 },
    { code: "C", label: "Nhóm C", min: 0 },
  ];
  it("ranks by final index, ties share a rank, unappraised units last", () => {
    const ranked = rankUnits(
      [
        { unitId: "1", unitName: "Phường Bình", index: 85 },
        { unitId: "2", unitName: "Phường An", index: 92.5 },
        { unitId: "3", unitName: "Xã Cư", index: 85 },
        { unitId: "4", unitName: "Xã Đông", index: null },
        { unitId: "5", unitName: "Xã Ê", index: 70 },
      ],
      bands,
    );
    expect(ranked.map((r) => [r.unitId, r.rank, r.band?.code ?? null])).toEqual([
      ["2", 1, "A"],
      ["1", 2, "B"],
      ["3", 2, "B"],
      ["5", 4, "C"],
      ["4", null, null],
    ]);
  });
  it("checks bands", () => {
    expect(checkBands(bands)).toBeNull();
    expect(checkBands([{ code: "A", label: "A", min: 50 }])).toMatch(/0%/);
    expect(
      checkBands([
        { code: "A", label: "A", min: 120 },
        { code: "B", label: "B", min: 0 },
      ]),
    ).toMatch(/100/);
  });
});

describe("forecast", () => {
  it("orders losing leaves by points at stake and says what recovers them", () => {
    const forecast = forecastScorecard({
      document: DOC,
      entries: [entry("a1", { selfPoints: 2, evidenceCount: 0 }), entry("b1", { selfPoints: 2 })],
      // 18/20 = 90 % → 0 of 2; next step 95 %: 20 more on time (38/40).
      live: { ON_TIME: { numerator: 18, denominator: 20 } },
      openTasks: [
        { areaKey: "direction", text: "Ban hành kế hoạch kiểm tra", dueDate: "2026-09-30" },
      ],
      asOf: "2026-06-30",
    });
    // A = 2 + 0 = 2 of 6; B = 2 + 0 = 2 of 4 → 4.
    expect(forecast.total).toBe(4);
    expect(forecast.index).toBe(40);
    expect(forecast.losses.map((l) => [l.leafCode, l.stake])).toEqual([
      ["a1", 2],
      ["a2", 2],
      ["b2", 2],
    ]);
    const a2 = forecast.losses.find((l) => l.leafCode === "a2")!;
    expect(a2.recovery[0]).toContain("thêm 20 hồ sơ đúng hạn");
    const a1 = forecast.losses.find((l) => l.leafCode === "a1")!;
    expect(a1.recovery.join(" ")).toContain("Ban hành kế hoạch kiểm tra");
    expect(a1.recovery.join(" ")).toContain("Chưa có tài liệu kiểm chứng");
    const b2 = forecast.losses.find((l) => l.leafCode === "b2")!;
    expect(b2.recovery[0]).toMatch(/Chưa tự chấm/);
  });
});

describe("commune PAR template", () => {
  it("is a valid document with the eight standard areas adding up to 100", () => {
    const doc = parIndexCommuneTemplate();
    expect(doc.kind).toBe("par_index");
    expect(doc.nodes).toHaveLength(8);
    expect(doc.nodes.reduce((s, n) => s + n.maxPoints, 0)).toBe(100);
  });
});
