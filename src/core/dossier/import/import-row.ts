import { findControlCharacter } from "../../text/control-characters.ts";
import { isInCodeSpace } from "../dossier-code.ts";
import { outsideValidity, type UnitValidity } from "../../organization/unit-validity.ts";
import { STATE_LABELS, type DossierState } from "../dossier-state.ts";
import type { RuleSetId } from "../dossier-values.ts";
import { RULE_SETS } from "../rule-sets.ts";
import { IMPORT_FIELD_LABELS, type ColumnIndexes, type ImportField } from "./import-fields.ts";
import {
  compareMoments,
  momentToTimestamp,
  parseChannel,
  parseFlag,
  parseLocalMoment,
  parseState,
  type ImportCell,
  type ImportChannel,
  type LocalMoment,
} from "./import-values.ts";

/** One dossier ready to be written: timestamps carry the +07:00 offset, days are YYYY-MM-DD. */
export interface ImportedDossier {
  /** The row number in the source sheet (the header is row 1). */
  row: number;
  code: string;
  procedureCode: string;
  applicantName: string;
  applicantPhone: string;
  applicantAddress: string | null;
  channel: ImportChannel;
  receivedAt: string;
  receivedOn: string;
  dueDate: string;
  finishedAt: string | null;
  returnedAt: string | null;
  state: DossierState;
  supplementCount: number;
  reason: string | null;
  digitised: boolean;
  electronicResult: boolean;
  onlinePayment: boolean;
  ruleSet: RuleSetId;
}

/** A problem with one cell (or one row when `field` is null), with a message naming both. */
export interface ImportRowError {
  row: number;
  field: ImportField | null;
  column: string | null;
  value: string;
  message: string;
}

export type ImportRowResult =
  | { ok: true; dossier: ImportedDossier }
  | { ok: false; errors: ImportRowError[] }
  | { ok: "empty" };

export interface RowContext {
  headers: readonly string[];
  indexes: ColumnIndexes;
  /** Vietnam "today" (YYYY-MM-DD): nothing can be received after it. */
  today: string;
  /** When given, a procedure code outside this set is an error. */
  procedureCodes?: ReadonlySet<string>;
  /**
   * The importing unit's code space: the agency codes (QCVN 102:2016) its dossier codes may carry.
   * A code outside it is an error, so an import never takes numbers another desk issues.
   */
  agencyCodes: ReadonlySet<string>;
  /** The importing unit: a dossier received when it did not exist is an error. */
  unit?: UnitValidity;
}

const MAX_CODE_LENGTH = 64;
const MAX_NAME_LENGTH = 300;
const MAX_TEXT_LENGTH = 2000;
const OPEN_STATES: ReadonlySet<DossierState> = new Set([
  "received",
  "in_progress",
  "supplement_requested",
]);
const STOP_FROM = RULE_SETS.find((set) => set.stopNoticeTitle !== null)!.effectiveFrom;

function cellText(value: ImportCell): string {
  if (value === null || value === undefined) return "";
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? "" : value.toISOString();
  return String(value).trim();
}

function ruleSetOf(day: string): RuleSetId {
  let found: RuleSetId = RULE_SETS[0]!.id;
  for (const set of RULE_SETS) if (set.effectiveFrom <= day) found = set.id;
  return found;
}

/** The message for a code that is not in the unit's code space. */
function outsideCodeSpace(code: string, context: RowContext): string {
  const own = [...context.agencyCodes];
  const forms = own.map((agency) => `${agency}-YYMMDD-NNNN`).join(" hoặc ");
  return `mã hồ sơ “${code}” không thuộc dải mã của đơn vị: mã hồ sơ phải có dạng ${forms} (mã cơ quan của đơn vị, ngày tiếp nhận, số thứ tự); không nhập mã của cơ quan khác.`;
}

const formatDay = (day: string) => `${day.slice(8, 10)}/${day.slice(5, 7)}/${day.slice(0, 4)}`;

/* Helpers are module functions, not closures made per row: a million rows make a million
 * closures otherwise, which the benchmark shows as a visible share of the import time. */

function cellAt(cells: readonly ImportCell[], context: RowContext, field: ImportField): ImportCell {
  const index = context.indexes[field];
  return index === undefined ? null : cells[index];
}

function addError(
  errors: ImportRowError[],
  context: RowContext,
  row: number,
  field: ImportField | null,
  value: string,
  problem: string,
) {
  const column =
    field === null
      ? null
      : (context.headers[context.indexes[field] ?? -1] ?? IMPORT_FIELD_LABELS[field]);
  const where = column === null ? `Dòng ${row}` : `Dòng ${row}, cột “${column}”`;
  errors.push({ row, field, column, value, message: `${where}: ${problem}` });
}

