/** Readers: file kinds, encodings and typed errors. */
import { execFile } from "node:child_process";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { promisify } from "node:util";
import JSZip from "jszip";
import { describe, expect, it } from "vitest";
import { repoRoot, samplesDir } from "../../../scripts/import-score.ts";
import {
  importPlan,
  PlanImportFileError,
  readPlanSource,
} from "../../../src/server/documents/plan-import/index.ts";

const run = promisify(execFile);

describe("readPlanSource", () => {
  it("strips a BOM and accepts CRLF", async () => {
    const text = "\ufeffSố: 3/KH-UBND\r\nKẾ HOẠCH\r\nCải cách hành chính năm 2025\r\n";
    const result = await importPlan(Buffer.from(text, "utf8"), "plan.txt");
    expect(result.document.number).toBe("3/KH-UBND");
    expect(result.document.title).toBe("Cải cách hành chính năm 2025");
  });

  it("reads Word tables as tables", async () => {
    const document = await readPlanSource(
      await readFile(path.join(samplesDir, "plan-hoa-phong-2026-synthetic.docx")),
      "x.docx",
    );
    const tables = document.blocks.filter((block) => block.kind === "table");
    expect(tables.length).toBe(3);
    expect(tables[1]).toMatchObject({ kind: "table" });
  });

  it("rejects unsupported and unreadable files with typed errors", async () => {
    await expect(readPlanSource(Buffer.from("x"), "plan.xlsx")).rejects.toMatchObject({
      code: "IMPORT_UNSUPPORTED_FILE",
    });
    await expect(readPlanSource(Buffer.from("not a zip"), "plan.docx")).rejects.toMatchObject({
      code: "IMPORT_UNREADABLE_FILE",
    });
    const zip = new JSZip();
    zip.file("hello.txt", "not word");
    const buffer = await zip.generateAsync({ type: "nodebuffer" });
    await expect(readPlanSource(buffer, "plan.docx")).rejects.toBeInstanceOf(PlanImportFileError);
    await expect(readPlanSource(Buffer.from("%PDF-1.4 broken"), "plan.pdf")).rejects.toMatchObject({
      code: "IMPORT_UNREADABLE_FILE",
    });
    await expect(readPlanSource(Buffer.from([0x00, 0x01, 0x02]), "plan.txt")).rejects.toMatchObject(
      {
        code: "IMPORT_UNREADABLE_FILE",
      },
    );
  });
});

describe("cchc import-plan", () => {
  const cli = path.join(repoRoot, "bin/cchc.js");

  it("prints the structure as JSON and exits 0", async () => {
    const { stdout } = await run("node", [
      cli,
      "import-plan",
      path.join(samplesDir, "plan-chanh-lo-2024.txt"),
      "--json",
    ]);
    const result = JSON.parse(stdout);
    expect(result.tasks).toHaveLength(24);
    expect(result.warnings.length).toBeGreaterThan(0);
  }, 30_000);

  it("prints a Vietnamese summary without --json", async () => {
    const { stdout } = await run("node", [
      cli,
      "import-plan",
      path.join(samplesDir, "plan-bai-chay-2023.txt"),
    ]);
    expect(stdout).toContain("Quyết định ban hành kế hoạch số 28/QĐ-UBND");
  }, 30_000);

  it("exits non-zero with a clear message and no stack trace on a bad file", async () => {
    const failure = await run("node", [
      cli,
      "import-plan",
      path.join(repoRoot, "package.json"),
    ]).catch((error: { code: number; stderr: string }) => error);
    expect(failure).toMatchObject({ code: 1 });
    const stderr = (failure as { stderr: string }).stderr;
    expect(stderr).toContain("IMPORT_UNSUPPORTED_FILE");
    expect(stderr).not.toMatch(/\n\s+at /);
  }, 30_000);
});
