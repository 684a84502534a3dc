/**
 * Scores the plan importer against the hand-written expectations in
 * test/fixtures/plan-import/: precision, recall and F1 per section and per sample, counted per
 * field after normalising whitespace, punctuation, case and tone placement.
 *
 *   node --import tsx scripts/import-score.ts [--json]
 */
import { existsSync } from "node:fs";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { comparableKey } from "../src/core/plan-import/text-utils.ts";
import { toPlanDraft, type DraftAgency } from "../src/core/plan-import/to-plan-draft.ts";
import { importPlan } from "../src/server/documents/plan-import/index.ts";

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
/** `../shared/samples` next to the clone; CCHC_SAMPLES_DIR points elsewhere (a git worktree). */
export const samplesDir = process.env.CCHC_SAMPLES_DIR
  ? path.resolve(process.env.CCHC_SAMPLES_DIR)
  : path.resolve(repoRoot, "../shared/samples");
/** The shared samples are an extra: tests that read them run only where they are present. */
export const hasSamples = existsSync(samplesDir);
export const fixturesDir = path.resolve(repoRoot, "test/fixtures/plan-import");
/** Plans written for this project in the shapes real plans take, with their expectations. */
export const ownFixturesDir = path.resolve(fixturesDir, "own");

/** Each sample file and the expectation it is scored against. */
export const SCORED_SAMPLES: { file: string; expected: string }[] = [
  { file: "plan-bai-chay-2023.txt", expected: "plan-bai-chay-2023" },
  { file: "plan-thuy-nguyen-2025-h2.txt", expected: "plan-thuy-nguyen-2025-h2" },
  { file: "plan-chanh-lo-2024.txt", expected: "plan-chanh-lo-2024" },
  { file: "plan-hoa-phong-2026-synthetic.txt", expected: "plan-hoa-phong-2026-synthetic" },
  { file: "plan-hoa-phong-2026-synthetic.docx", expected: "plan-hoa-phong-2026-synthetic" },
  { file: "plan-hoa-phong-2026-synthetic.pdf", expected: "plan-hoa-phong-2026-synthetic" },
];

export const SECTIONS = ["tasks", "narrative", "targets", "bases", "document"] as const;
/** Cross-cutting views of the samples: agency fields and area fields of every task. */
export const EXTRA_SECTIONS = ["agencies", "areas"] as const;
export type SectionName = (typeof SECTIONS)[number];

export interface Counts {
  tp: number;
  fp: number;
  fn: number;
}

export interface SectionScore extends Counts {
  precision: number;
  recall: number;
  f1: number;
}

type Row = Record<string, unknown>;

function normalise(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  if (Array.isArray(value)) return value.map((part) => normalise(part)).join("|");
  if (typeof value === "number") return String(Math.round(value * 1000) / 1000);
  const text = comparableKey(String(value));
  return text === "" ? null : text;
}

function tokens(text: string | null): Set<string> {
  return new Set((text ?? "").split(" ").filter(Boolean));
}

function similarity(a: string | null, b: string | null): number {
  const left = tokens(a);
  const right = tokens(b);
  if (left.size === 0 && right.size === 0) return 1;
  let shared = 0;
  for (const token of left) if (right.has(token)) shared += 1;
  return (2 * shared) / (left.size + right.size);
}

/** Field-level counts between lists: items are paired greedily by text similarity. */
export function scoreItems(
  expected: Row[],
  actual: Row[],
  fields: string[],
  keyField = "text",
): Counts {
  const pairs: { e: number; a: number; score: number }[] = [];
  expected.forEach((e, ei) => {
    actual.forEach((a, ai) => {
      let score = similarity(normalise(e[keyField]), normalise(a[keyField]));
      if (e.ref !== undefined && normalise(e.ref) === normalise(a.ref)) score += 0.05;
      if (score >= 0.5) pairs.push({ e: ei, a: ai, score });
    });
  });
  pairs.sort((p, q) => q.score - p.score);
  const usedE = new Set<number>();
  const usedA = new Set<number>();
  const counts: Counts = { tp: 0, fp: 0, fn: 0 };
  for (const pair of pairs) {
    if (usedE.has(pair.e) || usedA.has(pair.a)) continue;
    usedE.add(pair.e);
    usedA.add(pair.a);
    const e = expected[pair.e]!;
    const a = actual[pair.a]!;
    for (const field of fields) {
      const ev = normalise(e[field]);
      const av = normalise(a[field]);
      if (ev !== null && ev === av) counts.tp += 1;
      else {
        if (ev !== null) counts.fn += 1;
        if (av !== null) counts.fp += 1;
      }
    }
  }
  const filled = (row: Row): number =>
    fields.filter((field) => normalise(row[field]) !== null).length;
  expected.forEach((row, index) => {
    if (!usedE.has(index)) counts.fn += filled(row);
  });
  actual.forEach((row, index) => {
    if (!usedA.has(index)) counts.fp += filled(row);
  });
  return counts;
}

