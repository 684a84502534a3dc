/**
 * Word (WordprocessingML) → document blocks, straight from the XML parts of a .docx: paragraphs
 * become paragraph lines, tables become table rows. Pure: the caller unzips the file and passes
 * the parts' text.
 *
 * - Text is what Word shows: runs (`w:r`) split anywhere are joined; `w:tab` is a space;
 *   `w:br`/`w:cr` start a new line; deleted text, field codes and hidden runs are left out;
 *   hyperlinks, content controls, tracked insertions and smart tags are read through; text boxes
 *   come after the paragraph that anchors them; footnotes, comments and images are not read.
 * - Automatic numbering is written out as Word shows it ("1.", "a)", "II.", "Điều 3."), from
 *   `w:numPr` on the paragraph or its style and `word/numbering.xml`; bullets become "- ".
 * - Table cells keep their grid column: a cell spanning columns (`w:gridSpan`) is followed by
 *   empty cells, a vertically merged cell (`w:vMerge`) stays in place (empty, as Word stores it),
 *   `w:gridBefore` adds leading empty cells. Leading rows marked `w:tblHeader` are header rows. A
 *   table inside a cell becomes lines "a | b" of that cell.
 * - Each paragraph line and each table row gets the next ordinal in `line`, as the HTML reader did.
 */
import { romanNumeral } from "../text/numbering.ts";
import type { DocumentBlock, DocumentTableRow } from "./document-model.ts";
import { cleanSpaces } from "./text-utils.ts";
import { childElements, firstChild, ownText, parseXml, type XmlElement } from "./xml.ts";

export interface WordParts {
  /** The main document part (`word/document.xml`). */
  document: string;
  /** `word/numbering.xml`, when the file has one. */
  numbering?: string | null;
  /** `word/styles.xml`, when the file has one. */
  styles?: string | null;
}

// ---------------------------------------------------------------------------------------------
// Package relationships
// ---------------------------------------------------------------------------------------------

/** Resolves a relationship target against the part that owns the relationship (zip path). */
export function resolvePartPath(sourcePart: string, target: string): string {
  let decoded = target;
  try {
    decoded = decodeURIComponent(target);
  } catch {
    // Keep the target as written.
  }
  const base = decoded.startsWith("/") ? "" : sourcePart.slice(0, sourcePart.lastIndexOf("/") + 1);
  const segments: string[] = [];
  for (const segment of (base + decoded).split("/")) {
    if (segment === "" || segment === ".") continue;
    if (segment === "..") segments.pop();
    else segments.push(segment);
  }
  return segments.join("/");
}

/** The relationships file (`_rels/…rels`) of a part: `word/document.xml` → `word/_rels/document.xml.rels`. */
export function relationshipsPathOf(part: string): string {
  const slash = part.lastIndexOf("/");
  return `${part.slice(0, slash + 1)}_rels/${part.slice(slash + 1)}.rels`;
}

/**
 * The zip path of the first internal relationship of this type (matched on the type's last
 * segment, so transitional and strict OOXML both work), or null.
 */
export function relationshipTarget(
  relationshipsXml: string,
  sourcePart: string,
  type: "officeDocument" | "numbering" | "styles",
): string | null {
  const root = parseXml(relationshipsXml);
  for (const relationship of childElements(root)) {
    if (!relationship.name.endsWith("Relationship")) continue;
    if (relationship.attribute("TargetMode") === "External") continue;
    const relationshipType = relationship.attribute("Type") ?? "";
    const target = relationship.attribute("Target");
    if (target && relationshipType.endsWith(`/${type}`)) return resolvePartPath(sourcePart, target);
  }
  return null;
}

// ---------------------------------------------------------------------------------------------
// Styles and numbering
// ---------------------------------------------------------------------------------------------

const EMPTY_ROOT: XmlElement = { name: "", children: [], attribute: () => undefined };

/**
 * Styles and numbering only add list labels: when such a part is missing or not well-formed the
 * document is read without it.
 */
