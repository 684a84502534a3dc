import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import fc from "fast-check";
import { afterAll, describe, expect, it } from "vitest";
import { resolveMapping } from "../../core/dossier/import/index.ts";
import { openImportSheet } from "../documents/dossier-import-reader.ts";
import { parseBatches, type ParsedBatch } from "./dossier-import-batches.ts";

/*
 * A resumed import (dossier-import.service.ts `executeImport`) passes over the rows an earlier
 * attempt committed by whole batches: whatever sizes the batches are given (by time, on PGlite),
 * one of them must end exactly after those rows, and every row must come once.
 */

const folder = mkdtempSync(join(tmpdir(), "cchc-import-batches-"));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

const HEADER =
  "Mã hồ sơ;Mã TTHC;Tên người nộp;Số điện thoại;Kênh nộp;Ngày tiếp nhận;Hạn xử lý;Trạng thái";
const ROWS = 40;
const path = join(folder, "mot-cua.csv");
const lines = [HEADER];
for (let n = 0; n < ROWS; n += 1) {
  const day = String((n % 25) + 1).padStart(2, "0");
  // Every seventh row has no code: an invalid row, which batches count as processed too.
  const code = n % 7 === 6 ? "" : `000.01.22.H99-2603${day}-${8001 + n}`;
  lines.push(
    `${code};1.004873;Người nộp ${n};0911 222 333;Trực tiếp;${day}/03/2026 08:30;31/03/2026;Đang giải quyết`,
  );
}
writeFileSync(path, lines.join("\r\n") + "\r\n", "utf8");

async function batchesOf(sizes: number[], resumeAfter: number): Promise<ParsedBatch[]> {
  const sheet = await openImportSheet(path);
  try {
    let asked = 0;
    const batches: ParsedBatch[] = [];
    for await (const batch of parseBatches(sheet, {
      context: {
        headers: sheet.headers,
        indexes: resolveMapping(sheet.headers).indexes,
        today: "2026-04-01",
        agencyCodes: new Set(["000.01.22.H99"]),
      },
      procedureIds: new Map([["1.004873", "00000000-0000-4000-8000-000000000001"]]),
      unitId: "00000000-0000-4000-8000-000000000002",
      importId: "00000000-0000-4000-8000-000000000003",
      codeColumn: "Mã hồ sơ",
      batchSize: () => sizes[asked++ % sizes.length]!,
      resumeAfter,
    })) {
      batches.push(batch);
    }
    return batches;
  } finally {
    sheet.close();
  }
}

describe("dossier import batches", () => {
  it("end a batch exactly after the rows an earlier attempt committed, whatever their sizes", async () => {
    const all = (await batchesOf([ROWS], 0)).flatMap((batch) => batch.rows);
    expect(all.length).toBe(ROWS - Math.floor(ROWS / 7));
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.integer({ min: 1, max: 13 }), { minLength: 1, maxLength: 6 }),
        fc.integer({ min: 0, max: ROWS }),
        async (sizes, resumeAfter) => {
          const batches = await batchesOf(sizes, resumeAfter);
          const ends: number[] = [];
          let processed = 0;
          for (const batch of batches) ends.push((processed += batch.processed));
          expect(processed).toBe(ROWS);
          if (resumeAfter > 0) expect(ends).toContain(resumeAfter);
          // Each valid row once, in the file's order.
          expect(batches.flatMap((batch) => batch.rows)).toEqual(all);
        },
      ),
      { numRuns: 100 },
    );
  });
});
