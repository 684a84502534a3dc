import type { OnlineLevel, ProcedureLevel } from "../../core/dossier/dossier-values.ts";
import {
  checkProcedureDocuments,
  parseDocumentList,
  type ProcedureDocument,
} from "../../core/dossier/required-documents.ts";
import { scopeIncludes } from "../../core/access/role-policy.ts";
import type { CellValue } from "../../core/organization/unit-import.ts";
import { compareVietnamese, matchesSearch } from "../../core/text/vietnamese-text.ts";
import type { Executor } from "../db/database.ts";
import * as procedureRepository from "../db/repositories/procedure.repository.ts";
import { findUnitById } from "../db/repositories/unit.repository.ts";
import { AppError, applyRule, type ErrorDetail } from "../errors.ts";
import * as access from "./access.service.ts";
import type { Actor } from "./actor.ts";
import { runUseCase } from "./use-case.ts";

export const PROCEDURE_CODE_PATTERN = /^[1-3]\.\d{6}$/;

export interface ProcedureInput {
  unitId: string;
  code: string;
  name: string;
  field: string;
  level: ProcedureLevel;
  processingDays: number;
  feeText?: string | null;
  onlineLevel: OnlineLevel;
  isActive?: boolean;
  /** The required documents (thành phần hồ sơ), in order; left as they are when undefined. */
  documents?: ProcedureDocument[];
}

function toView(
  row: procedureRepository.ProcedureListRow,
  canUpdate: boolean,
  documents: ProcedureDocument[],
) {
  const { createdAt: _c, updatedAt, ...rest } = row;
  return {
    ...rest,
    documents,
    onlineLevel: row.onlineLevel,
    level: row.level,
    updatedAt: updatedAt.toISOString(),
    can: { update: canUpdate },
  };
}

export async function listProcedures(
  db: Executor,
  actor: Actor,
  filter: { unitId?: string; q?: string; field?: string; includeInactive?: boolean },
) {
  const readScope = await access.unitScope(db, actor, "dossier.read");
  const writeScope = await access.unitScope(db, actor, "procedure.write");
  let ids = access.scopeToIds(readScope);
  if (filter.unitId) ids = ids === null || ids.includes(filter.unitId) ? [filter.unitId] : [];
  const rows = (await procedureRepository.listProcedures(db, ids))
    .filter((r) => filter.includeInactive || r.isActive)
    .filter((r) => !filter.field || r.field === filter.field)
    .filter((r) => !filter.q || matchesSearch(`${r.code} ${r.name} ${r.field}`, filter.q))
    .sort((a, b) => compareVietnamese(a.field, b.field) || a.code.localeCompare(b.code));
  const documents = await procedureRepository.listProcedureDocuments(
    db,
    rows.map((r) => r.id),
  );
  const data = rows.map((r) =>
    toView(r, scopeIncludes(writeScope, r.unitId), documents.get(r.id) ?? []),
  );
  const canCreate = writeScope.kind === "all" || writeScope.unitIds.size > 0;
  return { data, can: { create: canCreate, import: canCreate } };
}

export async function getProcedure(db: Executor, actor: Actor, id: string) {
  const readable = await access.check(db, actor, "dossier.read", "procedure", [id]);
  const row = readable.has(id) ? await procedureRepository.findProcedureById(db, id) : null;
  if (!row) throw new AppError("PROCEDURE_NOT_FOUND");
  const canUpdate = (await access.check(db, actor, "procedure.write", "procedure", [id])).has(id);
  return { data: toView(row, canUpdate, await documentsOf(db, id)) };
}

async function documentsOf(exec: Executor, procedureId: string) {
  return (
    (await procedureRepository.listProcedureDocuments(exec, [procedureId])).get(procedureId) ?? []
  );
}

function normalise(input: ProcedureInput) {
  return {
    unitId: input.unitId,
    code: input.code.trim(),
    name: input.name.trim(),
    field: input.field.trim(),
    level: input.level,
    processingDays: input.processingDays,
    feeText: input.feeText?.trim() || null,
    onlineLevel: input.onlineLevel,
    isActive: input.isActive ?? true,
  };
}

async function requireUnitWrite(tx: Executor, actor: Actor, unitId: string) {
  const readable = await access.check(tx, actor, "dossier.read", "unit", [unitId]);
  if (!readable.has(unitId) || !(await findUnitById(tx, unitId)))
    throw new AppError("UNIT_NOT_FOUND");
  await access.require(tx, actor, "procedure.write", "unit", unitId);
}