function parseOptional(xml: string | null | undefined): XmlElement {
  if (!xml) return EMPTY_ROOT;
  try {
    return parseXml(xml);
  } catch {
    return EMPTY_ROOT;
  }
}

function isOn(element: XmlElement | undefined): boolean {
  if (!element) return false;
  const value = element.attribute("w:val");
  return value !== "false" && value !== "0" && value !== "off";
}

function integer(element: XmlElement | undefined): number | null {
  const value = element?.attribute("w:val");
  if (value === undefined || !/^-?\d{1,9}$/.test(value.trim())) return null;
  return Number(value);
}

interface NumberingReference {
  numId: string;
  level: number | null;
}

function numberingReference(properties: XmlElement | undefined): NumberingReference | null {
  const numPr = firstChild(properties, "w:numPr");
  if (!numPr) return null;
  const numId = firstChild(numPr, "w:numId")?.attribute("w:val");
  if (numId === undefined) return null;
  return { numId: numId.trim(), level: integer(firstChild(numPr, "w:ilvl")) };
}

interface StyleInfo {
  basedOn: string | null;
  numbering: NumberingReference | null;
}

class Styles {
  private readonly byId = new Map<string, StyleInfo>();
  readonly defaultParagraphStyle: string | null = null;

  constructor(xml: string | null | undefined) {
    for (const style of childElements(parseOptional(xml))) {
      if (style.name !== "w:style") continue;
      const id = style.attribute("w:styleId");
      if (!id) continue;
      const type = style.attribute("w:type") ?? "paragraph";
      if (type === "paragraph" && isDefault(style)) this.defaultParagraphStyle = id;
      this.byId.set(id, {
        basedOn: firstChild(style, "w:basedOn")?.attribute("w:val") ?? null,
        numbering: numberingReference(firstChild(style, "w:pPr")),
      });
    }
  }

  /** The numbering a paragraph style (or a style it is based on) applies. */
  numberingOf(styleId: string): NumberingReference | null {
    const seen = new Set<string>();
    let id: string | null = styleId;
    while (id !== null && !seen.has(id)) {
      seen.add(id);
      const style = this.byId.get(id);
      if (!style) return null;
      if (style.numbering) return style.numbering;
      id = style.basedOn;
    }
    return null;
  }
}

function isDefault(style: XmlElement): boolean {
  const value = style.attribute("w:default");
  return value === "1" || value === "true" || value === "on";
}

interface LevelDefinition {
  start: number;
  format: string;
  text: string;
}

function readLevel(element: XmlElement): LevelDefinition {
  return {
    start: integer(firstChild(element, "w:start")) ?? 0,
    format: firstChild(element, "w:numFmt")?.attribute("w:val") ?? "decimal",
    text: firstChild(element, "w:lvlText")?.attribute("w:val") ?? "",
  };
}

interface AbstractNumbering {
  levels: Map<number, LevelDefinition>;
  numStyleLink: string | null;
}

interface NumberingInstance {
  abstractId: string;
  startOverrides: Map<number, number>;
  levelOverrides: Map<number, LevelDefinition>;
}

/** A list counter as Word writes it in this number format. */
export function formatListNumber(value: number, format: string): string {
  if (format === "none") return "";
  if (value >= 1 && value < 4000) {
    switch (format) {
      case "lowerLetter":
      case "upperLetter": {
        // Word's letters: a … z, then aa … zz, then aaa …
        const letter = String.fromCharCode(0x61 + ((value - 1) % 26)).repeat(
          Math.floor((value - 1) / 26) + 1,
        );
        return format === "upperLetter" ? letter.toUpperCase() : letter;
      }
      case "lowerRoman":
        return romanNumeral(value).toLowerCase();
      case "upperRoman":
        return romanNumeral(value);
      default:
        break;
    }
  }
  if (format === "decimalZero" && value >= 0 && value < 10) return `0${value}`;
  return String(value);
}

