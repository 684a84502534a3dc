import { searchKey } from "../../text/vietnamese-text.ts";

/**
 * The fields a dossier record exported from the provincial one-stop system can fill, with their
 * Vietnamese labels and the header spellings seen in exports. Headers are compared without
 * diacritics, case or punctuation, so "Mã hồ sơ", "MÃ HỒ SƠ" and "Ma ho so" are one header.
 */
export const IMPORT_FIELDS = [
  "code",
  "procedureCode",
  "applicantName",
  "applicantPhone",
  "applicantAddress",
  "channel",
  "receivedAt",
  "dueDate",
  "finishedAt",
  "returnedAt",
  "state",
  "supplementCount",
  "reason",
  "digitised",
  "electronicResult",
  "onlinePayment",
] as const;
export type ImportField = (typeof IMPORT_FIELDS)[number];

export const REQUIRED_IMPORT_FIELDS: readonly ImportField[] = [
  "code",
  "procedureCode",
  "applicantName",
  "receivedAt",
  "dueDate",
];

export const IMPORT_FIELD_LABELS: Record<ImportField, string> = {
  code: "Mã hồ sơ",
  procedureCode: "Mã thủ tục",
  applicantName: "Người nộp",
  applicantPhone: "Số điện thoại",
  applicantAddress: "Địa chỉ",
  channel: "Kênh nộp",
  receivedAt: "Ngày tiếp nhận",
  dueDate: "Hạn xử lý",
  finishedAt: "Ngày có kết quả",
  returnedAt: "Ngày trả kết quả",
  state: "Trạng thái",
  supplementCount: "Số lần bổ sung",
  reason: "Lý do",
  digitised: "Đã số hóa",
  electronicResult: "Kết quả điện tử",
  onlinePayment: "Thanh toán trực tuyến",
};

/** Header spellings, already folded by `headerKey`. The field's own key is always accepted. */
const ALIASES: Record<ImportField, readonly string[]> = {
  code: ["ma ho so", "so ho so", "ma hs", "so hs", "ma bien nhan", "so bien nhan", "dossier code"],
  procedureCode: [
    "ma thu tuc",
    "ma tthc",
    "ma thu tuc hanh chinh",
    "ma thu tuc hc",
    "procedure code",
    "procedure",
  ],
  applicantName: [
    "nguoi nop",
    "ten nguoi nop",
    "ho ten nguoi nop",
    "ho va ten nguoi nop",
    "chu ho so",
    "ten chu ho so",
    "to chuc ca nhan",
    "ten to chuc ca nhan",
    "ho ten",
    "ho va ten",
    "applicant",
    "applicant name",
  ],
  applicantPhone: ["so dien thoai", "dien thoai", "sdt", "so dt", "dt", "phone", "applicant phone"],
  applicantAddress: ["dia chi", "dia chi nguoi nop", "address", "applicant address"],
  channel: [
    "kenh nop",
    "kenh tiep nhan",
    "hinh thuc nop",
    "hinh thuc tiep nhan",
    "hinh thuc",
    "channel",
  ],
  receivedAt: [
    "ngay tiep nhan",
    "ngay nhan",
    "ngay nhan ho so",
    "thoi gian tiep nhan",
    "ngay gio tiep nhan",
    "received at",
    "received",
  ],
  dueDate: [
    "han xu ly",
    "han giai quyet",
    "ngay hen tra",
    "ngay hen tra ket qua",
    "hen tra",
    "hen tra ket qua",
    "due date",
    "due",
  ],
  finishedAt: [
    "ngay co ket qua",
    "ngay hoan thanh",
    "ngay giai quyet xong",
    "ngay xu ly xong",
    "ngay ket thuc",
    "finished at",
    "finished",
  ],
  returnedAt: ["ngay tra ket qua", "ngay tra", "thoi gian tra ket qua", "returned at", "returned"],
  state: ["trang thai", "tinh trang", "trang thai ho so", "tinh trang ho so", "state", "status"],
  supplementCount: ["so lan bo sung", "so lan yeu cau bo sung", "supplement count"],
  reason: ["ly do", "ly do tu choi", "ly do dung", "reason"],
  digitised: ["so hoa", "da so hoa", "so hoa ho so", "digitised", "digitized"],
  electronicResult: ["ket qua dien tu", "co ket qua dien tu", "electronic result"],
  onlinePayment: ["thanh toan truc tuyen", "thanh toan online", "online payment"],
};

