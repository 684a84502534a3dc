/**
 * Issue 12, without LibreOffice: a form takes the largest type its estimated height allows — a
 * usual receipt or notice keeps the 12 pt body, the longest cases shrink the list before the body
 * and the receipt drops the survey QR only at the end of its steps.
 */
import { describe, expect, it } from "vitest";
import { wrappedLineCount } from "../../../src/server/documents/nd30-kit/index.ts";
import { openDocx, tables, texts } from "../../support/docx-xml.ts";
import { receipt, refusalNotice } from "./one-stop-factory.ts";
import { longReceipt, longSupplementRequest, PERSON } from "./worst-case-forms.ts";

/** The document's default body size, in half-points. */
function bodySize(styles: string): number {
  return Number(/<w:docDefaults>.*?<w:sz w:val="(\d+)"\/>/s.exec(styles)?.[1]);
}

/** The sizes of the runs of the receipt's documents table. */
function listSizes(document: string): number[] {
  const table = tables(document).find((xml) => texts(xml).includes("Tên giấy tờ")) ?? "";
  return [...new Set([...table.matchAll(/<w:sz w:val="(\d+)"\/>/g)].map((m) => Number(m[1])))];
}

describe("A5 forms pick their type size to fit one page", () => {
  it("keeps a usual receipt at 12 pt, its documents table too, with the survey QR", async () => {
    const { document, styles } = await openDocx(
      await receipt({ documents: [{ name: "Tờ khai", formLabel: "Bản chính", copies: 1 }] }),
    );
    expect(bodySize(styles)).toBe(24);
    expect(listSizes(document)).toEqual([24]);
    expect(document).toContain("<w:drawing>");
  });

  it("shrinks the list before the body for twelve documents, and never below 7 and 10 pt", async () => {
    const { document, styles } = await openDocx(await longReceipt(12, "2025", PERSON));
    const [list = 0] = listSizes(document);
    expect(list).toBeLessThan(22);
    expect(list).toBeGreaterThanOrEqual(14);
    expect(bodySize(styles)).toBeGreaterThanOrEqual(20);
    expect(bodySize(styles)).toBeGreaterThanOrEqual(list);
    // The signers are one row that never splits across pages.
    expect(tables(document).at(-1)).toContain("<w:cantSplit/>");
  });

  it("keeps a usual notice at 12 pt and shrinks a Mẫu 02 asking for twelve documents", async () => {
    expect(bodySize((await openDocx(await refusalNotice())).styles)).toBe(24);
    expect(bodySize((await openDocx(await longSupplementRequest())).styles)).toBeLessThan(24);
  });

  it("counts the lines a paragraph takes in a column from the font's widths", () => {
    const name =
      "Bản sao Giấy chứng nhận quyền sử dụng đất, quyền sở hữu nhà ở và tài sản khác gắn liền với đất (bản sao có chứng thực)";
    // ≈ 480 pt at 12 pt: one line in a column wider than that, three in a 200 pt one.
    expect(wrappedLineCount(name, 20 * 600, 24)).toBe(1);
    expect(wrappedLineCount(name, 20 * 200, 24)).toBe(3);
    expect(wrappedLineCount([{ text: name, bold: true }], 20 * 200, 24)).toBeGreaterThanOrEqual(3);
  });
});
