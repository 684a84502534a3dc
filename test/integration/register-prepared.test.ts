import { sql, type SQL } from "drizzle-orm";
import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { DOSSIER_STATES } from "../../src/core/dossier/dossier-state.ts";
import { queryRows } from "../../src/server/db/database.ts";
import {
  forgetKeptStatementNames,
  listDossiers,
  MAX_KEPT_STATEMENTS,
  registerQueries,
  SEARCH_PROBE_WINDOW,
  type DossierFilter,
} from "../../src/server/db/repositories/dossier.repository.ts";
import {
  PGLITE_SEARCH_WALK_FIRST,
  PGLITE_SEARCH_WALK_WINDOW,
} from "../../src/server/db/statement-budget.ts";
import * as cases from "../../src/server/db/repositories/case-register.repository.ts";
import {
  suffixWeekOf,
  weeklyWindow,
} from "../../src/server/db/repositories/case-register-weekly.ts";
import { searchKey } from "../../src/core/text/vietnamese-text.ts";
import { makeProcedure } from "../support/factories.ts";
import * as keyset from "../support/register-keyset.ts";
import { testDatabaseKind } from "../support/test-database.ts";

/*
 * The dossier register's statements built once per filter shape and reused with other values
 * (dossier.repository.ts `registerQueries`): for any sequence of filters on one database handle,
 * each page's and count's SQL and parameters are those Drizzle builds anew for that filter, and
 * so are their rows. PGlite and PostgreSQL.
 */

const register = keyset.openDatabase();
const wards: string[] = [];
const codes: string[] = [];

beforeAll(async () => {
  for (let w = 0; w < 3; w++) {
    const ward = await register.ward();
    const procedure = await makeProcedure(register.db, ward);
    wards.push(ward.id);
    for (let i = 0; i < 12; i++) {
      const code = `P${w}-${String(i).padStart(4, "0")}`;
      codes.push(code);
      await register.db.execute(sql`insert into dossiers (code, unit_id, procedure_id,
            applicant_name, applicant_phone, channel, received_at, counted_from, due_date,
            original_due_date, state, rule_set, voided_at, void_reason)
          values (${code}, ${ward.id}, ${procedure.id},
            ${["Nguyễn Thị Thủy", "Trần Văn An", "Lê Thị Thuỷ"][i % 3]}, '0912345678', 'in_person',
            ${`2026-03-0${2 + (i % 5)} 0${i % 9}:00:00+07`}, '2026-03-02',
            ${`2026-03-${10 + i}`}, '2026-03-09', ${DOSSIER_STATES[i % 4]}, '2025',
            ${i % 7 === 6 ? sql`now(), 'Nhập trùng'` : sql`null, null`})`);
    }
  }
});

/**
 * A dossier received in `wardId` at `at` (a timestamp with its offset), counted from `countedFrom`
 * and due `dueDate`; voided when `voidedAs` is given, as its id.
 */
const receive = (
  wardId: string,
  procedureId: string,
  d: { code: string; name: string; at: string; countedFrom: string; dueDate: string },
  voidedAs?: string,
) =>
  register.db.execute(sql`insert into dossiers (id, code, unit_id, procedure_id,
        applicant_name, applicant_phone, channel, received_at, counted_from, due_date,
        original_due_date, state, rule_set, voided_at, void_reason)
      values (${voidedAs ?? sql`gen_random_uuid()`}, ${d.code}, ${wardId}, ${procedureId},
        ${d.name}, '0912345678', 'in_person', ${d.at}, ${d.countedFrom}, ${d.dueDate},
        ${d.dueDate}, 'received', '2025', ${voidedAs ? sql`now(), 'Nhập trùng'` : sql`null, null`})`);

