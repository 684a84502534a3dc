/**
 * The plan importer's core: document model in, contract JSON out. Pure, never throws; whatever
 * cannot be placed becomes a warning with its line.
 */
import { TasksSectionParser } from "./areas.ts";
import { extractBases } from "./bases.ts";
import type { ImportedArea, ImportedTarget, ImportedTask, PlanImport } from "./contract.ts";
import { closingBlockStart, parseDocumentHeader } from "./document-header.ts";
import type { DocumentTable, PlanDocument } from "./document-model.ts";
import { parseDuties } from "./duties.ts";
import { itemMarker, NUMBERED_HEADING } from "./markers.ts";
import { assembleDocument, type Item, type Paragraph } from "./paragraphs.ts";
import { splitSections, type Section } from "./sections.ts";
import {
  classifyTables,
  CriteriaTableParser,
  markGroups,
  TaskTableParser,
  type TableLayout,
} from "./tables.ts";
import { dedupeTargets, extractTargets } from "./targets.ts";
import { parseReportSchedule } from "../plan/report-schedule.ts";
import { isUpperCaseLine, searchKey } from "./text-utils.ts";
import { WarningSink } from "./warnings.ts";

function paragraphsOf(items: Item[]): Paragraph[] {
  return items.filter((item): item is Paragraph => item.kind === "para");
}

function emptyResult(warnings: WarningSink): PlanImport {
  return {
    document: {
      kind: "plan",
      number: null,
      issuer: null,
      place: null,
      date: null,
      title: null,
      signer: null,
      planTitle: null,
    },
    bases: [],
    targets: [],
    areas: [],
    tasks: [],
    criteria: [],
    duties: [],
    warnings: warnings.warnings,
    purposes: [],
    recipients: [],
    unplaced: warnings.unplaced,
    reportSchedule: [],
  };
}

export function parsePlan(document: PlanDocument): PlanImport {
  const warnings = new WarningSink();
  try {
    return parseDocument(document, warnings);
  } catch (error) {
    warnings.add(
      "PARSER_ERROR",
      `Lỗi khi phân tích tài liệu: ${error instanceof Error ? error.message : String(error)}`,
      null,
    );
    return emptyResult(warnings);
  }
}

function stripMarker(text: string): string {
  const marker = itemMarker(text);
  if (marker) return marker.rest;
  const numbered = NUMBERED_HEADING.exec(text);
  return numbered ? (numbered[2] ?? text) : text;
}

