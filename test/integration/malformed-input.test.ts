import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { routeTable, type RouteEntry } from "../../src/server/http/route-table.ts";
import { makeWardWorld, receiveDossier, signIn, type WardWorld } from "../support/desk-fixtures.ts";
import { makeProcedure } from "../support/factories.ts";
import { rawRequest } from "../support/raw-http.ts";
import { startTestApp, type ApiClient, type TestApp } from "../support/test-app.ts";
import { NUL_TEXT, sample, type SampleContext } from "../support/zod-sample.ts";

/**
 * Generated from the route table: every route gets each kind of bad input an outside review
 * found giving 500 — a NUL byte in strings, impossible dates, a truncated multipart body,
 * invalid JSON, a wrong content type, raw UTF-8 bytes in the query string, `..` and NUL in path
 * parameters. Nothing may give a 5xx; every error has the documented shape; a NUL byte or an
 * impossible date is refused (4xx), never accepted. Routes added later are covered without
 * touching this file.
 */
let t: TestApp;
let admin: ApiClient;
const context: SampleContext = { ids: {} };
const resourceIds: Record<string, string> = {};
let world: WardWorld;

interface Probe {
  kind: string;
  method: string;
  /** Path and query exactly as sent (may hold raw UTF-8 bytes: sent over a raw socket). */
  target: string;
  headers?: Record<string, string>;
  body?: string | Buffer;
  /** true: the input must be refused (4xx); otherwise any non-5xx answer is fine. */
  mustRefuse: boolean;
}

const BOUNDARY = "----cchc-probe-boundary";

async function firstId(path: string): Promise<string | undefined> {
  const response = await admin.get(path);
  const data = response.body?.data;
  const list = Array.isArray(data) ? data : (data?.items ?? []);
  return list[0]?.id as string | undefined;
}

beforeAll(async () => {
  t = await startTestApp({ demo: false });
  const db = t.db.database.db;
  world = await makeWardWorld(db, { agencyCode: "000.01.22.H99" });
  admin = await signIn(t, world.users.admin);
  const unitId = world.ward.id;
  // One record of each kind for the probes' paths: an issued plan with a task and a target, a
  // procedure with a dossier, a feedback item.
  const procedure = await makeProcedure(db, world.ward, { code: "1.004873", processingDays: 3 });
  const focal = await signIn(t, world.users.focal);
  const created = await focal.post("/api/plans", {
    unitId,
    title: "Kế hoạch cải cách hành chính năm 2026",
    period: { kind: "year", year: 2026 },
    tasks: [
      {
        areaKey: "direction",
        ref: "1",
        text: "Báo cáo tình hình thực hiện",
        timeline: "Hằng quý",
        leadAgencyId: world.agencies.office.id,
      },
    ],
    targets: [
      {
        text: "Tỷ lệ hồ sơ giải quyết đúng hạn đạt từ 99,7% trở lên",
        metric: "on_time_rate",
        comparator: "gte",
        value: 99.7,
        unit: "percent",
      },
    ],
  });
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  const leader = await signIn(t, world.users.leader);
  const issued = await leader.post(`/api/plans/${created.body.data.id}/issue`, {
    issuedDate: "2026-01-20",
    confirmTasksWithoutLead: true,
  });
  expect(issued.status, JSON.stringify(issued.body)).toBe(200);
  const clerk = await signIn(t, world.users.clerk);
  await receiveDossier(clerk, procedure.id);
  const feedback = await focal.post("/api/feedback", {
    unitId,
    channel: "phone",
    senderName: "Trần Văn Bình",
    senderPhone: "0987 654 321",
    title: "Phản ánh để thử",
    content: "Nội dung phản ánh để thử.",
    receivedAt: "2026-03-02 09:00",
  });
  expect(feedback.status, JSON.stringify(feedback.body)).toBe(201);
  const planId = await firstId(`/api/plans?unitId=${unitId}`);
  const found: Record<string, string | undefined> = {
    unitId,
    parentId: world.province.id,
    agencyId: await firstId(`/api/agencies?unitId=${unitId}`),
    userId: world.users.viewer.id,
    planId,
    taskId: planId ? await firstId(`/api/tasks?planId=${planId}`) : undefined,
    procedureId: await firstId(`/api/procedures?unitId=${unitId}`),
    dossierId: await firstId(`/api/dossiers?unitId=${unitId}`),
    feedbackId: await firstId(`/api/feedback?unitId=${unitId}`),
    notificationId: await firstId(`/api/notifications`),
  };
  if (planId) {
    const plan = (await admin.get(`/api/plans/${planId}`)).body.data;
    found.targetId = plan?.targets?.[0]?.id ?? plan?.areas?.[0]?.targets?.[0]?.id;
  }
  for (const [key, id] of Object.entries(found)) if (id) context.ids[key] = id;
  context.ids.toAgencyId = context.ids.agencyId!;
  Object.assign(resourceIds, {
    units: unitId,
    "desk-settings": unitId,
    agencies: found.agencyId,
    users: found.userId,
    plans: planId,
    tasks: found.taskId,
    targets: found.targetId,
    procedures: found.procedureId,
    dossiers: found.dossierId,
    feedback: found.feedbackId,
    notifications: found.notificationId,
  });
});
afterAll(() => t.close());

