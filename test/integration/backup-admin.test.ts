import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { strFromU8, unzipSync } from "fflate";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  backupFolder,
  pruneBackups,
  runBackup,
} from "../../src/server/operations/backup/backup.service.ts";
import { SYSTEM_ACTOR } from "../../src/server/services/actor.ts";
import { makeStaff, type Staff } from "../support/account-fixtures.ts";
import { startTestApp, type TestApp } from "../support/test-app.ts";

describe("backups from the admin page", { timeout: 120_000 }, () => {
  let t: TestApp;
  let staff: Staff;
  const signedIn = (user: Staff["admin"]) => t.signedIn(user.username, user.password);
  beforeAll(async () => {
    t = await startTestApp({ demo: false });
    // The province is the installation's only tree: its administrator's reach is all of it.
    staff = await makeStaff(t.db.database.db);
  });
  afterAll(() => t?.close());

  it("lets the installation's administrator back up, list and download, and records it", async () => {
    const admin = await signedIn(staff.admin);
    const created = await admin.post("/api/admin/backups");
    expect(created.status).toBe(201);
    expect(created.body.data).toMatchObject({ ok: true, trigger: "manual", error: null });
    const name = created.body.data.name as string;
    expect(name).toMatch(/^cchc-\d{8}-\d{6}\.zip$/);

    const overview = (await admin.get("/api/admin/backups")).body.data;
    expect(overview.backups.map((file: { name: string }) => file.name)).toContain(name);
    expect(overview.last).toMatchObject({ ok: true, name });

    const download = await fetch(`${t.url}/api/admin/backups/${name}/download`, {
      headers: { cookie: admin.cookie! },
    });
    expect(download.status).toBe(200);
    const bytes = new Uint8Array(await download.arrayBuffer());
    const onDisk = readFileSync(join(backupFolder(t.dataDir), name));
    expect(createHash("sha256").update(bytes).digest("hex")).toBe(
      createHash("sha256").update(onDisk).digest("hex"),
    );
    const manifest = JSON.parse(strFromU8(unzipSync(bytes)["manifest.json"]!));
    expect(manifest.format).toBe("cchc-backup");

    const audit = (await admin.get("/api/audit?action=system.backup_created")).body.data;
    expect(audit.some((event: { summary: string }) => event.summary.includes(name))).toBe(true);
  });

  it("refuses everyone else, and never serves a file outside the backups folder", async () => {
    for (const user of [staff.reviewer, staff.focal, staff.clerk, staff.viewer]) {
      const { username } = user;
      const other = await signedIn(user);
      expect((await other.post("/api/admin/backups")).status, username).toBe(403);
      expect((await other.get("/api/admin/backups")).status, username).toBe(403);
    }
    expect((await t.client().get("/api/admin/backups")).status).toBe(401);
    const admin = await signedIn(staff.admin);
    for (const name of ["..%2Fcchc.lock", "last-result.json", "cchc-20260101-000000.zip"]) {
      expect((await admin.get(`/api/admin/backups/${name}/download`)).status, name).toBe(404);
    }
  });

  it("keeps only the newest backups", async () => {
    const times = ["2026-01-01T00:00:00Z", "2026-01-02T00:00:00Z", "2026-01-03T00:00:00Z"];
    for (const at of times)
      await runBackup(t.db.database, t.dataDir, SYSTEM_ACTOR, {
        trigger: "schedule",
        keep: 10,
        now: new Date(at),
      });
    await pruneBackups(t.dataDir, 2);
    const admin = await signedIn(staff.admin);
    const names = (await admin.get("/api/admin/backups")).body.data.backups.map(
      (file: { name: string }) => file.name,
    );
    expect(names).toHaveLength(2);
    expect(names).not.toContain("cchc-20260101-070000.zip");
  });
});
