/**
 * `npm run bench upload-bombs [-- --scale 1]`: crafted archive bombs sent to a real server
 * (`cchc serve`, PGlite, demo data) through every upload route, as the issue's findings did. For
 * each case: the answer (status and code), the time to answer, the server's peak RSS (sampled
 * every 100 ms) and the slowest `/api/health` answer meanwhile (polled every 250 ms). At the end,
 * how many files the refused uploads left in the data folder. `--scale 0.25` makes the bombs
 * smaller (a quicker look). The bombs are generated (test/support/zip-bombs.ts), never stored.
 */
import { startBenchServer } from "./support/bench-server.ts";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { docxBomb, manyPartsXlsx, xlsxBomb } from "../test/support/zip-bombs.ts";

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const DEMO_PASSWORD = "cchc-demo-2026";
const RSS_BUDGET_MB = 500;
const REQUEST_TIMEOUT_MS = 240_000;

const scaleArg = process.argv.indexOf("--scale");
const scale = scaleArg > 0 ? Number(process.argv[scaleArg + 1]) : 1;
const mb = (n: number) => Math.max(1, Math.round(n * scale));

function rssMb(pid: number): number {
  try {
    const status = readFileSync(`/proc/${pid}/status`, "utf8");
    const match = /VmRSS:\s+(\d+) kB/.exec(status);
    return match ? Number(match[1]) / 1024 : 0;
  } catch {
    return 0;
  }
}

interface Answer {
  status: number;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- JSON answers of several shapes
  json: any;
  bytes: number;
}

class Session {
  private cookie = "";
  private csrf = "";
  constructor(private readonly base: string) {}

  async send(method: string, route: string, body?: FormData | object): Promise<Answer> {
    const headers: Record<string, string> = { cookie: this.cookie };
    if (method !== "GET") headers["x-csrf-token"] = this.csrf;
    if (body && !(body instanceof FormData)) headers["content-type"] = "application/json";
    const response = await fetch(this.base + route, {
      method,
      headers,
      body: body instanceof FormData ? body : body ? JSON.stringify(body) : undefined,
      signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
    });
    const cookie = response.headers.get("set-cookie");
    if (cookie) this.cookie = cookie.split(";")[0]!;
    const text = await response.text();
    let json: Answer["json"];
    try {
      json = JSON.parse(text) as Answer["json"];
    } catch {
      json = { raw: text.slice(0, 200) };
    }
    return { status: response.status, json, bytes: text.length };
  }

  async signIn(username: string) {
    const answer = await this.send("POST", "/api/auth/sign-in", {
      username,
      password: DEMO_PASSWORD,
    });
    if (answer.status !== 200) throw new Error(`sign-in ${username}: ${answer.status}`);
    this.csrf = answer.json.data.csrfToken;
    return this;
  }
}

function form(file: Buffer, name: string, fields: Record<string, string> = {}) {
  const data = new FormData();
  for (const [key, value] of Object.entries(fields)) data.append(key, value);
  data.append("file", new Blob([new Uint8Array(file)]), name);
  return data;
}

interface Outcome {
  name: string;
  answers: string;
  seconds: number;
  peakMb: number;
  slowestHealthMs: number;
}

async function measure(
  pid: number,
  base: string,
  name: string,
  work: () => Promise<Answer[]>,
): Promise<Outcome> {
  let peak = rssMb(pid);
  let slowest = 0;
  let done = false;
  const sampler = setInterval(() => (peak = Math.max(peak, rssMb(pid))), 100);
  const health = (async () => {
    while (!done) {
      const started = Date.now();
      try {
        await fetch(`${base}/api/health`, { signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS) });
      } catch {
        // counted as slow
      }
      slowest = Math.max(slowest, Date.now() - started);
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  })();
  const started = Date.now();
  let answers: string;
  try {
    const results = await work();
    answers = results
      .map(
        (r) =>
          `${r.status} ${r.json?.error?.code ?? "ok"}${r.bytes > 100_000 ? ` (${(r.bytes / 1048576).toFixed(1)} MB body)` : ""}`,
      )
      .join(", ");
  } catch (error) {
    answers = `failed: ${(error as Error).message}`;
  }
  const seconds = (Date.now() - started) / 1000;
  done = true;
  await health;
  clearInterval(sampler);
  return { name, answers, seconds, peakMb: peak, slowestHealthMs: slowest };
}

function countFiles(dir: string): number {
  if (!existsSync(dir)) return 0;
  let count = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    count += entry.isDirectory() ? countFiles(path.join(dir, entry.name)) : 1;
  }
  return count;
}

