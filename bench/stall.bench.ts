/**
 * Does the embedded database stall the server? `/api/health` and the public lookup while two
 * users search a ward of a million dossiers and a bulk import runs, on PGlite.
 *
 *   npm run bench stall [-- --rows 1000000] [--import-rows 200000] [--seconds 40]
 *     [--before /path/to/another/checkout] [--rounds 1] [--probe-ms 100]
 *
 * - The ward: the demo's Phường Bãi Cháy filled with `--rows` dossiers by the bulk import (the
 *   export of bench/support/dossier-export.ts), made once and kept in `.tmp/bench-stall-<rows>/`;
 *   each measured server starts on a fresh copy of it.
 * - While measuring: the clerk and the administrator each search the register in a loop (a
 *   common name word, a full name, a code prefix, 20 pages deep through the cursor, 20 pages
 *   deep in a name search), an import of `--import-rows` new dossiers runs, and two probes ask
 *   `GET /api/health` and the public lookup (`GET /api/public/dossiers/:code`), each a request
 *   every `--probe-ms` whether or not the last one was answered, for `--seconds`: as people
 *   arrive, so every server gets as many, and a stall counts every request that waited through
 *   it (one request at a time, a stall was one slow answer, and a faster server got more
 *   requests — 3× more lookups once they answered in 20 ms instead of 80). Prints p50/p99/max per route (the longest health answer is
 *   the longest time the event loop was held, as health reads nothing), the rows the import
 *   wrote per second meanwhile, and the server's RSS (once started, its peak sampled every 100 ms
 *   while measured, and VmHWM).
 * - `--server-log DIR`: each server's log (warnings) written to DIR/<label>-<n>.log, and the
 *   embedded database's slow turns in it summed up (run with CCHC_PGLITE_SLOW_MS=100, say).
 * - `--before DIR`: the same, in the same run, with the server of another checkout (e.g. the main
 *   branch) on its own copy of the ward; `--rounds N` alternates the two N times.
 */
import { spawnSync } from "node:child_process";
import {
  closeSync,
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  openAsBlob,
  openSync,
  readFileSync,
  rmSync,
} from "node:fs";
import { loadavg } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { startBenchServer } from "./support/bench-server.ts";
import { generateDossierExport } from "./support/dossier-export.ts";
import { Session, rssMb } from "./support/http-session.ts";
import { argument } from "./support/arguments.ts";
import { percentile } from "./support/percentile.ts";
import { prepareDemoFolder } from "./support/demo-folder.ts";

const repoRoot = path.resolve(import.meta.dirname, "..");
const tmpDir = path.join(repoRoot, ".tmp");
const rows = Number(argument("rows") ?? 1_000_000);
const importRows = Number(argument("import-rows") ?? 200_000);
const seconds = Number(argument("seconds") ?? 40);
const before = argument("before") ?? null;
const rounds = Number(argument("rounds") ?? 1);
const serverLog = argument("server-log") ?? null;
const probeMs = Number(argument("probe-ms") ?? 100);
if (!(probeMs > 0)) throw new Error("--probe-ms: a number of milliseconds above 0");
let logCount = 0;
const WARD = "06658";

type Run = { id: string; state: string; processed: number; message: string | null };

async function startImport(session: Session, file: string): Promise<Run> {
  const units = (await session.call<{ data: { id: string; code: string }[] }>("GET", "/api/units"))
    .data;
  const form = new FormData();
  form.append("unitId", units.find((u) => u.code === WARD)!.id);
  form.append("file", await openAsBlob(file), path.basename(file));
  return (await session.call<{ data: Run }>("POST", "/api/dossier-imports", form)).data;
}

const importRun = async (session: Session, id: string) =>
  (await session.call<{ data: Run }>("GET", `/api/dossier-imports/${id}`)).data;

/** The filled ward, made once: the demo and `rows` dossiers imported through a server. */
async function filledWard(): Promise<string> {
  const dir = path.join(tmpDir, `bench-stall-${rows}`);
  if (existsSync(path.join(dir, "ready"))) return dir;
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const file = path.join(tmpDir, `bench-dossiers-v2-${rows}.csv`);
  if (!existsSync(file)) await generateDossierExport(rows, file);
  const prepared = spawnSync(
    process.execPath,
    ["--import", "tsx", fileURLToPath(import.meta.url), "--prepare", path.join(dir, "pglite")],
    { stdio: "inherit" },
  );
  if (prepared.status !== 0) throw new Error("preparing the PGlite folder failed");
  const app = await startBenchServer({ repoRoot, dataDir: dir, portBase: 47000, label: "fill" });
  try {
    const admin = new Session(app.base);
    await admin.signIn("admin");
    const started = performance.now();
    let run = await startImport(admin, file);
    while (run.state === "queued" || run.state === "running") {
      await new Promise((resolve) => setTimeout(resolve, 1000));
      run = await importRun(admin, run.id);
    }
    if (run.state !== "done") throw new Error(`filling the ward: ${run.state} ${run.message}`);
    console.log(
      `filled the ward with ${run.processed} dossiers in ${((performance.now() - started) / 1000).toFixed(0)} s`,
    );
  } finally {
    app.server.kill("SIGTERM");
    await app.exited;
  }
  mkdirSync(path.join(dir, "ready"));
  return dir;
}

