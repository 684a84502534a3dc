import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  buildMethodologyTree,
  depthLabel,
  impliedParentRef,
  normalizeRef,
  type CriterionRowInput,
  type MethodologyNode,
} from "./methodology-tree.ts";

const row = (
  ref: string | null,
  text: string,
  maxPoints: number | null,
  extra: Partial<CriterionRowInput> = {},
): CriterionRowInput => ({ ref, text, maxPoints, ...extra });

/** A part of a self-scoring appendix: area 1 complete, area 3 printed in part. */
const appendix: CriterionRowInput[] = [
  row("1", "CÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH CCHC", 5.5),
  row("1.1", "Kế hoạch cải cách hành chính năm", 2),
  row("1.1.1", "Ban hành kế hoạch kịp thời", 1, { evidenceHint: "Quyết định ban hành" }),
  row("1.1.2", "Mức độ thực hiện kế hoạch", 1),
  row("1.2", "Kiểm tra cải cách hành chính", 2),
  row("1.3", "Công tác tuyên truyền cải cách hành chính", 1.5),
  row("3", "CẢI CÁCH THỦ TỤC HÀNH CHÍNH", 10),
  row("3.3", "Kết quả giải quyết hồ sơ thủ tục hành chính", 3),
  row("3.3.1", "Tỷ lệ hồ sơ giải quyết đúng hạn", 2),
  row("3.3.2", "Xin lỗi người dân khi để trễ hạn", 1),
];

function shape(node: MethodologyNode): unknown {
  return [node.ref, node.effectiveMaxPoints, node.children.map(shape)];
}

