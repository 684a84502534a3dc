/**
 * Methodology documents: the shipped 766 index is valid and scores as computed by hand; broken
 * documents and inputs are refused with the path of every error and a Vietnamese message.
 */
import { describe, expect, it } from "vitest";
import { builtInMethodology } from "./documents/index.ts";
import serviceIndex766 from "./documents/service-index-766.json" with { type: "json" };
import { checkMethodologyDocument, leavesOf } from "./methodology-document.ts";
import { checkInputsFile, checkMetricInputs } from "./metric-inputs.ts";
import { scoreMethodology } from "./score-methodology.ts";
import { summarizeScore } from "./score-summary.ts";

const clone = () => structuredClone(serviceIndex766) as any;
const errorsOf = (json: unknown, metricCodes?: Set<string>) => {
  const checked = checkMethodologyDocument(json, metricCodes ? { metricCodes } : {});
  return checked.ok ? [] : checked.errors;
};

describe("the shipped QĐ 766 document", () => {
  const document = builtInMethodology("766")!;

  it("has the six groups 18/20/12/10/22/18, the portal's codes and the bands", () => {
    expect(document.scale).toBe(100);
    expect(document.nodes.map((g) => [g.code, g.maxPoints])).toEqual([
      ["TRANSPARENCY", 18],
      ["PROGRESS", 20],
      ["ONLINE_SERVICE", 12],
      ["ONLINE_PAYMENT", 10],
      ["DIGITIZATION", 22],
      ["SATISFACTION", 18],
    ]);
    const codes = leavesOf(document).map(({ leaf }) => leaf.code);
    expect(codes).toEqual(
      expect.arrayContaining([
        "PUBLISH_ON_TIME",
        "PUBLIC_UPDATE_ON_TIME",
        "PUBLIC_CONTENT_FULL",
        "DOSSIER_SYNC",
        "ON_TIME",
        "ORIGINAL_RESULT_AVAILABLE",
        "SO_HOA_GIAY_TO_GIAI_QUYET",
        "ELECTRONIC_CERTIFIED_COPY",
        "REUSED_DIGITIZED_DATA",
        "SYNCED_WITH_DVCQG_PERSONAL_STORAGE",
        "CITIZEN_DATA_CONNECTED_DOSSIER",
        "CITIZEN_DATA_CONNECTED_FORMALITY",
        "PETITION_PROCESSING_ON_TIME",
        "PETITION_HANDLING_SATISFACTION",
        "DOSSIER_RECEIVING_SATISFACTION",
      ]),
    );
    expect(document.bands.map((b) => [b.label, b.min])).toEqual([
      ["Xuất sắc", 90],
      ["Tốt", 80],
      ["Khá", 70],
      ["Trung bình", 50],
      ["Yếu", 0],
    ]);
    // Every leaf declares its policy (the portal's where it is known).
    const policy = Object.fromEntries(
      leavesOf(document).map(({ leaf }) => [leaf.code, leaf.zeroDenominator]),
    );
    expect(policy.PETITION_PROCESSING_ON_TIME).toBe("full");
    expect(policy.PETITION_HANDLING_SATISFACTION).toBe("full");
    expect(policy.DOSSIER_RECEIVING_SATISFACTION).toBe("none");
  });

  it("scores a full period as computed by hand", () => {
    const score = scoreMethodology(document, {
      PUBLISH_ON_TIME: { numerator: 9, denominator: 10 }, // 6 × 0,9 = 5,4
      PUBLIC_UPDATE_ON_TIME: { numerator: 10, denominator: 10 }, // 4
      PUBLIC_CONTENT_FULL: { value: 100, source: "CSDLQG về TTHC" }, // 2
      DOSSIER_SYNC: { numerator: 950, denominator: 1000 }, // 5,7 → group 17,1
      ON_TIME: { numerator: 920, denominator: 1000 }, // 18,4
      ONLINE_FULL_PROCESS_DOSSIER: { numerator: 300, denominator: 1000 }, // 3,6
      ONLINE_PAYMENT_DOSSIER: { numerator: 50, denominator: 100 }, // 3
      ONLINE_PAYMENT_FORMALITY: { numerator: 6, denominator: 10 }, // 2 × 0,6 / 0,8 = 1,5
      ONLINE_PAYMENT_INTEGRATED_FORMALITY: { numerator: 9, denominator: 10 }, // 2 → group 6,5
      ORIGINAL_RESULT_AVAILABLE: { numerator: 800, denominator: 1000 }, // 4,8
      SO_HOA_GIAY_TO_GIAI_QUYET: { numerator: 700, denominator: 1000 }, // 2,8
      ELECTRONIC_CERTIFIED_COPY: { numerator: 1, denominator: 2 }, // 1
      REUSED_DIGITIZED_DATA: { numerator: 40, denominator: 100 }, // 2 × 0,4 / 0,8 = 1
      SYNCED_WITH_DVCQG_PERSONAL_STORAGE: { numerator: 0, denominator: 500 }, // 0
      CITIZEN_DATA_CONNECTED_DOSSIER: { numerator: 25, denominator: 100 }, // 0,5
      CITIZEN_DATA_CONNECTED_FORMALITY: { numerator: 3, denominator: 4 }, // 1,5 → group 11,6
      PETITION_PROCESSING_ON_TIME: { numerator: 0, denominator: 0 }, // full: 6
      PETITION_HANDLING_SATISFACTION: { numerator: 9, denominator: 10 }, // 5,4
      DOSSIER_RECEIVING_SATISFACTION: { numerator: 855, denominator: 1000 }, // 6 × 0,855/0,9 = 5,7
    });
    const summary = summarizeScore(score);
    expect(summary.groups.map((g) => [g.code, g.points])).toEqual([
      ["TRANSPARENCY", 17.1],
      ["PROGRESS", 18.4],
      ["ONLINE_SERVICE", 3.6],
      ["ONLINE_PAYMENT", 6.5],
      ["DIGITIZATION", 11.6],
      ["SATISFACTION", 17.1],
    ]);
    expect(summary.total).toBe(74.3);
    expect(summary.band).toBe("Khá");
    const progress = score.nodes[1]!;
    expect(progress.explanation).toBe("Tiến độ giải quyết: 18,40/20");
    expect(progress.children[0]!.explanation).toBe(
      "Tiến độ giải quyết: 18,40/20 = 20 × 920/1.000 hồ sơ đúng hạn",
    );
    const satisfaction = score.nodes[5]!.children[0]!;
    expect(satisfaction).toMatchObject({ basis: "policy", policy: "full", points: 6 });
    const typed = score.nodes[0]!.children[2]!;
    expect(typed).toMatchObject({ basis: "manual", manual: { source: "CSDLQG về TTHC" } });
  });
});

