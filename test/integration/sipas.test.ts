import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { sql } from "drizzle-orm";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildApp } from "../../src/server/app.ts";
import { loadConfig } from "../../src/server/config.ts";
import { queryRows } from "../../src/server/db/database.ts";
import { vietnamDate } from "../../src/core/time/vietnam-time.ts";
import { sipasSatisfaction } from "../../src/server/services/sipas.service.ts";
import {
  makeDesk,
  makeProcedure,
  makeUnit,
  makeUser,
  type MadeUnit,
  type MadeUser,
} from "../support/factories.ts";
import { ApiClient } from "../support/test-app.ts";
import {
  createTestDatabase,
  testDatabaseKind,
  type TestDatabase,
} from "../support/test-database.ts";

/**
 * SIPAS surveys through the real app: the public page and kiosk (through a trusted proxy, so each
 * test picks the citizen's address), paper forms typed in by clerks, indices on known answer sets,
 * one response per dossier under concurrent submissions, the abuse limits and access.
 * The organisation is built by the factories: a province with two wards in force (the survey's
 * ward, with two procedure fields, and a neighbour) and a ward merged into the first.
 */
const PROXY = "10.0.0.1";
let app: FastifyInstance;
let db: TestDatabase;
let dataDir: string;
let url: string;
/**
 * The throttles' and the public page's clock: frozen, moved forward by the tests (sessions are
 * dated by it too, so it starts now; what the tests expect is read from it, never from today).
 */
let clock = new Date();
const advance = (seconds: number) => {
  clock = new Date(clock.getTime() + seconds * 1000);
};
let province: MadeUnit;
/** The ward whose survey the tests take. */
let ward: MadeUnit;
/** Another ward in force under the same province. */
let neighbour: MadeUnit;
/** An older ward merged into `ward`: no longer in force. */
let formerWard: MadeUnit;
const users = {} as Record<"clerk" | "neighbourClerk" | "reviewer" | "viewer" | "focal", MadeUser>;
let clerk: ApiClient;

let nextAddress = 0;
const freshAddress = () => {
  nextAddress++;
  return `203.0.${Math.floor(nextAddress / 250)}.${(nextAddress % 250) + 1}`;
};

async function signedIn(user: MadeUser) {
  const client = new ApiClient(url);
  await client.signIn(user.username, user.password);
  return client;
}

interface Citizen {
  address: string;
  cookie: string | null;
}
const newCitizen = (): Citizen => ({ address: freshAddress(), cookie: null });

async function publicRequest(
  citizen: Citizen,
  method: "GET" | "POST",
  path: string,
  payload?: unknown,
) {
  const response = await app.inject({
    method,
    url: path,
    remoteAddress: PROXY,
    headers: {
      "x-forwarded-for": citizen.address,
      ...(citizen.cookie ? { cookie: citizen.cookie } : {}),
    },
    ...(payload === undefined ? {} : { payload: payload as object }),
  });
  const setCookie = response.headers["set-cookie"];
  const first = Array.isArray(setCookie) ? setCookie[0] : setCookie;
  if (first) citizen.cookie = first.split(";")[0]!;
  return {
    status: response.statusCode,
    body: response.json(),
    headers: response.headers,
    setCookie: first ?? null,
  };
}

const answer = (citizen: Citizen, body: Record<string, unknown>) =>
  publicRequest(citizen, "POST", "/api/public/sipas/responses", {
    unitCode: ward.code,
    channel: "phone",
    ...body,
  });

beforeAll(async () => {
  db = await createTestDatabase();
  const exec = db.database.db;
  province = await makeUnit(exec, { level: "province" });
  ward = await makeUnit(exec, { parent: province, validFrom: "2025-07-01" });
  neighbour = await makeUnit(exec, { parent: province, validFrom: "2025-07-01" });
  formerWard = await makeUnit(exec, {
    parent: province,
    validTo: "2025-06-30",
    mergedInto: ward,
  });
  await makeDesk(exec, ward);
  // The ward's procedure fields: the survey's field list and the construction field group.
  await makeProcedure(exec, ward, { field: "Hộ tịch" });
  await makeProcedure(exec, ward, { field: "Hoạt động xây dựng" });
  users.clerk = await makeUser(exec, { unit: ward, role: "clerk" });
  users.focal = await makeUser(exec, { unit: ward, role: "focal_officer" });
  users.viewer = await makeUser(exec, { unit: ward, role: "viewer" });
  users.reviewer = await makeUser(exec, { unit: province, role: "reviewer" });
  users.neighbourClerk = await makeUser(exec, { unit: neighbour, role: "clerk" });
  dataDir = mkdtempSync(join(tmpdir(), "cchc-test-sipas-"));
  app = await buildApp({
    database: db.database,
    logLevel: "silent",
    webDir: null,
    dataDir,
    trustProxy: loadConfig({ CCHC_TRUST_PROXY: PROXY }).trustProxy,
    now: () => clock,
  });
  await app.listen({ port: 0, host: "127.0.0.1" });
  url = `http://127.0.0.1:${(app.server.address() as { port: number }).port}`;
  clerk = await signedIn(users.clerk);
}, 120_000);
afterAll(async () => {
  await app.close();
  await db.cleanup();
  rmSync(dataDir, { recursive: true, force: true });
});

