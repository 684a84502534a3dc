/**
 * Periodic reports at province scale (issue 16): a ward's yearly report and the province's
 * consolidated yearly report of its communes, built and rendered in Word and Excel.
 *
 *   npm run bench reports [-- --communes 100] [--dossiers-per-commune 2000] [--runs 10]
 *     [--url postgres://…]
 *
 * - Where: PostgreSQL — its own throwaway cluster by default (`bench/support/pg-cluster.ts`, port
 *   BENCH_PG_PORT or 55498, data under /tmp, stopped and deleted at the end), or a database
 *   `cchc_reports_bench_<pid>` created on BENCH_DATABASE_URL and dropped at the end.
 * - Generates a province of --communes communes: units, agencies, procedures, dossiers (from
 *   01/07/2025 to 30/11/2026, --dossiers-per-commune each, with pauses, apologies, lateness) and
 *   feedback in bulk (`bench/support/province-generator.ts`); then per commune an issued 2026
 *   plan with tasks across the eight areas (done on time, late, in progress, overdue, cancelled)
 *   and targets measured from live data (one-stop, feedback, satisfaction, 766, tasks, manual),
 *   60 SIPAS answers sheets (bulk SQL), and a PAR scorecard on the province's published commune
 *   methodology with a few leaves self-scored (the app's services). The province publishes a
 *   yearly report kind ("trước ngày 15/12", statistical cut-off: 15/12/2025–14/12/2026); each
 *   commune's report is opened and submitted through the report service (figures frozen), so the
 *   roll-up has every commune's submitted version.
 * - Measures, --runs times each after two warm-up runs (p50/p95), with the services the routes
 *   call: building one ward's yearly report from live data (`gatherFigures`, what the draft page
 *   and the submission run); its Word file (`reportWordFile`, GET /api/reports/:id/report.docx)
 *   and Excel annex (`reportAnnexXlsx`, …/report.xlsx), alternating in the same loop, and their
 *   ratio; the province's consolidated roll-up (`reportRollup`, GET /api/reports/rollup); its
 *   Word (`rollupWordFile`) and Excel (`rollupAnnexXlsx`) and their ratio; and the four files
 *   alone from an input filled once (the Word and Excel writers without the database reads). Prints a table, a
 *   JSON line, and the load average seen while measuring (the machine may be shared).
 */
import { randomUUID } from "node:crypto";
import { loadavg } from "node:os";
import pg from "pg";
import { AREA_HEADINGS, AREA_KEYS } from "../src/core/plan/plan-area.ts";
import type { TargetMetric } from "../src/core/plan/target-metric.ts";
import { questionnaireInForce } from "../src/core/sipas/questionnaire-versions.ts";
import { parIndexCommuneTemplate } from "../src/core/scorecard/templates/index.ts";
import { openPostgres } from "../src/server/db/database.ts";
import { runMigrations } from "../src/server/db/migrate.ts";
import { planAreas, planTargets, planTasks, plans } from "../src/server/db/schema-plan.ts";
import type { Actor } from "../src/server/services/actor.ts";
import { importMethodologyDocument } from "../src/server/services/methodology-document.service.ts";
import { gatherFigures } from "../src/server/services/report-builder.service.ts";
import { createReportKind } from "../src/server/services/report-calendar.service.ts";
import { generateReportDocument } from "../src/server/documents/report-document/report-document.ts";
import { exportReportXlsx } from "../src/server/documents/report-document/report-xlsx.ts";
import {
  exportRollupXlsx,
  generateRollupDocument,
} from "../src/server/documents/report-document/rollup-document.ts";
import {
  reportAnnexXlsx,
  reportDocumentInput,
  reportWordFile,
  rollupDocumentInput,
  rollupAnnexXlsx,
  rollupWordFile,
} from "../src/server/services/report-document.service.ts";
import { reportRollup } from "../src/server/services/report-rollup.service.ts";
import { getReport, openReport, submitReport } from "../src/server/services/report.service.ts";
import {
  openScorecard,
  publishMethodology,
  updateSelfEntry,
} from "../src/server/services/scorecard.service.ts";
import { generateProvince, mulberry32 } from "./support/province-generator.ts";
import { createBenchDatabase, startCluster, type Cluster } from "./support/pg-cluster.ts";
import { argument } from "./support/arguments.ts";
import { percentile } from "./support/percentile.ts";