const someWards = () => fc.subarray(wards, { minLength: 1 });
/** Filters over the wards made (so only once they are); `required`: the keys always set. */
const filters = (
  required: (keyof DossierFilter)[] = ["unitIds", "limit"],
): fc.Arbitrary<DossierFilter> =>
  fc
    .record(
      {
        unitIds: fc.option(someWards(), { nil: null }),
        unitId: fc.constantFrom(...[0, 1, 2].map((i) => () => wards[i]!)).map((f) => f()),
        state: fc.constantFrom(...DOSSIER_STATES),
        q: fc.constantFrom(
          "thi thuy",
          "Thủy",
          "an",
          "P1-00",
          "p2-0003",
          "0005",
          "zz-none",
          "Trần Văn",
          "P",
        ),
        nameSearchUnitIds: fc.constantFrom([], [0], [0, 2]).map((l) => l.map((i) => wards[i]!)),
        receivedFrom: fc.constantFrom(new Date("2026-03-03T00:00:00+07:00")),
        receivedBefore: fc.constantFrom(new Date("2026-03-05T00:00:00+07:00")),
        overdueOn: fc.constantFrom("2026-03-12", "2026-03-20"),
        dueOn: fc.constantFrom("2026-03-11", "2026-03-14"),
        withoutApology: fc.boolean(),
        voided: fc.boolean(),
        limit: fc.constantFrom(2, 5, 50),
        after: fc.constantFrom(
          { at: "2026-03-04 00:00:00.000000", id: "ffffffff-ffff-ffff-ffff-ffffffffffff" },
          { at: "2026-03-03 01:00:00.000000", id: "00000000-0000-0000-0000-000000000000" },
        ),
      },
      { requiredKeys: required as ("unitIds" | "limit")[] },
    )
    .map((f) => {
      // The reach first (unitIds) may be the province's (null) or the wards'; unitId within it.
      if (f.unitIds && f.unitId && !f.unitIds.includes(f.unitId)) delete f.unitId;
      return f as DossierFilter;
    });

/** `walk` with the windows it reads counted (`windows()`: how many so far). */
function countingWindows(walk: cases.CaseWalk<unknown>) {
  let windows = 0;
  const counted: cases.CaseWalk<unknown> = {
    ...walk,
    window: (...args) => {
      windows += 1;
      return walk.window(...args);
    },
  };
  return { walk: counted, windows: () => windows };
}

/** A search with few other filters: the reach, the name's scope and a cursor. */
const fewFilters = ({ unitIds, q, limit, after, nameSearchUnitIds }: DossierFilter) => ({
  unitIds,
  q,
  limit,
  after,
  nameSearchUnitIds,
});

