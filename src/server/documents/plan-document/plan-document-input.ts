import type { DocumentNumber, Issuer, Signer } from "../nd30-kit/index.ts";

/**
 * Everything needed to print a plan as official documents (ND 30/2020): the issuing decision,
 * the plan and its appendices. Plain data: the plan service fills it from the database, tests
 * from a factory. Text is printed as given, except where a comment says otherwise.
 */
export interface PlanDocumentInput {
  issuer: IssuerInput;
  /** Place name printed before the date, e.g. "Hòa Phong". */
  place: string;
  /** ISO date (YYYY-MM-DD); null prints the blanks of a draft: "ngày      tháng      năm 2026". */
  issuedOn: string | null;
  /** Year printed in a blank date. */
  year: number;
  /** The plan's title without "Kế hoạch": "Cải cách hành chính xã Hòa Phong năm 2026". */
  title: string;
  /** Null when the plan is issued on its own, without a decision. */
  decision: DecisionInput | null;
  plan: PlanBodyInput;
  /** Numbered "Phụ lục I", "Phụ lục II"… in this order. */
  appendices: AppendixInput[];
}

export interface IssuerInput extends Issuer {
  /** Full name used in running text: "Ủy ban nhân dân xã Hòa Phong". */
  nameInText: string;
}

export type DocumentNumberInput = DocumentNumber;
export type SignerInput = Signer;

export interface DecisionInput {
  number: DocumentNumberInput;
  /**
   * The trích yếu; "Ban hành Kế hoạch …" (ND 30's sample) when left out. An officer may keep an
   * older wording ("Về việc ban hành Kế hoạch …").
   */
  summary?: string | null;
  /**
   * "CHỦ TỊCH ỦY BAN NHÂN DÂN XÃ HÒA PHONG" (the chair issues: signed "CHỦ TỊCH" or "KT. CHỦ
   * TỊCH") or "ỦY BAN NHÂN DÂN XÃ HÒA PHONG" (the committee: signed "TM. ỦY BAN NHÂN DÂN").
   */
  authority: string;
  /** One legal basis per item, without the closing ";" (added when printed). */
  bases: string[];
  /** "Theo đề nghị của Chánh Văn phòng HĐND và UBND xã" (printed last, ending "."). */
  proposal: string | null;
  /** Who carries the decision out (Điều 3), e.g. "Chánh Văn phòng HĐND và UBND xã". */
  executors: string[];
  /** "Nơi nhận": one item per line, without "- " and ";". */
  recipients: string[];
  signer: SignerInput;
}

export interface PlanBodyInput {
  /** Printed only when the plan is issued on its own (a plan issued with a decision has none). */
  number: DocumentNumberInput;
  /** Opening paragraphs citing the bases of a plan issued on its own (the decision cites them). */
  bases: string[];
  purposes: string[];
  requirements: string[];
  /** Each target as one sentence: "Tỷ lệ hồ sơ giải quyết đúng hạn đạt từ 98,5% trở lên." */
  targets: string[];
  areas: PlanAreaInput[];
  implementation: ImplementationDutyInput[];
  funding: string[];
  /** Closing paragraph ("Trên đây là Kế hoạch…"). */
  closing: string | null;
  /** Printed only when the plan is issued on its own. */
  recipients: string[];
  signer: SignerInput;
}

export interface PlanAreaInput {
  /** "Công tác chỉ đạo, điều hành". */
  title: string;
  tasks: string[];
  /** "Phấn đấu năm 2026 đạt 12/13 điểm." */
  scoreGoal: string | null;
}

export interface ImplementationDutyInput {
  agency: string;
  duties: string[];
}

export interface AppendixInput {
  /** "DANH MỤC NHIỆM VỤ CẢI CÁCH HÀNH CHÍNH XÃ HÒA PHONG NĂM 2026". */
  title: string;
  /** Section rows I, II… each with tasks numbered 1, 2… across the whole table. */
  sections: AppendixSectionInput[];
}

export interface AppendixSectionInput {
  title: string;
  tasks: AppendixTaskInput[];
}

export interface AppendixTaskInput {
  content: string;
  lead: string;
  supporting: string[];
  timeline: string;
  deliverable: string;
  /** Sub-rows a), b), c)… */
  subtasks?: AppendixTaskInput[];
}
