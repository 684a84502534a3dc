/**
 * A methodology's criteria tree (PAR Index: lĩnh vực → tiêu chí → tiêu chí thành phần) built from
 * the flat rows of a criteria table, as printed in a self-scoring appendix:
 *
 *   TT     | Lĩnh vực/Tiêu chí/Tiêu chí thành phần | Điểm tối đa
 *   1      | Công tác chỉ đạo, điều hành CCHC      | 13
 *   1.1    | Kế hoạch CCHC năm                     | 2
 *   1.1.1  | Ban hành kế hoạch kịp thời            | 1
 *
 * A row's parent is the row above whose TT is its prefix ("1.1" for "1.1.2"), or the row named by
 * `parentRef` for refs without dots (letters "a", "b" under a criterion). Broken structure (no TT,
 * no text, a TT repeated under the same parent, a parent that is not above) is an error; points
 * that do not add up are warnings, because real tables are often printed in part.
 */
import { formatNumber } from "../text/number-format.ts";

/** The total of a PAR Index (Chỉ số CCHC) scale. */
export const PAR_INDEX_SCALE = 100;

/** Highest maximum points one criterion may carry. */
export const MAX_CRITERION_POINTS = 1000;

/** One row of a criteria table as typed or imported. */
export interface CriterionRowInput {
  ref: string | null;
  /** The parent's TT when the ref alone does not say it (letters under a criterion). */
  parentRef?: string | null;
  text: string;
  maxPoints: number | null;
  /** What evidence the criterion asks for (Tài liệu kiểm chứng). */
  evidenceHint?: string | null;
}

export type MethodologyErrorCode =
  | "CRITERIA_EMPTY"
  | "CRITERION_REF_MISSING"
  | "CRITERION_TEXT_MISSING"
  | "CRITERION_REF_DUPLICATE"
  | "CRITERION_PARENT_NOT_FOUND"
  | "CRITERION_MAX_POINTS_INVALID";

export type MethodologyWarningCode =
  "CRITERION_POINTS_MISMATCH" | "CRITERION_MAX_POINTS_MISSING" | "METHODOLOGY_TOTAL_NOT_SCALE";

export interface MethodologyIssue<Code extends string = string> {
  code: Code;
  /** Vietnamese, names the row and its TT. */
  message: string;
  /** 1-based row of the table; null for the table as a whole. */
  row: number | null;
  ref: string | null;
}

export interface MethodologyNode {
  /** 1-based row of the table (also the node's position). */
  row: number;
  ref: string;
  text: string;
  maxPoints: number | null;
  evidenceHint: string | null;
  /** 1 = lĩnh vực, 2 = tiêu chí, 3 = tiêu chí thành phần, deeper = nội dung. */
  depth: number;
  parentRow: number | null;
  /** Its own maximum, or the sum of its children's when it has none and they all have one. */
  effectiveMaxPoints: number | null;
  /** Sum of the children's effective maxima when every child has one; null otherwise or leaf. */
  childrenMaxPoints: number | null;
  children: MethodologyNode[];
}

export interface MethodologyTree {
  roots: MethodologyNode[];
  /** Every node in table order. */
  nodes: MethodologyNode[];
  /** Sum of the top-level nodes' effective maxima (a node without one counts 0). */
  totalMaxPoints: number;
  errors: MethodologyIssue<MethodologyErrorCode>[];
  warnings: MethodologyIssue<MethodologyWarningCode>[];
}

/** A node whose parent is already known (a stored criterion, or a resolved table row). */
export interface LinkedCriterion {
  ref: string;
  text: string;
  maxPoints: number | null;
  evidenceHint: string | null;
  /** 1-based row of the parent, which must come before the node. */
  parentRow: number | null;
}

const DEPTH_LABELS = ["Lĩnh vực", "Tiêu chí", "Tiêu chí thành phần"] as const;

/** "Lĩnh vực", "Tiêu chí", "Tiêu chí thành phần", then "Nội dung" below. */
export function depthLabel(depth: number): string {
  return DEPTH_LABELS[depth - 1] ?? "Nội dung";
}

/** "1.1." → "1.1", " a) " → "a"; collapses inner spaces. */
export function normalizeRef(ref: string | null | undefined): string {
  return (ref ?? "")
    .replace(/\s+/g, " ")
    .trim()
    .replace(/[.)]+$/, "")
    .trim();
}

const DOTTED_REF = /^\d+(\.\d+)+$/;

/** The parent's TT a ref implies by itself: "1.1.2" → "1.1"; null for "1", "I", "a". */
export function impliedParentRef(ref: string): string | null {
  return DOTTED_REF.test(ref) ? ref.slice(0, ref.lastIndexOf(".")) : null;
}

/** Points are decimals such as 0,25 or 1,5: sums are rounded to drop binary noise. */
function roundPoints(value: number): number {
  return Math.round(value * 1e6) / 1e6;
}

function samePoints(a: number, b: number): boolean {
  return Math.abs(a - b) < 1e-6;
}

const points = (value: number) =>
  formatNumber(value, { maxFractionDigits: 3, minFractionDigits: 0 });

function rowLabel(row: number, ref: string | null): string {
  return ref ? `Dòng ${row} (TT ${ref})` : `Dòng ${row}`;
}

