import { AlignmentType, Table } from "docx";
import { PORTRAIT_TEXT_WIDTH, SIZE } from "./document-format.ts";
import { emptyLine, layoutTable, line } from "./docx-blocks.ts";
import { dashedList, signerAuthorityLines } from "./document-text.ts";
import type { SignerInput } from "./plan-document-input.ts";

/** Lines left empty for the handwritten signature and the seal. */
const SIGNATURE_SPACE_LINES = 4;

/**
 * The foot of a document: "Nơi nhận:" (12 pt bold italic) and its list (11 pt) bottom-left, the
 * signer's authority lines and name (bold) bottom-right, both starting on the same line.
 */
export function signatureBlock(
  recipients: readonly string[],
  signer: SignerInput,
  width: number = PORTRAIT_TEXT_WIDTH,
): Table {
  const left = Math.round(width * 0.45);
  const recipientsCell = [
    line("Nơi nhận:", {
      alignment: AlignmentType.LEFT,
      bold: true,
      italics: true,
      size: SIZE.recipientsHeading,
    }),
    ...dashedList(recipients).map((text) =>
      line(text, { alignment: AlignmentType.LEFT, size: SIZE.recipients }),
    ),
  ];
  const signerCell = [
    ...signerAuthorityLines(signer).map((text) => line(text, { bold: true })),
    ...Array.from({ length: SIGNATURE_SPACE_LINES }, () => emptyLine()),
    line(signer.name, { bold: true }),
  ];
  return layoutTable([left, width - left], [[recipientsCell, signerCell]]);
}
