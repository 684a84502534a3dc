/**
 * A throwaway PostgreSQL cluster for a benchmark, started like scripts/test.sh does: Debian's
 * newest /usr/lib/postgresql/<version>/bin, a data folder under /tmp, trust authentication on
 * 127.0.0.1 only, fsync off, run as the postgres user when the bench runs as root. It is the
 * bench's own: nothing else restarts it under a run (the shared test server on 55433 is restarted
 * by other test runs, which cut the KPI bench's connections with 57P01), and it is stopped and
 * deleted at the end, on Ctrl-C too.
 */
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import pg from "pg";
import path from "node:path";

export interface Cluster {
  url: string;
  dataDir: string;
  /** CPU seconds the cluster's processes have used so far. */
  cpuSeconds(): number;
  stop(): void;
  /** Leaves the cluster running when the process exits (the caller prints how to stop it). */
  leave(): void;
  /** True when `dir` already held a cluster, started again instead of created. */
  reused: boolean;
}

export function pgBin(): string | null {
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

/**
 * A TCP port free on 127.0.0.1 right now (the kernel's pick), for a cluster that must not clash
 * with another bench's cluster started at the same time.
 */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() =>
        typeof address === "object" && address
          ? resolve(address.port)
          : reject(new Error("no free port")),
      );
    });
  });
}

/**
 * CPU seconds used so far by a cluster's processes: the running ones (backends, background
 * workers) and the postmaster with the children it has reaped. Less sensitive than wall time to
 * the other work of a shared machine.
 */
export function clusterCpuSeconds(dataDir: string): number {
  const postmaster = Number(
    readFileSync(path.join(dataDir, "postmaster.pid"), "utf8").split("\n")[0],
  );
  let ticks = 0;
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    let stat: string;
    try {
      stat = readFileSync(`/proc/${entry}/stat`, "utf8");
    } catch {
      continue; // ended meanwhile
    }
    const fields = stat
      .slice(stat.lastIndexOf(")") + 2)
      .split(" ")
      .map(Number);
    // After the name: state, ppid, …; utime, stime, cutime, cstime are the 12th to 15th.
    if (Number(entry) === postmaster)
      ticks += fields[11]! + fields[12]! + fields[13]! + fields[14]!;
    else if (fields[1] === postmaster) ticks += fields[11]! + fields[12]!;
  }
  return ticks / 100; // USER_HZ
}

/** The port of the postmaster running on `dataDir`, or null when none runs. */
function runningPort(dataDir: string): number | null {
  try {
    const lines = readFileSync(path.join(dataDir, "postmaster.pid"), "utf8").split("\n");
    process.kill(Number(lines[0]), 0);
    return Number(lines[3]);
  } catch {
    return null;
  }
}

/**
 * Starts a cluster on `port` (a random one in 56000–56999 by default). `settings` are extra
 * `-c name=value` server settings. The cluster is stopped when the process exits or is
 * interrupted, if `stop()` was not called before.
 *
 * `dir`: a folder of the caller's to keep the cluster in (`dir`/data, `dir`/log) instead of a
 * throwaway one: created and initialised when it holds no cluster yet, started again when it does
 * (a 10 M-dossier province takes most of an hour to generate), and only stopped — never deleted —
 * at the end. When a cluster already runs in `dir` (another run measuring it), that one is used
 * and left running.
 */
export function startCluster(
  options: { port?: number; settings?: Record<string, string | number>; dir?: string } = {},
): Cluster {
  const bin = pgBin();
  if (!bin) throw new Error("PostgreSQL is not installed; set BENCH_DATABASE_URL");
  const kept = options.dir !== undefined;
  if (kept) mkdirSync(options.dir!, { recursive: true });
  const dir = kept ? path.resolve(options.dir!) : mkdtempSync("/tmp/cchc-bench-pg-");
  const reused = kept && existsSync(`${dir}/data/PG_VERSION`);
  const running = reused ? runningPort(`${dir}/data`) : null;
  if (running !== null)
    // Already running (another bench run on the same kept cluster): shared, left running.
    return {
      url: `postgres://postgres@127.0.0.1:${running}/postgres`,
      dataDir: `${dir}/data`,
      cpuSeconds: () => clusterCpuSeconds(`${dir}/data`),
      stop: () => undefined,
      leave: () => undefined,
      reused,
    };
  const port = options.port ?? 56000 + Math.floor(Math.random() * 1000);
  const asPostgres = process.getuid?.() === 0 ? ["runuser", "-u", "postgres", "--"] : [];
  if (asPostgres.length) execFileSync("chown", ["postgres:postgres", dir]);
  const run = (args: string[], output: "ignore" | "inherit" = "ignore") =>
    execFileSync(
      asPostgres[0] ?? args[0]!,
      [...asPostgres.slice(1), ...(asPostgres.length ? args : args.slice(1))],
      { stdio: output },
    );
  const settings = Object.entries({ fsync: "off", ...options.settings })
    .map(([name, value]) => `-c ${name}=${value}`)
    .join(" ");
  let stopped = false;
  const stop = () => {
    if (stopped) return;
    stopped = true;
    try {
      // A kept cluster shuts down cleanly (a checkpoint, no recovery at its next start).
      run([`${bin}/pg_ctl`, "-D", `${dir}/data`, "-m", kept ? "fast" : "immediate", "stop"]);
    } catch {
      // not running
    } finally {
      if (!kept) rmSync(dir, { recursive: true, force: true });
    }
  };
  try {
    if (!reused)
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
      `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 ${settings}`,
      "start",
    ]);
  } catch (error) {
    let log = "";
    try {
      log = readFileSync(`${dir}/log`, "utf8");
    } catch {
      // no log yet
    }
    stop();
    throw new Error(`could not start PostgreSQL on port ${port}\n${log}`, { cause: error });
  }
  process.once("exit", stop);
  for (const signal of ["SIGINT", "SIGTERM"] as const)
    process.once(signal, () => {
      stop();
      process.exit(130);
    });
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    dataDir: `${dir}/data`,
    cpuSeconds: () => clusterCpuSeconds(`${dir}/data`),
    stop,
    leave: () => {
      stopped = true;
    },
    reused,
  };
}

/**
 * A database of the bench's own on `serverUrl` (`name` must be a plain identifier): its URL, and
 * `drop()` to remove it (forcing off any connection left) and close the admin connection.
 */
export async function createBenchDatabase(
  serverUrl: string,
  name: string,
): Promise<{ url: string; drop(): Promise<void> }> {
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      await admin.query(`drop database ${name} with (force)`);
      await admin.end();
    },
  };
}