interface Figures {
  label: string;
  load: string;
  health: number[];
  lookup: number[];
  search: number[];
  /** The searches' times by kind (a common word, a full name, …), to tell which is slow. */
  searchKinds: Map<string, number[]>;
  importRate: number;
  failures: Map<string, number>;
  /** The server's RSS once started (MB), its peak sampled every 100 ms while measured, VmHWM. */
  rss: { started: number; peak: number; hwm: number };
  /** `--server-log`: the slow turns the server logged, summed per lane, kind and SQL. */
  slowTurns?: string[];
}

/** The slow-turn warnings of a server's log, grouped by lane, kind and SQL, longest first. */
function slowTurns(file: string): string[] {
  const groups = new Map<string, number[]>();
  for (const line of readFileSync(file, "utf8").split("\n")) {
    if (!line.includes("slow turn")) continue;
    const entry = JSON.parse(line) as { lane: string; kind: string; ms: number; sql: string };
    const key = `${entry.lane} ${entry.kind} ${entry.sql.slice(0, 160)}`;
    groups.set(key, [...(groups.get(key) ?? []), entry.ms]);
  }
  return [...groups]
    .map(([key, ms]) => ({ key, ms, max: Math.max(...ms) }))
    .sort((a, b) => b.max - a.max)
    .map(
      ({ key, ms, max }) =>
        `${ms.length} × max ${max} ms, sum ${ms.reduce((a, b) => a + b, 0)} ms: ${key}`,
    );
}

async function timed(url: string, headers: Record<string, string> = {}) {
  const t0 = performance.now();
  const response = await fetch(url, { headers });
  const body = await response.text();
  return { ms: performance.now() - t0, status: response.status, body };
}

async function measure(label: string, root: string, ward: string, importFile: string) {
  const dataDir = mkdtempSync(path.join(tmpDir, "bench-stall-run-"));
  cpSync(ward, dataDir, { recursive: true });
  rmSync(path.join(dataDir, "ready"), { recursive: true, force: true });
  rmSync(path.join(dataDir, "cchc.lock"), { force: true });
  const logFile = serverLog ? path.join(serverLog, `${label}-${(logCount += 1)}.log`) : null;
  if (serverLog) mkdirSync(serverLog, { recursive: true });
  const logFd = logFile ? openSync(logFile, "w") : undefined;
  const app = await startBenchServer({
    repoRoot: root,
    dataDir,
    portBase: 49000,
    label,
    env: { CCHC_TRUST_PROXY: "127.0.0.1" },
    stdout: logFd,
  });
  const figures: Figures = {
    label,
    load: loadavg()[0]!.toFixed(1),
    health: [],
    lookup: [],
    search: [],
    searchKinds: new Map(),
    importRate: 0,
    failures: new Map(),
    rss: { started: rssMb(app.server.pid!, "VmRSS"), peak: 0, hwm: 0 },
  };
  const sampler = setInterval(() => {
    figures.rss.peak = Math.max(figures.rss.peak, rssMb(app.server.pid!, "VmRSS"));
  }, 100);
  const fail = (what: string) => figures.failures.set(what, (figures.failures.get(what) ?? 0) + 1);
  try {
    const clerk = new Session(app.base);
    await clerk.signIn("motcua");
    const admin = new Session(app.base);
    await admin.signIn("admin");
    const procedures = (
      await clerk.call<{ data: { id: string; isActive: boolean }[] }>("GET", "/api/procedures")
    ).data.filter((p) => p.isActive);
    const lookups: { code: string; last4: string }[] = [];
    for (let i = 0; i < 100; i += 1) {
      const phone = `0913 ${String(200000 + i).slice(-6)}`;
      const received = await clerk.call<{ data: { code: string } }>("POST", "/api/dossiers", {
        procedureId: procedures[i % procedures.length]!.id,
        applicantName: `Đỗ Văn Dò ${i}`,
        applicantPhone: phone,
        channel: "in_person",
      });
      lookups.push({ code: received.data.code, last4: phone.replace(/\D/g, "").slice(-4) });
    }
    let run = await startImport(admin, importFile);
    while (run.state === "queued") run = await importRun(admin, run.id);
    const startRows = run.processed;
    const started = performance.now();
    const deadline = started + seconds * 1000;
    const searcher = async (session: Session) => {
      const headers = session.headers();
      const page = async (query: string, kind: string) => {
        const answer = await timed(`${app.base}/api/dossiers?limit=20${query}`, headers);
        figures.search.push(answer.ms);
        figures.searchKinds.set(kind, [...(figures.searchKinds.get(kind) ?? []), answer.ms]);
        if (answer.status !== 200) {
          fail(`search ${answer.status}`);
          return null;
        }
        return (JSON.parse(answer.body) as { nextCursor: string | null }).nextCursor;
      };
      const deep = async (query: string, kind: string) => {
        let cursor: string | null = "";
        for (let i = 0; i < 20 && cursor !== null && performance.now() < deadline; i += 1)
          cursor = await page(
            query + (cursor ? `&cursor=${encodeURIComponent(cursor)}` : ""),
            i === 0 ? `${kind}, first page` : `${kind}, deeper`,
          );
      };
      while (performance.now() < deadline) {
        await page(`&q=${encodeURIComponent("văn")}`, "a common word");
        await page(`&q=${encodeURIComponent("Trần Thị Bình 4321")}`, "a full name");
        await page(`&q=${encodeURIComponent("000.01.22.H99-2509")}`, "a code prefix");
        await deep("", "20 pages");
        await deep(`&q=${encodeURIComponent("nguyen")}`, "20 pages of a name");
      }
    };
    const probe = async (sample: number[], request: (n: number) => Promise<number>) => {
      const answered: Promise<void>[] = [];
      for (let n = 0; started + n * probeMs < deadline; n += 1) {
        const wait = started + n * probeMs - performance.now();
        if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
        answered.push(request(n).then((ms) => void sample.push(ms)));
      }
      await Promise.all(answered);
    };
    await Promise.all([
      searcher(clerk),
      searcher(admin),
      probe(figures.health, async () => {
        const answer = await timed(`${app.base}/api/health`);
        if (answer.status !== 200) fail(`health ${answer.status}`);
        return answer.ms;
      }),
      probe(figures.lookup, async (n) => {
        const lookup = lookups[n % lookups.length]!;
        const answer = await timed(
          `${app.base}/api/public/dossiers/${encodeURIComponent(lookup.code)}?phoneLast4=${lookup.last4}`,
          { "x-forwarded-for": `10.1.${(n >> 8) & 255}.${n & 255}` },
        );
        if (answer.status !== 200) fail(`lookup ${answer.status}`);
        return answer.ms;
      }),
    ]);
    const elapsed = (performance.now() - started) / 1000;
    run = await importRun(admin, run.id);
    figures.importRate = (run.processed - startRows) / elapsed;
    if (run.state === "failed") fail(`import failed: ${run.message}`);
  } finally {
    clearInterval(sampler);
    figures.rss.hwm = rssMb(app.server.pid!, "VmHWM");
    app.server.kill("SIGTERM");
    await app.exited;
    rmSync(dataDir, { recursive: true, force: true });
    if (logFd !== undefined) closeSync(logFd);
  }
  if (logFile) figures.slowTurns = slowTurns(logFile);
  return figures;
}

