import { describe, expect, it } from "vitest";
import {
  answerProblems,
  computeIndices,
  fieldGroupOf,
  periodLabel,
  periodOf,
  QUESTIONNAIRE_VERSIONS,
  questionnaireInForce,
  questionnaireSchema,
  satisfactionFigure,
  SATISFACTION_TARGET_METRICS,
  satisfactionTargetMeasurement,
  satisfactionTargetSelection,
  satisfactionTargetValue,
  type AnswerTally,
  type AnswerValue,
  type Questionnaire,
} from "./index.ts";

/** A small version: the five required service factors (access with two items) and one policy item. */
const version: Questionnaire = questionnaireSchema.parse({
  code: "TEST-1",
  name: "Phiếu thử",
  source: "Thử nghiệm",
  effectiveFrom: "2024-01-01",
  aggregation: "mean_of_means",
  minSample: 3,
  parts: [
    {
      key: "service",
      label: "Dịch vụ",
      factors: [
        {
          key: "access",
          label: "Tiếp cận",
          items: [
            { code: "a1", text: "A1" },
            { code: "a2", text: "A2" },
          ],
        },
        { key: "procedures", label: "Thủ tục", items: [{ code: "p1", text: "P1" }] },
        { key: "officials", label: "Công chức", items: [{ code: "o1", text: "O1" }] },
        { key: "results", label: "Kết quả", items: [{ code: "r1", text: "R1" }] },
        { key: "feedback", label: "Phản ánh", items: [{ code: "f1", text: "F1" }] },
      ],
    },
    {
      key: "policy",
      label: "Chính sách",
      factors: [
        { key: "policy_quality", label: "Chất lượng", items: [{ code: "c1", text: "C1" }] },
      ],
    },
  ],
});