function finish(counts: Counts): SectionScore {
  const precision = counts.tp + counts.fp === 0 ? 1 : counts.tp / (counts.tp + counts.fp);
  const recall = counts.tp + counts.fn === 0 ? 1 : counts.tp / (counts.tp + counts.fn);
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { ...counts, precision, recall, f1 };
}

function narrative(result: Row): Row[] {
  const areas = (result.areas as Row[] | undefined) ?? [];
  return areas.flatMap((area) =>
    ((area.tasks as Row[] | undefined) ?? []).map((task) => ({ area: area.key, text: task.text })),
  );
}

function documentFields(result: Row): Row {
  const document = (result.document as Row | undefined) ?? {};
  const signer = (document.signer as Row | null | undefined) ?? null;
  return {
    kind: document.kind,
    number: document.number,
    issuer: document.issuer,
    place: document.place,
    date: document.date,
    title: document.title,
    signerName: signer?.name ?? null,
    signerTitle: signer?.title ?? null,
  };
}

export function scoreResult(expected: Row, actual: Row): Record<SectionName, SectionScore> {
  const documentExpected = documentFields(expected);
  const documentActual = documentFields(actual);
  const documentCounts: Counts = { tp: 0, fp: 0, fn: 0 };
  for (const field of Object.keys(documentExpected)) {
    const ev = normalise(documentExpected[field]);
    const av = normalise(documentActual[field]);
    if (ev !== null && ev === av) documentCounts.tp += 1;
    else {
      if (ev !== null) documentCounts.fn += 1;
      if (av !== null) documentCounts.fp += 1;
    }
  }
  return {
    tasks: finish(
      scoreItems((expected.tasks as Row[]) ?? [], (actual.tasks as Row[]) ?? [], [
        "ref",
        "parentRef",
        "rowType",
        "area",
        "text",
        "targetText",
        "lead",
        "support",
        "monitor",
        "timeline",
        "deliverable",
      ]),
    ),
    narrative: finish(scoreItems(narrative(expected), narrative(actual), ["area", "text"])),
    targets: finish(
      scoreItems((expected.targets as Row[]) ?? [], (actual.targets as Row[]) ?? [], [
        "text",
        "metric",
        "comparator",
        "value",
        "unit",
        "scope",
      ]),
    ),
    bases: finish(
      scoreItems((expected.bases as Row[]) ?? [], (actual.bases as Row[]) ?? [], [
        "type",
        "number",
        "date",
        "issuer",
        "text",
      ]),
    ),
    document: finish(documentCounts),
  };
}

/** Agencies (lead, support, monitor) and areas of the tasks, table rows and narrative alike. */
export function scoreExtras(
  expected: Row,
  actual: Row,
): Record<(typeof EXTRA_SECTIONS)[number], SectionScore> {
  const tasks = (result: Row): Row[] => (result.tasks as Row[] | undefined) ?? [];
  const areaRows = (result: Row): Row[] => [...tasks(result), ...narrative(result)];
  return {
    agencies: finish(scoreItems(tasks(expected), tasks(actual), ["lead", "support", "monitor"])),
    areas: finish(scoreItems(areaRows(expected), areaRows(actual), ["area"])),
  };
}

export const OWN_SECTIONS = ["tasks", "agencies", "areas", "targets", "flags"] as const;
export type OwnSectionName = (typeof OWN_SECTIONS)[number];

/** The draft's tasks and targets as the own fixtures write them (agency ids, sorted supports). */
export function draftRows(draft: ReturnType<typeof toPlanDraft>["draft"]): {
  tasks: Row[];
  targets: Row[];
} {
  return {
    tasks: draft.tasks.map((task) => ({
      area: task.areaKey,
      text: task.text,
      lead: task.leadAgencyId,
      support: [...task.supportAgencyIds].sort(),
      monitor: task.monitorAgencyId,
      timeline: task.timeline,
      suggestedLead: task.suggestedLeadAgencyId ?? null,
    })),
    targets: draft.targets.map((target) => ({
      text: target.text,
      metric: target.metric,
      comparator: target.comparator,
      value: target.value,
      valueHigh: target.valueHigh,
      unit: target.unit,
    })),
  };
}

export async function ownFixtureNames(): Promise<string[]> {
  const { readdir } = await import("node:fs/promises");
  return (await readdir(ownFixturesDir))
    .filter((file) => file.endsWith(".txt"))
    .map((file) => file.replace(/\.txt$/, ""))
    .sort();
}

