/**
 * Light requests against a bare node:http server, side by side in one run.
 *
 *   npm run bench light-requests [-- --seconds 5] [--connections 50] [--database-url postgres://…]
 *
 * Starts a bare node:http server (answers `{"status":"ok"}`) and `cchc serve` on the demo (the
 * embedded database in a temporary folder, or the PostgreSQL database given), signs in as the
 * demo clerk, then loads each in turn for `--seconds` with `--connections` clients
 * (bench/support/load.ts): node:http, `GET /api/health`, and the cheapest signed-in route
 * `GET /api/auth/me` (session resolved, nothing else read). Prints req/s, p50/p99 and each
 * route's ratio to node:http's req/s.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { startBenchServer } from "./support/bench-server.ts";
import { printFigures, runLoad, type RouteFigures } from "./support/load.ts";
import { argument } from "./support/arguments.ts";
import { startBare } from "./support/bare-server.ts";

const repoRoot = path.resolve(import.meta.dirname, "..");
const seconds = Number(argument("seconds") ?? 5);
const connections = Number(argument("connections") ?? 50);
const databaseUrl = argument("database-url") ?? null;

async function main() {
  const dataDir = mkdtempSync(path.join(tmpdir(), "cchc-bench-light-"));
  const bare = await startBare();
  const app = await startBenchServer({
    repoRoot,
    dataDir,
    databaseUrl,
    portBase: 43000,
    label: "cchc",
  });
  try {
    const signIn = await fetch(`${app.base}/api/auth/sign-in`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ username: "motcua", password: "cchc-demo-2026" }),
    });
    if (!signIn.ok) throw new Error(`sign-in failed: ${signIn.status}`);
    const cookie = signIn.headers.get("set-cookie")!.split(";")[0]!;
    const one = async (label: string, base: string, p: string, headers = {}) => {
      // A short warm-up (JIT, the database's caches), not counted.
      await runLoad({
        base,
        connections,
        seconds: 1,
        next: () => ({ route: label, path: p, headers }),
      });
      const [figures] = await runLoad({
        base,
        connections,
        seconds,
        next: () => ({ route: label, path: p, headers }),
      });
      return figures!;
    };
    const rows: RouteFigures[] = [];
    rows.push(await one("node:http", bare.base, "/"));
    rows.push(await one("GET /api/health", app.base, "/api/health"));
    rows.push(await one("GET /api/auth/me (signed in)", app.base, "/api/auth/me", { cookie }));
    const bareRate = rows[0]!.perSecond;
    console.log(
      `${connections} connections, ${seconds} s each, ${databaseUrl ? "PostgreSQL" : "PGlite"}, demo data`,
    );
    printFigures(rows.map((r) => ({ ...r, ratio: r.perSecond / bareRate })));
  } finally {
    bare.child.kill();
    app.server.kill();
    await app.exited;
    rmSync(dataDir, { recursive: true, force: true });
  }
}

await main();
