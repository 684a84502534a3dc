/**
 * Fuzzing of the plan importer's readers (text, Word, PDF), the OOXML/XML reader underneath the
 * Word reader, and the plan parser they all feed. See fuzz-harness.ts.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import fc from "fast-check";
import { strToU8, zipSync } from "fflate";
import { describe, expect, it } from "vitest";
import { parsePlan } from "../../../src/core/plan-import/parse-plan.ts";
import { parseXml, XmlSyntaxError } from "../../../src/core/plan-import/xml.ts";
import { readPlanSource } from "../../../src/server/documents/plan-import/read-plan-source.ts";
import { PlanImportFileError } from "../../../src/server/documents/plan-import/plan-import-errors.ts";
import { AppError } from "../../../src/server/errors.ts";
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

const FIXTURES = join(import.meta.dirname, "..", "..", "fixtures", "plan-import", "own");
const sampleText = readFileSync(join(FIXTURES, "01-tan-lap-par-table.txt"), "utf8");

/** What a plan's lines look like: headings, list markers, targets, table rows, dates. */
const planFragment = fc.oneof(
  messyText(120),
  fc.constantFrom(
    "\nI. MỤC ĐÍCH, YÊU CẦU\n",
    "\nII. NHIỆM VỤ TRỌNG TÂM\n",
    "\n1. Cải cách thể chế\n",
    "\na) Rà soát văn bản quy phạm pháp luật\n",
    "\n- Phấn đấu tỷ lệ hồ sơ giải quyết đúng hạn đạt 99,7%\n",
    "\nPhấn đấu năm 2023 đạt 9.5/9.5 điểm\n",
    "\n| TT | Nội dung | Cơ quan chủ trì | Thời gian |\n",
    "\n| 1 | Ban hành kế hoạch | UBND xã | Quý I/2026 |\n",
    "\nPHỤ LỤC\n",
    "Căn cứ Kế hoạch số 12/KH-UBND ngày 31/02/2026",
    "\n|||||\n",
    "\t\t\t",
    "Tháng 13/2026",
    "≥ 1e309 %",
  ),
);

const declared = (error: unknown) =>
  error instanceof PlanImportFileError || error instanceof AppError;

async function readAndParse(bytes: Uint8Array, filename: string) {
  const document = await readPlanSource(Buffer.from(bytes), filename);
  return parsePlan(document);
}

// ——— a minimal Word document whose XML parts the fuzzer rewrites ———
const W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"';
const paragraph = (text: string, numId?: number) =>
  `<w:p>${numId ? `<w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="${numId}"/></w:numPr></w:pPr>` : ""}<w:r><w:t xml:space="preserve">${text}</w:t></w:r></w:p>`;
const documentXml = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document ${W}><w:body>${[
  paragraph("KẾ HOẠCH Cải cách hành chính năm 2026"),
  paragraph("I. MỤC ĐÍCH, YÊU CẦU"),
  paragraph("Phấn đấu tỷ lệ hồ sơ đúng hạn đạt 99,7%", 1),
  `<w:tbl><w:tr><w:tc>${paragraph("TT")}</w:tc><w:tc>${paragraph("Nội dung")}</w:tc><w:tc>${paragraph("Chủ trì")}</w:tc></w:tr><w:tr><w:tc>${paragraph("1")}</w:tc><w:tc><w:tcPr><w:gridSpan w:val="2"/><w:vMerge w:val="restart"/></w:tcPr>${paragraph("Rà soát thủ tục")}</w:tc></w:tr></w:tbl>`,
].join("")}</w:body></w:document>`;
const numberingXml = `<?xml version="1.0" encoding="UTF-8"?><w:numbering ${W}><w:abstractNum w:abstractNumId="0"><w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1."/></w:lvl></w:abstractNum><w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num></w:numbering>`;
const stylesXml = `<?xml version="1.0" encoding="UTF-8"?><w:styles ${W}><w:style w:type="paragraph" w:styleId="Heading1"><w:name w:val="heading 1"/><w:basedOn w:val="Heading1"/></w:style></w:styles>`;
const parts: Record<string, string> = {
  "[Content_Types].xml": `<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>`,
  "_rels/.rels": `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>`,
  "word/_rels/document.xml.rels": `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/numbering" Target="numbering.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/></Relationships>`,
  "word/document.xml": documentXml,
  "word/numbering.xml": numberingXml,
  "word/styles.xml": stylesXml,
};
const zipParts = (entries: Record<string, string>) =>
  zipSync(Object.fromEntries(Object.entries(entries).map(([name, text]) => [name, strToU8(text)])));
const sampleDocx = zipParts(parts);

