import { sql, type SQLWrapper } from "drizzle-orm";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { queryRows, type Executor } from "../../src/server/db/database.ts";
import {
  listDossiers,
  registerQueries,
  SEARCH_PROBE_WINDOW,
  type DossierFilter,
  type RegisterPosition,
} from "../../src/server/db/repositories/dossier.repository.ts";
import {
  feedbackRegisterQueries,
  type FeedbackFilter,
  type FeedbackPosition,
} from "../../src/server/db/repositories/feedback.repository.ts";
import { dueSoonSql } from "../../src/server/db/repositories/dashboard.repository.ts";
import { openDossierQueries } from "../../src/server/db/repositories/kpi-rollup.repository.ts";
import { dossierKpiCountsSql } from "../../src/server/db/repositories/kpi.repository.ts";
import { createWorkingCalendar } from "../../src/core/calendar/index.ts";
import { searchKey } from "../../src/core/text/vietnamese-text.ts";
import {
  suffixWeekOf,
  weeklyWindow,
} from "../../src/server/db/repositories/case-register-weekly.ts";
import { workingDayIndex } from "../../src/core/kpi/index.ts";
import { makeAgency, makeProcedure, makeUnit } from "../support/factories.ts";
import {
  createTestDatabase,
  testDatabaseKind,
  type TestDatabase,
} from "../support/test-database.ts";

/*
 * The dossier register's queries (dossier.repository.ts `registerQueries`) on a table of realistic
 * size: 200,000 dossiers over a province of 100 wards, received in order over six years, most of
 * them finished, a few stuck open, the last ones open. Every query a register page sends — a
 * ward's and the province's first page, by state, overdue, a period, an exact code, a code prefix,
 * a name, a deep page by cursor, the voided ones — and its capped count must read dossiers through
 * an index: a change that loses an index (or writes a condition an index cannot serve) makes
 * PostgreSQL scan the table, and this test fails. PostgreSQL only: PGlite's planner is the same
 * code, but generating the table there takes minutes.
 */

const ROWS = 200_000;
const WARDS = 100;

let t: TestDatabase;
let db: Executor;
let client: pg.Client;
const wardIds: string[] = [];

interface PlanNode {
  "Node Type": string;
  "Relation Name"?: string;
  "Index Name"?: string;
  "Sort Key"?: string[];
  "Plan Rows"?: number;
  "Index Cond"?: string;
  Filter?: string;
  Plans?: PlanNode[];
}

function nodesOf(node: PlanNode): PlanNode[] {
  return [node, ...(node.Plans ?? []).flatMap(nodesOf)];
}

async function planOf(query: { toSQL(): { sql: string; params: unknown[] } }) {
  const { sql: text, params } = query.toSQL();
  const result = await client.query(`explain (format json) ${text}`, params);
  const [explained] = result.rows[0]["QUERY PLAN"] as [{ Plan: PlanNode }];
  return nodesOf(explained.Plan);
}

/** The scans of `dossiers` in a plan (the joined units, procedures and events are not checked). */
function dossierScans(nodes: PlanNode[]) {
  return nodes.filter((node) => node["Relation Name"] === "dossiers");
}

async function expectIndexed(filter: DossierFilter) {
  const { page, count, direct } = await registerQueries(db, filter);
  // A search's direct read from its matches (`casePageQueries`) too: its matches as the count's.
  for (const query of [page, count, ...(direct ? [direct] : [])]) {
    const scans = dossierScans(await planOf(query));
    const described = JSON.stringify(scans.map((s) => [s["Node Type"], s["Index Name"]]));
    expect(scans.length, described).toBeGreaterThan(0);
    expect(
      scans.filter((scan) => scan["Node Type"] === "Seq Scan"),
      described,
    ).toEqual([]);
  }
  return page;
}

async function positionAt(offset: number, unitId?: string): Promise<RegisterPosition> {
  const where = unitId ? sql`and unit_id = ${unitId}` : sql``;
  const [row] = await queryRows<RegisterPosition>(
    db,
    sql`select to_char(received_at at time zone 'UTC', 'YYYY-MM-DD HH24:MI:SS.US') as at,
          id::text as id
        from dossiers where voided_at is null ${where}
        order by received_at desc, id desc offset ${offset} limit 1`,
  );
  return row!;
}

