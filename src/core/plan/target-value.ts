import type { TargetUnit } from "./target-metric.ts";

/**
 * Whether a figure makes sense for a target's unit: a percentage lies in 0–100, points and
 * counts are not negative, a rank is a whole number from 1. Null when it does, else the reason
 * in Vietnamese.
 */
export function targetValueProblem(unit: TargetUnit | null, value: number | null): string | null {
  if (value === null || !Number.isFinite(value)) return null;
  switch (unit) {
    case "percent":
      return value < 0 || value > 100 ? "Tỷ lệ phải từ 0 đến 100%." : null;
    case "rank":
      return Number.isInteger(value) && value >= 1 ? null : "Thứ hạng phải là số nguyên từ 1.";
    case "count":
      return Number.isInteger(value) && value >= 0 ? null : "Số lượng phải là số nguyên không âm.";
    case "points":
    case null:
      return value < 0 ? "Giá trị không được âm." : null;
  }
}
