/**
 * The rule editor's changes to the criteria tree itself: adding a group or a criterion (a leaf),
 * removing a node with everything under it, renaming (code and name, codes unique in the
 * document), moving a node up or down among its siblings; and the sums the document schema
 * requires — a group's maximum equal to its children's (bonus and penalty left out), the scale
 * equal to the top level's — shown as they are while the user works. Every change is immutable:
 * a new model, or the same one when nothing changes.
 */
import { CODE, CODE_MESSAGE, childrenSumProblem, scaleSumProblem } from "./methodology-document.ts";
import {
  emptyRule,
  isGroup,
  nodeAt,
  type EditableMethodology,
  type EditableNode,
} from "./rule-editor.ts";

export const NEW_GROUP_NAME = "Nhóm tiêu chí mới";
export const NEW_CRITERION_NAME = "Tiêu chí mới";

const NAME_MAX = 1000;

export type CriteriaEdit =
  | { ok: true; model: EditableMethodology; indexes: number[] }
  | { ok: false; field: "code" | "name" | "parent"; message: string };

/** The nodes of `parentIndexes` ([] for the top level), replaced by `change` (immutably). */
function withSiblings(
  model: EditableMethodology,
  parentIndexes: readonly number[],
  change: (siblings: EditableNode[]) => EditableNode[],
): EditableMethodology {
  if (parentIndexes.length === 0) return { ...model, nodes: change(model.nodes) };
  const replace = (list: EditableNode[], depth: number): EditableNode[] =>
    list.map((node, index) => {
      if (index !== parentIndexes[depth]) return node;
      if (depth === parentIndexes.length - 1) return { ...node, children: change(node.children) };
      return { ...node, children: replace(node.children, depth + 1) };
    });
  return { ...model, nodes: replace(model.nodes, 0) };
}

function siblingsOf(model: EditableMethodology, parentIndexes: readonly number[]) {
  if (parentIndexes.length === 0) return model.nodes;
  return nodeAt(model, parentIndexes)?.children ?? null;
}

/** Every node of the model with its indexes, in document order. */
function allNodes(model: EditableMethodology) {
  const found: { indexes: number[]; node: EditableNode }[] = [];
  const visit = (node: EditableNode, indexes: number[]) => {
    found.push({ indexes, node });
    node.children.forEach((child, index) => visit(child, [...indexes, index]));
  };
  model.nodes.forEach((node, index) => visit(node, [index]));
  return found;
}

function usedCodes(model: EditableMethodology): Set<string> {
  return new Set(allNodes(model).map(({ node }) => node.code.trim()));
}

/** The first free code after the siblings: "3" at the top level, "2.5" in group "2". */
function suggestedCode(model: EditableMethodology, parent: EditableNode | null, count: number) {
  const used = usedCodes(model);
  const prefix = parent && parent.code.trim() ? `${parent.code.trim()}.` : "";
  let n = count + 1;
  while (used.has(`${prefix}${n}`)) n++;
  return `${prefix}${n}`;
}

function newNode(code: string, name: string, group: boolean): EditableNode {
  return {
    code,
    name,
    label: "",
    maxPoints: null,
    note: "",
    unit: "",
    metric: null,
    rule: emptyRule(),
    zeroDenominator: null,
    group,
    children: [],
  };
}

function addNode(
  model: EditableMethodology,
  parentIndexes: readonly number[],
  group: boolean,
): CriteriaEdit {
  const parent = parentIndexes.length === 0 ? null : nodeAt(model, parentIndexes);
  const siblings = siblingsOf(model, parentIndexes);
  if (siblings === null) return { ok: false, field: "parent", message: "Không tìm thấy nhóm." };
  if (parent && !isGroup(parent)) {
    return {
      ok: false,
      field: "parent",
      message: `Mục ${parent.code} là chỉ tiêu (có quy tắc chấm); chỉ thêm được mục con vào một nhóm.`,
    };
  }
  const node = newNode(
    suggestedCode(model, parent, siblings.length),
    group ? NEW_GROUP_NAME : NEW_CRITERION_NAME,
    group,
  );
  return {
    ok: true,
    model: withSiblings(model, parentIndexes, (list) => [...list, node]),
    indexes: [...parentIndexes, siblings.length],
  };
}

/** A new empty group at the end of the top level, or of the group at `parentIndexes`. */
export function addGroup(model: EditableMethodology, parentIndexes: readonly number[] = []) {
  return addNode(model, parentIndexes, true);
}

/** A new criterion (a leaf, no rule yet) at the end of the group at `parentIndexes`. */
export function addCriterion(model: EditableMethodology, parentIndexes: readonly number[]) {
  return addNode(model, parentIndexes, false);
}