function parseDocument(document: PlanDocument, warnings: WarningSink): PlanImport {
  const tables = document.blocks.filter((block): block is DocumentTable => block.kind === "table");
  const layouts = classifyTables(tables);
  const continuedTables = continuationTables(tables, layouts);
  reportUnknownTables(tables, layouts, warnings);
  const items = assembleDocument(document, (table) => layouts.has(table));
  const all = paragraphsOf(items);
  if (all.length === 0 && layouts.size === 0) {
    warnings.add("EMPTY_DOCUMENT", "Tài liệu không có nội dung văn bản đọc được.", null);
    return emptyResult(warnings);
  }
  const { header, sections } = splitSections(items);
  const headerParagraphs = paragraphsOf(header);
  const { document: imported, recipients } = parseDocumentHeader(headerParagraphs, all, warnings);
  const bases = extractBases(headerParagraphs);

  const targets: ImportedTarget[] = [];
  const areas: ImportedArea[] = [];
  const narrativeTasks: ImportedTask[] = [];
  const purposes: { text: string; line: number }[] = [];
  const duties: PlanImport["duties"] = [];
  const taskTable = new TaskTableParser(warnings);
  const criteriaTable = new CriteriaTableParser();
  let lastTaskHeader: string | null = null;

  const handleTable = (table: DocumentTable): void => {
    const layout: TableLayout | undefined = layouts.get(table);
    if (!layout) return;
    if (layout.guessed) {
      warnings.add(
        "TABLE_LAYOUT_GUESSED",
        `Bảng ở dòng ${table.line} có tiêu đề cột không quen thuộc; các cột được đoán theo nội dung (${describeColumns(layout)}). Hãy kiểm tra lại.`,
        table.line,
      );
    }
    let placed: number;
    if (layout.kind === "criteria") {
      placed = criteriaTable.addTable(table, layout);
    } else {
      if (lastTaskHeader !== null && lastTaskHeader !== layout.headerKey) taskTable.reset();
      lastTaskHeader = layout.headerKey;
      placed = taskTable.addTable(table, layout);
    }
    // A header repeated after a page break carries no rows of its own; a table that never
    // produced a row is an error the officer must see.
    if (placed === 0 && !continuedTables.has(table)) {
      warnings.add(
        "TABLE_EMPTY",
        `Bảng ở dòng ${table.line} (${table.rows.length} dòng) không cho ra nhiệm vụ hay tiêu chí nào; hãy kiểm tra và nhập tay.`,
        table.line,
        "error",
      );
    }
  };

  for (const item of header) if (item.kind === "table") handleTable(item.table);

  let sawTasks = false;
  for (const section of sections) {
    for (const item of section.items) if (item.kind === "table") handleTable(item.table);
    const sectionParagraphs = paragraphsOf(section.items);
    // The recipients list and the signature block close the document: not part of a section.
    const paragraphs = sectionParagraphs.slice(0, closingBlockStart(sectionParagraphs));
    switch (section.kind) {
      case "purposes":
        parsePurposes(section, paragraphs, purposes, targets, warnings);
        break;
      case "targets":
        parseTargetsSection(paragraphs, targets, warnings);
        break;
      case "tasks": {
        sawTasks = true;
        const parser = new TasksSectionParser(
          warnings,
          section.area,
          section.heading ? stripRoman(section.heading.text) : "",
        );
        for (const paragraph of paragraphs) parser.add(paragraph);
        const result = parser.result();
        areas.push(...result.areas);
        narrativeTasks.push(...result.tasks);
        targets.push(...result.scoreTargets);
        for (const source of result.targetSources) {
          targets.push(...extractTargets(source.text, source.scope, source.line));
        }
        break;
      }
      case "duties": {
        const parsed = parseDuties(paragraphs);
        duties.push(...parsed.duties);
        for (const paragraph of parsed.closing) {
          warnings.note("CLOSING_TEXT", paragraph.line, paragraph.text);
        }
        break;
      }
      case "appendix":
        for (const paragraph of paragraphs) {
          if (isUpperCaseLine(paragraph.text) || /^\(/.test(paragraph.text)) continue;
          if (/^(?:Nơi nhận|[-–+]\s)/u.test(paragraph.text)) continue;
          warnings.leaveOut(
            "UNPLACED_TEXT",
            `Đoạn văn trong phụ lục chưa được nhập: “${paragraph.text}”.`,
            paragraph.line,
            paragraph.text,
          );
        }
        break;
      default:
        for (const paragraph of paragraphs) {
          warnings.leaveOut(
            "NARRATIVE_NOT_IMPORTED",
            `Nội dung mục “${section.heading?.text ?? ""}” chưa được nhập thành dữ liệu: “${paragraph.text}”.`,
            paragraph.line,
            paragraph.text,
          );
        }
    }
  }

  const tableTasks = taskTable.tasks;
  markGroups(tableTasks);
  for (const task of tableTasks) {
    if (task.rowType === "section" || task.rowType === "group") continue;
    targets.push(...extractTargets(task.text, task.area, task.line ?? 0));
    if (task.targetText)
      targets.push(...extractTargets(task.targetText, task.area, task.line ?? 0));
  }
  if (!sawTasks && tableTasks.length === 0) {
    warnings.add(
      "MISSING_SECTION",
      "Không tìm thấy mục nhiệm vụ, giải pháp hoặc bảng danh mục nhiệm vụ.",
      null,
    );
  }

  const byLine = <T extends { line?: number | undefined }>(a: T, b: T): number =>
    (a.line ?? 0) - (b.line ?? 0);
  const tasks = [...narrativeTasks, ...tableTasks];
  return {
    document: imported,
    bases,
    targets: dedupeTargets([...targets].sort(byLine)),
    areas,
    tasks,
    criteria: criteriaTable.criteria,
    duties,
    warnings: warnings.warnings,
    purposes,
    recipients,
    unplaced: warnings.unplaced,
    reportSchedule: all.flatMap((paragraph) =>
      parseReportSchedule(paragraph.text).map((entry) => ({ ...entry, line: paragraph.line })),
    ),
  };
}

function stripRoman(text: string): string {
  return text.replace(/^(?:PHẦN\s+)?[IVX]{1,5}\s*[.)/:-]\s*/u, "").trim();
}

