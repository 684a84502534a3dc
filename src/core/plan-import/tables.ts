/**
 * Appendix tables: the task list (TT, content, lead, support, monitor, timeline, deliverable,
 * target) and the PAR self-scoring table (TT, criterion, max points, self score, evidence).
 * Handles repeated header rows after page breaks, cells continued on the next page (empty TT),
 * section rows (I, II…) and sub-rows "a)", "b)".
 */
import type { AreaKey, Criterion, ImportedTask } from "./contract.ts";
import type { DocumentTable, DocumentTableRow } from "./document-model.ts";
import { mapAreaKey } from "./area-keys.ts";
import {
  DASH_ITEM,
  isRomanNumeral,
  LETTER_ITEM,
  NUMBERED_HEADING,
  PAREN_NUMBER,
  ROMAN_HEADING,
} from "./markers.ts";
import {
  cleanSpaces,
  isUpperCaseLine,
  parseDecimal,
  searchKey,
  startsLowercase,
} from "./text-utils.ts";
import type { WarningSink } from "./warnings.ts";

export type ColumnRole =
  | "ref"
  | "text"
  | "lead"
  | "support"
  | "monitor"
  | "timeline"
  | "deliverable"
  | "targetText"
  | "maxPoints"
  | "selfScore"
  | "evidence"
  | "note"
  /** The area (lĩnh vực) or criterion a row belongs to, in a column of its own. */
  | "area";

export type TableKind = "tasks" | "criteria";

export interface TableLayout {
  kind: TableKind;
  columns: (ColumnRole | null)[];
  headerKey: string;
  /** The header named no known columns: the roles were guessed from the cells. */
  guessed?: boolean;
}

function roleOf(header: string, index: number): ColumnRole | null {
  const key = searchKey(header).replace(/\s+/g, " ");
  if (!key) return null;
  if (
    index === 0 &&
    /^(s?tt|so tt|so thu tu|thu tu|stt\.?)$/.test(key.replace(/[^a-z ]/g, "").trim())
  ) {
    return "ref";
  }
  if (/tu cham|tu danh gia|diem tu/.test(key)) return "selfScore";
  if (/diem toi da|diem chuan|thang diem|^diem$|diem toi/.test(key)) return "maxPoints";
  if (/kiem chung|tai lieu/.test(key)) return "evidence";
  if (/phoi hop/.test(key) && !/chu tri/.test(key)) return "support";
  if (/phu trach/.test(key)) return "lead";
  if (
    /chu tri/.test(key) ||
    (/thuc hien|tham muu|chiu trach nhiem|dau moi/.test(key) &&
      /co quan|don vi|bo phan|can bo|cong chuc/.test(key))
  )
    return "lead";
  if (/theo doi|giam sat|don doc/.test(key)) return "monitor";
  if (/thoi gian|thoi han|tien do|hoan thanh/.test(key)) return "timeline";
  if (/san pham/.test(key)) return "deliverable";
  if (
    /ket qua (can |phai |du kien )?dat|muc tieu|yeu cau can dat|chi tieu/.test(key) &&
    !/tieu chi/.test(key)
  )
    return "targetText";
  if (/ket qua/.test(key)) return "deliverable";
  if (/noi dung|nhiem vu|ten |tieu chi|linh vuc|giai phap|hoat dong|viec/.test(key)) return "text";
  if (/ghi chu/.test(key)) return "note";
  return null;
}

/** Two text-like columns: the area or criterion column groups the rows of the task column. */
function markAreaColumn(headers: string[], columns: (ColumnRole | null)[]): void {
  const textColumns = columns.flatMap((role, index) => (role === "text" ? [index] : []));
  if (textColumns.length < 2) return;
  const grouping = textColumns.find((index) =>
    /linh vuc|tieu chi|noi dung chi so/.test(searchKey(headers[index] ?? "")),
  );
  const other = textColumns.find(
    (index) =>
      index !== grouping &&
      /nhiem vu|noi dung|giai phap|hoat dong|cong viec/.test(searchKey(headers[index] ?? "")),
  );
  if (grouping !== undefined && other !== undefined) columns[grouping] = "area";
}

/** A second header row under merged cells ("Cơ quan, đơn vị" over "Chủ trì | Phối hợp"). */
export function isSubHeaderRow(cells: string[]): boolean {
  const filled = cells.map((cell) => cell.trim()).filter(Boolean);
  if (filled.length === 0) return false;
  return filled.every((cell, index) => {
    if (cell.length > 40 || /\d/.test(cell)) return false;
    const role = roleOf(cell, index + 1);
    return role !== null && role !== "text" && role !== "ref";
  });
}

