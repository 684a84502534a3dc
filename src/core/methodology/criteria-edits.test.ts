/**
 * Editing the criteria tree in the rule editor: add a group, a criterion, a sub-group; remove a
 * node with its subtree (the last leaf of a group too); rename with unique codes; move among
 * siblings (not past either end); the sums the schema requires, as the schema words them. A
 * removed criterion is gone from the document, its check and its score.
 */
import { describe, expect, it } from "vitest";
import {
  NEW_CRITERION_NAME,
  NEW_GROUP_NAME,
  addCriterion,
  addGroup,
  canMove,
  descendantCount,
  groupPoints,
  moveNode,
  removeNode,
  renameNode,
  scalePoints,
  type CriteriaEdit,
} from "./criteria-edits.ts";
import { builtInMethodology } from "./documents/index.ts";
import { checkMethodologyDocument, leavesOf } from "./methodology-document.ts";
import {
  checkEditableMethodology,
  documentFromEditable,
  editableFromCriteria,
  editableFromDocument,
  editableLeaves,
  emptyRule,
  nodeAt,
  updateNode,
  type DraftCriterion,
  type EditableMethodology,
  type EditableNode,
} from "./rule-editor.ts";
import { scoreMethodology } from "./score-methodology.ts";

const row = (
  id: string,
  parentId: string | null,
  ref: string,
  text: string,
  maxPoints: number,
): DraftCriterion => ({
  id,
  parentId,
  ref,
  text,
  maxPoints,
  effectiveMaxPoints: maxPoints,
  evidenceHint: null,
});

/** 1 (10) › 1.1 (4) › a, b (2 each); 1.2 (6) — 2 (10) › 2.1, 2.2 (5 each). */
const draft = () =>
  editableFromCriteria(
    [
      row("r1", null, "1", "Công tác chỉ đạo, điều hành", 10),
      row("r2", "r1", "1.1", "Kế hoạch CCHC năm", 4),
      row("r3", "r2", "a", "Ban hành kịp thời", 2),
      row("r4", "r2", "b", "Nhiệm vụ hoàn thành", 2),
      row("r5", "r1", "1.2", "Tỷ lệ hồ sơ đúng hạn", 6),
      row("r6", null, "2", "Hiện đại hóa", 10),
      row("r7", "r6", "2.1", "Hồ sơ trực tuyến", 5),
      row("r8", "r6", "2.2", "Kết quả số hóa", 5),
    ],
    { name: "Thử cây tiêu chí", year: 2026 },
  );

/** The shipped 766 index: every leaf already has a rule, so the model checks as a document. */
const index766 = () => editableFromDocument(builtInMethodology("766")!);

const tree = (nodes: readonly EditableNode[]): unknown[] =>
  nodes.map((n) => (n.group ? [n.code, tree(n.children)] : n.code));

function applied(edit: CriteriaEdit) {
  if (!edit.ok) throw new Error(`refused: ${edit.message}`);
  return edit;
}

const issuesOf = (model: EditableMethodology) => {
  const checked = checkEditableMethodology(model);
  return checked.ok ? [] : checked.issues.map((i) => [i.path, i.message]);
};

