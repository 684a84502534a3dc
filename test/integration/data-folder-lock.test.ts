import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase } from "../../src/server/runtime.ts";
import { runCli, startServerProcess } from "../support/cli-process.ts";
import { makeUnit, makeUser, type MadeUnit, type MadeUser } from "../support/factories.ts";
import { ApiClient } from "../support/test-app.ts";
import { testDatabaseKind } from "../support/test-database.ts";

/** Made in the PGlite pass only: in the PostgreSQL pass every test is skipped, and so is afterAll. */
let dataDir = "";
let env: Record<string, string> = {};
let province: MadeUnit;
let adminUser: MadeUser;
afterAll(() => {
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

/** The data folder the servers start on: a province and its administrator, made with the factories. */
async function prepareDataFolder() {
  dataDir = mkdtempSync(join(tmpdir(), "cchc-lock-"));
  env = { CCHC_DATA_DIR: dataDir, DATABASE_URL: "", CCHC_DEMO: "false" };
  const opened = await openDatabase({ dataDir, databaseUrl: null });
  try {
    province = await makeUnit(opened.database.db, { level: "province" });
    adminUser = await makeUser(opened.database.db, { unit: province, role: "admin" });
  } finally {
    await opened.close();
  }
}

// The lock protects the embedded database's folder; it runs once, in the PGlite pass.
describe.skipIf(testDatabaseKind !== "pglite")(
  "data-folder lock (embedded database)",
  { timeout: 240_000 },
  () => {
    beforeAll(prepareDataFolder);

    it("refuses a second process and keeps every row of the first", async () => {
      const first = await startServerProcess(env);
      try {
        const admin = new ApiClient(first.url);
        await admin.signIn(adminUser.username, adminUser.password);
        const codes = Array.from({ length: 20 }, (_, i) => `L${i}`);
        for (const code of codes) {
          const r = await admin.post("/api/units", {
            code,
            name: `Xã Khóa ${code}`,
            level: "commune",
            parentId: province.id,
          });
          expect(r.status).toBe(201);
        }

        await expect(startServerProcess(env, 30_000)).rejects.toThrow(
          /DATA_FOLDER_LOCKED.*đang được một tiến trình CCHC khác sử dụng/s,
        );
        const csv = join(dataDir, "units.csv");
        writeFileSync(csv, `code,name,level,parent_code\nL99,Xã Chen Ngang,xã,${province.code}\n`);
        const importer = await runCli(["unit", "import", csv], env);
        expect(importer.code).toBe(2);
        expect(importer.stderr).toMatch(/^DATA_FOLDER_LOCKED: /);
        expect(importer.stderr).not.toMatch(/\n\s+at /);

        const names = (await admin.get("/api/units?q=Khoa")).body.data.map((u: any) => u.code);
        expect(names.sort()).toEqual([...codes].sort());
      } finally {
        await first.stop();
      }

      const restarted = await startServerProcess(env);
      try {
        const admin = new ApiClient(restarted.url);
        await admin.signIn(adminUser.username, adminUser.password);
        expect((await admin.get("/api/units?q=Khoa")).body.data).toHaveLength(20);
        expect((await admin.get("/api/units?q=Chen%20Ngang")).body.data).toHaveLength(0);
      } finally {
        await restarted.stop();
      }
    });

    it("runs the data commands once the server is stopped", async () => {
      const csv = join(dataDir, "units2.csv");
      writeFileSync(csv, `code,name,level,parent_code\nL100,Xã Sau Khi Dừng,xã,${province.code}\n`);
      const imported = await runCli(["unit", "import", csv], env);
      expect(imported.stdout).toContain("Đã nhập 1 đơn vị: 1 mới, 0 cập nhật.");
      const created = await runCli(
        [
          "user",
          "create",
          "--username",
          "cli.user",
          "--full-name",
          "Người Dùng CLI",
          "--role",
          "viewer",
          "--unit",
          "L100",
        ],
        { ...env, CCHC_PASSWORD: "mat-khau-cli-dai" },
      );
      expect(created.stderr).toBe("");
      expect(created.code).toBe(0);
      const badRole = await runCli(
        [
          "user",
          "create",
          "--username",
          "x",
          "--full-name",
          "X",
          "--role",
          "chief",
          "--unit",
          "L100",
        ],
        env,
      );
      expect(badRole.code).toBe(2);
      expect(badRole.stderr).toContain("Vai trò phải là một trong");
      // The password policy holds on the command line too (issue 9, Low 10).
      const weak = await runCli(
        [
          "user",
          "create",
          "--username",
          "cli.weak",
          "--full-name",
          "Mật Khẩu Yếu",
          "--role",
          "viewer",
          "--unit",
          "L100",
          "--password",
          "aaaaaaaaaa",
        ],
        env,
      );
      expect(weak.code).toBe(2);
      expect(weak.stderr).toContain("PASSWORD_TOO_WEAK: Mật khẩu quá đơn giản");
      const verified = await runCli(["audit", "verify"], env);
      expect(verified.code).toBe(0);
      expect(verified.stdout).toMatch(/Chuỗi nhật ký toàn vẹn: đã kiểm tra \d+ bản ghi/);
    });
  },
);
