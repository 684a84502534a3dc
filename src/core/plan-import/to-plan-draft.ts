/**
 * Turns an imported plan (the contract of `parsePlan`) into a draft of the plans capability's
 * create-plan input for one unit: header, period, bases, duties, areas with target scores,
 * targets and tasks with agency ids matched by name. Pure: the caller passes the unit's agencies.
 *
 * Nothing is dropped silently: every agency name that matches no agency of the unit, every task
 * whose area is guessed, every narrative task left out because the appendix table covers its
 * area, and every partial date becomes a warning with its source line.
 */
import type { AreaKey } from "../plan/plan-area.ts";
import { AREA_KEYS } from "../plan/plan-area.ts";
import { searchKey, toneInsensitiveKey } from "../text/vietnamese-text.ts";
import { mapAreaKey } from "./area-keys.ts";
import type { ReportScheduleEntry } from "../plan/report-schedule.ts";
import type { ImportedTask, PlanImport, Unplaced } from "./contract.ts";
import { reviewTargets, reviewTasks, type TaskFlag } from "./draft-review.ts";

export interface DraftAgency {
  id: string;
  name: string;
}

export interface DraftWarning {
  code: string;
  message: string;
  line: number | null;
  level?: "error" | "warning";
}

export type DraftPeriod =
  | { kind: "year"; year: number }
  | { kind: "half_year"; year: number; half: 1 | 2 }
  | { kind: "multi_year"; year: number; endYear: number };

export interface DraftTarget {
  text: string;
  areaKey: AreaKey | null;
  metric: string;
  comparator: "gte" | "gt" | "eq" | "lte" | "lt" | "rank_between";
  value: number | null;
  valueHigh: number | null;
  unit: "percent" | "points" | "rank" | "count" | null;
  scope: string | null;
  line: number | null;
}

export interface DraftTask {
  areaKey: AreaKey;
  ref: string | null;
  text: string;
  leadAgencyId: string | null;
  supportAgencyIds: string[];
  monitorAgencyId: string | null;
  deliverable: string | null;
  timeline: string | null;
  /** The names as printed, kept for review even when matched. */
  leadText: string | null;
  supportText: string | null;
  monitorText: string | null;
  targetText: string | null;
  source: "table" | "narrative";
  line: number | null;
  /** Review only: a lead the duties section suggests for a task that has none (never applied). */
  suggestedLeadAgencyId?: string | null;
  /** Review only: what the officer should look at (no lead, no deadline, year outside period). */
  flags?: TaskFlag[];
}

export interface PlanDraft {
  unitId: string;
  title: string;
  decisionNumber: string | null;
  planNumber: string | null;
  place: string | null;
  issuedDate: string | null;
  signerAuthority: "TM." | "KT." | "Q." | null;
  signerTitle: string | null;
  signerName: string | null;
  purposes: string;
  recipients: string[];
  period: DraftPeriod;
  bases: {
    type: string | null;
    number: string | null;
    date: string | null;
    issuer: string | null;
    text: string;
  }[];
  duties: { agencyName: string; agencyId: string | null; duties: string[] }[];
  areas: { key: AreaKey; heading: string; targetScore: number | null; maxScore: number | null }[];
  targets: DraftTarget[];
  tasks: DraftTask[];
  /** The reporting schedule the plan sets, for the reports capability. */
  reportSchedule: ReportScheduleEntry[];
}

export interface PlanDraftResult {
  draft: PlanDraft;
  warnings: DraftWarning[];
  /** Source text the draft does not hold, listed on the review screen ("Chưa đưa vào"). */
  unplaced: Unplaced[];
}

const FULL_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** Names that point at "the agencies concerned" rather than at one agency. */
const GENERIC_AGENCY =
  /^(cac|toan the|tat ca|moi)\b|\blien quan\b|^(co quan|don vi|bo phan|cong chuc)( chuyen mon)?$/;