describe("adding to the criteria tree", () => {
  it("adds an empty group at the end of the top level with the next free code", () => {
    const edit = applied(addGroup(draft()));
    expect(edit.indexes).toEqual([2]);
    expect(nodeAt(edit.model, [2])).toMatchObject({
      code: "3",
      name: NEW_GROUP_NAME,
      maxPoints: null,
      group: true,
      children: [],
    });
    // The empty group is refused as a group, not as a leaf without a rule.
    expect(issuesOf(edit.model)).toContainEqual(["nodes.2.maxPoints", "Thiếu trường bắt buộc."]);
    expect(documentFromEditable(edit.model).nodes).toContainEqual({
      code: "3",
      name: NEW_GROUP_NAME,
      children: [],
    });
  });

  it("adds a criterion to a group, coded after its parent, and skips codes already used", () => {
    let model = draft();
    const first = applied(addCriterion(model, [1]));
    expect(first.indexes).toEqual([1, 2]);
    expect(nodeAt(first.model, [1, 2])).toMatchObject({
      code: "2.3",
      name: NEW_CRITERION_NAME,
      group: false,
      rule: emptyRule(),
      zeroDenominator: null,
    });
    // "2.4" is taken elsewhere in the document: the next criterion of group 2 is "2.5".
    model = applied(renameNode(first.model, [0, 1], { code: "2.4", name: "Đúng hạn" })).model;
    const second = applied(addCriterion(model, [1]));
    expect(tree(second.model.nodes)).toEqual([
      ["1", [["1.1", ["1.1.a", "1.1.b"]], "2.4"]],
      ["2", ["2.1", "2.2", "2.3", "2.5"]],
    ]);
    expect(editableLeaves(second.model).map((l) => l.node.code)).toContain("2.5");
  });

  it("adds a sub-group under a group (the schema nests groups), never under a leaf", () => {
    const sub = applied(addGroup(draft(), [1]));
    expect(sub.indexes).toEqual([1, 2]);
    const leafUnder = applied(addCriterion(sub.model, sub.indexes));
    expect(nodeAt(leafUnder.model, leafUnder.indexes)?.code).toBe("2.3.1");
    expect(addCriterion(draft(), [0, 1])).toEqual({
      ok: false,
      field: "parent",
      message: "Mục 1.2 là chỉ tiêu (có quy tắc chấm); chỉ thêm được mục con vào một nhóm.",
    });
    expect(addGroup(draft(), [5]).ok).toBe(false);
  });

  it("makes a document the engine scores once the new criterion has a rule and the sums agree", () => {
    let model = applied(addCriterion(index766(), [1])).model;
    model = updateNode(model, [1, 1], (node) => ({
      ...node,
      maxPoints: 5,
      metric: "ONLINE_DOSSIER",
      rule: { ...emptyRule(), type: "ratio" },
      zeroDenominator: "none",
    }));
    // Group PROGRESS now sums 25 against its 20; the scale 100 against 105.
    expect(groupPoints(nodeAt(model, [1])!)).toEqual({
      declared: 20,
      sum: 25,
      problem: "Điểm tối đa 20 khác tổng điểm tối đa các mục con (25).",
    });
    expect(issuesOf(model)).toEqual([
      ["nodes.1.maxPoints", "Điểm tối đa 20 khác tổng điểm tối đa các mục con (25)."],
    ]);
    model = updateNode(model, [1], (node) => ({ ...node, maxPoints: 25 }));
    expect(scalePoints(model)).toEqual({
      declared: 100,
      sum: 105,
      problem: "Thang điểm 100 khác tổng điểm tối đa các nhóm (105).",
    });
    model = { ...model, scale: 105 };
    expect(scalePoints(model).problem).toBeNull();
    const checked = checkEditableMethodology(model);
    expect(checked.ok).toBe(true);
    if (!checked.ok) return;
    const score = scoreMethodology(checked.document, {
      ON_TIME: { numerator: 900, denominator: 1000 },
      ONLINE_DOSSIER: { numerator: 40, denominator: 100 },
    });
    const progress = score.nodes[1]!;
    // 20 × 0,9 + 5 × 0,4.
    expect(progress.children.map((c) => [c.code, c.points])).toEqual([
      ["ON_TIME", 18],
      ["PROGRESS.2", 2],
    ]);
    expect(progress.points).toBe(20);
  });
});