/** The URL with every `:param` (and a trailing `*`) filled: real ids where known. */
function fillPath(url: string, override?: (name: string) => string): string {
  const segments = url.split("/");
  return segments
    .map((segment, index) => {
      if (segment === "*") return override ? override("*") : "swagger-ui.css";
      if (!segment.startsWith(":")) return segment;
      const name = segment.slice(1);
      if (override) return override(name);
      if (name === "id") return resourceIds[segments[index - 1] ?? ""] ?? randomUUID();
      if (name === "key") return "tthc";
      if (name === "code") return "PAKN.20260302.0001";
      return randomUUID();
    })
    .join("/");
}

function queryString(value: unknown, raw = false): string {
  if (!value || typeof value !== "object") return "";
  const pairs = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined && v !== null && typeof v !== "object")
    .map(([k, v]) => `${k}=${raw ? String(v) : encodeURIComponent(String(v))}`);
  return pairs.length ? `?${pairs.join("&")}` : "";
}

function hasBody(method: string) {
  return method === "POST" || method === "PUT" || method === "PATCH" || method === "DELETE";
}

function probesFor(route: RouteEntry): Probe[] {
  const { method, url, schema } = route;
  const path = fillPath(url);
  const validQuery = sample(schema?.querystring, "valid", context).value;
  const query = queryString(validQuery);
  const json = { "content-type": "application/json" };
  const probes: Probe[] = [];

  for (const mode of ["nul", "impossible-date"] as const) {
    const q = sample(schema?.querystring, mode, context);
    if (q.injected) {
      probes.push({
        kind: `${mode} in query`,
        method,
        target: path + queryString(q.value),
        mustRefuse: true,
      });
    }
    const b = sample(schema?.body, mode, context);
    if (b.injected) {
      probes.push({
        kind: `${mode} in body`,
        method,
        target: path + query,
        headers: json,
        body: JSON.stringify(b.value),
        mustRefuse: true,
      });
    }
  }
  // A NUL in a query parameter the route does not declare (searches, filters added later).
  probes.push({
    kind: "nul in an undeclared query parameter",
    method,
    target: `${path}${query ? `${query}&` : "?"}q=${encodeURIComponent(NUL_TEXT)}`,
    mustRefuse: true,
  });
  // Raw UTF-8 bytes (not percent-encoded) in the query string, as some clients send them.
  const rawQuery = queryString(sample(schema?.querystring, "valid", context).value, true);
  probes.push({
    kind: "raw UTF-8 query string",
    method,
    target: `${path}${rawQuery ? `${rawQuery}&` : "?"}q=Nguyễn Thị Hà`.replace(/ /g, "+"),
    mustRefuse: false,
  });
  if (url.includes(":") || url.endsWith("*")) {
    for (const [kind, value] of [
      ["dot-dot in path parameters", ".."],
      ["encoded traversal in path parameters", "..%2F..%2F..%2Fpackage.json"],
      ["dot-encoded traversal in path parameters", "%2e%2e%2f%2e%2e%2fpackage.json"],
    ] as const) {
      probes.push({ kind, method, target: fillPath(url, () => value), mustRefuse: false });
    }
    probes.push({
      kind: "nul in path parameters",
      method,
      target: fillPath(url, () => "a%00b"),
      mustRefuse: true,
    });
  }
  if (hasBody(method)) {
    // Routes that read no body (sign-out, read-all, amend) may ignore it; the others must refuse.
    const readsBody = schema?.body !== undefined || Array.isArray((schema as any)?.consumes);
    probes.push(
      {
        kind: "truncated multipart body",
        method,
        target: path + query,
        headers: { "content-type": `multipart/form-data; boundary=${BOUNDARY}` },
        body:
          `--${BOUNDARY}\r\nContent-Disposition: form-data; name="unitId"\r\n\r\n${context.ids.unitId}\r\n` +
          `--${BOUNDARY}\r\nContent-Disposition: form-data; name="file"; filename="a.csv"\r\n` +
          `Content-Type: text/csv\r\n\r\nma,ten\r\n1,Nguy`,
        mustRefuse: readsBody,
      },
      {
        kind: "multipart text field with NUL",
        method,
        target: path + query,
        headers: { "content-type": `multipart/form-data; boundary=${BOUNDARY}` },
        body:
          ["unitId", "source", "documentNumber", "documentType", "name", "text"]
            .map(
              (field) =>
                `--${BOUNDARY}\r\nContent-Disposition: form-data; name="${field}"\r\n\r\n` +
                `${field === "unitId" ? context.ids.unitId : NUL_TEXT}\r\n`,
            )
            .join("") +
          `--${BOUNDARY}\r\nContent-Disposition: form-data; name="file"; filename="a.txt"\r\n` +
          `Content-Type: text/plain\r\n\r\nKế hoạch cải cách hành chính năm 2026\r\n--${BOUNDARY}--\r\n`,
        mustRefuse: readsBody,
      },
      {
        kind: "invalid JSON",
        method,
        target: path + query,
        headers: json,
        body: '{"name": "Ng',
        mustRefuse: readsBody,
      },
      {
        kind: "wrong content type",
        method,
        target: path + query,
        headers: { "content-type": "text/plain" },
        body: "Nguyễn Văn A",
        mustRefuse: readsBody,
      },
    );
  }
  return probes;
}

