/**
 * Fuzzing of the spreadsheet readers: the office lists (units, procedures; CSV or .xlsx read in
 * memory) and the streaming reader of one-stop dossier exports with its row parser. See
 * fuzz-harness.ts.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import ExcelJS from "exceljs";
import fc from "fast-check";
import { strFromU8, strToU8, unzipSync, zipSync } from "fflate";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { resolveMapping } from "../../../src/core/dossier/import/import-fields.ts";
import { parseImportRow } from "../../../src/core/dossier/import/import-row.ts";
import { parseUnitRows } from "../../../src/core/organization/unit-import.ts";
import { openImportSheet } from "../../../src/server/documents/dossier-import-reader.ts";
import { LIST_LIMITS, readSpreadsheet } from "../../../src/server/documents/spreadsheet.ts";
import { AppError } from "../../../src/server/errors.ts";
import { parseProcedureSheet } from "../../../src/server/services/procedure.service.ts";
import {
  anyBytes,
  fuzz,
  fuzzTestTimeout,
  messyText,
  mutated,
  spliced,
  utf8,
  type FuzzTarget,
} from "./fuzz-harness.ts";

const UNIT_HEADERS = [
  "Mã đơn vị",
  "Tên đơn vị",
  "Cấp",
  "Loại hình",
  "Mã cấp trên",
  "Hiệu lực từ",
  "Hiệu lực đến",
  "Sáp nhập vào",
];
const PROCEDURE_HEADERS = [
  "Mã thủ tục",
  "Tên thủ tục",
  "Lĩnh vực",
  "Thời hạn giải quyết",
  "Phí, lệ phí",
  "Mức độ",
];
const DOSSIER_HEADERS = [
  "Mã hồ sơ",
  "Mã thủ tục",
  "Người nộp",
  "Số điện thoại",
  "Địa chỉ",
  "Kênh nộp",
  "Ngày tiếp nhận",
  "Hạn xử lý",
  "Ngày có kết quả",
  "Ngày trả kết quả",
  "Trạng thái",
  "Số lần bổ sung",
  "Đã số hóa",
];

/** Cell texts an export holds, and the ones that break naive readers. */
const cellText = fc.oneof(
  messyText(40),
  fc.constantFrom(
    "000.00.12.H56-260105-0001",
    "1.001234",
    "Nguyễn Văn A",
    "0912345678",
    "Trực tuyến",
    "Trực tiếp",
    "05/01/2026 08:30",
    "2026-01-05T08:30:00+07:00",
    "31/02/2026",
    "29/02/2025 25:61",
    "Đã trả kết quả",
    "Đang xử lý",
    "xã",
    "phường",
    "tỉnh",
    "Có",
    "Không",
    "-1",
    "1e308",
    "NaN",
    "=cmd|' /C calc'!A0",
    '"',
    '""',
    ",",
    ";",
    "\r\n",
  ),
);

function csvOf(headers: string[], rows: string[][], separator: string, quoteAll: boolean): string {
  const field = (text: string) => (quoteAll ? `"${text.replace(/"/g, '""')}"` : text);
  return [headers, ...rows].map((row) => row.map(field).join(separator)).join("\r\n");
}

/** A CSV whose header row is a shuffled subset of `known` plus noise, and random rows. */
const csvWith = (known: string[]) =>
  fc
    .tuple(
      fc.shuffledSubarray([...known, "Ghi chú", ""], { minLength: 0 }),
      fc.array(fc.array(cellText, { maxLength: 14 }), { maxLength: 12 }),
      fc.constantFrom(",", ";", "\t"),
      fc.boolean(),
      fc.boolean(),
    )
    .map(([headers, rows, separator, quoteAll, bom]) =>
      utf8((bom ? "\ufeff" : "") + csvOf(headers, rows, separator, quoteAll)),
    );

async function sampleXlsx(
  headers: string[],
  rows: (string | number | Date)[][],
): Promise<Uint8Array> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet("Danh sách");
  sheet.addRow(headers);
  for (const row of rows) sheet.addRow(row);
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}

/** Markup and values a worksheet part may hold, valid or not. */
const sheetFragment = fc.oneof(
  messyText(30),
  fc.constantFrom(
    '<c r="A2" t="s"><v>99999</v></c>',
    '<c r="XFD1048576"><v>1</v></c>',
    '<c r="A0" t="n"><v>abc</v></c>',
    '<c r="B2" t="d"><v>not-a-date</v></c>',
    '<c r="C2" t="inlineStr"><is><t>Nội dung</t></is></c>',
    '<c r="D2" t="e"><v>#REF!</v></c>',
    '<c r="A2"><f>1/0</f></c>',
    '<row r="1048577">',
    '<row r="0">',
    '<row r="-5">',
    "</row>",
    "<si><t>",
    "</t></si>",
    '<mergeCell ref="A1:XFD1048576"/>',
    "&#0;",
    "<sheetData>",
    "</sheetData>",
  ),
);