/** Counts list items and writes their numbers, from `word/numbering.xml`. */
class Numbering {
  private readonly abstracts = new Map<string, AbstractNumbering>();
  private readonly instances = new Map<string, NumberingInstance>();
  /** Levels linked to a paragraph style from numbering.xml (`w:lvl/w:pStyle`). */
  private readonly levelsByStyle = new Map<string, { abstractId: string; level: number }>();
  private readonly counters = new Map<string, (number | undefined)[]>();

  constructor(
    xml: string | null | undefined,
    private readonly styles: Styles,
  ) {
    for (const element of childElements(parseOptional(xml))) {
      if (element.name === "w:abstractNum") {
        const id = element.attribute("w:abstractNumId");
        if (id === undefined) continue;
        const levels = new Map<number, LevelDefinition>();
        for (const level of childElements(element)) {
          if (level.name !== "w:lvl") continue;
          const index = Number(level.attribute("w:ilvl") ?? "0");
          if (!Number.isInteger(index) || levels.has(index)) continue;
          levels.set(index, readLevel(level));
          const styleId = firstChild(level, "w:pStyle")?.attribute("w:val");
          if (styleId && !this.levelsByStyle.has(styleId)) {
            this.levelsByStyle.set(styleId, { abstractId: id, level: index });
          }
        }
        this.abstracts.set(id, {
          levels,
          numStyleLink: firstChild(element, "w:numStyleLink")?.attribute("w:val") ?? null,
        });
      } else if (element.name === "w:num") {
        const id = element.attribute("w:numId");
        const abstractId = firstChild(element, "w:abstractNumId")?.attribute("w:val");
        if (id === undefined || abstractId === undefined) continue;
        const startOverrides = new Map<number, number>();
        const levelOverrides = new Map<number, LevelDefinition>();
        for (const override of childElements(element)) {
          if (override.name !== "w:lvlOverride") continue;
          const index = Number(override.attribute("w:ilvl") ?? "0");
          if (!Number.isInteger(index)) continue;
          const start = integer(firstChild(override, "w:startOverride"));
          if (start !== null) startOverrides.set(index, start);
          const level = firstChild(override, "w:lvl");
          if (level) levelOverrides.set(index, readLevel(level));
        }
        this.instances.set(id, { abstractId, startOverrides, levelOverrides });
      }
    }
  }

  /** The abstract definition behind an abstract id, following `w:numStyleLink` to its style. */
  private abstractOf(abstractId: string): { id: string; numbering: AbstractNumbering } | null {
    let id = abstractId;
    for (let hops = 0; hops < 8; hops += 1) {
      const numbering = this.abstracts.get(id);
      if (!numbering) return null;
      if (!numbering.numStyleLink) return { id, numbering };
      const reference = this.styles.numberingOf(numbering.numStyleLink);
      const linked = reference ? this.instances.get(reference.numId) : undefined;
      if (!linked) return { id, numbering };
      id = linked.abstractId;
    }
    return null;
  }

  /**
   * Counts one item at `level` of list `numId` and returns its label with a trailing space
   * ("1. ", "a) ", "- "), or "" when it has none.
   */
  label(numId: string, level: number): string {
    const instance = this.instances.get(numId);
    if (!instance) return "";
    return this.count(instance.abstractId, level, instance, numId);
  }

  /** The same for a paragraph style linked to a level in numbering.xml. */
  labelForStyle(styleId: string): string | null {
    const link = this.levelsByStyle.get(styleId);
    return link ? this.count(link.abstractId, link.level, null, null) : null;
  }

