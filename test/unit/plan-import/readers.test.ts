/** Readers: file kinds, encodings and typed errors. */
import { execFile } from "node:child_process";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { promisify } from "node:util";
import JSZip from "jszip";
import { describe, expect, it } from "vitest";
import { hasSamples, repoRoot, samplesDir } from "../../../scripts/import-score.ts";
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

  it.skipIf(!hasSamples)("reads Word tables as tables", async () => {
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

describe("readPlanSource on Word files", () => {
  const W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"';
  const REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
  const rels = (entries: [string, string][]) =>
    '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
    entries
      .map(
        ([type, target], index) =>
          `<Relationship Id="rId${index + 1}" Type="${REL}/${type}" Target="${target}"/>`,
      )
      .join("") +
    "</Relationships>";
  const p = (text: string, numPr = "") =>
    `<w:p>${numPr ? `<w:pPr><w:numPr>${numPr}</w:numPr></w:pPr>` : ""}<w:r><w:t>${text}</w:t></w:r></w:p>`;
  const tc = (text: string, span = 1) =>
    `<w:tc>${span > 1 ? `<w:tcPr><w:gridSpan w:val="${span}"/></w:tcPr>` : ""}${p(text)}</w:tc>`;

  async function docx(files: Record<string, string>): Promise<Buffer> {
    const zip = new JSZip();
    for (const [name, content] of Object.entries(files)) zip.file(name, content);
    return zip.generateAsync({ type: "nodebuffer", compression: "DEFLATE" });
  }

  it("follows the package relationships to the main part, its numbering and its styles", async () => {
    const body =
      p("Mục tiêu", '<w:ilvl w:val="0"/><w:numId w:val="7"/>') +
      `<w:tbl><w:tr>${tc("TT")}${tc("Thời gian", 2)}</w:tr><w:tr>${tc("1")}${tc("Quý I")}${tc("Quý II")}</w:tr></w:tbl>`;
    const buffer = await docx({
      "_rels/.rels": rels([["officeDocument", "/content/main.xml"]]),
      "content/main.xml": `<w:document ${W}><w:body>${body}</w:body></w:document>`,
      "content/_rels/main.xml.rels": rels([["numbering", "lists.xml"]]),
      "content/lists.xml":
        `<w:numbering ${W}><w:abstractNum w:abstractNumId="3"><w:lvl w:ilvl="0"><w:start w:val="2"/>` +
        '<w:numFmt w:val="upperRoman"/><w:lvlText w:val="%1."/></w:lvl></w:abstractNum>' +
        '<w:num w:numId="7"><w:abstractNumId w:val="3"/></w:num></w:numbering>',
    });
    const document = await readPlanSource(buffer, "kh.docx");
    expect(document).toEqual({
      format: "docx",
      blocks: [
        { kind: "paragraph", text: "II. Mục tiêu", line: 1 },
        {
          kind: "table",
          line: 2,
          rows: [
            { cells: ["TT", "Thời gian", ""], line: 2 },
            { cells: ["1", "Quý I", "Quý II"], line: 3 },
          ],
        },
      ],
    });
  });

  it.skipIf(!hasSamples)(
    "explains in Vietnamese why a damaged Word file cannot be read",
    async () => {
      const sample = await readFile(path.join(samplesDir, "plan-hoa-phong-2026-synthetic.docx"));
      const cases: [Buffer, string][] = [
        [sample.subarray(0, 5000), "không giải nén được tệp Word"],
        [
          await docx({ "word/other.xml": "<a/>" }),
          "không có phần nội dung chính word/document.xml",
        ],
        [
          await docx({
            "word/document.xml": `<w:document ${W}><w:body><w:p></w:body></w:document>`,
          }),
          "phần word/document.xml không phải XML hợp lệ ở dòng 1, cột",
        ],
        [
          await docx({ "word/document.xml": "<html><body/></html>" }),
          "không phải nội dung Word hợp lệ",
        ],
      ];
      for (const [buffer, reason] of cases) {
        const error = await readPlanSource(buffer, "kh.docx").catch((caught: unknown) => caught);
        expect(error).toBeInstanceOf(PlanImportFileError);
        expect(error).toMatchObject({ code: "IMPORT_UNREADABLE_FILE", status: 422 });
        const message = (error as Error).message;
        expect(message).toMatch(
          /^Không đọc được nội dung tệp “kh.docx”: tệp bị hỏng hoặc không đúng định dạng \(/,
        );
        expect(message).toContain(reason);
      }
    },
  );
});

describe("cchc import-plan", () => {
  const cli = path.join(repoRoot, "bin/cchc.js");

  it.skipIf(!hasSamples)(
    "prints the structure as JSON and exits 0",
    async () => {
      const { stdout } = await run("node", [
        cli,
        "import-plan",
        path.join(samplesDir, "plan-chanh-lo-2024.txt"),
        "--json",
      ]);
      const result = JSON.parse(stdout);
      expect(result.tasks).toHaveLength(24);
      expect(result.warnings.length).toBeGreaterThan(0);
    },
    30_000,
  );

  it.skipIf(!hasSamples)(
    "prints a Vietnamese summary without --json",
    async () => {
      const { stdout } = await run("node", [
        cli,
        "import-plan",
        path.join(samplesDir, "plan-bai-chay-2023.txt"),
      ]);
      expect(stdout).toContain("Quyết định ban hành kế hoạch số 28/QĐ-UBND");
    },
    30_000,
  );

  it.skipIf(!hasSamples)(
    "reads a Word plan",
    async () => {
      const { stdout } = await run("node", [
        cli,
        "import-plan",
        path.join(samplesDir, "plan-hoa-phong-2026-synthetic.docx"),
        "--json",
      ]);
      const result = JSON.parse(stdout);
      expect(result.document.number).toBeTruthy();
      expect(result.tasks.length).toBeGreaterThan(0);
    },
    30_000,
  );

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
