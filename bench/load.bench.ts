/**
 * The load script of issue 11: many signed-in clients on a mixed workload, against a bare
 * node:http server in the same run.
 *
 *   npm run load [-- --seconds 20] [--connections 50] [--database-url postgres://…]
 *
 * Starts a bare node:http server and `cchc serve` on the demo (embedded database in a temporary
 * folder, or the PostgreSQL database given), signs in the demo's clerk, focal officer and
 * administrator, receives 200 dossiers to look up, then runs for `--seconds` with
 * `--connections` clients on kept-alive sockets (bench/support/load.ts), each client picking its
 * next request from the mix below: register pages (a ward's first page, by state, overdue, a name
 * search; the province's first page), task updates, dossier receipts, public lookups (each from
 * its own citizen's address, as the lookup is limited per address) and plan views. Then the same
 * clients on node:http alone. Prints requests, errors, req/s, p50/p99 per route, and the whole
 * mix's req/s as a ratio of node:http's. Exits 1 when any request failed.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { startBenchServer } from "./support/bench-server.ts";
import { Session } from "./support/http-session.ts";
import { printFigures, runLoad, type LoadRequest } from "./support/load.ts";
import { argument } from "./support/arguments.ts";
import { startBare } from "./support/bare-server.ts";

const repoRoot = path.resolve(import.meta.dirname, "..");
const seconds = Number(argument("seconds") ?? 20);
const connections = Number(argument("connections") ?? 50);
const databaseUrl = argument("database-url") ?? null;

interface Signed {
  session: Session;
  headers: Record<string, string>;
}

async function signedIn(base: string, username: string): Promise<Signed> {
  const session = new Session(base);
  await session.signIn(username);
  return { session, headers: session.headers() };
}

/** What the mix needs from the demo: procedures, a plan with tasks, dossiers to look up. */
async function prepare(clerk: Signed, focal: Signed) {
  const procedures = (
    await clerk.session.call<{ data: { id: string; isActive: boolean }[] }>(
      "GET",
      "/api/procedures",
    )
  ).data.filter((procedure) => procedure.isActive);
  if (procedures.length === 0) throw new Error("the clerk's unit has no active procedure");
  const plans = (
    await focal.session.call<{ data: { id: string; status: string }[] }>("GET", "/api/plans")
  ).data;
  const plan = plans.find((candidate) => candidate.status === "issued") ?? plans[0];
  if (!plan) throw new Error("the focal officer reads no plan");
  const view = await focal.session.call<{ data: { tasks: { id: string }[] } }>(
    "GET",
    `/api/plans/${plan.id}`,
  );
  const tasks: string[] = [];
  for (const task of view.data.tasks) {
    try {
      await focal.session.call("POST", `/api/tasks/${task.id}/updates`, {
        comment: "Chuẩn bị đo tải",
      });
      tasks.push(task.id);
    } catch {
      // a parent task or one the focal officer may not update: left out of the mix
    }
    if (tasks.length >= 20) break;
  }
  if (tasks.length === 0) throw new Error("no task the focal officer may update");
  const lookups: { code: string; last4: string }[] = [];
  // Many codes: the public lookup is also limited per code (guessing a phone's last digits).
  for (let i = 0; i < 200; i += 1) {
    const phone = `0912 ${String(100000 + i).slice(-6)}`;
    const received = await clerk.session.call<{ data: { code: string } }>("POST", "/api/dossiers", {
      procedureId: procedures[i % procedures.length]!.id,
      applicantName: `Nguyễn Văn Tải ${i}`,
      applicantPhone: phone,
      channel: "in_person",
    });
    lookups.push({ code: received.data.code, last4: phone.replace(/\D/g, "").slice(-4) });
  }
  return { procedures: procedures.map((p) => p.id), planId: plan.id, tasks, lookups };
}