describe("buildMethodologyTree", () => {
  it("nests rows by the prefix of their TT, with depths and the total", () => {
    const tree = buildMethodologyTree(appendix);
    expect(tree.errors).toEqual([]);
    expect(tree.roots.map(shape)).toEqual([
      [
        "1",
        5.5,
        [
          [
            "1.1",
            2,
            [
              ["1.1.1", 1, []],
              ["1.1.2", 1, []],
            ],
          ],
          ["1.2", 2, []],
          ["1.3", 1.5, []],
        ],
      ],
      [
        "3",
        10,
        [
          [
            "3.3",
            3,
            [
              ["3.3.1", 2, []],
              ["3.3.2", 1, []],
            ],
          ],
        ],
      ],
    ]);
    expect(tree.nodes.map((n) => n.depth)).toEqual([1, 2, 3, 3, 2, 2, 1, 2, 3, 3]);
    expect(tree.nodes[2]!.evidenceHint).toBe("Quyết định ban hành");
    expect(tree.totalMaxPoints).toBe(15.5);
  });

  it("warns, with the row and decimal comma, when a parent's points are not its children's sum", () => {
    const tree = buildMethodologyTree(appendix);
    expect(tree.warnings.map((w) => [w.code, w.row])).toEqual([
      ["CRITERION_POINTS_MISMATCH", 7],
      ["METHODOLOGY_TOTAL_NOT_SCALE", null],
    ]);
    expect(tree.warnings[0]!.message).toBe(
      "Dòng 7 (TT 3): điểm tối đa 10 khác tổng điểm tối đa các mục con (3).",
    );
    expect(tree.warnings[1]!.message).toContain("Tổng điểm tối đa là 15,5, khác thang điểm 100");
    expect(tree.nodes[6]!.childrenMaxPoints).toBe(3);
  });

  it("takes a parent's maximum from its children when the table leaves it blank", () => {
    const tree = buildMethodologyTree([
      row("1", "Lĩnh vực", null),
      row("1.1", "Tiêu chí", 0.25),
      row("1.2", "Tiêu chí", 0.5),
      row("2", "Lĩnh vực", 99.25),
    ]);
    expect(tree.errors).toEqual([]);
    expect(tree.warnings).toEqual([]);
    expect(tree.roots[0]!.effectiveMaxPoints).toBe(0.75);
    expect(tree.totalMaxPoints).toBe(100);
  });

  it("adds decimals without binary noise", () => {
    const tree = buildMethodologyTree([
      row("1", "A", 0.3),
      row("1.1", "B", 0.1),
      row("1.2", "C", 0.2),
    ]);
    expect(tree.warnings.map((w) => w.code)).toEqual(["METHODOLOGY_TOTAL_NOT_SCALE"]);
    expect(tree.roots[0]!.childrenMaxPoints).toBe(0.3);
  });

  it("warns about a criterion without maximum points", () => {
    const tree = buildMethodologyTree([row("1", "Lĩnh vực", 100), row("1.1", "Tiêu chí", null)]);
    expect(tree.errors).toEqual([]);
    expect(tree.warnings).toEqual([
      {
        code: "CRITERION_MAX_POINTS_MISSING",
        message: "Dòng 2 (TT 1.1): chưa có điểm tối đa.",
        row: 2,
        ref: "1.1",
      },
    ]);
  });

  it("places letter items under the row their parentRef names, the nearest one above", () => {
    const tree = buildMethodologyTree([
      row("1", "Lĩnh vực 1", 50),
      row("a", "Nội dung a", 25, { parentRef: "1" }),
      row("b", "Nội dung b", 25, { parentRef: "1" }),
      row("2", "Lĩnh vực 2", 50),
      row("a", "Nội dung a", 50, { parentRef: "2" }),
    ]);
    expect(tree.errors).toEqual([]);
    expect(tree.warnings).toEqual([]);
    expect(tree.roots.map((r) => r.children.map((c) => c.row))).toEqual([[2, 3], [5]]);
  });

  it("lets the TT's prefix win over a stale parentRef", () => {
    const tree = buildMethodologyTree([
      row("1", "A", 1),
      row("2", "B", 1),
      row("2.1", "C", 1, { parentRef: "1" }),
    ]);
    expect(tree.nodes[2]!.parentRow).toBe(2);
  });

  it("normalises refs: trailing dots and brackets, spaces", () => {
    expect(normalizeRef(" 1.1. ")).toBe("1.1");
    expect(normalizeRef("a)")).toBe("a");
    expect(normalizeRef(null)).toBe("");
    expect(impliedParentRef("1.1.2")).toBe("1.1");
    expect(impliedParentRef("1")).toBeNull();
    expect(impliedParentRef("IV")).toBeNull();
    const tree = buildMethodologyTree([row("1.", "A", 1), row("1.1.", "B", 1)]);
    expect(tree.errors).toEqual([]);
    expect(tree.nodes.map((n) => [n.ref, n.parentRow])).toEqual([
      ["1", null],
      ["1.1", 1],
    ]);
  });

  it("names the levels of the PAR Index", () => {
    expect([1, 2, 3, 4].map(depthLabel)).toEqual([
      "Lĩnh vực",
      "Tiêu chí",
      "Tiêu chí thành phần",
      "Nội dung",
    ]);
  });

  describe("errors, in Vietnamese with the row", () => {
    it("an empty table", () => {
      expect(buildMethodologyTree([]).errors).toEqual([
        {
          code: "CRITERIA_EMPTY",
          message: "Bảng tiêu chí không có dòng nào.",
          row: null,
          ref: null,
        },
      ]);
    });

    it("a repeated TT under the same parent", () => {
      const tree = buildMethodologyTree([
        row("1", "A", 2),
        row("1.1", "B", 1),
        row("1.1", "C", 1),
        row("1", "D", 1),
      ]);
      expect(tree.errors).toEqual([
        {
          code: "CRITERION_REF_DUPLICATE",
          message: "Dòng 3 (TT 1.1): số thứ tự “1.1” trùng với dòng 2.",
          row: 3,
          ref: "1.1",
        },
        {
          code: "CRITERION_REF_DUPLICATE",
          message: "Dòng 4 (TT 1): số thứ tự “1” trùng với dòng 1.",
          row: 4,
          ref: "1",
        },
      ]);
    });

    it("an orphan row: its parent is missing or only below it", () => {
      const tree = buildMethodologyTree([
        row("1", "A", 1),
        row("2.1", "B", 1),
        row("b", "C", 1, { parentRef: "4" }),
        row("4", "D", 1),
      ]);
      expect(tree.errors.map((e) => [e.code, e.row, e.message])).toEqual([
        [
          "CRITERION_PARENT_NOT_FOUND",
          2,
          "Dòng 2 (TT 2.1): không tìm thấy mục cha “2” ở các dòng phía trên.",
        ],
        [
          "CRITERION_PARENT_NOT_FOUND",
          3,
          "Dòng 3 (TT b): không tìm thấy mục cha “4” ở các dòng phía trên.",
        ],
      ]);
    });

    it("a row without TT or text, and impossible points", () => {
      const tree = buildMethodologyTree([
        row(null, "Không có số", 1),
        row("2", "  ", 1),
        row("3", "Âm", -1),
        row("4", "Quá lớn", 5000),
        row("5", "Không phải số", Number.NaN),
      ]);
      expect(tree.errors.map((e) => [e.code, e.row])).toEqual([
        ["CRITERION_REF_MISSING", 1],
        ["CRITERION_TEXT_MISSING", 2],
        ["CRITERION_MAX_POINTS_INVALID", 3],
        ["CRITERION_MAX_POINTS_INVALID", 4],
        ["CRITERION_MAX_POINTS_INVALID", 5],
      ]);
      expect(tree.errors[0]!.message).toBe("Dòng 1: thiếu số thứ tự (TT).");
      expect(tree.errors[1]!.message).toBe("Dòng 2 (TT 2): thiếu nội dung tiêu chí.");
      expect(tree.errors[2]!.message).toBe("Dòng 3 (TT 3): điểm tối đa phải là số từ 0 đến 1.000.");
    });
  });
});

// ----- properties -------------------------------------------------------------------------------

