import type { FileChild, ISectionOptions } from "docx";
import {
  A4_PORTRAIT,
  basesParagraphs,
  bodyParagraph,
  documentSection,
  emptyLine,
  line,
  lowerFirst,
  run,
  titleBlock,
} from "../nd30-kit/index.ts";
import { planHeader, planSignature } from "./plan-header.ts";
import type { DecisionInput, PlanDocumentInput } from "./plan-document-input.ts";

/** "Ban hành Kế hoạch cải cách hành chính xã Hòa Phong năm 2026" (ND 30, Mẫu 1.3). */
export function decisionSummary(title: string): string {
  return `Ban hành Kế hoạch ${lowerFirst(title)}`;
}

/** The issuing decision (ND 30, Mẫu 1.3: a decision issuing an attached document). */
export function decisionSection(
  input: PlanDocumentInput,
  decision: DecisionInput,
): ISectionOptions {
  const children: FileChild[] = [
    planHeader(input, decision.number),
    emptyLine(),
    ...titleBlock(
      { type: "QUYẾT ĐỊNH", summary: decision.summary ?? decisionSummary(input.title) },
      A4_PORTRAIT,
    ),
    line(decision.authority, { bold: true, spacingBefore: 240, spacingAfter: 240 }),
    ...basesParagraphs([...decision.bases, ...(decision.proposal ? [decision.proposal] : [])]),
    line("QUYẾT ĐỊNH:", { bold: true, spacingBefore: 120, spacingAfter: 240 }),
    ...articles(input.title, decision).map((text, index) =>
      bodyParagraph([run(`Điều ${index + 1}. `, { bold: true }), run(text)]),
    ),
    emptyLine(),
    planSignature(decision.recipients, decision.signer),
  ];
  return documentSection(children, A4_PORTRAIT);
}

function articles(title: string, decision: DecisionInput): string[] {
  return [
    `Ban hành kèm theo Quyết định này Kế hoạch ${lowerFirst(title)}.`,
    "Quyết định này có hiệu lực kể từ ngày ký.",
    `${decision.executors.join(", ")} chịu trách nhiệm thi hành Quyết định này./.`,
  ];
}