  private count(
    abstractId: string,
    level: number,
    instance: NumberingInstance | null,
    numId: string | null,
  ): string {
    const resolved = this.abstractOf(abstractId);
    if (!resolved) return "";
    const definitionAt = (index: number): LevelDefinition | undefined =>
      instance?.levelOverrides.get(index) ?? resolved.numbering.levels.get(index);
    const startAt = (index: number): number =>
      instance?.startOverrides.get(index) ?? definitionAt(index)?.start ?? 0;
    const definition = definitionAt(level);
    if (!definition) return "";
    // Instances that restart numbering count on their own; others share the abstract list's count.
    const key =
      instance &&
      numId !== null &&
      (instance.startOverrides.size > 0 || instance.levelOverrides.size > 0)
        ? `num:${numId}`
        : `abstract:${resolved.id}`;
    let counters = this.counters.get(key);
    if (!counters) {
      counters = [];
      this.counters.set(key, counters);
    }
    const current = counters[level];
    counters[level] = current === undefined ? startAt(level) : current + 1;
    counters.length = level + 1; // deeper levels start again
    if (definition.format === "bullet") return "- ";
    const label = definition.text
      .replace(/%([1-9])/g, (_whole, digit: string) => {
        const index = Number(digit) - 1;
        const value = counters[index] ?? startAt(index);
        return formatListNumber(value, definitionAt(index)?.format ?? "decimal");
      })
      .trim();
    return label ? `${label} ` : "";
  }
}

// ---------------------------------------------------------------------------------------------
// Symbols (w:sym): private-use code points of symbol fonts
// ---------------------------------------------------------------------------------------------

const SYMBOL_FONT = new Map<number, string>([
  [0x2d, "-"],
  [0xb7, "•"],
  [0xae, "→"],
  [0xa3, "≤"],
  [0xb3, "≥"],
  [0xb4, "×"],
  [0xb1, "±"],
  [0xb0, "°"],
]);

const WINGDINGS = new Map<number, string>([
  [0x6c, "●"],
  [0x6e, "■"],
  [0x71, "❑"],
  [0x76, "❖"],
  [0x9f, "•"],
  [0xa7, "▪"],
  [0xa8, "◻"],
  [0xd8, "➢"],
  [0xfb, "✗"],
  [0xfc, "✓"],
  [0xfd, "☒"],
  [0xfe, "☑"],
]);

function symbolText(element: XmlElement): string {
  const code = parseInt(element.attribute("w:char") ?? "", 16);
  if (!Number.isFinite(code)) return "";
  const font = (element.attribute("w:font") ?? "").toLowerCase();
  const low = code >= 0xf000 && code <= 0xf0ff ? code - 0xf000 : code;
  if (font === "symbol") return SYMBOL_FONT.get(low) ?? "";
  if (font.startsWith("wingdings")) return WINGDINGS.get(low) ?? "";
  if (code >= 0xe000 && code <= 0xf8ff) return "";
  return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : "";
}

// ---------------------------------------------------------------------------------------------
// Body
// ---------------------------------------------------------------------------------------------

/** Where paragraph lines and tables go: the document body, or a table cell. */
interface Sink {
  line(text: string): void;
  table(rows: RawRow[]): void;
}

interface RawRow {
  cells: string[];
  isHeader: boolean;
}

interface InlineText {
  text: string;
  /** Text boxes anchored in the paragraph, read after it. */
  textBoxes: XmlElement[];
}

/** Inline containers whose content is part of the paragraph. */
const INLINE_WRAPPERS = new Set([
  "w:hyperlink",
  "w:smartTag",
  "w:customXml",
  "w:ins",
  "w:moveTo",
  "w:fldSimple",
  "w:dir",
  "w:bdo",
]);

/** Block containers whose content is part of the body, cell or text box. */
const BLOCK_WRAPPERS = new Set(["w:customXml", "w:ins", "w:moveTo", "w:smartTag"]);

/** mc:AlternateContent: the fallback (what mammoth and older readers show), else the first choice. */
function chosenContent(element: XmlElement): XmlElement | undefined {
  return firstChild(element, "mc:Fallback") ?? firstChild(element, "mc:Choice");
}

function findTextBoxes(element: XmlElement, found: XmlElement[]): void {
  for (const child of childElements(element)) {
    if (child.name === "w:txbxContent") found.push(child);
    else if (child.name === "mc:AlternateContent") {
      const chosen = chosenContent(child);
      if (chosen) findTextBoxes(chosen, found);
    } else findTextBoxes(child, found);
  }
}

