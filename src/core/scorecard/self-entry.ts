/**
 * The rules of one self-scored leaf, stated once for the server (which enforces them) and the
 * browser (which says them before anything is sent, so a refused score never follows an upload).
 */

/** What the rules need to know about a leaf. */
export interface SelfEntryLeaf {
  maxPoints: number;
  /** Scored from live data: changing its points needs a reason. */
  auto: boolean;
  /** A bonus leaf may be "không phát sinh" without an explanation. */
  bonus: boolean;
}

export interface SelfEntryValues {
  selfPoints: number | null;
  notApplicable: boolean;
  overrideReason: string | null;
  explanation?: string | null;
}

/** Why a self entry cannot be saved, in Vietnamese, or null when it can. */
export function selfEntryProblem(leaf: SelfEntryLeaf, entry: SelfEntryValues): string | null {
  const points = entry.notApplicable ? null : entry.selfPoints;
  if (points !== null) {
    if (!Number.isFinite(points) || points < 0) return "Điểm tự chấm không được âm.";
    if (points > leaf.maxPoints + 1e-9) {
      return `Điểm tự chấm vượt điểm tối đa của tiêu chí (${leaf.maxPoints}).`;
    }
    if (leaf.auto && !entry.overrideReason?.trim()) {
      return "Tiêu chí này tự tính từ số liệu; muốn điều chỉnh điểm phải ghi lý do.";
    }
  }
  if (entry.notApplicable && !leaf.bonus && !entry.explanation?.trim()) {
    return "Tiêu chí “không phát sinh” cần ghi giải trình.";
  }
  return null;
}
