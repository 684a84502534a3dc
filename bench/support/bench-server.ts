import { spawn, type ChildProcess } from "node:child_process";
import { once } from "node:events";
import path from "node:path";
import { SERVER_NODE_FLAGS } from "../../bin/server-node-flags.js";

export interface BenchServer {
  server: ChildProcess;
  /** Resolves when the server process has exited. */
  exited: Promise<unknown>;
  base: string;
}

/**
 * Starts `cchc serve` on the demo data (demo password kept: development mode, no reminders) on
 * `dataDir` — or on `databaseUrl` — and waits until /api/health answers.
 */
export async function startBenchServer(options: {
  repoRoot: string;
  dataDir: string;
  databaseUrl?: string | null;
  portBase: number;
  label?: string;
  /** More environment variables for the server. */
  env?: Record<string, string>;
  /** A file descriptor for the server's standard output (its log); ignored when not given. */
  stdout?: number;
}): Promise<BenchServer> {
  const port = options.portBase + Math.floor(Math.random() * 2000);
  const label = options.label ? `the ${options.label} server` : "the server";
  const server = spawn(
    process.execPath,
    [...SERVER_NODE_FLAGS, path.join(options.repoRoot, "bin/cchc.js"), "serve"],
    {
      cwd: options.repoRoot,
      env: {
        ...process.env,
        PORT: String(port),
        CCHC_DATA_DIR: options.dataDir,
        DATABASE_URL: options.databaseUrl ?? "",
        CCHC_DEMO: "true",
        CCHC_ENV: "development",
        CCHC_REMINDER_INTERVAL_MINUTES: "0",
        CCHC_LOG_LEVEL: "warn",
        ...options.env,
      },
      stdio: ["ignore", options.stdout ?? "ignore", "inherit"],
    },
  );
  const exited = once(server, "exit");
  const base = `http://127.0.0.1:${port}`;
  for (let i = 0; ; i += 1) {
    if (server.exitCode !== null) throw new Error(`${label} stopped while starting`);
    try {
      if ((await fetch(`${base}/api/health`)).ok) break;
    } catch {
      // not listening yet
    }
    if (i > 6000) {
      server.kill();
      throw new Error(`${label} did not start`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return { server, exited, base };
}