describe("removing from the criteria tree", () => {
  it("removes a leaf; the removed criterion is gone from the document, its check and its score", () => {
    const model = removeNode(index766(), [0, 3]); // DOSSIER_SYNC (6 of TRANSPARENCY's 18)
    const json = documentFromEditable(model) as { nodes: { children: { code: string }[] }[] };
    expect(json.nodes[0]!.children.map((c) => c.code)).toEqual([
      "PUBLISH_ON_TIME",
      "PUBLIC_UPDATE_ON_TIME",
      "PUBLIC_CONTENT_FULL",
    ]);
    expect(JSON.stringify(json)).not.toContain("DOSSIER_SYNC");
    // The group's maximum no longer adds up until the official fixes it.
    expect(groupPoints(nodeAt(model, [0])!).problem).toBe(
      "Điểm tối đa 18 khác tổng điểm tối đa các mục con (12).",
    );
    const fixed = { ...updateNode(model, [0], (n) => ({ ...n, maxPoints: 12 })), scale: 94 };
    const checked = checkMethodologyDocument(documentFromEditable(fixed));
    expect(checked.ok).toBe(true);
    if (!checked.ok) return;
    expect(leavesOf(checked.document).map((l) => l.leaf.code)).not.toContain("DOSSIER_SYNC");
    const score = scoreMethodology(checked.document, {
      DOSSIER_SYNC: { numerator: 0, denominator: 100 },
    });
    expect(score.nodes[0]!.children.map((c) => c.code)).not.toContain("DOSSIER_SYNC");
    expect(score.nodes[0]!.max).toBe(12);
  });

  it("removes a group with its whole subtree and says how many nodes lay under it", () => {
    const model = draft();
    expect(descendantCount(nodeAt(model, [0])!)).toBe(4);
    expect(descendantCount(nodeAt(model, [0, 1])!)).toBe(0);
    const removed = removeNode(model, [0]);
    expect(tree(removed.nodes)).toEqual([["2", ["2.1", "2.2"]]]);
    expect(JSON.stringify(documentFromEditable(removed))).not.toMatch(/"1\.1\.a"|"1\.2"/);
  });

  it("keeps a group whose last criterion is removed a group, refused as empty by the schema", () => {
    let model = removeNode(draft(), [0, 0, 1]);
    model = removeNode(model, [0, 0, 0]);
    expect(nodeAt(model, [0, 0])).toMatchObject({ code: "1.1", group: true, children: [] });
    expect(editableLeaves(model).map((l) => l.node.code)).not.toContain("1.1");
    const issues = checkEditableMethodology(model);
    expect(issues.ok).toBe(false);
    if (issues.ok) return;
    expect(issues.issues).toContainEqual(
      expect.objectContaining({
        path: "nodes.0.children.0.children",
        nodePath: "nodes.0.children.0",
        where: "Mục 1.1 “Kế hoạch CCHC năm” › Mục con",
        message: "Nhóm chưa có mục con nào.",
      }),
    );
    // A criterion added back makes it a group with a child again.
    const again = applied(addCriterion(model, [0, 0]));
    expect(nodeAt(again.model, again.indexes)?.code).toBe("1.1.1");
  });

  it("leaves the model as it is for an index that does not exist", () => {
    const model = draft();
    expect(removeNode(model, [7])).toBe(model);
    expect(removeNode(model, [])).toBe(model);
  });
});

describe("renaming a node", () => {
  it("changes code and name, trimmed, and keeps the rest of the node", () => {
    const model = index766();
    const edit = applied(
      renameNode(model, [1, 0], { code: " TIEN_DO ", name: " Tiến độ giải quyết hồ sơ " }),
    );
    expect(nodeAt(edit.model, [1, 0])).toMatchObject({
      code: "TIEN_DO",
      name: "Tiến độ giải quyết hồ sơ",
      metric: null,
      rule: { type: "ratio" },
      maxPoints: 20,
    });
    // Keeping its own code is not a clash.
    expect(renameNode(model, [1, 0], { code: "ON_TIME", name: "Đúng hạn" }).ok).toBe(true);
  });

  it("refuses a code another node has, naming that node", () => {
    expect(renameNode(draft(), [1, 1], { code: "1.1.a", name: "Kết quả số hóa" })).toEqual({
      ok: false,
      field: "code",
      message: "Mã “1.1.a” đã được dùng cho mục “Ban hành kịp thời”; mỗi mục cần một mã riêng.",
    });
    // A group's code clashes with a leaf's too.
    const clash = renameNode(draft(), [1], { code: "1.2", name: "Hiện đại hóa" });
    expect(clash.ok === false && clash.message).toContain("“Tỷ lệ hồ sơ đúng hạn”");
  });

  it("refuses an empty or malformed code and an empty name", () => {
    const model = draft();
    expect(renameNode(model, [0], { code: "  ", name: "Một" })).toMatchObject({
      ok: false,
      field: "code",
      message: "Mã không được để trống.",
    });
    expect(renameNode(model, [0], { code: "Tiêu chí 1", name: "Một" })).toMatchObject({
      ok: false,
      field: "code",
      message: "Mã chỉ gồm chữ không dấu, số, “_”, “-”, “.” (tối đa 80 ký tự).",
    });
    expect(renameNode(model, [0], { code: "I", name: " " })).toMatchObject({
      ok: false,
      field: "name",
      message: "Tên không được để trống.",
    });
    expect(renameNode(model, [0], { code: "I", name: "x".repeat(1001) }).ok).toBe(false);
  });
});

