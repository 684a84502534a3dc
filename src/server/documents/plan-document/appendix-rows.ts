import { enumerationLetter, romanNumeral } from "../nd30-kit/index.ts";
import type { AppendixInput, AppendixTaskInput } from "./plan-document-input.ts";

/** One printed row of an appendix task table, shared by the Word and the Excel output. */
export type AppendixRow =
  | { kind: "section"; label: string; title: string }
  | {
      kind: "task" | "subtask";
      label: string;
      content: string;
      lead: string;
      supporting: string;
      timeline: string;
      deliverable: string;
    };

export const APPENDIX_COLUMNS = [
  "TT",
  "Nội dung",
  "Cơ quan chủ trì",
  "Cơ quan phối hợp",
  "Thời gian thực hiện",
  "Sản phẩm",
] as const;

/**
 * Sections I, II…; tasks 1, 2… numbered across the table; sub-rows keep the TT cell empty and
 * start their content with a), b)… as plans print them.
 */
export function appendixRows(appendix: AppendixInput): AppendixRow[] {
  const rows: AppendixRow[] = [];
  let taskNumber = 0;
  appendix.sections.forEach((section, sectionIndex) => {
    rows.push({ kind: "section", label: romanNumeral(sectionIndex + 1), title: section.title });
    for (const task of section.tasks) {
      taskNumber += 1;
      rows.push(taskRow(task, "task", String(taskNumber)));
      (task.subtasks ?? []).forEach((subtask, subIndex) => {
        const lettered = {
          ...subtask,
          content: `${enumerationLetter(subIndex)}) ${subtask.content}`,
        };
        rows.push(taskRow(lettered, "subtask", ""));
      });
    }
  });
  return rows;
}

function taskRow(task: AppendixTaskInput, kind: "task" | "subtask", label: string): AppendixRow {
  return {
    kind,
    label,
    content: task.content,
    lead: task.lead,
    supporting: task.supporting.join("; "),
    timeline: task.timeline,
    deliverable: task.deliverable,
  };
}