async function main() {
  const dataDir = mkdtempSync(path.join(tmpdir(), "cchc-load-"));
  const bare = await startBare();
  const app = await startBenchServer({
    repoRoot,
    dataDir,
    databaseUrl,
    portBase: 45000,
    label: "cchc",
    env: { CCHC_TRUST_PROXY: "127.0.0.1" },
  });
  try {
    const clerk = await signedIn(app.base, "motcua");
    const focal = await signedIn(app.base, "daumoi");
    const admin = await signedIn(app.base, "admin");
    const world = await prepare(clerk, focal);
    const json = (headers: Record<string, string>) => ({
      ...headers,
      "content-type": "application/json",
    });
    let received = 0;
    const mix: ((n: number) => LoadRequest)[] = [
      () => ({
        route: "register: ward, first page",
        path: "/api/dossiers?limit=20",
        headers: clerk.headers,
      }),
      () => ({
        route: "register: ward, by state",
        path: "/api/dossiers?limit=20&state=in_progress",
        headers: clerk.headers,
      }),
      () => ({
        route: "register: ward, overdue",
        path: "/api/dossiers?limit=20&overdue=true",
        headers: clerk.headers,
      }),
      () => ({
        route: "register: ward, name search",
        path: `/api/dossiers?limit=20&q=${encodeURIComponent("nguyen van")}`,
        headers: clerk.headers,
      }),
      () => ({
        route: "register: province, first page",
        path: "/api/dossiers?limit=20",
        headers: admin.headers,
      }),
      (n) => ({
        route: "task update",
        method: "POST",
        path: `/api/tasks/${world.tasks[n % world.tasks.length]}/updates`,
        headers: json(focal.headers),
        body: JSON.stringify({ comment: `Cập nhật lần ${n}` }),
      }),
      (n) => ({
        route: "dossier receipt",
        method: "POST",
        path: "/api/dossiers",
        headers: json(clerk.headers),
        body: JSON.stringify({
          procedureId: world.procedures[n % world.procedures.length],
          applicantName: `Trần Thị Tải ${(received += 1)}`,
          applicantPhone: `0987 ${String(100000 + (received % 900000)).slice(-6)}`,
          channel: "online",
        }),
      }),
      (n) => {
        const lookup = world.lookups[n % world.lookups.length]!;
        return {
          route: "public lookup",
          path: `/api/public/dossiers/${encodeURIComponent(lookup.code)}?phoneLast4=${lookup.last4}`,
          // Each citizen from an address of their own: the lookup is limited per address.
          headers: { "x-forwarded-for": `10.${(n >> 16) & 255}.${(n >> 8) & 255}.${n & 255}` },
        };
      },
      () => ({ route: "plan view", path: `/api/plans/${world.planId}`, headers: focal.headers }),
    ];
    // The mix's weights: reads dominate, as in an office day.
    const weights = [3, 2, 2, 2, 2, 2, 1, 3, 3];
    const slots = weights.flatMap((weight, index) => Array<number>(weight).fill(index));
    let counter = 0;
    const next = () => {
      const n = (counter += 1);
      return mix[slots[n % slots.length]!]!(n);
    };
    await runLoad({ base: app.base, connections, seconds: 2, next }); // warm-up, not counted
    const started = performance.now();
    const rows = await runLoad({ base: app.base, connections, seconds, next });
    const elapsed = (performance.now() - started) / 1000;
    const [bareRow] = await runLoad({
      base: bare.base,
      connections,
      seconds,
      next: () => ({ route: "node:http", path: "/" }),
    });
    const total = rows.reduce((sum, row) => sum + row.requests, 0);
    const errors = rows.reduce((sum, row) => sum + row.errors, 0);
    const mixRate = total / elapsed;
    console.log(
      `${connections} connections, ${seconds} s, ${databaseUrl ? "PostgreSQL" : "PGlite"}, demo data`,
    );
    printFigures([
      ...rows.sort((a, b) => a.route.localeCompare(b.route)),
      {
        route: "whole mix",
        requests: total,
        errors,
        perSecond: mixRate,
        p50: Number.NaN,
        p99: Math.max(...rows.map((row) => row.p99)),
        ratio: mixRate / bareRow!.perSecond,
      },
      { ...bareRow!, ratio: 1 },
    ]);
    if (errors > 0) process.exitCode = 1;
  } finally {
    bare.child.kill();
    app.server.kill();
    await app.exited;
    rmSync(dataDir, { recursive: true, force: true });
  }
}

await main();