async function main() {
  mkdirSync(tmpDir, { recursive: true });
  const ward = await filledWard();
  const importFile = path.join(tmpDir, `bench-stall-import-${importRows}.csv`);
  if (!existsSync(importFile)) await generateDossierExport(importRows, importFile, 8001);
  const results: Figures[] = [];
  for (let round = 0; round < rounds; round += 1) {
    if (before) results.push(await measure("before", before, ward, importFile));
    results.push(await measure("after", repoRoot, ward, importFile));
  }
  const f = (v: number) => (Number.isNaN(v) ? "–" : v.toFixed(0));
  console.log(
    `\nPGlite, ward of ${rows} dossiers, 2 searching users, an import of ${importRows} rows, ${seconds} s, health and lookup asked every ${probeMs} ms`,
  );
  console.log(
    "server | load avg | health p50 / p99 / max ms | lookup p50 / p99 / max ms | searches | search p50 / p99 ms | import rows/s | RSS started / peak / VmHWM MB",
  );
  console.log("---|---:|---:|---:|---:|---:|---:|---:");
  for (const r of results) {
    console.log(
      `${r.label} | ${r.load} | ${f(percentile(r.health, 50))} / ${f(percentile(r.health, 99))} / ${f(Math.max(...r.health))} | ${f(percentile(r.lookup, 50))} / ${f(percentile(r.lookup, 99))} / ${f(Math.max(...r.lookup))} | ${r.search.length} | ${f(percentile(r.search, 50))} / ${f(percentile(r.search, 99))} | ${f(r.importRate)} | ${f(r.rss.started)} / ${f(r.rss.peak)} / ${f(r.rss.hwm)}`,
    );
    for (const [what, count] of r.failures) console.log(`  ${r.label}: ${what} × ${count}`);
  }
  for (const r of results) {
    console.log(`\n${r.label}: searches by kind, count p50 / p99 / max ms`);
    for (const [kind, ms] of r.searchKinds)
      console.log(
        `  ${kind}: ${ms.length} ${f(percentile(ms, 50))} / ${f(percentile(ms, 99))} / ${f(Math.max(...ms))}`,
      );
  }
  for (const r of results) {
    if (!r.slowTurns) continue;
    console.log(`\n${r.label}: ${r.slowTurns.length} kinds of slow turn`);
    for (const line of r.slowTurns.slice(0, 25)) console.log(`  ${line}`);
  }
}

if (process.argv.includes("--prepare")) await prepareDemoFolder(argument("prepare")!);
else await main();