describe("dossier register statements kept per filter shape", () => {
  it("send the SQL and parameters Drizzle builds for each filter, and read the same rows", async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(filters(), { minLength: 1, maxLength: 8 }), async (filters) => {
        for (const f of filters) {
          const kept = await registerQueries(register.db, f);
          const built = await registerQueries(register.db, f, { prepared: false });
          expect(kept.page.toSQL()).toEqual(built.page.toSQL());
          expect(kept.count.toSQL()).toEqual(built.count.toSQL());
          expect(await kept.page).toEqual(await built.page);
          expect(await kept.count).toEqual(await built.count);
          expect(kept.probe?.toSQL()).toEqual(built.probe?.toSQL());
          if (kept.probe) expect(await kept.probe).toEqual(await built.probe);
          expect(kept.direct?.toSQL()).toEqual(built.direct?.toSQL());
          if (kept.direct) expect(await kept.direct).toEqual(await built.direct);
          // A read of the weeks the dossiers were received in (PostgreSQL's name searches).
          const march = suffixWeekOf(Date.parse("2026-03-04T00:00:00Z"));
          const weeks = weeklyWindow(searchKey(f.q ?? ""), march, 2);
          expect(kept.weeklyRead?.(weeks).toSQL()).toEqual(built.weeklyRead?.(weeks).toSQL());
          if (kept.weeklyRead)
            expect(await kept.weeklyRead(weeks)).toEqual(await built.weeklyRead!(weeks));
        }
      }),
      { numRuns: 60 },
    );
  }, 300_000);

  it("answers a search's page from its probe of the newest dossiers as from its trigram indexes", async () => {
    await fc.assert(
      fc.asyncProperty(
        // A search in every reach and page size, with few other filters: many matches.
        filters(["unitIds", "q", "limit"]).map(
          ({ unitIds, q, limit, after, nameSearchUnitIds }) => ({
            unitIds,
            q,
            limit,
            after,
            nameSearchUnitIds,
          }),
        ),
        fc.constantFrom(1, 2, 3, 5, 8, 13, 40),
        async (f, probeWindow) => {
          const probed = await listDossiers(register.db, f, { probeWindow });
          const plain = await listDossiers(register.db, f, { probeWindow: 0 });
          expect(probed).toEqual(plain);
        },
      ),
      { numRuns: 150 },
    );
    // A window that holds more than a page of matches answers from the probe alone.
    const { probe } = await registerQueries(
      register.db,
      { unitIds: null, q: "thi thuy", limit: 2 },
      { probeWindow: 10 },
    );
    expect((await probe!).length).toBe(3);
  }, 300_000);

  it("reads a search's page from its matches, when they are at most the cap, as in the register's order", async () => {
    const tried = new Set<string>();
    await fc.assert(
      fc.asyncProperty(
        // Mostly a search with few other filters (many matches, often beyond the small caps).
        fc.oneof(
          { weight: 3, arbitrary: filters(["unitIds", "q", "limit"]).map(fewFilters) },
          { weight: 1, arbitrary: filters(["unitIds", "q", "limit"]) },
        ),
        // Caps below and above the matches: beyond the cap the direct read answers no rows.
        fc.constantFrom(1, 2, 3, 5, 8, 1_000),
        // A total carried by the cursor, true or not (kept totals may be older than the rows).
        fc.option(fc.record({ total: fc.constantFrom(0, 1, 4, 40), totalCapped: fc.boolean() }), {
          nil: undefined,
        }),
        async (f, cap, knownTotal) => {
          const filter = f.after && knownTotal ? { ...f, knownTotal } : f;
          const direct = await listDossiers(register.db, filter, { cap });
          const inOrder = await listDossiers(register.db, filter, { cap, direct: false });
          expect(direct).toEqual(inOrder);
          // The direct read alone: the page's rows when the matches are at most the cap, none
          // beyond.
          const queries = await registerQueries(register.db, f, { cap });
          const [{ n }] = (await queries.count) as [{ n: number }];
          const rows = await queries.direct!;
          expect(rows).toEqual(n <= cap ? await queries.page : []);
          tried.add(n > cap ? "beyond" : rows.length > 0 ? "within" : "none");
        },
      ),
      { numRuns: 200 },
    );
    // Matches both within and beyond the cap were read.
    expect(tried).toEqual(new Set(["beyond", "within", "none"]));
    // Some page is read from its matches: a name matching a third of every ward's dossiers.
    const queries = await registerQueries(register.db, { unitIds: null, q: "trần văn", limit: 5 });
    expect((await queries.direct!).length).toBe(6);
  }, 300_000);

  it("walks a search's page in windows of any size as in one statement, the cursor's included", async () => {
    const windows: number[] = [];
    const censuses = new Set<string>();
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          { weight: 3, arbitrary: filters(["unitIds", "q", "limit"]).map(fewFilters) },
          { weight: 1, arbitrary: filters(["unitIds", "q", "limit"]) },
        ),
        // Caps below the matches: the page is then read in the register's order.
        fc.constantFrom(1, 2, 5, 1_000),
        fc.integer({ min: 1, max: 40 }),
        // The first window of a page, each next one twice as large up to the walk's.
        fc.integer({ min: 1, max: 40 }),
        async (f, cap, walk, firstWalk) => {
          const paths = { cap, walk, firstWalk, probeWindow: 0 };
          const windowed = await listDossiers(register.db, f, paths);
          const inOne = await listDossiers(register.db, f, { cap, walk: false, probeWindow: 0 });
          expect(windowed).toEqual(inOne);
          // The walk alone: the page's rows and the next one, however many windows it took.
          const queries = await registerQueries(register.db, f, paths);
          const sizes: (number | undefined)[] = [];
          const counted = {
            ...queries.walk!,
            window: (...args: Parameters<cases.CaseWalk<unknown>["window"]>) => {
              sizes.push(args[2]);
              return queries.walk!.window(...args);
            },
          };
          expect(await cases.walkPage(counted, f.limit)).toEqual(await queries.page);
          windows.push(sizes.length);
          // Its windows: the first as asked, each next twice the one before, up to the walk's.
          expect(sizes).toEqual(
            sizes.map((_, i) => Math.min(walk, Math.min(walk, firstWalk) * 2 ** i)),
          );
          // Whether the first window alone told the total beyond the cap (no trigram count).
          const census = await queries.walk!.window(undefined, cap + 1);
          censuses.add(census.hits.length > cap ? "beyond the cap" : "counted");
          // The page walked on from that window, when it starts where the window does.
          if (!f.after && f.limit <= cap)
            expect(await cases.walkPage(queries.walk!, f.limit, census)).toEqual(
              await queries.page,
            );
        },
      ),
      { numRuns: 150 },
    );
    // Pages were found in one window and across many.
    expect(Math.min(...windows)).toBe(1);
    expect(Math.max(...windows)).toBeGreaterThan(3);
    expect(censuses).toEqual(new Set(["beyond the cap", "counted"]));
  }, 300_000);

  it("reads a window only as far as the matches it wants, in the register's order", async () => {
    const statements: SQL[] = [];
    const recording = new Proxy(register.db, {
      get: (target, key) =>
        key === "execute"
          ? (query: SQL) => (statements.push(query), target.execute(query))
          : Reflect.get(target, key, target),
    });
    const filter = { unitIds: [wards[0]!], q: "thi thuy", limit: 2 };
    const queries = await registerQueries(recording, filter, { walk: 40, probeWindow: 0 });
    const inWard = await listDossiers(register.db, { unitIds: [wards[0]!], limit: 50 });
    const window = await queries.walk!.window(undefined, 2, inWard.rows.length);
    expect(window.hits).toHaveLength(2);
    expect(window.end).toBeNull();
    // The statement's own plan, the index read in the register's order (a sort would read all).
    const plan = await register.db.transaction(async (tx) => {
      await tx.execute(sql`set local enable_sort = off`);
      await tx.execute(sql`set local enable_seqscan = off`);
      const [row] = await queryRows<{ "QUERY PLAN": unknown }>(
        tx,
        sql`explain (analyze, format json) ${statements.at(-1)!}`,
      );
      const json = row!["QUERY PLAN"];
      return (typeof json === "string" ? JSON.parse(json) : json) as [{ Plan: PlanNode }];
    });
    const read = scansOf(plan[0].Plan, "dossiers").reduce(
      (sum, node) => sum + node["Actual Rows"] * node["Actual Loops"],
      0,
    );
    // Two of every three of the ward's dossiers match: the first two within its first four.
    expect(read).toBeGreaterThanOrEqual(2);
    expect(read).toBeLessThanOrEqual(4);
    expect(inWard.rows.length).toBeGreaterThan(4);
  });

  it("walks a capped search's first page on from the window its count read, not reading it again", async () => {
    const filter = { unitIds: null, q: "thi thuy", limit: 2 };
    const queries = await registerQueries(register.db, filter, {
      cap: 3,
      walk: 40,
      probeWindow: 0,
    });
    const { walk, windows } = countingWindows(queries.walk!);
    const page = await cases.readCasePage({ ...queries, walk }, filter.limit, (rows) => rows);
    expect(page.totalCapped).toBe(true);
    expect(page.rows).toEqual((await queries.page).slice(0, filter.limit));
    expect(page.hasMore).toBe(true);
    expect(windows()).toBe(1);
  });

  it("answers a search's page from its probe alone when the newest dossiers hold a page of matches, on PGlite joined", async () => {
    const ward = await register.ward();
    const procedure = await makeProcedure(register.db, ward);
    for (let i = 0; i < 30; i++)
      await receive(ward.id, procedure.id, {
        code: `MO-${String(i).padStart(3, "0")}`,
        name: i % 3 === 2 ? "Đỗ Văn Hùng" : "Hoàng Thị Mơ",
        at: `2026-05-${String(1 + (i % 28)).padStart(2, "0")} 08:${String(i).padStart(2, "0")}:00+07`,
        countedFrom: "2026-05-01",
        dueDate: "2026-06-30",
      });
    // 20 matches among the ward's 30 newest (common: not read by weeks), a total beyond the cap.
    const read = async (limit: number) => {
      const filter = { unitIds: [ward.id], q: "thi mo", limit };
      const queries = await registerQueries(register.db, filter);
      const { walk, windows } = countingWindows(queries.walk!);
      const page = await cases.readCasePage({ ...queries, walk }, limit, (rows) => rows, {
        total: queries.cap + 1,
        totalCapped: true,
      });
      return {
        queries,
        windows: windows(),
        page,
        probed: await queries.probe!,
        all: await queries.page,
      };
    };
    const dense = await read(5);
    expect(dense.probed).toHaveLength(6);
    expect(dense.windows).toBe(0);
    expect(dense.page.rows).toEqual(dense.all.slice(0, 5));
    expect(dense.page.hasMore).toBe(true);
    // Fewer matches than a page and its next: on PGlite the probe is not read, the walk is.
    const sparse = await read(25);
    expect(sparse.page.rows).toEqual(sparse.all);
    expect(sparse.page.rows).toHaveLength(20);
    expect(sparse.page.hasMore).toBe(false);
    if (testDatabaseKind === "pglite") {
      expect(sparse.probed).toEqual([]);
      expect(sparse.windows).toBeGreaterThan(0);
      // The probe's rows read from its window with their joins, not looked up again by id.
      const probeSql = dense.queries.probe!.toSQL().sql;
      expect(probeSql).toContain('"procedures"."name"');
      expect(probeSql).not.toContain('"dossiers"."id" in (');
    } else expect(sparse.probed).toHaveLength(20);
  });

  it("reads a page's dossiers without the columns no view shows, by every path", async () => {
    const unlisted = ["applicantNameFolded", "importId", "receivedById", "createdAt", "updatedAt"];
    const filters: DossierFilter[] = [
      { unitIds: null, limit: 3 },
      { unitIds: null, q: codes[0]!, limit: 3 },
      { unitIds: null, q: "thi thuy", limit: 3 },
    ];
    for (const filter of filters) {
      const page = await listDossiers(register.db, filter);
      expect(page.rows.length, JSON.stringify(filter)).toBeGreaterThan(0);
      for (const row of page.rows) {
        expect(Object.keys(row)).toEqual(expect.arrayContaining(["applicantName", "receivedAt"]));
        for (const name of unlisted) expect(Object.keys(row)).not.toContain(name);
      }
    }
  });

  it("says a dossier was received at a desk when it has a receive event, with a register line or without", async () => {
    const ward = await register.ward();
    const procedure = await makeProcedure(register.db, ward);
    const kinds = [
      { code: "DESK-LINE", line: true, event: true },
      { code: "DESK-OLD", line: false, event: true },
      { code: "IMPORTED", line: false, event: false },
    ];
    for (const [i, kind] of kinds.entries()) {
      const [row] = await queryRows<{ id: string }>(
        register.db,
        sql`insert into dossiers (code, unit_id, procedure_id, applicant_name, applicant_phone,
            channel, received_at, counted_from, due_date, original_due_date, state, rule_set,
            register_year, register_book, register_entry)
          values (${kind.code}, ${ward.id}, ${procedure.id}, 'Phạm Văn Bình', '0912345678',
            'in_person', ${`2026-04-0${i + 1} 08:00:00+07`}, '2026-04-01', '2026-04-20',
            '2026-04-20', 'received', '2025',
            ${kind.line ? sql`2026, 1, ${i + 1}` : sql`null, null, null`})
          returning id::text as id`,
      );
      if (kind.event)
        await register.db.execute(sql`insert into case_events
            (register, case_id, action, to_state, at, by_name)
          values ('dossier', ${row!.id}, 'receive', 'received', '2026-04-01 08:00+07', 'Cán bộ một cửa')`);
    }
    const page = await listDossiers(register.db, { unitIds: [ward.id], limit: 10 });
    const desk = Object.fromEntries(page.rows.map((row) => [row.code, row.receivedAtDesk]));
    expect(desk).toEqual({ "DESK-LINE": true, "DESK-OLD": true, IMPORTED: false });
  });

  it("answers a search that matches nothing without walking the register, its total kept or carried", async () => {
    for (const knownTotal of [
      { total: 0, totalCapped: false },
      { total: 3, totalCapped: false },
    ]) {
      const filter = { unitIds: null, q: "KHÔNG-CÓ-9999", limit: 5 };
      const queries = await registerQueries(register.db, filter, { walk: 40, probeWindow: 40 });
      let reads = 0;
      // A read counted when awaited (Drizzle's queries run only then).
      const counted = <T>(read: PromiseLike<T> | undefined) =>
        read &&
        ({
          then: (onfulfilled, onrejected) => {
            reads += 1;
            return read.then(onfulfilled, onrejected);
          },
        } as PromiseLike<T>);
      const walk: cases.CaseWalk<unknown> = {
        ...queries.walk!,
        window: (...args) => {
          reads += 1;
          return queries.walk!.window(...args);
        },
      };
      const page = await cases.readCasePage(
        { ...queries, page: counted(queries.page)!, probe: counted(queries.probe), walk },
        filter.limit,
        (rows) => rows,
        knownTotal,
      );
      expect(page).toEqual({
        rows: [],
        total: knownTotal.total,
        totalCapped: false,
        hasMore: false,
      });
      // The direct read and the count only: no window, probe or page in the register's order.
      expect(reads).toBe(0);
    }
  });

  it("walks a search's page in the register's order by default (PGlite's windows are smaller)", async () => {
    const queries = await registerQueries(register.db, { unitIds: null, q: "P1-00", limit: 5 });
    expect(queries.walk?.windowSize).toBe(
      testDatabaseKind === "pglite" ? PGLITE_SEARCH_WALK_WINDOW : SEARCH_PROBE_WINDOW,
    );
    // On PGlite a page's first window is smaller, and each next one twice the one before.
    expect(queries.walk?.firstWindowSize).toBe(
      testDatabaseKind === "pglite" ? PGLITE_SEARCH_WALK_FIRST : SEARCH_PROBE_WINDOW,
    );
    const unsearched = await registerQueries(register.db, { unitIds: null, limit: 5 });
    expect(unsearched.walk).toBeUndefined();
  });

  it.skipIf(testDatabaseKind === "pglite")(
    "plans a page without a search once for any values on PostgreSQL, a ward's search for its own",
    async () => {
      // The property test above named more shapes than the process keeps.
      forgetKeptStatementNames();
      // One connection (a transaction's), whose named statements pg_prepared_statements shows.
      await register.db.transaction(async (tx) => {
        const kept = () =>
          queryRows<{ statement: string; generic: number; custom: number }>(
            tx,
            sql`select statement, generic_plans::int as generic, custom_plans::int as custom
              from pg_prepared_statements where name like 'register\_%'`,
          );
        // PostgreSQL tries a generic plan after five custom ones.
        for (let i = 0; i < 8; i++) {
          // A page size no other test reads, so the statement found below is this shape's.
          const page = await listDossiers(tx, { unitIds: [wards[i % 3]!], limit: 17 });
          expect(page.rows.every((row) => row.unitId === wards[i % 3])).toBe(true);
        }
        const plain = await kept();
        const page = plain.find((row) => /^with .* limit 18\)/s.test(row.statement));
        expect(page?.generic).toBeGreaterThan(0);
        // A ward's search: planned for its values, how many records they match deciding its plan.
        for (let i = 0; i < 3; i++)
          await listDossiers(tx, { unitIds: [wards[0]!], q: codes[i]!, limit: 5 });
        await listDossiers(tx, { unitIds: [wards[0]!], q: "thi thuy", limit: 5 });
        // Only the statement of any search's rows by their ids (planned once for any ids).
        const byIds = (row: { statement: string }) => row.statement.includes("= any($1::uuid[])");
        const keptBesides = async () => (await kept()).filter((row) => !byIds(row));
        expect(await keptBesides()).toHaveLength(plain.filter((row) => !byIds(row)).length);
        // The whole register's: its values each a subquery of their own (`plannedOnce`), so it
        // too is kept, its rows read with their ids, and planned once for any code.
        for (let i = 0; i < 8; i++)
          await listDossiers(tx, { unitIds: null, q: codes[i]!, limit: 5 });
        const searches = (await keptBesides()).filter(
          (row) => !plain.some((other) => other.statement === row.statement),
        );
        expect(searches).toHaveLength(1);
        expect(searches[0]!.statement).toContain("current_schema()");
        expect(searches[0]!.generic).toBeGreaterThan(0);
      });
    },
  );

  it.skipIf(testDatabaseKind !== "pglite")(
    "plans a ward's page and a ward's search once on PGlite's connection, for any values",
    async () => {
      forgetKeptStatementNames();
      for (let i = 0; i < 8; i++) {
        // Page sizes no other test reads, so the statements found below are these shapes'.
        const page = await listDossiers(register.db, { unitIds: [wards[i % 3]!], limit: 19 });
        expect(page.rows.every((row) => row.unitId === wards[i % 3])).toBe(true);
        const found = await listDossiers(register.db, {
          unitIds: [wards[0]!],
          q: codes[i]!,
          limit: 7,
        });
        expect(found.rows.map((row) => row.code)).toEqual(
          codes.slice(i, i + 1).filter((code) => found.rows.some((row) => row.code === code)),
        );
      }
      // A search walked in windows (beyond a cap of one), for three values.
      const walked = { cap: 1, walk: 5, firstWalk: 5, probeWindow: 0 };
      for (const q of ["thuy", "Thủy", "an"]) {
        const f = { unitIds: [wards[1]!], q, limit: 2 };
        expect(await listDossiers(register.db, f, walked)).toEqual(
          await listDossiers(register.db, f, { cap: 1, walk: false, probeWindow: 0 }),
        );
      }
      const kept = await queryRows<{ statement: string; generic: number; custom: number }>(
        register.db,
        sql`select statement, generic_plans::int as generic, custom_plans::int as custom
          from pg_prepared_statements where name like 'register\_%'`,
      );
      const windows = kept.filter((row) => row.statement.includes("walk_hit"));
      // Each planned generically from its first run; the page's window (5 records) for two of the
      // values by one statement (the third, "an", is searched as a code only: another text).
      expect(windows.length).toBeGreaterThan(0);
      expect(windows.every((window) => window.custom === 0 && window.generic > 0)).toBe(true);
      const fives = windows.filter((window) => /limit 5\) s\) w/.test(window.statement));
      expect(Math.max(...fives.map((window) => window.generic))).toBeGreaterThanOrEqual(2);
      const page = kept.find((row) => /^with .* limit 20\)/s.test(row.statement));
      expect(page?.generic).toBeGreaterThan(0);
      // The search's values each a subquery of their own (`plannedOnce`): one plan for any code.
      const search = kept.filter(
        (row) => row.statement.includes("current_schema()") && row.statement.includes("limit 8"),
      );
      expect(search).toHaveLength(1);
      expect(search[0]!.generic).toBeGreaterThan(0);
    },
  );

  it("finds a searched code or name through a statement kept for another value", async () => {
    const codesOf = async (q: string) =>
      (await registerQueries(register.db, { unitIds: null, q, limit: 50 })).page.then((rows) =>
        rows.map((row) => row.dossier.code),
      );
    const expected = async (q: string) =>
      (
        await queryRows<{ code: string }>(
          register.db,
          sql`select code from dossiers where voided_at is null
            and (lower(code) like ${`%${q.toLowerCase()}%`} or applicant_name_folded like ${`%${q}%`})
            order by received_at desc, id desc limit 51`,
        )
      ).map((row) => row.code);
    // The same shape (a code's beginning: "start"), then a part of a code, then a name.
    const first = codes[0]!;
    expect(await codesOf(first)).toEqual([first]);
    expect(await codesOf(codes[20]!)).toEqual([codes[20]]);
    expect(await codesOf("0005")).toEqual(await expected("0005"));
    expect((await codesOf("0005")).length).toBe(3);
    expect(await codesOf("thi thuy")).toEqual(await expected("thi thuy"));
    expect((await codesOf("thi thuy")).length).toBeGreaterThan(0);
  });
  // Last in this file: it uses up the names the process keeps.
  it.skipIf(testDatabaseKind === "pglite")(
    "keeps at most MAX_KEPT_STATEMENTS statements by name, and reads the pages after as before",
    async () => {
      forgetKeptStatementNames();
      await register.db.transaction(async (tx) => {
        const kept = async () =>
          (
            await queryRows<{ n: number }>(
              tx,
              sql`select count(*)::int as n from pg_prepared_statements where name like 'register\_%'`,
            )
          )[0]!.n;
        const before = await kept();
        const inOrder = (
          await queryRows<{ code: string }>(
            tx,
            sql`select code from dossiers where unit_id = ${wards[0]!} and voided_at is null
              order by received_at desc, id desc`,
          )
        ).map((row) => row.code);
        // Each page size is a shape of its own, its page's statement too (its count's is the same SQL).
        for (let limit = 1; limit <= MAX_KEPT_STATEMENTS + 20; limit++) {
          const page = await listDossiers(tx, { unitIds: [wards[0]!], limit });
          expect(page.rows.map((row) => row.code)).toEqual(inOrder.slice(0, limit));
        }
        // Named by this loop (this connection may hold names from the tests above).
        const named = (await kept()) - before;
        expect(named).toBeLessThanOrEqual(MAX_KEPT_STATEMENTS);
        expect(named).toBeGreaterThan(MAX_KEPT_STATEMENTS / 2);
      });
    },
  );

  it("counts a search's matches once each, by code, by name or both, exactly up to the cap", async () => {
    // A ward of its own (after the tests above, which read the province): names holding codes,
    // so that a code's beginning or part matches some dossiers twice, by code and by name.
    const ward = await register.ward();
    const procedure = await makeProcedure(register.db, ward);
    for (let i = 0; i < 9; i++) {
      const name = [`Hộ kinh doanh K9-000${(i + 1) % 9}`, `Cửa hàng K9-000${i}`, "Đỗ Thị Lan"][
        i % 3
      ]!;
      await receive(ward.id, procedure.id, {
        code: `K9-000${i}`,
        name,
        at: `2026-04-0${1 + i} 08:00:00+07`,
        countedFrom: "2026-04-01",
        dueDate: "2026-04-20",
      });
    }
    const counted = new Set<number>();
    for (const q of ["K9-000", "k9-0004", "9-000", "cửa hàng", "Đỗ Thị"]) {
      for (const nameSearchUnitIds of [undefined, [], [ward.id]]) {
        const filter = { unitIds: [ward.id], q, limit: 50, nameSearchUnitIds };
        // Every match, read in the register's order (the search's condition checked on each).
        const all = await listDossiers(register.db, filter, { cap: 1_000, direct: false });
        const matches = all.rows.length;
        counted.add(matches);
        for (const cap of [1, 2, 3, 4, 5, 6, 8, 9, 10, 1_000]) {
          const page = await listDossiers(register.db, filter, { cap });
          expect([q, cap, page.total, page.totalCapped]).toEqual([
            q,
            cap,
            Math.min(matches, cap),
            matches > cap,
          ]);
          const [{ n }] = (await (
            await registerQueries(register.db, filter, { cap })
          ).count) as [{ n: number }];
          if (n <= cap) expect([q, cap, n]).toEqual([q, cap, matches]);
          else expect([q, cap, matches > cap]).toEqual([q, cap, true]);
        }
      }
    }
    // Counted: none (a name, every applicant masked), one code, a code and a name holding it
    // ("k9-0004"), three names, nine codes (with the six names holding one of them).
    expect([...counted].sort((a, b) => a - b)).toEqual([0, 1, 2, 3, 9]);
  }, 300_000);
});

