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

/** "Nơi nhận" bottom left and the signer bottom right. */
export function planSignature(recipients: readonly string[], signer: SignerInput): Table {
  return signatureBlock({ left: recipientsBlock(recipients, A4_PORTRAIT), signer }, A4_PORTRAIT);
}
