import type { FileChild, ISectionOptions } from "docx";
import {
  A4_PORTRAIT,
  appendixName,
  bodyParagraph,
  documentSection,
  emptyLine,
  enumerationLetter,
  heading,
  romanNumeral,
  run,
  titleBlock,
} from "../nd30-kit/index.ts";
import { attachedPlanHeader, planHeader, planSignature } from "./plan-header.ts";
import { attachedToLine } from "./plan-issuer-text.ts";
import type { PlanDocumentInput } from "./plan-document-input.ts";

interface Part {
  title: string;
  body: FileChild[];
}

/**
 * The plan: header block, "KẾ HOẠCH" and its title, then parts I, II… (empty parts left out).
 * Issued on its own it has its number, place and date, bases and recipients; issued with a
 * decision (ND 30, Mẫu 1.3) only the header, its name, the title and "(Kèm theo Quyết định …)"
 * — the decision carries the rest.
 */
export function planSection(input: PlanDocumentInput): ISectionOptions {
  const { plan } = input;
  const parts = [
    purposesPart(input),
    targetsPart(input),
    tasksPart(input),
    implementationPart(input),
    fundingPart(input),
  ].filter((part): part is Part => part !== null);
  const attached = input.decision !== null;
  const children: FileChild[] = [
    attached ? attachedPlanHeader(input) : planHeader(input, plan.number),
    emptyLine(),
    ...titleBlock(
      { type: "KẾ HOẠCH", summary: input.title, notes: attached ? [attachedToLine(input)] : [] },
      A4_PORTRAIT,
    ),
    emptyLine(),
    ...(attached ? [] : plan.bases.map((text) => bodyParagraph(text))),
    ...parts.flatMap((part, index) => [
      heading(`${romanNumeral(index + 1)}. ${part.title}`),
      ...part.body,
    ]),
    ...(plan.closing ? [bodyParagraph(plan.closing)] : []),
    emptyLine(),
    planSignature(attached ? null : plan.recipients, plan.signer),
  ];
  return documentSection(children, A4_PORTRAIT);
}

function lettered(items: readonly string[]): FileChild[] {
  if (items.length === 1) return items.map((text) => bodyParagraph(text));
  return items.map((text, index) => bodyParagraph(`${enumerationLetter(index)}) ${text}`));
}

function purposesPart({ plan }: PlanDocumentInput): Part | null {
  if (plan.purposes.length === 0 && plan.requirements.length === 0) return null;
  const body: FileChild[] = [];
  let item = 0;
  if (plan.purposes.length > 0) {
    item += 1;
    body.push(heading(`${item}. Mục đích`), ...lettered(plan.purposes));
  }
  if (plan.requirements.length > 0) {
    item += 1;
    body.push(heading(`${item}. Yêu cầu`), ...lettered(plan.requirements));
  }
  return { title: "MỤC ĐÍCH, YÊU CẦU", body };
}

function targetsPart({ plan }: PlanDocumentInput): Part | null {
  if (plan.targets.length === 0) return null;
  return {
    title: "CHỈ TIÊU",
    body: plan.targets.map((text, index) => bodyParagraph(`${index + 1}. ${text}`)),
  };
}

function tasksPart(input: PlanDocumentInput): Part | null {
  const { plan, appendices } = input;
  if (plan.areas.length === 0 && appendices.length === 0) return null;
  const body: FileChild[] = plan.areas.flatMap((area, index) => [
    heading(`${index + 1}. ${area.title}`),
    ...area.tasks.map((task) => bodyParagraph(`- ${task}`)),
    ...(area.scoreGoal ? [bodyParagraph([run(area.scoreGoal, { italics: true })])] : []),
  ]);
  if (appendices.length > 0) {
    const names = appendices.map((_, index) => appendixName(index)).join(", ");
    body.push(bodyParagraph(`(Nhiệm vụ cụ thể tại ${names} kèm theo Kế hoạch này.)`));
  }
  return { title: "NHIỆM VỤ, GIẢI PHÁP", body };
}

function implementationPart({ plan }: PlanDocumentInput): Part | null {
  if (plan.implementation.length === 0) return null;
  return {
    title: "TỔ CHỨC THỰC HIỆN",
    body: plan.implementation.flatMap((duty, index) => [
      heading(`${index + 1}. ${duty.agency}`),
      ...duty.duties.map((text) => bodyParagraph(`- ${text}`)),
    ]),
  };
}

function fundingPart({ plan }: PlanDocumentInput): Part | null {
  if (plan.funding.length === 0) return null;
  return { title: "KINH PHÍ THỰC HIỆN", body: plan.funding.map((text) => bodyParagraph(text)) };
}