/** Words that surround an agency's own name in plans: its kind, and the unit it belongs to. */
const AGENCY_PREFIX = /^(phong|bo phan|ban|cong chuc|co quan|to|trung tam|van phong)\s+/;
const AGENCY_SUFFIX = /\s+(cua\s+)?(ubnd\s+)?(phuong|xa|thi tran|dac khu|tinh|huyen|thanh pho)$/;

function coreKey(name: string): string {
  let key = searchKey(name)
    .replace(/[.;:()]/g, " ")
    .replace(/\s*-\s*/g, " ")
    .replace(/\s+/g, " ")
    .trim();
  key = key.replace(AGENCY_SUFFIX, "").trim();
  return key;
}

function strippedKey(name: string): string {
  return coreKey(name).replace(AGENCY_PREFIX, "").trim();
}

const NAME_SEPARATOR =
  /(\s*[;,]\s*|\s+và\s+(?=(?:các\s+)?(?:phòng|bộ phận|ban|cơ quan|công chức|trung tâm|văn phòng)\s))/iu;

/**
 * Splits "Văn phòng, Tư pháp; Văn hóa - xã hội phường" into separate names. With the unit's
 * agencies, a run of parts that together make one agency's name ("Phòng Kinh tế, Hạ tầng và Đô
 * thị") stays one name: names are matched before the text is split on commas.
 */
export function splitAgencyNames(text: string, agencies: readonly DraftAgency[] = []): string[] {
  const pieces = text.split(NAME_SEPARATOR);
  const parts = pieces.filter((_, index) => index % 2 === 0);
  const separators = pieces.filter((_, index) => index % 2 === 1);
  const names: string[] = [];
  let start = 0;
  while (start < parts.length) {
    let taken = false;
    for (let end = parts.length - 1; end > start; end -= 1) {
      let candidate = parts[start] ?? "";
      for (let index = start + 1; index <= end; index += 1) {
        candidate += `${separators[index - 1] ?? ","}${parts[index] ?? ""}`;
      }
      if (sameAgencyName(candidate, agencies)) {
        names.push(candidate);
        start = end + 1;
        taken = true;
        break;
      }
    }
    if (!taken) {
      names.push(parts[start] ?? "");
      start += 1;
    }
  }
  return names.map((part) => part.replace(/\s+/g, " ").trim()).filter((part) => part.length > 0);
}

/** Whether a printed name is one of the agencies' names (tone placement, kind and unit aside). */
function sameAgencyName(name: string, agencies: readonly DraftAgency[]): boolean {
  const exact = toneInsensitiveKey(name.replace(/\s+/g, " ").trim());
  const core = coreKey(name);
  const stripped = strippedKey(name);
  return agencies.some(
    (agency) =>
      toneInsensitiveKey(agency.name) === exact ||
      coreKey(agency.name) === core ||
      (stripped.length >= 3 && strippedKey(agency.name) === stripped),
  );
}

/**
 * Finds the unit's agency a printed name refers to: equal names first (old and new tone
 * placement alike), then equal after dropping the kind ("Phòng", "Bộ phận") and the unit
 * ("phường", "xã"), then an agency whose name's first part ("Tư pháp" of "Tư pháp - Hộ tịch")
 * or whole name is the printed name, or starts it.
 */