describe("a code's beginning far from the newest dossiers", () => {
  it("is read from the code's range by turns with the walk, page after page, as in one statement", async () => {
    // A ward of its own: a year-old batch of codes behind newer ones, some newer names holding
    // the old codes' beginning, a voided code and codes differing in letter case only (equal
    // keys in the code's B-tree).
    const ward = await register.ward();
    const procedure = await makeProcedure(register.db, ward);
    const insert = (code: string, name: string, at: string, voidedAs?: string) =>
      receive(
        ward.id,
        procedure.id,
        { code, name, at, countedFrom: "2025-04-01", dueDate: "2025-04-20" },
        voidedAs,
      );
    for (let i = 0; i < 12; i++)
      await insert(
        `R8-OLD-${String(i).padStart(4, "0")}`,
        "Trần Văn An",
        `2025-04-0${1 + (i % 9)} 08:00:00+07`,
      );
    // Four entries of one key, in the order of their ids the voided two first: the first closes
    // the range's first window of three (the walk's size), the next window starts among them,
    // and the newest old code is one of the others.
    await insert(
      "R8-OLD-0002",
      "Trần Văn An",
      "2025-04-02 09:00:00+07",
      "00000000-0000-4000-8000-000000000001",
    );
    await insert(
      "R8-OLD-0002",
      "Trần Văn An",
      "2025-04-02 10:00:00+07",
      "00000000-0000-4000-8000-000000000002",
    );
    await insert("r8-old-0002", "Lê Thị Thuỷ", "2025-04-20 08:00:00+07");
    for (let i = 0; i < 45; i++) {
      const name = i % 36 === 4 ? `Cửa hàng R8-OLD số ${i}` : "Nguyễn Thị Thủy";
      await insert(
        `R8-NEW-${String(i).padStart(4, "0")}`,
        name,
        `2026-04-${10 + (i % 18)} 08:00:00+07`,
      );
    }
    const filter = (after?: cases.CasePosition) => ({
      unitIds: [ward.id],
      q: "R8-OLD",
      limit: 2,
      ...(after && { after }),
    });
    const paths = { cap: 2, walk: 3, probeWindow: 0 };
    let after: cases.CasePosition | undefined;
    const seen: string[] = [];
    for (let page = 0; page < 20; page++) {
      const byTurns = await listDossiers(register.db, filter(after), paths);
      const inOne = await listDossiers(register.db, filter(after), { ...paths, walk: false });
      expect(byTurns).toEqual(inOne);
      seen.push(...byTurns.rows.map((row) => row.code));
      if (!byTurns.hasMore) break;
      const last = byTurns.rows[byTurns.rows.length - 1]!;
      after = { at: last.cursorAt, id: last.id };
    }
    // Every match once: the twelve old codes, the lower-case one, two newer names.
    expect(seen.length).toBe(15);
    expect(new Set(seen).size).toBe(15);
    // The first page: the range's read ends before the walk reaches the old codes.
    const queries = await registerQueries(register.db, filter(), paths);
    const walk = queries.walk!;
    const windowsOf = async (withRange: boolean) => {
      const { walk: counted, windows } = countingWindows({
        ...walk,
        rangeStart: (want) => (withRange ? walk.rangeStart(want) : Promise.resolve(null)),
      });
      const rows = await cases.walkPage(counted, 2);
      return { rows, windows: windows() };
    };
    const alone = await windowsOf(false);
    const byTurns = await windowsOf(true);
    expect(byTurns.rows).toEqual(alone.rows);
    expect(byTurns.rows).toEqual(await queries.page);
    expect(alone.windows).toBeGreaterThan(14);
    expect(byTurns.windows).toBeLessThan(alone.windows);
  }, 120_000);
});

interface PlanNode {
  "Relation Name"?: string;
  "Actual Rows": number;
  "Actual Loops": number;
  Plans?: PlanNode[];
}

/** The nodes of an EXPLAIN (FORMAT JSON) plan that read `table`. */
function scansOf(node: PlanNode, table: string): PlanNode[] {
  return [
    ...(node["Relation Name"] === table ? [node] : []),
    ...(node.Plans ?? []).flatMap((child) => scansOf(child, table)),
  ];
}