async function send(probe: Probe) {
  const body =
    probe.body === undefined
      ? undefined
      : Buffer.isBuffer(probe.body)
        ? probe.body
        : Buffer.from(probe.body);
  const headers: Record<string, string> = {
    host: "127.0.0.1",
    connection: "close",
    ...(admin.cookie ? { cookie: admin.cookie } : {}),
    ...(hasBody(probe.method) && admin.csrfToken ? { "x-csrf-token": admin.csrfToken } : {}),
    ...probe.headers,
    ...(body ? { "content-length": String(body.length) } : {}),
  };
  const head =
    `${probe.method} ${probe.target} HTTP/1.1\r\n` +
    Object.entries(headers)
      .map(([k, v]) => `${k}: ${v}\r\n`)
      .join("") +
    "\r\n";
  return rawRequest(t.url, head, body);
}

function documentedShape(body: any): boolean {
  const error = body?.error;
  return (
    typeof error?.code === "string" &&
    /^[A-Z][A-Z0-9_]+$/.test(error.code) &&
    typeof error.message === "string" &&
    error.message.length > 0 &&
    (error.details === undefined || Array.isArray(error.details))
  );
}

// One test walks every route with several bad inputs: its time grows with the route table.
describe("bad input on every route of the route table", { timeout: 300_000 }, () => {
  it("never gives 5xx; errors have the documented shape; NUL and impossible dates are refused", async () => {
    const routes = routeTable(t.app).filter(
      (route) => route.method !== "HEAD" && route.method !== "OPTIONS",
    );
    // Signing out would end the session the other probes use: it goes last.
    routes.sort(
      (a, b) => Number(a.url === "/api/auth/sign-out") - Number(b.url === "/api/auth/sign-out"),
    );
    expect(routes.length).toBeGreaterThan(80);
    expect(routes.some((r) => r.url === "/api/public/feedback" && r.method === "POST")).toBe(true);

    // The generator finds the date fields and filters (a check on the generator itself).
    const probed = (method: string, url: string) =>
      probesFor(routes.find((r) => r.method === method && r.url === url)!).map((p) => p.kind);
    for (const url of ["/api/audit", "/api/dossiers", "/api/feedback", "/api/plans/:id/changes"]) {
      expect(probed("GET", url), url).toContain("impossible-date in query");
    }
    for (const url of ["/api/plans", "/api/dossiers", "/api/feedback", "/api/public/feedback"]) {
      expect(probed("POST", url), url).toContain("nul in body");
    }

    const failures: string[] = [];
    const routesWith5xx = new Set<string>();
    let sent = 0;
    for (const route of routes) {
      for (const probe of probesFor(route)) {
        const response = await send(probe);
        sent++;
        const where = `${route.method} ${route.url} [${probe.kind}] ${probe.target.slice(0, 120)}`;
        if (response.status >= 500 || response.status === 0) {
          routesWith5xx.add(`${route.method} ${route.url}`);
          failures.push(
            `${where} → ${response.status} ${JSON.stringify(response.body).slice(0, 200)}`,
          );
        } else if (response.status >= 400 && !documentedShape(response.body)) {
          failures.push(
            `${where} → ${response.status} undocumented ${JSON.stringify(response.body).slice(0, 200)}`,
          );
        } else if (probe.mustRefuse && response.status < 400) {
          failures.push(`${where} → ${response.status} accepted`);
        }
      }
    }
    admin = await signIn(t, world.users.admin); // the last probe signed out
    console.info(
      `route-table probe: ${routes.length} routes, ${sent} requests, ${routesWith5xx.size} routes gave 5xx, ${failures.length} failures`,
    );
    expect(failures).toEqual([]);
  });

  it("refuses an overlong URL and a malformed request line with a documented error", async () => {
    const long = await rawRequest(
      t.url,
      `GET /api/units?q=${"a".repeat(70_000)} HTTP/1.1\r\nhost: x\r\nconnection: close\r\n\r\n`,
    );
    expect(long.status).toBeGreaterThanOrEqual(400);
    expect(long.status).toBeLessThan(500);
    expect(documentedShape(long.body)).toBe(true);
    const malformed = await rawRequest(t.url, `GET /api/units HTTP/1.1\r\nbad header\r\n\r\n`);
    expect(malformed.status).toBe(400);
    expect(documentedShape(malformed.body)).toBe(true);
    const deep = "[".repeat(200_000) + "]".repeat(200_000);
    const nested = await admin.request("POST", "/api/units", {
      body: deep,
      headers: { "content-type": "application/json" },
    });
    expect(nested.status).toBe(400);
    expect(documentedShape(nested.body)).toBe(true);
    const badEncoding = await rawRequest(
      t.url,
      `GET /api/units/%E0%A4%A HTTP/1.1\r\nhost: x\r\nconnection: close\r\n\r\n`,
    );
    expect(badEncoding.status).toBe(400);
    expect(documentedShape(badEncoding.body)).toBe(true);
  });
});