/** Builds the tree of a criteria table and checks it. */
export function buildMethodologyTree(rows: readonly CriterionRowInput[]): MethodologyTree {
  const errors: MethodologyIssue<MethodologyErrorCode>[] = [];
  if (rows.length === 0) {
    errors.push({
      code: "CRITERIA_EMPTY",
      message: "Bảng tiêu chí không có dòng nào.",
      row: null,
      ref: null,
    });
  }
  const linked: LinkedCriterion[] = [];
  /** "parentRow|ref" → first row holding it, to find repeated TT under the same parent. */
  const firstRowOf = new Map<string, number>();
  rows.forEach((input, index) => {
    const row = index + 1;
    const ref = normalizeRef(input.ref);
    const text = (input.text ?? "").trim();
    const error = (code: MethodologyErrorCode, message: string) =>
      errors.push({ code, message, row, ref: ref || null });

    if (!ref) error("CRITERION_REF_MISSING", `${rowLabel(row, null)}: thiếu số thứ tự (TT).`);
    if (!text) error("CRITERION_TEXT_MISSING", `${rowLabel(row, ref)}: thiếu nội dung tiêu chí.`);
    const max = input.maxPoints;
    if (max !== null && (!Number.isFinite(max) || max < 0 || max > MAX_CRITERION_POINTS)) {
      error(
        "CRITERION_MAX_POINTS_INVALID",
        `${rowLabel(row, ref)}: điểm tối đa phải là số từ 0 đến ${points(MAX_CRITERION_POINTS)}.`,
      );
    }

    const wantedParent = impliedParentRef(ref) ?? (normalizeRef(input.parentRef) || null);
    let parentRow: number | null = null;
    if (wantedParent !== null) {
      // The nearest row above with that TT: letters repeat under different criteria.
      for (let above = linked.length - 1; above >= 0; above--) {
        if (linked[above]!.ref === wantedParent) {
          parentRow = above + 1;
          break;
        }
      }
      if (parentRow === null) {
        error(
          "CRITERION_PARENT_NOT_FOUND",
          `${rowLabel(row, ref)}: không tìm thấy mục cha “${wantedParent}” ở các dòng phía trên.`,
        );
      }
    }
    if (ref) {
      const key = `${parentRow ?? 0}|${ref}`;
      const first = firstRowOf.get(key);
      if (first !== undefined) {
        error(
          "CRITERION_REF_DUPLICATE",
          `${rowLabel(row, ref)}: số thứ tự “${ref}” trùng với dòng ${first}.`,
        );
      } else {
        firstRowOf.set(key, row);
      }
    }
    linked.push({
      ref,
      text,
      maxPoints: max !== null && Number.isFinite(max) ? max : null,
      evidenceHint: input.evidenceHint?.trim() || null,
      parentRow,
    });
  });
  const tree = assembleMethodologyTree(linked);
  return { ...tree, errors };
}

/**
 * Links nodes whose parents are known into a tree, computes each node's effective maximum and the
 * total, and warns where a parent's maximum is not the sum of its children's.
 */
export function assembleMethodologyTree(
  criteria: readonly LinkedCriterion[],
): Omit<MethodologyTree, "errors"> {
  const nodes: MethodologyNode[] = criteria.map((criterion, index) => ({
    row: index + 1,
    ref: criterion.ref,
    text: criterion.text,
    maxPoints: criterion.maxPoints,
    evidenceHint: criterion.evidenceHint,
    depth: 1,
    parentRow:
      criterion.parentRow !== null && criterion.parentRow >= 1 && criterion.parentRow <= index
        ? criterion.parentRow
        : null,
    effectiveMaxPoints: null,
    childrenMaxPoints: null,
    children: [],
  }));
  const roots: MethodologyNode[] = [];
  for (const node of nodes) {
    const parent = node.parentRow === null ? null : nodes[node.parentRow - 1]!;
    if (parent) {
      node.depth = parent.depth + 1;
      parent.children.push(node);
    } else {
      roots.push(node);
    }
  }
  const warnings: MethodologyIssue<MethodologyWarningCode>[] = [];
  // Parents come before their children: walking backwards settles children first.
  for (let index = nodes.length - 1; index >= 0; index--) {
    const node = nodes[index]!;
    if (node.children.length > 0 && node.children.every((c) => c.effectiveMaxPoints !== null)) {
      node.childrenMaxPoints = roundPoints(
        node.children.reduce((sum, child) => sum + child.effectiveMaxPoints!, 0),
      );
    }
    node.effectiveMaxPoints = node.maxPoints ?? node.childrenMaxPoints;
  }
  for (const node of nodes) {
    if (
      node.maxPoints !== null &&
      node.childrenMaxPoints !== null &&
      !samePoints(node.maxPoints, node.childrenMaxPoints)
    ) {
      warnings.push({
        code: "CRITERION_POINTS_MISMATCH",
        message: `${rowLabel(node.row, node.ref)}: điểm tối đa ${points(node.maxPoints)} khác tổng điểm tối đa các mục con (${points(node.childrenMaxPoints)}).`,
        row: node.row,
        ref: node.ref || null,
      });
    }
    if (node.effectiveMaxPoints === null && node.children.length === 0) {
      warnings.push({
        code: "CRITERION_MAX_POINTS_MISSING",
        message: `${rowLabel(node.row, node.ref)}: chưa có điểm tối đa.`,
        row: node.row,
        ref: node.ref || null,
      });
    }
  }
  const totalMaxPoints = roundPoints(
    roots.reduce((sum, root) => sum + (root.effectiveMaxPoints ?? 0), 0),
  );
  if (nodes.length > 0 && !samePoints(totalMaxPoints, PAR_INDEX_SCALE)) {
    warnings.push({
      code: "METHODOLOGY_TOTAL_NOT_SCALE",
      message: `Tổng điểm tối đa là ${points(totalMaxPoints)}, khác thang điểm ${PAR_INDEX_SCALE} của Chỉ số cải cách hành chính (bảng có thể chưa đủ các lĩnh vực).`,
      row: null,
      ref: null,
    });
  }
  return { roots, nodes, totalMaxPoints, warnings };
}
