/**
 * Failover to a synchronous standby without losing an acknowledged write. A primary and a
 * standby (pg_basebackup -R, synchronous_standby_names) run on loopback; the app is given both
 * hosts (target_session_attrs=read-write) and a mixed write load — dossier receipts at the desk
 * and task progress updates, several in flight. The primary's postmaster is killed with -9, the
 * standby promoted: meanwhile writes fail with 503 DATABASE_UNAVAILABLE, then succeed again in
 * the same process, and every write answered 2xx is on the promoted server.
 *
 * Runs on the PostgreSQL tier where Debian's PostgreSQL binaries exist (it starts its own two
 * clusters; the PGlite tier has no failover to test).
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { FastifyInstance } from "fastify";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildApp } from "../../src/server/app.ts";
import { openPostgres, type Database } from "../../src/server/db/database.ts";
import { runMigrations } from "../../src/server/db/migrate.ts";
import { makeWardWorld } from "../support/desk-fixtures.ts";
import { makeProcedure } from "../support/factories.ts";
import {
  createReplicatedPostgres,
  type ReplicatedPostgres,
} from "../support/replicated-postgres.ts";
import { ApiClient, type ApiResponse } from "../support/test-app.ts";
import { testDatabaseKind } from "../support/test-database.ts";
import { postgresBinDir } from "../support/throwaway-postgres.ts";

type Kind = "dossier" | "task_update";

interface Attempt {
  kind: Kind;
  status: number;
  code: string | null;
  /** What finds the write on the server: the dossier's id, the task update's comment. */
  key: string | null;
  /** ms since the load started, when the answer came. */
  at: number;
}

const WORKERS_PER_KIND = 3;