export async function createProcedure(db: Executor, actor: Actor, input: ProcedureInput) {
  return runUseCase(db, actor, async ({ tx, audit }) => {
    const values = normalise(input);
    await requireUnitWrite(tx, actor, values.unitId);
    if (await procedureRepository.findProcedureByCode(tx, values.unitId, values.code)) {
      throw new AppError("PROCEDURE_CODE_TAKEN", { params: { code: values.code } });
    }
    const documents = applyRule(() => checkProcedureDocuments(input.documents ?? []));
    const row = await procedureRepository.insertProcedure(tx, values);
    await procedureRepository.replaceProcedureDocuments(tx, row.id, documents);
    await audit({
      action: "procedure.create",
      entityId: row.id,
      unitId: row.unitId,
      after: { ...row, documents },
      summary: `Thêm thủ tục ${row.code} — ${row.name}`,
    });
    return {
      data: toView((await procedureRepository.findProcedureById(tx, row.id))!, true, documents),
    };
  });
}

export async function updateProcedure(
  db: Executor,
  actor: Actor,
  id: string,
  input: Partial<Omit<ProcedureInput, "unitId">>,
) {
  return runUseCase(db, actor, async ({ tx, audit }) => {
    const readable = await access.check(tx, actor, "dossier.read", "procedure", [id]);
    const before = readable.has(id) ? await procedureRepository.findProcedureById(tx, id) : null;
    if (!before) throw new AppError("PROCEDURE_NOT_FOUND");
    await access.require(tx, actor, "procedure.write", "procedure", id);
    const { documents: documentsInput, ...fields } = input;
    const defined = Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined));
    const values = normalise({ ...before, ...defined } as ProcedureInput);
    const clash = await procedureRepository.findProcedureByCode(tx, before.unitId, values.code);
    if (clash && clash.id !== id)
      throw new AppError("PROCEDURE_CODE_TAKEN", { params: { code: values.code } });
    const documentsBefore = await documentsOf(tx, id);
    const documents =
      documentsInput === undefined
        ? documentsBefore
        : applyRule(() => checkProcedureDocuments(documentsInput));
    const row = await procedureRepository.updateProcedure(tx, id, values);
    if (documentsInput !== undefined)
      await procedureRepository.replaceProcedureDocuments(tx, id, documents);
    await audit({
      action: "procedure.update",
      entityId: id,
      unitId: row.unitId,
      before: { ...before, documents: documentsBefore },
      after: { ...row, documents },
      summary: `Cập nhật thủ tục ${row.code} — ${row.name}`,
    });
    return {
      data: toView((await procedureRepository.findProcedureById(tx, id))!, true, documents),
    };
  });
}

/* ---------- import from CSV/XLSX ---------- */

const COLUMN_ALIASES: Record<string, string[]> = {
  code: ["code", "ma", "ma tthc", "ma thu tuc"],
  name: ["name", "ten", "ten thu tuc", "ten tthc"],
  field: ["field", "linh vuc"],
  processingDays: [
    "processing_days",
    "processing days",
    "thoi han",
    "thoi han giai quyet",
    "so ngay",
  ],
  feeText: ["fee_text", "fee", "phi", "le phi", "phi, le phi", "phi le phi"],
  onlineLevel: [
    "online_level",
    "online level",
    "muc do",
    "dich vu cong truc tuyen",
    "dvc truc tuyen",
  ],
  level: ["level", "cap"],
  documents: ["documents", "required_documents", "thanh phan ho so", "thanh phan", "ho so gom"],
};

function fold(text: string): string {
  return text
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/đ/gi, "d")
    .toLowerCase()
    .replace(/\s+/g, " ")
    .trim();
}

function cellText(value: CellValue): string {
  if (value === null || value === undefined) return "";
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  return String(value).trim();
}

export function parseOnlineLevel(text: string): OnlineLevel | null {
  const folded = fold(text);
  if (folded === "" || folded === "khong" || folded === "none") return "none";
  if (folded === "toan trinh" || folded === "full" || folded === "muc do 4") return "full";
  if (folded === "mot phan" || folded === "partial" || folded === "muc do 3") return "partial";
  return null;
}

export function parseProcessingDays(text: string): number | null {
  const folded = fold(text);
  if (folded === "trong ngay" || folded === "0") return 0;
  return /^\d{1,3}$/.test(folded) ? Number(folded) : null;
}

export interface ParsedProcedureRow {
  row: number;
  code: string;
  name: string;
  field: string;
  processingDays: number;
  feeText: string | null;
  onlineLevel: OnlineLevel;
  level: ProcedureLevel;
  /** The documents column's list; undefined when the sheet has no such column or the cell is empty. */
  documents?: ProcedureDocument[];
}

