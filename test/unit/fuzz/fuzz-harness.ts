/**
 * Property-based fuzzing of the parsers of outside files (fast-check). Each target reads bytes
 * the way the server does and must either return or throw one of its declared error types —
 * never another exception (a crash: TypeError, RangeError, a stack trace in a 500), and never
 * hang (a time limit per input). Inputs are bounded in size by their arbitraries.
 *
 * Every input that once failed is written to test/fuzz-regressions/<target>/<sha256>.bin by the
 * failing run and replayed first on every later run, so a fixed bug stays fixed.
 *
 * Runs per target are modest so the unit suite stays fast; CCHC_FUZZ_RUNS=N runs N per target.
 */
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import fc from "fast-check";

export const REGRESSIONS_DIR = join(import.meta.dirname, "..", "..", "fuzz-regressions");

export interface FuzzTarget {
  /** Folder name of its regression cases. */
  name: string;
  input: fc.Arbitrary<Uint8Array>;
  parse(bytes: Uint8Array): unknown;
  /** The parser's declared errors (what the route turns into a coded 4xx). */
  declared(error: unknown): boolean;
  /** Runs in the ordinary unit suite (CCHC_FUZZ_RUNS overrides). */
  runs: number;
  /** Per input; a parse still running after it counts as a hang. Default 10 s. */
  timeoutMs?: number;
}

export function fuzzRuns(runs: number, env: NodeJS.ProcessEnv = process.env): number {
  const wanted = Number(env.CCHC_FUZZ_RUNS);
  return Number.isInteger(wanted) && wanted > 0 ? wanted : runs;
}

/** The vitest timeout for fuzzing `runs` inputs (slow inputs on a busy machine included). */
export function fuzzTestTimeout(runs: number): number {
  return Math.max(120_000, fuzzRuns(runs) * 500);
}

class Hang extends Error {}

/** Throws (with the reason) when the parser crashes or hangs on `bytes`. */
export async function checkInput(target: FuzzTarget, bytes: Uint8Array): Promise<void> {
  const limit = target.timeoutMs ?? 10_000;
  let timer: NodeJS.Timeout | undefined;
  const started = performance.now();
  try {
    await Promise.race([
      Promise.resolve().then(() => target.parse(bytes)),
      new Promise((_, reject) => {
        timer = setTimeout(() => reject(new Hang(`no answer after ${limit} ms`)), limit);
      }),
    ]);
  } catch (error) {
    if (error instanceof Hang) throw error;
    if (!target.declared(error)) {
      const described = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
      throw new Error(`undeclared error ${described.slice(0, 500)}`, { cause: error });
    }
  } finally {
    clearTimeout(timer);
  }
  // A synchronous parser cannot be interrupted: a run far over the limit is still a hang.
  const elapsed = performance.now() - started;
  if (elapsed > limit) throw new Hang(`took ${Math.round(elapsed)} ms (limit ${limit} ms)`);
}

export function regressionCases(
  name: string,
  root = REGRESSIONS_DIR,
): { file: string; bytes: Uint8Array }[] {
  const dir = join(root, name);
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((file) => file.endsWith(".bin"))
    .sort()
    .map((file) => ({ file, bytes: new Uint8Array(readFileSync(join(dir, file))) }));
}

function saveRegression(name: string, bytes: Uint8Array, root: string): string {
  const dir = join(root, name);
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `${createHash("sha256").update(bytes).digest("hex").slice(0, 16)}.bin`);
  writeFileSync(file, bytes);
  return file;
}

/** Replays the saved cases, then fuzzes; a new failing input is saved before the test fails. */
export async function fuzz(
  target: FuzzTarget,
  root = REGRESSIONS_DIR,
): Promise<{ runs: number; replayed: number }> {
  const saved = regressionCases(target.name, root);
  for (const { file, bytes } of saved) {
    try {
      await checkInput(target, bytes);
    } catch (error) {
      throw new Error(`${target.name}: regression case ${file}: ${(error as Error).message}`, {
        cause: error,
      });
    }
  }
  const runs = fuzzRuns(target.runs);
  const result = await fc.check(
    fc.asyncProperty(target.input, (bytes) => checkInput(target, bytes)),
    // No shrinking: a hang costs the full time limit per try, and inputs are small already.
    { numRuns: runs, endOnFailure: true },
  );
  if (result.failed && result.counterexample) {
    const [bytes] = result.counterexample;
    const file = saveRegression(target.name, bytes, root);
    throw new Error(
      `${target.name}: failing input saved as ${file} (seed ${result.seed}): ${
        result.errorInstance instanceof Error
          ? result.errorInstance.message
          : String(result.errorInstance)
      }`,
    );
  }
  return { runs, replayed: saved.length };
}

// ——— input builders ———

const encoder = new TextEncoder();
export const utf8 = (text: string) => encoder.encode(text);

/** Byte-level damage to a valid sample: overwrite, insert, delete, truncate. */
export function mutated(sample: Uint8Array, maxEdits = 8): fc.Arbitrary<Uint8Array> {
  const edit = fc.record({
    at: fc.nat({ max: Math.max(0, sample.length - 1) }),
    kind: fc.constantFrom("set", "insert", "delete"),
    value: fc.integer({ min: 0, max: 255 }),
    length: fc.integer({ min: 1, max: 64 }),
  });
  return fc
    .tuple(fc.array(edit, { maxLength: maxEdits }), fc.option(fc.nat({ max: sample.length })))
    .map(([edits, cut]) => {
      let bytes = Array.from(sample);
      for (const { at, kind, value, length } of edits) {
        const index = Math.min(at, bytes.length);
        if (kind === "set") bytes.fill(value, index, index + length);
        else if (kind === "insert") bytes.splice(index, 0, ...Array<number>(length).fill(value));
        else bytes.splice(index, length);
      }
      if (cut !== null) bytes = bytes.slice(0, cut);
      return Uint8Array.from(bytes);
    });
}

/** Text damage: splice fragments (which may be markup or headings) into a sample text. */
export function spliced(
  sample: string,
  fragment: fc.Arbitrary<string>,
  maxEdits = 6,
): fc.Arbitrary<string> {
  const edit = fc.record({
    at: fc.nat({ max: sample.length }),
    remove: fc.nat({ max: 200 }),
    text: fragment,
  });
  return fc.array(edit, { maxLength: maxEdits }).map((edits) => {
    let text = sample;
    for (const { at, remove, text: inserted } of edits) {
      const index = Math.min(at, text.length);
      text = text.slice(0, index) + inserted + text.slice(index + remove);
    }
    return text;
  });
}

/** Any bytes at all, small. */
export const anyBytes = (maxLength = 4096) => fc.uint8Array({ maxLength });

/** Printable text with Vietnamese letters, digits, punctuation and control characters. */
export const messyText = (maxLength = 400) =>
  fc.string({
    unit: fc.oneof(
      fc.constantFrom(
        ..."aăâbcdđeêghiklmnoôơpqrstuưvxyÀẢẤỆỮ0123456789 .,;:()[]-–/|%≥≤*#\t\n\r\"'<>&=",
      ),
      fc.constantFrom("\u0000", "\u0007", "\u00a0", "\u200b", "\ufeff", "\ud800", "\u0301"),
      fc.string({ unit: "grapheme", maxLength: 1 }),
    ),
    maxLength,
  });
