import type { Document } from "docx";
import { A4_PORTRAIT, documentBytes, nd30Document } from "../nd30-kit/index.ts";
import { appendixSection } from "./appendix-section.ts";
import { decisionSection } from "./decision-section.ts";
import { planSection } from "./plan-section.ts";
import type { PlanDocumentInput } from "./plan-document-input.ts";

/**
 * The plan as one Word file in the ND 30/2020 format: the issuing decision (when there is
 * one), the plan, then each appendix on landscape pages ("Phụ lục I", "Phụ lục II"…).
 */
export function buildPlanDocument(input: PlanDocumentInput): Document {
  return nd30Document({
    creator: input.issuer.nameInText,
    title: `Kế hoạch ${input.title}`,
    description: "Kế hoạch cải cách hành chính",
    format: A4_PORTRAIT,
    sections: [
      ...(input.decision ? [decisionSection(input, input.decision)] : []),
      planSection(input),
      ...input.appendices.map((appendix, index) => appendixSection(input, appendix, index)),
    ],
  });
}

/** The .docx file's bytes. */
export function generatePlanDocument(input: PlanDocumentInput): Promise<Buffer> {
  return documentBytes(buildPlanDocument(input));
}
