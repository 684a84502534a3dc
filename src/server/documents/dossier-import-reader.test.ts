import { describe, expect, it } from "vitest";
import { sheetsWaitForStrings } from "./dossier-import-reader.ts";

const entry = (name: string, offset: number) => ({ name, offset });

describe("sheetsWaitForStrings (ExcelJS copies such worksheets to a temporary file)", () => {
  it("is false when the shared strings and the workbook's relationships come first", () => {
    expect(
      sheetsWaitForStrings([
        entry("xl/_rels/workbook.xml.rels", 10),
        entry("xl/sharedStrings.xml", 20),
        entry("xl/worksheets/sheet1.xml", 30),
      ]),
    ).toBe(false);
  });

  it("is true when a worksheet comes before the shared strings or the relationships", () => {
    expect(
      sheetsWaitForStrings([
        entry("xl/_rels/workbook.xml.rels", 10),
        entry("xl/worksheets/sheet1.xml", 20),
        entry("xl/sharedStrings.xml", 30),
      ]),
    ).toBe(true);
    expect(
      sheetsWaitForStrings([
        entry("xl/sharedStrings.xml", 10),
        entry("xl/worksheets/sheet2.xml", 20),
        entry("xl/_rels/workbook.xml.rels", 30),
      ]),
    ).toBe(true);
  });

  it("is true without shared strings (inline strings), and false without worksheets", () => {
    expect(
      sheetsWaitForStrings([
        entry("xl/_rels/workbook.xml.rels", 10),
        entry("xl/worksheets/sheet1.xml", 20),
      ]),
    ).toBe(true);
    expect(sheetsWaitForStrings([entry("xl/sharedStrings.xml", 10)])).toBe(false);
  });
});
