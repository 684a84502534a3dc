import type { FileChild, ISectionOptions } from "docx";
import { PORTRAIT_TEXT_WIDTH, SIZE } from "./document-format.ts";
import { bodyParagraph, emptyLine, estimatedTextWidth, line, rule, run } from "./docx-blocks.ts";
import { basisLines, lowerFirst } from "./document-text.ts";
import { headerBlock } from "./header-block.ts";
import { documentSection } from "./page-setup.ts";
import type { DecisionInput, PlanDocumentInput } from "./plan-document-input.ts";
import { signatureBlock } from "./signature-block.ts";

/** "Về việc ban hành Kế hoạch cải cách hành chính xã Hòa Phong năm 2026". */
export function decisionSummary(title: string): string {
  return `Về việc ban hành Kế hoạch ${lowerFirst(title)}`;
}

/** The issuing decision (ND 30, Mẫu 1.3: a decision issuing an attached document). */
export function decisionSection(
  input: PlanDocumentInput,
  decision: DecisionInput,
): ISectionOptions {
  const summary = decisionSummary(input.title);
  const children: FileChild[] = [
    headerBlock(input, decision.number),
    emptyLine(),
    line("QUYẾT ĐỊNH", { bold: true, spacingBefore: 240, keepNext: true }),
    line(summary, { bold: true, keepNext: true }),
    rule(titleRuleLength(summary), PORTRAIT_TEXT_WIDTH),
    line(decision.authority, { bold: true, spacingBefore: 240, spacingAfter: 240 }),
    ...basisLines([...decision.bases, ...(decision.proposal ? [decision.proposal] : [])]).map(
      (text) => bodyParagraph(text, { italics: true }),
    ),
    line("QUYẾT ĐỊNH:", { bold: true, spacingBefore: 120, spacingAfter: 240 }),
    ...articles(input.title, decision).map((text, index) =>
      bodyParagraph([run(`Điều ${index + 1}. `, { bold: true }), run(text)]),
    ),
    emptyLine(),
    signatureBlock(decision.recipients, decision.signer),
  ];
  return documentSection(children);
}

function articles(title: string, decision: DecisionInput): string[] {
  return [
    `Ban hành kèm theo Quyết định này Kế hoạch ${lowerFirst(title)}.`,
    "Quyết định này có hiệu lực kể từ ngày ký.",
    `${decision.executors.join(", ")} chịu trách nhiệm thi hành Quyết định này./.`,
  ];
}

/** ND 30: the rule under the trích yếu is 1/3–1/2 of the line above; 40 % of it here. */
export function titleRuleLength(text: string): number {
  const width = Math.min(PORTRAIT_TEXT_WIDTH, estimatedTextWidth(text, SIZE.body, false));
  return Math.round(width * 0.4);
}
