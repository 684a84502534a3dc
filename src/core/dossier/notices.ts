import { documentDatePhraseOf, numericDate } from "../text/document-date.ts";
import type { ApplicantKind } from "./applicant-kind.ts";
import type { DossierState } from "./dossier-state.ts";
import { formatVietnamDateTime, vietnamLocal } from "./local-time.ts";
import {
  DOCUMENT_FORM_LABELS,
  missingRequiredDocuments,
  type ProcedureDocument,
  type ReceivedDocument,
} from "./required-documents.ts";
import {
  addresseeOf,
  documentNumber,
  noticeIssuer,
  type Addressee,
  type AgencyOfUnit,
  type NoticeIssuer,
} from "./notice-issuer.ts";
import { formReference, type RuleSet } from "./rule-sets.ts";

/**
 * The written notices that end a dossier early, as pure content (title, header, paragraphs); the
 * server renders them to .docx like the other one-stop forms.
 *
 * - Refusal after reception: a "Thông báo" with the reasons the dossier is not processed, from the
 *   body that decided (`refusalNoticeContent`). Refusal at the counter, before a dossier is
 *   received: Mẫu số 03 "Phiếu từ chối tiếp nhận giải quyết hồ sơ" (TT 01/2018/TT-VPCP and
 *   TT 03/2025/TT-VPCP; `receptionRefusalContent`).
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
  /** The applicant's ID number: one who has one is a person (see `applicantKindOf`). */
  applicantIdNumber?: string | null;
  /** The applicant's kind as the desk said it; null or left out: inferred (`applicantKindOf`). */
  applicantKind?: ApplicantKind | null;
  /**
   * The agency the dossier had been handed to when it was refused or stopped: that agency sends
   * the notice; null or left out when the dossier was still with the receiving body.
   */
  responsibleAgency?: AgencyOfUnit | null;
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
  /**
   * The notice, "supplement" for the supplement request (Mẫu số 02), "reception_refusal" for the
   * refusal at the counter of a dossier never received (Mẫu số 03).
   */
  kind: DossierNoticeKind | "supplement" | "reception_refusal";
  ruleSetId: RuleSet["id"];
  /** The dossier code the notice is about. */
  code: string;
  /** The form's name as the circular gives it ("Phiếu từ chối tiếp nhận giải quyết hồ sơ"). */
  formName: string;
  /** Printed upper case under the header. */
  title: string;
  /** The summary line under a "Thông báo": "Về việc …"; none for a form. */
  summary?: string | null;
  /** "(Mẫu số 03 ban hành kèm theo Thông tư số 01/2018/TT-VPCP …)"; "" for no form. */
  formReference: string;
  /**
   * The header: the unit ("Phường Bãi Cháy", printed "UBND PHƯỜNG …") over the sending body;
   * `committee` when the unit's committee itself sends it (its own name only, ND 30/2020).
   */
  issuer: { upper: string; body: string; number: string; committee?: boolean };
  /** "Bãi Cháy, ngày 05 tháng 3 năm 2026" (ND 30/2020), blanks when the day is unknown. */
  placeAndDate: string;
  paragraphs: NoticeParagraph[];
  signer: {
    title: string;
    note: string;
    /** "TM." with `onBehalfOf` "ỦY BAN NHÂN DÂN" when the committee signs. */
    authority?: "TM." | null;
    onBehalfOf?: string | null;
  };
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