/** Imports one own fixture for its unit's agencies and scores the draft against its expectation. */
export async function scoreOwnFixture(name: string) {
  const buffer = await readFile(path.join(ownFixturesDir, `${name}.txt`));
  const expected = JSON.parse(
    await readFile(path.join(ownFixturesDir, `${name}.expected.json`), "utf8"),
  ) as Row & { agencies: DraftAgency[]; warnings?: string[] };
  const started = performance.now();
  const extracted = await importPlan(buffer, `${name}.txt`);
  const result = toPlanDraft(extracted, {
    unitId: "unit",
    agencies: expected.agencies,
    fallbackYear: 2026,
  });
  const elapsedMs = performance.now() - started;
  const actual = draftRows(result.draft);
  const expectedTasks = ((expected.tasks as Row[]) ?? []).map((task) => ({
    ...task,
    support: [...((task.support as string[]) ?? [])].sort(),
  }));
  const codes = new Set([
    ...result.warnings.map((w) => w.code),
    ...extracted.warnings.map((w) => w.code),
  ]);
  const wanted = expected.warnings ?? [];
  const found = wanted.filter((code) => codes.has(code)).length;
  const scores: Record<OwnSectionName, SectionScore> = {
    tasks: finish(
      scoreItems(expectedTasks, actual.tasks, [
        "text",
        "area",
        "lead",
        "support",
        "monitor",
        "timeline",
      ]),
    ),
    agencies: finish(
      scoreItems(expectedTasks, actual.tasks, ["lead", "support", "monitor", "suggestedLead"]),
    ),
    areas: finish(scoreItems(expectedTasks, actual.tasks, ["area"])),
    targets: finish(
      scoreItems((expected.targets as Row[]) ?? [], actual.targets, [
        "text",
        "metric",
        "comparator",
        "value",
        "valueHigh",
        "unit",
      ]),
    ),
    flags: finish({ tp: found, fp: 0, fn: wanted.length - found }),
  };
  return { scores, elapsedMs, result, extracted, expected };
}

export async function scoreSample(sample: { file: string; expected: string }) {
  const buffer = await readFile(path.join(samplesDir, sample.file));
  const expected = JSON.parse(
    await readFile(path.join(fixturesDir, `${sample.expected}.expected.json`), "utf8"),
  ) as Row;
  const actual = (await importPlan(buffer, sample.file)) as unknown as Row;
  return scoreResult(expected, actual);
}

const timings: Record<string, number> = {};

async function main(): Promise<void> {
  const asJson = process.argv.includes("--json");
  const report: Record<string, Record<string, SectionScore>> = {};
  if (hasSamples) {
    for (const sample of SCORED_SAMPLES) {
      const started = performance.now();
      const buffer = await readFile(path.join(samplesDir, sample.file));
      const actual = (await importPlan(buffer, sample.file)) as unknown as Row;
      const elapsed = performance.now() - started;
      const expected = JSON.parse(
        await readFile(path.join(fixturesDir, `${sample.expected}.expected.json`), "utf8"),
      ) as Row;
      report[sample.file] = { ...scoreResult(expected, actual), ...scoreExtras(expected, actual) };
      timings[sample.file] = elapsed;
    }
  }
  const own: Record<string, Counts> = {};
  for (const name of await ownFixtureNames()) {
    const { scores, elapsedMs } = await scoreOwnFixture(name);
    report[`own/${name}`] = scores;
    timings[`own/${name}`] = elapsedMs;
    for (const [section, score] of Object.entries(scores)) {
      const total = (own[section] ??= { tp: 0, fp: 0, fn: 0 });
      total.tp += score.tp;
      total.fp += score.fp;
      total.fn += score.fn;
    }
  }
  for (const [section, counts] of Object.entries(own)) {
    (report["own (all)"] ??= {})[section] = finish(counts);
  }
  if (asJson) {
    process.stdout.write(`${JSON.stringify({ report, timings }, null, 2)}\n`);
    return;
  }
  const pct = (value: number): string => (value * 100).toFixed(1).padStart(6);
  const header = `${"sample".padEnd(38)} ${"section".padEnd(10)} ${"P%".padStart(6)} ${"R%".padStart(6)} ${"F1%".padStart(6)}   tp/fp/fn`;
  const lines = [header, "-".repeat(header.length + 4)];
  for (const [file, sections] of Object.entries(report)) {
    for (const [section, score] of Object.entries(sections)) {
      lines.push(
        `${file.padEnd(38)} ${section.padEnd(10)} ${pct(score.precision)} ${pct(score.recall)} ${pct(score.f1)}   ${score.tp}/${score.fp}/${score.fn}`,
      );
    }
  }
  lines.push("", "import time (read + parse + draft), ms:");
  for (const [file, ms] of Object.entries(timings))
    lines.push(`${file.padEnd(38)} ${ms.toFixed(0).padStart(6)}`);
  process.stdout.write(`${lines.join("\n")}\n`);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  await main();
}
