import { documentDatePhraseOf, numericDate } from "../text/document-date.ts";
import type { DossierState } from "./dossier-state.ts";
import { formatVietnamDateTime, vietnamLocal } from "./local-time.ts";
import {
  DOCUMENT_FORM_LABELS,
  missingRequiredDocuments,
  type ProcedureDocument,
  type ReceivedDocument,
} from "./required-documents.ts";
import type { RuleSet } from "./rule-sets.ts";

/**
 * The written notices that end a dossier early, as pure content (title, header, paragraphs); the
 * server renders them to .docx like the other one-stop forms.
 *
 * - Refusal: Mẫu số 03 "Phiếu từ chối tiếp nhận giải quyết hồ sơ" (TT 01/2018/TT-VPCP and
 *   TT 03/2025/TT-VPCP). The reference notes give its fields only as recalled (requester, request,
 *   that the dossier is not received/processed, the specific reason, signature) and list it at
 *   reception; they name no separate form for a refusal after reception, so this one is used.
 * - Stop: Mẫu số 05 "Thông báo dừng giải quyết hồ sơ" (TT 03/2025/TT-VPCP, 2025 rule set only);
 *   only the form's name is sourced, its fields are ours.
 */
export type DossierNoticeKind = "refusal" | "stop";

export const DOSSIER_NOTICE_KINDS: readonly DossierNoticeKind[] = ["refusal", "stop"];

/** What a notice is built from: the dossier's record. */
export interface DossierNoticeRecord {
  code: string;
  state: DossierState;
  unitName: string;
  procedureCode: string;
  procedureName: string;
  applicantName: string;
  applicantPhone: string;
  applicantAddress: string | null;
  receivedAt: Date;
  /** When it was refused or stopped; null for an imported dossier without that moment. */
  finishedAt: Date | null;
  /** The reason recorded with the refusal or the stop; null for an imported dossier without one. */
  reason: string | null;
  /** The receiving body as the unit's desk settings name it; the rule set's name when left out. */
  receivingBody?: string | null;
}

/** A piece of a paragraph with its emphasis. */
export interface NoticeRun {
  text: string;
  bold?: boolean;
  italics?: boolean;
}

export interface NoticeParagraph {
  runs: NoticeRun[];
  align?: "left" | "center" | "both";
}

export interface DossierNoticeContent {
  /** The notice, or "supplement" for the supplement request (Mẫu số 02). */
  kind: DossierNoticeKind | "supplement";
  ruleSetId: RuleSet["id"];
  /** The dossier code the notice is about. */
  code: string;
  /** The form's name as the circular gives it ("Phiếu từ chối tiếp nhận giải quyết hồ sơ"). */
  formName: string;
  /** Printed upper case under the header. */
  title: string;
  /** "(Mẫu số 03 ban hành kèm theo Thông tư số 01/2018/TT-VPCP)". */
  formReference: string;
  issuer: { upper: string; body: string; number: string };
  /** "Bãi Cháy, ngày 05 tháng 3 năm 2026" (ND 30/2020), blanks when the day is unknown. */
  placeAndDate: string;
  paragraphs: NoticeParagraph[];
  signer: { title: string; note: string };
  fileName: string;
}

/** The office that receives and returns dossiers under the 2018 rules (the rule set's default). */
export const DESK_NAME = "Bộ phận tiếp nhận và trả kết quả";

/**
 * The receiving body printed under the unit's committee and named in the text: the name the
 * unit's desk settings give, else the one of the rule set the dossier follows.
 */
export function receivingBodyName(ruleSet: RuleSet, configured?: string | null): string {
  return configured?.trim() || ruleSet.receivingBody;
}
/** Dotted blank for a value the record does not hold, filled in by hand. */
export const DOTTED = "…………………………………";

/** Whether a dossier in `state` under `ruleSet` has the notice `kind`. */
export function hasNotice(kind: DossierNoticeKind, state: DossierState, ruleSet: RuleSet): boolean {
  if (kind === "refusal") return state === "refused";
  return ruleSet.stopNoticeTitle !== null && state === "stopped";
}

/** "ngày 05 tháng 3 năm 2026" for a YYYY-MM-DD; "ngày … tháng … năm …" when unknown. */
export function noticeDatePhrase(isoDate: string | null): string {
  return isoDate === null ? "ngày … tháng … năm …" : documentDatePhraseOf(isoDate);
}

/** "05/03/2026" for a YYYY-MM-DD (a form's field; running text uses `noticeDatePhrase`). */
export function noticeDay(isoDate: string): string {
  return numericDate(isoDate);
}

/** The place name of a unit as documents print it: "Phường Bãi Cháy" → "Bãi Cháy". */
export function placeName(unitName: string): string {
  return unitName.replace(/^(Xã|Phường|Thị trấn|Đặc khu)\s+/, "");
}

