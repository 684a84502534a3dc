import { execFile } from "node:child_process";
import { chownSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";

const run = promisify(execFile);

/** Debian's newest PostgreSQL binaries (/usr/lib/postgresql/N/bin), or null when none exist. */
export function postgresBinDir(): string | null {
  const root = "/usr/lib/postgresql";
  if (!existsSync(root)) return null;
  const versions = readdirSync(root)
    .filter((name) => existsSync(join(root, name, "bin", "pg_ctl")))
    .sort((a, b) => Number(a) - Number(b));
  return versions.length ? join(root, versions.at(-1)!, "bin") : null;
}

/** A free loopback TCP port (the OS picks it). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** PostgreSQL refuses to run as root: as root, run its tools as the `postgres` user. */
const asRoot = process.getuid?.() === 0;

export interface ThrowawayPostgres {
  /** postgres://postgres@127.0.0.1:PORT/postgres */
  url: string;
  port: number;
  /** The cluster's data folder. */
  dataDir: string;
  /** Runs a PostgreSQL tool from the same bin folder (as `postgres` when root). */
  tool(name: string, args: string[]): Promise<string>;
  start(): Promise<void>;
  /** `fast` ends sessions cleanly; `immediate` is a crash (no shutdown checkpoint). */
  stop(mode?: "fast" | "immediate"): Promise<void>;
  /** Stops the server and deletes its folder. */
  destroy(): Promise<void>;
  /** The server was killed outside pg_ctl: destroy() must not signal its (stale) PID. */
  markKilled(): void;
  log(): string;
}

/**
 * A private PostgreSQL cluster in a temporary folder on a free loopback port (trust auth, no
 * fsync), like scripts/test.sh's start_postgres, for tests that stop, crash or replicate it.
 * `initialise: false` leaves the data folder empty (a standby fills it with pg_basebackup).
 */
export async function createThrowawayPostgres(
  options: { initialise?: boolean; settings?: string[] } = {},
): Promise<ThrowawayPostgres> {
  const bin = postgresBinDir();
  if (!bin) throw new Error("PostgreSQL binaries not found under /usr/lib/postgresql");
  const root = mkdtempSync(join(tmpdir(), "cchc-pg-"));
  if (asRoot) chownSync(root, uidOf("postgres"), gidOf("postgres"));
  const dataDir = join(root, "data");
  const logFile = join(root, "log");
  const port = await freePort();
  const tool = async (name: string, args: string[]) => {
    const file = asRoot ? "runuser" : join(bin, name);
    const argv = asRoot ? ["-u", "postgres", "--", join(bin, name), ...args] : args;
    const { stdout } = await run(file, argv, { cwd: root });
    return stdout;
  };
  if (options.initialise !== false) {
    await tool("initdb", [
      "-D",
      dataDir,
      "-U",
      "postgres",
      "--auth=trust",
      "-E",
      "UTF8",
      "--locale=C.UTF-8",
    ]);
  }
  const serverOptions = [
    `-p ${port}`,
    `-k ${root}`,
    "-c listen_addresses=127.0.0.1",
    "-c fsync=off",
    ...(options.settings ?? []).map((setting) => `-c ${setting}`),
  ].join(" ");
  let running = false;
  const pg: ThrowawayPostgres = {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    port,
    dataDir,
    tool,
    async start() {
      await tool("pg_ctl", ["-D", dataDir, "-l", logFile, "-w", "-o", serverOptions, "start"]);
      running = true;
    },
    async stop(mode = "fast") {
      await tool("pg_ctl", ["-D", dataDir, "-m", mode, "-w", "stop"]);
      running = false;
    },
    async destroy() {
      if (running) await pg.stop("immediate").catch(() => undefined);
      rmSync(root, { recursive: true, force: true });
    },
    markKilled() {
      running = false;
    },
    log: () => (existsSync(logFile) ? readFileSync(logFile, "utf8") : ""),
  };
  return pg;
}

function passwdEntry(user: string): string[] {
  const line = readFileSync("/etc/passwd", "utf8")
    .split("\n")
    .find((entry) => entry.startsWith(`${user}:`));
  if (!line) throw new Error(`no ${user} user`);
  return line.split(":");
}
const uidOf = (user: string) => Number(passwdEntry(user)[2]);
const gidOf = (user: string) => Number(passwdEntry(user)[3]);
