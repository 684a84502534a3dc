/**
 * The embedded database's worker answers a statement outside a transaction as PostgreSQL's bytes,
 * decoded on the server's thread (src/server/db/pglite-rows.ts), and keeps a statement by name
 * when asked (`keepStatement`): what the callers get is what PGlite's own `query` gives — rows,
 * fields, counts, parsers, errors. PGlite only.
 */
import fc from "fast-check";
import { PGlite, protocol, parse, types } from "@electric-sql/pglite";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openPglite, type Database } from "../../src/server/db/database.ts";
import { keepStatement, PgliteWorkerClient } from "../../src/server/db/pglite-client.ts";
import { decodeResults, defaultParsers } from "../../src/server/db/pglite-rows.ts";
import { testDatabaseKind } from "../support/test-database.ts";

const TABLE = `create table probe (
  id int primary key, name text, big bigint, amount numeric, yes boolean, at timestamptz,
  day date, doc jsonb, words text[], counts int[], key uuid)`;

/** Any text PostgreSQL holds (no NUL). */
const text = (maxLength: number) =>
  fc.string({ unit: "grapheme", maxLength }).filter((value) => !value.includes("\u0000"));

const probeRow = fc.record({
  name: fc.option(text(20)),
  big: fc.option(fc.bigInt({ min: -(2n ** 62n), max: 2n ** 62n })),
  amount: fc.option(fc.integer({ min: -1e6, max: 1e6 }).map((n) => (n / 100).toFixed(2))),
  yes: fc.option(fc.boolean()),
  at: fc.option(fc.integer({ min: 0, max: 4e12 }).map((ms) => new Date(ms).toISOString())),
  day: fc.option(
    fc.integer({ min: 0, max: 3e12 }).map((ms) => new Date(ms).toISOString().slice(0, 10)),
  ),
  doc: fc.option(fc.dictionary(fc.string({ maxLength: 5 }), fc.oneof(fc.string(), fc.integer()))),
  words: fc.option(fc.array(text(6), { maxLength: 4 })),
  counts: fc.option(fc.array(fc.integer(), { maxLength: 4 })),
  key: fc.option(fc.uuid()),
});

const INSERT = `insert into probe (id, name, big, amount, yes, at, day, doc, words, counts, key)
  values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`;

type ProbeRow = typeof probeRow extends fc.Arbitrary<infer Row> ? Row : never;

const valuesOf = (id: number, row: ProbeRow) => [
  id,
  row.name,
  row.big === null ? null : row.big.toString(),
  row.amount,
  row.yes,
  row.at,
  row.day,
  row.doc === null ? null : JSON.stringify(row.doc),
  row.words,
  row.counts,
  row.key,
];

/** Drizzle's parsers on PGlite: dates and times kept as PostgreSQL's text. */
const asText = (value: string) => value;
const drizzleParsers = {
  [types.TIMESTAMPTZ]: asText,
  [types.DATE]: asText,
  [types.TIMESTAMP]: asText,
};

const joined = (parts: Uint8Array[]) => new Uint8Array(Buffer.concat(parts));

/** A result as callers read it (no `blob`). */
const readable = (result: { rows: unknown[]; fields: unknown[]; affectedRows?: number }) => ({
  rows: result.rows,
  fields: result.fields,
  affectedRows: result.affectedRows,
  rowCount: (result as { rowCount?: number }).rowCount,
});