const communeCount = Number(argument("communes") ?? 100);
const perCommune = Number(argument("dossiers-per-commune") ?? 2000);
const runs = Number(argument("runs") ?? 10);
/** The day the reports are built and submitted: the day after the yearly period's cut-off. */
const TODAY = "2026-12-15";
const PERIOD_KEY = "2026-Y";

const loadSamples: number[] = [];
const loadTimer = setInterval(() => loadSamples.push(loadavg()[0]!), 2000);
loadTimer.unref();
const loadRange = (from = 0) => {
  const samples = loadSamples.slice(from);
  samples.push(loadavg()[0]!);
  return { min: Math.min(...samples), max: Math.max(...samples) };
};

type Database = Awaited<ReturnType<typeof openPostgres>>;

const actorOn = (unitId: string, role: "focal_officer" | "leader"): Actor => ({
  userId: null,
  name: "Người chạy bench",
  grants: [{ role, unitId, agencyId: null }],
});

const random = mulberry32(16);
const int = (min: number, max: number) => min + Math.floor(random() * (max - min + 1));
const day = (month: number, dayOfMonth: number) =>
  `2026-${String(month).padStart(2, "0")}-${String(Math.min(dayOfMonth, 28)).padStart(2, "0")}`;

const TARGETS: { metric: TargetMetric; value: number; unit: "percent" | "points" | null }[] = [
  { metric: "tasks_completed_rate", value: 100, unit: "percent" },
  { metric: "on_time_rate", value: 98, unit: "percent" },
  { metric: "late_apology_rate", value: 100, unit: "percent" },
  { metric: "online_dossier_rate", value: 60, unit: "percent" },
  { metric: "digitized_dossier_rate", value: 80, unit: "percent" },
  { metric: "online_payment_rate", value: 45, unit: "percent" },
  { metric: "satisfaction_rate", value: 90, unit: "percent" },
  { metric: "feedback_on_time_rate", value: 100, unit: "percent" },
  { metric: "service_index_766", value: 80, unit: "points" },
  { metric: "manual", value: 100, unit: "percent" },
];

