/**
 * The tasks section: area headings mapped to the standard keys, narrative tasks ("(1)", "a)",
 * "- …"), per-area target scores, and tasks with inline fields ("Cơ quan chủ trì: …").
 */
import { mapAreaKey } from "./area-keys.ts";
import type { AreaKey, ImportedArea, ImportedTarget, ImportedTask } from "./contract.ts";
import { fieldLabel, itemMarker, NUMBERED_HEADING } from "./markers.ts";
import type { Paragraph } from "./paragraphs.ts";
import { areaScoreTarget, parseAreaScore } from "./targets.ts";
import { trimTrailingPunctuation } from "./text-utils.ts";
import type { WarningSink } from "./warnings.ts";

interface NarrativeTask {
  entry: { text: string; line: number };
  label: string | null;
  fields: ImportedTask | null;
  area: AreaState;
}

interface AreaState {
  area: ImportedArea;
  number: string | null;
  tasks: NarrativeTask[];
}

export interface TasksSectionResult {
  areas: ImportedArea[];
  tasks: ImportedTask[];
  /** Texts to scan for targets, with the area key as scope. */
  targetSources: { text: string; scope: AreaKey | null; line: number }[];
  scoreTargets: ImportedTarget[];
}

function isAreaHeading(
  text: string,
): { number: string; title: string; key: AreaKey | null } | null {
  const match = NUMBERED_HEADING.exec(text);
  if (!match) return null;
  const number = match[1] ?? "";
  const title = trimTrailingPunctuation(match[2] ?? "");
  if (number.includes(".") && number.split(".").length > 2) return null;
  if (text.length > 160 || /[.]$/.test(text.trim())) return null;
  const key = mapAreaKey(title);
  if (key) return { number, title, key };
  if (title.length <= 90) return { number, title, key: null };
  return null;
}

export class TasksSectionParser {
  private readonly areas: AreaState[] = [];
  private current: AreaState | null = null;
  private task: NarrativeTask | null = null;
  private readonly scoreTargets: ImportedTarget[] = [];

  constructor(
    private readonly warnings: WarningSink,
    private readonly sectionArea: AreaKey | null,
    private readonly sectionHeading: string,
  ) {}

  private ensureArea(line: number): AreaState {
    if (this.current) return this.current;
    const state: AreaState = {
      area: {
        key: this.sectionArea,
        heading: this.sectionHeading,
        targetScore: null,
        tasks: [],
      },
      number: null,
      tasks: [],
    };
    if (!this.sectionArea) {
      this.warnings.add(
        "UNKNOWN_AREA",
        `Nhiệm vụ không nằm dưới lĩnh vực cải cách nào: “${this.sectionHeading}”.`,
        line,
      );
    }
    this.areas.push(state);
    this.current = state;
    return state;
  }

  add(paragraph: Paragraph): void {
    const text = paragraph.text;
    const score = parseAreaScore(text);
    if (score) {
      const area = this.ensureArea(paragraph.line);
      area.area.targetScore = score;
      this.scoreTargets.push(areaScoreTarget(text, score, area.area.key, paragraph.line));
      return;
    }
    const field = fieldLabel(text);
    if (field) {
      if (!this.task) {
        this.warnings.leaveOut(
          "UNPLACED_TEXT",
          `Trường “${field.label}” không thuộc nhiệm vụ nào: “${text}”.`,
          paragraph.line,
          text,
        );
        return;
      }
      this.setField(this.task, field.field, field.value, field.label);
      return;
    }
    const heading = isAreaHeading(text);
    if (heading) {
      if (!heading.key) {
        this.warnings.add(
          "UNKNOWN_AREA",
          `Không xác định được lĩnh vực cải cách của mục “${heading.title}”.`,
          paragraph.line,
        );
      }
      const state: AreaState = {
        area: { key: heading.key, heading: heading.title, targetScore: null, tasks: [] },
        number: heading.number,
        tasks: [],
      };
      this.areas.push(state);
      this.current = state;
      this.task = null;
      return;
    }
    const marker = itemMarker(text);
    if (marker) {
      const area = this.ensureArea(paragraph.line);
      if (/^\+/.test(text.trim()) && this.task) {
        this.task.entry.text = `${this.task.entry.text}; ${marker.rest}`;
        return;
      }
      this.startTask(area, marker.rest, marker.label, paragraph.line);
      return;
    }
    const numbered = NUMBERED_HEADING.exec(text);
    if (numbered) {
      const area = this.ensureArea(paragraph.line);
      this.startTask(area, numbered[2] ?? text, numbered[1] ?? null, paragraph.line);
      return;
    }
    if (this.task && this.task.area === this.current) {
      this.task.entry.text = `${this.task.entry.text} ${text}`;
      return;
    }
    if (this.current) {
      this.startTask(this.current, text, null, paragraph.line);
      return;
    }
    this.warnings.leaveOut(
      "UNPLACED_TEXT",
      `Không xếp được đoạn văn: “${text}”.`,
      paragraph.line,
      text,
    );
  }

  private startTask(area: AreaState, text: string, label: string | null, line: number): void {
    const task: NarrativeTask = { entry: { text, line }, label, fields: null, area };
    area.tasks.push(task);
    area.area.tasks.push(task.entry);
    this.task = task;
  }

  private setField(task: NarrativeTask, field: string, value: string, label: string): void {
    if (!task.fields) {
      task.fields = {
        ref: task.label,
        parentRef: task.area.number,
        rowType: "task",
        area: task.area.area.key,
        text: task.entry.text,
        targetText: null,
        lead: null,
        support: null,
        monitor: null,
        timeline: null,
        deliverable: null,
        line: task.entry.line,
      };
    }
    const clean = trimTrailingPunctuation(value);
    const fields = task.fields;
    // "Cơ quan thực hiện" is the lead when no "chủ trì" was named, else a supporting agency.
    const key =
      field === "support" && fields.lead === null && !/phối hợp/u.test(label) ? "lead" : field;
    if (
      key === "lead" ||
      key === "support" ||
      key === "monitor" ||
      key === "timeline" ||
      key === "deliverable" ||
      key === "targetText"
    ) {
      const existing = fields[key];
      fields[key] = existing ? `${existing}; ${clean}` : clean || null;
    }
  }

  result(): TasksSectionResult {
    const tasks: ImportedTask[] = [];
    const targetSources: TasksSectionResult["targetSources"] = [];
    for (const state of this.areas) {
      for (const task of state.tasks) {
        targetSources.push({ text: task.entry.text, scope: state.area.key, line: task.entry.line });
        if (task.fields) {
          task.fields.text = task.entry.text;
          tasks.push(task.fields);
          for (const value of [task.fields.deliverable, task.fields.targetText]) {
            if (value)
              targetSources.push({ text: value, scope: state.area.key, line: task.entry.line });
          }
        }
      }
    }
    return {
      areas: this.areas.map((state) => state.area),
      tasks,
      targetSources,
      scoreTargets: this.scoreTargets,
    };
  }
}
