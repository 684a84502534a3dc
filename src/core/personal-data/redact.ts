/**
 * Free texts an official writes about a record (a supplement request, an apology letter's reason,
 * a refusal, a history note) often quote the citizen: "Đề nghị bà Nguyễn Thị Thuỷ (0912 345 689)
 * bổ sung…". A reader who sees the record masked reads these texts redacted rather than withheld:
 * what was asked or decided stays readable, who it was about does not.
 */
import { maskPersonalData } from "../feedback/personal-data-mask.ts";
import type { PersonalDataView } from "./fields.ts";

/** What the record knows of its citizen (the applicant, the sender); all but the name optional. */
export interface KnownPerson {
  name: string;
  phone?: string | null;
  idNumber?: string | null;
  email?: string | null;
  address?: string | null;
}

/**
 * The text with the person's own data replaced by its masked form — the full name and the usual
 * parts of it ("Thị Thuỷ", "Nguyễn Thuỷ", "chị Thuỷ"), in any letter case, old or new tone
 * placement, with or without diacritics; the phone in any format (+84, dots, spaces); the ID
 * number, e-mail and street address — and any other phone, CMND/CCCD number, e-mail or street
 * address found in it (the same finder as a feedback's publication). Read as NFC.
 */
export function redactPersonalText(text: string, person: KnownPerson): string {
  return maskPersonalData(text, person).text;
}

/**
 * How a record's free texts are shown for `view`: as written ("full"), or redacted of the
 * person's data ("masked"); null stays null.
 */
export function personalTextView(
  view: PersonalDataView,
  person: KnownPerson,
): <T extends string | null>(text: T) => T {
  if (view === "full") return (text) => text;
  return <T extends string | null>(text: T) =>
    (text === null ? null : redactPersonalText(text, person)) as T;
}
