import type { FileChild } from "docx";
import { beforeAll, describe, expect, it } from "vitest";
import {
  A4_LANDSCAPE,
  A4_PORTRAIT,
  A5_PORTRAIT,
  appendixHeading,
  appendixName,
  basesParagraphs,
  bodyParagraph,
  documentBytes,
  documentSection,
  headerBlock,
  millimetresToTwips,
  nd30Document,
  numberLine,
  placeAndDate,
  recipientsBlock,
  signatureBlock,
  titleBlock,
  type PageFormat,
  type Signer,
} from "../../../src/server/documents/nd30-kit/index.ts";
import {
  attribute,
  openDocx,
  runWithText,
  sectionProperties,
  tables,
  texts,
} from "../../support/docx-xml.ts";

const ISSUER = {
  upperName: "ỦY BAN NHÂN DÂN\nTỈNH QUẢNG NINH",
  name: "ỦY BAN NHÂN DÂN\nXÃ HÒA PHONG",
};
const SIGNER: Signer = {
  authority: "TM.",
  onBehalfOf: "ỦY BAN NHÂN DÂN",
  title: "CHỦ TỊCH",
  name: "Nguyễn Văn An",
};

/** A small document of every block on one page format, as document.xml. */
async function sample(
  format: PageFormat,
  options: { isoDate?: string; signer?: Signer; children?: FileChild[] } = {},
): Promise<string> {
  const children: FileChild[] = options.children ?? [
    headerBlock(
      {
        issuer: ISSUER,
        number: numberLine({ number: "7", symbol: "BC-UBND" }),
        placeAndDate: placeAndDate("Hòa Phong", options.isoDate ?? "2026-03-05"),
      },
      format,
    ),
    ...titleBlock(
      { type: "BÁO CÁO", summary: "Kết quả cải cách hành chính quý I năm 2026" },
      format,
    ),
    ...basesParagraphs(["Căn cứ Luật Tổ chức chính quyền địa phương;", "Căn cứ Kế hoạch số 5"]),
    bodyParagraph("Nội dung báo cáo."),
    signatureBlock(
      {
        left: recipientsBlock(["Sở Nội vụ", "Lưu: VT"], format),
        signer: options.signer ?? SIGNER,
      },
      format,
    ),
  ];
  const document = nd30Document({
    title: "Báo cáo",
    creator: "CCHC",
    format,
    sections: [documentSection(children, format)],
  });
  return (await openDocx(await documentBytes(document))).document;
}

/** Paragraph borders (the ND 30 rules) inside `xml`. */
function rules(xml: string): string[] {
  return [...xml.matchAll(/<w:pBdr>.*?<\/w:pBdr>/gs)].map((match) => match[0]);
}

function pageSize(xml: string): Record<string, string | undefined> {
  const section = sectionProperties(xml)[0] ?? "";
  const size = /<w:pgSz [^>]*\/>/.exec(section)?.[0] ?? "";
  const margin = /<w:pgMar [^>]*\/>/.exec(section)?.[0] ?? "";
  return {
    width: attribute(size, "w:w"),
    height: attribute(size, "w:h"),
    orient: attribute(size, "w:orient"),
    top: attribute(margin, "w:top"),
    bottom: attribute(margin, "w:bottom"),
    left: attribute(margin, "w:left"),
    right: attribute(margin, "w:right"),
  };
}

