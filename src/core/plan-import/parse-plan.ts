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
    if (layout.kind === "criteria") {
      criteriaTable.addTable(table, layout);
      return;
    }
    if (lastTaskHeader !== null && lastTaskHeader !== layout.headerKey) taskTable.reset();
    lastTaskHeader = layout.headerKey;
    taskTable.addTable(table, layout);
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
      case "duties":
        duties.push(...parseDuties(paragraphs).duties);
        break;
      case "appendix":
        for (const paragraph of paragraphs) {
          if (isUpperCaseLine(paragraph.text) || /^\(/.test(paragraph.text)) continue;
          if (/^(?:Nơi nhận|[-–+]\s)/u.test(paragraph.text)) continue;
          warnings.add(
            "UNPLACED_TEXT",
            `Đoạn văn trong phụ lục chưa được nhập: “${paragraph.text}”.`,
            paragraph.line,
          );
        }
        break;
      default:
        for (const paragraph of paragraphs) {
          warnings.add(
            "NARRATIVE_NOT_IMPORTED",
            `Nội dung mục “${section.heading?.text ?? ""}” chưa được nhập thành dữ liệu: “${paragraph.text}”.`,
            paragraph.line,
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
  warnings.add(
    "TARGET_NOT_QUANTITATIVE",
    `Chỉ tiêu không có con số đo được, chưa nhập: “${paragraph.text}”.`,
    paragraph.line,
  );
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
