/**
 * Times the plan's Word file (decision + plan + landscape appendix) and the appendix XLSX export
 * for a 60-task plan. Run: node --import tsx bench/plan-document.bench.ts [runs]
 */
import { performance } from "node:perf_hooks";
import { exportAppendixXlsx } from "../src/server/documents/plan-document/appendix-xlsx.ts";
import { generatePlanDocument } from "../src/server/documents/plan-document/plan-document.ts";
import { makePlanDocumentInput } from "../test/unit/plan-document/plan-document-factory.ts";

const WARM_UP_RUNS = 3;
const runs = Number(process.argv[2] ?? 20);

interface Figures {
  name: string;
  bytes: number;
  times: number[];
}

async function measure(name: string, produce: () => Promise<Buffer>): Promise<Figures> {
  let bytes = 0;
  for (let run = 0; run < WARM_UP_RUNS; run += 1) bytes = (await produce()).length;
  const times: number[] = [];
  for (let run = 0; run < runs; run += 1) {
    const started = performance.now();
    bytes = (await produce()).length;
    times.push(performance.now() - started);
  }
  return { name, bytes, times: times.sort((a, b) => a - b) };
}

function percentile(sorted: number[], share: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(share * sorted.length))] ?? Number.NaN;
}

function report({ name, bytes, times }: Figures): string {
  const mean = times.reduce((a, b) => a + b, 0) / times.length;
  const ms = (value: number): string => `${value.toFixed(1)} ms`;
  return [
    name.padEnd(34),
    `min ${ms(times[0] ?? Number.NaN)}`,
    `median ${ms(percentile(times, 0.5))}`,
    `p95 ${ms(percentile(times, 0.95))}`,
    `mean ${ms(mean)}`,
    `${(bytes / 1024).toFixed(1)} KiB`,
  ].join("  ");
}

const input = makePlanDocumentInput({ taskCount: 60 });
const results = [
  await measure("Word (.docx), 60 tasks", () => generatePlanDocument(input)),
  await measure("Appendix Excel (.xlsx), 60 tasks", () => exportAppendixXlsx(input)),
];
console.log(
  `plan-document benchmark: ${runs} runs after ${WARM_UP_RUNS} warm-up runs, Node ${process.version}`,
);
for (const result of results) console.log(report(result));