describe("ND 30 kit: a small A4 document with every block", () => {
  let document: string;
  beforeAll(async () => {
    document = await sample(A4_PORTRAIT);
  });

  it("dates it 'ngày 05 tháng 3' and numbers it 'Số: 07/BC-UBND'", () => {
    const all = texts(document);
    expect(all).toContain("Hòa Phong, ngày 05 tháng 3 năm 2026");
    expect(all).toContain("Số: 07/BC-UBND");
    expect(runWithText(document, "Hòa Phong, ngày 05 tháng 3 năm 2026")).toContain("<w:i/>");
  });

  it("pads the months 1 and 2 only", async () => {
    expect(texts(await sample(A4_PORTRAIT, { isoDate: "2026-02-09" }))).toContain(
      "Hòa Phong, ngày 09 tháng 02 năm 2026",
    );
    expect(texts(await sample(A4_PORTRAIT, { isoDate: "2026-12-31" }))).toContain(
      "Hòa Phong, ngày 31 tháng 12 năm 2026",
    );
  });

  it("lays the header out as a borderless table: parent upright, issuer bold, Quốc hiệu and Tiêu ngữ bold", () => {
    const header = tables(document)[0] ?? "";
    expect(header).toMatch(/<w:tblBorders>.*<w:top w:val="none"/s);
    expect(header.match(/<w:gridCol /g)).toHaveLength(2);
    expect(runWithText(header, "TỈNH QUẢNG NINH")).not.toContain("<w:b/>");
    expect(runWithText(header, "XÃ HÒA PHONG")).toContain("<w:b/>");
    expect(runWithText(header, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM")).toContain("<w:b/>");
    expect(runWithText(header, "Độc lập - Tự do - Hạnh phúc")).toContain("<w:b/>");
  });

  it("draws a solid rule under the issuing body and under the motto, the motto's the longer", () => {
    const header = tables(document)[0] ?? "";
    const [issuerCell = "", stateCell = ""] = [...header.matchAll(/<w:tc>.*?<\/w:tc>/gs)]
      .slice(0, 2)
      .map((cell) => cell[0]);
    for (const cell of [issuerCell, stateCell]) {
      expect(rules(cell)).toHaveLength(1);
      expect(rules(cell)[0]).toMatch(/<w:top w:val="single" w:color="000000" w:sz="6"/);
    }
    // Each rule is an empty paragraph centred by equal indents: its length is what they leave.
    const ruleLength = (cell: string, columnWidth: number) => {
      const indent = /<w:ind w:left="(\d+)" w:right="(\d+)"\/>/.exec(cell);
      return columnWidth - Number(indent?.[1]) - Number(indent?.[2]);
    };
    const [left = 0, right = 0] = [...header.matchAll(/<w:gridCol w:w="(\d+)"\/>/g)].map((m) =>
      Number(m[1]),
    );
    const issuerRule = ruleLength(issuerCell, left);
    const mottoRule = ruleLength(stateCell, right);
    expect(issuerRule).toBeGreaterThan(0);
    expect(mottoRule).toBeGreaterThan(issuerRule);
    // "Độc lập - Tự do - Hạnh phúc" is about 56 mm at 13 pt bold.
    expect(mottoRule).toBeGreaterThan(millimetresToTwips(50));
    expect(mottoRule).toBeLessThan(millimetresToTwips(65));
  });

  it("prints the type and trích yếu bold and centred with a rule under them", () => {
    expect(runWithText(document, "BÁO CÁO")).toContain("<w:b/>");
    expect(runWithText(document, "Kết quả cải cách hành chính quý I năm 2026")).toContain("<w:b/>");
    expect(rules(document)).toHaveLength(3);
  });

  it("writes the bases in italics, ';' after each and '.' after the last", () => {
    expect(runWithText(document, "Căn cứ Luật Tổ chức chính quyền địa phương;")).toContain(
      "<w:i/>",
    );
    expect(texts(document)).toContain("Căn cứ Kế hoạch số 5.");
  });

  it("indents body paragraphs 1,27 cm on the first line and justifies them, in Times New Roman", () => {
    const paragraph = /<w:p>(?:(?!<\/w:p>).)*Nội dung báo cáo\.(?:(?!<\/w:p>).)*<\/w:p>/s.exec(
      document,
    )?.[0];
    expect(paragraph).toMatch(/<w:ind w:firstLine="720"\/>/);
    expect(paragraph).toContain('<w:jc w:val="both"/>');
    expect(paragraph).toContain('w:ascii="Times New Roman"');
  });

  it("puts 'Nơi nhận:' (12 pt bold italic) and its list bottom left, the signer bottom right", () => {
    const foot = tables(document).at(-1) ?? "";
    const all = texts(foot);
    expect(all.slice(0, 3)).toEqual(["Nơi nhận:", "- Sở Nội vụ;", "- Lưu: VT."]);
    const heading = runWithText(foot, "Nơi nhận:") ?? "";
    expect(heading).toContain("<w:b/>");
    expect(heading).toContain("<w:i/>");
    expect(heading).toContain('<w:sz w:val="24"/>');
    expect(runWithText(foot, "- Lưu: VT.")).toContain('<w:sz w:val="22"/>');
    expect(all.slice(3).filter((text) => text !== "")).toEqual([
      "TM. ỦY BAN NHÂN DÂN",
      "CHỦ TỊCH",
      "Nguyễn Văn An",
    ]);
    expect(runWithText(foot, "Nguyễn Văn An")).toContain("<w:b/>");
  });

  it("sizes the page A4 with the ND 30 margins (top/bottom 20, left 30, right 15 mm)", () => {
    expect(pageSize(document)).toEqual({
      width: "11906",
      height: "16838",
      orient: "portrait",
      top: "1134",
      bottom: "1134",
      left: "1701",
      right: "850",
    });
    expect(sectionProperties(document)[0]).toContain("<w:titlePg/>");
  });
});

describe("ND 30 kit: signers, formats, annexes", () => {
  it.each([
    [
      { authority: "TM.", onBehalfOf: "ỦY BAN NHÂN DÂN", title: "CHỦ TỊCH" },
      ["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"],
    ],
    [
      { authority: "KT.", onBehalfOf: "CHỦ TỊCH", title: "PHÓ CHỦ TỊCH" },
      ["KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"],
    ],
    [{ authority: "Q.", onBehalfOf: null, title: "CHỦ TỊCH" }, ["Q. CHỦ TỊCH"]],
    [
      { authority: "TL.", onBehalfOf: "CHỦ TỊCH", title: "CHÁNH VĂN PHÒNG" },
      ["TL. CHỦ TỊCH", "CHÁNH VĂN PHÒNG"],
    ],
    [{ authority: null, onBehalfOf: null, title: "CHỦ TỊCH" }, ["CHỦ TỊCH"]],
  ] as const)("signs %o with the lines %o", async (authority, lines) => {
    const document = await sample(A4_PORTRAIT, {
      signer: { ...authority, name: "Lê Văn Bình" },
    });
    const foot = texts(tables(document).at(-1) ?? "").filter((text) => text !== "");
    expect(foot.slice(3)).toEqual([...lines, "Lê Văn Bình"]);
    for (const line of lines) expect(runWithText(document, line)).toContain("<w:b/>");
  });

  it("sizes a form A5 (148 × 210 mm) and keeps the Quốc hiệu's column wide enough for one line", async () => {
    const document = await sample(A5_PORTRAIT);
    const page = pageSize(document);
    expect(page).toMatchObject({ width: "8391", height: "11906", orient: "portrait" });
    expect(Number(page.left)).toBe(millimetresToTwips(15));
    expect(Number(page.right)).toBe(millimetresToTwips(10));
    const [, right = 0] = [
      ...(tables(document)[0] ?? "").matchAll(/<w:gridCol w:w="(\d+)"\/>/g),
    ].map((m) => Number(m[1]));
    // The Quốc hiệu is ≈ 74 mm at 10 pt bold (Times New Roman / Liberation Serif metrics).
    expect(right).toBeGreaterThanOrEqual(millimetresToTwips(74.5));
    expect(runWithText(document, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM")).toContain(
      '<w:sz w:val="20"/>',
    );
    expect(rules(tables(document)[0] ?? "")).toHaveLength(2);
  });

  it("turns A4 on its side for an annex and numbers it 'Phụ lục II' with its attached-to line", async () => {
    const document = await sample(A4_LANDSCAPE, {
      children: appendixHeading(
        appendixName(1),
        "Danh mục nhiệm vụ",
        "(Kèm theo Kế hoạch số 05/KH-UBND ngày 02/02/2026 của Ủy ban nhân dân xã Hòa Phong)",
      ),
    });
    expect(pageSize(document)).toMatchObject({
      width: "16838",
      height: "11906",
      orient: "landscape",
    });
    expect(texts(document)).toEqual([
      "Phụ lục II",
      "DANH MỤC NHIỆM VỤ",
      "(Kèm theo Kế hoạch số 05/KH-UBND ngày 02/02/2026 của Ủy ban nhân dân xã Hòa Phong)",
    ]);
    expect(runWithText(document, "Phụ lục II")).toContain('<w:sz w:val="28"/>');
  });

  it("gives a form's title no rule (it has no trích yếu)", async () => {
    const document = await sample(A5_PORTRAIT, {
      children: titleBlock(
        { type: "GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ", summary: null, notes: ["(Mẫu số 01)"] },
        A5_PORTRAIT,
      ),
    });
    expect(rules(document)).toHaveLength(0);
    expect(runWithText(document, "(Mẫu số 01)")).toContain("<w:i/>");
  });
});
