import { describe, expect, it } from "vitest";
import { instantOfVietnamLocal } from "../../../src/core/dossier/index.ts";
import { cells, openDocx, rows, runWithText, tables, texts } from "../../support/docx-xml.ts";
import { apology, receipt, refusalNotice } from "./one-stop-factory.ts";

/** Paragraph borders drawn under the issuing body and under the motto in the header table. */
function headerRules(document: string): string[] {
  const header = tables(document)[0] ?? "";
  return [...header.matchAll(/<w:pBdr>.*?<\/w:pBdr>/gs)].map((match) => match[0]);
}

/** The rows of the receipt's "Thành phần hồ sơ" table, each as its cells' texts. */
function documentRows(document: string): string[][] {
  const table = tables(document).find((xml) => texts(xml).includes("Tên giấy tờ")) ?? "";
  return rows(table).map(cells);
}

describe("one-stop forms in the ND 30 format", () => {
  it("dates the receipt 'ngày 05 tháng 3' (only months 1 and 2 padded)", async () => {
    const { document } = await openDocx(await receipt());
    expect(texts(document)).toContain("Bãi Cháy, ngày 05 tháng 3 năm 2026");
    expect(document).not.toContain("tháng 03");
    const february = await openDocx(
      await receipt({ receivedAt: instantOfVietnamLocal("2026-02-02 09:00") }),
    );
    expect(texts(february.document)).toContain("Bãi Cháy, ngày 02 tháng 02 năm 2026");
  });

  it("dates the apology and its new appointment by the same rule", async () => {
    const { document } = await openDocx(await apology());
    const all = texts(document).join("");
    expect(all).toContain("Bãi Cháy, ngày 09 tháng 3 năm 2026");
    expect(all).toContain("ngày 12 tháng 3 năm 2026");
    expect(all).not.toContain("tháng 03");
  });

  it("underlines the issuing body and the motto in the header of every form", async () => {
    for (const bytes of [await receipt(), await apology(), await refusalNotice()]) {
      const { document } = await openDocx(bytes);
      const rules = headerRules(document);
      expect(rules).toHaveLength(2);
      for (const rule of rules) expect(rule).toMatch(/<w:top w:val="single"/);
      expect(runWithText(document, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM")).toContain("<w:b/>");
      expect(runWithText(document, "Độc lập - Tự do - Hạnh phúc")).toContain("<w:b/>");
    }
  });

  it("titles the 2025 apology as TT 03/2025 names Mẫu 04, and the 2018 one as TT 01/2018", async () => {
    const current = texts((await openDocx(await apology())).document);
    expect(current).toContain("VĂN BẢN XIN LỖI VÀ ĐỀ NGHỊ GIA HẠN THỜI GIAN GIẢI QUYẾT");
    const old = texts(
      (
        await openDocx(
          await apology({ ruleSet: "2018", receivedAt: instantOfVietnamLocal("2025-06-02 09:00") }),
        )
      ).document,
    );
    expect(old).toContain("PHIẾU XIN LỖI VÀ HẸN LẠI NGÀY TRẢ KẾT QUẢ");
  });

  it("signs the receipt with both signers side by side, their names under the signature space", async () => {
    const { document } = await openDocx(await receipt());
    const foot = tables(document).at(-1) ?? "";
    const footTexts = texts(foot);
    expect(footTexts).toEqual(
      expect.arrayContaining([
        "NGƯỜI NỘP HỒ SƠ",
        "NGƯỜI TIẾP NHẬN HỒ SƠ",
        "Hoàng Thị Mai",
        "Nguyễn Văn Tiếp",
      ]),
    );
    expect(footTexts.indexOf("Hoàng Thị Mai")).toBeGreaterThan(
      footTexts.indexOf("NGƯỜI NỘP HỒ SƠ"),
    );
    expect(footTexts.indexOf("Nguyễn Văn Tiếp")).toBeGreaterThan(
      footTexts.indexOf("NGƯỜI TIẾP NHẬN HỒ SƠ"),
    );
  });

  it("numbers the receipt and lists the documents, their copies, the sets and the return hour", async () => {
    const { document } = await openDocx(
      await receipt({
        documents: [
          { name: "Tờ khai đề nghị cấp bản sao trích lục hộ tịch", copies: 1 },
          { name: "Giấy ủy quyền", copies: 2 },
        ],
        sets: 1,
        receivedAt: instantOfVietnamLocal("2026-03-05 09:40"),
      }),
    );
    const all = texts(document).join("\n");
    expect(all).toContain("Số: 0007/TNHS");
    // Mẫu 01's table: TT, name, form, copies.
    expect(documentRows(document)).toEqual([
      ["TT", "Tên giấy tờ", "Hình thức", "Số lượng"],
      ["1", "Tờ khai đề nghị cấp bản sao trích lục hộ tịch", "", "01"],
      ["2", "Giấy ủy quyền", "", "02"],
    ]);
    expect(all).toMatch(/số lượng hồ sơ: \n?01 bộ/);
    expect(all).toMatch(
      /Thời gian trả kết quả giải quyết hồ sơ: \n?09 giờ 40 phút, ngày 09 tháng 3 năm 2026/,
    );
    expect(all).toContain("Quyển số");
  });

  it("prints the dossier's line of the register book in bold, or its blanks when it has none", async () => {
    const { document } = await openDocx(
      await receipt({ registerEntry: { year: 2026, book: 1, entry: 123 } }),
    );
    expect(texts(document).join("")).toContain(
      "Vào Sổ theo dõi hồ sơ: Quyển số 01/2026, số thứ tự 000123",
    );
    expect(runWithText(document, "01/2026")).toContain("<w:b/>");
    expect(runWithText(document, "000123")).toContain("<w:b/>");
    expect(texts(document).join("")).not.toContain("Quyển số ………");
    const blank = texts((await openDocx(await receipt({ registerEntry: null }))).document);
    expect(blank.join("")).toContain("Vào Sổ theo dõi hồ sơ: Quyển số ………, số thứ tự ………");
  });

  it("prints each received document's form beside its copies, and the sets recorded", async () => {
    const { document } = await openDocx(
      await receipt({
        documents: [
          { name: "Tờ khai đăng ký khai sinh", formLabel: "Bản chính", copies: 1 },
          { name: "Giấy chứng sinh", formLabel: "Bản sao chứng thực", copies: 3 },
        ],
        sets: 2,
      }),
    );
    expect(documentRows(document).slice(1)).toEqual([
      ["1", "Tờ khai đăng ký khai sinh", "Bản chính", "01"],
      ["2", "Giấy chứng sinh", "Bản sao chứng thực", "03"],
    ]);
    expect(texts(document).join("\n")).toMatch(/số lượng hồ sơ: \n?02 bộ/);
  });

  it("prints numbered blank rows for the documents when the dossier records none", async () => {
    const { document } = await openDocx(await receipt());
    expect(documentRows(document).slice(1)).toEqual([
      ["1", "", "", ""],
      ["2", "", "", ""],
      ["3", "", "", ""],
    ]);
    expect(texts(document).join("\n")).toContain("số lượng hồ sơ: ……… bộ");
  });

  it("prints the survey QR and link, and no QR at all without a public address", async () => {
    const withQr = await openDocx(await receipt());
    expect(texts(withQr.document).join("")).toContain(
      "https://cchc.example/danh-gia/H99.01?hoSo=000.01.22.H99-260305-0007",
    );
    expect(withQr.document).toContain("<w:drawing>");
    const without = await openDocx(await receipt({ surveyUrl: null }));
    expect(without.document).not.toContain("<w:drawing>");
    expect(texts(without.document).join("")).not.toContain("danh-gia");
  });
});
