import type { Paragraph, Table } from "docx";
import type { Signer } from "./document-parts.ts";
import { dashedList, signerAuthorityLines } from "./document-text.ts";
import type { PageFormat } from "./page-format.ts";
import { emptyLine, layoutTable, line } from "./paragraphs.ts";
import { lineHeight, wrappedLineCount } from "./text-metrics.ts";

/** "Nơi nhận:" (bold italic) flush left and its list, each "- …;" and the last "- … .". */
export function recipientsBlock(recipients: readonly string[], format: PageFormat): Paragraph[] {
  const { sizes } = format;
  return [
    line("Nơi nhận:", {
      alignment: "left",
      bold: true,
      italics: true,
      size: sizes.recipientsHeading,
    }),
    ...dashedList(recipients).map((text) =>
      line(text, { alignment: "left", size: sizes.recipients }),
    ),
  ];
}

/** Lines left empty for the handwritten signature and the seal. */
const SIGNATURE_SPACE_LINES = { A4: 4, A5: 3 } as const;

/**
 * A signer, centred: the authority lines (TM./KT./Q./TL./TUQ. and the title) in bold capitals,
 * the italic note if any, the space for the signature and seal, and the name in bold.
 */
export function signerBlock(signer: Signer, format: PageFormat): Paragraph[] {
  const { sizes } = format;
  return [
    ...signerAuthorityLines(signer).map((text) => line(text, { bold: true, size: sizes.body })),
    ...(signer.note ? [line(signer.note, { italics: true, size: sizes.note })] : []),
    ...Array.from({ length: SIGNATURE_SPACE_LINES[format.name] }, () => emptyLine(sizes.body)),
    line(signer.name, { bold: true, size: sizes.body }),
  ];
}

/** Estimated printed height of `signerBlock(signer, format)` in a column `width` twips wide. */
export function signerBlockHeight(signer: Signer, format: PageFormat, width: number): number {
  const { sizes } = format;
  const boldLines = [...signerAuthorityLines(signer), signer.name].reduce(
    (sum, text) => sum + wrappedLineCount([{ text, bold: true }], width, sizes.body),
    0,
  );
  const noteLines = signer.note ? wrappedLineCount(signer.note, width, sizes.note) : 0;
  return (
    (boldLines + SIGNATURE_SPACE_LINES[format.name]) * lineHeight(sizes.body) +
    noteLines * lineHeight(sizes.note)
  );
}

export interface SignatureBlockInput {
  /** Bottom left: `recipientsBlock(…)`, a second `signerBlock(…)`, or nothing. */
  left: Paragraph[];
  signer: Signer;
  /** Share of the text width for the left column; 0,45 when left out. */
  leftShare?: number;
}

/**
 * The foot of a document as a borderless table: the recipients (or a second signer) bottom-left,
 * the signer bottom-right, both starting on the same line as ND 30 asks.
 */
export function signatureBlock(input: SignatureBlockInput, format: PageFormat): Table {
  const width = format.textWidth;
  const left = Math.round(width * (input.leftShare ?? 0.45));
  const leftCell = input.left.length > 0 ? input.left : [emptyLine()];
  // The row never splits: a signer's title, space and name stay on one page.
  return layoutTable([left, width - left], [[leftCell, signerBlock(input.signer, format)]], true);
}