/** An issued 2026 plan per commune: 8 areas, 5–7 tasks each (some with sub-tasks), targets. */
async function generatePlans(database: Database, communeIds: string[]) {
  let taskCount = 0;
  for (const unitId of communeIds) {
    await database.db.transaction(async (tx) => {
      const [plan] = await tx
        .insert(plans)
        .values({
          unitId,
          title: "Kế hoạch cải cách hành chính năm 2026",
          periodKind: "year",
          periodLabel: "Năm 2026",
          periodStart: "2026-01-01",
          periodEnd: "2026-12-31",
          status: "issued",
          issuedDate: "2026-01-05",
          issuedAt: new Date("2026-01-05T09:00:00+07:00"),
        })
        .returning();
      const areas = await tx
        .insert(planAreas)
        .values(
          AREA_KEYS.slice(0, 8).map((key, i) => ({
            planId: plan!.id,
            key,
            heading: AREA_HEADINGS[key],
            position: i + 1,
          })),
        )
        .returning();
      const tasks: (typeof planTasks.$inferInsert)[] = [];
      let position = 0;
      for (const area of areas) {
        for (let k = int(5, 7); k > 0; k--) {
          const due = day(int(1, 12), int(1, 28));
          const roll = random();
          const status =
            roll < 0.55
              ? "completed"
              : roll < 0.8
                ? "in_progress"
                : roll < 0.95
                  ? "not_started"
                  : "cancelled";
          const late = random() < 0.2;
          const completedAt =
            status === "completed"
              ? late
                ? due.replace(
                    /-(\d\d)$/,
                    (_, d: string) => `-${String(Math.min(28, Number(d) + 10)).padStart(2, "0")}`,
                  )
                : due.replace(/-\d\d$/, "-01")
              : null;
          tasks.push({
            id: randomUUID(),
            planId: plan!.id,
            areaId: area.id,
            position: ++position,
            text: `Nhiệm vụ ${position} thuộc lĩnh vực ${area.heading.toLowerCase()}`,
            dueDate: due,
            status,
            completedAt,
          });
        }
      }
      // A few tasks with two sub-tasks each: the report counts the sub-tasks.
      const children: (typeof planTasks.$inferInsert)[] = [];
      for (const parent of tasks.filter((_, i) => i % 9 === 0)) {
        for (let s = 0; s < 2; s++) {
          children.push({
            planId: plan!.id,
            areaId: parent.areaId,
            parentTaskId: parent.id,
            position: ++position,
            text: `${parent.text} — phần việc ${s + 1}`,
            dueDate: parent.dueDate,
            status: s === 0 ? "completed" : "in_progress",
            completedAt: s === 0 ? parent.dueDate : null,
          });
        }
      }
      await tx.insert(planTasks).values(tasks);
      await tx.insert(planTasks).values(children);
      taskCount += tasks.length + children.length;
      await tx.insert(planTargets).values(
        TARGETS.map((target, i) => ({
          planId: plan!.id,
          areaId: areas[i % areas.length]!.id,
          position: i + 1,
          text: `Chỉ tiêu ${i + 1}`,
          metric: target.metric,
          comparator: "gte" as const,
          value: target.value,
          unit: target.unit,
          deadline: "2026-12-31",
          manualValue: target.metric === "manual" ? int(80, 100) : null,
        })),
      );
    });
  }
  return taskCount;
}

/** SIPAS answer sheets (paper), every item answered 1–5, mostly 4 and 5: bulk SQL. */
async function generateSipas(url: string, communeIds: string[], perUnit: number) {
  const questionnaire = questionnaireInForce("2026-06-30");
  const items = questionnaire.parts.flatMap((part) =>
    part.factors.flatMap((factor) =>
      factor.items.map((item) => ({ code: item.code, factor: factor.key, part: part.key })),
    ),
  );
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    for (const unitId of communeIds) {
      const ids: string[] = [];
      const days: string[] = [];
      for (let n = 0; n < perUnit; n++) {
        ids.push(randomUUID());
        days.push(day(int(1, 11), int(1, 28)));
      }
      await client.query(
        `insert into sipas_responses (id, unit_id, questionnaire_code, channel, answered_on)
         select id, $2, $3, 'paper', d from unnest($1::uuid[], $4::date[]) as t(id, d)`,
        [ids, unitId, questionnaire.code, days],
      );
      const response: string[] = [];
      const code: string[] = [];
      const factor: string[] = [];
      const part: string[] = [];
      const value: number[] = [];
      for (const id of ids) {
        for (const item of items) {
          response.push(id);
          code.push(item.code);
          factor.push(item.factor);
          part.push(item.part);
          const roll = random();
          value.push(roll < 0.05 ? 2 : roll < 0.12 ? 3 : roll < 0.55 ? 4 : 5);
        }
      }
      await client.query(
        `insert into sipas_answers (response_id, item_code, factor_key, part_key, value)
         select * from unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::smallint[])`,
        [response, code, factor, part, value],
      );
    }
    return items.length;
  } finally {
    await client.end();
  }
}

