/**
 * The applicant's kind (issue 12): a person ("Cá nhân"), addressed "Ông/Bà …", or an organisation
 * ("Tổ chức"), addressed by its name. The desk says which when it receives the dossier; a dossier
 * whose kind was not said (an old client, a bulk import, one received before the kind was kept)
 * stores none, and its kind is inferred from what the dossier tells (`applicantKindOf`) wherever
 * it is read — the explicit kind always wins over the inference.
 */
import { DossierError } from "./dossier-error.ts";

export const APPLICANT_KINDS = ["person", "organisation"] as const;

export type ApplicantKind = (typeof APPLICANT_KINDS)[number];

export const APPLICANT_KIND_LABELS: Record<ApplicantKind, string> = {
  person: "Cá nhân",
  organisation: "Tổ chức",
};

export const APPLICANT_KIND_INVALID_MESSAGE =
  "Loại người nộp không hợp lệ: chọn “Cá nhân” (person) hoặc “Tổ chức” (organisation).";

export function isApplicantKind(value: unknown): value is ApplicantKind {
  return typeof value === "string" && (APPLICANT_KINDS as readonly string[]).includes(value);
}

/**
 * The kind as sent by a client: null when left out or blank (then inferred), else one of
 * APPLICANT_KINDS, or DOSSIER_APPLICANT_KIND_INVALID.
 */
export function readApplicantKind(value: unknown): ApplicantKind | null {
  if (value === undefined || value === null) return null;
  if (typeof value === "string" && value.trim() === "") return null;
  if (isApplicantKind(value)) return value;
  throw new DossierError("DOSSIER_APPLICANT_KIND_INVALID", APPLICANT_KIND_INVALID_MESSAGE);
}

/**
 * Words an organisation's name starts with (its legal form or kind of body). A Vietnamese
 * person's name starts with a family name, none of which is one of these.
 */
const ORGANISATION_START =
  /^(công ty|tổng công ty|tập đoàn|doanh nghiệp|hợp tác xã|liên hiệp hợp tác xã|tổ hợp tác|hộ kinh doanh|chi nhánh|văn phòng|ngân hàng|quỹ|hội|hiệp hội|liên đoàn|câu lạc bộ|trường|bệnh viện|trạm y tế|trung tâm|viện|ban quản lý|ban chỉ huy|ủy ban|ubnd|phòng|sở|cơ sở|cửa hàng|nhà thờ|giáo xứ|chùa|tịnh xá|đình|cơ quan|đơn vị|tổ chức|tct|cty|htx|dntn)(\s|$)/iu;

/**
 * The applicant's kind as the dossier lets us tell it when the desk did not say it: one with an
 * ID number is a person; otherwise an organisation when its name starts like one (see above).
 */
export function inferredApplicantKind(applicant: {
  name: string;
  idNumber?: string | null;
}): ApplicantKind {
  if (applicant.idNumber) return "person";
  return ORGANISATION_START.test(applicant.name.trim().normalize("NFC"))
    ? "organisation"
    : "person";
}

/** The applicant's kind: the one the desk said (`kind`), else the inference. */
export function applicantKindOf(applicant: {
  name: string;
  idNumber?: string | null;
  kind?: ApplicantKind | null;
}): ApplicantKind {
  return applicant.kind ?? inferredApplicantKind(applicant);
}
