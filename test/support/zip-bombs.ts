/**
 * Crafted archive bombs for the upload tests and the upload-bombs bench, generated on the fly
 * (never committed). A part is one XML chunk repeated many times: the chunk is deflated once with
 * a full flush (independent, byte-aligned, non-final blocks), the compressed bytes are repeated
 * and a final empty block closes the stream — so a 600 MB part costs 600 KB and a second to make.
 */
import { constants, crc32, deflateRawSync } from "node:zlib";

export interface BombPart {
  name: string;
  /** Written as is (small parts). */
  text?: string;
  /** Or: head + body × times + tail, the body deflated once. */
  repeat?: { head: string; body: string; times: number; tail: string };
  /** Lie in the headers about the inflated size (a guard must not trust it). */
  declaredSize?: number;
}

const FINAL_EMPTY_BLOCK = deflateRawSync(Buffer.alloc(0));

function deflatePart(part: BombPart): { data: Buffer; crc: number; size: number } {
  if (part.text !== undefined) {
    const raw = Buffer.from(part.text, "utf8");
    return { data: deflateRawSync(raw), crc: crc32(raw), size: raw.length };
  }
  const { head, body, times, tail } = part.repeat!;
  // About 1 MB of the body per deflated chunk.
  const perChunk = Math.max(1, Math.floor((1024 * 1024) / Buffer.byteLength(body)));
  const chunk = Buffer.from(body.repeat(Math.min(perChunk, times)), "utf8");
  const flushed = { finishFlush: constants.Z_FULL_FLUSH, level: 9 };
  const pieces: Buffer[] = [];
  let crc = 0;
  let size = 0;
  const add = (raw: Buffer, deflated?: Buffer) => {
    pieces.push(deflated ?? deflateRawSync(raw, flushed));
    crc = crc32(raw, crc);
    size += raw.length;
  };
  add(Buffer.from(head, "utf8"));
  const whole = Math.floor(times / Math.min(perChunk, times));
  const deflatedChunk = deflateRawSync(chunk, flushed);
  for (let i = 0; i < whole; i += 1) add(chunk, deflatedChunk);
  const rest = times - whole * Math.min(perChunk, times);
  if (rest > 0) add(Buffer.from(body.repeat(rest), "utf8"));
  add(Buffer.from(tail, "utf8"));
  pieces.push(FINAL_EMPTY_BLOCK);
  return { data: Buffer.concat(pieces), crc: crc >>> 0, size };
}

