import { createHash, randomBytes } from "node:crypto";
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { eq, sql } from "drizzle-orm";
import { strFromU8, strToU8, unzipSync, zipSync } from "fflate";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { queryRows, type Executor } from "../../src/server/db/database.ts";
import { AppError } from "../../src/server/errors.ts";
import { createBackup } from "../../src/server/operations/backup/create-backup.ts";
import { listTables } from "../../src/server/operations/backup/database-tables.ts";
import { restoreBackup } from "../../src/server/operations/backup/restore-backup.ts";
import { openDatabase } from "../../src/server/runtime.ts";
import { verifyAuditChain } from "../../src/server/services/audit.service.ts";
import { plans } from "../../src/server/db/schema-plan.ts";
import { runCli } from "../support/cli-process.ts";
import { makeUser } from "../support/factories.ts";
import { startTestApp, type TestApp } from "../support/test-app.ts";

/** Every table's row count and a digest of its rows in a stable order; every file's SHA-256. */
async function fingerprint(exec: Executor, dataDir: string) {
  const tables: Record<string, { rows: number; digest: string }> = {};
  for (const table of await listTables(exec)) {
    const [row] = await queryRows<{ rows: number; digest: string | null }>(
      exec,
      sql.raw(`SELECT count(*)::int AS rows,
                      md5(string_agg(row_to_json(t)::text, E'\\n' ORDER BY row_to_json(t)::text)) AS digest
               FROM "${table}" t`),
    );
    tables[table] = { rows: row!.rows, digest: row!.digest ?? "" };
  }
  return { tables, files: filesOf(dataDir) };
}

function filesOf(dataDir: string): Record<string, string> {
  const files: Record<string, string> = {};
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (dir === dataDir && ["pglite", "cchc.lock", "backups"].includes(entry.name)) continue;
      if (entry.isDirectory()) walk(path);
      else
        files[relative(dataDir, path)] = createHash("sha256")
          .update(readFileSync(path))
          .digest("hex");
    }
  };
  walk(dataDir);
  return files;
}

