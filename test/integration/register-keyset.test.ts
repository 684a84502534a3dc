import { randomUUID } from "node:crypto";
import { sql } from "drizzle-orm";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { searchKey } from "../../src/core/text/vietnamese-text.ts";
import { queryRows } from "../../src/server/db/database.ts";
import {
  insertDossierIfCodeFree,
  listDossiers,
  updateDossier,
  type RegisterPosition,
} from "../../src/server/db/repositories/dossier.repository.ts";
import { enableRegisterTotalCache } from "../../src/server/db/register-total-cache.ts";
import {
  decodeRegisterCursor,
  encodeRegisterCursor,
} from "../../src/server/services/register-cursor.ts";
import { makeProcedure } from "../support/factories.ts";
import * as keyset from "../support/register-keyset.ts";

/*
 * The register's keyset pages (dossier.repository.ts `listDossiers`, the cursor of
 * register-cursor.ts) while dossiers keep arriving, and the folded name column the search reads
 * (migration 0019) against the application's own folding (`searchKey`). PGlite and PostgreSQL.
 */

const register = keyset.openDatabase();

async function newWard() {
  const ward = await register.ward();
  const procedure = await makeProcedure(register.db, ward);
  return { unitId: ward.id, procedureId: procedure.id };
}

/** Inserts dossiers received at these instants ("YYYY-MM-DD HH:MM:SS.ffffff", UTC); their ids. */
async function insertDossiers(
  ward: { unitId: string; procedureId: string },
  rows: { at: string; name?: string }[],
): Promise<string[]> {
  const ids: string[] = [];
  for (const row of rows) {
    const [inserted] = await queryRows<{ id: string }>(
      register.db,
      sql`insert into dossiers (code, unit_id, procedure_id, applicant_name, applicant_phone,
            channel, received_at, counted_from, due_date, original_due_date, state, rule_set)
          values (${`K-${randomUUID()}`}, ${ward.unitId}, ${ward.procedureId},
            ${row.name ?? "Nguyễn Văn An"}, '0912345678', 'in_person',
            ${row.at}::timestamp at time zone 'UTC', '2026-03-02', '2026-03-09', '2026-03-09',
            'received', '2025')
          returning id::text as id`,
    );
    ids.push(inserted!.id);
  }
  return ids;
}

/** Few distinct seconds and microseconds, so many dossiers tie or differ by one microsecond. */
const instant = keyset.tyingInstant(4, [0, 1, 2, 499_999, 999_999]);

const before = (a: RegisterPosition, b: RegisterPosition) =>
  a.at > b.at || (a.at === b.at && a.id > b.id);