function readMoment(
  cells: readonly ImportCell[],
  context: RowContext,
  row: number,
  errors: ImportRowError[],
  field: ImportField,
  required: boolean,
): LocalMoment | null {
  const value = cellAt(cells, context, field);
  const shown = cellText(value);
  if (shown === "") {
    if (required)
      addError(
        errors,
        context,
        row,
        field,
        shown,
        `thiếu ${IMPORT_FIELD_LABELS[field].toLowerCase()}.`,
      );
    return null;
  }
  const parsed = parseLocalMoment(value);
  if (!parsed)
    addError(
      errors,
      context,
      row,
      field,
      shown,
      `“${shown}” không phải ngày hợp lệ (dd/mm/yyyy, dd/mm/yyyy HH:mm hoặc yyyy-mm-dd).`,
    );
  return parsed;
}

function readFlag(
  cells: readonly ImportCell[],
  context: RowContext,
  row: number,
  errors: ImportRowError[],
  field: "digitised" | "electronicResult" | "onlinePayment",
): boolean {
  const value = cellText(cellAt(cells, context, field));
  const parsed = parseFlag(value);
  if (parsed === null)
    addError(
      errors,
      context,
      row,
      field,
      value,
      `“${value}” phải là “có” (x, 1) hoặc “không” (để trống, 0).`,
    );
  return parsed ?? false;
}

/**
 * Validates and converts one data row. Never throws: every problem comes back with the row number,
 * the source column and a Vietnamese message; a row of empty cells is reported as "empty".
 */
