/** The importer on the real sample plans in ../shared/samples against hand-written expectations. */
import { readFile } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { planImportSchema, type PlanImport } from "../../../src/core/plan-import/contract.ts";
import { comparableKey } from "../../../src/core/plan-import/text-utils.ts";
import {
  fixturesDir,
  SCORED_SAMPLES,
  hasSamples,
  samplesDir,
  scoreItems,
  scoreResult,
  SECTIONS,
} from "../../../scripts/import-score.ts";
import { importPlan } from "../../../src/server/documents/plan-import/index.ts";

async function load(file: string): Promise<PlanImport> {
  return importPlan(await readFile(path.join(samplesDir, file)), file);
}

async function expected(name: string): Promise<Record<string, unknown>> {
  return JSON.parse(await readFile(path.join(fixturesDir, `${name}.expected.json`), "utf8"));
}

/** The structure without source line numbers (they differ between .txt, .docx and .pdf). */
function withoutLines(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutLines);
  if (value && typeof value === "object") {
    return Object.fromEntries(
      Object.entries(value)
        .filter(([key]) => key !== "line")
        .map(([key, inner]) => [key, withoutLines(inner)]),
    );
  }
  return value;
}

describe.skipIf(!hasSamples).each(SCORED_SAMPLES)("sample $file", (sample) => {
  it("validates against the contract and scores F1 ≥ 0.95 in every section", async () => {
    const result = await load(sample.file);
    planImportSchema.parse(result);
    const scores = scoreResult(await expected(sample.expected), result as never);
    for (const section of SECTIONS) {
      expect.soft(scores[section].f1, `${sample.file} ${section}`).toBeGreaterThanOrEqual(0.95);
    }
  });

  it("matches the expected document, criteria, duties and warnings", async () => {
    const result = await load(sample.file);
    const want = await expected(sample.expected);
    expect(withoutLines(result.document)).toMatchObject(want.document as object);
    expect(withoutLines(result.criteria)).toEqual(want.criteria);
    // Duties compare after folding whitespace, punctuation and tone placement, like the scorer.
    const fold = (duties: { agency: string | null; duties: string[] }[]) =>
      duties.map((duty) => ({
        agency: comparableKey(duty.agency ?? ""),
        duties: duty.duties.map((text) => comparableKey(text)),
      }));
    expect(fold(result.duties)).toEqual(fold(want.duties as never));
    for (const warning of want.warnings as { code: string; line: number }[]) {
      expect(result.warnings).toContainEqual(expect.objectContaining(warning));
    }
  });
});

describe.skipIf(!hasSamples)("the same plan as .txt, .docx and .pdf", () => {
  it("gives the same structure", async () => {
    const text = withoutLines(await load("plan-hoa-phong-2026-synthetic.txt"));
    const word = withoutLines(await load("plan-hoa-phong-2026-synthetic.docx"));
    const pdf = withoutLines(await load("plan-hoa-phong-2026-synthetic.pdf"));
    expect(word).toEqual(text);
    expect(pdf).toEqual(text);
  });
});

describe.skipIf(!hasSamples)("specific extractions", () => {
  it("keeps the decision's number when the plan's disagrees, with a warning", async () => {
    const result = await load("plan-thuy-nguyen-2025-h2.txt");
    expect(result.document.number).toBe("72/QĐ-UBND");
    expect(result.warnings).toContainEqual(
      expect.objectContaining({ code: "NUMBER_MISMATCH", line: 61 }),
    );
  });

  it("reads a draft's blank number and partial date", async () => {
    const result = await load("plan-chanh-lo-2024.txt");
    expect(result.document.number).toBeNull();
    expect(result.document.date).toBe("2023-12");
  });

  it("merges a task cell continued after a page break", async () => {
    const result = await load("plan-hoa-phong-2026-synthetic.txt");
    const task = result.tasks.find((candidate) => candidate.ref === "10");
    expect(task?.text.endsWith("bí mật nhà nước")).toBe(true);
    expect(task?.timeline).toBe("Quý II/2026");
    expect(result.tasks.filter((candidate) => candidate.text.startsWith("TT"))).toEqual([]);
  });
});

describe("the scorer", () => {
  it("counts wrong and missing fields", () => {
    const want = [
      { text: "Ban hành kế hoạch tuyên truyền", lead: "Văn phòng" },
      { text: "Kiểm tra công tác cải cách", lead: "Tư pháp" },
    ];
    const got = [{ text: "Ban hành  kế hoạch tuyên truyền.", lead: "Phòng Kinh tế" }];
    expect(scoreItems(want, got, ["text", "lead"])).toEqual({ tp: 1, fp: 1, fn: 3 });
  });
});
