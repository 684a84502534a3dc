/**
 * Property tests on the real samples: random cuts, duplications, shuffled whitespace and injected
 * garbage never make the importer throw or hang, and the output always validates.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { hasSamples, samplesDir } from "../../../scripts/import-score.ts";
import { planImportSchema } from "../../../src/core/plan-import/contract.ts";
import { parsePlan } from "../../../src/core/plan-import/parse-plan.ts";
import { textToDocument } from "../../../src/core/plan-import/text-source.ts";

const samples = (
  hasSamples
    ? [
        "plan-bai-chay-2023.txt",
        "plan-thuy-nguyen-2025-h2.txt",
        "plan-chanh-lo-2024.txt",
        "plan-hoa-phong-2026-synthetic.txt",
      ]
    : []
).map((file) => readFileSync(path.join(samplesDir, file), "utf8").split("\n"));

type Mutation =
  | { kind: "cut"; at: number; length: number }
  | { kind: "duplicate"; at: number; length: number }
  | { kind: "whitespace"; at: number; spaces: string }
  | { kind: "garbage"; at: number; text: string };

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constant("cut" as const), at: fc.nat(), length: fc.nat({ max: 40 }) }),
  fc.record({ kind: fc.constant("duplicate" as const), at: fc.nat(), length: fc.nat({ max: 40 }) }),
  fc.record({
    kind: fc.constant("whitespace" as const),
    at: fc.nat(),
    spaces: fc.stringMatching(/^[ \t\r\n\u00a0]{1,6}$/),
  }),
  fc.record({
    kind: fc.constant("garbage" as const),
    at: fc.nat(),
    text: fc.oneof(
      fc.string({ maxLength: 60 }),
      fc.constantFrom(
        "\t\t\t",
        "| a | b |",
        "<table><tr><td>",
        "a) ",
        "(1) ",
        "Số: /",
        "%%",
        "I. ",
        "Phấn đấu đạt 9/",
        "TT\tNội dung\tCơ quan chủ trì",
      ),
    ),
  }),
);

function apply(lines: string[], mutations: Mutation[]): string {
  const current = [...lines];
  for (const change of mutations) {
    const at = change.at % Math.max(current.length, 1);
    if (change.kind === "cut") current.splice(at, change.length);
    else if (change.kind === "duplicate")
      current.splice(at, 0, ...current.slice(at, at + change.length));
    else if (change.kind === "whitespace") {
      const line = current[at] ?? "";
      const position = line.length > 0 ? at % line.length : 0;
      current[at] = line.slice(0, position) + change.spaces + line.slice(position);
    } else current.splice(at, 0, change.text);
  }
  return current.join("\n");
}

describe.skipIf(!hasSamples)("importer robustness on mutated samples", () => {
  it("never throws or hangs; the output validates", () => {
    fc.assert(
      fc.property(
        fc.nat({ max: samples.length - 1 }),
        fc.array(mutation, { minLength: 1, maxLength: 8 }),
        (sampleIndex, mutations) => {
          const text = apply(samples[sampleIndex]!, mutations);
          const started = performance.now();
          const result = parsePlan(textToDocument(text));
          expect(performance.now() - started).toBeLessThan(2000);
          planImportSchema.parse(result);
          expect(result.warnings.filter((warning) => warning.code === "PARSER_ERROR")).toEqual([]);
        },
      ),
      { numRuns: 150 },
    );
  }, 120_000);

  it("survives a random cut of the text at any character", () => {
    const whole = samples.map((lines) => lines.join("\n"));
    fc.assert(
      fc.property(fc.nat({ max: 3 }), fc.nat(), fc.nat(), (index, start, length) => {
        const text = whole[index]!;
        const from = start % text.length;
        planImportSchema.parse(
          parsePlan(textToDocument(text.slice(0, from) + text.slice(from + (length % 2000)))),
        );
      }),
      { numRuns: 150 },
    );
  }, 120_000);
});
