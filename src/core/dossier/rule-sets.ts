import { DossierError } from "./dossier-error.ts";
import type { RuleSetId } from "./dossier-values.ts";

/**
 * One-stop rules change by law; a dossier follows the set in force on the day it was received.
 * - "2018": ND 61/2018/NĐ-CP (amended by ND 107/2021) and TT 01/2018/TT-VPCP, from 06/01/2019.
 * - "2025": ND 118/2025/NĐ-CP and TT 03/2025/TT-VPCP, from 01/07/2025: the apology becomes a
 *   request for an extension, and a notice to stop processing appears.
 */

export interface RuleSet {
  id: RuleSetId;
  effectiveFrom: string;
  legalBasis: string;
  receiptTitle: string;
  /**
   * The receiving body the forms print under the unit's committee when the unit's desk settings
   * name none: ND 61/2018 "Bộ phận tiếp nhận và trả kết quả"; ND 118/2025 the commune's
   * "Trung tâm Phục vụ hành chính công" (reference notes: centres at provincial and commune level).
   */
  receivingBody: string;
  apologyTitle: string;
  /** The circular whose annex holds the desk's forms ("Mẫu số …" are numbered in it). */
  formsCircular: string;
  /**
   * The circular cited in full under a form's title: number, date (when sourced) and issuer.
   * TT 01/2018/TT-VPCP is dated 23/11/2018 (reference notes §1.2a); the date of TT 03/2025 was
   * not retrieved, so it is cited without one.
   */
  formsCircularInFull: string;
  /** The apology's number in the circular's annex: Mẫu số 04 in both. */
  apologyForm: string;
  /**
   * The written refusal: Mẫu số 03 "Phiếu từ chối tiếp nhận giải quyết hồ sơ" in both circulars.
   * The reference notes list it at reception and name no other form for a refusal after the
   * dossier was received (only "văn bản trả lời", unsourced), so the same form serves both.
   */
  refusalNoticeTitle: string;
  refusalNoticeForm: string;
  /**
   * Null when the rule set has no notice to stop processing (so no "stopped" state). TT 03/2025,
   * Phụ lục I, Mẫu số 05 "Thông báo dừng giải quyết hồ sơ" (the form list is sourced, its fields
   * were not retrieved).
   */
  stopNoticeTitle: string | null;
  stopNoticeForm: string | null;
}

export const RULE_SETS: readonly RuleSet[] = [
  {
    id: "2018",
    effectiveFrom: "2019-01-06",
    legalBasis: "Nghị định số 61/2018/NĐ-CP và Thông tư số 01/2018/TT-VPCP",
    receiptTitle: "GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ",
    receivingBody: "Bộ phận tiếp nhận và trả kết quả",
    apologyTitle: "Phiếu xin lỗi và hẹn lại ngày trả kết quả",
    formsCircular: "Thông tư số 01/2018/TT-VPCP",
    formsCircularInFull:
      "Thông tư số 01/2018/TT-VPCP ngày 23 tháng 11 năm 2018 của Văn phòng Chính phủ",
    apologyForm: "Mẫu số 04",
    refusalNoticeTitle: "Phiếu từ chối tiếp nhận giải quyết hồ sơ",
    refusalNoticeForm: "Mẫu số 03",
    stopNoticeTitle: null,
    stopNoticeForm: null,
  },
  {
    id: "2025",
    effectiveFrom: "2025-07-01",
    legalBasis: "Nghị định số 118/2025/NĐ-CP và Thông tư số 03/2025/TT-VPCP",
    receiptTitle: "GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ",
    receivingBody: "Trung tâm Phục vụ hành chính công",
    apologyTitle: "Văn bản xin lỗi và đề nghị gia hạn thời gian giải quyết",
    formsCircular: "Thông tư số 03/2025/TT-VPCP",
    formsCircularInFull: "Thông tư số 03/2025/TT-VPCP của Văn phòng Chính phủ",
    apologyForm: "Mẫu số 04",
    refusalNoticeTitle: "Phiếu từ chối tiếp nhận giải quyết hồ sơ",
    refusalNoticeForm: "Mẫu số 03",
    stopNoticeTitle: "Thông báo dừng giải quyết hồ sơ",
    stopNoticeForm: "Mẫu số 05",
  },
];

/** "(Mẫu số 04 ban hành kèm theo Thông tư số 01/2018/TT-VPCP ngày 23 tháng 11 năm 2018 của …)". */
export function formReference(ruleSet: RuleSet, form: string): string {
  return `(${form} ban hành kèm theo ${ruleSet.formsCircularInFull})`;
}

/** The rule set in force on `date` (YYYY-MM-DD, Vietnam time). */
export function ruleSetOn(date: string): RuleSet {
  let found: RuleSet | undefined;
  for (const set of RULE_SETS) if (set.effectiveFrom <= date) found = set;
  if (!found) {
    throw new DossierError(
      "DOSSIER_RULE_NOT_IN_FORCE",
      `Không có quy định Một cửa nào có hiệu lực vào ngày ${date} (sớm nhất từ ${RULE_SETS[0]!.effectiveFrom}).`,
    );
  }
  return found;
}

export function ruleSetById(id: string): RuleSet {
  const set = RULE_SETS.find((s) => s.id === id);
  if (!set)
    throw new DossierError("DOSSIER_RULE_NOT_IN_FORCE", `Bộ quy định "${id}" không tồn tại.`);
  return set;
}