/** Recognises a header row; returns the layout or null. */
export function headerLayout(row: DocumentTableRow): TableLayout | null {
  const columns = row.cells.map((cell, index) => roleOf(cell, index));
  if (!columns.includes("text")) return null;
  const known = columns.filter((role) => role !== null).length;
  if (known < 2) return null;
  markAreaColumn(row.cells, columns);
  const headerKey = row.cells.map((cell) => searchKey(cell)).join("|");
  const hasAgencies = columns.some(
    (role) => role === "lead" || role === "support" || role === "monitor",
  );
  if (columns.includes("maxPoints") && !hasAgencies)
    return { kind: "criteria", columns, headerKey };
  if (hasAgencies || columns.includes("timeline") || columns.includes("targetText")) {
    return { kind: "tasks", columns, headerKey };
  }
  return null;
}

/** The header row and, under merged cells, the sub-header row below it. */
function layoutOf(rows: DocumentTableRow[]): TableLayout | null {
  for (let index = 0; index < Math.min(3, rows.length); index += 1) {
    const row = rows[index]!;
    const next = rows[index + 1];
    if (next && isSubHeaderRow(next.cells)) {
      const cells = row.cells.map((cell, column) => {
        const below = next.cells[column]?.trim();
        return below ? `${cell} ${below}` : cell;
      });
      const merged = headerLayout({ ...row, cells });
      if (merged) return merged;
    }
    const layout = headerLayout(row);
    if (layout) return layout;
  }
  return null;
}

const AGENCY_WORDS =
  /^(cac\s+)?(phong|van phong|bo phan|ban|trung tam|cong chuc|co quan|don vi|ubnd|uy ban|cong an|tram|doan|hoi|mat tran)\b/;
const TIMELINE_WORDS = /^(thang|quy|nam|truoc|trong|ca nam|thuong xuyen|hang|dinh ky|\d)/;

/**
 * A table whose header names no known column: the roles are guessed from the cells (a column of
 * numbers, the longest text, agency names, dates). Accepted only with text, an agency and a
 * timeline column, so a lookup table in an appendix is not read as tasks.
 */
export function guessLayout(table: DocumentTable): TableLayout | null {
  const [header, ...body] = table.rows;
  if (!header || body.length < 2 || header.cells.length < 3) return null;
  const width = header.cells.length;
  const columns: (ColumnRole | null)[] = [];
  let longest = -1;
  let longestLength = 0;
  for (let index = 0; index < width; index += 1) {
    const values = body.map((row) => cellText(row.cells[index])).filter(Boolean);
    const keys = values.map((value) => searchKey(value));
    const share = (test: (key: string) => boolean) =>
      values.length > 0 ? keys.filter(test).length / values.length : 0;
    const average = values.reduce((sum, value) => sum + value.length, 0) / (values.length || 1);
    let role: ColumnRole | null = null;
    if (index === 0 && share((key) => /^([ivx]+|\d+(\.\d+)*|[a-z])[.)]?$/.test(key)) >= 0.8)
      role = "ref";
    else if (share((key) => TIMELINE_WORDS.test(key) && key.length <= 40) >= 0.6) role = "timeline";
    else if (share((key) => AGENCY_WORDS.test(key)) >= 0.6)
      role = columns.includes("lead") ? "support" : "lead";
    columns.push(role);
    if (role === null && average > longestLength) {
      longest = index;
      longestLength = average;
    }
  }
  if (longest < 0) return null;
  columns[longest] = "text";
  if (!columns.includes("lead") || !columns.includes("timeline")) return null;
  const headerKey = header.cells.map((cell) => searchKey(cell)).join("|");
  return { kind: "tasks", columns, headerKey, guessed: true };
}

/** First pass over the document's tables: which are data tables, with which layout. */
export function classifyTables(tables: DocumentTable[]): Map<DocumentTable, TableLayout> {
  const result = new Map<DocumentTable, TableLayout>();
  let previous: TableLayout | null = null;
  for (const table of tables) {
    let layout = layoutOf(table.rows) ?? guessLayout(table);
    if (!layout && previous) {
      const width = table.rows[0]?.cells.length ?? 0;
      if (width === previous.columns.length && width >= 3) layout = previous;
    }
    if (layout) {
      result.set(table, layout);
      previous = layout;
    } else {
      previous = null;
    }
  }
  return result;
}