/** Tallies from whole responses: each response is item code → answer (null: không trả lời). */
function talliesOf(responses: Record<string, AnswerValue | null>[]): AnswerTally[] {
  const counts = new Map<string, number>();
  for (const response of responses) {
    for (const [code, value] of Object.entries(response)) {
      const key = `${code}|${value}`;
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
  }
  return [...counts].map(([key, count]) => {
    const [itemCode, value] = key.split("|") as [string, string];
    return { itemCode, value: value === "null" ? null : (Number(value) as AnswerValue), count };
  });
}

describe("SIPAS indices", () => {
  // Four responses. Access: a1 answers 5,4,3,null → 2/3; a2 answers 2,2,null,null → 0/2.
  // Procedures p1: 4,5,5,1 → 3/4. Officials o1: all null → no valid answer (empty factor).
  // Results and feedback never asked. Policy c1: 3 → 0/1.
  const responses: Record<string, AnswerValue | null>[] = [
    { a1: 5, a2: 2, p1: 4, o1: null, c1: 3 },
    { a1: 4, a2: 2, p1: 5, o1: null },
    { a1: 3, a2: null, p1: 5 },
    { a1: null, a2: null, p1: 1, o1: null },
  ];
  const respondents = {
    total: 4,
    byPart: { service: 4, policy: 1 },
    byFactor: { access: 3, procedures: 4, policy_quality: 1 },
  };

  it("rates items as answers 4 + 5 over valid answers, không trả lời left out", () => {
    const result = computeIndices(version, talliesOf(responses), respondents);
    const items = result.parts[0]!.factors[0]!.items;
    expect(items[0]).toMatchObject({ satisfied: 2, valid: 3, noAnswer: 1 });
    expect(items[0]!.counts).toEqual({ 1: 0, 2: 0, 3: 1, 4: 1, 5: 1 });
    expect(items[0]!.percent).toBeCloseTo(66.667, 2);
    expect(items[1]).toMatchObject({ satisfied: 0, valid: 2, noAnswer: 2, percent: 0 });
  });

  it("takes factors, parts and the whole as means, leaving empty factors out (mean of means)", () => {
    const result = computeIndices(version, talliesOf(responses), respondents);
    const [service, policy] = result.parts;
    const [access, procedures, officials, results] = service!.factors;
    expect(access!.percent).toBeCloseTo(((2 / 3 + 0) / 2) * 100, 6);
    expect(procedures!.percent).toBeCloseTo(75, 6);
    // No valid answer: no figure at all (not 0 %), and it does not pull the mean down.
    expect(officials).toMatchObject({ percent: null, numerator: 0, denominator: 0 });
    expect(results!.percent).toBeNull();
    const serviceExpected = (1 / 3 + 0.75) / 2;
    expect(service!.percent).toBeCloseTo(serviceExpected * 100, 6);
    expect(service!.denominator).toBe(2);
    expect(policy!.percent).toBe(0);
    expect(result.overall.percent).toBeCloseTo(((serviceExpected + 0) / 2) * 100, 6);
  });

  it("pools answers at every level when the version says so", () => {
    const pooled = { ...version, aggregation: "pooled_answers" as const };
    const result = computeIndices(pooled, talliesOf(responses), respondents);
    const service = result.parts[0]!;
    // access 2/5, procedures 3/4, officials 0/0 → service (2 + 3) / (5 + 4)
    expect(service.factors[0]).toMatchObject({ numerator: 2, denominator: 5 });
    expect(service).toMatchObject({ numerator: 5, denominator: 9 });
    expect(result.overall).toMatchObject({ numerator: 5, denominator: 10 });
    expect(result.overall.percent).toBe(50);
  });

  it("marks a sample below the version's minimum", () => {
    const result = computeIndices(version, talliesOf(responses), respondents);
    expect(result.overall.isSmallSample).toBe(false);
    expect(result.parts[1]!.isSmallSample).toBe(true);
    expect(result.parts[0]!.factors[0]!.items[1]!.isSmallSample).toBe(true);
    expect(result.parts[0]!.factors[1]!.isSmallSample).toBe(false);
  });

  it("gives nothing, not 0 %, when nobody answered", () => {
    const result = computeIndices(version, [], { total: 0, byPart: {}, byFactor: {} });
    expect(result.overall).toMatchObject({ percent: null, numerator: 0, denominator: 0 });
    expect(satisfactionFigure(result, "overall")).toEqual({ numerator: 0, denominator: 0 });
  });

  it("exports the satisfaction figure as numerator and denominator", () => {
    const pooled = computeIndices(
      { ...version, aggregation: "pooled_answers" },
      talliesOf(responses),
      respondents,
    );
    expect(satisfactionFigure(pooled, "service")).toEqual({ numerator: 5, denominator: 9 });
    expect(satisfactionFigure(pooled, { factor: "procedures" })).toEqual({
      numerator: 3,
      denominator: 4,
    });
    expect(satisfactionFigure(pooled, { factor: "nope" })).toEqual({
      numerator: 0,
      denominator: 0,
    });
    const means = computeIndices(version, talliesOf(responses), respondents);
    const figure = satisfactionFigure(means, "service");
    expect(figure.denominator).toBe(2);
    expect((figure.numerator / figure.denominator) * 100).toBeCloseTo(means.parts[0]!.percent!, 9);
  });

  it("refuses unknown items, values off the scale and an empty response", () => {
    expect(answerProblems(version, { a1: 4, o1: null })).toEqual([]);
    expect(answerProblems(version, { zz: 4 })[0]!.path).toBe("answers.zz");
    expect(answerProblems(version, { a1: 6 })[0]!.message).toContain("1 đến 5");
    expect(answerProblems(version, { a1: null })[0]!.path).toBe("answers");
    expect(answerProblems(version, { c1: 4 }, ["service"])[0]!.path).toBe("answers.c1");
  });
});

describe("questionnaire versions", () => {
  it("ships the version in force with the five service factors and the policy items", () => {
    const current = questionnaireInForce("2026-03-01");
    expect(current.code).toBe("SIPAS-2023");
    const service = current.parts.find((p) => p.key === "service")!;
    expect(service.factors.map((f) => f.key)).toEqual([
      "access",
      "procedures",
      "officials",
      "results",
      "feedback",
    ]);
    expect(service.factors.flatMap((f) => f.items)).toHaveLength(19);
    const policy = current.parts.find((p) => p.key === "policy")!;
    expect(policy.factors.flatMap((f) => f.items)).toHaveLength(14);
    expect(QUESTIONNAIRE_VERSIONS.length).toBeGreaterThan(0);
  });

  it("refuses a version with a duplicate item, a missing service factor or a bad aggregation", () => {
    const file = structuredClone(QUESTIONNAIRE_VERSIONS[0]!) as any;
    file.parts[0].factors[1].items[0].code = file.parts[0].factors[0].items[0].code;
    const duplicate = questionnaireSchema.safeParse(file);
    expect(duplicate.success).toBe(false);
    expect(duplicate.error!.issues[0]!.path).toEqual([
      "parts",
      0,
      "factors",
      1,
      "items",
      0,
      "code",
    ]);
    const missing = structuredClone(QUESTIONNAIRE_VERSIONS[0]!) as any;
    missing.parts[0].factors.pop();
    expect(questionnaireSchema.safeParse(missing).error!.issues[0]!.message).toContain("feedback");
    const bad = { ...QUESTIONNAIRE_VERSIONS[0]!, aggregation: "median" };
    expect(questionnaireSchema.safeParse(bad).success).toBe(false);
  });
});

describe("field groups and periods", () => {
  it("puts land and construction apart, whatever the diacritics", () => {
    expect(fieldGroupOf("Đất đai")).toBe("land");
    expect(fieldGroupOf("Dang ky dat dai")).toBe("land");
    expect(fieldGroupOf("Hoạt động xây dựng")).toBe("construction");
    expect(fieldGroupOf("Nhà ở")).toBe("construction");
    expect(fieldGroupOf("Hộ tịch")).toBe("other");
    expect(fieldGroupOf(null)).toBeNull();
  });

  it("buckets days into months and quarters", () => {
    expect(periodOf("2026-05-31", "month")).toBe("2026-05");
    expect(periodOf("2026-05-31", "quarter")).toBe("2026-Q2");
    expect(periodLabel("2026-Q4")).toBe("Quý IV/2026");
    expect(periodLabel("2026-03")).toBe("Tháng 03/2026");
  });
});

describe("plans' satisfaction targets", () => {
  it("measures the general target from every response and the land and construction one apart", () => {
    expect(satisfactionTargetSelection("satisfaction_rate")).toEqual({ fieldGroups: null });
    expect(satisfactionTargetSelection("satisfaction_rate_land_construction")).toEqual({
      fieldGroups: ["land", "construction"],
    });
    expect(satisfactionTargetSelection("on_time_rate")).toBeNull();
    expect(SATISFACTION_TARGET_METRICS).toEqual([
      "satisfaction_rate",
      "satisfaction_rate_land_construction",
    ]);
  });

  it("gives the overall figure in percent, and no value when nothing was answered", () => {
    expect(satisfactionTargetValue({ numerator: 9, denominator: 10 })).toBeCloseTo(90, 9);
    expect(satisfactionTargetValue({ numerator: 1.5, denominator: 2 })).toBeCloseTo(75, 9);
    expect(satisfactionTargetValue({ numerator: 0, denominator: 4 })).toBe(0);
    expect(satisfactionTargetValue({ numerator: 0, denominator: 0 })).toBeNull();
  });

  it("warns when the value comes from fewer responses than the questionnaire's minimum", () => {
    // 12 respondents, 9 satisfied: 75 %, measured but below a minimum of 30.
    expect(satisfactionTargetMeasurement({ numerator: 9, denominator: 12 }, 12, 30)).toEqual({
      value: 75,
      sample: {
        size: 12,
        minimum: 30,
        isSmall: true,
        warning: "Mẫu khảo sát nhỏ (n = 12 < 30): chưa đủ tin cậy",
      },
    });
    // Exactly the minimum is enough.
    const enough = satisfactionTargetMeasurement({ numerator: 27, denominator: 30 }, 30, 30);
    expect(enough.value).toBeCloseTo(90, 9);
    expect(enough.sample).toEqual({ size: 30, minimum: 30, isSmall: false, warning: null });
    // One respondent short of it is not.
    expect(
      satisfactionTargetMeasurement({ numerator: 29, denominator: 29 }, 29, 30).sample,
    ).toMatchObject({ isSmall: true, warning: "Mẫu khảo sát nhỏ (n = 29 < 30): chưa đủ tin cậy" });
    // Nothing answered: no value, so nothing to warn about (it reads "chưa có số liệu").
    expect(satisfactionTargetMeasurement({ numerator: 0, denominator: 0 }, 0, 30)).toEqual({
      value: null,
      sample: { size: 0, minimum: 30, isSmall: false, warning: null },
    });
    // Respondents who skipped every item: no value either.
    expect(
      satisfactionTargetMeasurement({ numerator: 0, denominator: 0 }, 3, 30).sample.isSmall,
    ).toBe(false);
  });
});
