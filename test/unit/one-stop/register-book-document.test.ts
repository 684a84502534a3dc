/**
 * The printed register book (Sổ theo dõi hồ sơ, Mẫu 06) built from fixed lines: its table's
 * content and headings, A4 landscape; and, where LibreOffice and poppler-utils are installed, a
 * long register printed: landscape pages, the heading rows repeated on every page, page 1 and 2
 * kept under test-artifacts/documents/register-book/.
 */
import { execFileSync } from "node:child_process";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import {
  instantOfVietnamLocal,
  type RegisterPrintDossier,
} from "../../../src/core/dossier/index.ts";
import { registerBookDocx } from "../../../src/server/documents/one-stop/register-book-document.ts";
import {
  attribute,
  cells,
  openDocx,
  rows,
  sectionProperties,
  tables,
  texts,
} from "../../support/docx-xml.ts";
import { keepFirstPage, missingPdfTools, printDocx } from "../../support/pdf-pages.ts";

const line = (
  entry: number,
  overrides: Partial<RegisterPrintDossier> = {},
): RegisterPrintDossier => ({
  entry: { year: 2026, book: 1, entry },
  code: `000.01.22.H99-260305-${String(entry).padStart(4, "0")}`,
  procedureName: "Cấp bản sao Trích lục hộ tịch",
  documentSets: 1,
  applicantName: "Hoàng Thị Mai",
  applicantAddress: "Tổ 3, khu 4, phường Bãi Cháy",
  applicantPhone: "0911 222 333",
  leadAgencyName: "Tư pháp - Hộ tịch",
  receivedAt: instantOfVietnamLocal("2026-03-05 09:00"),
  originalDueDate: "2026-03-09",
  dueDate: "2026-03-09",
  handedOverAt: instantOfVietnamLocal("2026-03-05 14:00"),
  resultAt: null,
  returnedAt: null,
  state: "in_progress",
  ...overrides,
});

const input = (dossiers: RegisterPrintDossier[]) => ({
  unitName: "Phường Bãi Cháy",
  receivingBody: "Trung tâm Phục vụ hành chính công",
  period: { from: "2026-03-01", to: "2026-03-31" },
  books: [{ year: 2026, book: 1 }],
  dossiers,
  part: 1,
  parts: 1,
  total: dossiers.length,
});