const plain = (text: string): NoticeRun => ({ text });
const bold = (text: string): NoticeRun => ({ text, bold: true });
const italic = (text: string): NoticeRun => ({ text, italics: true });

function applicantParagraphs(
  record: Pick<DossierNoticeRecord, "applicantName" | "applicantAddress" | "applicantPhone">,
): NoticeParagraph[] {
  return [
    { runs: [plain("Kính gửi: "), bold(record.applicantName)], align: "center" },
    { runs: [plain("Địa chỉ: "), bold(record.applicantAddress ?? DOTTED)] },
    { runs: [plain("Số điện thoại: "), bold(record.applicantPhone)] },
  ];
}

function receivedParagraph(
  record: Pick<
    DossierNoticeRecord,
    "unitName" | "code" | "procedureName" | "procedureCode" | "receivedAt"
  >,
  desk: string,
): NoticeParagraph {
  return {
    runs: [
      plain(`${desk} — ${record.unitName} đã tiếp nhận hồ sơ mã `),
      bold(record.code),
      plain(
        ` của Ông/Bà đề nghị giải quyết thủ tục “${record.procedureName}” (mã TTHC ${record.procedureCode}) vào lúc ${formatVietnamDateTime(record.receivedAt)}.`,
      ),
    ],
  };
}

function reasonRun(record: DossierNoticeRecord): NoticeRun {
  const reason = record.reason?.trim().replace(/[.;,]+$/, "");
  return reason ? italic(reason) : plain(DOTTED);
}

function finishedOn(record: DossierNoticeRecord): string | null {
  return record.finishedAt ? vietnamLocal(record.finishedAt).date : null;
}

/** Who signs the desk's letters and notices: the head of the agency, with the seal. */
export const HEAD_OF_AGENCY = {
  title: "THỦ TRƯỞNG CƠ QUAN",
  note: "(Ký, ghi rõ họ tên và đóng dấu)",
};

function header(record: DossierNoticeRecord, number: string, desk: string) {
  return {
    issuer: { upper: record.unitName, body: desk, number },
    placeAndDate: `${placeName(record.unitName)}, ${noticeDatePhrase(finishedOn(record))}`,
  };
}

/** The refusal of a refused dossier (Mẫu số 03), with the reason recorded at refusal. */
export function refusalNoticeContent(
  record: DossierNoticeRecord,
  ruleSet: RuleSet,
): DossierNoticeContent {
  const desk = receivingBodyName(ruleSet, record.receivingBody);
  const day = finishedOn(record);
  return {
    kind: "refusal",
    ruleSetId: ruleSet.id,
    code: record.code,
    formName: ruleSet.refusalNoticeTitle,
    title: ruleSet.refusalNoticeTitle.toUpperCase(),
    formReference: `(${ruleSet.refusalNoticeForm} ban hành kèm theo ${ruleSet.formsCircular})`,
    // A "phiếu" has no type abbreviation in ND 30/2020: the whole number is left to fill in.
    ...header(record, "Số: ……/……", desk),
    paragraphs: [
      ...applicantParagraphs(record),
      receivedParagraph(record, desk),
      {
        runs: [
          plain(
            `Sau khi xem xét, đối chiếu hồ sơ, ${desk} — ${record.unitName} thông báo không tiếp nhận, giải quyết hồ sơ nêu trên${day ? ` (từ chối ${noticeDatePhrase(day)})` : ""} với lý do cụ thể như sau: `,
          ),
          reasonRun(record),
          plain("."),
        ],
      },
      { runs: [plain("Xin thông báo để Ông/Bà được biết./.")] },
    ],
    signer: HEAD_OF_AGENCY,
    fileName: `tu-choi-${record.code}.docx`,
  };
}

/** The notice to stop processing a stopped dossier (Mẫu số 05, 2025 rule set), with its reason. */
export function stopNoticeContent(
  record: DossierNoticeRecord,
  ruleSet: RuleSet,
): DossierNoticeContent {
  const desk = receivingBodyName(ruleSet, record.receivingBody);
  if (ruleSet.stopNoticeTitle === null || ruleSet.stopNoticeForm === null) {
    throw new RangeError(`Rule set ${ruleSet.id} has no notice to stop processing`);
  }
  const day = finishedOn(record);
  return {
    kind: "stop",
    ruleSetId: ruleSet.id,
    code: record.code,
    formName: ruleSet.stopNoticeTitle,
    title: ruleSet.stopNoticeTitle.toUpperCase(),
    formReference: `(${ruleSet.stopNoticeForm} ban hành kèm theo ${ruleSet.formsCircular})`,
    // ND 30/2020 abbreviates "Thông báo" as TB; the number and the issuer's abbreviation are blank.
    ...header(record, "Số: ……/TB-……", desk),
    paragraphs: [
      ...applicantParagraphs(record),
      receivedParagraph(record, desk),
      {
        runs: [
          plain(
            `${desk} — ${record.unitName} thông báo dừng giải quyết hồ sơ nêu trên kể từ ${noticeDatePhrase(day)}. Lý do: `,
          ),
          reasonRun(record),
          plain("."),
        ],
      },
      { runs: [plain("Xin thông báo để Ông/Bà được biết./.")] },
    ],
    signer: HEAD_OF_AGENCY,
    fileName: `dung-giai-quyet-${record.code}.docx`,
  };
}

