import type { RuleErrorDetail } from "../errors.ts";
import { searchKey } from "../text/vietnamese-text.ts";
import { DossierError } from "./dossier-error.ts";

/*
 * A procedure's required documents (thành phần hồ sơ) and what the desk received of them.
 *
 * - The procedure keeps an ordered list: each document's name, the form it is handed in
 *   (bản chính / bản sao / bản sao chứng thực), how many copies, and whether it is required.
 * - At the desk the clerk ticks what was handed in (copies may change) and may add documents
 *   the list does not name; the receipt (Mẫu 01, TT 01/2018 "Thành phần hồ sơ nộp gồm: TT | Tên
 *   loại giấy tờ | Hình thức | Số lượng") prints that list.
 * - A dossier is received only when complete (ND 61/2018; an incomplete one gets Mẫu 02 instead):
 *   a required document left out is refused unless the clerk confirms, since the list cannot
 *   express alternatives ("hoặc giấy tờ thay thế") the clerk may accept.
 */

/** How a document is handed in (hình thức). */
export const DOCUMENT_FORMS = ["original", "copy", "certified_copy"] as const;
export type DocumentForm = (typeof DOCUMENT_FORMS)[number];
export const DOCUMENT_FORM_LABELS: Record<DocumentForm, string> = {
  original: "Bản chính",
  copy: "Bản sao",
  certified_copy: "Bản sao chứng thực",
};

export const MAX_DOCUMENT_NAME = 500;
export const MAX_DOCUMENTS = 50;
export const MAX_COPIES = 99;
export const MAX_SETS = 20;

/** One document of a procedure's list. */
export interface ProcedureDocument {
  name: string;
  form: DocumentForm;
  copies: number;
  required: boolean;
}

/** One document the desk received with a dossier. */
export interface ReceivedDocument {
  name: string;
  form: DocumentForm;
  copies: number;
}

const isForm = (value: unknown): value is DocumentForm =>
  (DOCUMENT_FORMS as readonly unknown[]).includes(value);

/** Problems of a list of documents (names, forms, copies, duplicates), with their paths. */
function documentProblems(
  documents: readonly { name: string; form: string; copies: number }[],
  path: string,
): RuleErrorDetail[] {
  const problems: RuleErrorDetail[] = [];
  if (documents.length > MAX_DOCUMENTS) {
    problems.push({ path, message: `Tối đa ${MAX_DOCUMENTS} thành phần hồ sơ.` });
  }
  const seen = new Map<string, number>();
  documents.forEach((doc, i) => {
    const at = `${path}.${i}`;
    const name = doc.name.trim();
    if (!name) problems.push({ path: `${at}.name`, message: "Tên giấy tờ không được để trống." });
    else if (name.length > MAX_DOCUMENT_NAME)
      problems.push({
        path: `${at}.name`,
        message: `Tên giấy tờ dài quá ${MAX_DOCUMENT_NAME} ký tự.`,
      });
    else {
      const key = `${searchKey(name)}|${doc.form}`;
      const first = seen.get(key);
      if (first !== undefined)
        problems.push({
          path: `${at}.name`,
          message: `“${name}” (${DOCUMENT_FORM_LABELS[doc.form as DocumentForm] ?? doc.form}) trùng với dòng ${first + 1}.`,
        });
      else seen.set(key, i);
    }
    if (!isForm(doc.form))
      problems.push({
        path: `${at}.form`,
        message: "Hình thức phải là bản chính, bản sao hoặc bản sao chứng thực.",
      });
    if (!Number.isInteger(doc.copies) || doc.copies < 1 || doc.copies > MAX_COPIES)
      problems.push({
        path: `${at}.copies`,
        message: `Số bản phải là số nguyên từ 1 đến ${MAX_COPIES}.`,
      });
  });
  return problems;
}

/** The procedure's list, trimmed and checked; throws DOSSIER_DOCUMENTS_INVALID with every problem. */
export function checkProcedureDocuments(
  documents: readonly ProcedureDocument[],
): ProcedureDocument[] {
  const problems = documentProblems(documents, "documents");
  if (problems.length > 0) {
    throw new DossierError(
      "DOSSIER_DOCUMENTS_INVALID",
      problems.map((p) => p.message).join(" "),
      problems,
    );
  }
  return documents.map((doc) => ({ ...doc, name: doc.name.trim() }));
}

/** What the desk received, trimmed and checked, and the number of sets (bộ). */
export function checkReceivedDocuments(
  documents: readonly ReceivedDocument[],
  sets: number,
): ReceivedDocument[] {
  const problems = documentProblems(documents, "documents");
  if (!Number.isInteger(sets) || sets < 1 || sets > MAX_SETS)
    problems.push({ path: "sets", message: `Số bộ hồ sơ phải từ 1 đến ${MAX_SETS}.` });
  if (problems.length > 0) {
    throw new DossierError(
      "DOSSIER_DOCUMENTS_INVALID",
      problems.map((p) => p.message).join(" "),
      problems,
    );
  }
  return documents.map((doc) => ({ ...doc, name: doc.name.trim() }));
}

