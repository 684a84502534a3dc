/**
 * Which fields of CCHC's records are citizens' personal data (ND 13/2023/NĐ-CP, "dữ liệu cá nhân
 * cơ bản": họ tên, số điện thoại, số CMND/CCCD, địa chỉ, thư điện tử).
 *
 * - Dossiers (hồ sơ): the applicant's name, phone, address and ID number (CCCD, CMND or passport;
 *   shown masked to every reader after reception, in full only in the administrators' lookup).
 * - Feedback (PAKN): the sender's name, phone, e-mail and address, and the free texts (title,
 *   content, answer, satisfaction note), which citizens fill with names, phones and ID numbers.
 *   The public texts (`public_title`…) were masked and confirmed by a clerk before publication:
 *   they are not personal data.
 * - SIPAS responses hold none (unit, questionnaire, channel, day, the dossier rated): nothing to
 *   mask or anonymise.
 * - Officials' names (who received, answered or moved a case) are staff data, not citizens'.
 */

export const PERSONAL_DATA_KINDS = [
  "name",
  "phone",
  "id_number",
  "email",
  "address",
  "text",
] as const;
export type PersonalDataKind = (typeof PERSONAL_DATA_KINDS)[number];

export const PERSONAL_DATA_KIND_LABELS: Record<PersonalDataKind, string> = {
  name: "Họ tên",
  phone: "Số điện thoại",
  id_number: "Số CMND/CCCD",
  email: "Thư điện tử",
  address: "Địa chỉ",
  text: "Nội dung có thể chứa dữ liệu cá nhân",
};

export const PERSONAL_DATA_RECORDS = ["dossier", "feedback"] as const;
export type PersonalDataRecord = (typeof PERSONAL_DATA_RECORDS)[number];

export interface PersonalField {
  /** The field of the API view (camelCase). */
  field: string;
  kind: PersonalDataKind;
}

export const PERSONAL_FIELDS: Record<PersonalDataRecord, readonly PersonalField[]> = {
  dossier: [
    { field: "applicantName", kind: "name" },
    { field: "applicantPhone", kind: "phone" },
    { field: "applicantAddress", kind: "address" },
    { field: "applicantIdNumber", kind: "id_number" },
  ],
  feedback: [
    { field: "senderName", kind: "name" },
    { field: "senderPhone", kind: "phone" },
    { field: "senderEmail", kind: "email" },
    { field: "senderAddress", kind: "address" },
    { field: "title", kind: "text" },
    { field: "content", kind: "text" },
    { field: "answer", kind: "text" },
    { field: "satisfactionNote", kind: "text" },
  ],
};

/** How a response shows personal data: as recorded, or masked. */
export const PERSONAL_DATA_VIEWS = ["full", "masked"] as const;
export type PersonalDataView = (typeof PERSONAL_DATA_VIEWS)[number];
