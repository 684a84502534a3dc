import { dateInText, numberAndSymbol } from "../nd30-kit/index.ts";
import type { PlanDocumentInput } from "./plan-document-input.ts";

/**
 * Who issues, in running text: the decision's author when the plan is issued with one ("Chủ tịch
 * Ủy ban nhân dân xã …" when its authority line names the chair), else the plan's own signer
 * form (TM. → the committee; the chair's title, KT. or Q. → the chair).
 */
export function issuerInText(input: PlanDocumentInput): string {
  const chair = input.decision
    ? input.decision.authority.startsWith("CHỦ TỊCH")
    : input.plan.signer.authority !== "TM.";
  return chair ? `Chủ tịch ${input.issuer.nameInText}` : input.issuer.nameInText;
}

/**
 * "(Kèm theo Quyết định số 28/QĐ-UBND ngày 02 tháng 02 năm 2026 của Chủ tịch Ủy ban nhân dân xã
 * Hòa Phong)" for a plan issued with a decision, else "(Kèm theo Kế hoạch số … của …)".
 */
export function attachedToLine(input: PlanDocumentInput): string {
  const cited = input.decision
    ? `Quyết định số ${numberAndSymbol(input.decision.number)}`
    : `Kế hoạch số ${numberAndSymbol(input.plan.number)}`;
  return `(Kèm theo ${cited} ${dateInText(input.issuedOn, input.year)} của ${issuerInText(input)})`;
}
