import { describe, expect, it } from "vitest";
import type { PlanImport } from "./contract.ts";
import {
  matchAgency,
  periodFromText,
  splitAgencyNames,
  splitSignerTitle,
  toPlanDraft,
} from "./to-plan-draft.ts";

const agencies = [
  { id: "vp", name: "Văn phòng HĐND và UBND" },
  { id: "tp", name: "Tư pháp - Hộ tịch" },
  { id: "vh", name: "Văn hóa - Xã hội" },
  { id: "tt", name: "Trung tâm Phục vụ hành chính công" },
  { id: "ty", name: "Trạm Y tế xã Thuỷ An" },
];

function extracted(overrides: Partial<PlanImport> = {}): PlanImport {
  return {
    document: {
      kind: "decision_with_plan",
      number: "15/QĐ-UBND",
      issuer: "ỦY BAN NHÂN DÂN XÃ HÒA PHONG",
      place: "Hòa Phong",
      date: "2026-01-08",
      title: "Về việc ban hành Kế hoạch cải cách hành chính xã Hòa Phong năm 2026",
      signer: { name: "Trần Thị Minh Hằng", title: "KT. CHỦ TỊCH PHÓ CHỦ TỊCH" },
      planTitle: "Cải cách hành chính xã Hòa Phong năm 2026",
    },
    bases: [
      {
        type: "Kế hoạch",
        number: "232/KH-UBND",
        date: "2025-12",
        issuer: "UBND tỉnh",
        text: "Kế hoạch số 232/KH-UBND tháng 12/2025 của UBND tỉnh",
        line: 7,
      },
    ],
    targets: [
      {
        text: "Tỷ lệ hồ sơ giải quyết đúng hạn đạt từ 99,7% trở lên",
        metric: "on_time_rate",
        comparator: "gte",
        value: 99.7,
        unit: "percent",
        scope: null,
        line: 20,
      },
      {
        text: "Xếp hạng Chỉ số CCHC từ 6 đến 10",
        metric: null,
        comparator: "rank_between",
        value: [6, 10],
        unit: "rank",
        scope: "procedures",
        line: 21,
      },
    ],
    areas: [
      {
        key: "direction",
        heading: "Công tác chỉ đạo, điều hành",
        targetScore: { target: 12, max: 13 },
        tasks: [{ text: "Tổ chức hội nghị đối thoại với người dân", line: 40 }],
      },
      {
        key: "institutions",
        heading: "Cải cách thể chế",
        targetScore: null,
        tasks: [{ text: "Rà soát văn bản quy phạm pháp luật do xã ban hành", line: 50 }],
      },
    ],
    tasks: [
      {
        ref: "I",
        parentRef: null,
        rowType: "section",
        area: "direction",
        text: "CÔNG TÁC CHỈ ĐẠO",
        targetText: null,
        lead: null,
        support: null,
        monitor: null,
        timeline: null,
        deliverable: null,
        line: 100,
      },
      {
        ref: "1",
        parentRef: "I",
        rowType: "task",
        area: "direction",
        text: "Ban hành Kế hoạch tuyên truyền CCHC năm 2026",
        targetText: null,
        lead: "Phòng Văn hoá - Xã hội",
        support: "Văn phòng HĐND và UBND xã; Các cơ quan có liên quan; Ban Chỉ huy Quân sự",
        monitor: null,
        timeline: "Quý I/2026",
        deliverable: "Kế hoạch",
        line: 101,
      },
      {
        ref: "2",
        parentRef: "I",
        rowType: "group",
        area: "direction",
        text: "Kiểm tra công tác CCHC",
        targetText: null,
        lead: null,
        support: null,
        monitor: null,
        timeline: null,
        deliverable: null,
        line: 102,
      },
      {
        ref: "a",
        parentRef: "2",
        rowType: "subtask",
        area: null,
        text: "Tại Trung tâm Phục vụ hành chính công",
        targetText: null,
        lead: "Bộ phận Tư pháp, Văn phòng",
        support: null,
        monitor: "Trạm Y tế xã Thủy An",
        timeline: "30/9/2026",
        deliverable: "Báo cáo",
        line: 103,
      },
    ],
    criteria: [
      {
        ref: "1",
        parentRef: null,
        text: "Công tác chỉ đạo",
        maxPoints: 13,
        selfScore: null,
        evidence: null,
        line: 200,
      },
    ],
    duties: [{ agency: "Tư pháp", duties: ["rà soát văn bản"], line: 90 }],
    warnings: [],
    purposes: [{ text: "Nâng cao chất lượng phục vụ.", line: 12 }],
    recipients: ["Như Điều 3;", "Lưu: VT."],
    ...overrides,
  };
}