export function matchAgency(name: string, agencies: readonly DraftAgency[]): DraftAgency | null {
  const exact = toneInsensitiveKey(name);
  const byExact = agencies.find((a) => toneInsensitiveKey(a.name) === exact);
  if (byExact) return byExact;
  const wanted = strippedKey(name);
  const wantedCore = coreKey(name);
  if (wanted.length < 3) return null;
  const candidates = agencies.map((agency) => {
    const headName = agency.name.split(/\s+-\s+|\s+và\s+/u)[0] ?? agency.name;
    return {
      agency,
      full: strippedKey(agency.name),
      head: strippedKey(headName),
      fullCore: coreKey(agency.name),
      headCore: coreKey(headName),
    };
  });
  const equal = candidates.find((c) => c.full === wanted || c.fullCore === wantedCore);
  if (equal) return equal.agency;
  const wordStart = (text: string, prefix: string) =>
    prefix.length >= 3 && (text === prefix || text.startsWith(`${prefix} `));
  const related = candidates.filter(
    (c) =>
      wordStart(wanted, c.head) ||
      wordStart(c.full, wanted) ||
      wordStart(wantedCore, c.headCore) ||
      wordStart(c.fullCore, wantedCore),
  );
  if (related.length === 1) return related[0]!.agency;
  // Several candidates: the longest agency name that starts the printed one, if any.
  const starting = related
    .filter((c) => wordStart(wanted, c.full) || wordStart(wantedCore, c.fullCore))
    .sort((a, b) => b.full.length - a.full.length);
  return starting[0]?.agency ?? null;
}

function isGenericAgency(name: string): boolean {
  return GENERIC_AGENCY.test(coreKey(name));
}

interface MatchedNames {
  ids: string[];
  unmatched: string[];
  generic: string[];
}

function matchNames(text: string | null, agencies: readonly DraftAgency[]): MatchedNames {
  const result: MatchedNames = { ids: [], unmatched: [], generic: [] };
  if (!text?.trim()) return result;
  for (const part of splitAgencyNames(text, agencies)) {
    const found = matchAgency(part, agencies);
    if (found) {
      if (!result.ids.includes(found.id)) result.ids.push(found.id);
    } else if (isGenericAgency(part)) {
      result.generic.push(part);
    } else {
      result.unmatched.push(part);
    }
  }
  return result;
}

/** The period a plan title names: "năm 2024", "6 tháng cuối năm 2025", "giai đoạn 2026-2030". */
export function periodFromText(text: string, fallbackYear: number): DraftPeriod {
  const key = searchKey(text);
  const range = /giai doan\s+(\d{4})\s*[-–]\s*(\d{4})/.exec(key);
  if (range) return { kind: "multi_year", year: Number(range[1]), endYear: Number(range[2]) };
  const half = /6 thang (dau|cuoi) nam\s+(\d{4})/.exec(key);
  if (half) return { kind: "half_year", year: Number(half[2]), half: half[1] === "dau" ? 1 : 2 };
  const year = /nam\s+(\d{4})/.exec(key) ?? /\b(20\d{2})\b/.exec(key);
  if (year) return { kind: "year", year: Number(year[1]) };
  return { kind: "year", year: fallbackYear };
}

/** "KT. CHỦ TỊCH PHÓ CHỦ TỊCH" → authority KT., title "PHÓ CHỦ TỊCH". */
export function splitSignerTitle(title: string | null): {
  authority: "TM." | "KT." | "Q." | null;
  title: string | null;
} {
  if (!title?.trim()) return { authority: null, title: null };
  const match = /^\s*(TM|KT|Q)\.\s*(.*)$/iu.exec(title);
  if (!match) return { authority: null, title: title.trim() };
  const authority = `${match[1]!.toUpperCase()}.` as "TM." | "KT." | "Q.";
  let rest = match[2]!.trim();
  if (authority === "TM.") {
    // "TM. ỦY BAN NHÂN DÂN KT. CHỦ TỊCH PHÓ CHỦ TỊCH": a deputy signs for the committee; the
    // deputy's title is kept and prints the "KT. CHỦ TỊCH" line again on export.
    rest = rest.replace(/^(ỦY|UỶ) BAN NHÂN DÂN\s*/iu, "").replace(/^KT\.\s*CHỦ TỊCH\s+/iu, "");
  }
  if (authority === "KT." || authority === "Q.") {
    // "KT. CHỦ TỊCH PHÓ CHỦ TỊCH": the first title is the one signed for.
    const signedFor = /^(CHỦ TỊCH)\s+(.+)$/iu.exec(rest);
    if (signedFor) rest = signedFor[2]!;
  }
  return { authority, title: rest.trim() || null };
}

