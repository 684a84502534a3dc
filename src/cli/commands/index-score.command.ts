/**
 * `cchc index 766 --inputs FILE.json [--json]`: what-if scoring of a methodology from the command
 * line, on the same engine as the server. The methodology is a built-in one ("766") or a document
 * file; indicators missing from the inputs follow their zero-denominator policy.
 */
import { readFile } from "node:fs/promises";
import type { Command } from "commander";
import {
  checkInputsFile,
  checkMethodologyDocument,
  scoreMethodology,
  summarizeScore,
  type DocumentIssue,
  type MethodologyDocument,
  type MethodologyScore,
  type ScoredNode,
} from "../../core/methodology/index.ts";
import { formatVietnameseDate } from "../../core/calendar/index.ts";
import {
  BUILT_IN_METHODOLOGIES,
  builtInMethodology,
} from "../../core/methodology/documents/index.ts";
import { runCommand } from "../cli-errors.ts";

/** An expected refusal: printed as "CODE: message" and its details, exit 2, no stack trace. */
class IndexCommandError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly details: { path: string; message: string }[] = [],
  ) {
    super(message);
  }
}

async function readJson(file: string, what: string): Promise<unknown> {
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const reason =
      code === "ENOENT"
        ? "không tìm thấy tệp"
        : code === "EISDIR"
          ? "đây là thư mục, không phải tệp"
          : "không mở được tệp";
    throw new IndexCommandError(
      "INDEX_FILE_UNREADABLE",
      `Không đọc được ${what} “${file}”: ${reason}.`,
    );
  }
  try {
    return JSON.parse(text.replace(/^\uFEFF/, ""));
  } catch (error) {
    throw new IndexCommandError(
      "INDEX_FILE_NOT_JSON",
      `${capitalize(what)} “${file}” không phải JSON hợp lệ${jsonPosition(text, error)}.`,
    );
  }
}

const capitalize = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

/** " (dòng 3, cột 5)" from JSON.parse's message, when it says where. */
function jsonPosition(text: string, error: unknown): string {
  const message = error instanceof Error ? error.message : "";
  const lineColumn = /line (\d+) column (\d+)/.exec(message);
  if (lineColumn) return ` (dòng ${lineColumn[1]}, cột ${lineColumn[2]})`;
  const position = /position (\d+)/.exec(message);
  if (!position) return "";
  const before = text.slice(0, Number(position[1]));
  const line = before.split("\n").length;
  const column = before.length - before.lastIndexOf("\n");
  return ` (dòng ${line}, cột ${column})`;
}

const documentError = (file: string, errors: DocumentIssue[]) =>
  new IndexCommandError(
    "METHODOLOGY_DOCUMENT_INVALID",
    `Tệp phương pháp chấm “${file}” có lỗi; chưa chấm điểm.`,
    errors,
  );

async function loadMethodology(name: string): Promise<MethodologyDocument> {
  const builtIn = builtInMethodology(name);
  if (builtIn) return builtIn;
  if (!name.toLowerCase().endsWith(".json")) {
    throw new IndexCommandError(
      "METHODOLOGY_UNKNOWN",
      `Không có bộ chỉ số “${name}”. Dùng một trong: ${Object.keys(BUILT_IN_METHODOLOGIES).join(", ")}, hoặc đường dẫn tệp phương pháp chấm .json.`,
    );
  }
  const checked = checkMethodologyDocument(await readJson(name, "tệp phương pháp chấm"));
  if (!checked.ok) throw documentError(name, checked.errors);
  return checked.document;
}

function printScore(document: MethodologyDocument, score: MethodologyScore): string {
  const validity = `hiệu lực từ ${formatVietnameseDate(document.effectiveFrom)}${document.effectiveTo ? ` đến ${formatVietnameseDate(document.effectiveTo)}` : ""}`;
  const lines = [`${document.name} — phiên bản ${document.version}, ${validity}`, ""];
  const print = (node: ScoredNode, depth: number) => {
    lines.push(`${"  ".repeat(depth)}${depth > 0 ? "- " : ""}${node.explanation}`);
    for (const child of node.children) print(child, depth + 1);
  };
  for (const group of score.nodes) print(group, 0);
  lines.push("", score.explanation);
  return lines.join("\n");
}

export function registerIndexCommand(program: Command): void {
  program
    .command("index")
    .description(
      "Chấm thử một bộ chỉ số (ví dụ Bộ chỉ số 766) từ số liệu trong tệp JSON: điểm từng nhóm, tổng điểm và xếp loại",
    )
    .argument(
      "<methodology>",
      `bộ chỉ số có sẵn (${Object.keys(BUILT_IN_METHODOLOGIES).join(", ")}) hoặc tệp phương pháp chấm .json`,
    )
    .requiredOption(
      "--inputs <file>",
      'tệp số liệu: {"indicators": {"ON_TIME": {"numerator": 920, "denominator": 1000}, …}}',
    )
    .option(
      "--json",
      'in JSON: {"total", "band", "groups": [{"code", "name", "points", "max", "indicators"}]}',
    )
    // A missing option is bad input too: exit 2 like the command's own refusals.
    .exitOverride((error) => {
      if (error.exitCode !== 0) process.exit(2);
    })
    .action((name: string, options: { inputs: string; json?: boolean }) =>
      runCommand(async () => {
        const document = await loadMethodology(name);
        const inputs = checkInputsFile(await readJson(options.inputs, "tệp số liệu"), document);
        if (!inputs.ok) {
          throw new IndexCommandError(
            "INDEX_INPUTS_INVALID",
            `Tệp số liệu “${options.inputs}” có lỗi; chưa chấm điểm.`,
            inputs.errors,
          );
        }
        const score = scoreMethodology(document, inputs.inputs);
        process.stdout.write(
          options.json
            ? `${JSON.stringify(summarizeScore(score), null, 2)}\n`
            : `${printScore(document, score)}\n`,
        );
      }),
    );
}