const paper = (client: ApiClient, unit: MadeUnit, body: Record<string, unknown>) =>
  client.post(`/api/sipas/responses?unitId=${unit.id}`, body);

async function receiveDossier(phone: string) {
  const procedures = (await clerk.get(`/api/procedures?unitId=${ward.id}`)).body.data;
  const procedure = procedures.find((p: any) => p.field === "Hoạt động xây dựng") ?? procedures[0];
  const received = await clerk.post("/api/dossiers", {
    procedureId: procedure.id,
    applicantName: "Trần Văn Bình",
    applicantPhone: phone,
    channel: "in_person",
    receivedAt: "2026-03-02 09:00",
  });
  expect(received.status).toBe(201);
  return { code: received.body.data.code as string, field: procedure.field as string };
}

describe(`SIPAS public page and kiosk (${testDatabaseKind})`, () => {
  it("serves the questionnaire in force and a device cookie scoped to the survey", async () => {
    const citizen = newCitizen();
    const phone = await publicRequest(
      citizen,
      "GET",
      `/api/public/sipas/questionnaire?unitCode=${ward.code}`,
    );
    expect(phone.status).toBe(200);
    expect(phone.body.data.unit).toEqual({ code: ward.code, name: ward.name });
    expect(phone.body.data.questionnaire.code).toBe("SIPAS-2023");
    expect(phone.body.data.questionnaire.parts.map((p: any) => p.key)).toEqual([
      "service",
      "policy",
    ]);
    expect(phone.body.data.fields).toContain("Hộ tịch");
    expect(phone.setCookie).toMatch(/^cchc_device=[A-Za-z0-9_-]{40,};/);
    expect(phone.setCookie).toContain("Path=/api/public/sipas");
    expect(phone.setCookie).toContain("HttpOnly");
    const kiosk = await publicRequest(
      citizen,
      "GET",
      `/api/public/sipas/questionnaire?unitCode=${ward.code}&mode=kiosk`,
    );
    expect(kiosk.body.data.questionnaire.parts.map((p: any) => p.key)).toEqual(["service"]);
    expect(kiosk.setCookie).toBeNull(); // the browser keeps its token
    const unknown = await publicRequest(
      newCitizen(),
      "GET",
      "/api/public/sipas/questionnaire?unitCode=00000",
    );
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.code).toBe("SIPAS_UNIT_INVALID");
  });

  it("takes an anonymous response and tells nothing about other responses", async () => {
    const sent = await answer(newCitizen(), {
      answers: { "15": 5, "23": 4, "1": null },
      procedureField: "Hộ tịch",
      desk: "Quầy số 2",
    });
    expect(sent.status).toBe(201);
    expect(sent.body).toEqual({
      data: { unitName: ward.name, answeredOn: vietnamDate(clock), dossierCode: null },
    });
    for (const path of [
      "/api/public/sipas/responses",
      `/api/public/sipas/indices?unitCode=${ward.code}`,
    ]) {
      const probe = await publicRequest(newCitizen(), "GET", path);
      expect(probe.status).toBe(404);
    }
    const anonymous = new ApiClient(url);
    const indices = await anonymous.get(
      `/api/sipas/indices?unitId=${ward.id}&from=2026-01-01&to=2026-12-31`,
    );
    expect(indices.status).toBe(401);
  });

  it("refuses bad answers, unknown fields and a dossier without the phone digits", async () => {
    const cases: [Record<string, unknown>, number, string][] = [
      [{ answers: { "15": 6 } }, 400, "VALIDATION_FAILED"],
      [{ answers: { "15": "5" } }, 400, "VALIDATION_FAILED"],
      [{ answers: { "99": 4 } }, 400, "SIPAS_ANSWERS_INVALID"],
      [{ answers: { "15": null } }, 400, "SIPAS_ANSWERS_INVALID"],
      [{ answers: {} }, 400, "SIPAS_ANSWERS_INVALID"],
      [{ channel: "kiosk", answers: { "1": 4 } }, 400, "SIPAS_ANSWERS_INVALID"],
      [{ channel: "paper", answers: { "15": 4 } }, 400, "VALIDATION_FAILED"],
      [{ answers: { "15": 4 }, procedureField: "Không có" }, 400, "SIPAS_FIELD_INVALID"],
      [{ answers: { "15": 4 }, dossierCode: "X-260302-0001" }, 400, "SIPAS_PHONE_REQUIRED"],
      [{ unitCode: formerWard.code, answers: { "15": 4 } }, 400, "SIPAS_UNIT_INVALID"],
    ];
    for (const [body, status, code] of cases) {
      const refused = await answer(newCitizen(), body);
      expect([refused.status, refused.body.error?.code], JSON.stringify(body)).toEqual([
        status,
        code,
      ]);
    }
    const unknownItem = await answer(newCitizen(), { answers: { "99": 4 } });
    expect(unknownItem.body.error.details).toEqual([
      { path: "answers.99", message: "Phiếu không có câu hỏi “99”." },
    ]);
  });

  it("keeps one response per dossier when several arrive at once", async () => {
    const dossier = await receiveDossier("0912 345 678");
    const wrong = await answer(newCitizen(), {
      answers: { "15": 4 },
      dossierCode: dossier.code,
      phoneLast4: "0000",
    });
    expect([wrong.status, wrong.body.error.code]).toEqual([404, "PUBLIC_LOOKUP_FAILED"]);
    // Four at once: the code's lookup throttle charges each try before checking it (5 free, one
    // used by the wrong digits above), so a larger burst may also meet 429, however the server
    // interleaves the requests (PGlite in its worker thread now takes them as PostgreSQL does).
    const results = await Promise.all(
      Array.from({ length: 4 }, (_, i) =>
        answer(newCitizen(), {
          channel: i % 2 ? "kiosk" : "phone",
          answers: { "15": 5, "28": 4 },
          dossierCode: dossier.code.toLowerCase(),
          phoneLast4: "5678",
        }),
      ),
    );
    const statuses = results.map((r) => r.status).sort();
    expect(statuses).toEqual([201, 409, 409, 409]);
    const refused = results.find((r) => r.status === 409)!;
    expect(refused.body.error.code).toBe("SIPAS_DOSSIER_ALREADY_ANSWERED");
    const again = await paper(clerk, ward, {
      answeredOn: "2026-03-12",
      answers: { "15": 3 },
      dossierCode: dossier.code,
    });
    expect([again.status, again.body.error.code]).toEqual([409, "SIPAS_DOSSIER_ALREADY_ANSWERED"]);
    const [stored] = await queryRows<{ n: number; field: string; group: string }>(
      db.database.db,
      sql`select count(*)::int as n, min(r.procedure_field) as field, min(r.field_group) as group
        from sipas_responses r join dossiers d on d.id = r.dossier_id where d.code = ${dossier.code}`,
    );
    expect(stored).toEqual({
      n: 1,
      field: dossier.field,
      group: dossier.field === "Hoạt động xây dựng" ? "construction" : "other",
    });
    // A dossier of another ward cannot be rated from this ward's page.
    const other = await answer(newCitizen(), {
      unitCode: neighbour.code,
      answers: { "15": 4 },
      dossierCode: dossier.code,
      phoneLast4: "5678",
    });
    expect(other.status).toBe(404);
  });

  it("limits responses per device and per address, storing neither", async () => {
    const phone = newCitizen();
    await publicRequest(phone, "GET", `/api/public/sipas/questionnaire?unitCode=${ward.code}`);
    const token = phone.cookie!.split("=")[1]!;
    // Refused responses give their charge back: they do not count.
    for (let i = 0; i < 8; i++) expect((await answer(phone, { answers: {} })).status).toBe(400);
    for (let i = 0; i < 5; i++) {
      phone.address = freshAddress(); // the same phone moving between networks
      expect((await answer(phone, { answers: { "17": 4 } })).status).toBe(201);
    }
    const limited = await answer(phone, { answers: { "17": 4 } });
    expect(limited.status).toBe(429);
    expect(limited.body.error.code).toBe("SIPAS_RATE_LIMITED");
    expect(Number(limited.headers["retry-after"])).toBeGreaterThan(0);
    advance(Number(limited.headers["retry-after"]));
    expect((await answer(phone, { answers: { "17": 4 } })).status).toBe(201);

    // Many phones behind one address: twenty pass, then the address waits.
    const shared = freshAddress();
    const statuses: number[] = [];
    for (let i = 0; i < 21; i++) {
      statuses.push(
        (await answer({ address: shared, cookie: null }, { answers: { "18": 5 } })).status,
      );
    }
    expect(statuses.slice(0, 20).every((s) => s === 201)).toBe(true);
    expect(statuses[20]).toBe(429);

    const rows = await queryRows<{ kind: string; key_hash: string }>(
      db.database.db,
      sql`select kind, key_hash from attempt_throttles where kind like 'sipas_%'`,
    );
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) {
      expect(row.key_hash).toMatch(/^[0-9a-f]{64}$/);
      expect(row.key_hash).not.toContain(token);
    }
    const columns = await queryRows<{ column_name: string }>(
      db.database.db,
      sql`select column_name from information_schema.columns where table_name = 'sipas_responses'`,
    );
    expect(columns.map((c) => c.column_name).sort()).toEqual(
      [
        "answered_on",
        "channel",
        "created_at",
        "desk",
        "dossier_id",
        "entered_by_id",
        "field_group",
        "id",
        "procedure_field",
        "questionnaire_code",
        "unit_id",
      ].sort(),
    );
  });
});