function cellText(raw: string | undefined): string {
  if (!raw) return "";
  const lines = raw.split("\n").map((line) => cleanSpaces(line));
  let text = "";
  for (const line of lines) {
    if (!line) continue;
    if (!text) text = line;
    else if (/\S[-/]$/.test(text) && /^[\p{Lu}\p{N}]/u.test(line) && !/\s[-–]$/.test(text)) {
      text += line;
    } else text += ` ${line}`;
  }
  return text.replace(/\*\*|__/g, "").trim();
}

function isColumnNumberRow(cells: string[]): boolean {
  const filled = cells.filter((cell) => cell !== "");
  if (filled.length < 3) return false;
  return filled.every((cell, index) => cell.replace(/[()]/g, "") === String(index + 1));
}

function roleValues(row: DocumentTableRow, layout: TableLayout): Map<ColumnRole, string> {
  const values = new Map<ColumnRole, string>();
  layout.columns.forEach((column, index) => {
    const text = cellText(row.cells[index]);
    if (!text) return;
    // A column the header does not name is kept as a note, so nothing is lost.
    const role = column ?? "note";
    const existing = values.get(role);
    values.set(role, existing ? `${existing}; ${text}` : text);
  });
  // Cells beyond the header's width are kept in the text so nothing is lost.
  for (let index = layout.columns.length; index < row.cells.length; index += 1) {
    const text = cellText(row.cells[index]);
    if (text) values.set("note", [values.get("note"), text].filter(Boolean).join("; "));
  }
  return values;
}

function joinContinuation(previous: string | null, next: string): string {
  if (!previous) return next;
  if (/\S[-/]$/.test(previous) && /^[\p{Lu}\p{N}]/u.test(next)) return previous + next;
  return `${previous} ${next}`;
}

const FIELD_ROLES = [
  "lead",
  "support",
  "monitor",
  "timeline",
  "deliverable",
  "targetText",
] as const;

/** Parses task-table rows across one or more tables (a table continued after page breaks). */
export class TaskTableParser {
  readonly tasks: ImportedTask[] = [];
  private section: { ref: string | null; area: AreaKey | null } = { ref: null, area: null };
  private lastTaskRef: string | null = null;
  private lastRow: ImportedTask | null = null;

  constructor(private readonly warnings: WarningSink) {}

  /** Forgets the row context when a new, unrelated table starts. */
  reset(): void {
    this.section = { ref: null, area: null };
    this.lastTaskRef = null;
    this.lastRow = null;
  }

  /** Adds the rows of one table; returns how many rows it placed. */
  addTable(table: DocumentTable, layout: TableLayout): number {
    const before = this.tasks.length;
    const rows =
      layout.guessed &&
      table.rows[0]?.cells.length === layout.columns.length &&
      searchKey(table.rows[0]?.cells.join("|") ?? "") === layout.headerKey
        ? table.rows.slice(1)
        : table.rows;
    for (const row of rows) this.addRow(row, layout);
    return this.tasks.length - before;
  }