describe("the written-rules variant of QĐ 766", () => {
  const portal = builtInMethodology("766")!;
  const text = builtInMethodology("766-van-ban")!;

  it("is another version of the same index, differing where the text and the portal differ", () => {
    expect([text.code, text.version]).toEqual(["service-index-766", "2026.1-text"]);
    const figures = {
      SO_HOA_GIAY_TO_GIAI_QUYET: { numerator: 80, denominator: 100 },
      DOSSIER_RECEIVING_SATISFACTION: { numerator: 45, denominator: 100 },
    };
    const byCode = (score: ReturnType<typeof scoreMethodology>) =>
      Object.fromEntries(
        score.nodes.flatMap((g) => g.children).map((c) => [c.code, [c.points, c.max]]),
      );
    const asPortal = byCode(scoreMethodology(portal, figures));
    const asText = byCode(scoreMethodology(text, figures));
    // Digitised components at 80 %: 4 × 0,8 = 3,2 on the portal, the full 4 by the text.
    expect(asPortal.SO_HOA_GIAY_TO_GIAI_QUYET).toEqual([3.2, 4]);
    expect(asText.SO_HOA_GIAY_TO_GIAI_QUYET).toEqual([4, 4]);
    // No PAKN: 6 + 6 on the portal; by the text their 12 points go to the remaining indicator,
    // scored 18 × 0,45 / 0,9 = 9.
    expect(asPortal.PETITION_PROCESSING_ON_TIME).toEqual([6, 6]);
    expect(asPortal.DOSSIER_RECEIVING_SATISFACTION).toEqual([3, 6]);
    expect(asText.PETITION_PROCESSING_ON_TIME).toEqual([0, 0]);
    expect(asText.DOSSIER_RECEIVING_SATISFACTION).toEqual([9, 18]);
  });
});