describe("dossier register keyset pages", () => {
  it("returns every dossier exactly once across pages while dossiers are received between reads", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(instant, { maxLength: 25 }),
        fc.integer({ min: 1, max: 6 }),
        fc.array(fc.array(instant, { maxLength: 4 }), { maxLength: 10 }),
        async (initial, pageSize, arrivals) => {
          const ward = await newWard();
          const initialIds = await insertDossiers(
            ward,
            initial.map((at) => ({ at })),
          );
          const inserted = new Map<string, RegisterPosition>();
          /** Arrived while paging and older than the page read then: must be on a later page. */
          const mustAppear = new Set<string>();
          const rows = await keyset.walkPages({
            read: (after: RegisterPosition | undefined) =>
              listDossiers(register.db, { unitIds: [ward.unitId], limit: pageSize, after }),
            expectedTotal: initial.length,
            // The cursor makes the round trip through the API's text form.
            position: (last) => decodeRegisterCursor(encodeRegisterCursor(last)),
            between: async (read, after) => {
              const batch = arrivals[read] ?? [];
              const ids = await insertDossiers(
                ward,
                batch.map((at) => ({ at })),
              );
              ids.forEach((id, i) => {
                const position = { at: batch[i]!, id };
                inserted.set(id, position);
                if (before(after, position)) mustAppear.add(id);
              });
            },
          });
          const seen = rows.map((row) => ({ at: row.cursorAt, id: row.id }));
          const ids = seen.map((row) => row.id);
          expect(new Set(ids).size).toBe(ids.length);
          for (const id of initialIds) expect(ids).toContain(id);
          for (const id of mustAppear) expect(ids).toContain(id);
          for (const id of ids) expect(initialIds.includes(id) || inserted.has(id)).toBe(true);
          for (let i = 1; i < seen.length; i++) expect(before(seen[i - 1]!, seen[i]!)).toBe(true);
        },
      ),
      { numRuns: 25 },
    );
  }, 600_000);

  it("reads a search's pages from its matches as in the register's order while dossiers are received between reads", async () => {
    // A search whose matches are at most the cap is read from its matches (`casePageQueries`'
    // direct read), the total carried by the cursor; dossiers received meanwhile may take the
    // matches past it (a cap of 2 or 3), and every page must still be the one read in the
    // register's order at that moment.
    await fc.assert(
      fc.asyncProperty(
        fc.array(instant, { maxLength: 6 }),
        fc.integer({ min: 1, max: 3 }),
        fc.array(fc.array(instant, { maxLength: 3 }), { maxLength: 6 }),
        fc.constantFrom(2, 3, 1_000),
        async (initial, pageSize, arrivals, cap) => {
          const ward = await newWard();
          await insertDossiers(
            ward,
            initial.map((at, i) => ({ at, name: i % 3 === 2 ? "Lê Thị Hoa" : undefined })),
          );
          const filter = { unitIds: [ward.unitId], q: "văn an", limit: pageSize };
          let after: RegisterPosition | undefined;
          let knownTotal: { total: number; totalCapped: boolean } | undefined;
          const ids: string[] = [];
          for (let read = 0; read < 30; read++) {
            const f = { ...filter, ...(after && { after, knownTotal }) };
            const page = await listDossiers(register.db, f, { cap });
            const inOrder = await listDossiers(register.db, f, { cap, direct: false });
            expect(page).toEqual(inOrder);
            knownTotal ??= { total: page.total, totalCapped: page.totalCapped };
            ids.push(...page.rows.map((row) => row.id));
            if (!page.hasMore) break;
            const last = page.rows[page.rows.length - 1]!;
            after = { at: last.cursorAt, id: last.id };
            const batch = arrivals[read] ?? [];
            await insertDossiers(
              ward,
              batch.map((at) => ({ at })),
            );
          }
          expect(new Set(ids).size).toBe(ids.length);
        },
      ),
      { numRuns: 50 },
    );
  }, 600_000);

  it("refuses a cursor it did not write, with a stable code", () => {
    keyset.expectCursorsRefused(decodeRegisterCursor, [
      "not-base64-json",
      Buffer.from("[1,2]").toString("base64url"),
      Buffer.from(JSON.stringify(["2026-02-30 08:00:00.000000", randomUUID()])).toString(
        "base64url",
      ),
      Buffer.from(JSON.stringify(["2026-03-02 08:00:00.000000", "x"])).toString("base64url"),
    ]);
  });
});

/** Receives a dossier through the repository (as the desk does): the write is announced. */
async function receive(ward: { unitId: string; procedureId: string }, at: string) {
  const row = await insertDossierIfCodeFree(register.db, {
    code: `K-${randomUUID()}`,
    unitId: ward.unitId,
    procedureId: ward.procedureId,
    applicantName: "Nguyễn Văn An",
    applicantPhone: "0912345678",
    channel: "in_person",
    receivedAt: new Date(`${at.replace(" ", "T")}Z`),
    countedFrom: "2026-03-02",
    dueDate: "2026-03-09",
    originalDueDate: "2026-03-09",
    state: "received",
    ruleSet: "2025",
  });
  return row!;
}

async function countOfWard(unitId: string) {
  const [row] = await queryRows<{ n: number }>(
    register.db,
    sql`select count(*)::int as n from dossiers where unit_id = ${unitId} and voided_at is null`,
  );
  return row!.n;
}