describe.skipIf(testDatabaseKind !== "postgresql")("dossier register query plans", () => {
  beforeAll(async () => {
    t = await createTestDatabase();
    db = t.database.db;
    client = new pg.Client({ connectionString: t.url! });
    await client.connect();
    const province = await makeUnit(db);
    for (let i = 0; i < WARDS; i++) {
      const ward = await makeUnit(db, { parent: province });
      await makeProcedure(db, ward);
      wardIds.push(ward.id);
    }
    // One statement, in receipt order (as a desk writes them): ward g % 100, every 15 minutes
    // from 15/01/2021; finished after three days but for one in 997 stuck open and the last
    // 2,000 still open; names from common family, middle and given names plus a number.
    await client.query(
      `insert into dossiers (code, unit_id, procedure_id, applicant_name, applicant_phone, channel,
         received_at, counted_from, due_date, original_due_date, state, finished_at, rule_set)
       select 'G' || lpad((g % ${WARDS})::text, 3, '0') || '-' || lpad(g::text, 7, '0'),
         w.id, p.id,
         (array['Nguyễn','Trần','Lê','Phạm','Hoàng','Huỳnh','Phan','Vũ','Võ','Đặng','Bùi','Đỗ'])[1 + g % 12]
           || ' ' || (array['Văn','Thị','Đức','Minh','Ngọc','Thanh'])[1 + (g / 12) % 6]
           || ' ' || (array['An','Bình','Cường','Dũng','Giang','Hà','Hải','Hoà','Khánh','Lan','Long',
                'Mai','Nam','Phúc','Quân','Sơn','Thảo','Thuỷ','Trang','Tuấn','Vy','Xuân','Yến','Đào'])[1 + (g / 72) % 24]
           || ' ' || g,
         '09' || lpad(g::text, 8, '0'),
         (array['in_person','online','postal'])[1 + g % 3],
         r, r::date, (r + interval '5 days')::date, (r + interval '5 days')::date,
         case when g > ${ROWS - 2000} then (array['received','in_progress','supplement_requested'])[1 + g % 3]
              when g % 997 = 0 then 'in_progress'
              else (array['resolved','returned','resolved','refused','withdrawn'])[1 + g % 5] end,
         case when g > ${ROWS - 2000} or g % 997 = 0 then null else r + interval '3 days' end,
         case when r < timestamptz '2025-07-01 00:00+07' then '2018' else '2025' end
       from generate_series(1, ${ROWS}) g
       cross join lateral (select timestamptz '2021-01-15 01:00+00' + g * interval '15 minutes' as r) at
       join (select id, row_number() over (order by id) - 1 as n from units where parent_id is not null) w
         on w.n = g % ${WARDS}
       join procedures p on p.unit_id = w.id`,
    );
    // As autovacuum leaves a table: statistics, and the visibility map index-only scans read.
    await client.query("vacuum analyze dossiers");
    await client.query("analyze units");
    await client.query("analyze procedures");
  }, 900_000);

  afterAll(async () => {
    await client?.end();
    await t?.cleanup();
  });

  const ward = () => wardIds[7]!;
  const filters: [string, () => DossierFilter][] = [
    ["a ward's first page", () => ({ unitIds: [ward()], limit: 50 })],
    ["the province's first page (administrator)", () => ({ unitIds: null, limit: 50 })],
    ["the province's first page (reviewer of 100 wards)", () => ({ unitIds: wardIds, limit: 50 })],
    ["a ward, by state", () => ({ unitIds: [ward()], state: "refused", limit: 50 })],
    ["the province, by state", () => ({ unitIds: null, state: "supplement_requested", limit: 50 })],
    ["a ward, overdue", () => ({ unitIds: [ward()], overdueOn: "2026-12-01", limit: 50 })],
    ["the province, overdue", () => ({ unitIds: null, overdueOn: "2026-12-01", limit: 50 })],
    ["a ward, due today", () => ({ unitIds: [ward()], dueOn: "2026-12-01", limit: 50 })],
    [
      "a ward, a period",
      () => ({
        unitIds: [ward()],
        receivedFrom: new Date("2023-03-01T00:00:00+07:00"),
        receivedBefore: new Date("2023-04-01T00:00:00+07:00"),
        limit: 50,
      }),
    ],
    [
      "the province, a period",
      () => ({
        unitIds: null,
        receivedFrom: new Date("2023-03-01T00:00:00+07:00"),
        receivedBefore: new Date("2023-04-01T00:00:00+07:00"),
        limit: 50,
      }),
    ],
    ["the province, an exact code", () => ({ unitIds: null, q: "G042-0123442", limit: 50 })],
    ["a ward, an exact code", () => ({ unitIds: [ward()], q: "g007-0123407", limit: 50 })],
    ["the province, a code prefix", () => ({ unitIds: null, q: "G042-01234", limit: 50 })],
    // Under three characters a search is a code's beginning, read through the code's trigrams.
    ["the province, a code's first letters", () => ({ unitIds: null, q: "zz", limit: 50 })],
    ["the province, a name", () => ({ unitIds: null, q: "Thị Thủy 1236", limit: 50 })],
    ["a ward, a name", () => ({ unitIds: [ward()], q: "nguyen van", limit: 50 })],
    [
      "the province, a name, for a reader who sees one ward's applicants in full",
      () => ({ unitIds: null, q: "Thị Thủy 1236", nameSearchUnitIds: [ward()], limit: 50 }),
    ],
    [
      "the province, a name, for a reader who sees every applicant masked",
      () => ({ unitIds: null, q: "Thị Thủy 1236", nameSearchUnitIds: [], limit: 50 }),
    ],
    ["the province, voided", () => ({ unitIds: null, voided: true, limit: 50 })],
  ];

  for (const [name, filter] of filters) {
    it(`reads ${name} through an index`, async () => {
      await expectIndexed(filter());
    });
  }

  it("reads a deep page by cursor through an index, for the province and a ward", async () => {
    const deep = await positionAt(150_000);
    const rows = await expectIndexed({ unitIds: null, limit: 50, after: deep });
    expect(rows).toHaveLength(51);
    const wardDeep = await positionAt(1_500, ward());
    expect(await expectIndexed({ unitIds: [ward()], limit: 50, after: wardDeep })).toHaveLength(51);
  });

  /*
   * The KPI queries that read raw dossier rows, on the same table: the open, overdue and
   * late-apologised counts of the rollup path read no dossier at all (migration 0036: rollup sums
   * only); those finished before their receipt read an index; the raw counts (the path for filters the rollups lack) read the
   * open span for the province's procedure field and an index for a ward's procedure; the
   * due-soon list reads an index.
   * A change that loses one of these (or drops an index they need) makes this fail.
   */
  const workingDays = () => workingDayIndex("2021-01-01", "2027-01-01", createWorkingCalendar());
  const history = { from: "2023-01-01", to: "2023-03-31" };
  // The last dossiers are received until 29/09/2026 and the last 2,000 are still open.
  const recent = { from: "2026-09-01", to: "2026-09-30" };

  async function explainDossiers(query: SQLWrapper) {
    const [row] = await queryRows<{ "QUERY PLAN": unknown }>(
      db,
      sql`explain (format json) ${query}`,
    );
    const [explained] = row!["QUERY PLAN"] as [{ Plan: PlanNode }];
    const nodes = nodesOf(explained.Plan);
    const scans = dossierScans(nodes);
    const described = JSON.stringify(
      nodes.filter((n) => n["Index Name"] || n["Relation Name"] === "dossiers"),
      ["Node Type", "Index Name", "Relation Name"],
    );
    expect(scans.length, described).toBeGreaterThan(0);
    expect(
      scans.filter((scan) => scan["Node Type"] === "Seq Scan"),
      described,
    ).toEqual([]);
    return { indexes: nodes.flatMap((n) => n["Index Name"] ?? []), described };
  }

  for (const [name, period] of [
    ["a quarter years back", history],
    ["the last month", recent],
  ] as const) {
    it(`KPI: counts the dossiers open and overdue at ${name}'s end without reading dossiers`, async () => {
      for (const unitIds of [wardIds, [ward()]]) {
        const open = openDossierQueries({ unitIds, period });
        // The first part of each open count sums the rollups (with the overdue spans at the
        // end), the second reads the dossiers finished before their receipt through an index;
        // the late dossiers apologised for after finishing are a rollup sum too.
        await explainDossiers(open.carriedOver[1]!);
        await explainDossiers(open.openAtEnd[1]!);
        for (const rollup of [open.carriedOver[0]!, open.openAtEnd[0]!, open.apologisedAfter]) {
          const [row] = await queryRows<{ "QUERY PLAN": unknown }>(
            db,
            sql`explain (format json) ${rollup}`,
          );
          const [explained] = row!["QUERY PLAN"] as [{ Plan: PlanNode }];
          const relations = nodesOf(explained.Plan).flatMap((n) => n["Relation Name"] ?? []);
          expect(relations).not.toContain("dossiers");
          expect(relations).not.toContain("apology_letters");
        }
      }
    });

    it(`KPI: reads a ward's raw counts by procedure and its due-soon list for ${name} through indexes`, async () => {
      const [procedure] = await queryRows<{ id: string; field: string }>(
        db,
        sql`select id::text as id, field from procedures where unit_id = ${ward()}::uuid`,
      );
      const province = await explainDossiers(
        dossierKpiCountsSql(
          { unitIds: wardIds, period, field: procedure!.field },
          "unit",
          workingDays(),
        ),
      );
      expect(province.indexes, province.described).toContain("dossiers_open_span_idx");
      await explainDossiers(
        dossierKpiCountsSql(
          { unitIds: [ward()], period, procedureId: procedure!.id },
          "procedure",
          workingDays(),
        ),
      );
      await explainDossiers(
        dueSoonSql(
          { unitIds: [ward()], date: period.to, until: period.to },
          { limit: 50, offset: 0 },
        ),
      );
    });
  }

  it("KPI: the carried-over queries count what a scan of the table counts", async () => {
    for (const period of [history, recent]) {
      const open = openDossierQueries({ unitIds: wardIds, period });
      const carried = (
        await Promise.all(
          open.carriedOver.map((part) => queryRows<{ carriedOver: string }>(db, part)),
        )
      ).flat();
      const start = new Date(`${period.from}T00:00:00+07:00`).toISOString();
      const [expected] = await queryRows<{ n: number }>(
        db,
        sql`select count(*)::int as n from dossiers where voided_at is null
          and state <> 'withdrawn' and received_at < ${start}::timestamptz
          and (finished_at is null or finished_at >= ${start}::timestamptz)`,
      );
      const total = carried.reduce((sum, row) => sum + Number(row.carriedOver), 0);
      expect(total).toBe(expected!.n);
      expect(total).toBeGreaterThan(0);
    }
  });

  /*
   * The four pages that grew with the table at 10 M dossiers (README, Benchmarks): each page and
   * its count must read the index made for it and never sort the whole match set (a Sort on the
   * register's order would mean every match was fetched first). The joined select puts the page's
   * rows back in order (`casePageQueries`: the rows limited first, then joined): a sort above a
   * Limit of at most one page is not a sort of the matches.
   */
  const PAGE_ROWS = 51;
  const sortsPageOnly = (sort: PlanNode) =>
    nodesOf(sort).some(
      (node) =>
        node !== sort &&
        node["Node Type"] === "Limit" &&
        (node["Plan Rows"] ?? Infinity) <= PAGE_ROWS,
    );
  const sortsMatches = (nodes: PlanNode[]) =>
    nodes.filter(
      (node) =>
        (node["Node Type"] === "Sort" || node["Node Type"] === "Incremental Sort") &&
        (node["Sort Key"] ?? []).some((key) => key.includes("received_at")) &&
        !sortsPageOnly(node),
    );
  async function expectPlans(
    filter: DossierFilter,
    index: string | string[] | null,
    { sorted = false }: { sorted?: boolean } = {},
  ) {
    const { page, count, direct } = await registerQueries(db, filter);
    // A search's page is read from its matches (or walked, or by weeks), never by `page`.
    for (const query of [filter.q ? direct! : page, count]) {
      const nodes = await planOf(query);
      const described = JSON.stringify(
        nodes.filter((n) => n["Index Name"] || n["Sort Key"] || n["Relation Name"] === "dossiers"),
        ["Node Type", "Index Name", "Relation Name", "Sort Key", "Plan Rows"],
      );
      if (!sorted) expect(sortsMatches(nodes), described).toEqual([]);
      expect(
        dossierScans(nodes).filter((n) => n["Node Type"] === "Seq Scan"),
        described,
      ).toEqual([]);
      const indexes = index === null ? [] : [index].flat();
      if (indexes.length > 0) {
        const read = nodes.filter((n) => indexes.includes(n["Index Name"] ?? ""));
        expect(read, described).not.toEqual([]);
        for (const scan of read)
          if (filter.overdueOn || filter.dueOn)
            expect(scan["Index Cond"] ?? "", described).toContain("due_date");
      }
    }
  }

  it("reads the province's overdue page and count in the register's order, due dates in the index", async () => {
    await expectPlans(
      { unitIds: null, overdueOn: "2026-12-01", limit: 50 },
      "dossiers_register_open_due_idx",
    );
    // Due today: an index of the open dossiers holding the due date, the province's or the
    // units' (the few dossiers due that day may be sorted for the page).
    await expectPlans(
      { unitIds: null, dueOn: "2026-09-30", limit: 50 },
      ["dossiers_register_open_due_idx", "dossiers_register_open_idx"],
      { sorted: true },
    );
  });

  it("checks a ward's overdue and due-today dates in its open index, not on each dossier read", async () => {
    for (const dates of [{ overdueOn: "2026-12-01" }, { dueOn: "2026-12-01" }]) {
      const { page, count } = await registerQueries(db, { unitIds: [ward()], ...dates, limit: 50 });
      for (const query of [page, count]) {
        const scans = dossierScans(await planOf(query));
        const described = JSON.stringify(scans);
        expect(
          scans.map((scan) => scan["Index Name"]),
          described,
        ).toEqual(["dossiers_register_open_idx"]);
        expect(scans[0]!["Index Cond"], described).toContain("due_date");
        expect(scans[0]!.Filter ?? "", described).not.toContain("due_date");
      }
    }
  });

  it("reads an exact code and a code's beginning as a range of the code B-tree, not its trigrams", async () => {
    for (const q of ["G042-0123442", "g042-01234"]) {
      // The few codes found (1 and 11 here) are sorted for the page.
      await expectPlans({ unitIds: null, q, limit: 50 }, "dossiers_code_lower_idx", {
        sorted: true,
      });
      const { page } = await registerQueries(db, { unitIds: null, q, limit: 50 });
      const nodes = await planOf(page);
      expect(nodes.map((n) => n["Index Name"])).not.toContain("dossiers_code_trgm_idx");
    }
  });

  it("counts a code's beginning shared by more codes than the cap through the code B-tree, not its trigrams", async () => {
    // "G04": the codes of ten wards, 20,000 of them. Or-ed with the name's condition in one
    // bitmap, the count's code part went to the code's trigram index, whose first trigrams are in
    // every code (PGlite at 1 M dossiers: a month of the ward's codes, 103 ms of a 144 ms count).
    // Read apart as a range of the B-tree, in its order, no more than the range is read, and
    // never the table in its physical order.
    const { count } = await registerQueries(db, { unitIds: null, q: "G04", limit: 50 });
    const nodes = await planOf(count);
    const described = JSON.stringify(nodes, ["Node Type", "Index Name", "Plan Rows"]);
    expect(
      nodes.map((n) => n["Index Name"]),
      described,
    ).toContain("dossiers_code_lower_idx");
    expect(
      nodes.map((n) => n["Index Name"]),
      described,
    ).not.toContain("dossiers_code_trgm_idx");
    expect(
      dossierScans(nodes).filter((n) => n["Node Type"] === "Seq Scan"),
      described,
    ).toEqual([]);
    const [counted] = await count;
    expect(counted!.n).toBeGreaterThan(10_000);
  });

  it("reads a search's page from its matches through the search's indexes, at most cap + 1 of them", async () => {
    // A code's beginning (11 codes) and a rare name (Thị Thủy 1236: 12 names): the matches found
    // through the code's B-tree or the name's suffixes, limited to 10,001, then sorted; never a walk of
    // the register's order, whose cost the planner judges from matches spread in time.
    for (const q of ["G042-01234", "Thị Thủy 1236"]) {
      const { direct, count } = await registerQueries(db, { unitIds: null, q, limit: 50 });
      const nodes = await planOf(direct!);
      const described = JSON.stringify(nodes, ["Node Type", "Index Name", "Plan Rows"]);
      expect(
        nodes.map((n) => n["Index Name"]),
        described,
      ).not.toContain("dossiers_register_idx");
      const limits = nodes.filter(
        (n) =>
          n["Node Type"] === "Limit" && nodesOf(n).some((m) => m["Relation Name"] === "dossiers"),
      );
      expect(limits.length, described).toBeGreaterThan(0);
      for (const limit of limits) expect(limit["Plan Rows"], described).toBeLessThanOrEqual(10_001);
      const [counted] = await count;
      expect((await direct!).length).toBe(Math.min(counted!.n, 51));
    }
  });

  it("finds a part of a name and a whole name through the name's suffix index", async () => {
    // The trigrams of a Vietnamese name ("ngu", "thi", "huy"…) are each in a large part of the
    // names: their posting lists grew with the table. The suffixes beginning with the part typed
    // hold its matches only.
    for (const q of ["Thị Thủy 1236", "Nguyễn Thị Thuỷ 1236"]) {
      const { direct, count } = await registerQueries(db, { unitIds: null, q, limit: 50 });
      for (const statement of [direct!, count]) {
        const nodes = await planOf(statement);
        const described = JSON.stringify(nodes, ["Node Type", "Index Name"]);
        expect(
          nodes.map((n) => n["Index Name"]),
          described,
        ).toContain("dossiers_applicant_weekly_suffix_idx");
      }
      // The page from the matches reads no records in the register's order (the count's census
      // reads the newest 1,000: few matches among them, so the suffix index counts).
      const directIndexes = (await planOf(direct!)).map((n) => n["Index Name"]);
      expect(directIndexes).not.toContain("dossiers_register_idx");
      const [counted] = await count;
      const found = await direct!;
      expect(counted!.n, q).toBeGreaterThan(0);
      expect(found).toHaveLength(Math.min(counted!.n, 51));
    }
  });

  it("reads a name's page of some weeks from their entries in the suffix index, then sorts those few", async () => {
    // The last dossiers are received on 29/09/2026: that week and the two before. With the
    // page's order and limit in one query, PostgreSQL walked the register's index checking each
    // record's suffixes (10 M dossiers: 63–77 s for a whole name).
    const last = suffixWeekOf(Date.parse("2026-09-29T12:00:00Z"));
    for (const q of ["Thị Thủy", "Nguyễn Thị Thuỷ 1236", "Thị Thủy 1236"]) {
      for (const filter of [
        { unitIds: null, q, limit: 50 },
        { unitIds: [ward()], q, limit: 50 },
        { unitIds: null, q, limit: 50, after: await positionAt(3_000) },
      ]) {
        const { weeklyRead } = await registerQueries(db, filter);
        const read = weeklyRead!(weeklyWindow(searchKey(q), last, 3));
        const nodes = await planOf(read);
        const described = JSON.stringify(nodes, ["Node Type", "Index Name", "Index Cond"]);
        // The page's rows are joined in the same statement, read again by their ids.
        const scans = dossierScans(nodes).filter((scan) => scan["Index Name"] !== "dossiers_pkey");
        const registerScans = nodes.filter((n) => n["Index Name"]?.startsWith("dossiers_register"));
        if (filter.unitIds === null) {
          // The province: the weeks' matches alone, from the suffix index.
          expect(
            scans.map((scan) => scan["Node Type"]),
            described,
          ).toEqual(["Bitmap Heap Scan"]);
          expect(
            nodes.map((n) => n["Index Name"]),
            described,
          ).toContain("dossiers_applicant_weekly_suffix_idx");
          expect(registerScans, described).toEqual([]);
        } else {
          // A ward: its records from the oldest week's first instant on, read from its index
          // (alone when they are few: 2,000 dossiers in six years here).
          expect(registerScans.length + scans.length, described).toBeGreaterThan(0);
          for (const scan of registerScans) {
            expect(scan["Index Name"], described).toBe("dossiers_register_unit_idx");
            expect(scan["Index Cond"], described).toContain("received_at >=");
          }
        }
        // Sorted: the weeks' matches, never the register's order walked.
        expect(sortsMatches(nodes).length, described).toBe(1);
      }
    }
    const { weekly } = await registerQueries(db, { unitIds: null, q: "Thị Thủy", limit: 50 });
    expect(await weekly!()).toHaveLength(51);
  });

  it("plans a name's page of some weeks once per connection, for any name, weeks and cursor, never in parallel", async () => {
    // Its values are each a subquery of their own (`plannedOnce`): PostgreSQL's estimates do not
    // depend on them, so after five plans for values it keeps one plan for all (a value it saw
    // made it plan each read: 0.4 ms of its CPU against 0.2–0.3 ms of running at 10 M dossiers).
    const last = suffixWeekOf(Date.parse("2026-09-29T12:00:00Z"));
    const plans = await db.transaction(async (tx) => {
      for (const [k, q] of ["Thị Thủy", "Nguyễn Thị Thuỷ 1236", "Văn Hùng", "Trần Thị"].entries())
        for (const after of [undefined, await positionAt(1_000 * (k + 1))]) {
          const { weeklyRead } = await registerQueries(tx, { unitIds: null, q, limit: 50, after });
          for (const weeks of [2, 5]) {
            await weeklyRead!(weeklyWindow(searchKey(q), last - k, weeks));
          }
        }
      return queryRows<{ generic: number; custom: number }>(
        tx,
        sql`select generic_plans::int as generic, custom_plans::int as custom
          from pg_prepared_statements where statement like '%search_suffixes_weekly%'
            and statement not like '%count(*) over ()%'`,
      );
    });
    // One statement for the first pages, one for the pages after a cursor: 8 reads each.
    expect(plans).toHaveLength(2);
    // Planned for a common part and for a rare whole name, later weeks and a later cursor: the
    // same estimates (at this size PostgreSQL might keep one plan even for values it sees).
    const estimates = async (q: string, top: number, weeks: number, offset: number) => {
      const { weeklyRead } = await registerQueries(db, {
        ...{ unitIds: null, q, limit: 50 },
        after: await positionAt(offset),
      });
      const read = weeklyRead!(weeklyWindow(searchKey(q), top, weeks));
      return JSON.stringify(await planOf(read), ["Node Type", "Plan Rows", "Total Cost"]);
    };
    expect(await estimates("Nguyễn Thị Thuỷ 1236", last - 40, 3, 9_000)).toBe(
      await estimates("Thị Thủy", last, 1, 10),
    );
    // So is a search's page read from all its matches (its direct read): a code's beginning and
    // an exact code, a rare name.
    const direct = async (q: string, offset?: number) => {
      const after = offset === undefined ? undefined : await positionAt(offset);
      const { direct } = await registerQueries(db, { unitIds: null, q, limit: 50, after });
      return JSON.stringify(await planOf(direct!), ["Node Type", "Plan Rows", "Total Cost"]);
    };
    expect(await direct("G042-01234")).toBe(await direct("G042-0"));
    expect(await direct("Thị Thủy 1236", 9_000)).toBe(await direct("Trần Văn", 10));
    for (const plan of plans) {
      expect(plan.custom).toBeLessThanOrEqual(5);
      expect(plan.generic).toBeGreaterThanOrEqual(3);
    }
    // Costed for the planner's default share of the province's records, it would be read by
    // parallel workers where they are cheap (their start took 40–130 ms at 10 M dossiers).
    const { weeklyRead } = await registerQueries(db, { unitIds: null, q: "Thị Thủy", limit: 50 });
    const read = weeklyRead!(weeklyWindow(searchKey("Thị Thủy"), last, 2));
    await client.query(
      "set parallel_setup_cost = 0; set parallel_tuple_cost = 0; set min_parallel_table_scan_size = 0; set min_parallel_index_scan_size = 0",
    );
    try {
      const nodes = await planOf(read);
      const described = JSON.stringify(nodes, ["Node Type", "Index Name"]);
      expect(
        nodes.filter((n) => n["Node Type"].startsWith("Gather")),
        described,
      ).toEqual([]);
    } finally {
      await client.query("reset all");
    }
  });

  it("probes a name's page in the newest dossiers through the register's index, in its order", async () => {
    // "Thị Thủy" (a part of a name): the probe, asked for (the register walks instead by
    // default), reads the newest SEARCH_PROBE_WINDOW dossiers in the register's order and searches
    // them (no sort of matches).
    for (const unitIds of [null, [wardIds[3]!]]) {
      const { probe } = await registerQueries(
        db,
        { unitIds, q: "Thị Thủy", limit: 50 },
        { probeWindow: SEARCH_PROBE_WINDOW },
      );
      const nodes = await planOf(probe!);
      const described = JSON.stringify(nodes, ["Node Type", "Index Name", "Sort Key"]);
      expect(sortsMatches(nodes), described).toEqual([]);
      const scans = dossierScans(nodes);
      expect(scans.length, described).toBe(1);
      expect(scans[0]!["Node Type"], described).toMatch(/Index/);
    }
    // An exact code has no probe: its B-tree range is read as before.
    const { probe } = await registerQueries(
      db,
      { unitIds: null, q: "G042-0123442", limit: 50 },
      { probeWindow: SEARCH_PROBE_WINDOW },
    );
    expect(probe).toBeUndefined();
  });

  it("reads a name matching many dossiers without fetching and sorting every match", async () => {
    // "Thị": one dossier in six (33,333 here). The page walks the register's order a window of
    // SEARCH_PROBE_WINDOW records at a time and stops at 51 matches; the count looks at the
    // newest 1,000 records, finds it common and checks the newest records in the register's
    // order until it has 10,001 matches (at most 10 × 10,001 records: bounded by the cap, not the
    // table).
    const filter: DossierFilter = { unitIds: null, q: "Thị", limit: 50 };
    const { count, walk } = await registerQueries(db, filter);
    expect(walk?.windowSize).toBe(SEARCH_PROBE_WINDOW);
    const page = await listDossiers(db, filter);
    expect(page.rows).toHaveLength(50);
    for (const row of page.rows) expect(searchKey(row.applicantName)).toContain("thi");
    const countNodes = await planOf(count);
    const described = JSON.stringify(countNodes, ["Node Type", "Index Name", "Plan Rows"]);
    expect(sortsMatches(countNodes), described).toEqual([]);
    const limits = countNodes.filter((n) => n["Node Type"] === "Limit");
    // The census's 1,000, the common part's 10 × 10,001 newest checked, the matches' 10,001.
    for (const limit of limits) expect(limit["Plan Rows"], described).toBeLessThanOrEqual(100_010);
    const limited = new Set(
      limits.flatMap((limit) => nodesOf(limit).filter((n) => n["Relation Name"] === "dossiers")),
    );
    expect(limited.size, described).toBe(dossierScans(countNodes).length);
    const [counted] = await count;
    expect(counted!.n).toBe(10_001);
  });

  it("limits the page's dossiers before joining their names and subqueries", async () => {
    // A common name found through its trigrams (fetched, then sorted) or walked in the order, a
    // rare one, a ward's page, a deep page: below the Limit that bounds the page, only dossiers.
    const filters: DossierFilter[] = [
      { unitIds: null, q: "Thị", limit: 50 },
      { unitIds: null, q: "Thị Thủy 1236", limit: 50 },
      { unitIds: [ward()], limit: 50 },
      { unitIds: null, limit: 50, after: await positionAt(150_000) },
    ];
    for (const filter of filters) {
      const { page } = await registerQueries(db, filter);
      const nodes = await planOf(page);
      const described = JSON.stringify(nodes, ["Node Type", "Relation Name", "Plan Rows"]);
      const bounding = nodes.filter(
        (node) =>
          node["Node Type"] === "Limit" &&
          nodesOf(node).some((n) => n["Relation Name"] === "dossiers"),
      );
      expect(bounding, described).toHaveLength(1);
      expect(bounding[0]!["Plan Rows"], described).toBeLessThanOrEqual(51);
      const below = nodesOf(bounding[0]!).flatMap((n) => n["Relation Name"] ?? []);
      expect(new Set(below), described).toEqual(new Set(["dossiers"]));
      const above = nodes.flatMap((n) => n["Relation Name"] ?? []);
      expect(above, described).toContain("units");
      expect(above, described).toContain("procedures");
    }
  });

  it("finds what it searches for", async () => {
    const byCode = await (
      await registerQueries(db, { unitIds: null, q: "g042-0123442", limit: 50 })
    ).page;
    expect(byCode.map((row) => row.dossier.code)).toEqual(["G042-0123442"]);
    // A code's beginning (the B-tree range) and a part inside codes (trigrams, no code starts
    // with it) list what the former trigram search listed, in the same order.
    for (const q of ["G042-01234", "0123442", "42-01"]) {
      const found = await (await registerQueries(db, { unitIds: null, q, limit: 200 })).page;
      const expected = await queryRows<{ code: string }>(
        db,
        sql`select code from dossiers where voided_at is null
          and (lower(code) like ${`%${q.toLowerCase()}%`}
            or applicant_name_folded like ${`%${q.toLowerCase()}%`})
          order by received_at desc, id desc limit 201`,
      );
      expect(expected.length).toBeGreaterThan(0);
      expect(found.map((row) => row.dossier.code)).toEqual(expected.map((row) => row.code));
    }
    const byName = await (
      await registerQueries(db, { unitIds: null, q: "THI THUY 1236", limit: 50 })
    ).page;
    expect(byName.length).toBeGreaterThan(0);
    for (const row of byName)
      expect(searchKey(row.dossier.applicantName)).toContain("thi thuy 1236");
    const [count] = await (await registerQueries(db, { unitIds: null, limit: 50 })).count;
    expect(count!.n).toBe(10_001);
  });
});