describe("moving a node among its siblings", () => {
  it("moves a leaf up and down within its group, with its rule", () => {
    const model = index766();
    const down = moveNode(model, [0, 0], 1);
    expect(down.nodes[0]!.children.map((c) => c.code)).toEqual([
      "PUBLIC_UPDATE_ON_TIME",
      "PUBLISH_ON_TIME",
      "PUBLIC_CONTENT_FULL",
      "DOSSIER_SYNC",
    ]);
    const up = moveNode(down, [0, 1], -1);
    expect(up.nodes[0]!.children.map((c) => c.code)).toEqual(
      model.nodes[0]!.children.map((c) => c.code),
    );
    expect(checkEditableMethodology(down).ok).toBe(true);
  });

  it("moves a group with its subtree at the top level", () => {
    expect(tree(moveNode(draft(), [1], -1).nodes)).toEqual([
      ["2", ["2.1", "2.2"]],
      ["1", [["1.1", ["1.1.a", "1.1.b"]], "1.2"]],
    ]);
  });

  it("does not move the first item up nor the last down: the same model comes back", () => {
    const model = draft();
    expect(canMove(model, [0], -1)).toBe(false);
    expect(moveNode(model, [0], -1)).toBe(model);
    expect(canMove(model, [0, 1], 1)).toBe(false);
    expect(moveNode(model, [0, 1], 1)).toBe(model);
    expect(canMove(model, [0, 0], 1)).toBe(true);
    expect(canMove(model, [], 1)).toBe(false);
    expect(moveNode(model, [9], 1)).toBe(model);
  });
});

describe("the sums the schema requires", () => {
  it("counts children (empty maxima as 0), leaves bonus and penalty out, and words it as the schema does", () => {
    let model = draft();
    expect(groupPoints(nodeAt(model, [0])!)).toEqual({ declared: 10, sum: 10, problem: null });
    model = updateNode(model, [1, 1], (n) => ({ ...n, maxPoints: 2.5 }));
    const group = groupPoints(nodeAt(model, [1])!);
    expect(group).toEqual({
      declared: 10,
      sum: 7.5,
      problem: "Điểm tối đa 10 khác tổng điểm tối đa các mục con (7,5).",
    });
    // The schema says the same at the group's maximum.
    model = updateNode(model, [1, 1], (n) => ({ ...n, maxPoints: null }));
    expect(groupPoints(nodeAt(model, [1])!).sum).toBe(5);
    const bonus = applied(addCriterion(draft(), [1]));
    const withBonus = updateNode(bonus.model, bonus.indexes, (n) => ({
      ...n,
      maxPoints: 1,
      rule: { ...emptyRule(), type: "bonus" },
    }));
    expect(groupPoints(nodeAt(withBonus, [1])!).problem).toBeNull();
    // An empty group or an empty declared maximum has nothing to compare yet.
    const empty = applied(addGroup(draft()));
    expect(groupPoints(nodeAt(empty.model, empty.indexes)!).problem).toBeNull();
    expect(scalePoints({ ...draft(), scale: null }).problem).toBeNull();
    expect(scalePoints(draft())).toEqual({ declared: 20, sum: 20, problem: null });
  });
});