/** Markup a Word part may hold, valid or not. */
const xmlFragment = fc.oneof(
  messyText(60),
  fc.constantFrom(
    "<w:p>",
    "</w:p>",
    "<w:tbl><w:tr><w:tc>",
    "</w:tc></w:tr></w:tbl>",
    '<w:gridSpan w:val="99999999"/>',
    '<w:gridSpan w:val="-1"/>',
    '<w:vMerge w:val="continue"/>',
    '<w:numPr><w:ilvl w:val="8"/><w:numId w:val="1"/></w:numPr>',
    '<w:ilvl w:val="-3"/>',
    '<w:numId w:val="NaN"/>',
    '<w:lvlText w:val="%1.%2.%3.%9"/>',
    '<w:numFmt w:val="upperRoman"/>',
    '<w:start w:val="1e308"/>',
    '<w:basedOn w:val="Heading1"/>',
    "<![CDATA[",
    "]]>",
    "<!--",
    "&#xD800;",
    "&#99999999;",
    "&unknown;",
    "<?xml ?>",
    '<!DOCTYPE x [<!ENTITY a "aaaaaaaa">]>',
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="../../../etc/passwd"/>',
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>',
    "<w:t>",
    "</w:t>",
    "<w:br/><w:tab/>",
  ),
);

const rewrittenDocx = fc
  .tuple(
    fc.constantFrom(...Object.keys(parts)),
    fc.constantFrom(...Object.keys(parts)),
    fc.array(xmlFragment, { maxLength: 4 }),
  )
  .chain(([first, second, _]) =>
    fc
      .tuple(spliced(parts[first]!, xmlFragment), spliced(parts[second]!, xmlFragment))
      .map(([a, b]) => zipParts({ ...parts, [first]: a, [second]: b })),
  );

// ——— a small PDF with a text layer, written by hand ———
function simplePdf(lines: string[]): Uint8Array {
  const escaped = (text: string) => text.replace(/[\\()]/g, (c) => `\\${c}`);
  const stream = `BT /F1 11 Tf 14 TL 56 780 Td ${lines.map((line) => `(${escaped(line)}) '`).join(" ")} ET`;
  const objects = [
    "<< /Type /Catalog /Pages 2 0 R >>",
    "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
    "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
    `<< /Length ${stream.length} >>\nstream\n${stream}\nendstream`,
    "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
  ];
  let body = "%PDF-1.4\n";
  const offsets: number[] = [];
  objects.forEach((object, index) => {
    offsets.push(body.length);
    body += `${index + 1} 0 obj\n${object}\nendobj\n`;
  });
  const xref = body.length;
  body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, "0")} 00000 n \n`).join("")}`;
  body += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return new TextEncoder().encode(body);
}
const samplePdf = simplePdf([
  "KE HOACH Cai cach hanh chinh nam 2026",
  "I. MUC DICH, YEU CAU",
  "1. Phan dau ty le ho so dung han dat 99,7%",
  "TT    Noi dung              Chu tri        Thoi gian",
  "1     Ra soat thu tuc       UBND xa        Quy I/2026",
]);

const TARGETS: FuzzTarget[] = [
  {
    name: "plan-text",
    input: fc.oneof(
      spliced(sampleText, planFragment).map(utf8),
      messyText(2000).map(utf8),
      anyBytes(2048),
    ),
    parse: (bytes) => readAndParse(bytes, "ke-hoach.txt"),
    declared,
    runs: 60,
  },
  {
    name: "plan-docx",
    input: fc.oneof(rewrittenDocx, mutated(sampleDocx), anyBytes(1024)),
    parse: (bytes) => readAndParse(bytes, "ke-hoach.docx"),
    declared,
    runs: 60,
  },
  {
    name: "plan-pdf",
    input: fc.oneof(
      mutated(samplePdf, 6),
      anyBytes(512).map((b) => utf8(`%PDF-1.4\n${Buffer.from(b).toString("latin1")}`)),
    ),
    parse: (bytes) => readAndParse(bytes, "ke-hoach.pdf"),
    declared,
    runs: 25,
  },
  {
    name: "ooxml-xml",
    input: fc
      .oneof(
        spliced(documentXml, xmlFragment, 8),
        fc.array(xmlFragment, { maxLength: 30 }).map((f) => f.join("")),
      )
      .map(utf8),
    parse: (bytes) => parseXml(new TextDecoder().decode(bytes)),
    declared: (error) => error instanceof XmlSyntaxError,
    runs: 200,
  },
];

describe("fuzzing the plan importer", () => {
  it("reads the unmodified samples (the fuzzed inputs start from real documents)", async () => {
    expect((await readAndParse(utf8(sampleText), "a.txt")).tasks.length).toBeGreaterThan(0);
    const fromWord = await readPlanSource(Buffer.from(sampleDocx), "a.docx");
    expect(JSON.stringify(fromWord)).toContain("Rà soát thủ tục");
    const fromPdf = await readPlanSource(Buffer.from(samplePdf), "a.pdf");
    expect(JSON.stringify(fromPdf)).toContain("Ra soat thu tuc");
  });

  for (const target of TARGETS) {
    it(
      `${target.name}: no crash, no hang`,
      async () => {
        const { runs } = await fuzz(target);
        expect(runs).toBeGreaterThan(0);
      },
      fuzzTestTimeout(target.runs),
    );
  }
});