describe("matchAgency", () => {
  it("matches names tone-insensitively, without the kind and the unit", () => {
    expect(matchAgency("Văn hoá - xã hội phường", agencies)?.id).toBe("vh");
    expect(matchAgency("Phòng Văn hóa - Xã hội", agencies)?.id).toBe("vh");
    expect(matchAgency("Bộ phận Tư pháp phường", agencies)?.id).toBe("tp");
    expect(matchAgency("Tư pháp", agencies)?.id).toBe("tp");
    expect(matchAgency("Văn phòng phường", agencies)?.id).toBe("vp");
    expect(matchAgency("Trạm Y tế xã Thủy An", agencies)?.id).toBe("ty");
    expect(matchAgency("Trung tâm Phục vụ hành chính công xã", agencies)?.id).toBe("tt");
  });

  it("leaves unknown names unmatched", () => {
    expect(matchAgency("Phòng Kinh tế", agencies)).toBeNull();
    expect(matchAgency("UBND xã", agencies)).toBeNull();
    expect(matchAgency("", agencies)).toBeNull();
  });
});

describe("helpers", () => {
  it("splits a list of agency names but keeps names that contain “và”", () => {
    expect(splitAgencyNames("Văn phòng HĐND và UBND xã; Tư pháp, Văn hóa")).toEqual([
      "Văn phòng HĐND và UBND xã",
      "Tư pháp",
      "Văn hóa",
    ]);
    expect(splitAgencyNames("Tư pháp và các bộ phận liên quan")).toEqual([
      "Tư pháp",
      "các bộ phận liên quan",
    ]);
  });

  it("matches the unit's agency names before splitting on commas", () => {
    const withCommas = [
      { id: "vp", name: "Văn phòng HĐND, UBND phường" },
      { id: "vh", name: "Phòng Văn hóa, Khoa học và Thông tin" },
      { id: "kt", name: "Phòng Kinh tế, Hạ tầng và Đô thị" },
    ];
    expect(
      splitAgencyNames(
        "Văn phòng HĐND, UBND phường; Phòng Văn hoá, Khoa học và Thông tin, Công an phường",
        withCommas,
      ),
    ).toEqual([
      "Văn phòng HĐND, UBND phường",
      "Phòng Văn hoá, Khoa học và Thông tin",
      "Công an phường",
    ]);
    expect(splitAgencyNames("Phòng Kinh tế, Hạ tầng và Đô thị", withCommas)).toEqual([
      "Phòng Kinh tế, Hạ tầng và Đô thị",
    ]);
    // Without the unit's agencies the old split stands.
    expect(splitAgencyNames("Phòng Kinh tế, Hạ tầng và Đô thị")).toEqual([
      "Phòng Kinh tế",
      "Hạ tầng và Đô thị",
    ]);
  });

  it("reads the period from the title", () => {
    expect(periodFromText("CCHC năm 2024", 2000)).toEqual({ kind: "year", year: 2024 });
    expect(periodFromText("CCHC 6 tháng cuối năm 2025", 2000)).toEqual({
      kind: "half_year",
      year: 2025,
      half: 2,
    });
    expect(periodFromText("CCHC giai đoạn 2026 - 2030", 2000)).toEqual({
      kind: "multi_year",
      year: 2026,
      endYear: 2030,
    });
    expect(periodFromText("Kế hoạch CCHC", 2027)).toEqual({ kind: "year", year: 2027 });
  });

  it("splits the signing authority from the title", () => {
    expect(splitSignerTitle("TM. ỦY BAN NHÂN DÂN CHỦ TỊCH")).toEqual({
      authority: "TM.",
      title: "CHỦ TỊCH",
    });
    expect(splitSignerTitle("KT. CHỦ TỊCH PHÓ CHỦ TỊCH")).toEqual({
      authority: "KT.",
      title: "PHÓ CHỦ TỊCH",
    });
    expect(splitSignerTitle("CHỦ TỊCH")).toEqual({ authority: null, title: "CHỦ TỊCH" });
    expect(splitSignerTitle(null)).toEqual({ authority: null, title: null });
  });
});