function isAreaKey(value: string | null): value is AreaKey {
  return value !== null && (AREA_KEYS as readonly string[]).includes(value);
}

function fullDateOrNull(date: string | null): string | null {
  return date && FULL_DATE.test(date) ? date : null;
}

function sameTaskText(a: string, b: string): boolean {
  const left = searchKey(a).replace(/[^\p{L}\p{N} ]/gu, "");
  const right = searchKey(b).replace(/[^\p{L}\p{N} ]/gu, "");
  const n = Math.min(60, left.length, right.length);
  return n >= 20 && left.slice(0, n) === right.slice(0, n);
}

export interface PlanDraftOptions {
  unitId: string;
  agencies: readonly DraftAgency[];
  /** Year to use when neither the title nor the date names one. */
  fallbackYear: number;
}

/** Maps an imported plan onto a create-plan draft for one unit. */
export function toPlanDraft(extracted: PlanImport, options: PlanDraftOptions): PlanDraftResult {
  const warnings: DraftWarning[] = [];
  const warn = (code: string, message: string, line: number | null | undefined) =>
    warnings.push({ code, message, line: line ?? null });
  const { document } = extracted;
  const agencies = options.agencies;

  // Header.
  const title =
    document.planTitle?.trim() ||
    document.title?.replace(/^(về việc\s+)?ban hành\s+kế hoạch\s+/iu, "").trim() ||
    "Kế hoạch cải cách hành chính";
  const isDecision = document.kind === "decision_with_plan";
  const issuedDate = fullDateOrNull(document.date);
  if (document.date && !issuedDate) {
    warn(
      "DRAFT_DATE_PARTIAL",
      `Ngày ban hành chưa đầy đủ (${document.date}); để trống, nhập khi ban hành.`,
      null,
    );
  }
  const signer = splitSignerTitle(document.signer?.title ?? null);
  const documentYear = document.date ? Number(document.date.slice(0, 4)) : options.fallbackYear;
  const period = periodFromText(`${title} ${document.title ?? ""}`, documentYear);

  // Bases and duties.
  const bases = extracted.bases.map((basis) => {
    const date = fullDateOrNull(basis.date);
    if (basis.date && !date) {
      warn("DRAFT_BASIS_DATE_PARTIAL", `Căn cứ có ngày chưa đầy đủ (${basis.date}).`, basis.line);
    }
    return {
      type: basis.type,
      number: basis.number,
      date,
      issuer: basis.issuer,
      text: basis.text,
    };
  });
  const duties = extracted.duties.map((duty) => {
    const agencyName = duty.agency?.trim() || "Các cơ quan, đơn vị";
    const matched = duty.agency ? matchAgency(duty.agency, agencies) : null;
    return { agencyName, agencyId: matched?.id ?? null, duties: duty.duties };
  });

  // Areas, in the plan's order, one per standard key.
  const areas: PlanDraft["areas"] = [];
  for (const area of extracted.areas) {
    if (!area.key) {
      warn(
        "DRAFT_AREA_UNKNOWN",
        `Mục “${area.heading}” không khớp lĩnh vực CCHC chuẩn nào; các nhiệm vụ của mục được xếp vào lĩnh vực gần nhất.`,
        area.tasks[0]?.line ?? null,
      );
      continue;
    }
    if (areas.some((a) => a.key === area.key)) continue;
    areas.push({
      key: area.key,
      heading: area.heading,
      targetScore: area.targetScore?.target ?? null,
      maxScore: area.targetScore?.max ?? null,
    });
  }

  // Targets.
  const targets: DraftTarget[] = extracted.targets.map((target) => {
    const range = Array.isArray(target.value) ? target.value : null;
    const areaKey = isAreaKey(target.scope) ? target.scope : null;
    return {
      text: target.text,
      areaKey,
      metric: target.metric ?? "manual",
      comparator: target.comparator,
      value: range ? range[0] : (target.value as number),
      valueHigh: range ? range[1] : null,
      unit: target.unit,
      scope: areaKey ? null : target.scope,
      line: target.line ?? null,
    };
  });

  // Tasks: appendix/inline-field rows first, then narrative tasks the rows do not cover.
  const tasks: DraftTask[] = [];
  const unplaced: Unplaced[] = [...(extracted.unplaced ?? [])];
  const rows = extracted.tasks;
  const isParent = new Set(
    rows.filter((r) => r.rowType === "subtask" && r.parentRef).map((r) => r.parentRef!),
  );
  let lastArea: AreaKey = areas[0]?.key ?? "direction";
  const areaOf = (row: { area: string | null; text: string; line?: number }) => {
    if (isAreaKey(row.area)) {
      lastArea = row.area;
      return row.area;
    }
    // No section names the area: the task's own wording may ("… thủ tục hành chính").
    return mapAreaKey(row.text) ?? lastArea;
  };
  let currentGroup: ImportedTask | null = null;
  for (const row of rows) {
    if (row.rowType === "section") continue;
    const hasFields = !!(row.lead || row.support || row.timeline || row.deliverable);
    if (row.rowType === "group" || (row.rowType === "task" && isParent.has(row.ref ?? ""))) {
      currentGroup = row;
      if (!hasFields) continue;
    } else if (row.rowType === "task") {
      currentGroup = null;
    }
    if (!row.text.trim()) continue;
    if (!isAreaKey(row.area)) {
      warn(
        "DRAFT_TASK_AREA_GUESSED",
        `Nhiệm vụ “${row.text.slice(0, 80)}” chưa rõ lĩnh vực; tạm xếp vào lĩnh vực của nhiệm vụ trước.`,
        row.line,
      );
    }
    const text =
      row.rowType === "subtask" && currentGroup && currentGroup.ref === row.parentRef
        ? `${currentGroup.text.trim().replace(/[.:;]$/, "")}: ${row.text.trim()}`
        : row.text.trim();
    tasks.push(
      withAgencies(
        {
          areaKey: areaOf(row),
          ref: row.ref,
          text,
          deliverable: row.deliverable,
          timeline: row.timeline,
          leadText: row.lead,
          supportText: row.support,
          monitorText: row.monitor,
          targetText: row.targetText,
          source: "table",
          line: row.line ?? null,
        },
        agencies,
        warn,
      ),
    );
  }
  const tableAreas = new Set(tasks.map((t) => t.areaKey));
  for (const area of extracted.areas) {
    if (!area.key && area.tasks.length === 0) continue;
    const key: AreaKey = area.key ?? lastArea;
    for (const narrative of area.tasks) {
      const covered = tasks.some(
        (t) =>
          t.source === "table" &&
          ((narrative.line !== undefined && t.line === narrative.line) ||
            sameTaskText(t.text, narrative.text)),
      );
      if (covered) continue;
      if (tableAreas.has(key)) {
        warn(
          "DRAFT_NARRATIVE_TASK_SKIPPED",
          `Nhiệm vụ trong phần nội dung “${narrative.text.slice(0, 100)}” không được thêm vì lĩnh vực này đã có bảng nhiệm vụ ở phụ lục; thêm tay nếu cần.`,
          narrative.line,
        );
        unplaced.push({
          line: narrative.line ?? null,
          text: narrative.text,
          reason: "DRAFT_NARRATIVE_TASK_SKIPPED",
        });
        continue;
      }
      tasks.push({
        areaKey: key,
        ref: null,
        text: narrative.text.trim(),
        leadAgencyId: null,
        supportAgencyIds: [],
        monitorAgencyId: null,
        deliverable: null,
        timeline: null,
        leadText: null,
        supportText: null,
        monitorText: null,
        targetText: null,
        source: "narrative",
        line: narrative.line ?? null,
      });
    }
  }
  for (const task of tasks) {
    if (!areas.some((a) => a.key === task.areaKey)) {
      areas.push({ key: task.areaKey, heading: "", targetScore: null, maxScore: null });
    }
  }
  areas.sort((a, b) => AREA_KEYS.indexOf(a.key) - AREA_KEYS.indexOf(b.key));

  if (extracted.criteria.length > 0) {
    warn(
      "DRAFT_CRITERIA_NOT_SAVED",
      `Bảng tiêu chí (${extracted.criteria.length} dòng) không thuộc kế hoạch nên không lưu cùng kế hoạch; lưu riêng thành dự thảo bộ tiêu chí Chỉ số CCHC.`,
      extracted.criteria[0]?.line ?? null,
    );
  }

  const agencyName = (id: string) => agencies.find((agency) => agency.id === id)?.name ?? id;
  reviewTasks(tasks, duties, period, agencyName, warn);
  reviewTargets(targets, warn);
  if (unplaced.length > 0) {
    warn(
      "DRAFT_UNPLACED",
      `${unplaced.length} đoạn, dòng của văn bản chưa được đưa vào dự thảo; xem danh sách “Chưa đưa vào” và thêm tay nếu cần.`,
      unplaced[0]?.line,
    );
  }

  const purposes = (extracted.purposes ?? []).map((p) => p.text).join("\n");
  return {
    draft: {
      unitId: options.unitId,
      title,
      decisionNumber: isDecision ? document.number : null,
      planNumber: isDecision ? null : document.number,
      place: document.place,
      issuedDate,
      signerAuthority: signer.authority,
      signerTitle: signer.title,
      signerName: document.signer?.name ?? null,
      purposes,
      recipients: extracted.recipients ?? [],
      period,
      bases,
      duties,
      areas,
      targets,
      tasks,
      reportSchedule: (extracted.reportSchedule ?? []).map(({ line: _line, ...entry }) => entry),
    },
    warnings,
    unplaced,
  };
}

