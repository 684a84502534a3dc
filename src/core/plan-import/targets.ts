/**
 * Quantitative targets wherever they stand: "đạt từ 99,7% trở lên", "tối thiểu 60%",
 * "100% …", "đạt 85 điểm trở lên", "giữ thứ hạng từ 01-04", "trong nhóm 10 … dẫn đầu",
 * "Tổ chức 02 hội nghị…", and per-area scores "Phấn đấu … đạt 12/13 điểm".
 */
import type { TargetComparator, TargetMetric } from "../plan/target-metric.ts";
import type { ImportedTarget } from "./contract.ts";
import { itemMarker, NUMBERED_HEADING } from "./markers.ts";
import { cleanSpaces, comparableKey, parseDecimal, searchKey } from "./text-utils.ts";

type Unit = ImportedTarget["unit"];

/** Splits a paragraph into clauses at semicolons and sentence ends. */
export function splitClauses(text: string): string[] {
  return text
    .split(/;\s*|(?<=[.!?])\s+(?=[\p{Lu}\d])/u)
    .map((clause) => cleanSpaces(clause).replace(/[\s.,;:]+$/u, ""))
    .filter(Boolean);
}

function stripLeadingMarker(text: string): string {
  let result = text.trim();
  for (let guard = 0; guard < 3; guard += 1) {
    const marker = itemMarker(result);
    if (marker) {
      result = marker.rest;
      continue;
    }
    const numbered = NUMBERED_HEADING.exec(result);
    if (numbered && !/^\d+[.,]\d/.test(result)) {
      result = numbered[2] ?? result;
      continue;
    }
    break;
  }
  return result;
}

function lastWords(text: string, count: number): string {
  return searchKey(text).split(" ").filter(Boolean).slice(-count).join(" ");
}

function comparatorFor(before: string, after: string, unit: Unit, value: number): TargetComparator {
  const tail = lastWords(before, 4);
  const head = searchKey(after).slice(0, 20);
  if (/^(tro len|tro len\b)/.test(head)) return "gte";
  if (/^tro xuong/.test(head)) return "lte";
  if (/(toi thieu|it nhat|khong thap hon|khong duoi|tu)$/.test(tail)) return "gte";
  if (/(tren|hon|vuot|cao hon)$/.test(tail)) return "gt";
  if (/(toi da|khong qua|khong vuot qua|khong cao hon)$/.test(tail)) return "lte";
  if (/(duoi|thap hon)$/.test(tail)) return "lt";
  if (unit === "count") return "eq";
  if (unit === "percent" && value === 100) return "eq";
  return "gte";
}

/** Picks a metric key from the catalogue when the wording fits one, else null. */
export function metricFor(text: string, unit: Unit): TargetMetric | null {
  const key = searchKey(text);
  if (unit === "rank") {
    return /chi so cai cach hanh chinh|par ?index|cchc|xep hang|thu hang/.test(key)
      ? "par_index_rank"
      : null;
  }
  if (unit === "points") {
    if (/766|chi so phuc vu/.test(key)) return "service_index_766";
    if (/chi so cai cach hanh chinh|par ?index|phan dau|phan dau/.test(key))
      return "par_index_score";
    return null;
  }
  if (unit !== "percent") return null;
  if (/xin loi/.test(key) && /tre han|qua han|tre hen/.test(key)) return "late_apology_rate";
  // Recommendations after an inspection or audit are not citizens' feedback.
  const afterInspection =
    /sau (kiem tra|thanh tra|kiem toan)|kien nghi (cua )?(doan )?(kiem tra|thanh tra|kiem toan)|ket luan/.test(
      key,
    );
  if (
    !afterInspection &&
    (/phan anh|pakn/.test(key) ||
      (/kien nghi/.test(key) && /nguoi dan|to chuc|doanh nghiep|ca nhan/.test(key)))
  )
    return "feedback_on_time_rate";
  if (/hai long/.test(key)) {
    return /dat dai|xay dung/.test(key)
      ? "satisfaction_rate_land_construction"
      : "satisfaction_rate";
  }
  if (/dung han|dung hen/.test(key) && /giai quyet|ho so/.test(key)) return "on_time_rate";
  if (/thanh toan/.test(key) && /truc tuyen|dien tu|khong dung tien mat/.test(key))
    return "online_payment_rate";
  // Digitised is not online: "số hóa" wins over "trực tuyến".
  if (/so hoa/.test(key) && /ket qua/.test(key)) return "digitized_result_rate";
  if (/so hoa/.test(key) && /ho so|thanh phan/.test(key)) return "digitized_dossier_rate";
  if (/so hoa/.test(key)) return null;
  if (/toan trinh|hoan toan truc tuyen/.test(key)) return "full_online_rate";
  if (/truc tuyen/.test(key) && /ho so/.test(key)) return "online_dossier_rate";
  if (/nhiem vu/.test(key) && /hoan thanh/.test(key))
    return isOwnPlanTasks(key) ? "tasks_completed_rate" : null;
  if (/kiem tra/.test(key) && /co quan|don vi/.test(key)) return "inspected_units_rate";
  return null;
}