/** The model without the node at `indexes` and everything under it; a group left empty stays a group. */
export function removeNode(
  model: EditableMethodology,
  indexes: readonly number[],
): EditableMethodology {
  if (indexes.length === 0 || nodeAt(model, indexes) === null) return model;
  const index = indexes[indexes.length - 1]!;
  return withSiblings(model, indexes.slice(0, -1), (list) => list.filter((_, i) => i !== index));
}

/** Whether the node can move by `offset` (−1 up, +1 down) among its siblings. */
export function canMove(
  model: EditableMethodology,
  indexes: readonly number[],
  offset: -1 | 1,
): boolean {
  if (indexes.length === 0) return false;
  const siblings = siblingsOf(model, indexes.slice(0, -1));
  const target = indexes[indexes.length - 1]! + offset;
  return siblings !== null && target >= 0 && target < siblings.length;
}

/** The node swapped with its previous (−1) or next (+1) sibling; the same model at either end. */
export function moveNode(
  model: EditableMethodology,
  indexes: readonly number[],
  offset: -1 | 1,
): EditableMethodology {
  if (!canMove(model, indexes, offset)) return model;
  const index = indexes[indexes.length - 1]!;
  return withSiblings(model, indexes.slice(0, -1), (list) => {
    const next = [...list];
    [next[index], next[index + offset]] = [next[index + offset]!, next[index]!];
    return next;
  });
}

/**
 * The node with a new code and name, both trimmed. Refused with a Vietnamese message: an empty
 * or malformed code (the schema's rule), a code another node already has (naming that node), an
 * empty or overlong name.
 */
export function renameNode(
  model: EditableMethodology,
  indexes: readonly number[],
  wanted: { code: string; name: string },
): CriteriaEdit {
  const node = nodeAt(model, indexes);
  if (!node) return { ok: false, field: "parent", message: "Không tìm thấy mục." };
  const code = wanted.code.trim();
  const name = wanted.name.trim();
  if (code === "") return { ok: false, field: "code", message: "Mã không được để trống." };
  if (!CODE.test(code)) return { ok: false, field: "code", message: CODE_MESSAGE };
  const clash = allNodes(model).find(
    (other) => other.node.code.trim() === code && other.node !== node,
  );
  if (clash) {
    return {
      ok: false,
      field: "code",
      message: `Mã “${code}” đã được dùng cho mục “${clash.node.name}”; mỗi mục cần một mã riêng.`,
    };
  }
  if (name === "") return { ok: false, field: "name", message: "Tên không được để trống." };
  if (name.length > NAME_MAX) {
    return { ok: false, field: "name", message: "Tên tối đa 1.000 ký tự." };
  }
  const index = indexes[indexes.length - 1]!;
  const updated = withSiblings(model, indexes.slice(0, -1), (list) =>
    list.map((item, i) => (i === index ? { ...item, code, name } : item)),
  );
  return { ok: true, model: updated, indexes: [...indexes] };
}

/** How many nodes lie under `node` (its children, theirs, …). */
export function descendantCount(node: EditableNode): number {
  return node.children.reduce((sum, child) => sum + 1 + descendantCount(child), 0);
}

const isExtra = (node: EditableNode) =>
  !isGroup(node) && (node.rule.type === "bonus" || node.rule.type === "penalty");

const sumOf = (nodes: readonly EditableNode[]) =>
  Math.round(
    nodes.filter((n) => !isExtra(n)).reduce((sum, n) => sum + (n.maxPoints ?? 0), 0) * 1e6,
  ) / 1e6;

export interface PointsTotal {
  /** The maximum the group (or the scale) declares; null while empty. */
  declared: number | null;
  /** The children's maxima added up (empty ones as 0, bonus and penalty left out). */
  sum: number;
  /** The schema's problem when they differ; null when they match or nothing can be compared yet. */
  problem: string | null;
}

/** A group's declared maximum against its children's sum, as the schema checks it. */
export function groupPoints(node: EditableNode): PointsTotal {
  const sum = sumOf(node.children);
  const problem =
    node.maxPoints === null || node.children.length === 0
      ? null
      : childrenSumProblem(node.maxPoints, sum);
  return { declared: node.maxPoints, sum, problem };
}

/** The scale against the top level's sum, as the schema checks it. */
export function scalePoints(model: EditableMethodology): PointsTotal {
  const sum = sumOf(model.nodes);
  const problem = model.scale === null ? null : scaleSumProblem(model.scale, sum);
  return { declared: model.scale, sum, problem };
}