describe("control characters inside uploaded files", () => {
  function upload(path: string, content: string, fields: Record<string, string> = {}) {
    const body = new FormData();
    for (const [key, value] of Object.entries(fields)) body.append(key, value);
    body.append("file", new Blob([Buffer.from(content, "utf8")]), "tep.csv");
    return admin.request("POST", path, { body });
  }

  it("refuses a unit list with a NUL in a cell past the first 4 KB, naming the row", async () => {
    const province = world.province.code;
    const filler = Array.from(
      { length: 60 },
      (_, i) => `105${String(i).padStart(2, "0")},Xã Đệm ${i} ${"x".repeat(60)},xã,${province}`,
    );
    const csv = `Mã,Tên,Cấp,Mã cấp trên\n${filler.join("\n")}\n10999,Xã\u0000Lỗi,xã,${province}\n`;
    const response = await upload("/api/units/import", csv);
    expect(response.status, JSON.stringify(response.body)).toBe(400);
    expect(response.body.error.code).toBe("VALIDATION_FAILED");
    expect(response.body.error.details).toEqual([
      { row: 62, path: "Tên", message: "Ô ở cột “Tên” chứa ký tự điều khiển (U+0000)." },
    ]);
    expect((await admin.get("/api/units?q=Xa%20Dem")).body.data).toEqual([]);
  });

  it("lists a dossier row with a NUL past the sniffed part of the file as a row error; the import ends", async () => {
    const header =
      "Mã hồ sơ;Mã TTHC;Tên người nộp;Số điện thoại;Kênh nộp;Ngày tiếp nhận;Hạn xử lý;Ngày có kết quả;Ngày trả kết quả;Trạng thái;Số hóa";
    const row = (n: number, name: string) =>
      `000.01.22.H99-260302-${String(5000 + n)};1.004873;${name};0911 222 333;Trực tiếp;02/03/2026 08:30;09/03/2026;;;Đang giải quyết;`;
    const rows = Array.from({ length: 800 }, (_, i) => row(i, `Người nộp ${i} ${"x".repeat(40)}`));
    rows.push(row(900, "Nguyễn\u0000Văn Lỗi"));
    const csv = [header, ...rows].join("\r\n") + "\r\n";
    expect(Buffer.byteLength(csv)).toBeGreaterThan(64 * 1024);
    const started = await upload("/api/dossier-imports", csv, { unitId: context.ids.unitId! });
    expect(started.status, JSON.stringify(started.body)).toBe(202);
    let run = started.body.data;
    for (let i = 0; i < 600 && run.state === "running"; i++) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      run = (await admin.get(`/api/dossier-imports/${run.id}`)).body.data;
    }
    expect(run.state, JSON.stringify(run)).toBe("done");
    const errors = await admin.get(`/api/dossier-imports/${run.id}/errors.csv`);
    expect(errors.body).toContain("chứa ký tự điều khiển (U+0000)");
    expect(errors.body).not.toContain("\u0000");
  });
});