  private addRow(row: DocumentTableRow, layout: TableLayout): void {
    const cells = row.cells.map((cell) => cellText(cell));
    if (cells.every((cell) => cell === "")) return;
    if (headerLayout(row) || row.isHeader || isSubHeaderRow(cells)) return;
    if (isColumnNumberRow(cells)) return;
    const values = roleValues(row, layout);
    let ref = values.get("ref") ?? "";
    let text = values.get("text") ?? "";
    const note = values.get("note");
    if (note) text = text ? `${text} (${note})` : note;
    const hasFields = FIELD_ROLES.some((role) => values.has(role));
    const areaCell = values.get("area");
    if (areaCell) this.enterAreaCell(row, areaCell);
    if (!text && areaCell && !hasFields) return;

    if (!ref) {
      // No TT column (or an empty one): the number stands at the start of the text.
      const roman = ROMAN_HEADING.exec(text);
      if (roman && isRomanNumeral(roman[1] ?? "") && !hasFields) {
        this.startSection(row, roman[1] ?? null, roman[2] ?? "");
        return;
      }
      const numbered = NUMBERED_HEADING.exec(text);
      if (numbered && !/^\d+[.,]\d+\s*(%|điểm)/u.test(text)) {
        ref = numbered[1] ?? "";
        text = numbered[2] ?? text;
      }
    }

    if (!ref) {
      const letter = LETTER_ITEM.exec(text) ?? PAREN_NUMBER.exec(text);
      if (letter && this.lastTaskRef !== null) {
        this.push(row, values, {
          ref: letter[1] ?? null,
          parentRef: this.lastTaskRef,
          rowType: "subtask",
          text: letter[2] ?? "",
        });
        return;
      }
      const dash = DASH_ITEM.exec(text);
      if (dash && this.lastTaskRef !== null && hasFields) {
        this.push(row, values, {
          ref: null,
          parentRef: this.lastTaskRef,
          rowType: "subtask",
          text: dash[1] ?? "",
        });
        return;
      }
      if (text && !hasFields && (isUpperCaseLine(text) || isAreaTitle(text))) {
        this.startSection(row, null, text);
        return;
      }
      // A row without a number continues the row above (a cell cut by a page break) when the
      // table numbers its rows; in a table without a TT column only a lower-case or text-less
      // row does. A section row is never continued.
      const continues =
        this.lastRow !== null &&
        this.lastRow.rowType !== "section" &&
        (layout.columns.includes("ref") || !text || startsLowercase(text));
      if (continues) {
        this.continueRow(values, text);
        return;
      }
      if (!text) {
        this.warnings.leaveOut(
          "TABLE_ROW_UNPLACED",
          `Không xác định được dòng bảng: “${cells.join(" | ")}”.`,
          row.line,
          cells.join(" | "),
        );
        return;
      }
      this.push(row, values, { ref: null, parentRef: null, rowType: "task", text });
      return;
    }

    const cleanRef = ref.replace(/[.)]+$/, "").trim();
    // Sections numbered I, II… or A, B… ("A | CẢI CÁCH THỂ CHẾ" with no fields of its own).
    const letterSection =
      /^[A-ZĐ]$/u.test(cleanRef) && !hasFields && (isUpperCaseLine(text) || isAreaTitle(text));
    if (isRomanNumeral(cleanRef) || letterSection || /^(phần|phan)\s+[ivx]+$/i.test(cleanRef)) {
      this.startSection(row, cleanRef, text);
      return;
    }
    if (/^\d+$/.test(cleanRef) && !hasFields && isUpperCaseLine(text) && mapAreaKey(text)) {
      this.startSection(row, cleanRef, text);
      return;
    }
    if (/^\d+$/.test(cleanRef)) {
      this.lastTaskRef = cleanRef;
      this.push(row, values, {
        ref: cleanRef,
        parentRef: this.section.ref,
        rowType: "task",
        text,
      });
      return;
    }
    if (/^\d+(\.\d+)+$/.test(cleanRef)) {
      this.push(row, values, {
        ref: cleanRef,
        parentRef: cleanRef.slice(0, cleanRef.lastIndexOf(".")),
        rowType: "subtask",
        text,
      });
      return;
    }
    if (/^[a-zđ]$/.test(cleanRef)) {
      this.push(row, values, {
        ref: cleanRef,
        parentRef: this.lastTaskRef,
        rowType: "subtask",
        text,
      });
      return;
    }
    this.push(row, values, { ref: cleanRef, parentRef: this.section.ref, rowType: "task", text });
  }

  /** A value in the area column: a known area sets the area, anything else groups the rows. */
  private enterAreaCell(row: DocumentTableRow, cell: string): void {
    const numbered = NUMBERED_HEADING.exec(cell) ?? ROMAN_HEADING.exec(cell);
    const ref = numbered?.[1] ?? null;
    const text = numbered?.[2] ?? cell;
    const area = mapAreaKey(text);
    if (area) {
      this.section = { ref, area };
      this.lastTaskRef = null;
      this.push(row, new Map(), { ref, parentRef: null, rowType: "section", text }, area);
      return;
    }
    this.lastTaskRef = ref;
    this.push(row, new Map(), { ref, parentRef: this.section.ref, rowType: "group", text });
  }

  private startSection(row: DocumentTableRow, ref: string | null, text: string): void {
    const area = mapAreaKey(text);
    this.section = { ref, area };
    this.lastTaskRef = null;
    this.push(row, new Map(), { ref, parentRef: null, rowType: "section", text }, area);
  }

  private continueRow(values: Map<ColumnRole, string>, text: string): void {
    const previous = this.lastRow;
    if (!previous) return;
    if (text) previous.text = joinContinuation(previous.text, text);
    for (const role of FIELD_ROLES) {
      const value = values.get(role);
      if (value) previous[role] = joinContinuation(previous[role], value);
    }
  }

  private push(
    row: DocumentTableRow,
    values: Map<ColumnRole, string>,
    head: Pick<ImportedTask, "ref" | "parentRef" | "rowType" | "text">,
    area: AreaKey | null = this.section.area,
  ): void {
    const task: ImportedTask = {
      ref: head.ref,
      parentRef: head.parentRef,
      rowType: head.rowType,
      area,
      text: head.text,
      targetText: values.get("targetText") ?? null,
      lead: values.get("lead") ?? null,
      support: values.get("support") ?? null,
      monitor: values.get("monitor") ?? null,
      timeline: values.get("timeline") ?? null,
      deliverable: values.get("deliverable") ?? null,
      line: row.line,
    };
    this.tasks.push(task);
    this.lastRow = task;
  }
}

