/**
 * Times the plan importer on each sample and on a ~40 KB plan built from the samples: the first
 * call in the process, then the median and maximum of 15 more. The goal is judged on the median.
 *
 *   node --import tsx bench/import.bench.ts
 */
import { readFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parsePlan } from "../src/core/plan-import/parse-plan.ts";
import { textToDocument } from "../src/core/plan-import/text-source.ts";
import { importPlan } from "../src/server/documents/plan-import/index.ts";

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const samplesDir = process.env.CCHC_SAMPLES_DIR
  ? path.resolve(process.env.CCHC_SAMPLES_DIR)
  : path.resolve(repoRoot, "../shared/samples");
const GOAL_MS = 200;

const files = [
  "plan-bai-chay-2023.txt",
  "plan-thuy-nguyen-2025-h2.txt",
  "plan-chanh-lo-2024.txt",
  "plan-hoa-phong-2026-synthetic.txt",
  "plan-hoa-phong-2026-synthetic.docx",
  "plan-hoa-phong-2026-synthetic.pdf",
];

async function time(
  run: () => Promise<unknown>,
  repeats: number,
): Promise<{ first: number; median: number; max: number }> {
  const warmUp = performance.now();
  await run(); // the first call in this process: code not yet optimised by the JIT
  const first = performance.now() - warmUp;
  const samples: number[] = [];
  for (let index = 0; index < repeats; index += 1) {
    const started = performance.now();
    await run();
    samples.push(performance.now() - started);
  }
  samples.sort((a, b) => a - b);
  return {
    first,
    median: samples[Math.floor(samples.length / 2)] ?? 0,
    max: samples[samples.length - 1] ?? 0,
  };
}

/** A ~40 KB plan: the Chánh Lộ plan with its task section repeated under more areas. */
function largePlan(base: string): string {
  const lines = base.split("\n");
  const start = lines.findIndex((line) => line.startsWith("II. NHIỆM VỤ"));
  const end = lines.findIndex((line) => line.startsWith("III. TỔ CHỨC THỰC HIỆN"));
  const body = lines.slice(start + 1, end);
  const copies: string[] = [];
  let total = base.length;
  for (const line of Array.from({ length: 10 }, () => body).flat()) {
    if (total >= 40_000) break;
    copies.push(line);
    total += line.length + 1;
  }
  return [...lines.slice(0, end), ...copies, ...lines.slice(end)].join("\n");
}

const rows: { name: string; size: number; first: number; median: number; max: number }[] = [];
for (const file of files) {
  const buffer = await readFile(path.join(samplesDir, file));
  const result = await time(() => importPlan(buffer, file), 15);
  rows.push({ name: file, size: buffer.length, ...result });
}
const large = largePlan(await readFile(path.join(samplesDir, "plan-chanh-lo-2024.txt"), "utf8"));
const largeBuffer = Buffer.from(large, "utf8");
rows.push({
  name: "~40 KB plan (.txt, importPlan)",
  size: largeBuffer.length,
  ...(await time(() => importPlan(largeBuffer, "large.txt"), 15)),
});
rows.push({
  name: "~40 KB plan (core parsePlan only)",
  size: largeBuffer.length,
  ...(await time(async () => parsePlan(textToDocument(large)), 15)),
});

const header = `${"input".padEnd(38)} ${"bytes".padStart(7)} ${"first ms".padStart(9)} ${"median ms".padStart(10)} ${"max ms".padStart(8)}  goal ≤ ${GOAL_MS} ms`;
console.log(header);
console.log("-".repeat(header.length));
for (const row of rows) {
  console.log(
    `${row.name.padEnd(38)} ${String(row.size).padStart(7)} ${row.first.toFixed(1).padStart(9)} ${row.median.toFixed(1).padStart(10)} ${row.max.toFixed(1).padStart(8)}  ${row.median <= GOAL_MS ? "ok" : "SLOW"}`,
  );
}
