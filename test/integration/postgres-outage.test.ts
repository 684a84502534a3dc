/**
 * The server survives PostgreSQL restarting: during the outage every request fails at once with
 * 503 DATABASE_UNAVAILABLE (nothing written, the process stays up), and once PostgreSQL is back
 * the same session carries on without restarting CCHC. Runs on its own throwaway PostgreSQL
 * cluster (it is stopped mid-test), so only where Debian's PostgreSQL binaries exist.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { sql } from "drizzle-orm";
import type { FastifyInstance } from "fastify";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildApp } from "../../src/server/app.ts";
import { openPostgres, queryRows, type Database } from "../../src/server/db/database.ts";
import { isDatabaseUnavailable } from "../../src/server/db/database-errors.ts";
import { runMigrations } from "../../src/server/db/migrate.ts";
import { makeUnit, makeUser } from "../support/factories.ts";
import { ApiClient } from "../support/test-app.ts";
import {
  createThrowawayPostgres,
  postgresBinDir,
  type ThrowawayPostgres,
} from "../support/throwaway-postgres.ts";

describe.skipIf(!postgresBinDir())("PostgreSQL outage", () => {
  let server: ThrowawayPostgres;
  let database: Database;
  let app: FastifyInstance;
  let admin: ApiClient;
  let provinceId: string;
  let dataDir: string;

  beforeAll(async () => {
    server = await createThrowawayPostgres();
    await server.start();
    const setup = new pg.Client({ connectionString: server.url });
    await setup.connect();
    await setup.query("create database cchc");
    await setup.end();
    database = await openPostgres(server.url.replace(/\/postgres$/, "/cchc"));
    await runMigrations(database);
    const province = await makeUnit(database.db, { level: "province" });
    provinceId = province.id;
    const provinceAdmin = await makeUser(database.db, { unit: province, role: "admin" });
    dataDir = mkdtempSync(join(tmpdir(), "cchc-outage-"));
    app = await buildApp({ database, logLevel: "silent", webDir: null, dataDir });
    await app.listen({ port: 0, host: "127.0.0.1" });
    admin = new ApiClient(`http://127.0.0.1:${(app.server.address() as { port: number }).port}`);
    await admin.signIn(provinceAdmin.username, provinceAdmin.password);
  }, 120_000);

  afterAll(async () => {
    await app?.close();
    await database?.close();
    await server?.destroy();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  const commune = (code: string, name: string) => ({
    code,
    name,
    level: "commune",
    kind: "xa",
    parentId: provinceId,
    validFrom: "2025-07-01",
  });

  it("answers 503 DATABASE_UNAVAILABLE while PostgreSQL is down and resumes on its own", async () => {
    expect((await admin.post("/api/units", commune("07001", "Xã Trước Sự Cố"))).status).toBe(201);
    const health = () => admin.get("/api/health");
    expect((await health()).status).toBe(200);

    await server.stop("fast");

    // Health probes the database at most once a second (db/reachability.ts): it says so soon.
    await expect.poll(async () => (await health()).status, { timeout: 20_000 }).toBe(503);
    expect((await health()).body.error.code).toBe("DATABASE_UNAVAILABLE");

    for (const response of [
      await admin.get("/api/units"),
      await admin.post("/api/units", commune("07002", "Xã Trong Sự Cố")),
      await admin.get("/api/units"),
    ]) {
      expect(response.status).toBe(503);
      expect(response.body.error.code).toBe("DATABASE_UNAVAILABLE");
      expect(response.body.error.message).toContain("Cơ sở dữ liệu tạm thời không truy cập được");
      expect(JSON.stringify(response.body)).not.toMatch(/ECONNREFUSED|stack|insert into/i);
      expect(response.headers.get("retry-after")).toBe("5");
    }

    await server.start();
    await expect.poll(async () => (await health()).status, { timeout: 20_000 }).toBe(200);

    // The same process and the same session carry on.
    const after = await admin.get("/api/units?includeInactive=true");
    expect(after.status).toBe(200);
    const names = after.body.data.map((unit: { name: string }) => unit.name);
    expect(names).toContain("Xã Trước Sự Cố");
    expect(names).not.toContain("Xã Trong Sự Cố");
    expect((await admin.post("/api/units", commune("07003", "Xã Sau Sự Cố"))).status).toBe(201);
  }, 120_000);

  it("loses a transaction cut by the outage whole, never half", async () => {
    await database.db.execute(sql`create table outage_probe (step int not null)`);
    const attempt = database.db.transaction(async (tx) => {
      await tx.execute(sql`insert into outage_probe values (1)`);
      // PostgreSQL goes down between two statements of one transaction (a connection lent out).
      await server.stop("immediate");
      await tx.execute(sql`insert into outage_probe values (2)`);
    });
    const error = await attempt.then(
      () => null,
      (caught: unknown) => caught,
    );
    expect(isDatabaseUnavailable(error)).toBe(true);

    await server.start();
    const rows = await queryRows<{ step: number }>(database.db, sql`select step from outage_probe`);
    expect(rows).toEqual([]);
    // The app's pool still works after the crash and recovery.
    expect((await admin.get("/api/units")).status).toBe(200);
  }, 120_000);
});