/** An empty target: a new PostgreSQL database on the test server, or a new PGlite folder. */
async function emptyTarget() {
  const dataDir = mkdtempSync(join(tmpdir(), "cchc-restore-"));
  const serverUrl = process.env.TEST_DATABASE_URL;
  if (!serverUrl) {
    return {
      config: { dataDir, databaseUrl: null },
      drop: async () => rmSync(dataDir, { recursive: true, force: true }),
    };
  }
  const name = `cchc_restore_${randomBytes(5).toString("hex")}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return {
    config: { dataDir, databaseUrl: url.toString() },
    async drop() {
      rmSync(dataDir, { recursive: true, force: true });
      const dropper = new pg.Client({ connectionString: serverUrl });
      await dropper.connect();
      await dropper.query(`drop database if exists ${name} with (force)`);
      await dropper.end();
    },
  };
}

async function withOpened<T>(
  config: { dataDir: string; databaseUrl: string | null },
  work: (exec: Executor) => Promise<T>,
) {
  const opened = await openDatabase(config);
  try {
    return await work(opened.database.db);
  } finally {
    await opened.close();
  }
}

async function expectCode(promise: Promise<unknown>, code: string) {
  const error = await promise.then(
    () => null,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(AppError);
  expect((error as AppError).code).toBe(code);
}

/** Rewrites an archive's entries (small archives only): for forging bad backups in tests. */
function rewriteArchive(
  from: string,
  to: string,
  change: (entries: Record<string, Uint8Array>) => void,
) {
  const entries = unzipSync(readFileSync(from));
  change(entries);
  writeFileSync(to, zipSync(entries));
}

// Each restore opens a new embedded database folder (initdb): slow on a busy 2-core machine.
describe("backup and restore", { timeout: 300_000 }, () => {
  let t: TestApp;
  let work: string;
  let archive: string;
  let before: Awaited<ReturnType<typeof fingerprint>>;

  beforeAll(async () => {
    // The demo with its plans, for breadth: nearly every table holds rows to back up and restore.
    t = await startTestApp({ demoPlans: true });
    await uploadEvidence(t);
    work = mkdtempSync(join(tmpdir(), "cchc-backup-test-"));
    archive = join(work, "backup.zip");
    await createBackup(t.db.database, t.dataDir, archive, new Date("2026-03-04T05:06:07Z"));
    before = await fingerprint(t.db.database.db, t.dataDir);
  });

  afterAll(async () => {
    await t?.close();
    rmSync(work, { recursive: true, force: true });
  });

  it("restores every table and every file byte for byte, and the audit chain verifies", async () => {
    expect(Object.keys(before.files).length).toBeGreaterThan(0);
    expect(before.tables["dossiers"]!.rows).toBeGreaterThan(0);
    expect(before.tables["audit_events"]!.rows).toBeGreaterThan(0);
    const target = await emptyTarget();
    try {
      const result = await restoreBackup(target.config, archive);
      expect(result.rows).toBe(Object.values(before.tables).reduce((sum, t) => sum + t.rows, 0));
      await withOpened(target.config, async (exec) => {
        expect(await fingerprint(exec, target.config.dataDir)).toEqual(before);
        expect(await verifyAuditChain(exec)).toMatchObject({ ok: true });
        // Identity sequences continue after the restored rows: a new audit event can be written.
        const [max] = await queryRows<{ id: string }>(
          exec,
          sql`SELECT max(id)::text AS id FROM audit_events`,
        );
        const [next] = await queryRows<{ id: string }>(
          exec,
          sql`SELECT nextval(pg_get_serial_sequence('audit_events', 'id'))::text AS id`,
        );
        expect(BigInt(next!.id)).toBeGreaterThan(BigInt(max!.id));
      });
    } finally {
      await target.drop();
    }
  });

  it("refuses a target that already holds data unless asked to replace it, then replaces it whole", async () => {
    const target = await emptyTarget();
    try {
      await restoreBackup(target.config, archive);
      await withOpened(target.config, (exec) =>
        exec.execute(sql`UPDATE units SET name = name || ' (đã sửa)'`),
      );
      await expectCode(restoreBackup(target.config, archive), "BACKUP_TARGET_NOT_EMPTY");
      await restoreBackup(target.config, archive, { replace: true });
      await withOpened(target.config, async (exec) =>
        expect((await fingerprint(exec, target.config.dataDir)).tables).toEqual(before.tables),
      );
    } finally {
      await target.drop();
    }
  });

  it("refuses damaged, truncated, foreign and newer archives, and changes nothing", async () => {
    const bytes = readFileSync(archive);
    const truncated = join(work, "truncated.zip");
    writeFileSync(truncated, bytes.subarray(0, Math.floor(bytes.length / 2)));
    const tampered = join(work, "tampered.zip");
    rewriteArchive(archive, tampered, (entries) => {
      const name = Object.keys(entries).find((path) => path.startsWith("files/"))!;
      entries[name] = strToU8("not the evidence that was backed up");
    });
    const notZip = join(work, "notes.txt");
    writeFileSync(notZip, "Biên bản họp giao ban tháng 3");
    const otherZip = join(work, "other.zip");
    writeFileSync(otherZip, zipSync({ "readme.txt": strToU8("hello") }));
    const newer = join(work, "newer.zip");
    rewriteArchive(archive, newer, (entries) => {
      const manifest = JSON.parse(strFromU8(entries["manifest.json"]!));
      manifest.migrations.push("9999_from_the_future");
      entries["manifest.json"] = strToU8(JSON.stringify(manifest));
    });

    const target = await emptyTarget();
    try {
      await expectCode(restoreBackup(target.config, truncated), "BACKUP_DAMAGED");
      await expectCode(restoreBackup(target.config, tampered), "BACKUP_DAMAGED");
      await expectCode(restoreBackup(target.config, notZip), "BACKUP_FOREIGN");
      await expectCode(restoreBackup(target.config, otherZip), "BACKUP_FOREIGN");
      await expectCode(restoreBackup(target.config, newer), "BACKUP_NEWER_VERSION");
      await expectCode(restoreBackup(target.config, join(work, "missing.zip")), "BACKUP_NOT_FOUND");
      // Nothing was written: no table, no file.
      await withOpened({ ...target.config }, async (exec) => {
        for (const table of await listTables(exec)) {
          const [row] = await queryRows<{ n: number }>(
            exec,
            sql.raw(`SELECT count(*)::int AS n FROM "${table}"`),
          );
          expect(row!.n, table).toBe(0);
        }
      });
      expect(Object.keys(filesOf(target.config.dataDir))).toEqual([]);
    } finally {
      await target.drop();
    }
  });

  it("never overwrites an existing backup file", async () => {
    await expectCode(createBackup(t.db.database, t.dataDir, archive), "BACKUP_FILE_EXISTS");
    expect(statSync(archive).size).toBe(readFileSync(archive).length);
  });

  it("runs from the command line and explains a refusal without a stack trace", async () => {
    const dataDir = mkdtempSync(join(tmpdir(), "cchc-cli-restore-"));
    try {
      const env = { CCHC_DATA_DIR: dataDir, DATABASE_URL: "" };
      const notes = join(work, "cli-notes.txt");
      writeFileSync(notes, "Biên bản họp giao ban");
      const bad = await runCli(["restore", notes], env);
      expect(bad.code).toBe(2);
      expect(bad.stderr).toMatch(/^BACKUP_FOREIGN: Tệp .* không phải bản sao lưu của CCHC/);
      expect(bad.stderr).not.toMatch(/\n\s+at /);
      const ok = await runCli(["restore", archive], env);
      expect(ok.stderr).toBe("");
      expect(ok.stdout).toMatch(/^Đã khôi phục \d+ bảng/);
      const copy = join(work, "again.zip");
      const backup = await runCli(["backup", copy], env);
      expect(backup.stdout).toMatch(/^Đã sao lưu \d+ bảng/);
      expect(statSync(copy).size).toBeGreaterThan(0);
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});

/** A file in the data folder: evidence on a plan's task, uploaded by a focal officer of its unit. */
async function uploadEvidence(t: TestApp) {
  const [issued] = await t.db.database.db
    .select({ id: plans.id, unitId: plans.unitId })
    .from(plans)
    .where(eq(plans.status, "issued"))
    .limit(1);
  const officer = await makeUser(t.db.database.db, {
    unit: { id: issued!.unitId },
    role: "focal_officer",
  });
  const focal = await t.signedIn(officer.username, officer.password);
  const plan = (await focal.get(`/api/plans/${issued!.id}`)).body.data;
  const form = new FormData();
  form.append(
    "file",
    new Blob([new TextEncoder().encode("%PDF-1.4\n% bằng chứng sao lưu\n%%EOF\n")]),
    "Báo cáo.pdf",
  );
  const response = await focal.request("POST", `/api/tasks/${plan.tasks[0].id}/evidence`, {
    body: form,
  });
  if (response.status !== 201)
    throw new Error(`evidence upload: ${response.status} ${JSON.stringify(response.body)}`);
}
