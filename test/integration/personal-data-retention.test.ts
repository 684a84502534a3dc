import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { queryRows } from "../../src/server/db/database.ts";
import {
  purgePersonalData,
  retentionStatus,
} from "../../src/server/operations/personal-data/retention.service.ts";
import { tablePages } from "../../src/server/operations/personal-data/retention.repository.ts";
import { SYSTEM_ACTOR } from "../../src/server/services/actor.ts";
import {
  FACTORY_PASSWORD,
  makeDesk,
  makeProcedure,
  makeUnit,
  makeUser,
} from "../support/factories.ts";
import { startTestApp, type ApiClient, type TestApp } from "../support/test-app.ts";
import { testDatabaseKind } from "../support/test-database.ts";

/*
 * Retention: closed records past their period lose their personal fields in batches; codes,
 * dates, states and counts stay, so every KPI is the same before and after. Dates are explicit.
 */
let t: TestApp;
let admin: ApiClient;
let clerkName: string;
let provinceAdminName: string;
let ward: { id: string };
const policy = { dossierYears: 5, feedbackYears: 3 };
const ids: Record<string, string> = {};

beforeAll(async () => {
  t = await startTestApp({ demo: false });
  const db = t.db.database.db;
  const province = await makeUnit(db, { level: "province" });
  ward = await makeUnit(db, { parent: province });
  await makeDesk(db, ward);
  const procedure = await makeProcedure(db, ward);
  const clerkUser = await makeUser(db, { unit: ward, role: "clerk" });
  const adminUser = await makeUser(db, { unit: province, role: "admin", global: true });
  clerkName = clerkUser.username;
  provinceAdminName = (await makeUser(db, { unit: province, role: "admin" })).username;
  const clerk = await t.signedIn(clerkUser.username, clerkUser.password);
  admin = await t.signedIn(adminUser.username, adminUser.password);
  // Two dossiers returned on 10/03/2021, one on 10/03/2022, one still open.
  for (const [key, received] of [
    ["old1", "2021-03-02 09:00"],
    ["old2", "2021-03-02 10:00"],
    ["newer", "2022-03-01 09:00"],
    ["open", "2021-03-03 09:00"],
  ] as const) {
    const response = await clerk.post("/api/dossiers", {
      procedureId: procedure.id,
      applicantName: `Lê Thị ${key}`,
      applicantPhone: "0912345689",
      applicantAddress: "Số 1, Phường Thử",
      channel: "in_person",
      receivedAt: received,
    });
    expect(response.status, JSON.stringify(response.body)).toBe(201);
    ids[key] = response.body.data.id;
  }
  for (const [key, day] of [
    ["old1", "2021-03-10"],
    ["old2", "2021-03-10"],
    ["newer", "2022-03-10"],
  ] as const) {
    await db.execute(sql`update dossiers set state = 'resolved',
      finished_at = ${`${day}T10:00:00+07:00`}::timestamptz,
      returned_at = ${`${day}T11:00:00+07:00`}::timestamptz where id = ${ids[key]}::uuid`);
  }
  const feedback = await clerk.post("/api/feedback", {
    unitId: ward.id,
    channel: "in_person",
    senderName: "Phạm Văn Khải",
    senderPhone: "0987654321",
    title: "Phản ánh về đường",
    content: "Gọi số 0987654321",
    receivedAt: "2021-03-02 09:00",
  });
  ids.feedback = feedback.body.data.id;
  await db.execute(sql`update feedback set state = 'rejected', reason = 'Không thuộc thẩm quyền',
    finished_at = '2021-03-05T10:00:00+07:00'::timestamptz where id = ${ids.feedback}::uuid`);
});
afterAll(() => t.close());

async function kpiFigures() {
  const query = `unitId=${ward.id}&period=custom&from=2021-01-01&to=2022-12-31`;
  const response = await admin.get(`/api/kpi?${query}`);
  expect(response.status).toBe(200);
  return response.body;
}

