import { describe, expect, it } from "vitest";
import type { DocumentBlock, DocumentTable } from "./document-model.ts";
import {
  formatListNumber,
  relationshipsPathOf,
  relationshipTarget,
  resolvePartPath,
  wordToBlocks,
} from "./word-document.ts";
import { XmlSyntaxError } from "./xml.ts";

const NAMESPACES =
  'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" ' +
  'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" ' +
  'xmlns:v="urn:schemas-microsoft-com:vml"';

function documentXml(body: string): string {
  return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:document ${NAMESPACES}><w:body>${body}<w:sectPr/></w:body></w:document>`;
}

/** A run of text. */
const r = (text: string): string =>
  `<w:r><w:rPr><w:b/></w:rPr><w:t xml:space="preserve">${text}</w:t></w:r>`;
/** A paragraph of runs and other inline content. */
const p = (...content: string[]): string =>
  `<w:p><w:pPr><w:jc w:val="both"/></w:pPr>${content.join("")}</w:p>`;
/** A numbered paragraph. */
const li = (numId: number, level: number, text: string): string =>
  `<w:p><w:pPr><w:numPr><w:ilvl w:val="${level}"/><w:numId w:val="${numId}"/></w:numPr></w:pPr>${r(text)}</w:p>`;
const tc = (content: string, properties = ""): string =>
  `<w:tc><w:tcPr><w:tcW w:w="1000" w:type="dxa"/>${properties}</w:tcPr>${content}</w:tc>`;
const tr = (cells: string[], properties = ""): string =>
  `<w:tr>${properties ? `<w:trPr>${properties}</w:trPr>` : ""}${cells.join("")}</w:tr>`;
const tbl = (...rows: string[]): string =>
  `<w:tbl><w:tblPr><w:tblW w:w="0" w:type="auto"/></w:tblPr><w:tblGrid><w:gridCol w:w="1000"/></w:tblGrid>${rows.join("")}</w:tbl>`;

function blocks(
  body: string,
  parts: { numbering?: string; styles?: string } = {},
): DocumentBlock[] {
  return wordToBlocks({ document: documentXml(body), ...parts });
}

function lines(body: string, parts: { numbering?: string; styles?: string } = {}): string[] {
  return blocks(body, parts).map((block) =>
    block.kind === "paragraph" ? block.text : `[table ${block.rows.length}]`,
  );
}

function onlyTable(body: string): DocumentTable {
  const tables = blocks(body).filter((block) => block.kind === "table");
  expect(tables).toHaveLength(1);
  return tables[0] as DocumentTable;
}

describe("wordToBlocks: paragraphs", () => {
  it("joins text split across runs, whatever lies between them", () => {
    const body = p(
      r("Cải c"),
      '<w:proofErr w:type="spellStart"/>',
      r("ách"),
      '<w:bookmarkStart w:id="0" w:name="x"/>',
      r(" hành "),
      '<w:bookmarkEnd w:id="0"/>',
      `<w:r><w:t>chính</w:t></w:r>`,
    );
    expect(lines(body)).toEqual(["Cải cách hành chính"]);
  });

  it("decodes entities in text", () => {
    expect(
      lines(
        p(r("UBND &amp; HĐND &lt;xã&gt; &quot;A&quot; &apos;B&apos; x&#7885;&#x1EA1; &amp;amp;")),
      ),
    ).toEqual([`UBND & HĐND <xã> "A" 'B' xọạ &amp;`]);
  });

  it("reads tabs as spaces and line or page breaks as new lines, each numbered", () => {
    const body =
      p(r("Số: 12/KH-UBND"), "<w:r><w:tab/></w:r>", r("Hòa Phong")) +
      p(
        r("dòng một"),
        "<w:r><w:br/></w:r>",
        r("dòng hai"),
        '<w:r><w:br w:type="page"/><w:t>sau trang</w:t></w:r>',
      );
    expect(blocks(body)).toEqual([
      { kind: "paragraph", text: "Số: 12/KH-UBND Hòa Phong", line: 1 },
      { kind: "paragraph", text: "dòng một", line: 2 },
      { kind: "paragraph", text: "dòng hai", line: 3 },
      { kind: "paragraph", text: "sau trang", line: 4 },
    ]);
  });

  it("skips empty and blank paragraphs without using a line number", () => {
    const body =
      p(r("một")) + "<w:p/>" + p() + p(r("   ")) + p("<w:r><w:tab/></w:r>") + p(r("hai"));
    expect(blocks(body)).toEqual([
      { kind: "paragraph", text: "một", line: 1 },
      { kind: "paragraph", text: "hai", line: 2 },
    ]);
  });

  it("shows what Word shows: no deleted text, field codes or hidden runs", () => {
    const body = p(
      r("Kế hoạch "),
      '<w:del w:id="1" w:author="A"><w:r><w:delText>cũ </w:delText></w:r></w:del>',
      '<w:ins w:id="2" w:author="A"><w:r><w:t xml:space="preserve">mới </w:t></w:r></w:ins>',
      '<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve"> PAGE </w:instrText></w:r>',
      '<w:r><w:fldChar w:fldCharType="separate"/></w:r>',
      r("3"),
      '<w:r><w:fldChar w:fldCharType="end"/></w:r>',
      "<w:r><w:rPr><w:vanish/></w:rPr><w:t>ẩn</w:t></w:r>",
      '<w:hyperlink r:id="rId9" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">',
      r(" liên kết"),
      "</w:hyperlink>",
      "<w:sdt><w:sdtPr/><w:sdtContent>",
      r(" điều khiển"),
      "</w:sdtContent></w:sdt>",
      '<w:r><w:noBreakHyphen/><w:softHyphen/><w:sym w:font="Symbol" w:char="F0B7"/></w:r>',
    );
    expect(lines(body)).toEqual(["Kế hoạch mới 3 liên kết điều khiển-•"]);
  });

  it("joins the content of a paragraph whose mark was deleted to the next paragraph", () => {
    const body =
      '<w:p><w:pPr><w:rPr><w:del w:id="3" w:author="A"/></w:rPr></w:pPr>' +
      r("Nâng cao ") +
      "</w:p>" +
      p(r("chất lượng"));
    expect(lines(body)).toEqual(["Nâng cao chất lượng"]);
  });

  it("reads a text box once, after its paragraph (the fallback of mc:AlternateContent)", () => {
    const box = (text: string) => `<w:txbxContent>${p(r(text))}</w:txbxContent>`;
    const body = p(
      r("Trước"),
      "<w:r><mc:AlternateContent>",
      `<mc:Choice Requires="wps"><w:drawing>${box("Hộp (choice)")}</w:drawing></mc:Choice>`,
      `<mc:Fallback><w:pict><v:shape><v:textbox>${box("Hộp")}</v:textbox></v:shape></w:pict></mc:Fallback>`,
      "</mc:AlternateContent></w:r>",
      r(" sau"),
    );
    expect(lines(body)).toEqual(["Trước sau", "Hộp"]);
  });

  it("accepts any namespace prefix for WordprocessingML", () => {
    const xml =
      '<x:document xmlns:x="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><x:body>' +
      "<x:p><x:r><x:t>Xin chào</x:t></x:r></x:p></x:body></x:document>";
    expect(wordToBlocks({ document: xml })).toEqual([
      { kind: "paragraph", text: "Xin chào", line: 1 },
    ]);
  });

  it("throws on XML that is not well-formed and on a part that is not a Word document", () => {
    expect(() => wordToBlocks({ document: documentXml("<w:p><w:r><w:t>x</w:r></w:p>") })).toThrow(
      XmlSyntaxError,
    );
    expect(() => wordToBlocks({ document: "<html><body/></html>" })).toThrow(/w:body/);
  });
});

describe("wordToBlocks: tables", () => {
  it("keeps each cell in its grid column across horizontal and vertical merges", () => {
    const table = onlyTable(
      tbl(
        tr(
          [
            tc(p(r("TT")), '<w:vMerge w:val="restart"/>'),
            tc(p(r("Nội dung")), '<w:vMerge w:val="restart"/>'),
            tc(p(r("Thời gian")), '<w:gridSpan w:val="2"/>'),
            tc(p(r("Ghi chú")), '<w:vMerge w:val="restart"/>'),
          ],
          "<w:tblHeader/>",
        ),
        tr(
          [
            tc(p(), "<w:vMerge/>"),
            tc(p(), '<w:vMerge w:val="continue"/>'),
            tc(p(r("Bắt đầu"))),
            tc(p(r("Kết thúc"))),
            tc(p(), "<w:vMerge/>"),
          ],
          "<w:tblHeader/>",
        ),
        tr([tc(p(r("1"))), tc(p(r("Rà soát"))), tc(p(r("01/2026"))), tc(p(r("03/2026"))), tc(p())]),
        tr([tc(p(r("I"))), tc(p(r("CÔNG TÁC CHỈ ĐẠO")), '<w:gridSpan w:val="4"/>')]),
        tr([tc(p(r("chỉ phần sau")))], '<w:gridBefore w:val="3"/>'),
      ),
    );
    expect(table.rows.map((row) => row.cells)).toEqual([
      ["TT", "Nội dung", "Thời gian", "", "Ghi chú"],
      ["", "", "Bắt đầu", "Kết thúc", ""],
      ["1", "Rà soát", "01/2026", "03/2026", ""],
      ["I", "CÔNG TÁC CHỈ ĐẠO", "", "", ""],
      ["", "", "", "chỉ phần sau"],
    ]);
    expect(table.rows.map((row) => row.isHeader ?? false)).toEqual([
      true,
      true,
      false,
      false,
      false,
    ]);
  });

  it("numbers rows after the paragraphs before them and keeps cell paragraphs as lines", () => {
    const body =
      p(r("Trước bảng")) +
      tbl(
        tr([tc(p(r("a")) + p() + p(r("b"), "<w:r><w:br/></w:r>", r("c"))), tc(p())]),
        tr([tc(li(1, 0, "mục")), tc(p(r("x")))]),
      ) +
      p(r("Sau bảng"));
    const numbering =
      `<w:numbering ${NAMESPACES}><w:abstractNum w:abstractNumId="0"><w:lvl w:ilvl="0"><w:start w:val="1"/>` +
      '<w:numFmt w:val="decimal"/><w:lvlText w:val="%1."/></w:lvl></w:abstractNum>' +
      '<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num></w:numbering>';
    expect(blocks(body, { numbering })).toEqual([
      { kind: "paragraph", text: "Trước bảng", line: 1 },
      {
        kind: "table",
        line: 2,
        rows: [
          { cells: ["a\nb\nc", ""], line: 2 },
          { cells: ["1. mục", "x"], line: 3 },
        ],
      },
      { kind: "paragraph", text: "Sau bảng", line: 4 },
    ]);
  });

  it("only leading rows are header rows; deleted rows are left out", () => {
    const table = onlyTable(
      tbl(
        tr([tc(p(r("TT"))), tc(p(r("Nội dung")))], "<w:tblHeader/>"),
        tr([tc(p(r("1"))), tc(p(r("a")))]),
        tr([tc(p(r("2"))), tc(p(r("đã xoá")))], '<w:del w:id="1" w:author="A"/>'),
        tr([tc(p(r("TT"))), tc(p(r("không phải tiêu đề")))], '<w:tblHeader w:val="true"/>'),
      ),
    );
    expect(table.rows.map((row) => [row.cells[0], row.isHeader ?? false])).toEqual([
      ["TT", true],
      ["1", false],
      ["TT", false],
    ]);
  });

  it("writes a table inside a cell as lines of that cell", () => {
    const inner = tbl(
      tr([tc(p(r("a"))), tc(p()), tc(p(r("b")))]),
      tr([tc(p(r("c"))), tc(p(r("d")))]),
    );
    const table = onlyTable(tbl(tr([tc(p(r("Trước")) + inner + p(r("Sau"))), tc(p(r("x")))])));
    expect(table.rows[0]?.cells).toEqual(["Trước\na | b\nc | d\nSau", "x"]);
  });

  it("reads rows and cells wrapped in content controls", () => {
    const table = onlyTable(
      tbl(
        `<w:sdt><w:sdtContent>${tr([tc(p(r("1"))), `<w:sdt><w:sdtContent>${tc(p(r("a")))}</w:sdtContent></w:sdt>`])}</w:sdtContent></w:sdt>`,
      ),
    );
    expect(table.rows.map((row) => row.cells)).toEqual([["1", "a"]]);
  });
});

describe("wordToBlocks: list numbering", () => {
  const level = (index: number, format: string, text: string, extra = "") =>
    `<w:lvl w:ilvl="${index}"><w:start w:val="1"/><w:numFmt w:val="${format}"/><w:lvlText w:val="${text}"/>${extra}</w:lvl>`;
  const numbering =
    `<w:numbering ${NAMESPACES}>` +
    `<w:abstractNum w:abstractNumId="0">${level(0, "upperRoman", "%1.")}${level(1, "decimal", "%2.")}${level(2, "lowerLetter", "%3)")}</w:abstractNum>` +
    `<w:abstractNum w:abstractNumId="1">${level(0, "bullet", "")}</w:abstractNum>` +
    `<w:abstractNum w:abstractNumId="2">${level(0, "decimal", "Điều %1.")}</w:abstractNum>` +
    `<w:abstractNum w:abstractNumId="3">${level(0, "decimal", "%1.", '<w:pStyle w:val="Buoc"/>')}</w:abstractNum>` +
    '<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>' +
    '<w:num w:numId="2"><w:abstractNumId w:val="1"/></w:num>' +
    '<w:num w:numId="3"><w:abstractNumId w:val="2"/></w:num>' +
    '<w:num w:numId="4"><w:abstractNumId w:val="2"/><w:lvlOverride w:ilvl="0"><w:startOverride w:val="5"/></w:lvlOverride></w:num>' +
    '<w:num w:numId="5"><w:abstractNumId w:val="3"/></w:num>' +
    "</w:numbering>";
  const styles =
    `<w:styles ${NAMESPACES}>` +
    '<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/></w:style>' +
    '<w:style w:type="paragraph" w:styleId="DieuKhoan"><w:pPr><w:numPr><w:numId w:val="3"/></w:numPr></w:pPr></w:style>' +
    '<w:style w:type="paragraph" w:styleId="DieuKhoanCon"><w:basedOn w:val="DieuKhoan"/></w:style>' +
    '<w:style w:type="paragraph" w:styleId="Buoc"/>' +
    "</w:styles>";
  const styled = (style: string, text: string, numPr = "") =>
    `<w:p><w:pPr><w:pStyle w:val="${style}"/>${numPr}</w:pPr>${r(text)}</w:p>`;

  it("writes the numbers Word shows, restarting deeper levels and continuing past other paragraphs", () => {
    const body =
      li(1, 0, "MỤC ĐÍCH") +
      li(1, 1, "Mục đích một") +
      li(1, 2, "ý a") +
      li(1, 2, "ý b") +
      p(r("Đoạn chen giữa")) +
      li(1, 1, "Mục đích hai") +
      li(1, 0, "NHIỆM VỤ") +
      li(1, 1, "Nhiệm vụ một") +
      li(1, 2, "ý a lần nữa") +
      li(2, 0, "gạch đầu dòng");
    expect(lines(body, { numbering })).toEqual([
      "I. MỤC ĐÍCH",
      "1. Mục đích một",
      "a) ý a",
      "b) ý b",
      "Đoạn chen giữa",
      "2. Mục đích hai",
      "II. NHIỆM VỤ",
      "1. Nhiệm vụ một",
      "a) ý a lần nữa",
      "- gạch đầu dòng",
    ]);
  });

  it("counts empty list paragraphs without writing them", () => {
    const body =
      li(1, 1, "một") +
      `<w:p><w:pPr><w:numPr><w:ilvl w:val="1"/><w:numId w:val="1"/></w:numPr></w:pPr></w:p>` +
      li(1, 1, "ba");
    expect(lines(body, { numbering })).toEqual(["1. một", "3. ba"]);
  });

  it("takes numbering from the paragraph style and its base, with startOverride and numId 0", () => {
    const body =
      styled("DieuKhoan", "Phạm vi") +
      styled("DieuKhoanCon", "Đối tượng") +
      styled("DieuKhoan", "Không đánh số", '<w:numPr><w:numId w:val="0"/></w:numPr>') +
      li(4, 0, "Bắt đầu từ năm") +
      li(4, 0, "Tiếp theo") +
      styled("Buoc", "Bước liên kết từ numbering.xml");
    expect(lines(body, { numbering, styles })).toEqual([
      "Điều 1. Phạm vi",
      "Điều 2. Đối tượng",
      "Không đánh số",
      "Điều 5. Bắt đầu từ năm",
      "Điều 6. Tiếp theo",
      "1. Bước liên kết từ numbering.xml",
    ]);
  });

  it("reads the text without labels when numbering.xml is missing or broken", () => {
    expect(lines(li(1, 0, "MỤC ĐÍCH"))).toEqual(["MỤC ĐÍCH"]);
    expect(lines(li(1, 0, "MỤC ĐÍCH"), { numbering: "<w:numbering" })).toEqual(["MỤC ĐÍCH"]);
  });

  it("formats counters like Word", () => {
    expect(
      [
        "decimal",
        "lowerLetter",
        "upperLetter",
        "lowerRoman",
        "upperRoman",
        "decimalZero",
        "none",
      ].map((format) => formatListNumber(4, format)),
    ).toEqual(["4", "d", "D", "iv", "IV", "04", ""]);
    expect(formatListNumber(27, "lowerLetter")).toBe("aa");
    expect(formatListNumber(14, "upperRoman")).toBe("XIV");
    expect(formatListNumber(3, "ordinalText")).toBe("3");
  });
});

describe("package relationships", () => {
  const rels = (target: string, type = "officeDocument", mode = "") =>
    `<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
    `<Relationship Id="rId9" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/>` +
    `<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/${type}" Target="${target}"${mode}/>` +
    "</Relationships>";

  it("finds the main document, numbering and styles parts, relative or absolute", () => {
    expect(relationshipTarget(rels("word/document2.xml"), "", "officeDocument")).toBe(
      "word/document2.xml",
    );
    expect(relationshipTarget(rels("/word/document.xml"), "", "officeDocument")).toBe(
      "word/document.xml",
    );
    expect(
      relationshipTarget(rels("numbering.xml", "numbering"), "word/document.xml", "numbering"),
    ).toBe("word/numbering.xml");
    expect(
      relationshipTarget(rels("../common/styles.xml", "styles"), "word/document.xml", "styles"),
    ).toBe("common/styles.xml");
    expect(
      relationshipTarget(rels("styles.xml", "styles"), "word/document.xml", "numbering"),
    ).toBeNull();
    expect(
      relationshipTarget(
        rels("http://x/y.xml", "styles", ' TargetMode="External"'),
        "word/document.xml",
        "styles",
      ),
    ).toBeNull();
  });

  it("resolves part paths and names relationship files", () => {
    expect(resolvePartPath("word/document.xml", "./media/a%20b.png")).toBe("word/media/a b.png");
    expect(relationshipsPathOf("word/document.xml")).toBe("word/_rels/document.xml.rels");
    expect(relationshipsPathOf("content.xml")).toBe("_rels/content.xml.rels");
  });
});
