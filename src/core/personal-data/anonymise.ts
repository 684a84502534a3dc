import type { PersonalDataRecord } from "./fields.ts";

/**
 * What a record's personal fields hold once anonymised. Columns that may not be empty get a
 * fixed marker, an optional text keeps being empty or not (so "was it answered" stays true),
 * the other optional fields are cleared. Codes, dates, states, classification, agencies and
 * counts are not touched, so every KPI and report figure stays the same.
 */
export const ANONYMISED_TEXT = "[đã ẩn danh]";

export const ANONYMISED_DOSSIER = {
  applicantName: ANONYMISED_TEXT,
  applicantPhone: "",
  applicantAddress: null,
  applicantIdNumber: null,
} as const;

export const ANONYMISED_FEEDBACK = {
  senderName: ANONYMISED_TEXT,
  senderPhone: "",
  senderEmail: null,
  senderAddress: null,
  title: ANONYMISED_TEXT,
  content: ANONYMISED_TEXT,
  /** Kept null when there was none: whether it was answered stays visible. */
  answer: ANONYMISED_TEXT,
  satisfactionNote: ANONYMISED_TEXT,
} as const;

export const ANONYMISED_FIELDS: Record<PersonalDataRecord, readonly string[]> = {
  dossier: Object.keys(ANONYMISED_DOSSIER),
  feedback: Object.keys(ANONYMISED_FEEDBACK),
};
