/**
 * Bulk dossier import: rows/s on PGlite and PostgreSQL against PostgreSQL's own COPY of the same
 * file, and the importing process's peak RSS.
 *
 *   npm run bench import-dossiers [-- --rows 1000000] [--only pglite|postgresql]
 *
 * - Generates `.tmp/bench-dossiers-<N>.csv` (a provincial one-stop export: Vietnamese headers,
 *   dd/mm/yyyy HH:mm dates, state and channel words), reused when it already exists.
 * - Each import runs in a child process through the same service as the API
 *   (`runDossierImport`), on a fresh on-disk PGlite and a fresh PostgreSQL database; the child
 *   reports its peak RSS (getrusage maxrss) and the RSS sampled every 100 ms.
 * - COPY baseline: `psql -c "\copy …"` of the same file into an equivalent table (same column
 *   types, unique index on the code, index on the receipt time) on the same server.
 * - PostgreSQL: BENCH_DATABASE_URL, or a throwaway cluster started like scripts/test.sh.
 */
import { execFileSync, spawn, spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import {
  createReadStream,
  createWriteStream,
  existsSync,
  mkdirSync,
  mkdtempSync,
  rmSync,
  statSync,
} from "node:fs";
import { once } from "node:events";
import path from "node:path";
import { fileURLToPath } from "node:url";
import pg from "pg";

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const tmpDir = path.join(repoRoot, ".tmp");
const RSS_GOAL_MB = 500;
const RATIO_GOAL = 0.5;

function argument(name: string): string | undefined {
  const index = process.argv.indexOf(`--${name}`);
  return index >= 0 ? process.argv[index + 1] : undefined;
}

/* ---------- the synthetic export ---------- */

const PROCEDURES = ["1.001193", "1.000894", "1.000656", "1.004873"];
const STATES: [string, number][] = [
  ["Đã trả kết quả", 0.6],
  ["Đã có kết quả", 0.15],
  ["Đang giải quyết", 0.15],
  ["Đã tiếp nhận", 0.05],
  ["Từ chối giải quyết", 0.05],
];
const CHANNELS = ["Trực tiếp", "Trực tuyến", "Trực tuyến", "Bưu chính công ích"];
const NAMES = [
  "Nguyễn Văn An",
  "Trần Thị Bình",
  "Lê Hoàng Cường",
  "Phạm Thu Dung",
  "Hoàng Quốc Việt",
];
const pad = (n: number, w = 2) => String(n).padStart(w, "0");
const dmy = (d: Date) => `${pad(d.getUTCDate())}/${pad(d.getUTCMonth() + 1)}/${d.getUTCFullYear()}`;
const hm = (d: Date) => `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}`;

async function generate(rows: number, file: string) {
  const out = createWriteStream(file);
  const write = async (text: string) => {
    if (!out.write(text)) await once(out, "drain");
  };
  await write(
    "Mã hồ sơ,Mã TTHC,Tên người nộp,Số điện thoại,Kênh nộp,Ngày tiếp nhận,Hạn xử lý,Ngày có kết quả,Ngày trả kết quả,Trạng thái,Số hóa\n",
  );
  const start = Date.UTC(2019, 6, 1);
  const perDay = Math.max(1, Math.ceil(rows / 2400));
  let chunk = "";
  for (let i = 0; i < rows; i += 1) {
    const day = Math.floor(i / perDay);
    const received = new Date(start + day * 86_400_000 + (7 * 60 + (i % 600)) * 60_000);
    const code = `000.01.22.H99-${String(received.getUTCFullYear()).slice(2)}${pad(received.getUTCMonth() + 1)}${pad(received.getUTCDate())}-${pad((i % perDay) + 1, 4)}`;
    const due = new Date(received.getTime() + (5 + (i % 10)) * 86_400_000);
    let pick = ((i * 7919) % 1000) / 1000;
    let state = STATES[0]![0];
    for (const [name, share] of STATES) {
      if (pick < share) {
        state = name;
        break;
      }
      pick -= share;
    }
    const finished = new Date(received.getTime() + (2 + (i % 12)) * 86_400_000 + 3_600_000);
    const returned = new Date(finished.getTime() + 86_400_000);
    const isFinished =
      state === "Đã trả kết quả" || state === "Đã có kết quả" || state === "Từ chối giải quyết";
    chunk +=
      [
        code,
        PROCEDURES[i % PROCEDURES.length],
        `${NAMES[i % NAMES.length]} ${i}`,
        `09${pad(i % 100_000_000, 8)}`,
        CHANNELS[i % CHANNELS.length],
        `${dmy(received)} ${hm(received)}`,
        dmy(due),
        isFinished ? `${dmy(finished)} ${hm(finished)}` : "",
        state === "Đã trả kết quả" ? `${dmy(returned)} ${hm(returned)}` : "",
        state,
        i % 3 === 0 ? "x" : "",
      ].join(",") + "\n";
    if (chunk.length > 1 << 20) {
      await write(chunk);
      chunk = "";
    }
  }
  await write(chunk);
  out.end();
  await once(out, "finish");
}

/* ---------- the child: one import through the service ---------- */

/** Creates and fills a PGlite folder in its own process, so the importing process's peak RSS is
 * not the WASM heap that initdb leaves behind (see openPglite). */
async function prepare(dir: string) {
  const { openPglite } = await import("../src/server/db/database.ts");
  const { runMigrations } = await import("../src/server/db/migrate.ts");
  const { loadDemo } = await import("../src/server/demo/load-demo.ts");
  const database = await openPglite(dir);
  await runMigrations(database);
  await loadDemo(database.db, { plans: false });
  await database.close();
}

async function child(kind: "pglite" | "postgresql", file: string, target: string) {
  let peakSampled = 0;
  const sampler = setInterval(() => {
    peakSampled = Math.max(peakSampled, process.memoryUsage().rss);
  }, 100);
  const { openPglite, openPostgres } = await import("../src/server/db/database.ts");
  const { runMigrations } = await import("../src/server/db/migrate.ts");
  const { loadDemo } = await import("../src/server/demo/load-demo.ts");
  const { SYSTEM_ACTOR } = await import("../src/server/services/actor.ts");
  const { findUnitsByCodes } = await import("../src/server/db/repositories/unit.repository.ts");
  const service = await import("../src/server/services/dossier-import.service.ts");
  const dataDir = mkdtempSync(path.join(tmpDir, `bench-import-${kind}-`));
  const database = kind === "pglite" ? await openPglite(target) : await openPostgres(target);
  try {
    await runMigrations(database);
    await loadDemo(database.db, { plans: false });
    const unit = (await findUnitsByCodes(database.db, ["06658"]))[0]!;
    const upload = await service.saveUpload(
      dataDir,
      SYSTEM_ACTOR,
      path.basename(file),
      createReadStream(file),
    );
    const rssBefore = process.memoryUsage().rss;
    const started = performance.now();
    const result = await service.runDossierImport(database.db, dataDir, SYSTEM_ACTOR, {
      unitId: unit.id,
      uploadId: upload.uploadId,
    });
    const seconds = (performance.now() - started) / 1000;
    clearInterval(sampler);
    peakSampled = Math.max(peakSampled, process.memoryUsage().rss);
    process.stdout.write(
      `RESULT ${JSON.stringify({
        seconds,
        run: result.data,
        rssBeforeMb: rssBefore / 2 ** 20,
        peakSampledMb: peakSampled / 2 ** 20,
        maxRssMb: process.resourceUsage().maxRSS / 1024,
      })}\n`,
    );
  } finally {
    await database.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

interface ChildResult {
  seconds: number;
  run: {
    state: string;
    processed: number;
    inserted: number;
    errorCount: number;
    message: string | null;
  };
  rssBeforeMb: number;
  peakSampledMb: number;
  maxRssMb: number;
}

async function runChild(
  kind: "pglite" | "postgresql",
  file: string,
  target: string,
): Promise<ChildResult> {
  if (kind === "pglite") {
    const prepared = spawnSync(
      process.execPath,
      ["--import", "tsx", fileURLToPath(import.meta.url), "--prepare", target],
      { stdio: "inherit" },
    );
    if (prepared.status !== 0) throw new Error("preparing the PGlite folder failed");
  }
  const proc = spawn(
    process.execPath,
    [
      "--import",
      "tsx",
      fileURLToPath(import.meta.url),
      "--child",
      kind,
      "--file",
      file,
      "--target",
      target,
    ],
    { stdio: ["ignore", "pipe", "inherit"] },
  );
  let output = "";
  proc.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
  const [code] = (await once(proc, "exit")) as [number];
  const line = output.split("\n").find((l) => l.startsWith("RESULT "));
  if (code !== 0 || !line) throw new Error(`${kind} import failed (exit ${code}):\n${output}`);
  return JSON.parse(line.slice(7)) as ChildResult;
}

/* ---------- PostgreSQL: a throwaway cluster, and the COPY baseline ---------- */

function pgBin(): string | null {
  try {
    const dirs = execFileSync("bash", [
      "-c",
      "ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1",
    ])
      .toString()
      .trim();
    return dirs || null;
  } catch {
    return null;
  }
}

function startCluster(): { url: string; stop(): void } {
  const bin = pgBin();
  if (!bin) throw new Error("PostgreSQL is not installed; set BENCH_DATABASE_URL");
  const dir = mkdtempSync("/tmp/cchc-bench-pg-");
  const port = 56000 + Math.floor(Math.random() * 1000);
  const asPostgres = process.getuid?.() === 0 ? ["runuser", "-u", "postgres", "--"] : [];
  if (asPostgres.length) execFileSync("chown", ["postgres:postgres", dir]);
  const run = (args: string[]) =>
    execFileSync(
      asPostgres[0] ?? args[0]!,
      [...asPostgres.slice(1), ...(asPostgres.length ? args : args.slice(1))],
      { stdio: "ignore" },
    );
  run([
    `${bin}/initdb`,
    "-D",
    `${dir}/data`,
    "-U",
    "postgres",
    "--auth=trust",
    "-E",
    "UTF8",
    "--locale=C.UTF-8",
  ]);
  run([
    `${bin}/pg_ctl`,
    "-D",
    `${dir}/data`,
    "-l",
    `${dir}/log`,
    "-w",
    "-o",
    `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off`,
    "start",
  ]);
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    stop() {
      try {
        run([`${bin}/pg_ctl`, "-D", `${dir}/data`, "-m", "immediate", "stop"]);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}

async function withDatabase<T>(serverUrl: string, work: (url: string) => Promise<T>): Promise<T> {
  const name = `cchc_bench_${randomBytes(4).toString("hex")}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const parsed = new URL(serverUrl);
  parsed.pathname = `/${name}`;
  try {
    return await work(parsed.toString());
  } finally {
    const dropper = new pg.Client({ connectionString: serverUrl });
    await dropper.connect();
    await dropper.query(`drop database if exists ${name} with (force)`);
    await dropper.end();
  }
}

/** COPY of the same file into a table with the same column types and indexes. */
async function copyBaseline(url: string, file: string): Promise<number> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  await client.query(`
    create table dossiers_copy (
      id uuid primary key default gen_random_uuid(),
      code text not null, procedure_code text not null, applicant_name text not null,
      applicant_phone text not null, channel text not null, received_at timestamptz not null,
      due_date date not null, finished_at timestamptz, returned_at timestamptz,
      state text not null, digitised text,
      created_at timestamptz not null default now(), updated_at timestamptz not null default now());
    create unique index dossiers_copy_code_key on dossiers_copy (code);
    create index dossiers_copy_received_idx on dossiers_copy (procedure_code, received_at);
    create index dossiers_copy_state_idx on dossiers_copy (procedure_code, state);`);
  await client.end();
  const started = performance.now();
  const result = spawnSync(
    "psql",
    [
      url,
      "-v",
      "ON_ERROR_STOP=1",
      "-c",
      `\\copy dossiers_copy (code, procedure_code, applicant_name, applicant_phone, channel, received_at, due_date, finished_at, returned_at, state, digitised) from '${file}' with (format csv, header true)`,
    ],
    {
      env: { ...process.env, PGOPTIONS: "-c datestyle=ISO,DMY -c timezone=Asia/Ho_Chi_Minh" },
      encoding: "utf8",
    },
  );
  const seconds = (performance.now() - started) / 1000;
  if (result.status !== 0) throw new Error(`COPY failed: ${result.stderr}`);
  return seconds;
}

/* ---------- main ---------- */

async function main() {
  const rows = Number(argument("rows") ?? 1_000_000);
  const only = argument("only");
  mkdirSync(tmpDir, { recursive: true });
  const file = path.join(tmpDir, `bench-dossiers-${rows}.csv`);
  if (!existsSync(file)) {
    const started = performance.now();
    await generate(rows, file);
    console.log(`generated ${file} in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  }
  const megabytes = statSync(file).size / 2 ** 20;
  console.log(`file: ${rows.toLocaleString("en")} rows, ${megabytes.toFixed(1)} MB`);

  const lines: string[] = [];
  const report = (name: string, seconds: number, extra = "") => {
    const text = `${name.padEnd(34)} ${seconds.toFixed(1).padStart(7)} s ${Math.round(
      rows / seconds,
    )
      .toLocaleString("en")
      .padStart(10)} rows/s  ${extra}`;
    lines.push(text);
    console.log(text);
  };
  const memory = (r: ChildResult) =>
    `peak RSS ${r.maxRssMb.toFixed(0)} MB (sampled ${r.peakSampledMb.toFixed(0)} MB; goal < ${RSS_GOAL_MB})`;
  const check = (kind: string, r: ChildResult) => {
    if (r.run.state !== "done" || r.run.inserted !== rows)
      throw new Error(
        `${kind}: import ended ${r.run.state}, ${r.run.inserted} inserted, ${r.run.errorCount} errors: ${r.run.message}`,
      );
  };

  let pglite: ChildResult | null = null;
  if (only !== "postgresql") {
    const folder = mkdtempSync(path.join(tmpDir, "bench-pglite-"));
    try {
      pglite = await runChild("pglite", file, path.join(folder, "db"));
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
    check("pglite", pglite);
    report("import → PGlite (on disk)", pglite.seconds, memory(pglite));
  }
  if (only === "pglite") return;

  const cluster = process.env.BENCH_DATABASE_URL ? null : startCluster();
  const serverUrl = process.env.BENCH_DATABASE_URL ?? cluster!.url;
  try {
    const postgres = await withDatabase(serverUrl, (url) => runChild("postgresql", file, url));
    check("postgresql", postgres);
    report("import → PostgreSQL", postgres.seconds, memory(postgres));
    const copySeconds = await withDatabase(serverUrl, (url) => copyBaseline(url, file));
    report("psql \\copy → PostgreSQL (baseline)", copySeconds);
    const ratio = copySeconds / postgres.seconds;
    console.log(
      `ratio import/COPY on PostgreSQL: ${ratio.toFixed(2)} (goal ≥ ${RATIO_GOAL})` +
        (pglite
          ? `; PGlite import / PostgreSQL COPY: ${(copySeconds / pglite.seconds).toFixed(2)}`
          : ""),
    );
  } finally {
    cluster?.stop();
  }
}

if (process.argv.includes("--prepare")) {
  await prepare(argument("prepare")!);
} else if (process.argv.includes("--child")) {
  await child(argument("child") as "pglite" | "postgresql", argument("file")!, argument("target")!);
} else {
  await main();
}
