/**
 * Times the Excel round trip of a 60-task plan on an embedded database: export the task list,
 * preview an edited file, apply it (one transaction).
 *
 *   node --import tsx bench/task-excel.bench.ts      (or: npm run bench task-excel)
 */
import ExcelJS from "exceljs";
import { eq } from "drizzle-orm";
import { AREA_KEYS } from "../src/core/plan/plan-area.ts";
import { listAgenciesOfUnits } from "../src/server/db/repositories/agency.repository.ts";
import { units } from "../src/server/db/schema.ts";
import { loadDemo } from "../src/server/demo/load-demo.ts";
import { SYSTEM_ACTOR } from "../src/server/services/actor.ts";
import { createPlan } from "../src/server/services/plan.service.ts";
import {
  applyTaskSheet,
  exportTaskSheet,
  previewTaskSheet,
} from "../src/server/services/task-excel.service.ts";
import { createTestDatabase } from "../test/support/test-database.ts";

const TASKS = 60;
const REPEATS = 7;

const database = await createTestDatabase();
const db = database.database.db;
await loadDemo(db, { plans: false });
const [unit] = await db.select().from(units).where(eq(units.name, "Phường Bãi Cháy"));
const agencies = await listAgenciesOfUnits(db, [unit!.id]);
const timelines = ["Quý I/2026", "30/9/2026", "Hằng quý", "Cả năm 2026", "Trong tháng 6/2026"];
const { data } = await createPlan(db, SYSTEM_ACTOR, {
  unitId: unit!.id,
  title: "Cải cách hành chính phường Bãi Cháy năm 2026 (đo Excel)",
  period: { kind: "year", year: 2026 },
  tasks: Array.from({ length: TASKS }, (_, i) => ({
    areaKey: AREA_KEYS[i % 7]!,
    ref: String(i + 1),
    text: `Nhiệm vụ số ${i + 1}: rà soát, cập nhật và báo cáo kết quả thực hiện cải cách hành chính`,
    leadAgencyId: agencies[i % agencies.length]!.id,
    timeline: timelines[i % timelines.length]!,
    deliverable: "Báo cáo",
  })),
});
const planId = data.id;

async function edited(source: Buffer, progress: number) {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(source as unknown as ArrayBuffer);
  const sheet = workbook.getWorksheet("Nhiệm vụ")!;
  for (let row = 2; row <= TASKS + 1; row++) {
    sheet.getCell(row, 7).value = "Đang thực hiện";
    sheet.getCell(row, 8).value = progress;
    sheet.getCell(row, 11).value = `Ghi chú lần ${progress}`;
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

const timings = { export: [] as number[], preview: [] as number[], apply: [] as number[] };
for (let round = 0; round <= REPEATS; round++) {
  let started = performance.now();
  const { buffer } = await exportTaskSheet(db, SYSTEM_ACTOR, planId);
  const exportMs = performance.now() - started;
  const file = await edited(buffer, 10 + round);
  started = performance.now();
  const preview = await previewTaskSheet(db, SYSTEM_ACTOR, planId, file);
  const previewMs = performance.now() - started;
  if (preview.data.changed !== TASKS) throw new Error(`expected ${TASKS} changed rows`);
  started = performance.now();
  const applied = await applyTaskSheet(db, SYSTEM_ACTOR, planId, file);
  const applyMs = performance.now() - started;
  if (applied.data.updated !== TASKS) throw new Error(`expected ${TASKS} updated tasks`);
  if (round === 0) continue; // warm-up
  timings.export.push(exportMs);
  timings.preview.push(previewMs);
  timings.apply.push(applyMs);
}

const median = (values: number[]) =>
  [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
const total = median(timings.export) + median(timings.preview) + median(timings.apply);
console.log(
  `Excel round trip of a ${TASKS}-task plan (${database.database.kind}, median of ${REPEATS}):`,
);
for (const [step, values] of Object.entries(timings)) {
  console.log(
    `  ${step.padEnd(8)} ${median(values).toFixed(1).padStart(7)} ms  (max ${Math.max(...values).toFixed(1)} ms)`,
  );
}
console.log(`  total    ${total.toFixed(1).padStart(7)} ms`);
await database.cleanup();