describe.skipIf(!postgresBinDir() || testDatabaseKind !== "postgresql")(
  "PostgreSQL failover to a synchronous standby",
  () => {
    let cluster: ReplicatedPostgres;
    let database: Database;
    let app: FastifyInstance;
    let dataDir: string;
    let clerk: ApiClient;
    let focal: ApiClient;
    let procedureId: string;
    let taskId: string;

    beforeAll(async () => {
      cluster = await createReplicatedPostgres();
      const setup = new pg.Client({ connectionString: cluster.primary.url });
      await setup.connect();
      await setup.query("create database cchc");
      await setup.end();
      database = await openPostgres(cluster.url("cchc"));
      await runMigrations(database);
      const world = await makeWardWorld(database.db);
      procedureId = (await makeProcedure(database.db, world.ward)).id;
      dataDir = mkdtempSync(join(tmpdir(), "cchc-failover-"));
      app = await buildApp({ database, logLevel: "silent", webDir: null, dataDir });
      await app.listen({ port: 0, host: "127.0.0.1" });
      const url = `http://127.0.0.1:${(app.server.address() as { port: number }).port}`;
      clerk = new ApiClient(url);
      await clerk.signIn(world.users.clerk.username, world.users.clerk.password);
      focal = new ApiClient(url);
      await focal.signIn(world.users.focal.username, world.users.focal.password);
      const plan = await focal.post("/api/plans", {
        unitId: world.ward.id,
        title: "Kế hoạch CCHC năm 2026",
        period: { kind: "year", year: 2026 },
        targets: [],
        tasks: [
          {
            areaKey: "direction",
            text: "Ban hành Kế hoạch CCHC năm 2026",
            leadAgencyId: world.agencies.office.id,
            timeline: "Quý I/2026",
          },
        ],
      });
      expect(plan.status, JSON.stringify(plan.body)).toBe(201);
      taskId = (await focal.get(`/api/plans/${plan.body.data.id}`)).body.data.tasks[0].id;
    }, 120_000);

    afterAll(async () => {
      // The clusters go first: a pooled connection to a backend of the killed primary then ends
      // at once. Each step is bounded and named, so a clean-up that hangs says which it was.
      await bounded("destroying the clusters", cluster?.destroy());
      await bounded("closing the app", app?.close());
      await bounded("closing the pool", database?.close());
      if (dataDir) rmSync(dataDir, { recursive: true, force: true });
    });

    it("loses no acknowledged write when the primary dies and the standby is promoted", async () => {
      const started = Date.now();
      const attempts: Attempt[] = [];
      let stop = false;
      let sequence = 0;

      const write = async (kind: Kind): Promise<{ response: ApiResponse; comment: string }> => {
        const n = ++sequence;
        const comment = `Cập nhật ${n}`;
        if (kind === "dossier") {
          const response = await clerk.post("/api/dossiers", {
            procedureId,
            applicantName: `Người nộp ${n}`,
            applicantPhone: "0911 222 333",
            channel: "in_person",
            receivedAt: "2026-03-02 09:00",
          });
          return { response, comment };
        }
        const response = await focal.post(`/api/tasks/${taskId}/updates`, {
          status: "in_progress",
          progress: n % 100,
          comment,
        });
        return { response, comment };
      };
      const worker = async (kind: Kind) => {
        while (!stop) {
          let response: ApiResponse;
          let comment: string;
          try {
            ({ response, comment } = await write(kind));
          } catch (error) {
            // The app itself must keep answering: a dropped HTTP connection is a failure.
            attempts.push({ kind, status: 0, code: String(error), key: null, at: now() });
            continue;
          }
          const ok = response.status >= 200 && response.status < 300;
          attempts.push({
            kind,
            status: response.status,
            code: ok ? null : (response.body?.error?.code ?? null),
            key: ok ? (kind === "dossier" ? response.body.data.id : comment) : null,
            at: now(),
          });
          // While the database is away the answers come at once: do not spin.
          if (!ok) await pause(20);
        }
      };
      const now = () => Date.now() - started;
      const acknowledged = () => attempts.filter((a) => a.status >= 200 && a.status < 300);
      const workers = (["dossier", "task_update"] as const).flatMap((kind) =>
        Array.from({ length: WORKERS_PER_KIND }, () => worker(kind)),
      );

      try {
        await until(() => acknowledged().length >= 20, "writes before the failover");
        cluster.killPrimary();
        const killedAt = now();
        await until(
          () => attempts.filter((a) => a.at > killedAt && a.status === 503).length >= 3,
          "503 answers while no server accepts writes",
        );
        await cluster.promoteStandby();
        const promotedAt = now();
        await until(
          () => acknowledged().filter((a) => a.at > promotedAt).length >= 20,
          "writes after the promotion",
        );
        stop = true;
        await Promise.all(workers);

        const failed = attempts.filter((a) => a.status < 200 || a.status >= 300);
        // A write committed just before the kill may be answered just after it: the failover
        // ends with the first write acknowledged after the outage was seen (the first 503).
        const outageSeen = failed.find((a) => a.at > killedAt)?.at ?? killedAt;
        const firstAfter = acknowledged().find((a) => a.at > outageSeen)!;
        // Every failure is the stable outage answer, never a 500 or a dropped connection.
        expect(failed.filter((a) => a.status !== 503 || a.code !== "DATABASE_UNAVAILABLE")).toEqual(
          [],
        );
        expect(failed.length).toBeGreaterThan(0);
        expect(failed.every((a) => a.at > killedAt)).toBe(true);

        // Every acknowledged write is on the promoted standby.
        const promoted = new pg.Client({
          connectionString: cluster.standby.url.replace(/\/postgres$/, "/cchc"),
        });
        promoted.on("error", () => undefined);
        await promoted.connect();
        const present = async (query: string, kind: Kind) => {
          const keys = acknowledged()
            .filter((a) => a.kind === kind)
            .map((a) => a.key!);
          const { rows } = await promoted.query(query, [keys]);
          return { acknowledged: keys.length, present: rows.length };
        };
        const [dossiers, updates] = await Promise.all([
          present("select id from dossiers where id::text = any($1::text[])", "dossier"),
          present(
            "select distinct comment from task_updates where comment = any($1::text[])",
            "task_update",
          ),
        ]).finally(() => promoted.end());
        expect(dossiers.acknowledged).toBeGreaterThan(0);
        expect(updates.acknowledged).toBeGreaterThan(0);
        const lost =
          dossiers.acknowledged - dossiers.present + (updates.acknowledged - updates.present);
        console.info(
          `failover: ${firstAfter.at - killedAt} ms from kill -9 to the first acknowledged write ` +
            `(promotion ${promotedAt - killedAt} ms after the kill); ` +
            `${dossiers.acknowledged} receipts and ${updates.acknowledged} task updates ` +
            `acknowledged, ${failed.length} answered 503, writes lost: ${lost}`,
        );
        expect(lost).toBe(0);
      } finally {
        stop = true;
        await Promise.allSettled(workers);
      }
    }, 120_000);
  },
);

/** Awaits a clean-up step for at most 30 s, warning (not failing) when it did not end. */
async function bounded(what: string, step: Promise<unknown> | undefined): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<"late">((resolve) => {
    timer = setTimeout(() => resolve("late"), 30_000);
  });
  if ((await Promise.race([step, late])) === "late")
    console.warn(`failover test clean-up: ${what} did not end within 30 s`);
  clearTimeout(timer);
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Polls `condition` until it holds, failing after a generous deadline (a busy machine). */
async function until(condition: () => boolean, what: string, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await pause(25);
  }
}
