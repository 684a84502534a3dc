/**
 * Bulk dossier import: rows/s on PGlite and PostgreSQL against PostgreSQL's own COPY of the same
 * file, and the server's peak RSS during the import.
 *
 *   npm run bench import-dossiers [-- --rows 1000000] [--only pglite|postgresql] [--backup]
 *
 * - Generates `.tmp/bench-dossiers-v2-<N>.csv` (a provincial one-stop export: Vietnamese headers,
 *   dd/mm/yyyy HH:mm dates, state and channel words), reused when it already exists.
 * - Each import runs in a real server (`cchc serve`, demo data) driven over HTTP as the web page
 *   does: sign in, upload, start, poll until done. The time is the run's own start-to-finish time
 *   (the upload is not counted); the memory is the server process's RSS sampled every 100 ms from
 *   the upload to the end of the run (and its lifetime high-water mark, VmHWM).
 * - PGlite: the data folder is created and filled (initdb, migrations, demo) in another process
 *   first, as a server that has run once finds it (initdb alone grows the WASM heap to ≈ 800 MB).
 * - COPY baselines, on the same server:
 *   - bare (the headline ratio): `psql -c "\copy …"` of the same file into a plain table of the
 *     file's columns with 3 indexes (primary key, unique code, receipt time);
 *   - same indexes: the rows the import wrote, exported as COPY text, `\copy`-ed back into a copy of
 *     `dossiers` with all its columns, defaults, generated column, checks and indexes — but no
 *     foreign keys and no triggers — so what the import costs beyond the indexes shows.
 * - PostgreSQL: BENCH_DATABASE_URL, or a throwaway cluster started like scripts/test.sh.
 * - `--backup`: after each import, `cchc backup` of the filled data folder (and database) and
 *   `cchc restore` of that archive into an empty one (and a new database), timed.
 */
