/**
 * What one plan view (GET /api/plans/:id, the plan with its targets measured live) asks of the
 * database: the number of statements and their time, on the demo's issued plan.
 *
 *   npm run bench plan-view [-- --database-url postgres://…/an_empty_database] [--runs 20]
 *     [--statements]
 *
 * Migrates the database (an in-memory PGlite by default), loads the demo with its plans, serves the
 * app in this process, signs in the demo's focal officer and reads the plan `--runs` times, one at
 * a time. Prints the statements per view, the median view time and the median time spent in the
 * database; --statements lists the statements of a view with their median times.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import { buildApp } from "../src/server/app.ts";
import { openPglite, openPostgres } from "../src/server/db/database.ts";
import { PgliteWorkerClient } from "../src/server/db/pglite-client.ts";
import { runMigrations } from "../src/server/db/migrate.ts";
import { loadDemo } from "../src/server/demo/load-demo.ts";
import { argument } from "./support/arguments.ts";
import { Session } from "./support/http-session.ts";

const databaseUrl = argument("database-url") ?? null;
const runs = Number(argument("runs") ?? 20);
const listStatements = process.argv.includes("--statements");

interface Statement {
  text: string;
  ms: number;
}
let recording: Statement[] | null = null;

/** Times each statement sent while `recording` is set (node-postgres, or the PGlite client's query/exec). */
function watch<T extends object>(proto: T, method: keyof T) {
  const original = proto[method] as unknown as (...args: unknown[]) => unknown;
  (proto as Record<keyof T, unknown>)[method] = function (this: unknown, ...args: unknown[]) {
    const first = args[0] as string | { text?: string };
    const text = typeof first === "string" ? first : (first?.text ?? "");
    const t0 = performance.now();
    const log = recording;
    const callback = args.at(-1);
    if (log && typeof callback === "function") {
      // pg.Pool's query passes a callback (no promise).
      args[args.length - 1] = (...answer: unknown[]) => {
        log.push({ text, ms: performance.now() - t0 });
        return (callback as (...a: unknown[]) => unknown)(...answer);
      };
    }
    const result = original.apply(this, args);
    if (log && result && typeof (result as Promise<unknown>).then === "function") {
      void (result as Promise<unknown>).then(
        () => log.push({ text, ms: performance.now() - t0 }),
        () => log.push({ text, ms: performance.now() - t0 }),
      );
    }
    return result;
  };
}
watch(pg.Client.prototype, "query");
// PGlite's client on the server's thread (the statement's time includes the trip to its worker).
watch(PgliteWorkerClient.prototype, "query");
watch(PgliteWorkerClient.prototype, "exec");

const median = (values: number[]) => [...values].sort((a, b) => a - b)[values.length >> 1]!;

async function main() {
  const database = databaseUrl ? await openPostgres(databaseUrl) : await openPglite("memory://");
  await runMigrations(database);
  await loadDemo(database.db, { plans: true });
  const dataDir = mkdtempSync(path.join(tmpdir(), "cchc-plan-view-"));
  const app = await buildApp({ database, logLevel: "silent", webDir: null, dataDir });
  try {
    await app.listen({ port: 0, host: "127.0.0.1" });
    const base = `http://127.0.0.1:${(app.server.address() as { port: number }).port}`;
    const focal = new Session(base);
    await focal.signIn("daumoi");
    const plans = (
      await focal.call<{ data: { id: string; status: string }[] }>("GET", "/api/plans")
    ).data;
    const plan = plans.find((candidate) => candidate.status === "issued") ?? plans[0]!;
    await focal.call("GET", `/api/plans/${plan.id}`); // warm-up
    const views: { ms: number; statements: Statement[] }[] = [];
    for (let i = 0; i < runs; i += 1) {
      recording = [];
      const t0 = performance.now();
      const view = await focal.call<{ data: { targets: unknown[] } }>(
        "GET",
        `/api/plans/${plan.id}`,
      );
      const ms = performance.now() - t0;
      await new Promise((resolve) => setImmediate(resolve));
      views.push({ ms, statements: recording });
      recording = null;
      if (i === 0) console.log(`plan view: ${view.data.targets.length} targets`);
    }
    const counts = views.map((v) => v.statements.length);
    console.log(
      `${database.kind}, ${runs} views: ${median(counts)} statements per view (min ${Math.min(...counts)}, max ${Math.max(...counts)}), ` +
        `view p50 ${median(views.map((v) => v.ms)).toFixed(1)} ms, ` +
        `database p50 (sum of statements) ${median(views.map((v) => v.statements.reduce((s, q) => s + q.ms, 0))).toFixed(1)} ms`,
    );
    if (listStatements) {
      // Each statement's median over the views that sent as many statements as the last one.
      const last = views.at(-1)!.statements;
      const alike = views.filter((v) => v.statements.length === last.length);
      last.forEach((statement, i) => {
        const ms = median(alike.map((v) => v.statements[i]!.ms));
        console.log(
          `${ms.toFixed(2).padStart(8)} ms  ${statement.text.replace(/\s+/g, " ").slice(0, 150)}`,
        );
      });
    }
  } finally {
    await app.close();
    await database.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

await main();
