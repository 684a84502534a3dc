import { describe, expect, it } from "vitest";
import {
  instantOfVietnamLocal,
  ruleSetById,
  stopNoticeContent,
} from "../../../src/core/dossier/index.ts";
import { millimetresToTwips } from "../../../src/server/documents/nd30-kit/index.ts";
import { noticeDocx } from "../../../src/server/documents/one-stop/notice-document.ts";
import {
  attribute,
  openDocx,
  rows,
  sectionProperties,
  tables,
  texts,
} from "../../support/docx-xml.ts";
import { apology, dossier, receipt, refusalNotice, supplementRequest } from "./one-stop-factory.ts";

/*
 * Issue 12: every A5 form's header prints the ward's committee ("UBND PHƯỜNG BÃI CHÁY", one line)
 * over the receiving body in bold with its rule, the Quốc hiệu on one line over the motto and its
 * rule; the page is A5.
 */

function stopNotice() {
  return noticeDocx(
    stopNoticeContent(
      {
        ...dossier,
        procedureCode: "1.004873",
        state: "stopped",
        finishedAt: instantOfVietnamLocal("2026-03-07 10:00"),
        reason: "Người nộp không bổ sung",
      },
      ruleSetById("2025"),
    ),
  );
}

const FORMS = {
  "Mẫu 01 receipt": () => receipt(),
  "Mẫu 02 supplement request": () => supplementRequest(),
  "Mẫu 03 refusal": () => refusalNotice(),
  "Mẫu 04 apology": () => apology(),
  "Mẫu 05 stop notice": () => stopNotice(),
};

/** The paragraphs of a table cell, each as its text and whether it is bold or carries a rule. */
function cellParagraphs(cell: string) {
  return [...cell.matchAll(/<w:p>.*?<\/w:p>|<w:p [^>]*>.*?<\/w:p>/gs)].map((match) => ({
    text: texts(match[0]).join(""),
    bold: /<w:b\/>/.test(match[0]),
    rule: /<w:pBdr>\s*<w:top w:val="single"/.test(match[0]),
  }));
}

function headerCells(document: string): [string, string] {
  const [first = ""] = rows(tables(document)[0] ?? "");
  const cells = [...first.matchAll(/<w:tc>.*?<\/w:tc>/gs)].map((match) => match[0]);
  return [cells[0] ?? "", cells[1] ?? ""];
}

describe.each(Object.entries(FORMS))("the A5 header of %s", (_, make) => {
  it("prints the committee, then the receiving body in bold, then its rule, on the left", async () => {
    const { document } = await openDocx(await make());
    const [left] = headerCells(document);
    expect(cellParagraphs(left)).toEqual([
      { text: "UBND PHƯỜNG BÃI CHÁY", bold: false, rule: false },
      { text: "TRUNG TÂM PHỤC VỤ", bold: true, rule: false },
      { text: "HÀNH CHÍNH CÔNG", bold: true, rule: false },
      { text: "", bold: false, rule: true },
    ]);
  });

  it("prints the Quốc hiệu as one paragraph over the motto and its rule, on the right", async () => {
    const { document } = await openDocx(await make());
    const [, right] = headerCells(document);
    expect(cellParagraphs(right)).toEqual([
      { text: "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", bold: true, rule: false },
      { text: "Độc lập - Tự do - Hạnh phúc", bold: true, rule: false },
      { text: "", bold: false, rule: true },
    ]);
  });

  it("is laid out on an A5 portrait page, the right column wide enough for the Quốc hiệu", async () => {
    const { document } = await openDocx(await make());
    const sections = sectionProperties(document);
    expect(sections).toHaveLength(1);
    const size = /<w:pgSz [^>]*>/.exec(sections[0]!)?.[0] ?? "";
    expect(Number(attribute(size, "w:w"))).toBe(millimetresToTwips(148));
    expect(Number(attribute(size, "w:h"))).toBe(millimetresToTwips(210));
    const grid = [...(tables(document)[0] ?? "").matchAll(/<w:gridCol w:w="(\d+)"/g)].map((match) =>
      Number(match[1]),
    );
    // ≈ 74 mm of Quốc hiệu at 10 pt bold on the right, the rest (≥ 44 mm) for the committee.
    expect(grid[1]).toBeGreaterThanOrEqual(millimetresToTwips(74));
    expect(grid[0]).toBeGreaterThanOrEqual(millimetresToTwips(44));
  });
});

describe("the receiving body as configured and as the rule set names it", () => {
  it("prints the 2018 desk's name under the committee for a dossier of the 2018 rules", async () => {
    const { document } = await openDocx(
      await receipt({ ruleSet: "2018", receivingBody: ruleSetById("2018").receivingBody }),
    );
    const names = cellParagraphs(headerCells(document)[0]).map((p) => p.text);
    expect(names.slice(0, 3)).toEqual([
      "UBND PHƯỜNG BÃI CHÁY",
      "BỘ PHẬN TIẾP NHẬN",
      "VÀ TRẢ KẾT QUẢ",
    ]);
  });

  it("keeps a short configured name on one line and names it where the receipt says where to collect", async () => {
    const { document } = await openDocx(await receipt({ receivingBody: "Bộ phận Một cửa" }));
    const names = cellParagraphs(headerCells(document)[0]).map((p) => p.text);
    expect(names.slice(0, 2)).toEqual(["UBND PHƯỜNG BÃI CHÁY", "BỘ PHẬN MỘT CỬA"]);
    expect(texts(document).join("")).toContain("Bộ phận Một cửa — Phường Bãi Cháy");
  });

  it("breaks a committee name too long for the column at a space, never inside a word", async () => {
    const { document } = await openDocx(
      await receipt({ unitName: "Phường Quang Trung Nguyễn Huệ Bắc" }),
    );
    const [first, second] = cellParagraphs(headerCells(document)[0]).map((p) => p.text);
    expect(`${first} ${second}`).toBe("UBND PHƯỜNG QUANG TRUNG NGUYỄN HUỆ BẮC");
    expect(first!.startsWith("UBND PHƯỜNG")).toBe(true);
  });
});
