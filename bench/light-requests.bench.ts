/**
 * Light requests against a bare node:http server, side by side in one run.
 *
 *   npm run bench light-requests [-- --seconds 5] [--connections 50] [--rounds 3]
 *     [--database-url postgres://…] [--before DIR] [--before-database-url postgres://…]
 *
 * Starts a bare node:http server (answers `{"status":"ok"}`) and `cchc serve` on the demo (the
 * embedded database in a temporary folder, or the PostgreSQL database given), signs in as the
 * demo clerk, then loads each in turn for `--seconds` with `--connections` clients
 * (bench/support/load.ts): node:http, `GET /api/health`, and the cheapest signed-in route
 * `GET /api/auth/me` (session resolved, nothing else read). `--before DIR` also starts the server
 * of another checkout (e.g. the main branch; on `--before-database-url` for PostgreSQL, a database
 * of its own) and loads its two routes in the same rounds. The whole sequence is repeated
 * `--rounds` times, so a change in the machine's load reaches every row alike; each row sums its
 * rounds (req/s over all of them, p50/p99 the median of the rounds') and its ratio is to
 * node:http's summed req/s; the median of each round's own ratio is printed too.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { startBenchServer, type BenchServer } from "./support/bench-server.ts";
import { printFigures, runLoad, type RouteFigures } from "./support/load.ts";
import { argument } from "./support/arguments.ts";
import { startBare } from "./support/bare-server.ts";

const repoRoot = path.resolve(import.meta.dirname, "..");
const seconds = Number(argument("seconds") ?? 5);
const connections = Number(argument("connections") ?? 50);
const rounds = Number(argument("rounds") ?? 3);
const databaseUrl = argument("database-url") ?? null;
const before = argument("before") ?? null;
const beforeDatabaseUrl = argument("before-database-url") ?? null;

interface Target {
  label: string;
  base: string;
  path: string;
  headers: Record<string, string>;
}

async function signedInCookie(base: string) {
  const signIn = await fetch(`${base}/api/auth/sign-in`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ username: "motcua", password: "cchc-demo-2026" }),
  });
  if (!signIn.ok) throw new Error(`sign-in failed: ${signIn.status}`);
  return signIn.headers.get("set-cookie")!.split(";")[0]!;
}

async function measure(target: Target) {
  const next = () => ({ route: target.label, path: target.path, headers: target.headers });
  // A short warm-up (JIT, the database's caches), not counted.
  await runLoad({ base: target.base, connections, seconds: 1, next });
  const [figures] = await runLoad({ base: target.base, connections, seconds, next });
  return figures!;
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
};

async function main() {
  const folders: string[] = [];
  const servers: BenchServer[] = [];
  const bare = await startBare();
  try {
    const start = async (root: string, url: string | null, label: string) => {
      const dataDir = mkdtempSync(path.join(tmpdir(), "cchc-bench-light-"));
      folders.push(dataDir);
      const server = await startBenchServer({
        repoRoot: root,
        dataDir,
        databaseUrl: url,
        portBase: 43000,
        label,
      });
      servers.push(server);
      return server;
    };
    const app = await start(repoRoot, databaseUrl, "cchc");
    const targets: Target[] = [{ label: "node:http", base: bare.base, path: "/", headers: {} }];
    const routes = async (server: BenchServer, prefix: string) => {
      const cookie = await signedInCookie(server.base);
      targets.push(
        { label: `${prefix}GET /api/health`, base: server.base, path: "/api/health", headers: {} },
        {
          label: `${prefix}GET /api/auth/me (signed in)`,
          base: server.base,
          path: "/api/auth/me",
          headers: { cookie },
        },
      );
    };
    if (before) await routes(await start(before, beforeDatabaseUrl, "before"), "before: ");
    await routes(app, before ? "this checkout: " : "");

    const all = new Map<string, RouteFigures[]>();
    for (let round = 1; round <= rounds; round += 1) {
      const rows: RouteFigures[] = [];
      for (const target of targets) rows.push(await measure(target));
      const bareRate = rows[0]!.perSecond;
      console.log(`round ${round}`);
      printFigures(rows.map((r) => ({ ...r, ratio: r.perSecond / bareRate })));
      for (const row of rows) all.set(row.route, [...(all.get(row.route) ?? []), row]);
    }
    const summed = [...all].map(([route, rows]) => ({
      route,
      requests: rows.reduce((sum, r) => sum + r.requests, 0),
      errors: rows.reduce((sum, r) => sum + r.errors, 0),
      perSecond: rows.reduce((sum, r) => sum + r.perSecond, 0) / rows.length,
      p50: median(rows.map((r) => r.p50)),
      p99: median(rows.map((r) => r.p99)),
    }));
    const bareRate = summed[0]!.perSecond;
    console.log(
      `all ${rounds} rounds: ${connections} connections, ${seconds} s each, ` +
        `${databaseUrl ? "PostgreSQL" : "PGlite"}, demo data`,
    );
    printFigures(summed.map((r) => ({ ...r, ratio: r.perSecond / bareRate })));
    // The machine's load can change between a round's rows; the median of the rounds' own ratios
    // weighs every round alike, whatever node:http reached in it.
    const bareRows = all.get("node:http")!;
    console.log("median of the rounds' ratios to node:http:");
    for (const [route, rows] of all) {
      const ratios = rows.map((r, i) => r.perSecond / bareRows[i]!.perSecond);
      console.log(`${route}: ${(median(ratios) * 100).toFixed(1)} %`);
    }
  } finally {
    bare.child.kill();
    for (const server of servers) {
      server.server.kill();
      await server.exited;
    }
    for (const folder of folders) rmSync(folder, { recursive: true, force: true });
  }
}

await main();