/** Folds a header: no diacritics, lower case, punctuation and a trailing "(dd/mm/yyyy)" dropped. */
export function headerKey(header: string): string {
  return searchKey(header.replace(/\(.*?\)/g, " "))
    .replace(/[^a-z0-9]+/g, " ")
    .trim();
}

const FIELD_OF_KEY = new Map<string, ImportField>();
for (const field of IMPORT_FIELDS) {
  FIELD_OF_KEY.set(headerKey(field), field);
  FIELD_OF_KEY.set(field.toLowerCase(), field);
  for (const alias of ALIASES[field]) FIELD_OF_KEY.set(alias, field);
}

/** A column mapping as saved per source: field → the header text in that source's files. */
export type ColumnMapping = Partial<Record<ImportField, string>>;

/** The same mapping resolved against one file's header row: field → column index. */
export type ColumnIndexes = Partial<Record<ImportField, number>>;

export interface MappingProblem {
  field: ImportField | null;
  column: string | null;
  message: string;
}

export interface ResolvedMapping {
  /** Field → header text, as it will be saved. */
  mapping: ColumnMapping;
  indexes: ColumnIndexes;
  /** Headers of the file that no field uses. */
  unmapped: string[];
  problems: MappingProblem[];
}

/** The field a header names, or null. */
export function fieldOfHeader(header: string): ImportField | null {
  return FIELD_OF_KEY.get(headerKey(header)) ?? null;
}

/**
 * Resolves a mapping against a header row. Fields the given mapping names are taken from it (an
 * empty string means "not imported"); the others are recognised from the headers. Never throws:
 * missing required fields and headers named twice come back as problems.
 */
export function resolveMapping(
  headers: readonly string[],
  given: ColumnMapping = {},
): ResolvedMapping {
  const problems: MappingProblem[] = [];
  const indexes: ColumnIndexes = {};
  const byKey = new Map<string, number>();
  headers.forEach((header, index) => {
    const key = headerKey(header);
    if (key && !byKey.has(key)) byKey.set(key, index);
  });
  for (const field of IMPORT_FIELDS) {
    const chosen = given[field];
    if (chosen === undefined) continue;
    if (chosen.trim() === "") {
      indexes[field] = -1;
      continue;
    }
    const index = byKey.get(headerKey(chosen));
    if (index === undefined) {
      problems.push({
        field,
        column: chosen,
        message: `Không có cột “${chosen}” trong tệp (đã chọn cho trường “${IMPORT_FIELD_LABELS[field]}”).`,
      });
      indexes[field] = -1;
    } else {
      indexes[field] = index;
    }
  }
  headers.forEach((header, index) => {
    const field = fieldOfHeader(header);
    if (field && indexes[field] === undefined) indexes[field] = index;
  });
  const mapping: ColumnMapping = {};
  const used = new Map<number, ImportField>();
  for (const field of IMPORT_FIELDS) {
    const index = indexes[field];
    if (index === undefined || index < 0) {
      delete indexes[field];
      continue;
    }
    const other = used.get(index);
    if (other) {
      problems.push({
        field,
        column: headers[index] ?? null,
        message: `Cột “${headers[index]}” được chọn cho cả “${IMPORT_FIELD_LABELS[other]}” và “${IMPORT_FIELD_LABELS[field]}”.`,
      });
    }
    used.set(index, field);
    mapping[field] = headers[index]!;
  }
  for (const field of REQUIRED_IMPORT_FIELDS) {
    if (indexes[field] === undefined && !problems.some((p) => p.field === field)) {
      problems.push({
        field,
        column: null,
        message: `Thiếu cột “${IMPORT_FIELD_LABELS[field]}” (bắt buộc). Hãy chọn cột tương ứng trong tệp.`,
      });
    }
  }
  const unmapped = headers.filter((header, index) => header.trim() !== "" && !used.has(index));
  return { mapping, indexes, unmapped, problems };
}
