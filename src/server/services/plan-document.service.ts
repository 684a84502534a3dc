import { basisCitation, uniqueBases, type BasisFields } from "../../core/plan/basis-citation.ts";
import { AREA_HEADINGS, type AreaKey } from "../../core/plan/plan-area.ts";
import { issuerAuthorityLine, planSignerForm } from "../../core/plan/plan-issuer.ts";
import { issuerNames } from "../../core/text/document-issuer.ts";
import type { Executor } from "../db/database.ts";
import { findUnitById } from "../db/repositories/unit.repository.ts";
import { exportAppendixXlsx } from "../documents/plan-document/appendix-xlsx.ts";
import type {
  AppendixSectionInput,
  PlanDocumentInput,
  SignerInput,
} from "../documents/plan-document/plan-document-input.ts";
import { generatePlanDocument } from "../documents/plan-document/plan-document.ts";
import type { Actor } from "./actor.ts";
import { getPlanView } from "./plan-view.service.ts";

function splitNumber(full: string | null, fallbackSymbol: string) {
  if (!full) return { number: null, symbol: fallbackSymbol };
  const slash = full.indexOf("/");
  if (slash === -1) return { number: full.trim() || null, symbol: fallbackSymbol };
  return {
    number: full.slice(0, slash).trim() || null,
    symbol: full.slice(slash + 1).trim() || fallbackSymbol,
  };
}

function lines(text: string) {
  return text
    .split(/\n+/)
    .map((line) => line.trim())
    .filter(Boolean);
}

const upper = (text: string) => text.toLocaleUpperCase("vi");

/** Every decision of a local committee cites the law on local government first. */
const LOCAL_GOVERNMENT_LAW: BasisFields = {
  type: "Luật",
  number: null,
  date: "2025-06-16",
  issuer: null,
  text: "Luật Tổ chức chính quyền địa phương ngày 16 tháng 6 năm 2025",
};

/** "Căn cứ …" lines, each document once and cited in full (kind, number, date, issuer, title). */
function basisParagraphs(bases: readonly BasisFields[]): string[] {
  return uniqueBases(bases).map((basis) => `Căn cứ ${basisCitation(basis)}`);
}

/** Fills the Word/Excel generator's input from a stored plan. */
export async function planDocumentInput(
  db: Executor,
  actor: Actor,
  planId: string,
): Promise<PlanDocumentInput> {
  const { data: plan } = await getPlanView(db, actor, planId);
  const unit = (await findUnitById(db, plan.unitId))!;
  const committee = `Ủy ban nhân dân ${unit.name.replace(/^(Tỉnh|Thành phố|Xã|Phường|Thị trấn|Đặc khu)\s+/i, (m) => m.toLowerCase())}`;
  // The signer's form decides who issues (TM. → the committee; otherwise the chair), so the
  // decision's authority, the "(Kèm theo …)" lines and the signature name the same issuer, and an
  // imported plan exported again keeps the form it was signed in. No form stored: TM.
  const form = planSignerForm(
    plan.signerAuthority === null && plan.signerTitle === null ? "TM." : plan.signerAuthority,
    plan.signerTitle,
  );
  const signer: SignerInput = {
    authority: form.authority,
    onBehalfOf: form.onBehalfOf,
    deputyFor: form.deputyFor,
    title: form.title,
    name: plan.signerName ?? "",
  };
  const areaTitle = (key: string, heading: string) => heading || AREA_HEADINGS[key as AreaKey];
  const sections: AppendixSectionInput[] = plan.areas.map((area) => ({
    title: upper(areaTitle(area.key, area.heading)),
    tasks: plan.tasks
      .filter((t) => t.areaKey === area.key)
      .map((t) => ({
        content: t.text,
        lead: t.leadAgencyName ?? "",
        supporting: t.supportAgencyNames,
        timeline: t.timelineRaw ?? "",
        deliverable: t.deliverable ?? "",
      })),
  }));
  const bases: BasisFields[] = plan.bases.map((b) => ({
    type: b.type,
    number: b.number,
    date: b.date,
    issuer: b.issuer,
    text: b.text,
  }));
  const withDecision = plan.decisionNumber !== null || plan.status === "draft";
  return {
    // The unit's committee issues: it prints its own name only, nothing above it (ND 30).
    issuer: { ...issuerNames(unit.name), nameInText: committee },
    place: plan.place ?? unit.name.replace(/^(Tỉnh|Thành phố|Xã|Phường|Thị trấn|Đặc khu)\s+/i, ""),
    issuedOn: plan.issuedDate,
    year: Number(plan.periodStart.slice(0, 4)),
    title: plan.title,
    decision: withDecision
      ? {
          number: splitNumber(plan.decisionNumber, "QĐ-UBND"),
          authority: issuerAuthorityLine(form.issuer, committee),
          bases: basisParagraphs([LOCAL_GOVERNMENT_LAW, ...bases]),
          proposal: "Theo đề nghị của Chánh Văn phòng HĐND và UBND",
          executors: [
            "Chánh Văn phòng HĐND và UBND",
            "Thủ trưởng các cơ quan, đơn vị có liên quan",
          ],
          recipients: plan.recipients.length > 0 ? plan.recipients : ["Như Điều 3", "Lưu: VT"],
          signer,
        }
      : null,
    plan: {
      number: splitNumber(plan.planNumber, "KH-UBND"),
      bases: basisParagraphs(bases),
      purposes: lines(plan.purposes),
      requirements: lines(plan.requirements),
      targets: plan.targets.map((t) => t.text),
      areas: plan.areas.map((area) => ({
        title: areaTitle(area.key, area.heading),
        tasks: plan.tasks.filter((t) => t.areaKey === area.key).map((t) => t.text),
        scoreGoal:
          area.targetScore !== null && area.maxScore !== null
            ? `Phấn đấu ${plan.periodLabel.toLowerCase()} đạt ${String(area.targetScore).replace(".", ",")}/${String(area.maxScore).replace(".", ",")} điểm.`
            : null,
      })),
      implementation: plan.duties.map((d) => ({ agency: d.agencyName, duties: d.duties })),
      funding: lines(plan.funding),
      closing: `Trên đây là Kế hoạch ${plan.title}. Trong quá trình thực hiện, nếu có khó khăn, vướng mắc, các cơ quan, đơn vị kịp thời báo cáo về Văn phòng HĐND và UBND để tổng hợp, báo cáo ${committee} xem xét, giải quyết./.`,
      recipients: plan.recipients.length > 0 ? plan.recipients : ["Lưu: VT"],
      signer,
    },
    appendices: sections.some((s) => s.tasks.length > 0)
      ? [
          {
            title: upper(`Danh mục nhiệm vụ ${plan.title}`),
            sections: sections.filter((s) => s.tasks.length > 0),
          },
        ]
      : [],
  };
}

export async function planWordFile(db: Executor, actor: Actor, planId: string) {
  return generatePlanDocument(await planDocumentInput(db, actor, planId));
}

export async function planAppendixXlsx(db: Executor, actor: Actor, planId: string) {
  return exportAppendixXlsx(await planDocumentInput(db, actor, planId));
}
