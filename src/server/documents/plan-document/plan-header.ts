import type { Table } from "docx";
import {
  A4_PORTRAIT,
  headerBlock,
  numberLine,
  placeAndDate,
  recipientsBlock,
  signatureBlock,
} from "../nd30-kit/index.ts";
import type { DocumentNumberInput, PlanDocumentInput, SignerInput } from "./plan-document-input.ts";

/** The header block of the decision or of the plan: issuer, its number, place and date. */
export function planHeader(input: PlanDocumentInput, number: DocumentNumberInput): Table {
  return headerBlock(
    {
      issuer: input.issuer,
      number: numberLine(number),
      placeAndDate: placeAndDate(input.place, input.issuedOn, input.year),
    },
    A4_PORTRAIT,
  );
}

/**
 * The header of a plan issued with a decision (ND 30, Mẫu 1.3): the issuer and the Quốc hiệu
 * only — the number and date are the decision's.
 */
export function attachedPlanHeader(input: PlanDocumentInput): Table {
  return headerBlock({ issuer: input.issuer, number: null, placeAndDate: null }, A4_PORTRAIT);
}

/** "Nơi nhận" bottom left (none for a plan issued with a decision) and the signer bottom right. */
export function planSignature(recipients: readonly string[] | null, signer: SignerInput): Table {
  const left = recipients === null ? [] : recipientsBlock(recipients, A4_PORTRAIT);
  return signatureBlock({ left, signer }, A4_PORTRAIT);
}