function parsePurposes(
  section: Section,
  paragraphs: Paragraph[],
  purposes: { text: string; line: number }[],
  targets: ImportedTarget[],
  warnings: WarningSink,
): void {
  let inTargets = false;
  void section;
  for (const paragraph of paragraphs) {
    const numbered = NUMBERED_HEADING.exec(paragraph.text);
    const isSubheading =
      numbered !== null && paragraph.text.length <= 100 && !/[.;]$/.test(paragraph.text.trim());
    if (isSubheading) {
      inTargets = /chi tieu/.test(searchKey(paragraph.text));
      continue;
    }
    const found = extractTargets(paragraph.text, null, paragraph.line);
    targets.push(...found);
    if (inTargets) {
      if (found.length === 0) reportNonQuantitative(paragraph, warnings);
      continue;
    }
    purposes.push({ text: stripMarker(paragraph.text), line: paragraph.line });
  }
}

function reportNonQuantitative(paragraph: Paragraph, warnings: WarningSink): void {
  warnings.leaveOut(
    "TARGET_NOT_QUANTITATIVE",
    `Chỉ tiêu không có con số đo được, chưa nhập: “${paragraph.text}”.`,
    paragraph.line,
    paragraph.text,
  );
}

/** Tables that continue the one before (same layout, header repeated after a page break). */
function continuationTables(
  tables: DocumentTable[],
  layouts: Map<DocumentTable, TableLayout>,
): Set<DocumentTable> {
  const continued = new Set<DocumentTable>();
  for (let index = 1; index < tables.length; index += 1) {
    const previous = layouts.get(tables[index - 1]!);
    const current = layouts.get(tables[index]!);
    if (previous && current && previous.headerKey === current.headerKey)
      continued.add(tables[index]!);
  }
  return continued;
}

/** A table with rows and columns whose header names nothing known is read as text: say so. */
function reportUnknownTables(
  tables: DocumentTable[],
  layouts: Map<DocumentTable, TableLayout>,
  warnings: WarningSink,
): void {
  for (const table of tables) {
    if (layouts.has(table)) continue;
    const width = Math.max(0, ...table.rows.map((row) => row.cells.length));
    if (width < 3 || table.rows.length < 3) continue;
    warnings.add(
      "UNKNOWN_TABLE",
      `Bảng ở dòng ${table.line} (${table.rows.length} dòng, ${width} cột) không nhận ra cột nhiệm vụ, cơ quan hay thời gian; nội dung được đọc như đoạn văn.`,
      table.line,
    );
  }
}

const ROLE_LABELS: Record<string, string> = {
  ref: "TT",
  text: "nội dung",
  lead: "chủ trì",
  support: "phối hợp",
  monitor: "theo dõi",
  timeline: "thời gian",
  deliverable: "sản phẩm",
  targetText: "kết quả cần đạt",
  note: "ghi chú",
  area: "lĩnh vực",
};

function describeColumns(layout: TableLayout): string {
  return layout.columns.map((role) => (role ? (ROLE_LABELS[role] ?? role) : "—")).join(" | ");
}

function parseTargetsSection(
  paragraphs: Paragraph[],
  targets: ImportedTarget[],
  warnings: WarningSink,
): void {
  for (const paragraph of paragraphs) {
    const found = extractTargets(paragraph.text, null, paragraph.line);
    if (found.length === 0) reportNonQuantitative(paragraph, warnings);
    targets.push(...found);
  }
}