type TaskWithoutAgencies = Omit<DraftTask, "leadAgencyId" | "supportAgencyIds" | "monitorAgencyId">;

function withAgencies(
  task: TaskWithoutAgencies,
  agencies: readonly DraftAgency[],
  warn: (code: string, message: string, line: number | null | undefined) => void,
): DraftTask {
  const lead = matchNames(task.leadText, agencies);
  const support = matchNames(task.supportText, agencies);
  const monitor = matchNames(task.monitorText, agencies);
  const leadAgencyId = lead.ids[0] ?? null;
  // Several lead agencies printed ("Văn phòng, Tư pháp"): the first leads, the others support.
  const supportAgencyIds = [...new Set([...lead.ids.slice(1), ...support.ids])].filter(
    (id) => id !== leadAgencyId,
  );
  const short = task.text.slice(0, 60);
  const report = (names: MatchedNames, role: string) => {
    for (const name of names.unmatched) {
      warn(
        "DRAFT_AGENCY_UNMATCHED",
        `Cơ quan ${role} “${name}” của nhiệm vụ “${short}” không khớp cơ quan nào của đơn vị; hãy chọn tay.`,
        task.line,
      );
    }
    for (const name of names.generic) {
      warn(
        "DRAFT_AGENCY_GENERIC",
        `Cơ quan ${role} “${name}” của nhiệm vụ “${short}” là tên chung, không gắn với cơ quan cụ thể.`,
        task.line,
      );
    }
  };
  report(lead, "chủ trì");
  report(support, "phối hợp");
  report(monitor, "theo dõi");
  return {
    ...task,
    leadAgencyId,
    supportAgencyIds,
    monitorAgencyId: monitor.ids[0] ?? null,
  };
}
