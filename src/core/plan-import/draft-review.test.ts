import { describe, expect, it } from "vitest";
import { reviewTargets, reviewTasks, suggestLead, yearsOutsidePeriod } from "./draft-review.ts";
import type { DraftTarget, DraftTask, DraftWarning } from "./to-plan-draft.ts";

function task(overrides: Partial<DraftTask>): DraftTask {
  return {
    areaKey: "procedures",
    ref: null,
    text: "Rà soát quy trình nội bộ giải quyết thủ tục hành chính",
    leadAgencyId: null,
    supportAgencyIds: [],
    monitorAgencyId: null,
    deliverable: null,
    timeline: null,
    leadText: null,
    supportText: null,
    monitorText: null,
    targetText: null,
    source: "narrative",
    line: 10,
    ...overrides,
  };
}

function target(overrides: Partial<DraftTarget>): DraftTarget {
  return {
    text: "Tỷ lệ hồ sơ giải quyết đúng hạn đạt 98%",
    areaKey: null,
    metric: "on_time_rate",
    comparator: "gte",
    value: 98,
    valueHigh: null,
    unit: "percent",
    scope: null,
    line: 5,
    ...overrides,
  };
}

const duties = [
  {
    agencyName: "Tư pháp - Hộ tịch",
    agencyId: "tp",
    duties: ["Chủ trì rà soát quy trình nội bộ giải quyết thủ tục hành chính"],
  },
  {
    agencyName: "Văn phòng",
    agencyId: "vp",
    duties: ["Tổng hợp, báo cáo kết quả thực hiện kế hoạch"],
  },
  { agencyName: "Các đoàn thể", agencyId: null, duties: ["Tuyên truyền cải cách hành chính"] },
];

describe("suggestLead", () => {
  it("suggests the agency whose duty line describes the task", () => {
    expect(suggestLead("Rà soát quy trình nội bộ giải quyết thủ tục hành chính.", duties)).toEqual({
      agencyId: "tp",
      duty: "Chủ trì rà soát quy trình nội bộ giải quyết thủ tục hành chính",
    });
  });

  it("suggests nothing when no duty clearly fits, or the fitting duty has no known agency", () => {
    expect(suggestLead("Cấp chữ ký số cho công chức", duties)).toBeNull();
    expect(suggestLead("Tuyên truyền cải cách hành chính", duties)).toBeNull();
  });
});

describe("reviewTasks", () => {
  it("flags tasks without a lead or deadline, suggests without filling, and lists them once", () => {
    const warnings: DraftWarning[] = [];
    const tasks = [
      task({}),
      task({ text: "Cấp chữ ký số", leadAgencyId: "vp", timeline: "Quý II/2026" }),
    ];
    reviewTasks(
      tasks,
      duties,
      { kind: "year", year: 2026 },
      (id) => id,
      (code, message, line) => warnings.push({ code, message, line: line ?? null }),
    );
    expect(tasks[0]).toMatchObject({
      leadAgencyId: null,
      suggestedLeadAgencyId: "tp",
      flags: ["no_lead", "no_deadline"],
    });
    expect(tasks[1]?.flags).toEqual([]);
    expect(warnings.map((w) => w.code)).toEqual([
      "DRAFT_LEAD_SUGGESTED",
      "DRAFT_TASK_NO_LEAD",
      "DRAFT_TASK_NO_DEADLINE",
    ]);
    expect(warnings[1]?.message).toMatch(/^1 nhiệm vụ chưa có cơ quan chủ trì/u);
  });

  it("flags a timeline in a year outside the plan's period", () => {
    expect(yearsOutsidePeriod("Quý IV/2025", { kind: "year", year: 2026 })).toEqual([2025]);
    expect(yearsOutsidePeriod("Trước ngày 15/12/2026", { kind: "year", year: 2026 })).toEqual([]);
    expect(
      yearsOutsidePeriod("Năm 2027", { kind: "multi_year", year: 2026, endYear: 2030 }),
    ).toEqual([]);
    expect(yearsOutsidePeriod("Tháng 6/2025", { kind: "half_year", year: 2025, half: 2 })).toEqual(
      [],
    );
    const tasks = [task({ leadAgencyId: "vp", timeline: "Quý IV/2025" })];
    const codes: string[] = [];
    reviewTasks(
      tasks,
      [],
      { kind: "year", year: 2026 },
      (id) => id,
      (code) => codes.push(code),
    );
    expect(codes).toEqual(["DRAFT_TIMELINE_OUTSIDE_PERIOD"]);
    expect(tasks[0]?.flags).toEqual(["timeline_outside_period"]);
  });
});

describe("reviewTargets", () => {
  it("flags several targets on one metric with different values, not manual ones or equal ones", () => {
    const codes: string[] = [];
    const warn = (code: string) => codes.push(code);
    reviewTargets([target({}), target({ text: "… đạt 98%" })], warn);
    reviewTargets([target({ metric: "manual" }), target({ metric: "manual", value: 100 })], warn);
    expect(codes).toEqual([]);
    reviewTargets(
      [target({}), target({ text: "Phấn đấu đúng hạn 99%", value: 99, line: 9 })],
      warn,
    );
    expect(codes).toEqual(["DRAFT_TARGET_CONFLICT"]);
  });
});
