import { maskPersonalData } from "../feedback/personal-data-mask.ts";
import type { PersonalDataView } from "./fields.ts";
import { maskAddress, maskEmailAddress, maskPersonName, maskPhoneNumber } from "./mask.ts";

/** The personal fields of a dossier as the API shows them. */
export interface DossierPersonalData {
  applicantName: string;
  applicantPhone: string;
  applicantAddress: string | null;
}

/** The personal fields of a feedback as the API shows them. */
export interface FeedbackPersonalData {
  senderName: string;
  senderPhone: string;
  senderEmail: string | null;
  senderAddress: string | null;
  title: string;
  content: string;
  answer: string | null;
  satisfactionNote: string | null;
}

const orNull = <T>(value: T | null, mask: (value: T) => T) => (value === null ? null : mask(value));

/** A dossier's view with its applicant's data masked, or as it is when `view` is "full". */
export function dossierPersonalData<T extends DossierPersonalData>(
  record: T,
  view: PersonalDataView,
): T & { personalData: PersonalDataView } {
  if (view === "full") return { ...record, personalData: "full" };
  return {
    ...record,
    applicantName: maskPersonName(record.applicantName),
    applicantPhone: maskPhoneNumber(record.applicantPhone),
    applicantAddress: orNull(record.applicantAddress, maskAddress),
    personalData: "masked",
  };
}

/**
 * A feedback's view with its sender's data masked; the free texts are masked with the same finder
 * the publication uses (names, phones, ID numbers, e-mails, addresses, the sender's own data
 * wherever it appears).
 */
export function feedbackPersonalData<T extends FeedbackPersonalData>(
  record: T,
  view: PersonalDataView,
): T & { personalData: PersonalDataView } {
  if (view === "full") return { ...record, personalData: "full" };
  const sender = {
    name: record.senderName,
    phone: record.senderPhone,
    email: record.senderEmail,
    address: record.senderAddress,
  };
  const text = (value: string) => maskPersonalData(value, sender).text;
  return {
    ...record,
    senderName: maskPersonName(record.senderName),
    senderPhone: maskPhoneNumber(record.senderPhone),
    senderEmail: orNull(record.senderEmail, maskEmailAddress),
    senderAddress: orNull(record.senderAddress, maskAddress),
    title: text(record.title),
    content: text(record.content),
    answer: orNull(record.answer, text),
    satisfactionNote: orNull(record.satisfactionNote, text),
    personalData: "masked",
  };
}