class WordReader {
  private readonly styles: Styles;
  private readonly numbering: Numbering;
  /** Content of paragraphs whose mark was deleted (tracked): joined to the next paragraph. */
  private deletedParagraphContent: XmlElement[] = [];

  constructor(parts: WordParts) {
    this.styles = new Styles(parts.styles);
    this.numbering = new Numbering(parts.numbering, this.styles);
  }

  readBlocks(elements: readonly XmlElement[], sink: Sink): void {
    for (const element of elements) {
      switch (element.name) {
        case "w:p":
          this.readParagraph(element, sink);
          break;
        case "w:tbl":
          sink.table(this.readTable(element));
          break;
        case "w:sdt": {
          const content = firstChild(element, "w:sdtContent");
          if (content) this.readBlocks(childElements(content), sink);
          break;
        }
        case "mc:AlternateContent": {
          const chosen = chosenContent(element);
          if (chosen) this.readBlocks(childElements(chosen), sink);
          break;
        }
        default:
          if (BLOCK_WRAPPERS.has(element.name)) this.readBlocks(childElements(element), sink);
          break;
      }
    }
  }

  private readParagraph(paragraph: XmlElement, sink: Sink): void {
    const properties = firstChild(paragraph, "w:pPr");
    let content = childElements(paragraph);
    if (firstChild(firstChild(properties, "w:rPr"), "w:del")) {
      this.deletedParagraphContent.push(...content);
      return;
    }
    if (this.deletedParagraphContent.length > 0) {
      content = [...this.deletedParagraphContent, ...content];
      this.deletedParagraphContent = [];
    }
    const inline: InlineText = { text: "", textBoxes: [] };
    this.readInline(content, inline);
    const label = this.labelOf(properties);
    if (inline.text.trim()) {
      const lines = (label + inline.text).split("\n");
      for (const line of lines) {
        const text = cleanSpaces(line);
        if (text) sink.line(text);
      }
    }
    for (const box of inline.textBoxes) this.readBlocks(childElements(box), sink);
  }

  /** The paragraph's list label ("1. ", "- "), counting the item; "" when not in a list. */
  private labelOf(properties: XmlElement | undefined): string {
    const direct = numberingReference(properties);
    const styleId =
      firstChild(properties, "w:pStyle")?.attribute("w:val") ?? this.styles.defaultParagraphStyle;
    const fromStyle = styleId ? this.styles.numberingOf(styleId) : null;
    const reference = direct ?? fromStyle;
    if (reference) {
      if (reference.numId === "0") return "";
      const level = direct?.level ?? fromStyle?.level ?? 0;
      return this.numbering.label(reference.numId, Math.max(0, Math.min(level, 8)));
    }
    return styleId ? (this.numbering.labelForStyle(styleId) ?? "") : "";
  }

  private readInline(elements: readonly XmlElement[], out: InlineText): void {
    for (const element of elements) {
      if (element.name === "w:r") {
        this.readRun(element, out);
      } else if (element.name === "w:sdt") {
        const content = firstChild(element, "w:sdtContent");
        if (content) this.readInline(childElements(content), out);
      } else if (element.name === "mc:AlternateContent") {
        const chosen = chosenContent(element);
        if (chosen) this.readInline(childElements(chosen), out);
      } else if (INLINE_WRAPPERS.has(element.name)) {
        this.readInline(childElements(element), out);
      }
      // Everything else (w:pPr, w:del, w:moveFrom, bookmarks, proofing marks, maths) adds no text.
    }
  }

