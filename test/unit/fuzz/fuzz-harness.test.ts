import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import fc from "fast-check";
import { afterEach, describe, expect, it } from "vitest";
import { checkInput, fuzz, fuzzRuns, regressionCases, type FuzzTarget } from "./fuzz-harness.ts";

class Declared extends Error {}

/** A parser with a bug: bytes starting with 0x42 make it read past its input. */
const buggy: FuzzTarget = {
  name: "buggy",
  input: fc.uint8Array({ minLength: 1, maxLength: 8 }),
  parse(bytes) {
    if (bytes[0] === 0x42) return (undefined as unknown as { x: number }).x;
    if (bytes[0]! < 0x10) throw new Declared("refused");
    return bytes.length;
  },
  declared: (error) => error instanceof Declared,
  runs: 2000,
};

let root: string | null = null;
afterEach(() => {
  if (root) rmSync(root, { recursive: true, force: true });
  root = null;
});

describe("fuzz harness", () => {
  it("accepts declared errors and reports undeclared ones and hangs", async () => {
    await expect(checkInput(buggy, Uint8Array.of(1))).resolves.toBeUndefined();
    await expect(checkInput(buggy, Uint8Array.of(0x42))).rejects.toThrow(
      /undeclared error TypeError/,
    );
    const hanging: FuzzTarget = { ...buggy, parse: () => new Promise(() => {}), timeoutMs: 20 };
    await expect(checkInput(hanging, Uint8Array.of(1))).rejects.toThrow(/no answer after 20 ms/);
  });

  it("saves a failing input and replays it on the next run", async () => {
    root = mkdtempSync(join(tmpdir(), "cchc-fuzz-harness-"));
    await expect(fuzz(buggy, root)).rejects.toThrow(/failing input saved/);
    const saved = regressionCases("buggy", root);
    expect(saved).toHaveLength(1);
    expect(saved[0]!.bytes[0]).toBe(0x42);
    // The next run fails on the saved case first, before any random input.
    await expect(fuzz({ ...buggy, runs: 1 }, root)).rejects.toThrow(/regression case/);
    expect(readdirSync(join(root, "buggy"))).toHaveLength(1);
  });

  it("takes the number of runs from CCHC_FUZZ_RUNS when set", () => {
    expect(fuzzRuns(30, {})).toBe(30);
    expect(fuzzRuns(30, { CCHC_FUZZ_RUNS: "5000" })).toBe(5000);
    expect(fuzzRuns(30, { CCHC_FUZZ_RUNS: "many" })).toBe(30);
  });
});
