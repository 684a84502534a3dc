import { mkdirSync, mkdtempSync, readdirSync, rmSync, utimesSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { removeStaleParseTempDirs, STALE_PARSE_TEMP_DIR_MS } from "./worker-temp-dir.ts";

const NOW = Date.parse("2026-06-30T08:00:00+07:00");
let root: string;

beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), "cchc-stale-"));
  vi.stubEnv("TMPDIR", root);
});

afterEach(() => {
  vi.unstubAllEnvs();
  rmSync(root, { recursive: true, force: true });
});

/** A folder in the temporary folder, its time `ageMs` before NOW, with a file in it. */
function folder(name: string, ageMs: number) {
  const path = join(root, name);
  mkdirSync(path);
  writeFileSync(join(path, "tmp-1-sheet"), "<worksheet/>");
  const at = (NOW - ageMs) / 1000;
  utimesSync(path, at, at);
}

describe("parse folders left by a stopped server", () => {
  it("are removed at start once a day old; a parse's running folder and others' stay", async () => {
    folder("cchc-parse-left", STALE_PARSE_TEMP_DIR_MS + 60_000);
    folder("cchc-parse-running", 60 * 60 * 1000);
    folder("someone-elses", 3 * STALE_PARSE_TEMP_DIR_MS);
    writeFileSync(join(root, "cchc-parse-a-file"), "not a folder");
    utimesSync(join(root, "cchc-parse-a-file"), 0, 0);

    expect(await removeStaleParseTempDirs(NOW)).toBe(1);
    expect(readdirSync(root).sort()).toEqual([
      "cchc-parse-a-file",
      "cchc-parse-running",
      "someone-elses",
    ]);
  });
});