/** The province's commune methodology published; each commune's scorecard with a few leaves. */
async function generateScorecards(database: Database, provinceId: string, communeIds: string[]) {
  const province = actorOn(provinceId, "leader");
  const template = parIndexCommuneTemplate();
  const imported = await importMethodologyDocument(database.db, province, {
    unitId: provinceId,
    level: "commune",
    document: template,
  });
  await publishMethodology(database.db, province, imported.data.id);
  const leaves: { code: string; max: number }[] = [];
  const walk = (nodes: { code: string; maxPoints?: number; children?: unknown[] }[]) => {
    for (const node of nodes) {
      if (node.children && node.children.length > 0) walk(node.children as typeof nodes);
      else leaves.push({ code: node.code, max: node.maxPoints ?? 1 });
    }
  };
  walk((template as unknown as { nodes: Parameters<typeof walk>[0] }).nodes);
  const scored = leaves.filter((_, i) => i % 4 === 0).slice(0, 8);
  for (const unitId of communeIds) {
    const actor = actorOn(unitId, "focal_officer");
    const card = await openScorecard(database.db, actor, { unitId, year: 2026 });
    for (const leaf of scored) {
      try {
        await updateSelfEntry(database.db, actor, card.data.id, leaf.code, {
          selfPoints: Math.max(0, Math.floor(leaf.max * (0.5 + random() / 2))),
          notApplicable: false,
        });
      } catch {
        // A live leaf (KPI, SIPAS, tasks) takes no self score without a reason: skipped.
      }
    }
  }
  return scored.length;
}

async function timed<T>(into: number[], run: () => Promise<T>): Promise<T> {
  const t = performance.now();
  const result = await run();
  into.push(performance.now() - t);
  return result;
}