/** A zip (deflate, no data descriptors) of the parts. */
export function buildZip(parts: BombPart[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const part of parts) {
    const { data, crc, size } = deflatePart(part);
    const declared = part.declaredSize ?? size;
    if (declared > 0xfffffffe) throw new Error("zip64 is not supported by this generator");
    const name = Buffer.from(part.name, "utf8");
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x0800, 6); // UTF-8 names
    local.writeUInt16LE(8, 8);
    local.writeUInt16LE(0, 10);
    local.writeUInt16LE(0x21, 12);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(declared, 22);
    local.writeUInt16LE(name.length, 26);
    local.writeUInt16LE(0, 28);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0x0800, 8);
    central.writeUInt16LE(8, 10);
    central.writeUInt16LE(0, 12);
    central.writeUInt16LE(0x21, 14);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(data.length, 20);
    central.writeUInt32LE(declared, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, data);
    centrals.push(central, name);
    offset += local.length + name.length + data.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(parts.length, 8);
  end.writeUInt16LE(parts.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

const MB = 1024 * 1024;

const XLSX_CONTENT_TYPES = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>`;
const XLSX_RELS = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>`;
const WORKBOOK = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>`;
const WORKBOOK_RELS = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>`;
const SHEET_HEAD = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>`;
const SHEET_TAIL = `</sheetData></worksheet>`;
const HEADER_ROW = `<row r="1"><c r="A1" t="inlineStr"><is><t>code</t></is></c><c r="B1" t="inlineStr"><is><t>name</t></is></c><c r="C1" t="inlineStr"><is><t>level</t></is></c><c r="D1" t="inlineStr"><is><t>parent_code</t></is></c></row>`;

export type XlsxBombKind =
  /** Sheet XML of endless short rows (exceljs builds an object per row and cell). */
  | "rows"
  /** A header row, then a row whose single cell holds the whole payload. */
  | "cell"
  /** A shared-strings table of the payload's size (cached whole by readers). */
  | "sharedStrings";

/** An .xlsx whose one part inflates to about `unpackedMb` MB (declared honestly unless `lie`). */
export function xlsxBomb(
  kind: XlsxBombKind,
  unpackedMb: number,
  lie = false,
  headers = ["code", "name", "level", "parent_code"],
): Buffer {
  const bytes = unpackedMb * MB;
  const headerRow = `<row r="1">${headers
    .map((h, i) => `<c r="${String.fromCharCode(65 + i)}1" t="inlineStr"><is><t>${h}</t></is></c>`)
    .join("")}</row>`;
  // Every row claims number 2: readers still build each one (exceljs needs a number).
  const row = `<row r="2"><c r="A2" t="inlineStr"><is><t>x</t></is></c><c r="B2" t="inlineStr"><is><t>y</t></is></c></row>`;
  let sheet: BombPart;
  let strings: BombPart = {
    name: "xl/sharedStrings.xml",
    text: `<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="1" uniqueCount="1"><si><t>x</t></si></sst>`,
  };
  if (kind === "rows") {
    sheet = {
      name: "xl/worksheets/sheet1.xml",
      repeat: {
        head: SHEET_HEAD + headerRow,
        body: row,
        times: Math.ceil(bytes / row.length),
        tail: SHEET_TAIL,
      },
    };
  } else if (kind === "cell") {
    sheet = {
      name: "xl/worksheets/sheet1.xml",
      repeat: {
        head: `${SHEET_HEAD}${headerRow}<row r="2"><c r="A2" t="inlineStr"><is><t>`,
        body: "x".repeat(1024),
        times: Math.ceil(bytes / 1024),
        tail: `</t></is></c></row>${SHEET_TAIL}`,
      },
    };
  } else {
    sheet = {
      name: "xl/worksheets/sheet1.xml",
      text: `${SHEET_HEAD}<row r="1"><c r="A1" t="s"><v>0</v></c></row>${SHEET_TAIL}`,
    };
    const si = `<si><t>xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx</t></si>`;
    strings = {
      name: "xl/sharedStrings.xml",
      repeat: {
        head: `<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">`,
        body: si,
        times: Math.ceil(bytes / si.length),
        tail: `</sst>`,
      },
    };
  }
  const big = kind === "sharedStrings" ? strings : sheet;
  if (lie) big.declaredSize = 4096;
  return buildZip([
    { name: "[Content_Types].xml", text: XLSX_CONTENT_TYPES },
    { name: "_rels/.rels", text: XLSX_RELS },
    { name: "xl/workbook.xml", text: WORKBOOK },
    { name: "xl/_rels/workbook.xml.rels", text: WORKBOOK_RELS },
    sheet,
    strings,
  ]);
}

/** A .docx whose document.xml inflates to about `unpackedMb` MB of paragraphs. */
export function docxBomb(unpackedMb: number, lie = false): Buffer {
  const paragraph = `<w:p><w:r><w:t>Nhiệm vụ cải cách hành chính</w:t></w:r></w:p>`;
  return buildZip([
    {
      name: "[Content_Types].xml",
      text: `<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>`,
    },
    {
      name: "_rels/.rels",
      text: `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>`,
    },
    {
      name: "word/document.xml",
      repeat: {
        head: `<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>`,
        body: paragraph,
        times: Math.ceil((unpackedMb * MB) / Buffer.byteLength(paragraph)),
        tail: `</w:body></w:document>`,
      },
      ...(lie ? { declaredSize: 4096 } : {}),
    },
  ]);
}

/** A small .xlsx with `count` extra parts (a zip of thousands of entries). */
export function manyPartsXlsx(count: number): Buffer {
  const parts: BombPart[] = [
    { name: "[Content_Types].xml", text: XLSX_CONTENT_TYPES },
    { name: "_rels/.rels", text: XLSX_RELS },
    { name: "xl/workbook.xml", text: WORKBOOK },
    { name: "xl/_rels/workbook.xml.rels", text: WORKBOOK_RELS },
    { name: "xl/worksheets/sheet1.xml", text: `${SHEET_HEAD}${HEADER_ROW}${SHEET_TAIL}` },
  ];
  for (let i = 0; i < count; i += 1) parts.push({ name: `xl/media/p${i}.xml`, text: "<a/>" });
  return buildZip(parts);
}
