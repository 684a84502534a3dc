import { committeeInText } from "../text/document-issuer.ts";
import { applicantKindOf, type ApplicantKind } from "./applicant-kind.ts";

/**
 * Who sends a dossier's letters and notices, and to whom (issue 12).
 *
 * The body responsible for the delay or the decision sends it (ND 61/2018: the processing agency
 * apologises when it is late, the desk when the delay is its own — reference notes §1.4(b)): the
 * agency the dossier was handed to, when it had been handed over by then, else the receiving body.
 * It prints under its commune's committee and is signed by its head. A commune "agency" that is a
 * civil servant's post ("Tư pháp - Hộ tịch"), not a body with a head, issues nothing in its own
 * name: the committee does, "TM. ỦY BAN NHÂN DÂN / CHỦ TỊCH".
 */

export interface Addressee {
  kind: ApplicantKind;
  /** After "Kính gửi: ": "Ông/Bà Hoàng Thị Mai", "Công ty TNHH An Phát". */
  salutation: string;
  /** How the text refers to them: "Ông/Bà", "Quý tổ chức". */
  pronoun: string;
}

/** Who a letter is addressed to: the desk's `kind` when it said one, else as inferred. */
export function addresseeOf(applicant: {
  name: string;
  idNumber?: string | null;
  kind?: ApplicantKind | null;
}): Addressee {
  const name = applicant.name.trim();
  const kind = applicantKindOf(applicant);
  return kind === "person"
    ? { kind, salutation: `Ông/Bà ${name}`, pronoun: "Ông/Bà" }
    : { kind, salutation: name, pronoun: "Quý tổ chức" };
}

/** An agency of the unit as stored: its name and kind (src/core/organization AGENCY_KINDS). */
export interface AgencyOfUnit {
  name: string;
  kind: string;
}

/**
 * The title of a body's head, from the kind of body its name starts with ("Phòng …" → TRƯỞNG
 * PHÒNG); null when the name is no body with a head of its own (a commune civil servant's post).
 */
export function headTitleOf(body: AgencyOfUnit): string | null {
  const name = body.name.trim().normalize("NFC");
  const rules: [RegExp, string][] = [
    [/^văn phòng/iu, "CHÁNH VĂN PHÒNG"],
    [/^phòng/iu, "TRƯỞNG PHÒNG"],
    [/^(trung tâm|sở)(\s|$)/iu, "GIÁM ĐỐC"],
    [/^ban chỉ huy quân sự/iu, "CHỈ HUY TRƯỞNG"],
    [/^ban(\s|$)/iu, "TRƯỞNG BAN"],
    [/^bộ phận/iu, "TRƯỞNG BỘ PHẬN"],
    [/^chi cục/iu, "CHI CỤC TRƯỞNG"],
    [/^công an/iu, "TRƯỞNG CÔNG AN"],
  ];
  for (const [pattern, title] of rules) if (pattern.test(name)) return title;
  if (body.kind === "office") return "CHÁNH VĂN PHÒNG";
  if (body.kind === "one_stop") return "TRƯỞNG BỘ PHẬN";
  return null;
}

const CONNECTORS = new Set(["và", "-", "–", ",", "&"]);

/**
 * The body's abbreviation in a document's number (ND 30/2020 Phụ lục I: set by the body; this is
 * the default a body without one would use): initials of its words, an acronym kept whole, "và"
 * as "&" — "Trung tâm Phục vụ hành chính công" → TTPVHCC, "Bộ phận tiếp nhận và trả kết quả" →
 * BPTN&TKQ, "Phòng Kinh tế" → PKT; an office ("Văn phòng …") is VP.
 */
export function bodyAbbreviation(name: string): string {
  const clean = name.trim().normalize("NFC");
  if (/^văn phòng/iu.test(clean)) return "VP";
  let out = "";
  for (const word of clean.split(/[\s,]+/u).filter(Boolean)) {
    if (word.toLocaleLowerCase("vi") === "và") {
      out += "&";
      continue;
    }
    if (CONNECTORS.has(word)) continue;
    const letters = word.replace(/[^\p{L}\p{N}]/gu, "");
    if (!letters) continue;
    out += /^[\p{Lu}\p{N}]{2,}$/u.test(letters)
      ? letters
      : letters.charAt(0).toLocaleUpperCase("vi");
  }
  return out.replace(/^&+|&+$/g, "").replace(/&{2,}/g, "&");
}

export type NoticeIssuerKind = "receiving_body" | "agency" | "committee";

/** The body a letter or notice comes from, as printed and as it signs. */
export interface NoticeIssuer {
  kind: NoticeIssuerKind;
  /** The body's name as stored: "Phòng Kinh tế", "Trung tâm Phục vụ hành chính công". */
  name: string;
  /** The body in running text: "Phòng Kinh tế — Phường Bãi Cháy", "Ủy ban nhân dân phường …". */
  inText: string;
  /** In the number after the slash: "PKT", "TTPVHCC", "UBND". */
  abbreviation: string;
  signer: { authority: "TM." | null; onBehalfOf: string | null; title: string; note: string };
}

const SEAL_NOTE = "(Ký, ghi rõ họ tên và đóng dấu)";

/**
 * The sender of a dossier's letter or notice: `agency` when the dossier was in its hands (it is
 * the one late, or the one that decided), else the receiving body. Either issues as the
 * committee when it has no head of its own.
 */
export function noticeIssuer(input: {
  unitName: string;
  receivingBody: string;
  agency: AgencyOfUnit | null;
}): NoticeIssuer {
  const body: AgencyOfUnit = input.agency ?? { name: input.receivingBody, kind: "one_stop" };
  const title = headTitleOf(body);
  if (title === null) {
    return {
      kind: "committee",
      name: committeeInText(input.unitName),
      inText: committeeInText(input.unitName),
      abbreviation: "UBND",
      signer: {
        authority: "TM.",
        onBehalfOf: "ỦY BAN NHÂN DÂN",
        title: "CHỦ TỊCH",
        note: SEAL_NOTE,
      },
    };
  }
  return {
    kind: input.agency ? "agency" : "receiving_body",
    name: body.name.trim(),
    inText: `${body.name.trim()} — ${input.unitName}`,
    abbreviation: bodyAbbreviation(body.name),
    signer: { authority: null, onBehalfOf: null, title, note: SEAL_NOTE },
  };
}

/**
 * A document's number as ND 30/2020 writes it: "Số: 12/TB-TTPVHCC" (number, the kind's
 * abbreviation when the kind has one, the issuer's); dots where the number is written by hand.
 */
export function documentNumber(
  issuer: Pick<NoticeIssuer, "abbreviation">,
  number: number | null,
  kindAbbreviation: string | null = null,
): string {
  const sequence = number === null ? "……" : String(number).padStart(2, "0");
  return `Số: ${sequence}/${kindAbbreviation ? `${kindAbbreviation}-` : ""}${issuer.abbreviation}`;
}