async function main() {
  const name = `cchc_reports_bench_${process.pid}`;
  let cluster: Cluster | null = null;
  let serverUrl = process.env.BENCH_DATABASE_URL;
  if (!serverUrl) {
    const port = Number(process.env.BENCH_PG_PORT ?? 55498);
    cluster = startCluster({
      port,
      settings: { max_wal_size: "4GB", checkpoint_timeout: "30min", synchronous_commit: "off" },
    });
    serverUrl = cluster.url;
    console.log(`own PostgreSQL cluster on port ${port} (${cluster.dataDir})`);
  }
  const benchDatabase = await createBenchDatabase(serverUrl, name);
  const url = benchDatabase.url;
  const database = await openPostgres(url);
  let failed = false;
  try {
    await runMigrations(database);
    let t0 = Date.now();
    const dossiers = communeCount * perCommune;
    const province = await generateProvince({
      url,
      dossiers,
      feedback: communeCount * 40,
      communes: communeCount,
      procedures: 60,
      first: "2025-07-01",
      last: "2026-11-30",
      log: (l) => console.log(`  ${l}`),
    });
    const { provinceId, communeIds } = province;
    const tasks = await generatePlans(database, communeIds);
    const sipasItems = await generateSipas(url, communeIds, 60);
    const parLeaves = await generateScorecards(database, provinceId, communeIds);
    console.log(
      `generated ${communeCount} communes, ${dossiers.toLocaleString("en")} dossiers, ${(communeCount * 40).toLocaleString("en")} feedback, ${tasks.toLocaleString("en")} tasks, ${communeCount * TARGETS.length} targets, ${communeCount * 60} SIPAS sheets × ${sipasItems} items, ${communeCount} scorecards (${parLeaves} leaves tried) in ${((Date.now() - t0) / 1000).toFixed(0)} s`,
    );

    const provinceActor = actorOn(provinceId, "leader");
    const kind = await createReportKind(database.db, provinceActor, provinceId, {
      name: "Báo cáo kết quả công tác cải cách hành chính năm",
      periodKind: "yearly",
      dueText: "trước ngày 15/12",
      periodRule: "statistical_cutoff",
      publish: true,
    });
    const kindId = kind.data.id;
    t0 = Date.now();
    const reportIds = new Map<string, string>();
    const openMs: number[] = [];
    const submitMs: number[] = [];
    for (const unitId of communeIds) {
      const actor = actorOn(unitId, "focal_officer");
      const opened = await timed(openMs, () =>
        openReport(database.db, actor, unitId, { kindId, periodKey: PERIOD_KEY }, TODAY),
      );
      await timed(submitMs, () => submitReport(database.db, actor, opened.data.id, TODAY));
      reportIds.set(unitId, opened.data.id);
    }
    console.log(
      `${communeCount} yearly reports opened and submitted in ${((Date.now() - t0) / 1000).toFixed(1)} s (open p50 ${percentile(openMs, 50).toFixed(0)} ms, submit p50 ${percentile(submitMs, 50).toFixed(0)} ms)`,
    );

    // The ward measured: the first commune (a phường).
    const wardId = communeIds[0]!;
    const wardActor = actorOn(wardId, "focal_officer");
    const reportId = reportIds.get(wardId)!;
    const report = (await getReport(database.db, wardActor, reportId, TODAY)).data;
    const period = {
      key: report.periodKey,
      label: report.periodLabel,
      from: report.periodFrom,
      to: report.periodTo,
    };
    const figures = report.figures;
    console.log(
      `ward ${figures.unit.name}, ${period.label} (${period.from}…${period.to}): ${figures.oneStop.received.toLocaleString("en")} dossiers received, ${figures.oneStop.carriedOver.toLocaleString("en")} carried over, ${figures.feedback.received} feedback, SIPAS ${figures.satisfaction.respondents} sheets, ${figures.tasks.total.total} tasks, ${figures.targets.items.length} targets, 766 ${figures.serviceIndex766.total ?? "–"}, PAR ${figures.par?.available ? "self-scored" : "none"}`,
    );
    const query = { kindId, periodKey: PERIOD_KEY };

    const measuredFrom = loadSamples.length;
    const m = {
      wardBuild: [] as number[],
      wardDocx: [] as number[],
      wardXlsx: [] as number[],
      rollupBuild: [] as number[],
      rollupDocx: [] as number[],
      rollupXlsx: [] as number[],
      wardDocxOnly: [] as number[],
      wardXlsxOnly: [] as number[],
      rollupDocxOnly: [] as number[],
      rollupXlsxOnly: [] as number[],
    };
    // The files alone, from an input filled once (what the Word and Excel writers cost).
    const wardInput = await reportDocumentInput(database.db, wardActor, reportId, undefined, TODAY);
    const rollupInput = await rollupDocumentInput(
      database.db,
      provinceActor,
      provinceId,
      query,
      TODAY,
    );
    const sizes = { wardDocx: 0, wardXlsx: 0, rollupDocx: 0, rollupXlsx: 0 };
    let rolledUp = 0;
    let missing = 0;
    for (let i = -2; i < runs; i++) {
      const into = (list: number[]) => (i < 0 ? [] : list);
      await timed(into(m.wardBuild), () => gatherFigures(database.db, wardId, period, TODAY));
      const docx = await timed(into(m.wardDocx), () =>
        reportWordFile(database.db, wardActor, reportId, undefined, TODAY),
      );
      const xlsx = await timed(into(m.wardXlsx), () =>
        reportAnnexXlsx(database.db, wardActor, reportId, undefined, TODAY),
      );
      const rollup = await timed(into(m.rollupBuild), () =>
        reportRollup(database.db, provinceActor, provinceId, query, TODAY),
      );
      const rollupDocx = await timed(into(m.rollupDocx), () =>
        rollupWordFile(database.db, provinceActor, provinceId, query, TODAY),
      );
      const rollupXlsx = await timed(into(m.rollupXlsx), () =>
        rollupAnnexXlsx(database.db, provinceActor, provinceId, query, TODAY),
      );
      await timed(into(m.wardDocxOnly), () => generateReportDocument(wardInput));
      await timed(into(m.wardXlsxOnly), () => exportReportXlsx(wardInput));
      await timed(into(m.rollupDocxOnly), () => generateRollupDocument(rollupInput));
      await timed(into(m.rollupXlsxOnly), () => exportRollupXlsx(rollupInput));
      sizes.wardDocx = docx.length;
      sizes.wardXlsx = xlsx.length;
      sizes.rollupDocx = rollupDocx.length;
      sizes.rollupXlsx = rollupXlsx.length;
      rolledUp = rollup.data.units.length;
      missing = rollup.data.missing.length;
    }
    if (rolledUp !== communeCount || missing !== 0) {
      failed = true;
      console.log(`ROLL-UP WRONG: ${rolledUp} units rolled up, ${missing} missing`);
    }
    const load = loadRange(measuredFrom);
    const ms = (values: number[], p: number) => percentile(values, p);
    const fmt = (n: number) => n.toLocaleString("en", { maximumFractionDigits: 0 });
    const kb = (n: number) => `${(n / 1024).toFixed(0)} KB`;
    const ratio = (a: number[], b: number[], p: number) => ms(a, p) / ms(b, p);
    console.log(
      `\nyearly report ${PERIOD_KEY}, ${communeCount} communes, ${perCommune.toLocaleString("en")} dossiers per commune, ${runs} runs, load average ${load.min.toFixed(1)}–${load.max.toFixed(1)}`,
    );
    console.log("| step | service | p50 ms | p95 ms | size |");
    console.log("|---|---|---|---|---|");
    const row = (step: string, service: string, values: number[], size = "") =>
      console.log(
        `| ${step} | ${service} | ${fmt(ms(values, 50))} | ${fmt(ms(values, 95))} | ${size} |`,
      );
    row("ward: build from live data", "gatherFigures", m.wardBuild);
    row("ward: Word", "reportWordFile (report.docx)", m.wardDocx, kb(sizes.wardDocx));
    row("ward: Excel annex", "reportAnnexXlsx (report.xlsx)", m.wardXlsx, kb(sizes.wardXlsx));
    row(`province: roll-up of ${rolledUp} submitted`, "reportRollup", m.rollupBuild);
    row("province: Word", "rollupWordFile (rollup.docx)", m.rollupDocx, kb(sizes.rollupDocx));
    row(
      "province: Excel annex",
      "rollupAnnexXlsx (rollup.xlsx)",
      m.rollupXlsx,
      kb(sizes.rollupXlsx),
    );
    row("ward: Word file alone (input filled once)", "generateReportDocument", m.wardDocxOnly);
    row("ward: Excel file alone", "exportReportXlsx", m.wardXlsxOnly);
    row("province: Word file alone", "generateRollupDocument", m.rollupDocxOnly);
    row("province: Excel file alone", "exportRollupXlsx", m.rollupXlsxOnly);
    console.log(
      `files alone, Word ÷ Excel: ward p50 ${ratio(m.wardDocxOnly, m.wardXlsxOnly, 50).toFixed(2)}, roll-up p50 ${ratio(m.rollupDocxOnly, m.rollupXlsxOnly, 50).toFixed(2)}`,
    );
    console.log(
      `Word ÷ Excel: ward p50 ${ratio(m.wardDocx, m.wardXlsx, 50).toFixed(2)}, p95 ${ratio(m.wardDocx, m.wardXlsx, 95).toFixed(2)}; roll-up p50 ${ratio(m.rollupDocx, m.rollupXlsx, 50).toFixed(2)}, p95 ${ratio(m.rollupDocx, m.rollupXlsx, 95).toFixed(2)}`,
    );
    const json = {
      bench: "reports",
      communes: communeCount,
      dossiersPerCommune: perCommune,
      runs,
      loadAverage: [Number(load.min.toFixed(1)), Number(load.max.toFixed(1))],
      ...Object.fromEntries(
        Object.entries(m).map(([key, values]) => [
          key,
          { p50: Math.round(ms(values, 50)), p95: Math.round(ms(values, 95)) },
        ]),
      ),
      wordOverExcel: {
        ward: Number(ratio(m.wardDocx, m.wardXlsx, 50).toFixed(2)),
        rollup: Number(ratio(m.rollupDocx, m.rollupXlsx, 50).toFixed(2)),
        wardFilesAlone: Number(ratio(m.wardDocxOnly, m.wardXlsxOnly, 50).toFixed(2)),
        rollupFilesAlone: Number(ratio(m.rollupDocxOnly, m.rollupXlsxOnly, 50).toFixed(2)),
      },
      bytes: sizes,
    };
    console.log(JSON.stringify(json));
  } finally {
    await database.close();
    await benchDatabase.drop();
    cluster?.stop();
  }
  if (failed) process.exitCode = 1;
}

await main();
