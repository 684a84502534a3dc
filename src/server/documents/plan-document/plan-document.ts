import { Document, Packer } from "docx";
import { FONT, PARAGRAPH_SPACING, SIZE } from "./document-format.ts";
import { appendixSection } from "./appendix-section.ts";
import { decisionSection } from "./decision-section.ts";
import { planSection } from "./plan-section.ts";
import type { PlanDocumentInput } from "./plan-document-input.ts";

/**
 * The plan as one Word file in the ND 30/2020 format: the issuing decision (when there is
 * one), the plan, then each appendix on landscape pages ("Phụ lục I", "Phụ lục II"…).
 */
export function buildPlanDocument(input: PlanDocumentInput): Document {
  return new Document({
    creator: input.issuer.nameInText,
    title: `Kế hoạch ${input.title}`,
    description: "Kế hoạch cải cách hành chính",
    styles: {
      default: {
        document: {
          run: { font: FONT, size: SIZE.body },
          paragraph: { spacing: { after: PARAGRAPH_SPACING } },
        },
      },
    },
    sections: [
      ...(input.decision ? [decisionSection(input, input.decision)] : []),
      planSection(input),
      ...input.appendices.map((appendix, index) => appendixSection(input, appendix, index)),
    ],
  });
}

/** The .docx file's bytes. */
export async function generatePlanDocument(input: PlanDocumentInput): Promise<Buffer> {
  return Packer.toBuffer(buildPlanDocument(input));
}