describe.skipIf(testDatabaseKind !== "pglite")("rows answered as PostgreSQL's bytes", () => {
  let worker: Database;
  let client: PgliteWorkerClient;
  let direct: PGlite;
  beforeAll(async () => {
    client = await PgliteWorkerClient.open("memory://", [], { initialise: false, restart: null });
    worker = await openPglite("memory://");
    direct = new PGlite();
    await direct.waitReady;
    for (const exec of [client, direct]) await exec.exec(TABLE);
  });
  afterAll(async () => {
    await client.close();
    await worker.close();
    await direct.close();
  });

  it("decodes a statement's messages as PGlite's parseResults does", async () => {
    await direct.exec(`truncate probe`);
    await direct.query(INSERT, [
      1,
      "Nguyễn Thị Thủy",
      "9007199254740993",
      "12.50",
      true,
      "2026-11-30T17:00:00Z",
      "2026-12-01",
      '{"a":[1,"x"]}',
      ["Hòa", null, "a,b"],
      [1, null],
      "0b7c5f1e-9c1d-4c55-9a7e-4b3f6a1d2e3f",
    ]);
    await direct.query(INSERT, [2, null, null, null, null, null, null, null, null, null, null]);
    const { serialize } = protocol;
    const message = (text: string) => {
      const parts = [
        serialize.parse({ text }),
        serialize.bind({}),
        serialize.describe({ type: "P" }),
        serialize.execute({}),
        serialize.sync(),
      ];
      return joined(parts);
    };
    const arrays = await direct.query<[number, number]>(
      `select b.oid::int, b.typarray::int from pg_type a join pg_type b on b.oid = a.typelem
        where a.typcategory = 'A' group by b.oid, b.typarray`,
      [],
      { rowMode: "array" },
    );
    const parsers = defaultParsers(arrays.rows);
    for (const text of [
      "select * from probe order by id",
      "select count(*) from probe",
      "select * from probe where false",
      "update probe set yes = not yes where id = 1",
    ]) {
      for (const options of [
        undefined,
        { rowMode: "array" as const },
        { parsers: drizzleParsers },
      ]) {
        const chunks: Uint8Array[] = [];
        await direct.execProtocolRawStream(message(text), {
          onRawData: (chunk) => void chunks.push(chunk.slice()),
        });
        const bytes = joined(chunks);
        const { messages } = await direct.execProtocol(message(text));
        const expected = parse.parseResults(messages, direct.parsers, options)[0]!;
        expect(readable(decodeResults(bytes, parsers, options))).toEqual(readable(expected));
      }
    }
  });

  it("answers what PGlite's query answers, for any rows and with the callers' options", async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(probeRow, { maxLength: 6 }), async (rows) => {
        for (const exec of [client, direct]) {
          await exec.exec("truncate probe");
          for (const [index, row] of rows.entries()) {
            const inserted = await exec.query(INSERT, valuesOf(index + 1, row));
            expect(inserted.affectedRows).toBe(1);
          }
        }
        for (const text of [
          "select * from probe order by id",
          "select name, words, counts, doc, big from probe where id > $1 order by id desc",
          "update probe set yes = coalesce(not yes, true) where id > $1 returning id, yes",
        ]) {
          const params = text.includes("$1") ? [1] : [];
          for (const options of [
            undefined,
            { rowMode: "array" as const },
            { rowMode: "array" as const, parsers: drizzleParsers },
          ]) {
            const ours = await client.query(text, params, options);
            const theirs = await direct.query(text, params, options);
            expect(readable(ours)).toEqual(readable(theirs));
          }
        }
      }),
      { numRuns: 25 },
    );
  });

  it("fails as PGlite does, and keeps answering after", async () => {
    await client.exec("truncate probe");
    await client.query(INSERT, valuesOf(1, { ...fc.sample(probeRow, 1)[0]!, name: "một" }));
    const failure = await client.query(INSERT, valuesOf(1, fc.sample(probeRow, 1)[0]!)).then(
      () => null,
      (error: unknown) => error,
    );
    expect(failure).toMatchObject({ code: "23505", constraint: "probe_pkey" });
    await expect(client.query("select * from nowhere")).rejects.toMatchObject({ code: "42P01" });
    await expect(client.query("selec 1")).rejects.toMatchObject({ code: "42601" });
    const rows = await client.query<{ name: string }>("select name from probe");
    expect(rows.rows).toEqual([{ name: "một" }]);
  });

  it("keeps a statement by name: planned generically from its first run, made anew when its table changed", async () => {
    const text = "select id, name from probe where id = $1";
    keepStatement(text, "probe_kept");
    await client.exec("truncate probe");
    await client.query(INSERT, valuesOf(1, { ...fc.sample(probeRow, 1)[0]!, name: "Thuỷ" }));
    for (let i = 0; i < 8; i++)
      expect((await client.query(text, [1])).rows).toEqual([{ id: 1, name: "Thuỷ" }]);
    const kept = await client.query<{ name: string; generic_plans: number; custom_plans: number }>(
      "select name, generic_plans::int, custom_plans::int from pg_prepared_statements",
    );
    expect(kept.rows).toEqual([
      { name: expect.stringMatching(/^probe_kept_/), generic_plans: 8, custom_plans: 0 },
    ]);
    // Any other statement is planned as PostgreSQL chooses, outside a transaction and inside.
    const mode = "select current_setting('plan_cache_mode') as mode";
    expect((await client.query(mode)).rows).toEqual([{ mode: "auto" }]);
    await client.query(text, [1]);
    const inside = await client.transaction((tx) => tx.query(mode));
    expect(inside.rows).toEqual([{ mode: "auto" }]);
    // Its result's type changed: the kept plan fails once, and the statement is made again.
    await client.exec("alter table probe alter column name type varchar(40)");
    expect((await client.query(text, [1])).rows).toEqual([{ id: 1, name: "Thuỷ" }]);
    expect((await client.query(text, [2])).rows).toEqual([]);
    const names = await client.query<{ name: string }>("select name from pg_prepared_statements");
    expect(names.rows).toHaveLength(1);
    expect(names.rows[0]!.name).not.toBe(kept.rows[0]!.name);
  });

  it("answers inside a transaction as before, and the database's handle too", async () => {
    const answered = await client.transaction(async (tx) => {
      await tx.query("delete from probe");
      await tx.query(INSERT, valuesOf(7, { ...fc.sample(probeRow, 1)[0]!, name: "bảy" }));
      return tx.query<{ id: number; name: string }>("select id, name from probe");
    });
    expect(answered.rows).toEqual([{ id: 7, name: "bảy" }]);
    const laned = (worker.db as unknown as { $client: PgliteWorkerClient }).$client;
    const { rows } = await laned.query<{ n: number }>("select 1 + 1 as n");
    expect(rows).toEqual([{ n: 2 }]);
  });
});