describe("toPlanDraft", () => {
  const result = toPlanDraft(extracted(), { unitId: "unit-1", agencies, fallbackYear: 2030 });
  const { draft, warnings } = result;

  it("maps the header, period, bases and duties", () => {
    expect(draft).toMatchObject({
      unitId: "unit-1",
      title: "Cải cách hành chính xã Hòa Phong năm 2026",
      decisionNumber: "15/QĐ-UBND",
      planNumber: null,
      issuedDate: "2026-01-08",
      signerAuthority: "KT.",
      signerTitle: "PHÓ CHỦ TỊCH",
      signerName: "Trần Thị Minh Hằng",
      period: { kind: "year", year: 2026 },
      purposes: "Nâng cao chất lượng phục vụ.",
      recipients: ["Như Điều 3;", "Lưu: VT."],
    });
    expect(draft.bases[0]).toMatchObject({ number: "232/KH-UBND", date: null });
    expect(warnings.some((w) => w.code === "DRAFT_BASIS_DATE_PARTIAL" && w.line === 7)).toBe(true);
    expect(draft.duties).toEqual([
      { agencyName: "Tư pháp", agencyId: "tp", duties: ["rà soát văn bản"] },
    ]);
  });

  it("maps areas with target scores and targets with comparator and range", () => {
    expect(draft.areas[0]).toEqual({
      key: "direction",
      heading: "Công tác chỉ đạo, điều hành",
      targetScore: 12,
      maxScore: 13,
    });
    expect(draft.targets).toEqual([
      expect.objectContaining({
        metric: "on_time_rate",
        comparator: "gte",
        value: 99.7,
        valueHigh: null,
        areaKey: null,
      }),
      expect.objectContaining({
        metric: "manual",
        comparator: "rank_between",
        value: 6,
        valueHigh: 10,
        areaKey: "procedures",
        scope: null,
      }),
    ]);
  });

  it("turns table rows into tasks with matched agencies and keeps the rest as warnings", () => {
    const table = draft.tasks.filter((t) => t.source === "table");
    expect(table.map((t) => t.text)).toEqual([
      "Ban hành Kế hoạch tuyên truyền CCHC năm 2026",
      "Kiểm tra công tác CCHC: Tại Trung tâm Phục vụ hành chính công",
    ]);
    expect(table[0]).toMatchObject({
      areaKey: "direction",
      ref: "1",
      leadAgencyId: "vh",
      supportAgencyIds: ["vp"],
      timeline: "Quý I/2026",
      deliverable: "Kế hoạch",
    });
    // Two lead agencies printed: the first leads, the second supports.
    expect(table[1]).toMatchObject({
      areaKey: "direction",
      leadAgencyId: "tp",
      supportAgencyIds: ["vp"],
      monitorAgencyId: "ty",
      timeline: "30/9/2026",
    });
    const unmatched = warnings.filter((w) => w.code === "DRAFT_AGENCY_UNMATCHED");
    expect(unmatched).toHaveLength(1);
    expect(unmatched[0]).toMatchObject({ line: 101 });
    expect(unmatched[0]!.message).toContain("Ban Chỉ huy Quân sự");
    expect(warnings.some((w) => w.code === "DRAFT_AGENCY_GENERIC")).toBe(true);
    expect(warnings.some((w) => w.code === "DRAFT_TASK_AREA_GUESSED" && w.line === 103)).toBe(true);
  });

  it("adds narrative tasks of areas without a table and reports the others", () => {
    const narrative = draft.tasks.filter((t) => t.source === "narrative");
    expect(narrative.map((t) => [t.areaKey, t.text])).toEqual([
      ["institutions", "Rà soát văn bản quy phạm pháp luật do xã ban hành"],
    ]);
    expect(warnings.find((w) => w.code === "DRAFT_NARRATIVE_TASK_SKIPPED")?.line).toBe(40);
    expect(draft.areas.map((a) => a.key)).toEqual(["direction", "institutions"]);
  });

  it("says criteria tables are not saved with the plan but as a methodology draft", () => {
    const warning = warnings.find((w) => w.code === "DRAFT_CRITERIA_NOT_SAVED");
    expect(warning?.line).toBe(200);
    expect(warning?.message).toContain("dự thảo bộ tiêu chí");
  });

  it("keeps plan numbers, partial dates and a plan without tasks", () => {
    const base = extracted();
    const plain = toPlanDraft(
      extracted({
        document: { ...base.document, kind: "plan", number: "12/KH-UBND", date: "2023-12" },
        tasks: [],
        criteria: [],
      }),
      { unitId: "u", agencies: [], fallbackYear: 2030 },
    );
    expect(plain.draft).toMatchObject({
      decisionNumber: null,
      planNumber: "12/KH-UBND",
      issuedDate: null,
    });
    expect(plain.draft.tasks).toHaveLength(2);
    expect(plain.warnings.some((w) => w.code === "DRAFT_DATE_PARTIAL")).toBe(true);
  });
});