/** The notice `kind` of a dossier; the caller checks `hasNotice` first. */
export function dossierNoticeContent(
  kind: DossierNoticeKind,
  record: DossierNoticeRecord,
  ruleSet: RuleSet,
): DossierNoticeContent {
  return kind === "refusal"
    ? refusalNoticeContent(record, ruleSet)
    : stopNoticeContent(record, ruleSet);
}

/** What the supplement request (Mẫu số 02) is built from, beside the dossier's record. */
export interface SupplementRequestRecord extends Omit<
  DossierNoticeRecord,
  "finishedAt" | "reason"
> {
  /** When the supplement was requested; null when unknown. */
  requestedAt: Date | null;
  /** What the clerk typed with the request; null when nothing. */
  note: string | null;
  /** The procedure's list of documents (required and optional). */
  procedureDocuments: readonly ProcedureDocument[];
  /** What the desk received, as stored with the dossier; null when the dossier records none. */
  receivedDocuments: readonly ReceivedDocument[] | null;
}

/** "Giấy chứng sinh (bản chính): 01 bản", as the receipt prints a document. */
export function documentLine(doc: {
  name: string;
  form: ProcedureDocument["form"];
  copies: number;
}) {
  return `${doc.name} (${DOCUMENT_FORM_LABELS[doc.form].toLowerCase()}): ${String(doc.copies).padStart(2, "0")} bản`;
}

/**
 * The supplement request, Mẫu số 02 "Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ" (same number in
 * TT 01/2018 and TT 03/2025; the fields are as recalled by the reference notes: the dossier, "Yêu
 * cầu hoàn thiện hồ sơ gồm những nội dung sau: 1… 2…", the reason, the guide's signature). When the
 * dossier stores what the desk received, the procedure's required documents not received are the
 * numbered items, each with its form and copies, and the clerk's note follows; otherwise the note
 * alone (dotted when none).
 */
export function supplementRequestContent(
  record: SupplementRequestRecord,
  ruleSet: RuleSet,
): DossierNoticeContent {
  const desk = receivingBodyName(ruleSet, record.receivingBody);
  const formName = "Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ";
  const missing =
    record.receivedDocuments === null
      ? []
      : missingRequiredDocuments(record.procedureDocuments, record.receivedDocuments);
  const note = record.note?.trim().replace(/[.;,]+$/, "") ?? "";
  const items: NoticeParagraph[] = missing.map((doc, i) => ({
    runs: [
      plain(`${i + 1}. `),
      bold(documentLine(doc)),
      plain(i === missing.length - 1 && !note ? "." : ";"),
    ],
  }));
  if (note) {
    items.push({
      runs: [
        plain(missing.length > 0 ? `${missing.length + 1}. Nội dung khác: ` : ""),
        italic(note),
        plain("."),
      ],
    });
  }
  if (items.length === 0) items.push({ runs: [plain(DOTTED)] });
  const day = record.requestedAt ? vietnamLocal(record.requestedAt).date : null;
  return {
    kind: "supplement",
    ruleSetId: ruleSet.id,
    code: record.code,
    formName,
    title: formName.toUpperCase(),
    formReference: `(Mẫu số 02 ban hành kèm theo ${ruleSet.formsCircular})`,
    issuer: { upper: record.unitName, body: desk, number: "Số: ……/……" },
    placeAndDate: `${placeName(record.unitName)}, ${noticeDatePhrase(day)}`,
    paragraphs: [
      ...applicantParagraphs(record),
      receivedParagraph(record, desk),
      {
        runs: [
          plain(
            `Sau khi xem xét, đối chiếu hồ sơ, đề nghị Ông/Bà bổ sung, hoàn thiện hồ sơ gồm những nội dung sau:`,
          ),
        ],
      },
      ...items,
      {
        runs: [
          plain(
            `Trong quá trình hoàn thiện hồ sơ, nếu có vướng mắc, Ông/Bà liên hệ ${desk} — ${record.unitName} để được hướng dẫn.`,
          ),
        ],
      },
      { runs: [plain("Xin trân trọng./.")] },
    ],
    signer: { title: "NGƯỜI HƯỚNG DẪN", note: "(Ký và ghi rõ họ tên)" },
    fileName: `yeu-cau-bo-sung-${record.code}.docx`,
  };
}