describe(`personal-data retention on ${testDatabaseKind}`, () => {
  it("counts what is due as of a day, and nothing the day before", async () => {
    const db = t.db.database.db;
    const before = await retentionStatus(db, policy, "2026-03-10");
    expect(before.due).toEqual({ dossier: 0, feedback: 1 });
    const due = await retentionStatus(db, policy, "2026-03-11");
    expect(due.due).toEqual({ dossier: 2, feedback: 1 });
    expect(due.closedOnOrBefore.dossier).toBe("2021-03-10");
  });

  it("a dry run changes nothing", async () => {
    const db = t.db.database.db;
    const result = await purgePersonalData(db, SYSTEM_ACTOR, policy, {
      asOf: "2026-03-11",
      dryRun: true,
      trigger: "cli",
    });
    expect(result.anonymised).toEqual({ dossier: 2, feedback: 1 });
    const [row] = await queryRows<{ n: number }>(
      db,
      sql`select count(*)::int as n from anonymised_records`,
    );
    expect(row!.n).toBe(0);
  });

  it("anonymises in batches, keeps every KPI figure, records and audits it, and runs once", async () => {
    const db = t.db.database.db;
    const kpiBefore = await kpiFigures();
    const result = await purgePersonalData(db, SYSTEM_ACTOR, policy, {
      asOf: "2026-03-11",
      batchSize: 1,
      trigger: "cli",
    });
    expect(result.anonymised).toEqual({ dossier: 2, feedback: 1 });
    expect(result.batches).toBe(3);
    expect(await kpiFigures()).toEqual(kpiBefore);

    const rows = await queryRows<{
      id: string;
      name: string;
      phone: string;
      code: string;
      state: string;
    }>(
      db,
      sql`select id, applicant_name as name, applicant_phone as phone, code, state from dossiers`,
    );
    const byId = new Map(rows.map((r) => [r.id, r]));
    expect(byId.get(ids.old1!)).toMatchObject({
      name: "[đã ẩn danh]",
      phone: "",
      state: "resolved",
    });
    expect(byId.get(ids.old2!)?.name).toBe("[đã ẩn danh]");
    expect(byId.get(ids.newer!)?.name).toBe("Lê Thị newer");
    expect(byId.get(ids.open!)?.name).toBe("Lê Thị open");
    const [fb] = await queryRows<{ name: string; content: string; state: string }>(
      db,
      sql`select sender_name as name, content, state from feedback where id = ${ids.feedback}::uuid`,
    );
    expect(fb).toEqual({ name: "[đã ẩn danh]", content: "[đã ẩn danh]", state: "rejected" });

    const recorded = await queryRows<{ record: string; closed_on: string; reason: string }>(
      db,
      sql`select record, closed_on::text, reason from anonymised_records order by record, closed_on`,
    );
    expect(recorded).toEqual([
      { record: "dossier", closed_on: "2021-03-10", reason: "retention" },
      { record: "dossier", closed_on: "2021-03-10", reason: "retention" },
      { record: "feedback", closed_on: "2021-03-05", reason: "retention" },
    ]);
    const audit = (await admin.get("/api/audit?action=personal_data.anonymised")).body.data;
    expect(audit).toHaveLength(3);
    expect(JSON.stringify(audit)).not.toContain("Lê Thị");

    const again = await purgePersonalData(db, SYSTEM_ACTOR, policy, {
      asOf: "2026-03-11",
      trigger: "cli",
    });
    expect(again.anonymised).toEqual({ dossier: 0, feedback: 0 });
    const status = await retentionStatus(db, policy, "2026-03-11");
    expect(status.anonymised).toEqual({ dossier: 2, feedback: 1 });
    expect(status.lastRun).toMatchObject({ asOf: "2026-03-11", trigger: "cli", dossiers: 0 });
  });

  it("shows the retention status and runs it for an installation administrator only", async () => {
    const status = await admin.get("/api/admin/personal-data/retention?asOf=2026-03-11");
    expect(status.status).toBe(200);
    expect(status.body.data).toMatchObject({
      asOf: "2026-03-11",
      // The test app runs with CCHC's inferred defaults, and the page says so.
      policyIsDefault: true,
      due: { dossier: 0, feedback: 0 },
      lastRun: { trigger: "cli" },
    });
    const run = await admin.post("/api/admin/personal-data/retention/run", {
      asOf: "2026-03-11",
      dryRun: true,
    });
    expect(run.status).toBe(200);
    expect(run.body.data).toMatchObject({ dryRun: true, anonymised: { dossier: 0, feedback: 0 } });
    const clerk = await t.signedIn(clerkName, FACTORY_PASSWORD);
    expect((await clerk.get("/api/admin/personal-data/retention")).status).toBe(403);
    expect((await clerk.post("/api/admin/personal-data/retention/run", {})).status).toBe(403);
    // The session says who manages retention, so the page never asks otherwise: the installation's
    // administrator does, an administrator of one province does not (and is refused).
    expect((await admin.get("/api/auth/me")).body.data.user.can.manageRetention).toBe(true);
    const provinceAdmin = await t.signedIn(provinceAdminName, FACTORY_PASSWORD);
    expect((await provinceAdmin.get("/api/auth/me")).body.data.user.can.manageRetention).toBe(
      false,
    );
    expect((await provinceAdmin.get("/api/admin/personal-data/retention")).status).toBe(403);
  });

  it("walks the table a few pages at a time: every due record once and no other, whatever the pages and batch", async () => {
    const db = t.db.database.db;
    const procedure = await makeProcedure(db, ward);
    const clerk = await t.signedIn(clerkName, FACTORY_PASSWORD);
    // Closed on 01/02/2023 (due on 02/02/2028 with 5 years) or still open, in random id order.
    const made: { id: string; closed: boolean }[] = [];
    for (let n = 0; n < 14; n += 1) {
      const response = await clerk.post("/api/dossiers", {
        procedureId: procedure.id,
        applicantName: `Trần Văn ${n}`,
        applicantPhone: "0912345689",
        channel: "in_person",
        receivedAt: `2023-01-${String(n + 2).padStart(2, "0")} 09:00`,
      });
      expect(response.status, JSON.stringify(response.body)).toBe(201);
      const closed = n % 3 !== 0;
      if (closed)
        await db.execute(sql`update dossiers set state = 'resolved',
          finished_at = '2023-02-01T10:00:00+07:00'::timestamptz,
          returned_at = '2023-02-01T11:00:00+07:00'::timestamptz
          where id = ${response.body.data.id}::uuid`);
      made.push({ id: response.body.data.id, closed });
    }
    // Due besides these: the dossiers returned in 2021 and 2022, unless a test above anonymised them.
    const before = await queryRows<{ id: string }>(
      db,
      sql`select record_id::text as id from anonymised_records where record = 'dossier'`,
    );
    const earlier = [ids.old1!, ids.old2!, ids.newer!].filter(
      (id) => !before.some((b) => b.id === id),
    );
    const due = new Set([...made.filter((m) => m.closed).map((m) => m.id), ...earlier]);
    // Long addresses (incompressible, kept in the row) spread the records over several pages.
    await db.execute(sql`update dossiers set applicant_address =
        (select string_agg(md5(random()::text || g::text), '') from generate_series(1, 40) g)
      where id = any(${sql.param(made.map((m) => m.id))}::uuid[])`);
    // Windows of one page see a part of the table only.
    expect(await tablePages(db, "dossier")).toBeGreaterThan(2);
    for (const walkPages of [1, 2, 3, 1_000])
      for (const batchSize of [1, 2, 4]) {
        const rolledBack = new Error("rolled back");
        await expect(
          db.transaction(async (tx) => {
            const status = await retentionStatus(tx, policy, "2028-02-02", { walkPages });
            expect(status.due.dossier, `counted by ${walkPages} pages`).toBe(due.size);
            const dry = await purgePersonalData(tx, SYSTEM_ACTOR, policy, {
              asOf: "2028-02-02",
              walkPages,
              dryRun: true,
              trigger: "cli",
            });
            expect(dry.anonymised.dossier).toBe(due.size);
            const result = await purgePersonalData(tx, SYSTEM_ACTOR, policy, {
              asOf: "2028-02-02",
              batchSize,
              walkPages,
              trigger: "cli",
            });
            expect(result.anonymised.dossier, `pages ${walkPages}, batch ${batchSize}`).toBe(
              due.size,
            );
            const done = await queryRows<{ id: string }>(
              tx,
              sql`select record_id::text as id from anonymised_records
                where record = 'dossier' and run_id = ${result.runId}::uuid`,
            );
            expect(new Set(done.map((d) => d.id))).toEqual(due);
            expect(done).toHaveLength(due.size);
            throw rolledBack;
          }),
        ).rejects.toBe(rolledBack);
      }
  });
});