/** An .xlsx package whose sheet and shared strings the fuzzer rewrites (then re-zipped). */
function rewrittenXlsx(sample: Uint8Array) {
  const entries = unzipSync(sample);
  const names = Object.keys(entries).filter((name) =>
    /worksheets\/sheet1\.xml|sharedStrings|workbook\.xml$|\.rels$/.test(name),
  );
  return fc
    .tuple(fc.constantFrom(...names), fc.context())
    .chain(([name]) =>
      spliced(strFromU8(entries[name]!), sheetFragment).map((text) =>
        zipSync({ ...entries, [name]: strToU8(text) }),
      ),
    );
}

const declared = (error: unknown) => error instanceof AppError;
const workDir = mkdtempSync(join(tmpdir(), "cchc-fuzz-"));
// Read here in this thread, the readers' temporary copies of a worksheet refused halfway (see
// worker-temp-dir.ts) land in the temporary folder: this file's own, removed at its end.
beforeAll(() => {
  vi.stubEnv("TMPDIR", workDir);
});
afterAll(() => {
  vi.unstubAllEnvs();
  rmSync(workDir, { recursive: true, force: true });
});

let fileNumber = 0;
async function readDossierExport(bytes: Uint8Array) {
  const path = join(workDir, `export-${(fileNumber += 1)}`);
  writeFileSync(path, bytes);
  try {
    const sheet = await openImportSheet(path);
    const resolved = resolveMapping(sheet.headers);
    const context = {
      headers: sheet.headers,
      indexes: resolved.indexes,
      today: "2026-06-30",
      agencyCodes: new Set(["000.00.12.H56"]),
      procedureCodes: new Set(["1.001234"]),
    };
    try {
      for await (const chunk of sheet.chunks)
        for (const row of chunk) parseImportRow(row.cells, row.row, context);
    } finally {
      sheet.close();
    }
  } finally {
    rmSync(path, { force: true });
  }
}

async function readList(bytes: Uint8Array) {
  const sheet = await readSpreadsheet(Buffer.from(bytes), LIST_LIMITS);
  parseUnitRows(sheet.headers, sheet.rows);
  parseProcedureSheet(sheet.headers, sheet.rows);
}

let unitsXlsx: Uint8Array;
let dossiersXlsx: Uint8Array;
beforeAll(async () => {
  unitsXlsx = await sampleXlsx(
    [...UNIT_HEADERS, ...PROCEDURE_HEADERS],
    [
      [
        "22001",
        "Phường Bãi Cháy",
        "Xã",
        "phường",
        "22",
        new Date(Date.UTC(2025, 6, 1)),
        "",
        "",
        "1.001234",
        "Đăng ký khai sinh",
        "Hộ tịch",
        3,
        "",
        "Toàn trình",
      ],
    ],
  );
  dossiersXlsx = await sampleXlsx(DOSSIER_HEADERS, [
    [
      "000.00.12.H56-260105-0001",
      "1.001234",
      "Nguyễn Văn A",
      "0912345678",
      "Thôn 1",
      "Trực tiếp",
      "05/01/2026 08:30",
      "08/01/2026 17:00",
      "07/01/2026 10:00",
      "07/01/2026 15:00",
      "Đã trả kết quả",
      0,
      "Có",
    ],
  ]);
});

/** Runs per target in the unit suite (CCHC_FUZZ_RUNS overrides). */
const RUNS = { "list-csv": 80, "list-xlsx": 30, "dossier-csv": 80, "dossier-xlsx": 30 };

function targets(): FuzzTarget[] {
  return [
    {
      name: "list-csv",
      input: fc.oneof(csvWith([...UNIT_HEADERS, ...PROCEDURE_HEADERS]), anyBytes(1024)),
      parse: readList,
      declared,
      runs: RUNS["list-csv"],
    },
    {
      name: "list-xlsx",
      input: fc.oneof(rewrittenXlsx(unitsXlsx), mutated(unitsXlsx, 4)),
      parse: readList,
      declared,
      runs: RUNS["list-xlsx"],
    },
    {
      name: "dossier-csv",
      input: fc.oneof(csvWith(DOSSIER_HEADERS), anyBytes(1024)),
      parse: readDossierExport,
      declared,
      runs: RUNS["dossier-csv"],
    },
    {
      name: "dossier-xlsx",
      input: fc.oneof(rewrittenXlsx(dossiersXlsx), mutated(dossiersXlsx, 4)),
      parse: readDossierExport,
      declared,
      runs: RUNS["dossier-xlsx"],
    },
  ];
}

describe("fuzzing the spreadsheet readers", () => {
  it("reads the unmodified samples", async () => {
    const list = await readSpreadsheet(Buffer.from(unitsXlsx), LIST_LIMITS);
    expect(parseUnitRows(list.headers, list.rows).rows).toHaveLength(1);
    expect(parseProcedureSheet(list.headers, list.rows)).toMatchObject({ problems: [] });
    expect(parseProcedureSheet(list.headers, list.rows).rows).toHaveLength(1);
    await readDossierExport(dossiersXlsx);
  });

  for (const [name, runs] of Object.entries(RUNS)) {
    it(
      `${name}: no crash, no hang`,
      async () => {
        const target = targets().find((candidate) => candidate.name === name)!;
        expect((await fuzz(target)).runs).toBeGreaterThan(0);
      },
      fuzzTestTimeout(runs),
    );
  }
});