describe("refusing a broken document, with paths", () => {
  it("accepts the shipped file and a catalogue that knows its metrics", () => {
    const metrics = new Set(leavesOf(builtInMethodology("766")!).map(({ leaf }) => leaf.code));
    expect(errorsOf(serviceIndex766, metrics)).toEqual([]);
  });

  it("an unknown rule type, a threshold out of range, a missing policy", () => {
    const json = clone();
    json.nodes[0].children[0].rule = { type: "percent" };
    json.nodes[5].children[2].rule.threshold = 90;
    delete json.nodes[1].children[0].zeroDenominator;
    expect(errorsOf(json)).toEqual([
      {
        path: "nodes.0.children.0.rule.type",
        message:
          "Loại quy tắc không hợp lệ; chỉ nhận: ratio, threshold, steps, manual, bonus, penalty.",
      },
      {
        path: "nodes.5.children.2.rule.threshold",
        message: "Tỷ lệ phải từ 0 đến 1 (0,8 là 80%).",
      },
    ]);
    // Shape first; the policy is checked once the shape is right.
    json.nodes[0].children[0].rule = { type: "ratio" };
    json.nodes[5].children[2].rule.threshold = 0.9;
    expect(errorsOf(json)).toEqual([
      {
        path: "nodes.1.children.0.zeroDenominator",
        message:
          "Cần khai báo cách tính khi không phát sinh: full, none, not_applicable, split_to_siblings.",
      },
    ]);
  });

  it("duplicate codes and children's points not adding up to the parent's", () => {
    const json = clone();
    json.nodes[1].children[0].code = "DOSSIER_SYNC";
    json.nodes[0].children[0].maxPoints = 5;
    expect(errorsOf(json)).toEqual([
      {
        path: "nodes.0.maxPoints",
        message: "Điểm tối đa 18 khác tổng điểm tối đa các mục con (17).",
      },
      {
        path: "nodes.1.children.0.code",
        message: "Mã “DOSSIER_SYNC” trùng với nodes.0.children.3.",
      },
    ]);
  });

  it("metric codes unknown to the catalogue", () => {
    const json = clone();
    json.nodes[1].children[0].metric = "ON_TIME_RATE";
    const metrics = new Set(leavesOf(builtInMethodology("766")!).map(({ leaf }) => leaf.code));
    expect(errorsOf(json, metrics)).toEqual([
      {
        path: "nodes.1.children.0.metric",
        message: "Không có chỉ số đo “ON_TIME_RATE” trong danh mục chỉ số của hệ thống.",
      },
    ]);
    // Without a catalogue, any metric code is taken.
    expect(errorsOf(json)).toEqual([]);
  });

  it("bands out of order, not starting at 0, and a scale the groups do not fill", () => {
    const json = clone();
    json.bands[2].min = 85;
    json.bands[4].min = 10;
    json.scale = 85;
    expect(errorsOf(json)).toEqual([
      { path: "scale", message: "Thang điểm 85 khác tổng điểm tối đa các nhóm (100)." },
      { path: "bands.0.min", message: "Điểm sàn lớn hơn thang điểm." },
      {
        path: "bands.2.min",
        message: "Các mức xếp loại phải xếp từ cao xuống thấp, điểm sàn giảm dần.",
      },
      {
        path: "bands.4.min",
        message: "Mức xếp loại thấp nhất phải bắt đầu từ 0 để mọi tổng điểm đều được xếp loại.",
      },
    ]);
  });

  it("dates: impossible, malformed, or ending before they start", () => {
    const json = clone();
    json.effectiveFrom = "2022-02-30";
    json.effectiveTo = "23/06/2022";
    expect(errorsOf(json)).toEqual([
      { path: "effectiveFrom", message: "Ngày không có thật." },
      { path: "effectiveTo", message: "Ngày phải có dạng YYYY-MM-DD." },
    ]);
    json.effectiveFrom = "2026-01-01";
    json.effectiveTo = "2025-12-31";
    expect(errorsOf(json)).toEqual([
      { path: "effectiveTo", message: "Ngày hết hiệu lực trước ngày có hiệu lực." },
    ]);
  });

  it("missing and unknown fields, wrong types", () => {
    const json = clone();
    delete json.name;
    json.nodes[0].children[1].maxPoint = 4;
    json.nodes[2].maxPoints = "12";
    const errors = errorsOf(json);
    expect(errors).toContainEqual({ path: "name", message: "Thiếu trường bắt buộc." });
    expect(errors).toContainEqual({
      path: "nodes.0.children.1",
      message: "Trường không được hỗ trợ: maxPoint.",
    });
    expect(errors).toContainEqual({ path: "nodes.2.maxPoints", message: "Điểm phải là số." });
    expect(errorsOf("không phải đối tượng")[0]!.path).toBe("");
  });

  it("leaves and groups mixed up, steps and levels beyond the leaf's maximum", () => {
    const json = clone();
    json.nodes[1].children[0].children = [];
    json.nodes[2].metric = "X";
    delete json.nodes[3].children[0].rule;
    json.nodes[4].children[0].rule = {
      type: "steps",
      steps: [
        { minRatio: 1, points: 7 },
        { minRatio: 1, points: 5 },
      ],
    };
    json.nodes[4].children[1].rule = { type: "manual", levels: [{ label: "Đạt", points: 5 }] };
    expect(errorsOf(json)).toEqual([
      {
        path: "nodes.1.children.0",
        message: "Một mục có mục con thì không mang quy tắc chấm (rule).",
      },
      { path: "nodes.2.metric", message: "Chỉ chỉ tiêu (mục không có mục con) mới có trường này." },
      {
        path: "nodes.3.children.0",
        message: "Chỉ tiêu (mục không có mục con) cần quy tắc chấm (rule).",
      },
      { path: "nodes.4.children.0.rule.steps", message: "Hai bậc có cùng tỷ lệ tối thiểu." },
      {
        path: "nodes.4.children.0.rule.steps.0.points",
        message: "Điểm của bậc (7) lớn hơn điểm tối đa của chỉ tiêu (6).",
      },
      {
        path: "nodes.4.children.1.rule.levels.0.points",
        message: "Điểm của mức (5) lớn hơn điểm tối đa của chỉ tiêu (4).",
      },
    ]);
  });

  it("a split with no sibling to take the points, and a split bonus", () => {
    const json = clone();
    json.nodes[1].children[0].zeroDenominator = "split_to_siblings";
    json.nodes[0].children.push({
      code: "BONUS",
      name: "Điểm thưởng",
      maxPoints: 1,
      rule: { type: "bonus" },
      zeroDenominator: "split_to_siblings",
    });
    expect(errorsOf(json)).toEqual([
      {
        path: "nodes.0.children.4.zeroDenominator",
        message: "Điểm thưởng, điểm trừ không chia cho các chỉ tiêu khác được.",
      },
      {
        path: "nodes.1.children.0.zeroDenominator",
        message: "Không có chỉ tiêu cùng nhóm để chia điểm.",
      },
    ]);
  });
});