/**
 * "Hoàn thành 100% nhiệm vụ" measures this plan's tasks, unless the tasks are those an upper
 * level assigns or those of another plan (digital transformation, a scheme, a programme).
 */
function isOwnPlanTasks(key: string): boolean {
  if (
    /ke hoach nay|ke hoach cai cach hanh chinh|de ra tai ke hoach|trong ke hoach\b(?! (chuyen doi so|so))/.test(
      key,
    )
  )
    return !/chuyen doi so/.test(key) || /ke hoach nay/.test(key);
  if (/giao\b|chuyen doi so|de an|chuong trinh|cap tren|nghi quyet/.test(key)) return false;
  return true;
}

interface Quantity {
  index: number;
  end: number;
  unit: Unit;
  value: number | [number, number];
  comparator?: TargetComparator;
}

const NUMBER = String.raw`\d{1,3}(?:[.,]\d{1,3})?`;
const PERCENT = new RegExp(`(${NUMBER})\\s*%`, "gu");
const POINTS = new RegExp(`(${NUMBER})(?:\\s*/\\s*(${NUMBER}))?\\s*điểm`, "giu");
const RANK_RANGE =
  /(?:thứ hạng|xếp hạng|xếp thứ|hạng)\s*(?:từ\s*)?(?:thứ\s*|hạng\s*)?(\d{1,3})\s*(?:-|–|đến|tới)\s*(?:thứ\s*|hạng\s*)?(\d{1,3})\b/giu;
const RANK_TOP = /(?:thứ hạng|xếp hạng|hạng)[^.;]*?\b(?:nhóm|tốp|top)\s*(\d{1,3})\b/giu;
const COUNT =
  /\b(?:tổ chức|ban hành|thực hiện|xây dựng|triển khai)\s+(?:(ít nhất|tối thiểu)\s+)?(\d{1,3})\s+(?=(?:hội nghị|cuộc|lớp|đợt|buổi|lượt|sáng kiến|mô hình|chuyên đề)(?![\p{L}]))/giu;