/** "Kính gửi: Ông/Bà …" or the organisation by name, then its address and phone. */
function addresseeParagraphs(
  record: Pick<DossierNoticeRecord, "applicantAddress" | "applicantPhone">,
  addressee: Addressee,
): NoticeParagraph[] {
  return [
    { runs: [plain("Kính gửi: "), bold(addressee.salutation)], align: "center" },
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
  pronoun = "Ông/Bà",
): NoticeParagraph {
  return {
    runs: [
      plain(`${desk} — ${record.unitName} đã tiếp nhận hồ sơ mã `),
      bold(record.code),
      plain(
        ` của ${pronoun} đề nghị giải quyết thủ tục “${record.procedureName}” (mã TTHC ${record.procedureCode}) vào lúc ${formatVietnamDateTime(record.receivedAt)}.`,
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

/** The sender of a dossier's notice (see `noticeIssuer`) and its addressee. */
function senderAndAddressee(record: DossierNoticeRecord, ruleSet: RuleSet) {
  const desk = receivingBodyName(ruleSet, record.receivingBody);
  const sender = noticeIssuer({
    unitName: record.unitName,
    receivingBody: desk,
    agency: record.responsibleAgency ?? null,
  });
  const addressee = addresseeOf({
    name: record.applicantName,
    idNumber: record.applicantIdNumber,
    kind: record.applicantKind,
  });
  return { desk, sender, addressee };
}

function senderHeader(record: DossierNoticeRecord, sender: NoticeIssuer, number: string) {
  return {
    issuer: {
      upper: record.unitName,
      body: sender.name,
      number,
      ...(sender.kind === "committee" ? { committee: true } : {}),
    },
    placeAndDate: `${placeName(record.unitName)}, ${noticeDatePhrase(finishedOn(record))}`,
  };
}

/**
 * The notice to a dossier refused after it was received: a "Thông báo" (ND 30/2020, TB) from the
 * body that decided — the agency it had been handed to, else the receiving body — giving the
 * reason it is not processed. ND 61/2018 and ND 118/2025 ask a written notice with the reasons
 * for a received dossier that will not be processed (reference notes §1.1 "văn bản trả lời",
 * §1.4(b)); neither circular gives it a form, so the wording is ours. Mẫu số 03 ("Phiếu từ chối
 * tiếp nhận giải quyết hồ sơ") refuses a dossier at the counter, before it is received: see
 * `receptionRefusalContent`.
 */
export function refusalNoticeContent(
  record: DossierNoticeRecord,
  ruleSet: RuleSet,
): DossierNoticeContent {
  const { desk, sender, addressee } = senderAndAddressee(record, ruleSet);
  return {
    kind: "refusal",
    ruleSetId: ruleSet.id,
    code: record.code,
    formName: "Thông báo về việc không giải quyết hồ sơ",
    title: "THÔNG BÁO",
    summary: "Về việc không giải quyết hồ sơ",
    formReference: "",
    ...senderHeader(record, sender, documentNumber(sender, null, "TB")),
    paragraphs: [
      ...addresseeParagraphs(record, addressee),
      receivedParagraph(record, desk, addressee.pronoun),
      {
        runs: [
          plain(
            `Sau khi xem xét, thẩm định hồ sơ, ${sender.inText} thông báo không giải quyết hồ sơ nêu trên. Lý do: `,
          ),
          reasonRun(record),
          plain("."),
        ],
      },
      {
        runs: [
          plain(
            `Hồ sơ được trả lại kèm theo Thông báo này. Xin thông báo để ${addressee.pronoun} được biết./.`,
          ),
        ],
      },
    ],
    signer: sender.signer,
    fileName: `khong-giai-quyet-${record.code}.docx`,
  };
}

/** The notice to stop processing a stopped dossier (Mẫu số 05, 2025 rule set), with its reason. */
export function stopNoticeContent(
  record: DossierNoticeRecord,
  ruleSet: RuleSet,
): DossierNoticeContent {
  if (ruleSet.stopNoticeTitle === null || ruleSet.stopNoticeForm === null) {
    throw new RangeError(`Rule set ${ruleSet.id} has no notice to stop processing`);
  }
  const { desk, sender, addressee } = senderAndAddressee(record, ruleSet);
  const day = finishedOn(record);
  return {
    kind: "stop",
    ruleSetId: ruleSet.id,
    code: record.code,
    formName: ruleSet.stopNoticeTitle,
    title: ruleSet.stopNoticeTitle.toUpperCase(),
    formReference: formReference(ruleSet, ruleSet.stopNoticeForm),
    // ND 30/2020 abbreviates "Thông báo" as TB; the number itself is written by hand.
    ...senderHeader(record, sender, documentNumber(sender, null, "TB")),
    paragraphs: [
      ...addresseeParagraphs(record, addressee),
      receivedParagraph(record, desk, addressee.pronoun),
      {
        runs: [
          plain(
            `${sender.inText} thông báo dừng giải quyết hồ sơ nêu trên kể từ ${noticeDatePhrase(day)}. Lý do: `,
          ),
          reasonRun(record),
          plain("."),
        ],
      },
      { runs: [plain(`Xin thông báo để ${addressee.pronoun} được biết./.`)] },
    ],
    signer: sender.signer,
    fileName: `dung-giai-quyet-${record.code}.docx`,
  };
}

/** What a refusal at the counter is built from: who asked what, when, and why it is refused. */
export interface ReceptionRefusalRecord {
  unitName: string;
  receivingBody?: string | null;
  procedureCode: string;
  procedureName: string;
  applicantName: string;
  applicantIdNumber?: string | null;
  /** As the clerk chose it at the counter; null or left out: inferred. */
  applicantKind?: ApplicantKind | null;
  applicantPhone: string;
  applicantAddress: string | null;
  refusedAt: Date;
  reason: string;
}

/**
 * Mẫu số 03 "Phiếu từ chối tiếp nhận giải quyết hồ sơ": the receiving body refuses, at the
 * counter, a dossier it does not receive (not eligible, not within the unit's competence). No
 * dossier code: the dossier never enters the register. Fields as the reference notes recall them
 * (requester, request, that it is not received, the specific reason, the head's signature).
 */
export function receptionRefusalContent(
  record: ReceptionRefusalRecord,
  ruleSet: RuleSet,
): DossierNoticeContent {
  const desk = receivingBodyName(ruleSet, record.receivingBody);
  const sender = noticeIssuer({ unitName: record.unitName, receivingBody: desk, agency: null });
  const addressee = addresseeOf({
    name: record.applicantName,
    idNumber: record.applicantIdNumber,
    kind: record.applicantKind,
  });
  const day = vietnamLocal(record.refusedAt).date;
  const reason = record.reason.trim().replace(/[.;,]+$/, "");
  return {
    kind: "reception_refusal",
    ruleSetId: ruleSet.id,
    code: "",
    formName: ruleSet.refusalNoticeTitle,
    title: ruleSet.refusalNoticeTitle.toLocaleUpperCase("vi"),
    formReference: formReference(ruleSet, ruleSet.refusalNoticeForm),
    // A "phiếu" has no kind abbreviation in ND 30/2020: number and the body's abbreviation.
    issuer: {
      upper: record.unitName,
      body: sender.name,
      number: documentNumber(sender, null),
      ...(sender.kind === "committee" ? { committee: true } : {}),
    },
    placeAndDate: `${placeName(record.unitName)}, ${noticeDatePhrase(day)}`,
    paragraphs: [
      ...addresseeParagraphs(record, addressee),
      {
        runs: [
          plain(
            `Ngày ${noticeDay(day)}, ${desk} — ${record.unitName} nhận hồ sơ của ${addressee.pronoun} đề nghị giải quyết thủ tục “${record.procedureName}” (mã TTHC ${record.procedureCode}).`,
          ),
        ],
      },
      {
        runs: [
          plain(
            `Sau khi xem xét, đối chiếu hồ sơ, ${sender.inText} từ chối tiếp nhận, giải quyết hồ sơ với lý do cụ thể như sau: `,
          ),
          reason ? italic(reason) : plain(DOTTED),
          plain("."),
        ],
      },
      { runs: [plain(`Xin thông báo để ${addressee.pronoun} được biết./.`)] },
    ],
    signer: sender.signer,
    fileName: `tu-choi-tiep-nhan-${day}.docx`,
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
