import type { StoredTaskStatus } from "../../src/core/plan/task-status.ts";
import { count, eq } from "drizzle-orm";
import { generateKeyPairSync, randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { canonicalJson } from "../../src/core/federation/federation.ts";
import type { Executor } from "../../src/server/db/database.ts";
import { planAreas, planTasks, plans } from "../../src/server/db/schema-plan.ts";
import { reportVersions } from "../../src/server/db/schema-report.ts";
import { federationSent } from "../../src/server/db/schema-federation.ts";
import { signText } from "../../src/server/services/federation-keys.ts";
import { signedSnapshot } from "../../src/server/services/federation.service.ts";
import { FACTORY_PASSWORD, makeUnit, makeUser, type MadeUnit } from "../support/factories.ts";
import { startTestApp, type ApiClient, type TestApp } from "../support/test-app.ts";

/**
 * Federation between two real CCHC instances on loopback, each with its own database (PGlite, or
 * two PostgreSQL databases when TEST_DATABASE_URL is set): a ward running its own instance
 * submits its quarterly report and sends it to the province's instance, whose board and roll-up
 * then count it; and the inbox's refusals (tampered signature, unknown sender, revoked child,
 * replay, unknown or foreign unit, stale envelope, oversize body), each with nothing stored.
 */
const SECRET = "bi-mat-lien-thong-thu-nghiem-2026";
/** Both instances' clock: the envelope's age is judged against it, never against today. */
const NOW = new Date("2026-04-10T03:00:00.000Z");
const settings = { secret: SECRET, now: () => NOW, sendTimeoutMs: 30_000 };
const KIND = {
  name: "Báo cáo CCHC quý",
  periodKind: "quarterly",
  dueText: "trước ngày 15 tháng cuối quý",
};
// Tasks of the ward's plan (child instance): [due date, stored status, completed on].
const TASKS: [string, StoredTaskStatus, string | null][] = [
  ["2026-02-10", "completed", "2026-02-01"],
  ["2026-02-10", "completed", "2026-02-20"],
  ["2026-03-01", "in_progress", null],
];

let parent: TestApp;
let child: TestApp;
let parentAdmin: ApiClient;
let parentReviewer: ApiClient;
let childAdmin: ApiClient;
let childFocal: ApiClient;
let childReviewer: ApiClient;
const p = {} as { province: MadeUnit; ward: MadeUnit; sibling: MadeUnit; kindId: string };
const c = {} as { province: MadeUnit; ward: MadeUnit; kindId: string; reportId: string };
let childIdentity: { instanceId: string; publicKey: string };
let childRecordId: string;

async function inbox(body: unknown) {
  const response = await fetch(`${parent.url}/api/federation/snapshots`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: typeof body === "string" ? body : JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as any };
}

async function parentVersions() {
  const [row] = await parent.db.database.db.select({ n: count() }).from(reportVersions);
  return row!.n;
}

/** A snapshot of the child's report version as the child would sign it, then changed. */
async function childSnapshot(version: number, change?: (envelope: any) => void, resign = true) {
  const signed = await signedSnapshot(child.db.database.db, SECRET, c.reportId, version, NOW);
  const envelope = structuredClone(signed.envelope) as any;
  change?.(envelope);
  if (!resign) return { envelope, signature: signed.signature };
  const identity = await import("../../src/server/db/repositories/federation.repository.ts");
  const { openPrivateKey } = await import("../../src/server/services/federation-keys.ts");
  const row = (await identity.findIdentity(child.db.database.db))!;
  const key = openPrivateKey(row.privateKeyEncrypted, SECRET);
  return { envelope, signature: signText(key, canonicalJson(envelope)) };
}

async function addPlan(db: Executor, unitId: string) {
  const [plan] = await db
    .insert(plans)
    .values({
      unitId,
      title: "Kế hoạch CCHC năm 2026",
      periodKind: "year",
      periodLabel: "Năm 2026",
      periodStart: "2026-01-01",
      periodEnd: "2026-12-31",
      status: "issued",
    })
    .returning();
  const [area] = await db
    .insert(planAreas)
    .values({ planId: plan!.id, key: "procedures", heading: "Cải cách TTHC", position: 1 })
    .returning();
  await db.insert(planTasks).values(
    TASKS.map(([due, status, done], i) => ({
      planId: plan!.id,
      areaId: area!.id,
      position: i + 1,
      text: `Nhiệm vụ ${i + 1}`,
      dueDate: due,
      status,
      completedAt: done,
    })),
  );
}

beforeAll(async () => {
  const jobs = { pollMs: 200 };
  parent = await startTestApp({ demo: false, federation: settings, jobs });
  child = await startTestApp({ demo: false, federation: settings, jobs });
  // The province's instance: the province, the ward and a sibling ward that has not reported.
  const pdb = parent.db.database.db;
  p.province = await makeUnit(pdb, { code: "LT79", name: "Tỉnh Liên Thông" });
  p.ward = await makeUnit(pdb, { parent: p.province, code: "LT26734", name: "Phường Hòa Bình" });
  p.sibling = await makeUnit(pdb, { parent: p.province, code: "LT26737", name: "Phường An Hòa" });
  const pa = await makeUser(pdb, { unit: p.province, role: "admin", global: true });
  const pr = await makeUser(pdb, { unit: p.province, role: "reviewer" });
  parentAdmin = await parent.signedIn(pa.username, FACTORY_PASSWORD);
  parentReviewer = await parent.signedIn(pr.username, FACTORY_PASSWORD);
  const pk = await parentReviewer.post(`/api/report-kinds?unitId=${p.province.id}`, {
    ...KIND,
    publish: true,
  });
  p.kindId = pk.body.data.id;
  // The ward's own instance: the same units (by code) and the same kind of report.
  const cdb = child.db.database.db;
  c.province = await makeUnit(cdb, { code: "LT79", name: "Tỉnh Liên Thông" });
  c.ward = await makeUnit(cdb, { parent: c.province, code: "LT26734", name: "Phường Hòa Bình" });
  const ca = await makeUser(cdb, { unit: c.province, role: "admin", global: true });
  const cf = await makeUser(cdb, { unit: c.ward, role: "focal_officer" });
  const cr = await makeUser(cdb, { unit: c.province, role: "reviewer" });
  childAdmin = await child.signedIn(ca.username, FACTORY_PASSWORD);
  childFocal = await child.signedIn(cf.username, FACTORY_PASSWORD);
  childReviewer = await child.signedIn(cr.username, FACTORY_PASSWORD);
  const ck = await childReviewer.post(`/api/report-kinds?unitId=${c.province.id}`, {
    ...KIND,
    name: "Báo cáo  CCHC quý", // spacing differs: the kinds match by name all the same
    publish: true,
  });
  c.kindId = ck.body.data.id;
  await addPlan(cdb, c.ward.id);
}, 180_000);

afterAll(async () => {
  await child?.close();
  await parent?.close();
});

describe("linking two instances", () => {
  it("shows each administrator the instance id and public key to exchange", async () => {
    const mine = await childAdmin.get("/api/federation/identity");
    expect(mine.status).toBe(200);
    expect(mine.body.data).toMatchObject({ enabled: true, reason: null });
    expect(mine.body.data.publicKey).toMatch(/^[A-Za-z0-9+/]+=*$/);
    childIdentity = mine.body.data;
    // Stable: the identity is made once.
    expect((await childAdmin.get("/api/federation/identity")).body.data.instanceId).toBe(
      childIdentity.instanceId,
    );
    expect((await childFocal.get("/api/federation/identity")).status).toBe(403);
  });

  it("registers the ward's instance at the province and the province at the ward", async () => {
    const refused = await parentAdmin.post("/api/federation/children", {
      instanceId: childIdentity.instanceId,
      name: "CCHC Phường Hòa Bình",
      publicKey: "bm90IGEga2V5IGF0IGFsbCwganVzdCBzb21lIGJ5dGVzIGluIGJhc2U2NA==",
      unitId: p.ward.id,
    });
    expect(refused.status).toBe(400);
    expect(refused.body.error.code).toBe("FEDERATION_PUBLIC_KEY_INVALID");
    const registered = await parentAdmin.post("/api/federation/children", {
      instanceId: childIdentity.instanceId,
      name: "CCHC Phường Hòa Bình",
      publicKey: childIdentity.publicKey,
      unitId: p.ward.id,
    });
    expect(registered.status).toBe(201);
    expect(registered.body.data.unit).toMatchObject({ id: p.ward.id, code: "LT26734" });
    childRecordId = registered.body.data.id;
    const again = await parentAdmin.post("/api/federation/children", {
      instanceId: childIdentity.instanceId,
      name: "Lần hai",
      publicKey: childIdentity.publicKey,
      unitId: p.ward.id,
    });
    expect(again.body.error.code).toBe("FEDERATION_CHILD_TAKEN");
    const theirs = (await parentAdmin.get("/api/federation/identity")).body.data;
    const set = await childAdmin.request("PUT", "/api/federation/parent", {
      json: { url: `${parent.url}/`, instanceId: theirs.instanceId, publicKey: theirs.publicKey },
    });
    expect(set.status).toBe(200);
    expect(set.body.data.url).toBe(parent.url);
    expect((await childAdmin.get("/api/federation/parent")).body.data.instanceId).toBe(
      theirs.instanceId,
    );
  });
});

describe("sending a submitted report up", () => {
  it("sends only a submitted version", async () => {
    const opened = await childFocal.post(`/api/reports?unitId=${c.ward.id}`, {
      kindId: c.kindId,
      periodKey: "2026-Q1",
    });
    c.reportId = opened.body.data.id;
    const draft = await childFocal.post(`/api/federation/reports/${c.reportId}/send`);
    expect(draft.status).toBe(409);
    expect(draft.body.error.code).toBe("FEDERATION_REPORT_NOT_SUBMITTED");
    const status = await childFocal.get(`/api/federation/reports/${c.reportId}/sent`);
    expect(status.body.data).toMatchObject({ version: 0, canSend: false, sent: [] });
  });

  it("delivers the frozen snapshot; the province's board and roll-up count the ward", async () => {
    await childFocal.request("PUT", `/api/reports/${c.reportId}/narrative`, {
      json: { results: "Phường đã hoàn thành phần lớn nhiệm vụ quý I." },
    });
    expect((await childFocal.post(`/api/reports/${c.reportId}/submit`)).status).toBe(200);
    const before = await childFocal.get(`/api/federation/reports/${c.reportId}/sent`);
    expect(before.body.data).toMatchObject({ version: 1, canSend: true, unavailableReason: null });
    const queued = await childFocal.post(`/api/federation/reports/${c.reportId}/send`);
    expect(queued.status).toBe(202);
    expect(queued.body.data).toMatchObject({ version: 1, status: "queued" });
    await child.app.jobs.idle();
    const after = await childFocal.get(`/api/federation/reports/${c.reportId}/sent`);
    expect(after.body.data.sent).toEqual([
      expect.objectContaining({ version: 1, status: "sent", attempts: 1, lastError: null }),
    ]);
    expect(after.body.data.canSend).toBe(false);

    const frozen = (await childFocal.get(`/api/reports/${c.reportId}/versions/1`)).body.data;
    const rollup = await parentReviewer.get(
      `/api/reports/rollup?unitId=${p.province.id}&kindId=${p.kindId}&periodKey=2026-Q1`,
    );
    expect(rollup.status).toBe(200);
    expect(rollup.body.data.units.map((u: any) => [u.unitId, u.version, u.review])).toEqual([
      [p.ward.id, 1, "submitted"],
    ]);
    expect(rollup.body.data.missing.map((u: any) => u.unitId)).toEqual([p.sibling.id]);
    // The ward's three tasks, as the ward froze them, counted by the province.
    expect(rollup.body.data.totals.tasks.total.total).toBe(TASKS.length);
    expect(rollup.body.data.totals.tasks.total).toEqual(frozen.figures.tasks.total);
    const board = await parentReviewer.get(
      `/api/reports/overview?unitId=${p.province.id}&year=2026&on=2026-04-10`,
    );
    const row = board.body.data.find(
      (r: any) => r.unitId === p.ward.id && r.periodKey === "2026-Q1",
    );
    expect(row).toMatchObject({ status: "submitted", version: 1 });
    // The province reads it like a local submission, under its own record of the ward.
    const report = await parentReviewer.get(`/api/reports/${row.reportId}`);
    expect(report.body.data.unit).toEqual({ id: p.ward.id, name: p.ward.name, code: "LT26734" });
    expect(report.body.data.narrative.results).toBe(
      "Phường đã hoàn thành phần lớn nhiệm vụ quý I.",
    );
    expect(report.body.data.versions[0].submittedByName).toContain("liên thông từ CCHC Phường");
    expect(await parentVersions()).toBe(1);
  });

  it("answers a retry of a stored snapshot without storing it twice", async () => {
    const retry = await inbox(await childSnapshot(1));
    expect(retry.status).toBe(200);
    expect(retry.body.data).toMatchObject({ status: "duplicate", version: 1 });
    expect(await parentVersions()).toBe(1);
  });
});

describe("the inbox refuses, storing nothing", () => {
  it("a tampered snapshot (the signature no longer matches)", async () => {
    const tampered = await childSnapshot(1, (e) => (e.figures.tasks.total.doneOnTime += 5), false);
    const answer = await inbox(tampered);
    expect(answer.status).toBe(401);
    expect(answer.body.error.code).toBe("FEDERATION_SIGNATURE_INVALID");
    expect(answer.body.error.message).toBe("Chữ ký của gói số liệu không hợp lệ.");
  });

  it("a sender that is not registered", async () => {
    const { privateKey } = generateKeyPairSync("ed25519");
    const forged = (await childSnapshot(1)).envelope;
    forged.senderInstanceId = randomUUID();
    const answer = await inbox({
      envelope: forged,
      signature: signText(privateKey, canonicalJson(forged)),
    });
    expect(answer.status).toBe(401);
    expect(answer.body.error.code).toBe("FEDERATION_SENDER_UNKNOWN");
  });

  it("a replayed version with other content", async () => {
    const replay = await inbox(
      await childSnapshot(1, (e) => (e.narrative.results = "Nội dung khác")),
    );
    expect(replay.status).toBe(409);
    expect(replay.body.error.code).toBe("FEDERATION_REPLAY");
  });

  it("a unit unknown here, and a unit the child does not stand for", async () => {
    const unknown = await inbox(
      await childSnapshot(1, (e) => {
        e.unitCode = "LT99999";
        e.figures.unit.code = "LT99999";
        e.version = 7;
      }),
    );
    expect(unknown.status).toBe(422);
    expect(unknown.body.error.code).toBe("FEDERATION_UNIT_UNKNOWN");
    const foreign = await inbox(
      await childSnapshot(1, (e) => {
        e.unitCode = "LT26737";
        e.figures.unit.code = "LT26737";
        e.version = 7;
      }),
    );
    expect(foreign.status).toBe(403);
    expect(foreign.body.error.code).toBe("FEDERATION_UNIT_NOT_OWNED");
  });

  it("a period that does not fit its kind, and a kind the unit does not owe here", async () => {
    const period = await inbox(
      await childSnapshot(1, (e) => {
        e.kind.periodKind = "yearly";
        e.version = 7;
      }),
    );
    expect(period.body.error.code).toBe("FEDERATION_PERIOD_MISMATCH");
    const kind = await inbox(
      await childSnapshot(1, (e) => {
        e.kind.name = "Báo cáo chuyên đề";
        e.version = 7;
      }),
    );
    expect(kind.status).toBe(422);
    expect(kind.body.error.code).toBe("FEDERATION_KIND_UNKNOWN");
  });

  it("a snapshot signed too long ago or in the future", async () => {
    const old = await inbox(
      await childSnapshot(1, (e) => (e.createdAt = "2026-04-08T03:00:00.000Z")),
    );
    expect(old.body.error.code).toBe("FEDERATION_TOO_OLD");
    const future = await inbox(
      await childSnapshot(1, (e) => (e.createdAt = "2026-04-10T04:00:00.000Z")),
    );
    expect(future.body.error.code).toBe("FEDERATION_FROM_FUTURE");
  });

  it("a malformed or oversize body", async () => {
    expect((await inbox({ envelope: { format: 1 }, signature: "x" })).body.error.code).toBe(
      "FEDERATION_ENVELOPE_INVALID",
    );
    const huge = await inbox({ envelope: { pad: "x".repeat(600 * 1024) }, signature: "x" });
    expect(huge.status).toBe(413);
    expect(await parentVersions()).toBe(1);
  });

  it("a revoked child, with the reason shown on the ward's report page", async () => {
    // The ward's report is returned and submitted again as version 2, after the revocation.
    await childReviewer.post(`/api/reports/${c.reportId}/review`, {
      decision: "return",
      comment: "Bổ sung số liệu",
    });
    await childFocal.post(`/api/reports/${c.reportId}/submit`);
    const revoked = await parentAdmin.post(`/api/federation/children/${childRecordId}/revoke`);
    expect(revoked.status).toBe(200);
    expect(revoked.body.data.revokedAt).not.toBeNull();
    const direct = await inbox(await childSnapshot(2));
    expect(direct.status).toBe(403);
    expect(direct.body.error.code).toBe("FEDERATION_SENDER_REVOKED");
    await childFocal.post(`/api/federation/reports/${c.reportId}/send`);
    await child.app.jobs.idle();
    const [sent] = await child.db.database.db
      .select()
      .from(federationSent)
      .where(eq(federationSent.version, 2));
    // A refusal is final: one attempt, failed, with the parent's reason and code.
    expect(sent).toMatchObject({ status: "failed", attempts: 1 });
    expect(sent!.lastError).toContain("FEDERATION_SENDER_REVOKED");
    const page = await childFocal.get(`/api/federation/reports/${c.reportId}/sent`);
    expect(page.body.data.canSend).toBe(true);
    expect(await parentVersions()).toBe(1);
  });
});

describe("without CCHC_FEDERATION_SECRET", () => {
  it("federation stays off with a clear message", async () => {
    const plain = await startTestApp({ demo: false });
    try {
      const db = plain.db.database.db;
      const unit = await makeUnit(db, { code: "LT01" });
      const admin = await makeUser(db, { unit, role: "admin", global: true });
      const client = await plain.signedIn(admin.username, FACTORY_PASSWORD);
      const identity = await client.get("/api/federation/identity");
      expect(identity.body.data).toMatchObject({ enabled: false, instanceId: null });
      expect(identity.body.data.reason).toContain("CCHC_FEDERATION_SECRET");
      const register = await client.post("/api/federation/children", {
        instanceId: childIdentity.instanceId,
        name: "CCHC Phường",
        publicKey: childIdentity.publicKey,
        unitId: unit.id,
      });
      expect(register.status).toBe(409);
      expect(register.body.error.code).toBe("FEDERATION_DISABLED");
      const inboxOff = await fetch(`${plain.url}/api/federation/snapshots`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify(await childSnapshot(1)),
      });
      expect(inboxOff.status).toBe(409);
    } finally {
      await plain.close();
    }
  });
});