describe(`SIPAS paper forms, indices and access (${testDatabaseKind})`, () => {
  /**
   * Three paper forms of 05/08/2025. Item 15: 5, 4, 1 → 2/3; item 16: 4, 2, — → 1/2; item 19:
   * 3, 5, — → 1/2; item 23 never answered (3 × không trả lời); item 1 (policy): 4 → 1/1.
   * Access = mean(66.67, 50) = 58.33; procedures = 50; officials, results, feedback: no answer;
   * service = mean(58.33, 50) = 54.17; policy = 100; overall = mean(54.17, 100) = 77.08.
   */
  const forms = [
    { "15": 5, "16": 4, "19": 3, "23": null, "1": 4 },
    { "15": 4, "16": 2, "19": 5 },
    { "15": 1, "16": null, "19": null, "23": null },
  ];
  const period = "from=2025-08-01&to=2025-08-31";

  it("computes the indices of a known answer set, with the sample warning", async () => {
    for (const [i, answers] of forms.entries()) {
      const typed = await paper(clerk, ward, {
        answeredOn: "2025-08-05",
        answers,
        ...(i === 0 ? { procedureField: "Hoạt động xây dựng" } : {}),
      });
      expect(typed.status).toBe(201);
      expect(typed.body.data.questionnaireCode).toBe("SIPAS-2023");
    }
    const response = await clerk.get(`/api/sipas/indices?unitId=${ward.id}&${period}`);
    expect(response.status).toBe(200);
    expect(response.body.can).toEqual({ enterPaper: true });
    const data = response.body.data;
    const [service, policy] = data.parts;
    const factor = (key: string) => service.factors.find((f: any) => f.key === key);
    const item = (code: string) =>
      data.parts
        .flatMap((p: any) => p.factors.flatMap((f: any) => f.items))
        .find((i: any) => i.code === code);
    expect(item("15")).toMatchObject({ satisfied: 2, valid: 3, noAnswer: 0, sampleSize: 3 });
    expect(item("15").counts).toEqual({ 1: 1, 2: 0, 3: 0, 4: 1, 5: 1 });
    expect(item("16")).toMatchObject({ satisfied: 1, valid: 2, noAnswer: 1, percent: 50 });
    // Items a form leaves out count as “không trả lời”, as an explicit null does.
    expect(item("23")).toMatchObject({ valid: 0, noAnswer: 3, percent: null });
    expect(factor("access").percent).toBeCloseTo(58.3333, 3);
    expect(factor("procedures").percent).toBe(50);
    expect(factor("officials")).toMatchObject({ percent: null, sampleSize: 0 });
    expect(service.percent).toBeCloseTo(54.1667, 3);
    expect(policy.percent).toBe(100);
    expect(data.overall.percent).toBeCloseTo(77.0833, 3);
    expect(data.overall).toMatchObject({ sampleSize: 3, isSmallSample: true });
    expect(data.minSample).toBe(30);

    const construction = await clerk.get(
      `/api/sipas/indices?unitId=${ward.id}&${period}&fieldGroup=construction`,
    );
    expect(construction.body.data.overall.sampleSize).toBe(1);
    expect(construction.body.data.fieldGroupLabel).toBe("Xây dựng");
    const land = await clerk.get(`/api/sipas/indices?unitId=${ward.id}&${period}&fieldGroup=land`);
    expect(land.body.data.overall).toMatchObject({ sampleSize: 0, percent: null });

    // The figure for the 766 satisfaction indicators and the plans' targets.
    const figure = await sipasSatisfaction(db.database.db, {
      unitId: ward.id,
      from: "2025-08-01",
      to: "2025-08-31",
      scope: "service",
    });
    expect(figure.denominator).toBe(2);
    expect((figure.numerator / figure.denominator) * 100).toBeCloseTo(54.1667, 3);
    expect(figure).toMatchObject({ respondents: 3, isSmallSample: true });
  });

  it("adds up a unit's subtree for the upper level, and gives a trend by month", async () => {
    const reviewer = await signedIn(users.reviewer);
    const alone = await reviewer.get(`/api/sipas/indices?unitId=${province.id}&${period}`);
    expect(alone.status).toBe(200);
    expect(alone.body.data.overall.sampleSize).toBe(0);
    expect(alone.body.can.enterPaper).toBe(false);
    const subtree = await reviewer.get(
      `/api/sipas/indices?unitId=${province.id}&${period}&includeSubunits=true`,
    );
    expect(subtree.body.data.overall.percent).toBeCloseTo(77.0833, 3);
    const september = await paper(clerk, ward, {
      answeredOn: "2025-09-20",
      answers: { "15": 2 },
    });
    expect(september.status).toBe(201);
    const trend = await reviewer.get(
      `/api/sipas/trend?unitId=${province.id}&from=2025-07-01&to=2025-09-30&includeSubunits=true`,
    );
    expect(trend.status).toBe(200);
    expect(
      trend.body.data.rows.map((r: any) => [r.label, r.overall.respondents, r.service.percent]),
    ).toEqual([
      ["Tháng 08/2025", 3, expect.closeTo(54.1667, 3)],
      ["Tháng 09/2025", 1, 0],
    ]);
    const quarters = await reviewer.get(
      `/api/sipas/trend?unitId=${province.id}&from=2025-07-01&to=2025-09-30&includeSubunits=true&granularity=quarter`,
    );
    expect(quarters.body.data.rows.map((r: any) => r.label)).toEqual(["Quý III/2025"]);
    const backwards = await reviewer.get(
      `/api/sipas/indices?unitId=${province.id}&from=2025-09-01&to=2025-08-01`,
    );
    expect([backwards.status, backwards.body.error.code]).toEqual([400, "SIPAS_PERIOD_INVALID"]);
  });

  it("lets only the unit's clerk or focal officer type in its paper forms", async () => {
    const form = { answeredOn: "2025-08-06", answers: { "15": 4 } };
    const viewer = await signedIn(users.viewer);
    const refusedViewer = await paper(viewer, ward, form);
    expect([refusedViewer.status, refusedViewer.body.error.code]).toEqual([403, "FORBIDDEN"]);
    const reviewer = await signedIn(users.reviewer);
    expect((await paper(reviewer, ward, form)).status).toBe(403);
    const otherClerk = await signedIn(users.neighbourClerk);
    const refusedClerk = await paper(otherClerk, ward, form);
    expect([refusedClerk.status, refusedClerk.body.error.code]).toEqual([404, "UNIT_NOT_FOUND"]);
    // Permission before the body: a malformed body from a viewer is still 403.
    expect((await paper(viewer, ward, { answers: "x" })).status).toBe(403);
    const focal = await signedIn(users.focal);
    expect((await paper(focal, ward, form)).status).toBe(201);
    // The other ward's clerk types in its own forms, but not with a dossier of `ward`.
    const dossier = await receiveDossier("0933 111 222");
    const foreign = await paper(otherClerk, neighbour, { ...form, dossierCode: dossier.code });
    expect([foreign.status, foreign.body.error.code]).toEqual([404, "SIPAS_DOSSIER_NOT_IN_UNIT"]);
    expect((await paper(otherClerk, neighbour, form)).status).toBe(201);

    // Reading: the viewer reads its own ward; the other ward's clerk does not.
    const viewerRead = await viewer.get(`/api/sipas/indices?unitId=${ward.id}&${period}`);
    expect(viewerRead.status).toBe(200);
    expect(viewerRead.body.can.enterPaper).toBe(false);
    const foreignRead = await otherClerk.get(`/api/sipas/indices?unitId=${ward.id}&${period}`);
    expect(foreignRead.status).toBe(404);
    const foreignQr = await otherClerk.get(`/api/sipas/qr-targets?unitId=${ward.id}`);
    expect(foreignQr.status).toBe(404);
    const qr = await clerk.get(`/api/sipas/qr-targets?unitId=${ward.id}`);
    expect(qr.body.data).toMatchObject({ unitCode: ward.code, unitName: ward.name });
  });
});
