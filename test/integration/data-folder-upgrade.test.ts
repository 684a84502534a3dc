import { execFileSync, spawnSync } from "node:child_process";
import { cpSync, mkdtempSync, rmSync, symlinkSync, writeFileSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openPglite, queryRows } from "../../src/server/db/database.ts";
import { runMigrations } from "../../src/server/db/migrate.ts";
import { createBackup } from "../../src/server/operations/backup/create-backup.ts";
import {
  appliedMigrationCount,
  knownMigrations,
  migrationsFolderUpTo,
} from "../../src/server/operations/backup/migration-level.ts";
import { restoreBackup } from "../../src/server/operations/backup/restore-backup.ts";
import { openDatabase } from "../../src/server/runtime.ts";
import { verifyAuditChain } from "../../src/server/services/audit.service.ts";
import { REPO_ROOT, startServerProcess } from "../support/cli-process.ts";

/**
 * A data folder made by an older CCHC: the last commit before migration 0007, checked out from
 * this repository's history and run as it was (`cchc serve` loads its demo), then opened by the
 * current version. Skipped on a shallow clone without that commit.
 */
const OLD_COMMIT = "2dbf12bcca51f24a2b91eff8a7860fa3390d733f";
const OLD_MIGRATIONS = 7;

const hasOldCommit =
  spawnSync("git", ["cat-file", "-e", `${OLD_COMMIT}^{commit}`], { cwd: REPO_ROOT }).status === 0;

async function countRows(dataDir: string) {
  const database = await openPglite(join(dataDir, "pglite"));
  try {
    const rows = await queryRows<{ table: string; n: number }>(
      database.db,
      sql`SELECT 'units' AS table, count(*)::int AS n FROM units
          UNION ALL SELECT 'dossiers', count(*)::int FROM dossiers
          UNION ALL SELECT 'plans', count(*)::int FROM plans
          UNION ALL SELECT 'audit_events', count(*)::int FROM audit_events`,
    );
    return {
      counts: Object.fromEntries(rows.map((row) => [row.table, row.n])),
      applied: await appliedMigrationCount(database.db),
    };
  } finally {
    await database.close();
  }
}

describe.skipIf(!hasOldCommit)(
  "a data folder made by an older version",
  { timeout: 600_000 },
  () => {
    let work: string;
    let oldFolder: string;
    let before: Awaited<ReturnType<typeof countRows>>;

    beforeAll(async () => {
      work = mkdtempSync(join(tmpdir(), "cchc-upgrade-"));
      const oldCode = join(work, "old-cchc");
      execFileSync(
        "bash",
        ["-c", `mkdir -p "${oldCode}" && git archive ${OLD_COMMIT} | tar -x -C "${oldCode}"`],
        {
          cwd: REPO_ROOT,
        },
      );
      symlinkSync(join(REPO_ROOT, "node_modules"), join(oldCode, "node_modules"));
      oldFolder = join(work, "data-old");
      // Stays on the old version's own demo: the old code cannot run today's factories on its schema.
      const server = await startServerProcess(
        { CCHC_DATA_DIR: oldFolder, DATABASE_URL: "", CCHC_WEB_DIR: join(work, "no-web") },
        300_000,
        join(oldCode, "bin", "cchc.js"),
      );
      await server.stop();
      before = await countRows(oldFolder);
    }, 600_000);

    afterAll(() => rmSync(work, { recursive: true, force: true }));

    it("was made at the older schema, with data", () => {
      expect(before.applied).toBe(OLD_MIGRATIONS);
      expect(before.counts.units).toBeGreaterThan(0);
      expect(before.counts.dossiers).toBeGreaterThan(0);
      expect(before.counts.plans).toBeGreaterThan(0);
    });

    it("leaves the folder as it was when a migration fails", async () => {
      const copy = join(work, "data-failing");
      cpSync(oldFolder, copy, { recursive: true });
      const broken = await migrationsFolderUpTo((await knownMigrations()).length);
      try {
        const journalPath = join(broken.folder, "meta", "_journal.json");
        const journal = JSON.parse(readFileSync(journalPath, "utf8"));
        journal.entries.push({
          idx: journal.entries.length,
          version: "7",
          when: Date.now() + 1e9,
          tag: "9999_broken",
          breakpoints: true,
        });
        writeFileSync(journalPath, JSON.stringify(journal));
        writeFileSync(
          join(broken.folder, "9999_broken.sql"),
          "ALTER TABLE units ADD COLUMN nonsense text NOT NULL DEFAULT 'x';\n--> statement-breakpoint\nSELECT 1/0;",
        );
        const database = await openPglite(join(copy, "pglite"));
        try {
          await expect(runMigrations(database, broken.folder)).rejects.toThrow();
        } finally {
          await database.close();
        }
      } finally {
        await broken.remove();
      }
      expect(await countRows(copy)).toEqual(before);
    });

    it("opens with the current version, migrates, and keeps every row and the audit chain", async () => {
      const copy = join(work, "data-upgraded");
      cpSync(oldFolder, copy, { recursive: true });
      const opened = await openDatabase({ dataDir: copy, databaseUrl: null });
      try {
        expect(await appliedMigrationCount(opened.database.db)).toBe(
          (await knownMigrations()).length,
        );
        expect(await verifyAuditChain(opened.database.db)).toMatchObject({ ok: true });
      } finally {
        await opened.close();
      }
      const after = await countRows(copy);
      expect(after.counts).toEqual(before.counts);
    });

    it("restores a backup taken at the older schema into the current one", async () => {
      const archive = join(work, "old.zip");
      const oldDatabase = await openPglite(join(oldFolder, "pglite"));
      try {
        await createBackup(oldDatabase, oldFolder, archive);
      } finally {
        await oldDatabase.close();
      }
      const target = join(work, "data-restored");
      const result = await restoreBackup({ dataDir: target, databaseUrl: null }, archive);
      expect(result.manifest.migrations).toHaveLength(OLD_MIGRATIONS);
      const restored = await countRows(target);
      expect(restored.counts).toEqual(before.counts);
      expect(restored.applied).toBe((await knownMigrations()).length);
    });
  },
);