interface GeneratedNode {
  /** Leaf points in quarters (0,25 steps); a parent's are its children's sum. */
  quarters: number;
  children: GeneratedNode[];
}

const leaf = fc.integer({ min: 0, max: 40 }).map((quarters) => ({ quarters, children: [] }));
const generatedTree = fc.letrec<{ node: GeneratedNode }>((tie) => ({
  node: fc.oneof(
    { depthSize: "small", withCrossShrink: true },
    leaf,
    fc
      .array(tie("node"), { minLength: 1, maxLength: 4 })
      .map((children) => ({ quarters: children.reduce((s, c) => s + c.quarters, 0), children })),
  ),
})).node;
const forest = fc.array(generatedTree, { minLength: 1, maxLength: 6 });

/** The table a forest prints as: pre-order, dotted refs, parents' points the sums. */
function toRows(roots: GeneratedNode[], withParentRef: boolean): CriterionRowInput[] {
  const rows: CriterionRowInput[] = [];
  const visit = (node: GeneratedNode, ref: string, parentRef: string | null) => {
    rows.push({
      ref,
      text: `Tiêu chí ${ref}`,
      maxPoints: node.quarters / 4,
      ...(withParentRef ? { parentRef } : {}),
    });
    node.children.forEach((child, index) => visit(child, `${ref}.${index + 1}`, ref));
  };
  roots.forEach((root, index) => visit(root, String(index + 1), null));
  return rows;
}

describe("buildMethodologyTree properties", () => {
  it("a consistent table has no errors, no point warnings, and keeps every row", () => {
    fc.assert(
      fc.property(forest, fc.boolean(), (roots, withParentRef) => {
        const rows = toRows(roots, withParentRef);
        const tree = buildMethodologyTree(rows);
        expect(tree.errors).toEqual([]);
        expect(tree.warnings.filter((w) => w.code !== "METHODOLOGY_TOTAL_NOT_SCALE")).toEqual([]);
        expect(tree.nodes.map((n) => n.ref)).toEqual(rows.map((r) => r.ref));
        expect(tree.totalMaxPoints).toBeCloseTo(roots.reduce((s, r) => s + r.quarters, 0) / 4, 9);
        for (const node of tree.nodes) {
          const parent = node.parentRow === null ? null : tree.nodes[node.parentRow - 1]!;
          expect(parent?.ref ?? null).toBe(impliedParentRef(node.ref));
          expect(node.depth).toBe(node.ref.split(".").length);
        }
      }),
    );
  });

  it("changing one parent's points warns on that row, and on its own parent if it has one", () => {
    const withParent = forest.filter((roots) => roots.some((r) => r.children.length > 0));
    fc.assert(
      fc.property(withParent, fc.nat(), fc.integer({ min: 1, max: 20 }), (roots, pick, delta) => {
        const rows = toRows(roots, false);
        const tree = buildMethodologyTree(rows);
        const parents = tree.nodes.filter((n) => n.children.length > 0);
        const target = parents[pick % parents.length]!;
        rows[target.row - 1] = { ...rows[target.row - 1]!, maxPoints: target.maxPoints! + delta };
        const changed = buildMethodologyTree(rows);
        expect(changed.errors).toEqual([]);
        const mismatches = changed.warnings.filter((w) => w.code === "CRITERION_POINTS_MISMATCH");
        const expected = target.parentRow === null ? [target.row] : [target.parentRow, target.row];
        expect(mismatches.map((w) => w.row)).toEqual(expected);
      }),
    );
  });

  it("repeating any row at the end is a duplicate error naming both rows", () => {
    fc.assert(
      fc.property(forest, fc.nat(), (roots, pick) => {
        const rows = toRows(roots, false);
        const copied = rows[pick % rows.length]!;
        const tree = buildMethodologyTree([...rows, copied]);
        expect(tree.errors).toHaveLength(1);
        expect(tree.errors[0]).toMatchObject({
          code: "CRITERION_REF_DUPLICATE",
          row: rows.length + 1,
          ref: copied.ref,
        });
        expect(tree.errors[0]!.message).toContain(`trùng với dòng ${(pick % rows.length) + 1}`);
      }),
    );
  });

  it("dropping a parent row makes each of its children an orphan", () => {
    const withParent = forest.filter((roots) => roots.some((r) => r.children.length > 0));
    fc.assert(
      fc.property(withParent, fc.nat(), (roots, pick) => {
        const rows = toRows(roots, false);
        const full = buildMethodologyTree(rows);
        const parents = full.nodes.filter((n) => n.children.length > 0);
        const dropped = parents[pick % parents.length]!;
        const tree = buildMethodologyTree(rows.filter((_, i) => i !== dropped.row - 1));
        expect(tree.errors.every((e) => e.code === "CRITERION_PARENT_NOT_FOUND")).toBe(true);
        expect(tree.errors.map((e) => e.ref)).toEqual(dropped.children.map((c) => c.ref));
      }),
    );
  });
});
