/**
 * Word (.docx) → document model. The file is unzipped with fflate (only the parts needed are
 * inflated); the pure core turns the WordprocessingML into blocks (core/plan-import/word-document).
 * Problems throw DocxReadError with a Vietnamese explanation, which the caller wraps in
 * IMPORT_UNREADABLE_FILE.
 */
import { unzipSync } from "fflate";
import type { ArchiveLimits } from "../../../core/files/archive-limits.ts";
import {
  relationshipTarget,
  relationshipsPathOf,
  wordToBlocks,
} from "../../../core/plan-import/word-document.ts";
import { ArchiveFormatError, guardArchive } from "../archive-guard.ts";
import { XmlSyntaxError } from "../../../core/plan-import/xml.ts";
import type { PlanDocument } from "../../../core/plan-import/document-model.ts";

const MB = 1024 * 1024;

/**
 * What a plan's Word file may hold: a plan's document.xml is a few MB at most. The parts read
 * (relationships, document, numbering, styles) are checked as declared and as inflated before
 * anything is unzipped; other parts (images, fonts) are never inflated.
 */
export const DOCX_LIMITS: ArchiveLimits = {
  maxEntries: 2_000,
  maxEntryBytes: 24 * MB,
  maxTotalBytes: 32 * MB,
  maxRatio: 200,
};
const MAX_PART_BYTES = DOCX_LIMITS.maxEntryBytes;

const READ_PARTS = /(^|\/)(document|numbering|styles)\.xml$|\.rels$/i;

const MAIN_DOCUMENT = "word/document.xml";

export class DocxReadError extends Error {
  constructor(reason: string) {
    super(reason);
    this.name = "DocxReadError";
  }
}

const CORRUPT_ZIP = "không giải nén được tệp Word, dữ liệu nén bị hỏng";

/**
 * Inflates the entries `wanted` accepts (one pass over the zip's directory, nothing else is
 * inflated) and returns them as text, with every entry's name: lower-cased (OPC part names are
 * case-insensitive) → as stored. fflate inflates an entry into the size its header declares, so a
 * part declared too large is refused before anything is allocated.
 */
function unzipParts(
  zip: Uint8Array,
  wanted: (name: string) => boolean,
): { names: Map<string, string>; parts: Map<string, string> } {
  const names = new Map<string, string>();
  let files: Record<string, Uint8Array>;
  try {
    files = unzipSync(zip, {
      filter: (file) => {
        names.set(file.name.toLowerCase(), file.name);
        if (!wanted(file.name)) return false;
        if (file.originalSize > MAX_PART_BYTES) {
          throw new DocxReadError(
            `phần ${file.name} quá lớn (${Math.round(file.originalSize / 1048576)} MB)`,
          );
        }
        return true;
      },
    });
  } catch (error) {
    throw error instanceof DocxReadError ? error : new DocxReadError(CORRUPT_ZIP);
  }
  const parts = new Map<string, string>();
  for (const [name, bytes] of Object.entries(files)) parts.set(name, decodeXml(bytes));
  return { names, parts };
}

/** XML parts are UTF-8, or UTF-16 with a byte-order mark. */
function decodeXml(bytes: Uint8Array): string {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder("utf-16le").decode(bytes);
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder("utf-16be").decode(bytes);
  return new TextDecoder("utf-8").decode(bytes);
}

function describe(error: unknown, part: string): DocxReadError {
  if (error instanceof DocxReadError) return error;
  if (error instanceof XmlSyntaxError) {
    return new DocxReadError(
      `phần ${part} không phải XML hợp lệ ở dòng ${error.line}, cột ${error.column}`,
    );
  }
  return new DocxReadError(`phần ${part} không phải nội dung Word hợp lệ`);
}

/** Checks the package against DOCX_LIMITS (FILE_TOO_COMPLEX), then reads it. */
export async function readDocxGuarded(buffer: Buffer): Promise<PlanDocument> {
  try {
    await guardArchive(buffer, DOCX_LIMITS, { inflated: (name) => READ_PARTS.test(name) });
  } catch (error) {
    if (error instanceof ArchiveFormatError) {
      throw new DocxReadError(`${CORRUPT_ZIP} (${error.message})`);
    }
    throw error;
  }
  return readDocx(buffer);
}

export function readDocx(buffer: Buffer): PlanDocument {
  const zip = new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength);
  // First pass: the entry names and the usual relationship parts. Only the parts the import uses
  // are ever inflated, so damage to the others (images, fonts, footnotes) does not matter.
  const usualRels = new Set(["_rels/.rels", relationshipsPathOf(MAIN_DOCUMENT)]);
  const { names, parts: rels } = unzipParts(zip, (name) => usualRels.has(name.toLowerCase()));
  const stored = (path: string | null): string | undefined =>
    path === null ? undefined : names.get(path.toLowerCase());
  const target = (
    relsPath: string,
    source: string,
    type: "officeDocument" | "numbering" | "styles",
  ): string | null | undefined => {
    const name = stored(relsPath);
    const xml = name === undefined ? undefined : rels.get(name);
    if (xml === undefined) return undefined;
    try {
      return relationshipTarget(xml, source, type);
    } catch {
      return undefined; // a broken relationship part: the usual part names are tried
    }
  };

  // The package's relationships name the main document; word/document.xml is the usual one.
  const main = stored(target("_rels/.rels", "", "officeDocument") ?? null) ?? stored(MAIN_DOCUMENT);
  if (main === undefined) {
    throw new DocxReadError(`không có phần nội dung chính ${MAIN_DOCUMENT}`);
  }
  const mainRels = stored(relationshipsPathOf(main));
  if (mainRels !== undefined && !rels.has(mainRels)) {
    // The main document has an unusual name: read its relationships too.
    for (const [name, xml] of unzipParts(zip, (name) => name === mainRels).parts) {
      rels.set(name, xml);
    }
  }
  const related = (type: "numbering" | "styles"): string | undefined => {
    const path = target(relationshipsPathOf(main), main, type);
    return stored(path === undefined ? `word/${type}.xml` : path);
  };
  const numberingName = related("numbering");
  const stylesName = related("styles");

  // Second pass: the main document, its numbering and its styles.
  const wanted = new Set([main, numberingName, stylesName]);
  const { parts } = unzipParts(zip, (name) => wanted.has(name));
  const document = parts.get(main);
  if (document === undefined) {
    throw new DocxReadError(`không có phần nội dung chính ${MAIN_DOCUMENT}`);
  }
  const optional = (name: string | undefined): string | null =>
    (name === undefined ? undefined : parts.get(name)) ?? null;
  try {
    const blocks = wordToBlocks({
      document,
      numbering: optional(numberingName),
      styles: optional(stylesName),
    });
    return { format: "docx", blocks };
  } catch (error) {
    throw describe(error, main);
  }
}