async function main() {
  mkdirSync(path.join(repoRoot, ".tmp"), { recursive: true });
  const dataDir = mkdtempSync(path.join(repoRoot, ".tmp", "bench-bombs-"));
  const { server, exited, base } = await startBenchServer({ repoRoot, dataDir, portBase: 43000 });
  try {
    const admin = await new Session(base).signIn("admin");
    const viewer = await new Session(base).signIn("xem");
    const focal = await new Session(base).signIn("daumoi");
    const units = (await admin.send("GET", "/api/units")).json.data as {
      id: string;
      code: string;
    }[];
    const unitId = units.find((u) => u.code === "06658")!.id;
    const plans = (await focal.send("GET", "/api/plans")).json.data as { id: string }[];
    const planId = plans[0]?.id;
    await new Promise((resolve) => setTimeout(resolve, 1000));
    const pid = server.pid!;
    console.log(`server idle RSS ${rssMb(pid).toFixed(0)} MB; bomb scale ${scale}`);

    const outcomes: Outcome[] = [];
    const run = async (name: string, work: () => Promise<Answer[]>) => {
      const outcome = await measure(pid, base, name, work);
      outcomes.push(outcome);
      console.log(
        `${name}: ${outcome.answers} in ${outcome.seconds.toFixed(1)} s; peak RSS ${outcome.peakMb.toFixed(0)} MB; slowest health ${outcome.slowestHealthMs} ms`,
      );
      // Let the server settle between cases.
      await new Promise((resolve) => setTimeout(resolve, 3000));
    };

    const rows50 = xlsxBomb("rows", mb(50));
    await run(
      `unit import, admin, .xlsx ${(rows50.length / 1048576).toFixed(1)} MB → ${mb(50)} MB sheet XML`,
      async () => [await admin.send("POST", "/api/units/import", form(rows50, "don-vi.xlsx"))],
    );

    const rows600 = xlsxBomb("rows", mb(600));
    await run(
      `viewer, 4 parallel .xlsx ${(rows600.length / 1048576).toFixed(1)} MB → ${mb(600)} MB each, unit + procedure import`,
      () =>
        Promise.all([
          viewer.send("POST", "/api/units/import", form(rows600, "a.xlsx")),
          viewer.send("POST", "/api/units/import", form(rows600, "b.xlsx")),
          viewer.send("POST", `/api/procedures/import?unitId=${unitId}`, form(rows600, "c.xlsx")),
          viewer.send("POST", `/api/procedures/import?unitId=${unitId}`, form(rows600, "d.xlsx")),
        ]),
    );

    const docx = docxBomb(mb(60));
    await run(
      `plan import, focal officer, .docx ${(docx.length / 1024).toFixed(0)} KB → ${mb(60)} MB XML`,
      async () => [
        await focal.send("POST", `/api/plan-imports?unitId=${unitId}`, form(docx, "ke-hoach.docx")),
      ],
    );

    if (planId) {
      const taskRows = xlsxBomb("rows", mb(50));
      await run(`task sheet preview, focal officer, .xlsx → ${mb(50)} MB sheet XML`, async () => [
        await focal.send(
          "POST",
          `/api/plans/${planId}/tasks/import-preview`,
          form(taskRows, "nhiem-vu.xlsx"),
        ),
      ]);
    }

    const strings = xlsxBomb("sharedStrings", mb(300));
    await run(`dossier import preview, admin, .xlsx → ${mb(300)} MB shared strings`, async () => [
      await admin.send(
        "POST",
        "/api/dossier-imports/preview",
        form(strings, "ho-so.xlsx", { unitId }),
      ),
    ]);

    const cell = xlsxBomb("cell", mb(200));
    await run(`dossier import preview, admin, .xlsx → one ${mb(200)} MB cell`, async () => [
      await admin.send(
        "POST",
        "/api/dossier-imports/preview",
        form(cell, "ho-so.xlsx", { unitId }),
      ),
    ]);

    const many = manyPartsXlsx(20_000);
    await run(
      `unit import, admin, .xlsx of 20,000 parts (${(many.length / 1048576).toFixed(1)} MB)`,
      async () => [await admin.send("POST", "/api/units/import", form(many, "don-vi.xlsx"))],
    );

    await run("viewer, dossier import of a 1 MB CSV (refused)", async () => [
      await viewer.send(
        "POST",
        "/api/dossier-imports",
        form(Buffer.from("a,b\n".repeat(256 * 1024)), "ho-so.csv", { unitId }),
      ),
    ]);
    const stored = countFiles(path.join(dataDir, "dossier-imports", "uploads"));
    console.log(`\nfiles left in dossier-imports/uploads after the cases: ${stored}`);
    const worst = Math.max(...outcomes.map((o) => o.peakMb));
    console.log(`highest peak RSS: ${worst.toFixed(0)} MB (budget ${RSS_BUDGET_MB} MB)`);
  } finally {
    server.kill("SIGTERM");
    await exited;
    rmSync(dataDir, { recursive: true, force: true });
  }
}

await main();
