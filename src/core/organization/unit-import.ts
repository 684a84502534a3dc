import { searchKey } from "../text/vietnamese-text.ts";
import { parseDateInput } from "../time/vietnam-time.ts";
import type { CommuneKind, UnitLevel } from "./unit-rules.ts";

/**
 * Reading a unit list (CSV/XLSX) exported by a province or typed by an administrator.
 * Headers may be English (code, name, level, parent_code) or Vietnamese (Mã, Tên, Cấp, Mã cấp trên).
 */
export interface ImportedUnitRow {
  row: number;
  code: string;
  name: string;
  level: UnitLevel;
  kind: CommuneKind | null;
  parentCode: string | null;
  validFrom: string | null;
  validTo: string | null;
  mergedIntoCode: string | null;
}

export interface UnitImportProblem {
  row: number;
  path: string;
  message: string;
}

type Field = keyof Omit<ImportedUnitRow, "row">;

const HEADER_ALIASES: Record<Field, string[]> = {
  code: ["code", "ma", "ma don vi", "ma dvhc"],
  name: ["name", "ten", "ten don vi"],
  level: ["level", "cap", "cap hanh chinh"],
  kind: ["kind", "loai hinh", "loai"],
  parentCode: ["parent_code", "parent code", "ma cap tren", "ma don vi cap tren"],
  validFrom: ["valid_from", "valid from", "hieu luc tu", "tu ngay"],
  validTo: ["valid_to", "valid to", "hieu luc den", "den ngay"],
  mergedIntoCode: ["merged_into_code", "merged into code", "sap nhap vao", "ma sap nhap vao"],
};

const REQUIRED: Field[] = ["code", "name", "level"];

export function mapHeaders(headers: string[]): { fields: Map<number, Field>; missing: Field[] } {
  const fields = new Map<number, Field>();
  headers.forEach((header, index) => {
    const key = searchKey(header).replace(/[_]+/g, " ");
    for (const [field, aliases] of Object.entries(HEADER_ALIASES) as [Field, string[]][]) {
      if (aliases.some((alias) => alias.replace(/_/g, " ") === key)) fields.set(index, field);
    }
  });
  const present = new Set(fields.values());
  return { fields, missing: REQUIRED.filter((field) => !present.has(field)) };
}

const LEVEL_WORDS: Array<[string, UnitLevel, CommuneKind | null]> = [
  ["province", "province", null],
  ["tinh", "province", null],
  ["thanh pho truc thuoc trung uong", "province", null],
  ["district", "district", null],
  ["huyen", "district", null],
  ["quan", "district", null],
  ["thi xa", "district", null],
  ["commune", "commune", null],
  ["xa", "commune", "xa"],
  ["phuong", "commune", "phuong"],
  ["thi tran", "commune", "thi_tran"],
  ["dac khu", "commune", "dac_khu"],
];

function readLevel(value: string): { level: UnitLevel; kind: CommuneKind | null } | null {
  const key = searchKey(value);
  const found = LEVEL_WORDS.find(([word]) => word === key);
  return found ? { level: found[1], kind: found[2] } : null;
}

function readKind(value: string): CommuneKind | null | undefined {
  const key = searchKey(value).replace(/_/g, " ");
  if (key === "") return null;
  const map: Record<string, CommuneKind> = {
    xa: "xa",
    phuong: "phuong",
    "thi tran": "thi_tran",
    "dac khu": "dac_khu",
  };
  return map[key];
}

export type CellValue = string | number | Date | null | undefined;

function text(value: CellValue): string {
  if (value === null || value === undefined) return "";
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  return String(value).trim();
}

/** Parses data rows (without the header row); `firstRowNumber` is the sheet row of rows[0]. */
export function parseUnitRows(
  headers: string[],
  rows: CellValue[][],
  firstRowNumber = 2,
): { rows: ImportedUnitRow[]; problems: UnitImportProblem[] } {
  const { fields, missing } = mapHeaders(headers);
  if (missing.length > 0) {
    return {
      rows: [],
      problems: [
        {
          row: 1,
          path: missing.join(","),
          message: `Thiếu cột bắt buộc: ${missing.join(", ")} (cần các cột code, name, level, parent_code).`,
        },
      ],
    };
  }
  const parsed: ImportedUnitRow[] = [];
  const problems: UnitImportProblem[] = [];
  const seenCodes = new Map<string, number>();
  rows.forEach((cells, index) => {
    const row = firstRowNumber + index;
    const raw: Partial<Record<Field, CellValue>> = {};
    fields.forEach((field, column) => (raw[field] = cells[column]));
    if (Object.values(raw).every((value) => text(value) === "")) return;
    const problem = (path: Field, message: string) => problems.push({ row, path, message });

    const code = text(raw.code);
    const name = text(raw.name);
    if (!code) problem("code", "Thiếu mã đơn vị.");
    if (!name) problem("name", "Thiếu tên đơn vị.");
    if (code && seenCodes.has(code)) {
      problem("code", `Mã ${code} bị trùng với dòng ${seenCodes.get(code)}.`);
    } else if (code) seenCodes.set(code, row);

    const level = readLevel(text(raw.level));
    if (!level)
      problem(
        "level",
        `Cấp “${text(raw.level)}” không hợp lệ (tỉnh, huyện, xã, phường, thị trấn, đặc khu).`,
      );
    let kind = level?.kind ?? null;
    if (text(raw.kind) !== "") {
      const explicit = readKind(text(raw.kind));
      if (explicit === undefined) problem("kind", `Loại hình “${text(raw.kind)}” không hợp lệ.`);
      else kind = explicit;
    }

    const readDate = (field: "validFrom" | "validTo"): string | null => {
      const value = raw[field];
      if (text(value) === "") return null;
      const date = value instanceof Date ? parseDateInput(value) : parseDateInput(text(value));
      if (!date) problem(field, `Ngày “${text(value)}” không hợp lệ (dùng dd/mm/yyyy).`);
      return date;
    };
    const validFrom = readDate("validFrom");
    const validTo = readDate("validTo");

    if (level && code && name) {
      parsed.push({
        row,
        code,
        name,
        level: level.level,
        kind,
        parentCode: text(raw.parentCode) || null,
        validFrom,
        validTo,
        mergedIntoCode: text(raw.mergedIntoCode) || null,
      });
    }
  });
  return { rows: parsed, problems };
}