  private readRun(run: XmlElement, out: InlineText): void {
    if (isOn(firstChild(firstChild(run, "w:rPr"), "w:vanish"))) return;
    for (const child of childElements(run)) {
      switch (child.name) {
        case "w:t":
          out.text += ownText(child);
          break;
        case "w:tab":
        case "w:ptab":
          out.text += "\t";
          break;
        case "w:br":
        case "w:cr":
          out.text += "\n";
          break;
        case "w:noBreakHyphen":
          out.text += "-";
          break;
        case "w:sym":
          out.text += symbolText(child);
          break;
        case "mc:AlternateContent": {
          const chosen = chosenContent(child);
          if (chosen) findTextBoxes(chosen, out.textBoxes);
          break;
        }
        case "w:drawing":
        case "w:pict":
        case "w:object":
          findTextBoxes(child, out.textBoxes);
          break;
        default:
          // w:rPr, w:instrText (field codes), w:delText, w:fldChar, w:softHyphen, note and
          // comment references, w:lastRenderedPageBreak: nothing shown in the text.
          break;
      }
    }
  }

  private readTable(table: XmlElement): RawRow[] {
    const rows: RawRow[] = [];
    let leadingHeaders = true;
    for (const row of this.rowsOf(table)) {
      const properties = firstChild(row, "w:trPr");
      if (firstChild(properties, "w:del")) continue;
      const isHeader = leadingHeaders && isOn(firstChild(properties, "w:tblHeader"));
      if (!isHeader) leadingHeaders = false;
      const cells: string[] = [];
      const before = Math.min(integer(firstChild(properties, "w:gridBefore")) ?? 0, 64);
      for (let index = 0; index < before; index += 1) cells.push("");
      for (const cell of this.cellsOf(row)) {
        cells.push(this.readCell(cell));
        const span = integer(firstChild(firstChild(cell, "w:tcPr"), "w:gridSpan")) ?? 1;
        for (let index = 1; index < Math.min(span, 64); index += 1) cells.push("");
      }
      rows.push({ cells, isHeader });
    }
    return rows;
  }

  /** Rows, also those wrapped in content controls or custom XML. */
  private rowsOf(table: XmlElement): XmlElement[] {
    return this.unwrap(table, "w:tr");
  }

  private cellsOf(row: XmlElement): XmlElement[] {
    return this.unwrap(row, "w:tc");
  }

  private unwrap(parent: XmlElement, name: string): XmlElement[] {
    const found: XmlElement[] = [];
    for (const child of childElements(parent)) {
      if (child.name === name) found.push(child);
      else if (child.name === "w:sdt") {
        const content = firstChild(child, "w:sdtContent");
        if (content) found.push(...this.unwrap(content, name));
      } else if (child.name === "w:customXml" || child.name === "w:ins") {
        found.push(...this.unwrap(child, name));
      }
    }
    return found;
  }

  /** A cell's text: its paragraph lines, and nested tables as "a | b" lines. */
  private readCell(cell: XmlElement): string {
    const lines: string[] = [];
    this.readBlocks(childElements(cell), {
      line: (text) => lines.push(text),
      table: (rows) => {
        for (const row of rows) {
          const text = row.cells.filter((value) => value !== "").join(" | ");
          if (text) lines.push(text.replace(/\n/g, " "));
        }
      },
    });
    return lines.join("\n");
  }
}

/** Converts the parts of a Word file into document blocks. Throws XmlSyntaxError on bad XML. */
export function wordToBlocks(parts: WordParts): DocumentBlock[] {
  const root = parseXml(parts.document);
  const body = firstChild(root, "w:body");
  if (root.name !== "w:document" || !body) {
    throw new Error("the main document part has no w:document/w:body");
  }
  const reader = new WordReader(parts);
  const blocks: DocumentBlock[] = [];
  let ordinal = 1;
  reader.readBlocks(childElements(body), {
    line: (text) => {
      blocks.push({ kind: "paragraph", text, line: ordinal++ });
    },
    table: (rows) => {
      if (rows.length === 0) return;
      const line = ordinal;
      const tableRows: DocumentTableRow[] = rows.map((row) => {
        const result: DocumentTableRow = { cells: row.cells, line: ordinal++ };
        if (row.isHeader) result.isHeader = true;
        return result;
      });
      blocks.push({ kind: "table", rows: tableRows, line });
    },
  });
  return blocks;
}