/** A short row naming one of the eight areas ("Cải cách thủ tục hành chính"), not a task. */
function isAreaTitle(text: string): boolean {
  return (
    text.length <= 80 &&
    !/[.;:]$/.test(text.trim()) &&
    mapAreaKey(text) !== null &&
    /^(cai cach|cong tac|hien dai hoa|xay dung|chuyen doi so|nang cao)/.test(searchKey(text)) &&
    searchKey(text).split(" ").length <= 10
  );
}

/** Marks tasks that only group sub-rows (no fields of their own) as "group". */
export function markGroups(tasks: ImportedTask[]): void {
  const parents = new Set(
    tasks.filter((task) => task.rowType === "subtask").map((task) => task.parentRef),
  );
  for (const task of tasks) {
    if (task.rowType !== "task" || task.ref === null || !parents.has(task.ref)) continue;
    const hasFields = FIELD_ROLES.some((role) => task[role] !== null);
    if (!hasFields) task.rowType = "group";
  }
}

export class CriteriaTableParser {
  readonly criteria: Criterion[] = [];
  private last: Criterion | null = null;
  private lastNumeric: string | null = null;

  /** Adds the rows of one table; returns how many criteria it produced. */
  addTable(table: DocumentTable, layout: TableLayout): number {
    const before = this.criteria.length;
    for (const row of table.rows) {
      const cells = row.cells.map((cell) => cellText(cell));
      if (cells.every((cell) => cell === "")) continue;
      if (headerLayout(row) || row.isHeader || isColumnNumberRow(cells) || isSubHeaderRow(cells))
        continue;
      const values = roleValues(row, layout);
      const ref = (values.get("ref") ?? "").replace(/[.)]+$/, "");
      const text = values.get("text") ?? "";
      const maxPoints = parseScore(values.get("maxPoints"));
      const selfScore = parseScore(values.get("selfScore"));
      const evidence = values.get("evidence") ?? null;
      if (
        !ref &&
        this.last &&
        maxPoints === null &&
        selfScore === null &&
        !LETTER_ITEM.test(text)
      ) {
        if (text) this.last.text = joinContinuation(this.last.text, text);
        if (evidence) this.last.evidence = joinContinuation(this.last.evidence, evidence);
        continue;
      }
      let parentRef: string | null = null;
      let ownRef: string | null = ref || null;
      let ownText = text;
      if (/^\d+(\.\d+)+$/.test(ref)) parentRef = ref.slice(0, ref.lastIndexOf("."));
      else if (/^\d+$/.test(ref) || isRomanNumeral(ref)) this.lastNumeric = ref;
      else if (/^[a-zđ]$/.test(ref)) parentRef = this.lastNumeric;
      else if (!ref) {
        const letter = LETTER_ITEM.exec(text);
        if (letter) {
          ownRef = letter[1] ?? null;
          ownText = letter[2] ?? text;
          parentRef = this.last?.ref ?? null;
        }
      }
      const criterion: Criterion = {
        ref: ownRef,
        parentRef,
        text: ownText,
        maxPoints,
        selfScore,
        evidence,
        line: row.line,
      };
      this.criteria.push(criterion);
      this.last = criterion;
    }
    return this.criteria.length - before;
  }
}

function parseScore(raw: string | undefined): number | null {
  if (!raw) return null;
  const match = /\d+(?:[.,]\d+)?/.exec(raw);
  return match ? parseDecimal(match[0]) : null;
}