describe("the dossier register's kept totals (register-total-cache.ts)", () => {
  it("counts again after a write announced in this process, and the pages after a cursor reuse the total", async () => {
    const ward = await newWard();
    let now = 0;
    const cache = enableRegisterTotalCache(register.db, 60, () => now)!;
    try {
      for (const second of [1, 2, 3]) await receive(ward, `2026-03-02 08:00:0${second}.000000`);
      const page = (after?: RegisterPosition, limit = 2) =>
        listDossiers(register.db, { unitIds: [ward.unitId], limit, after });
      expect((await page()).total).toBe(3);
      // A row written behind the repository's back (another process) is not heard until the TTL…
      await insertDossiers(ward, [{ at: "2026-03-02 08:00:04.000000" }]);
      expect((await page()).total).toBe(3);
      expect(cache.loads).toBe(1);
      // …but a receipt through the repository is: counted again at once (with the other row).
      const received = await receive(ward, "2026-03-02 08:00:05.000000");
      expect((await page()).total).toBe(5);
      await updateDossier(register.db, received.id, {
        voidedAt: new Date("2026-03-03T00:00:00Z"),
        voidReason: "Nhập nhầm",
      });
      expect((await page()).total).toBe(4);
      expect(cache.loads).toBe(3);
      // Walking the pages: each row once, in order, every page answering the first one's total
      // without counting again.
      const seen: string[] = [];
      let after: RegisterPosition | undefined;
      for (;;) {
        const next = await page(after);
        expect(next.total).toBe(4);
        seen.push(...next.rows.map((row) => row.id));
        if (!next.hasMore) break;
        const last = next.rows[next.rows.length - 1]!;
        after = decodeRegisterCursor(encodeRegisterCursor(last));
      }
      expect(new Set(seen).size).toBe(4);
      expect(seen).toHaveLength(4);
      expect(cache.loads).toBe(3);
      // Another filter of the same ward is its own total.
      expect(
        (await listDossiers(register.db, { unitIds: [ward.unitId], state: "received", limit: 2 }))
          .total,
      ).toBe(4);
      expect(cache.loads).toBe(4);
      now += 60_000;
      await insertDossiers(ward, [{ at: "2026-03-02 08:00:06.000000" }]);
      expect((await page()).total).toBe(5);
    } finally {
      cache.close();
    }
  });

  it("answers every page with the total of the rows there at its read while dossiers are received between pages", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(instant, { maxLength: 12 }),
        fc.integer({ min: 1, max: 4 }),
        fc.array(fc.array(instant, { maxLength: 3 }), { maxLength: 8 }),
        async (initial, pageSize, arrivals) => {
          const ward = await newWard();
          const cache = enableRegisterTotalCache(register.db, 3600, () => 0)!;
          try {
            const initialIds: string[] = [];
            for (const at of initial) initialIds.push((await receive(ward, at)).id);
            const seen: string[] = [];
            let after: RegisterPosition | undefined;
            for (let read = 0; ; read++) {
              const page = await listDossiers(register.db, {
                unitIds: [ward.unitId],
                limit: pageSize,
                after,
              });
              expect(page.total).toBe(await countOfWard(ward.unitId));
              seen.push(...page.rows.map((row) => row.id));
              if (!page.hasMore) break;
              after = decodeRegisterCursor(encodeRegisterCursor(page.rows[page.rows.length - 1]!));
              for (const at of arrivals[read] ?? []) await receive(ward, at);
            }
            expect(new Set(seen).size).toBe(seen.length);
            for (const id of initialIds) expect(seen).toContain(id);
          } finally {
            cache.close();
          }
        },
      ),
      { numRuns: 15 },
    );
  }, 600_000);
});

describe("the folded applicant name", () => {
  it("is folded by the database as searchKey folds it (NFC or NFD input)", async () => {
    const ward = await newWard();
    await fc.assert(
      fc.asyncProperty(
        fc.array(
          fc.record({
            name: keyset.vietnameseText,
            decomposed: fc.boolean(),
          }),
          { minLength: 1, maxLength: 8 },
        ),
        async (names) => {
          const written = names.map(({ name, decomposed }) =>
            decomposed ? name.normalize("NFD") : name,
          );
          const ids = await insertDossiers(
            ward,
            written.map((name) => ({ at: "2026-03-02 08:00:00.000000", name })),
          );
          const folded = await keyset.foldedById(
            register.db,
            "dossiers",
            "applicant_name_folded",
            ids,
          );
          ids.forEach((id, i) => expect(folded.get(id)).toBe(searchKey(written[i]!)));
        },
      ),
      { numRuns: 20 },
    );
  }, 300_000);

  it("lets the register find a name however its tones are placed or left out", async () => {
    const ward = await newWard();
    const [thuy, hoa] = await insertDossiers(ward, [
      { at: "2026-03-02 08:00:00.000000", name: "Nguyễn Thị Thủy" },
      { at: "2026-03-02 08:00:01.000000", name: "TRẦN ĐÌNH HOÀ" },
    ]);
    const found = async (q: string) =>
      (await listDossiers(register.db, { unitIds: [ward.unitId], q, limit: 10 })).rows.map(
        (r) => r.id,
      );
    expect(await found("thuỷ")).toEqual([thuy]);
    expect(await found("Thi Thuy")).toEqual([thuy]);
    expect(await found("đình hòa")).toEqual([hoa]);
    expect(await found("dinh hoa")).toEqual([hoa]);
    expect(await found("Lê Văn")).toEqual([]);
  });
});