/*
 * The feedback (PAKN) register's queries (feedback.repository.ts `feedbackRegisterQueries`) on
 * 200,000 generated feedback over the same shape of province: a ward's, an agency officer's and
 * the province's first page, by state, overdue, due soon, a period, a channel, a code, a sender's
 * name, a title, a deep page by cursor. Each page and its capped count must read `feedback`
 * through an index. Its own database, so the dossier block above can be run alone.
 */
const plansOnPglite = process.env.REGISTER_PLANS_ON_PGLITE === "1";

describe.skipIf(testDatabaseKind !== "postgresql" && !plansOnPglite)(
  "feedback register query plans",
  () => {
    let f: TestDatabase;
    let fdb: Executor;
    const wards: string[] = [];
    let agencyId = "";

    beforeAll(async () => {
      f = await createTestDatabase();
      fdb = f.database.db;
      const province = await makeUnit(fdb);
      for (let i = 0; i < WARDS; i++) wards.push((await makeUnit(fdb, { parent: province })).id);
      agencyId = (await makeAgency(fdb, { id: wards[7]! })).id;
      // In receipt order, every 15 minutes from 15/01/2021, ward g % 100; answered, published,
      // transferred or rejected after three days but for one in 997 stuck open and the last 2,000
      // still open; a third of ward 7's assigned to its agency; senders from common names.
      await fdb.execute(sql`insert into feedback (code, unit_id, channel, sender_name, sender_phone, title, content,
         received_at, counted_from, due_date, transfer_due_date, rule_set, state, classification,
         assigned_agency_id, finished_at)
       select 'PAKN.' || to_char(r, 'YYYYMMDD') || '.' || lpad(g::text, 7, '0'), w.id,
         (array['in_person','phone','mail','email','portal','zalo','public_web'])[1 + g % 7],
         (array['Nguyễn','Trần','Lê','Phạm','Hoàng','Huỳnh','Phan','Vũ','Võ','Đặng','Bùi','Đỗ'])[1 + g % 12]
           || ' ' || (array['Văn','Thị','Đức','Minh','Ngọc','Thanh'])[1 + (g / 12) % 6]
           || ' ' || (array['An','Bình','Cường','Dũng','Giang','Hà','Hải','Hoà','Khánh','Lan','Long',
                'Mai','Nam','Phúc','Quân','Sơn','Thảo','Thuỷ','Trang','Tuấn','Vy','Xuân','Yến','Đào'])[1 + (g / 72) % 24],
         '09' || lpad(g::text, 8, '0'),
         (array['Đèn đường hỏng','Rác thải chưa thu gom','Cống thoát nước bị tắc','Thủ tục chậm',
                'Tiếng ồn công trình','Lấn chiếm vỉa hè'])[1 + (g / 7) % 6] || ' số ' || g,
         'Nội dung phản ánh ' || g,
         r, r::date, (r + interval '15 days')::date, (r + interval '5 days')::date, '2025', s.state,
         case when s.state = 'received' then null
              else (array['regulation','conduct'])[1 + g % 2] end,
         case when g % ${sql.raw(String(WARDS))} = 7 and g % 3 = 0 and s.state <> 'received'
           then ${agencyId}::uuid end,
         case when s.state in ('received','classified','assigned') then null
              else r + interval '3 days' end
       from generate_series(1, ${sql.raw(String(ROWS))}) g
       cross join lateral (select timestamptz '2021-01-15 01:00+00' + g * interval '15 minutes' as r) at
       cross join lateral (select case
           when g > ${sql.raw(String(ROWS - 2000))} then (array['received','classified','assigned'])[1 + g % 3]
           when g % 997 = 0 then 'assigned'
           else (array['answered','published','answered','transferred','rejected'])[1 + g % 5] end
         as state) s
       join (select id, row_number() over (order by id) - 1 as n from units where parent_id is not null) w
         on w.n = g % ${sql.raw(String(WARDS))}`);
      // ANALYZE reads every row of the table (a sample of 300 × 1,000 for the folded code's
      // statistics), so an exact code's estimate never rests on a sample that missed its day's
      // codes (the code B-tree lost to the register's order in 3 of about 20 runs on 05/12/2026).
      await fdb.execute(
        sql`alter index feedback_code_lower_idx alter column 1 set statistics 1000`,
      );
      // As autovacuum leaves a table, as for the dossiers: with `analyze` alone the plans could
      // depend on whether autovacuum had run yet (an exact code's page read the whole table in 2
      // of about 15 runs on 05/12/2026, none in 7 runs since).
      await fdb.execute(sql`vacuum analyze feedback`);
      await fdb.execute(sql`analyze units`);
    }, 900_000);

    afterAll(async () => {
      await f?.cleanup();
    });

    /** Explained through the executor (PostgreSQL or, with REGISTER_PLANS_ON_PGLITE=1, PGlite). */
    async function feedbackPlan(query: SQLWrapper) {
      const [row] = await queryRows<{ "QUERY PLAN": unknown }>(
        fdb,
        sql`explain (format json) ${query}`,
      );
      const plan = row!["QUERY PLAN"];
      const [explained] = (typeof plan === "string" ? JSON.parse(plan) : plan) as [
        { Plan: PlanNode },
      ];
      return explained.Plan;
    }

    const feedbackScans = (plan: PlanNode) =>
      nodesOf(plan).filter((node) => node["Relation Name"] === "feedback");

    /**
     * Both queries read feedback through an index. With `countMayStopAtCap`, for a filter no index
     * narrows that matches a large share of the register (one channel of seven), the capped count
     * may read the table in storage order instead: under its Limit it stops at the cap's
     * 10,001st match (bounded work; PostgreSQL picks either plan depending on its sample).
     */
    async function expectFeedbackIndexed(
      filter: FeedbackFilter,
      { countMayStopAtCap = false }: { countMayStopAtCap?: boolean } = {},
    ) {
      const queries = (await feedbackRegisterQueries(fdb, filter))!;
      for (const [query, stopsAtCap] of [
        [queries.page, false],
        [queries.count, countMayStopAtCap],
      ] as const) {
        const plan = await feedbackPlan(query);
        const scans = feedbackScans(plan);
        const described = JSON.stringify(scans.map((s) => [s["Node Type"], s["Index Name"]]));
        expect(scans.length, described).toBeGreaterThan(0);
        const unbounded = stopsAtCap
          ? scans.filter(
              (scan) =>
                scan["Node Type"] === "Seq Scan" &&
                !nodesOf(plan).some(
                  (node) => node["Node Type"] === "Limit" && nodesOf(node).includes(scan),
                ),
            )
          : scans.filter((scan) => scan["Node Type"] === "Seq Scan");
        expect(unbounded, described).toEqual([]);
      }
      return queries.page;
    }

    const ward = () => wards[7]!;
    const one = () => ({ unitIds: [ward()], agencyReach: [] });
    const all = { unitIds: null, agencyReach: [] };
    const period = () => ({
      receivedFrom: new Date("2023-03-01T00:00:00+07:00"),
      receivedBefore: new Date("2023-04-01T00:00:00+07:00"),
    });
    // The last open feedback (received until 29/09/2026) fall due in October.
    const dueSoon = { from: "2026-10-01", to: "2026-10-07" };
    const filters: [string, () => FeedbackFilter, { countMayStopAtCap?: boolean }?][] = [
      ["a ward's first page", () => ({ reach: one(), limit: 50 })],
      ["the province's first page (administrator)", () => ({ reach: all, limit: 50 })],
      [
        "the province's first page (reviewer of 100 wards)",
        () => ({ reach: { unitIds: wards, agencyReach: [] }, limit: 50 }),
      ],
      [
        "an agency officer's first page",
        () => ({
          reach: { unitIds: [], agencyReach: [{ unitIds: [ward()], agencyId }] },
          limit: 50,
        }),
      ],
      ["a ward, by state", () => ({ reach: one(), state: "rejected", limit: 50 })],
      ["the province, by state", () => ({ reach: all, state: "classified", limit: 50 })],
      ["a ward, overdue", () => ({ reach: one(), overdueOn: "2026-12-01", limit: 50 })],
      ["the province, overdue", () => ({ reach: all, overdueOn: "2026-12-01", limit: 50 })],
      ["a ward, due soon", () => ({ reach: one(), dueWithin: dueSoon, limit: 50 })],
      ["the province, due soon", () => ({ reach: all, dueWithin: dueSoon, limit: 50 })],
      ["a ward, a period", () => ({ reach: one(), ...period(), limit: 50 })],
      ["the province, a period", () => ({ reach: all, ...period(), limit: 50 })],
      [
        "the province, a channel",
        () => ({ reach: all, channel: "zalo", limit: 50 }),
        { countMayStopAtCap: true },
      ],
      ["the province, a code", () => ({ reach: all, q: "PAKN.20230301.0074", limit: 50 })],
      ["a ward, a part of a code", () => ({ reach: one(), q: "20230301", limit: 50 })],
      ["the province, a sender's name", () => ({ reach: all, q: "Thị Thủy", limit: 50 })],
      ["the province, a title", () => ({ reach: all, q: "tắc số 1234", limit: 50 })],
      [
        "the province, a sender's name, for a reader who sees one ward's senders in full",
        () => ({ reach: all, q: "Thị Thủy", textSearchReach: one(), limit: 50 }),
      ],
      [
        "the province, a sender's name, for a reader who sees every sender masked",
        () => ({
          reach: all,
          q: "Thị Thủy",
          textSearchReach: { unitIds: [], agencyReach: [] },
          limit: 50,
        }),
      ],
    ];

    for (const [name, filter, options] of filters) {
      it(`reads ${name} through an index`, async () => {
        await expectFeedbackIndexed(filter(), options);
      });
    }

    it("reads a deep page by cursor through an index, for the province and a ward", async () => {
      const positionOf = async (offset: number, unitId?: string) => {
        const rows = await queryRows<FeedbackPosition>(
          fdb,
          sql`select to_char(received_at at time zone 'UTC', 'YYYY-MM-DD HH24:MI:SS.US') as at,
              code, id::text as id from feedback ${unitId ? sql`where unit_id = ${unitId}` : sql``}
            order by received_at desc, code desc, id desc offset ${offset} limit 1`,
        );
        return rows[0]!;
      };
      const deep = await positionOf(150_000);
      expect(await expectFeedbackIndexed({ reach: all, limit: 50, after: deep })).toHaveLength(51);
      const wardDeep = await positionOf(1_500, ward());
      expect(
        await expectFeedbackIndexed({ reach: one(), limit: 50, after: wardDeep }),
      ).toHaveLength(51);
    });

    it("reads an exact code and a code's beginning as a range of the code B-tree, not its trigrams", async () => {
      for (const q of ["PAKN.20230301.0074", "pakn.20230301.00"]) {
        const queries = (await feedbackRegisterQueries(fdb, { reach: all, q, limit: 50 }))!;
        for (const query of [queries.page, queries.count]) {
          const plan = nodesOf(await feedbackPlan(query));
          const indexes = plan.map((n) => n["Index Name"]);
          expect(
            indexes,
            q +
              JSON.stringify(plan, [
                "Node Type",
                "Index Name",
                "Plan Rows",
                "Filter",
                "Relation Name",
              ]),
          ).toContain("feedback_code_lower_idx");
          expect(indexes, q).not.toContain("feedback_code_trgm_idx");
        }
      }
      // A part inside codes (no code starts with it) still goes through the trigrams, and each
      // finds what a plain scan of the codes finds (no sender or title holds these digits).
      const inside = (await feedbackRegisterQueries(fdb, {
        reach: all,
        q: "20230301.00",
        limit: 50,
      }))!;
      expect(nodesOf(await feedbackPlan(inside.page)).map((n) => n["Index Name"])).toContain(
        "feedback_code_trgm_idx",
      );
      for (const q of ["PAKN.20230301.0074", "pakn.20230301.00", "20230301.00"]) {
        const found = await (await feedbackRegisterQueries(fdb, { reach: all, q, limit: 200 }))!
          .page;
        const expected = await queryRows<{ code: string }>(
          fdb,
          sql`select code from feedback where lower(code) like ${`%${q.toLowerCase()}%`}
            order by received_at desc, code desc, id desc limit 201`,
        );
        expect(
          found.map((row) => row.feedback.code),
          q,
        ).toEqual(expected.map((row) => row.code));
        expect(found.length, q).toBeGreaterThan(0);
      }
    });

    it("finds what it searches for, and caps the count", async () => {
      const byTitle = await (await feedbackRegisterQueries(fdb, {
        reach: all,
        q: "TẮC SỐ 1234",
        limit: 50,
      }))!.page;
      expect(byTitle.map((row) => row.feedback.title)).toContain("Cống thoát nước bị tắc số 1234");
      for (const row of byTitle) expect(row.feedback.searchFolded).toContain("tac so 1234");
      const byName = await (await feedbackRegisterQueries(fdb, {
        reach: all,
        q: "thi thuy",
        limit: 50,
      }))!.page;
      expect(byName.length).toBe(51);
      for (const row of byName) expect(row.feedback.senderName).toMatch(/Thị Thuỷ$/);
      const [count] = await (await feedbackRegisterQueries(fdb, { reach: all, limit: 50 }))!.count;
      expect(count!.n).toBe(10_001);
    });
  },
);