/** Reads a catalogue sheet; every problem is reported with its row, nothing is half-read. */
export function parseProcedureSheet(headers: string[], rows: CellValue[][]) {
  const problems: ErrorDetail[] = [];
  const index: Partial<Record<string, number>> = {};
  headers.forEach((header, i) => {
    const folded = fold(header);
    for (const [key, aliases] of Object.entries(COLUMN_ALIASES)) {
      if (index[key] === undefined && aliases.includes(folded)) index[key] = i;
    }
  });
  for (const required of ["code", "name", "field", "processingDays"]) {
    if (index[required] === undefined) {
      problems.push({
        row: 1,
        path: required,
        message: `Thiếu cột “${COLUMN_ALIASES[required]![0]}”.`,
      });
    }
  }
  if (problems.length > 0) return { rows: [], problems };
  const parsed: ParsedProcedureRow[] = [];
  const seen = new Set<string>();
  rows.forEach((cells, i) => {
    const rowNumber = i + 2;
    const get = (key: string) =>
      index[key] === undefined ? "" : cellText(cells[index[key]!] ?? null);
    if (cells.every((c) => cellText(c) === "")) return;
    const code = get("code");
    const name = get("name");
    const field = get("field");
    const days = parseProcessingDays(get("processingDays"));
    const online = parseOnlineLevel(get("onlineLevel"));
    const levelText = fold(get("level"));
    const level: ProcedureLevel | null =
      levelText === "" || levelText === "xa" || levelText === "commune" || levelText === "cap xa"
        ? "commune"
        : levelText === "tinh" || levelText === "province" || levelText === "cap tinh"
          ? "province"
          : null;
    const before = problems.length;
    if (!PROCEDURE_CODE_PATTERN.test(code)) {
      problems.push({
        row: rowNumber,
        path: "code",
        message: `Mã thủ tục “${code}” không đúng dạng 1.001234.`,
      });
    } else if (seen.has(code)) {
      problems.push({
        row: rowNumber,
        path: "code",
        message: `Mã thủ tục ${code} bị lặp trong tệp.`,
      });
    }
    if (!name) problems.push({ row: rowNumber, path: "name", message: "Thiếu tên thủ tục." });
    if (!field) problems.push({ row: rowNumber, path: "field", message: "Thiếu lĩnh vực." });
    if (days === null) {
      problems.push({
        row: rowNumber,
        path: "processingDays",
        message: `Thời hạn giải quyết “${get("processingDays")}” phải là số ngày làm việc hoặc “trong ngày”.`,
      });
    }
    if (online === null) {
      problems.push({
        row: rowNumber,
        path: "onlineLevel",
        message: `Mức độ trực tuyến “${get("onlineLevel")}” phải là “toàn trình”, “một phần” hoặc để trống.`,
      });
    }
    if (level === null)
      problems.push({
        row: rowNumber,
        path: "level",
        message: "Cấp thực hiện phải là xã hoặc tỉnh.",
      });
    const documentsText = get("documents");
    const documents = documentsText ? parseDocumentList(documentsText) : null;
    for (const message of documents?.problems ?? [])
      problems.push({ row: rowNumber, path: "documents", message });
    seen.add(code);
    if (problems.length === before) {
      parsed.push({
        row: rowNumber,
        code,
        name,
        field,
        processingDays: days!,
        feeText: get("feeText") || null,
        onlineLevel: online!,
        level: level!,
        ...(documents ? { documents: documents.documents } : {}),
      });
    }
  });
  return { rows: parsed, problems };
}

/** Imports a catalogue into a unit: all rows or none; existing codes are updated. */
export async function importProcedures(
  db: Executor,
  actor: Actor,
  unitId: string,
  sheet: { headers: string[]; rows: CellValue[][] },
) {
  const parsed = parseProcedureSheet(sheet.headers, sheet.rows);
  if (parsed.problems.length > 0)
    throw new AppError("PROCEDURE_IMPORT_INVALID", { details: parsed.problems });
  if (parsed.rows.length === 0) {
    throw new AppError("PROCEDURE_IMPORT_INVALID", {
      details: [{ message: "Tệp không có dòng dữ liệu nào." }],
    });
  }
  return runUseCase(db, actor, async ({ tx, audit }) => {
    await requireUnitWrite(tx, actor, unitId);
    let created = 0;
    let updated = 0;
    for (const row of parsed.rows) {
      const { row: _row, documents, ...values } = row;
      const existing = await procedureRepository.findProcedureByCode(tx, unitId, row.code);
      let procedureId: string;
      if (existing) {
        await procedureRepository.updateProcedure(tx, existing.id, values);
        procedureId = existing.id;
        updated++;
      } else {
        procedureId = (await procedureRepository.insertProcedure(tx, { ...values, unitId })).id;
        created++;
      }
      // A row without a documents cell keeps the list the desk has already entered.
      if (documents)
        await procedureRepository.replaceProcedureDocuments(tx, procedureId, documents);
    }
    await audit({
      action: "procedure.import",
      entityId: null,
      unitId,
      after: parsed.rows,
      summary: `Nhập danh mục thủ tục: ${created} mới, ${updated} cập nhật`,
    });
    return { data: { created, updated, total: parsed.rows.length } };
  });
}