export function parseImportRow(
  cells: readonly ImportCell[],
  row: number,
  context: RowContext,
): ImportRowResult {
  const errors: ImportRowError[] = [];
  const text = (field: ImportField) => cellText(cellAt(cells, context, field));
  const fail = (field: ImportField | null, value: string, problem: string) =>
    addError(errors, context, row, field, value, problem);

  let empty = true;
  for (const cell of cells) {
    if (cellText(cell) !== "") {
      empty = false;
      break;
    }
  }
  if (empty) return { ok: "empty" };

  // PostgreSQL refuses NUL in text (the row's COPY would fail): such a row is listed, not written.
  for (const [index, cell] of cells.entries()) {
    const found = typeof cell === "string" ? findControlCharacter(cell, { multiline: true }) : null;
    if (found) {
      const column = context.headers[index] ?? `${index + 1}`;
      fail(null, "", `ô ở cột “${column}” chứa ký tự điều khiển (${found.codePoint}).`);
      return { ok: false, errors };
    }
  }

  const code = text("code");
  if (code === "") fail("code", code, "thiếu mã hồ sơ.");
  else if (code.length > MAX_CODE_LENGTH || /\s/.test(code))
    fail(
      "code",
      code,
      `mã hồ sơ “${code}” không hợp lệ (không có khoảng trắng, tối đa ${MAX_CODE_LENGTH} ký tự).`,
    );
  else if (!isInCodeSpace(code, context.agencyCodes))
    fail("code", code, outsideCodeSpace(code, context));

  const procedureCode = text("procedureCode");
  if (procedureCode === "") fail("procedureCode", procedureCode, "thiếu mã thủ tục.");
  else if (context.procedureCodes && !context.procedureCodes.has(procedureCode))
    fail(
      "procedureCode",
      procedureCode,
      `thủ tục mã “${procedureCode}” không có trong danh mục thủ tục của đơn vị.`,
    );

  const applicantName = text("applicantName");
  if (applicantName === "") fail("applicantName", applicantName, "thiếu tên người nộp.");
  else if (applicantName.length > MAX_NAME_LENGTH)
    fail(
      "applicantName",
      applicantName.slice(0, 40),
      `tên người nộp dài quá ${MAX_NAME_LENGTH} ký tự.`,
    );

  const applicantPhone = text("applicantPhone");
  if (applicantPhone !== "" && !/^\+?[\d\s.()-]{3,20}$/.test(applicantPhone))
    fail("applicantPhone", applicantPhone, `số điện thoại “${applicantPhone}” không hợp lệ.`);

  const address = text("applicantAddress");
  if (address.length > MAX_TEXT_LENGTH)
    fail("applicantAddress", address.slice(0, 40), `địa chỉ dài quá ${MAX_TEXT_LENGTH} ký tự.`);

  const channelText = text("channel");
  const channel = channelText === "" ? "in_person" : parseChannel(channelText);
  if (channel === null)
    fail(
      "channel",
      channelText,
      `kênh nộp “${channelText}” không rõ; dùng “Trực tiếp”, “Trực tuyến” hoặc “Bưu chính công ích”.`,
    );

  const received = readMoment(cells, context, row, errors, "receivedAt", true);
  const due = readMoment(cells, context, row, errors, "dueDate", true);
  const finished = readMoment(cells, context, row, errors, "finishedAt", false);
  const returned = readMoment(cells, context, row, errors, "returnedAt", false);

  const invalidOn = received && context.unit ? outsideValidity(context.unit, received.date) : null;
  if (received && invalidOn) fail("receivedAt", formatDay(received.date), invalidOn);
  if (received && received.date > context.today)
    fail(
      "receivedAt",
      formatDay(received.date),
      `ngày tiếp nhận ${formatDay(received.date)} ở trong tương lai.`,
    );
  if (received && due && due.date < received.date)
    fail(
      "dueDate",
      formatDay(due.date),
      `hạn xử lý ${formatDay(due.date)} trước ngày tiếp nhận ${formatDay(received.date)}.`,
    );
  if (received && finished && compareMoments(finished, received) < 0)
    fail("finishedAt", formatDay(finished.date), "ngày có kết quả trước ngày tiếp nhận.");
  if (received && returned && compareMoments(returned, received) < 0)
    fail("returnedAt", formatDay(returned.date), "ngày trả kết quả trước ngày tiếp nhận.");
  if (finished && returned && compareMoments(returned, finished) < 0)
    fail("returnedAt", formatDay(returned.date), "ngày trả kết quả trước ngày có kết quả.");

  const stateText = text("state");
  let state: DossierState | null;
  if (stateText === "") state = returned ? "returned" : finished ? "resolved" : "received";
  else {
    state = parseState(stateText);
    if (state === null)
      fail(
        "state",
        stateText,
        `trạng thái “${stateText}” không rõ; dùng một trong: ${Object.values(STATE_LABELS).join(", ")}.`,
      );
  }
  if (state && (stateText !== "" || state !== "received")) {
    const label = STATE_LABELS[state];
    if (
      state !== "withdrawn" &&
      !OPEN_STATES.has(state) &&
      !finished &&
      !(state === "returned" && returned)
    )
      fail("finishedAt", "", `hồ sơ “${label}” phải có ngày có kết quả.`);
    if (state === "returned" && !returned)
      fail("returnedAt", "", `hồ sơ “${label}” phải có ngày trả kết quả.`);
    if (OPEN_STATES.has(state) && (finished || returned))
      fail(
        "state",
        stateText,
        `hồ sơ “${label}” chưa kết thúc nên không được có ngày có kết quả hoặc ngày trả.`,
      );
    if (state === "stopped" && received && received.date < STOP_FROM)
      fail(
        "state",
        stateText,
        `“${label}” chỉ áp dụng cho hồ sơ tiếp nhận từ ${formatDay(STOP_FROM)}.`,
      );
  }

  const countText = text("supplementCount");
  const supplementCount =
    countText === "" ? 0 : /^\d{1,2}$/.test(countText) ? Number(countText) : null;
  if (supplementCount === null)
    fail(
      "supplementCount",
      countText,
      `số lần bổ sung “${countText}” phải là số nguyên từ 0 đến 99.`,
    );

  const digitised = readFlag(cells, context, row, errors, "digitised");
  const electronicResult = readFlag(cells, context, row, errors, "electronicResult");
  const onlinePayment = readFlag(cells, context, row, errors, "onlinePayment");

  const reason = text("reason");
  if (reason.length > MAX_TEXT_LENGTH)
    fail("reason", reason.slice(0, 40), `lý do dài quá ${MAX_TEXT_LENGTH} ký tự.`);

  if (errors.length > 0) return { ok: false, errors };
  // A returned dossier without a result date finished when it was returned.
  const finishedMoment = finished ?? (state === "returned" ? returned : null);
  return {
    ok: true,
    dossier: {
      row,
      code,
      procedureCode,
      applicantName,
      applicantPhone,
      applicantAddress: address || null,
      channel: channel!,
      receivedAt: momentToTimestamp(received!),
      receivedOn: received!.date,
      dueDate: due!.date,
      finishedAt: finishedMoment ? momentToTimestamp(finishedMoment) : null,
      returnedAt: returned ? momentToTimestamp(returned) : null,
      state: state!,
      supplementCount: supplementCount!,
      reason: reason || null,
      digitised,
      electronicResult,
      onlinePayment,
      ruleSet: ruleSetOf(received!.date),
    },
  };
}

/** The message for a code given twice in one file. */
export function duplicateCodeError(
  row: number,
  column: string,
  code: string,
  firstRow: number,
): ImportRowError {
  return {
    row,
    field: "code",
    column,
    value: code,
    message: `Dòng ${row}, cột “${column}”: mã hồ sơ “${code}” bị lặp (đã có ở dòng ${firstRow}).`,
  };
}