import { startBenchServer } from "./support/bench-server.ts";
import { startCluster } from "./support/pg-cluster.ts";
import { generateDossierExport as generate } from "./support/dossier-export.ts";
import { Session, rssMb } from "./support/http-session.ts";
import { spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, mkdtempSync, openAsBlob, rmSync, statSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import pg from "pg";
import { argument } from "./support/arguments.ts";
import { prepareDemoFolder } from "./support/demo-folder.ts";

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const tmpDir = path.join(repoRoot, ".tmp");
const RSS_GOAL_MB = 500;
const RATIO_GOAL = 0.5;

/* ---------- the synthetic export ---------- */

/* ---------- one import through a real server ---------- */

interface ImportResult {
  seconds: number;
  run: {
    id: string;
    state: string;
    processed: number;
    inserted: number;
    errorCount: number;
    message: string | null;
  };
  idleRssMb: number;
  peakSampledMb: number;
  /** PostgreSQL's CPU seconds during the run (throwaway cluster only). */
  serverCpu: number | null;
  hwmMb: number;
}

async function importThroughServer(
  kind: "pglite" | "postgresql",
  file: string,
  databaseUrl: string | null,
  serverCpu: (() => number) | null = null,
  /** Runs on the data folder (and database) the import filled, after the server stopped. */
  afterStop: ((dataDir: string) => Promise<void>) | null = null,
): Promise<ImportResult> {
  const dataDir = mkdtempSync(path.join(tmpDir, `bench-server-${kind}-`));
  try {
    if (kind === "pglite") {
      const prepared = spawnSync(
        process.execPath,
        [
          "--import",
          "tsx",
          fileURLToPath(import.meta.url),
          "--prepare",
          path.join(dataDir, "pglite"),
        ],
        { stdio: "inherit" },
      );
      if (prepared.status !== 0) throw new Error("preparing the PGlite folder failed");
    }
    const { server, exited, base } = await startBenchServer({
      repoRoot,
      dataDir,
      databaseUrl,
      portBase: 41000,
      label: kind,
    });
    try {
      const session = new Session(base);
      await session.signIn("admin");
      const units = (await session.call("GET", "/api/units")).data as {
        id: string;
        code: string;
      }[];
      const unitId = units.find((u) => u.code === "06658")!.id;
      await new Promise((resolve) => setTimeout(resolve, 1000));
      const idleRssMb = rssMb(server.pid!, "VmRSS");
      let peakSampledMb = idleRssMb;
      const sampler = setInterval(() => {
        peakSampledMb = Math.max(peakSampledMb, rssMb(server.pid!, "VmRSS"));
      }, 100);
      try {
        const form = new FormData();
        form.append("unitId", unitId);
        form.append("file", await openAsBlob(file), path.basename(file));
        const cpuBefore = serverCpu?.() ?? 0;
        type Run = ImportResult["run"] & { id: string; startedAt: string; finishedAt: string };
        const started = (await session.call<{ data: Run }>("POST", "/api/dossier-imports", form))
          .data;
        let run = started;
        while (run.state === "running") {
          await new Promise((resolve) => setTimeout(resolve, 250));
          run = (await session.call<{ data: Run }>("GET", `/api/dossier-imports/${started.id}`))
            .data;
        }
        const seconds = (Date.parse(run.finishedAt) - Date.parse(run.startedAt)) / 1000;
        return {
          seconds,
          run,
          idleRssMb,
          peakSampledMb,
          hwmMb: rssMb(server.pid!, "VmHWM"),
          serverCpu: serverCpu ? serverCpu() - cpuBefore : null,
        };
      } finally {
        clearInterval(sampler);
      }
    } finally {
      server.kill("SIGTERM");
      await exited;
    }
  } finally {
    try {
      await afterStop?.(dataDir);
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  }
}

/* ---------- backup and restore of what the import filled (`--backup`) ---------- */

/** `cchc <args>` on a data folder and database; its wall time in seconds. */
function cchc(args: string[], dataDir: string, databaseUrl: string | null): number {
  const started = performance.now();
  const result = spawnSync(process.execPath, [path.join(repoRoot, "bin/cchc.js"), ...args], {
    cwd: repoRoot,
    env: { ...process.env, CCHC_DATA_DIR: dataDir, DATABASE_URL: databaseUrl ?? "" },
    stdio: ["ignore", "ignore", "inherit"],
  });
  if (result.status !== 0) throw new Error(`cchc ${args[0]} exited ${result.status}`);
  return (performance.now() - started) / 1000;
}

/**
 * Times `cchc backup` of the filled folder (and database), then `cchc restore` of that archive
 * into an empty data folder (and a new database, `restoreUrl`); prints both and the archive's size.
 */
function backupAndRestore(
  kind: string,
  dataDir: string,
  databaseUrl: string | null,
  restoreUrl: string | null,
) {
  const archive = path.join(tmpDir, `bench-backup-${kind}-${randomBytes(4).toString("hex")}.zip`);
  const target = mkdtempSync(path.join(tmpDir, `bench-restore-${kind}-`));
  try {
    const backup = cchc(["backup", archive], dataDir, databaseUrl);
    const megabytes = statSync(archive).size / 2 ** 20;
    const restore = cchc(["restore", archive], target, restoreUrl);
    console.log(
      `${kind}: cchc backup ${backup.toFixed(1)} s (${megabytes.toFixed(0)} MB archive), ` +
        `cchc restore into an empty ${restoreUrl ? "database" : "data folder"} ${restore.toFixed(1)} s`,
    );
  } finally {
    rmSync(archive, { force: true });
    rmSync(target, { recursive: true, force: true });
  }
}

/* ---------- PostgreSQL: a throwaway cluster, and the COPY baseline ---------- */

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

/** The dossier columns the import's COPY writes (src/server/db/dossier-copy.ts). */
async function importColumns(): Promise<readonly string[]> {
  const { DOSSIER_COPY_COLUMNS } = await import("../src/server/db/dossier-copy.ts");
  return DOSSIER_COPY_COLUMNS;
}

/** Runs one psql command; returns its wall seconds, and the server's CPU seconds when known. */
function psql(
  url: string,
  command: string,
  serverCpu: (() => number) | null = null,
): { seconds: number; cpu: number | null } {
  const cpuBefore = serverCpu?.() ?? 0;
  const started = performance.now();
  const result = spawnSync("psql", [url, "-v", "ON_ERROR_STOP=1", "-c", command], {
    env: { ...process.env, PGOPTIONS: "-c datestyle=ISO,DMY -c timezone=Asia/Ho_Chi_Minh" },
    encoding: "utf8",
  });
  const seconds = (performance.now() - started) / 1000;
  if (result.status !== 0) throw new Error(`psql failed: ${result.stderr}`);
  return { seconds, cpu: serverCpu ? serverCpu() - cpuBefore : null };
}

/**
 * COPY of the rows an import wrote (run `importId`, in the database at `url`) into a copy of the
 * dossiers table with its columns, defaults, generated column, checks and every index, but no
 * foreign key and no trigger: the indexes' share of the work, apart from the rollups' and checks'.
 */
async function copySameIndexes(
  url: string,
  importId: string,
  rowsFile: string,
  serverCpu: (() => number) | null,
) {
  const columns = (await importColumns()).join(", ");
  psql(
    url,
    `\\copy (select ${columns} from dossiers where import_id = '${importId}') to '${rowsFile}'`,
  );
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  await client.query(`create table dossiers_same_indexes (like dossiers including defaults
    including generated including constraints including indexes)`);
  await client.end();
  try {
    return psql(url, `\\copy dossiers_same_indexes (${columns}) from '${rowsFile}'`, serverCpu);
  } finally {
    rmSync(rowsFile, { force: true });
  }
}

/** COPY of the same file into a bare table of the file's columns with 3 indexes. */
async function copyBaseline(url: string, file: string, serverCpu: (() => number) | null) {
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
  return psql(
    url,
    `\\copy dossiers_copy (code, procedure_code, applicant_name, applicant_phone, channel, received_at, due_date, finished_at, returned_at, state, digitised) from '${file}' with (format csv, header true)`,
    serverCpu,
  );
}

/* ---------- main ---------- */

async function main() {
  const rows = Number(argument("rows") ?? 1_000_000);
  const backup = process.argv.includes("--backup");
  const only = argument("only");
  mkdirSync(tmpDir, { recursive: true });
  const file = path.join(tmpDir, `bench-dossiers-v2-${rows}.csv`);
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
  const memory = (r: ImportResult) =>
    `server RSS: idle ${r.idleRssMb.toFixed(0)} MB, peak during import ${r.peakSampledMb.toFixed(0)} MB (goal < ${RSS_GOAL_MB}; lifetime high-water ${r.hwmMb.toFixed(0)} MB)`;
  const check = (kind: string, r: ImportResult) => {
    if (r.run.state !== "done" || r.run.inserted !== rows)
      throw new Error(
        `${kind}: import ended ${r.run.state}, ${r.run.inserted} inserted, ${r.run.errorCount} errors: ${r.run.message}`,
      );
  };

  let pglite: ImportResult | null = null;
  if (only !== "postgresql") {
    pglite = await importThroughServer(
      "pglite",
      file,
      null,
      null,
      backup ? async (dataDir) => backupAndRestore("PGlite", dataDir, null, null) : null,
    );
    check("pglite", pglite);
    report("import → PGlite (on disk)", pglite.seconds, memory(pglite));
  }
  if (only === "pglite") return;

  const cluster = process.env.BENCH_DATABASE_URL ? null : startCluster();
  const serverUrl = process.env.BENCH_DATABASE_URL ?? cluster!.url;
  try {
    const serverCpu = cluster ? () => cluster.cpuSeconds() : null;
    let sameIndexes = { seconds: 0, cpu: null as number | null };
    const postgres = await withDatabase(serverUrl, async (url) => {
      const result = await importThroughServer(
        "postgresql",
        file,
        url,
        serverCpu,
        backup
          ? (dataDir) =>
              withDatabase(serverUrl, async (restoreUrl) =>
                backupAndRestore("PostgreSQL", dataDir, url, restoreUrl),
              )
          : null,
      );
      check("postgresql", result);
      sameIndexes = await copySameIndexes(
        url,
        result.run.id,
        path.join(tmpDir, `bench-dossiers-rows-${rows}.copy`),
        serverCpu,
      );
      return result;
    });
    const cpu = (seconds: number | null) =>
      seconds === null ? "" : `PostgreSQL CPU ${seconds.toFixed(1)} s`;
    report(
      "import → PostgreSQL",
      postgres.seconds,
      `${memory(postgres)}; ${cpu(postgres.serverCpu)}`,
    );
    const bare = await withDatabase(serverUrl, (url) => copyBaseline(url, file, serverCpu));
    report("psql \\copy → PostgreSQL (baseline)", bare.seconds, cpu(bare.cpu));
    report("psql \\copy, same indexes as dossiers", sameIndexes.seconds, cpu(sameIndexes.cpu));
    const ratio = bare.seconds / postgres.seconds;
    console.log(
      `ratio import/COPY on PostgreSQL: ${ratio.toFixed(2)} (goal ≥ ${RATIO_GOAL})` +
        (pglite
          ? `; PGlite import / PostgreSQL COPY: ${(bare.seconds / pglite.seconds).toFixed(2)}`
          : ""),
    );
    console.log(
      `ratio import/COPY with the same indexes: ${(sameIndexes.seconds / postgres.seconds).toFixed(2)}` +
        ` (COPY bare / COPY same indexes: ${(bare.seconds / sameIndexes.seconds).toFixed(2)})`,
    );
    if (postgres.serverCpu !== null && bare.cpu !== null && sameIndexes.cpu !== null)
      console.log(
        `in PostgreSQL CPU seconds: import/COPY ${(bare.cpu / postgres.serverCpu).toFixed(2)},` +
          ` import/COPY same indexes ${(sameIndexes.cpu / postgres.serverCpu).toFixed(2)}`,
      );
  } finally {
    cluster?.stop();
  }
}

if (process.argv.includes("--prepare")) {
  await prepareDemoFolder(argument("prepare")!);
} else {
  await main();
}