/**
 * The required documents of the procedure the desk did not receive: matched by name (tones and
 * case ignored); a required original is not replaced by a copy, but a certified copy may stand
 * for a plain copy.
 */
export function missingRequiredDocuments(
  procedureDocuments: readonly ProcedureDocument[],
  received: readonly ReceivedDocument[],
): ProcedureDocument[] {
  const rank: Record<DocumentForm, number> = { copy: 0, certified_copy: 1, original: 2 };
  return procedureDocuments.filter(
    (doc) =>
      doc.required &&
      !received.some(
        (got) => searchKey(got.name) === searchKey(doc.name) && rank[got.form] >= rank[doc.form],
      ),
  );
}

/** Refuses a dossier that lacks a required document unless the clerk confirmed receiving it so. */
export function requireCompleteOrConfirmed(
  procedureDocuments: readonly ProcedureDocument[],
  received: readonly ReceivedDocument[],
  confirmedIncomplete: boolean,
): ProcedureDocument[] {
  const missing = missingRequiredDocuments(procedureDocuments, received);
  if (missing.length > 0 && !confirmedIncomplete) {
    throw new DossierError(
      "DOSSIER_DOCUMENTS_INCOMPLETE",
      `Hồ sơ chưa đủ thành phần bắt buộc: ${missing.map((d) => d.name).join("; ")}.`,
      missing.map((d) => ({
        path: "documents",
        message: `Chưa nhận: ${d.name} (${DOCUMENT_FORM_LABELS[d.form]}).`,
      })),
    );
  }
  return missing;
}

/** One line of the desk's checklist: ticked when received. */
export interface ChecklistItem extends ReceivedDocument {
  received: boolean;
  /** From the procedure's list and required there. */
  required: boolean;
  /** Added by the clerk (not in the procedure's list). */
  extra: boolean;
}

/** The checklist the receive form starts from: required documents ticked, optional ones not. */
export function initialChecklist(documents: readonly ProcedureDocument[]): ChecklistItem[] {
  return documents.map((doc) => ({
    name: doc.name,
    form: doc.form,
    copies: doc.copies,
    required: doc.required,
    received: doc.required,
    extra: false,
  }));
}

/** What the checklist says was received, in its order (extra lines with no name left out). */
export function receivedOfChecklist(items: readonly ChecklistItem[]): ReceivedDocument[] {
  return items
    .filter((item) => item.received && (!item.extra || item.name.trim() !== ""))
    .map((item) => ({ name: item.name.trim(), form: item.form, copies: item.copies }));
}

/* ---------- the catalogue import's text form ---------- */

const FORM_WORDS: [string, DocumentForm][] = [
  ["ban sao chung thuc", "certified_copy"],
  ["ban sao co chung thuc", "certified_copy"],
  ["ban chinh", "original"],
  ["ban sao", "copy"],
];

/**
 * Reads the documents column of a catalogue sheet: documents separated by ";" or new lines, each
 * `Tên giấy tờ (bản chính|bản sao|bản sao chứng thực, <số bản>[, không bắt buộc])`; without the
 * bracket a document is one required original. Problems name the document's position.
 */
export function parseDocumentList(text: string): {
  documents: ProcedureDocument[];
  problems: string[];
} {
  const documents: ProcedureDocument[] = [];
  const problems: string[] = [];
  const parts = text
    .split(/[;\n]/)
    .map((part) => part.trim())
    .filter((part) => part !== "");
  parts.forEach((part, i) => {
    const match = /^(.*?)\s*\(([^()]*)\)\s*$/.exec(part);
    const name = (match ? match[1]! : part).trim();
    let form: DocumentForm = "original";
    let copies = 1;
    let required = true;
    if (match) {
      for (const raw of match[2]!.split(",")) {
        const word = searchKey(raw);
        if (word === "") continue;
        const known = FORM_WORDS.find(([w]) => w === word);
        if (known) form = known[1];
        else if (/^\d{1,2}( ban)?$/.test(word)) copies = Number.parseInt(word, 10);
        else if (word === "khong bat buoc" || word === "neu co" || word === "tuy chon")
          required = false;
        else if (word === "bat buoc") required = true;
        else problems.push(`Thành phần ${i + 1} (“${name}”): không hiểu “${raw.trim()}”.`);
      }
    }
    documents.push({ name, form, copies, required });
  });
  for (const p of documentProblems(documents, "documents")) problems.push(p.message);
  return { documents, problems };
}