describe("the printed register book (Mẫu 06)", () => {
  it("prints its header, book, period and one row per line in the columns of Mẫu 06", async () => {
    const docx = await registerBookDocx(
      input([
        line(7),
        line(8, {
          applicantName: "Công ty TNHH Hạ Long Xanh",
          documentSets: 2,
          resultAt: instantOfVietnamLocal("2026-03-08 10:00"),
          returnedAt: instantOfVietnamLocal("2026-03-09 15:00"),
          state: "returned",
        }),
      ]),
    );
    const { document } = await openDocx(docx);
    const all = texts(document).join(" ");
    expect(all).toContain("UBND PHƯỜNG BÃI CHÁY");
    expect(all).toContain("TRUNG TÂM PHỤC VỤ HÀNH CHÍNH CÔNG");
    expect(all).toContain("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM");
    expect(all).toContain("SỔ THEO DÕI HỒ SƠ");
    expect(all).toContain("Quyển số: 01/2026");
    expect(all).toContain("Từ ngày 01/03/2026 đến ngày 31/03/2026");
    // A4 landscape.
    const [section = ""] = sectionProperties(document);
    expect(attribute(section, "w:orient")).toBe("landscape");
    // The register's table: two heading rows and the columns' numbers, repeated on each page.
    const table = tables(document)[1]!;
    const [first, second, numbers, ...lines] = rows(table);
    for (const heading of [first, second, numbers]) expect(heading).toContain("<w:tblHeader");
    expect(cells(first!)).toEqual([
      "STT",
      "Mã hồ sơ",
      "Tên TTHC",
      "Số lượng hồ sơ (bộ)",
      "Tên cá nhân, tổ chức",
      "Địa chỉ, số điện thoại",
      "Cơ quan chủ trì giải quyết",
      "Ngày, tháng, năm",
      "Ghi chú",
    ]);
    expect(cells(second!).slice(7, 12)).toEqual([
      "Nhận hồ sơ",
      "Hẹn trả kết quả",
      "Chuyển hồ sơ đến cơ quan giải quyết",
      "Nhận kết quả từ cơ quan giải quyết",
      "Trả kết quả cho cá nhân, tổ chức",
    ]);
    expect(cells(numbers!)[12]).toBe("(13)");
    expect(lines.map(cells)).toEqual([
      [
        "7",
        "000.01.22.H99-260305-0007",
        "Cấp bản sao Trích lục hộ tịch",
        "01",
        "Hoàng Thị Mai",
        "Tổ 3, khu 4, phường Bãi Cháy; 0911 222 333",
        "Tư pháp - Hộ tịch",
        "05/03/2026",
        "09/03/2026",
        "05/03/2026",
        "",
        "",
        "",
      ],
      [
        "8",
        "000.01.22.H99-260305-0008",
        "Cấp bản sao Trích lục hộ tịch",
        "02",
        "Công ty TNHH Hạ Long Xanh",
        "Tổ 3, khu 4, phường Bãi Cháy; 0911 222 333",
        "Tư pháp - Hộ tịch",
        "05/03/2026",
        "09/03/2026",
        "05/03/2026",
        "08/03/2026",
        "09/03/2026",
        "",
      ],
    ]);
  });

  it("marks where a second book starts, and says when the period has no line", async () => {
    const twoBooks = await registerBookDocx({
      ...input([line(999, { entry: { year: 2025, book: 1, entry: 999 } }), line(1)]),
      period: { from: "2025-12-31", to: "2026-01-01" },
      books: [
        { year: 2025, book: 1 },
        { year: 2026, book: 1 },
      ],
    });
    const { document } = await openDocx(twoBooks);
    expect(texts(document).join(" ")).toContain("Quyển số: 01/2025, 01/2026");
    const lines = rows(tables(document)[1]!).slice(3).map(cells);
    expect(lines.map((row) => row[0])).toEqual([
      "Quyển số 01/2025",
      "999",
      "Quyển số 01/2026",
      "1",
    ]);
    const empty = await openDocx(await registerBookDocx(input([])));
    expect(rows(tables(empty.document)[1]!).slice(3).map(cells)).toEqual([
      ["Không có hồ sơ nào được vào sổ trong kỳ này."],
    ]);
  });

  const missing = missingPdfTools();
  it.skipIf(missing.length > 0)(
    `prints landscape pages with the headings on every page${missing.length > 0 ? ` (skipped: ${missing.join(", ")} not on PATH)` : ""}`,
    async () => {
      const long = Array.from({ length: 60 }, (_, i) =>
        line(i + 1, {
          applicantName:
            i % 3 === 0
              ? "Công ty Cổ phần Đầu tư và Phát triển Hạ Long Xanh"
              : "Nguyễn Thị Thu Hương",
          procedureName:
            i % 2 === 0
              ? "Đăng ký khai sinh, đăng ký thường trú, cấp thẻ bảo hiểm y tế cho trẻ em dưới 6 tuổi"
              : "Chứng thực bản sao từ bản chính",
          leadAgencyName: i % 2 === 0 ? "Văn phòng HĐND và UBND phường" : "Tư pháp - Hộ tịch",
          returnedAt: i % 4 === 0 ? instantOfVietnamLocal("2026-03-10 09:00") : null,
        }),
      );
      const printed = await printDocx(await registerBookDocx({ ...input(long), total: 60 }));
      expect(printed.pages).toBeGreaterThan(1);
      const png = keepFirstPage(printed.pdf, "documents/register-book", "so-theo-doi");
      const pdf = png.replace(/-page1\.png$/, ".pdf");
      // Page 2 too, to see the repeated headings.
      execFileSync("pdftoppm", [
        "-png",
        "-r",
        "90",
        "-f",
        "2",
        "-l",
        "2",
        "-singlefile",
        pdf,
        join(png, "..", "so-theo-doi-page2"),
      ]);
      const size = execFileSync("pdfinfo", [pdf]).toString();
      const [, width, height] = /Page size:\s+([\d.]+) x ([\d.]+)/.exec(size) ?? [];
      expect(Number(width)).toBeGreaterThan(Number(height));
      for (const page of printed.pageTexts) {
        expect(page).toMatch(/Mã hồ sơ/);
        expect(page).toMatch(/\(13\)/);
      }
      // Every line is printed, the last one included.
      expect(printed.pageTexts.join("\n")).toContain("260305-0060");
    },
    300_000,
  );
});