function findQuantities(clause: string): Quantity[] {
  const found: Quantity[] = [];
  for (const match of clause.matchAll(RANK_RANGE)) {
    const low = Number(match[1]);
    const high = Number(match[2]);
    if (low <= high) {
      found.push({
        index: match.index,
        end: match.index + match[0].length,
        unit: "rank",
        value: [low, high],
        comparator: "rank_between",
      });
    }
  }
  for (const match of clause.matchAll(RANK_TOP)) {
    found.push({
      index: match.index,
      end: match.index + match[0].length,
      unit: "rank",
      value: Number(match[1]),
      comparator: "lte",
    });
  }
  for (const match of clause.matchAll(PERCENT)) {
    const value = parseDecimal(match[1] ?? "");
    if (value === null || value > 100) continue;
    found.push({ index: match.index, end: match.index + match[0].length, unit: "percent", value });
  }
  for (const match of clause.matchAll(POINTS)) {
    const value = parseDecimal(match[1] ?? "");
    if (value === null) continue;
    found.push({ index: match.index, end: match.index + match[0].length, unit: "points", value });
  }
  for (const match of clause.matchAll(COUNT)) {
    const value = Number(match[2]);
    const start = match.index + match[0].indexOf(match[2] ?? "");
    found.push({
      index: start,
      end: start + (match[2] ?? "").length,
      unit: "count",
      value,
      comparator: match[1] ? "gte" : "eq",
    });
  }
  // A rank target naming a group and a range of places ("nhóm 10 xã dẫn đầu, xếp hạng từ 1
  // đến 5") is one target: the range.
  if (found.some((quantity) => quantity.comparator === "rank_between")) {
    const others = found.filter(
      (quantity) => quantity.unit === "rank" && quantity.comparator !== "rank_between",
    );
    for (const other of others) found.splice(found.indexOf(other), 1);
  }
  found.sort((a, b) => a.index - b.index);
  // Overlapping matches: keep the first (rank ranges before bare numbers).
  const kept: Quantity[] = [];
  for (const quantity of found) {
    if (kept.some((other) => quantity.index < other.end && other.index < quantity.end)) continue;
    kept.push(quantity);
  }
  return kept;
}

/** Extracts the targets of a paragraph. `scope` is the area key, or null at plan level. */
export function extractTargets(
  paragraph: string,
  scope: string | null,
  line: number,
): ImportedTarget[] {
  const targets: ImportedTarget[] = [];
  const body = stripLeadingMarker(paragraph);
  let previousClause = "";
  for (const clause of splitClauses(body)) {
    const text = stripLeadingMarker(clause);
    const quantities = findQuantities(text);
    for (const quantity of quantities) {
      const value = quantity.value;
      const comparator =
        quantity.comparator ??
        comparatorFor(
          text.slice(0, quantity.index),
          text.slice(quantity.end),
          quantity.unit,
          typeof value === "number" ? value : value[1],
        );
      // The wording nearest the number names the measure: from the last "tỷ lệ" before it.
      const before = text.slice(0, quantity.index);
      const rateAt = before.search(/tỷ lệ(?!.*tỷ lệ)/iu);
      let metric =
        rateAt > 0 ? metricFor(text.slice(rateAt, quantity.end + 60), quantity.unit) : null;
      metric ??= metricFor(text, quantity.unit);
      if (metric === null && /^(riêng|trong đó|trong số đó|đối với)(?![\p{L}])/iu.test(text)) {
        metric = metricFor(`${previousClause} ${text}`, quantity.unit);
      }
      targets.push({ text, metric, comparator, value, unit: quantity.unit, scope, line });
    }
    previousClause = text;
  }
  return targets;
}

const AREA_SCORE =
  /^ph[aâ]n\s*d[aâ]u\b.*?\bdat\s+(\d{1,3}(?:[.,]\d{1,3})?)(?:\s*\/\s*(\d{1,3}(?:[.,]\d{1,3})?))?\s*diem\b/;

/** "Phấn đấu năm 2026 đạt 12/13 điểm" (also "Phần đầu", "9.5/9.5") → target and maximum. */
export function parseAreaScore(text: string): { target: number; max: number | null } | null {
  const key = searchKey(text);
  const match = AREA_SCORE.exec(key);
  if (!match) return null;
  const target = parseDecimal(match[1] ?? "");
  if (target === null) return null;
  const max = match[2] ? parseDecimal(match[2]) : null;
  return { target, max };
}

export function areaScoreTarget(
  text: string,
  score: { target: number; max: number | null },
  scope: string | null,
  line: number,
): ImportedTarget {
  return {
    text: cleanSpaces(text).replace(/[\s.;]+$/u, ""),
    metric: "par_index_score",
    comparator: "gte",
    value: score.target,
    unit: "points",
    scope,
    line,
  };
}

/** Drops repeated targets (same wording, value and scope). */
export function dedupeTargets(targets: ImportedTarget[]): ImportedTarget[] {
  const seen = new Set<string>();
  return targets.filter((target) => {
    const key = `${comparableKey(target.text)}|${JSON.stringify(target.value)}|${target.scope ?? ""}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
