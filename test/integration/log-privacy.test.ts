import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { sql } from "drizzle-orm";
import type { FastifyInstance } from "fastify";
import pino from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildApp } from "../../src/server/app.ts";
import { logHooks, logRedaction, serializeError } from "../../src/server/http/log-safety.ts";
import { makeUnit, type MadeUnit } from "../support/factories.ts";
import { ApiClient } from "../support/test-app.ts";
import { createTestDatabase, type TestDatabase } from "../support/test-database.ts";

/**
 * A request that fails in the database carries a citizen's name, phone, ID number, address and
 * e-mail; the log (captured here) records the failure without any of them.
 */
const citizen = {
  senderName: "Trần Thị Bích Ngọc",
  senderPhone: "0912 345 678",
  senderEmail: "bichngoc.tran@example.vn",
  senderAddress: "Số 12 ngõ 34 phố Vườn Đào",
  title: "Phản ánh của bà Trần Thị Bích Ngọc",
  content: "Tôi, Trần Thị Bích Ngọc, CCCD 022190001234, điện thoại 0912345678, xin phản ánh…",
};
const secrets = [
  "Bích Ngọc",
  "Bich Ngoc",
  "0912",
  "345 678",
  "345678",
  "022190001234",
  "bichngoc",
  "Vườn Đào",
];

let db: TestDatabase;
let app: FastifyInstance;
let url: string;
let dataDir: string;
const lines: string[] = [];
let ward: MadeUnit;

beforeAll(async () => {
  db = await createTestDatabase();
  ward = await makeUnit(db.database.db, { parent: await makeUnit(db.database.db) });
  // Any database failure will do; this one, like PostgreSQL's own messages ("invalid input
  // syntax …: \"value\""), puts the row's values in its message and detail.
  await db.database.db.execute(sql`
    create function test_refuse_feedback() returns trigger language plpgsql as $$
    begin
      raise exception 'refused feedback from % (%), %', new.sender_name, new.sender_phone, new.content
        using detail = 'address: ' || coalesce(new.sender_address, '') || ', e-mail: ' || coalesce(new.sender_email, '');
    end $$`);
  await db.database.db.execute(sql`
    create trigger test_refuse_feedback before insert on feedback
    for each row execute function test_refuse_feedback()`);
  dataDir = mkdtempSync(join(tmpdir(), "cchc-test-log-"));
  app = await buildApp({
    database: db.database,
    logLevel: "info",
    logStream: { write: (line: string) => void lines.push(line) },
    webDir: null,
    dataDir,
  });
  await app.listen({ port: 0, host: "127.0.0.1" });
  url = `http://127.0.0.1:${(app.server.address() as { port: number }).port}`;
});
afterAll(async () => {
  await app.close();
  await db.cleanup();
  rmSync(dataDir, { recursive: true, force: true });
});

describe("the log keeps citizens' personal data out", () => {
  it("logs a failed database write by its SQLSTATE, without the row's values", async () => {
    const client = new ApiClient(url);
    const units = (await client.get("/api/public/feedback/units")).body.data;
    const unitCode = units.find((unit: any) => unit.name === ward.name).code;
    lines.length = 0;
    const response = await client.post("/api/public/feedback", { unitCode, ...citizen });
    expect(response.status).toBe(500);
    expect(response.body.error.code).toBe("INTERNAL_ERROR");
    for (const secret of secrets) expect(JSON.stringify(response.body)).not.toContain(secret);

    const entries = lines.map((line) => JSON.parse(line));
    const failure = entries.find((entry) => entry.msg === "unhandled error");
    expect(failure, lines.join("")).toBeDefined();
    const log = lines.join("");
    for (const secret of secrets) expect(log, `log holds "${secret}"`).not.toContain(secret);
    expect(failure.route).toBe("/api/public/feedback");
    expect(JSON.stringify(failure.err)).toContain("P0001"); // raise_exception
  });

  it("redacts personal-data fields, bodies and query strings wherever a log call puts them", () => {
    const written: string[] = [];
    const logger = pino(
      { redact: logRedaction, serializers: { err: serializeError }, hooks: logHooks },
      { write: (line: string) => void written.push(line) },
    );
    logger.info({ body: citizen }, "a body");
    logger.info({ dossier: { applicantName: citizen.senderName, applicantPhone: "0912345678" } });
    logger.info({ feedback: { sender: { senderAddress: citizen.senderAddress } } });
    const error = new Error(`Unexpected token in "${citizen.senderName}" near 0912345678`);
    logger.error({ err: error });
    logger.error(error);
    const log = written.join("");
    for (const secret of secrets) expect(log, `log holds "${secret}"`).not.toContain(secret);
    expect(log).toContain("Unexpected token in");
  });
});
