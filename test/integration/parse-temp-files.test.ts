/**
 * The upload parsers leave no temporary file behind. ExcelJS's streaming reader copies a worksheet
 * stored before the shared strings (as ExcelJS itself stores it) to a temporary file, deleted only
 * once the sheet is read to its end; each parse now has its own folder, which the server removes
 * when the parse ends (worker-temp-dir.ts). Every file here is read in a worker thread, as the
 * routes read them; no database is needed.
 */
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { resolveMapping } from "../../src/core/dossier/import/import-fields.ts";
import { parseInWorker } from "../../src/server/documents/parse-in-worker.ts";
import { LIST_LIMITS, parseSpreadsheet } from "../../src/server/documents/spreadsheet.ts";
import { parseInWorker as parseExportInWorker } from "../../src/server/services/dossier-import-parser.ts";

const EXPORT_HEADERS = ["Mã hồ sơ", "Mã thủ tục", "Người nộp", "Ngày tiếp nhận", "Trạng thái"];

let temporaryRoot: string;
let exportsDir: string;

// The temporary folder of this file's process and of the workers it starts (they copy the
// environment when they start): what a parse leaves there is what it would leave in /tmp.
beforeAll(() => {
  temporaryRoot = mkdtempSync(join(tmpdir(), "cchc-temp-files-"));
  exportsDir = mkdtempSync(join(tmpdir(), "cchc-temp-exports-"));
  vi.stubEnv("TMPDIR", temporaryRoot);
});

afterAll(() => {
  vi.unstubAllEnvs();
  rmSync(temporaryRoot, { recursive: true, force: true });
  rmSync(exportsDir, { recursive: true, force: true });
});

/** A workbook as ExcelJS writes it (its worksheet before its shared strings), with `rows` rows. */
async function workbook(headers: string[], rows: number): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet("Danh sách");
  sheet.addRow(headers);
  for (let i = 1; i <= rows; i += 1) {
    sheet.addRow([
      `H56.22-26${String(i).padStart(6, "0")}`,
      "1.001234",
      `Nguyễn Văn ${i}`,
      "15/03/2026",
      i % 2 ? "Đã trả kết quả" : "Đang giải quyết",
    ]);
  }
  return Buffer.from(await book.xlsx.writeBuffer());
}

async function exportFile(rows: number): Promise<string> {
  const path = join(exportsDir, `export-${rows}.xlsx`);
  writeFileSync(path, await workbook(EXPORT_HEADERS, rows));
  return path;
}

/** What parses left in the temporary folder (tsx, which runs the workers, keeps its cache there). */
const leftBehind = () => readdirSync(temporaryRoot).filter((name) => !name.startsWith("tsx-"));

describe("temporary files of the upload parsers", () => {
  it("a list read whole leaves none", async () => {
    const sheet = await parseSpreadsheet(await workbook(EXPORT_HEADERS, 20), LIST_LIMITS);
    expect(sheet.rows).toHaveLength(20);
    expect(leftBehind()).toEqual([]);
  });

  it("a list refused over its row cap leaves none", async () => {
    const rows = LIST_LIMITS.sheet.maxRows + 10;
    await expect(
      parseSpreadsheet(await workbook(EXPORT_HEADERS, rows), LIST_LIMITS),
    ).rejects.toMatchObject({ code: "FILE_TOO_COMPLEX" });
    expect(leftBehind()).toEqual([]);
  }, 60_000);

  it("a dossier export's preview, which reads its header and first rows, leaves none", async () => {
    const head = await parseInWorker("importSheetHead", {
      path: await exportFile(200),
      maxRows: 3,
    });
    expect(head.headers).toEqual(EXPORT_HEADERS);
    expect(head.rows).toHaveLength(3);
    expect(leftBehind()).toEqual([]);
  });

  it("a parse whose folder cannot be made fails, and gives its turn to the next", async () => {
    vi.stubEnv("TMPDIR", join(temporaryRoot, "missing", "folder"));
    try {
      await expect(
        parseSpreadsheet(await workbook(EXPORT_HEADERS, 2), LIST_LIMITS),
      ).rejects.toThrow(/ENOENT/);
    } finally {
      vi.stubEnv("TMPDIR", temporaryRoot);
    }
    // One parse runs at a time: with the turn kept, this one would wait its 5 s out, refused.
    const sheet = await parseInWorker(
      "spreadsheet",
      { bytes: await workbook(EXPORT_HEADERS, 2), limits: LIST_LIMITS },
      { timeoutMs: 5_000 },
    );
    expect(sheet.rows).toHaveLength(2);
    expect(leftBehind()).toEqual([]);
  });

  it("an import stopped after its first batch leaves none", async () => {
    const stream = parseExportInWorker({
      path: await exportFile(2_000),
      indexes: resolveMapping(EXPORT_HEADERS).indexes,
      today: "2026-06-30",
      procedureIds: [["1.001234", "00000000-0000-4000-8000-000000000001"]],
      agencyCodes: ["H56.22"],
      unit: { name: "Phường Bãi Cháy", validFrom: null, validTo: null },
      unitId: "00000000-0000-4000-8000-000000000002",
      importId: "00000000-0000-4000-8000-000000000003",
      codeColumn: "Mã hồ sơ",
      batchSize: 100,
      resumeAfter: 0,
    });
    const first = await stream.batches.next();
    expect(first.done).toBe(false);
    await stream.stop();
    expect(leftBehind()).toEqual([]);
  });
});