describe("refusing bad inputs, with paths", () => {
  const document = builtInMethodology("766")!;

  it("names each wrong entry in the file's order", () => {
    const checked = checkInputsFile(
      {
        indicators: {
          ON_TIME: { numerator: 1001, denominator: 1000 },
          ONTIME: { numerator: 1, denominator: 2 },
          DOSSIER_SYNC: { numerator: 5 },
          PUBLISH_ON_TIME: { value: 95 },
          PUBLIC_UPDATE_ON_TIME: { value: 120, source: "Sở Tư pháp" },
          PUBLIC_CONTENT_FULL: { value: 1, source: "x", numerator: 1, denominator: 1 },
          DOSSIER_RECEIVING_SATISFACTION: { numerator: -1, denominator: 10 },
          REUSED_DIGITIZED_DATA: "80%",
        },
      },
      document,
    );
    expect(checked.ok).toBe(false);
    expect(checked.ok ? [] : checked.errors).toEqual([
      { path: "indicators.ON_TIME.numerator", message: "Tử số lớn hơn mẫu số." },
      {
        path: "indicators.ONTIME",
        message:
          "Không có chỉ tiêu “ONTIME” trong Bộ chỉ số phục vụ người dân, doanh nghiệp (QĐ 766/QĐ-TTg) (phiên bản 2026.1-portal).",
      },
      { path: "indicators.DOSSIER_SYNC.denominator", message: "Thiếu mẫu số (denominator)." },
      { path: "indicators.PUBLISH_ON_TIME.source", message: "Cần ghi nguồn của số liệu nhập tay." },
      {
        path: "indicators.PUBLIC_UPDATE_ON_TIME.value",
        message: "Tỷ lệ nhập tay tính theo phần trăm, từ 0 đến 100.",
      },
      {
        path: "indicators.PUBLIC_CONTENT_FULL",
        message: "Chỉ chọn một: {numerator, denominator} hoặc {value, source}.",
      },
      { path: "indicators.DOSSIER_RECEIVING_SATISFACTION.numerator", message: "Không được âm." },
      expect.objectContaining({ path: "indicators.REUSED_DIGITIZED_DATA" }),
    ]);
  });

  it("wants the indicators key and nothing unknown beside it", () => {
    const checked = checkInputsFile({ indicator: {} }, document);
    expect(checked.ok ? [] : checked.errors).toEqual([
      { path: "indicators", message: "Thiếu trường bắt buộc." },
      { path: "", message: "Trường không được hỗ trợ: indicator." },
    ]);
  });

  it("checks manual levels and bonus ranges", () => {
    const doc = checkMethodologyDocument({
      code: "par-test",
      version: "1",
      name: "Bộ tiêu chí thử",
      kind: "par_index",
      effectiveFrom: "2026-01-01",
      scale: 1,
      bands: [{ code: "all", label: "Tất cả", min: 0 }],
      nodes: [
        {
          code: "PLAN",
          name: "Kế hoạch",
          maxPoints: 1,
          rule: {
            type: "manual",
            levels: [
              { label: "Đúng hạn", points: 1 },
              { label: "Chậm", points: 0.5 },
            ],
          },
          zeroDenominator: "none",
        },
        {
          code: "BONUS",
          name: "Thưởng",
          maxPoints: 2,
          rule: { type: "bonus" },
          zeroDenominator: "none",
        },
      ],
    });
    expect(doc.ok).toBe(true);
    if (!doc.ok) return;
    const checked = checkMetricInputs(
      {
        PLAN: { value: 0.75, source: "x" },
        BONUS: { value: 3, source: "y" },
      },
      doc.document,
    );
    expect(checked.ok ? [] : checked.errors).toEqual([
      {
        path: "PLAN.value",
        message: "Điểm nhập tay phải là một trong các mức: 1 (Đúng hạn); 0,5 (Chậm).",
      },
      { path: "BONUS.value", message: "Điểm thưởng phải từ 0 đến 2." },
    ]);
    const measured = checkMetricInputs({ PLAN: { numerator: 1, denominator: 1 } }, doc.document);
    expect(measured.ok ? [] : measured.errors).toEqual([
      { path: "PLAN", message: "Chỉ tiêu chấm theo mức cần số điểm nhập tay {value, source}." },
    ]);
  });
});
