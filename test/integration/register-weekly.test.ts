import { sql } from "drizzle-orm";
import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { DOSSIER_STATES } from "../../src/core/dossier/dossier-state.ts";
import { queryRows } from "../../src/server/db/database.ts";
import {
  listDossiers,
  registerQueries,
  type DossierFilter,
  type RegisterPosition,
} from "../../src/server/db/repositories/dossier.repository.ts";
import { makeProcedure } from "../support/factories.ts";
import * as keyset from "../support/register-keyset.ts";

/*
 * A name search's page read week by week through the suffix index's weekly entries
 * (case-register-weekly.ts, migration 0043) answers what the register's other reads answer, on
 * dossiers spread over a year and a half (many a week lately, few a month early on), for any
 * reach, page size, cursor and other filter. PGlite and PostgreSQL.
 */

const register = keyset.openDatabase();
const wards: string[] = [];
const positions: RegisterPosition[] = [];
const NAMES = [
  "Nguyễn Thị Thủy",
  "Trần Văn An",
  "Lê Thị Thuỷ",
  "Phạm Hoà Bình",
  "Nguyễn Văn Hòa",
  "Võ Minh Tâm",
];

beforeAll(async () => {
  const procedures: string[] = [];
  for (let w = 0; w < 3; w++) {
    const ward = await register.ward();
    wards.push(ward.id);
    procedures.push((await makeProcedure(register.db, ward)).id);
  }
  // Dossier i received i²/30 hours before 30/11/2026 10:00 UTC (the first ones within hours of
  // each other, the last 17 months back); one received three weeks after the others.
  const rows = Array.from({ length: 600 }, (_, i) => {
    const hours = i === 0 ? -21 * 24 : (i * i) / 30;
    return {
      code: `W${i % 3}-${String(i).padStart(4, "0")}`,
      ward: wards[i % 3]!,
      procedure: procedures[i % 3]!,
      name: i % 97 === 5 ? "Đỗ Thị Thủy Tiên" : NAMES[i % NAMES.length]!,
      at: new Date(Date.UTC(2026, 10, 30, 10) - hours * 3_600_000).toISOString(),
      state: DOSSIER_STATES[i % 4]!,
      voided: i % 11 === 10,
    };
  });
  for (const r of rows)
    await register.db.execute(sql`insert into dossiers (code, unit_id, procedure_id,
          applicant_name, applicant_phone, channel, received_at, counted_from, due_date,
          original_due_date, state, rule_set, voided_at, void_reason)
        values (${r.code}, ${r.ward}, ${r.procedure}, ${r.name}, '0912345678', 'in_person',
          ${r.at}, '2026-03-02', '2026-12-10', '2026-12-10', ${r.state}, '2025',
          ${r.voided ? sql`now(), 'Nhập trùng'` : sql`null, null`})`);
  positions.push(
    ...(await queryRows<RegisterPosition>(
      register.db,
      sql`select to_char(received_at at time zone 'UTC', 'YYYY-MM-DD HH24:MI:SS.US') as at,
            id::text as id
          from dossiers order by received_at desc, id desc`,
    )),
  );
}, 120_000);

const filters: fc.Arbitrary<DossierFilter> = fc
  .record(
    {
      unitIds: fc.option(
        fc.subarray([0, 1, 2], { minLength: 1 }).map((l) => l.map((i) => wards[i]!)),
        { nil: null },
      ),
      q: fc.constantFrom(
        "thi thuy",
        "Thủy",
        "thuỷ tiên",
        "hoà",
        "van an",
        "Nguyễn",
        "minh tâm",
        "zzz",
        "W1-00",
        "0042",
      ),
      limit: fc.constantFrom(1, 2, 5, 50),
      after: fc.nat({ max: 599 }).map((i) => () => positions[i]!),
      nameSearchUnitIds: fc.constantFrom([], [0], [0, 2]).map((l) => l.map((i) => wards[i]!)),
      state: fc.constantFrom(...DOSSIER_STATES),
      voided: fc.boolean(),
    },
    { requiredKeys: ["unitIds", "q", "limit"] },
  )
  .map(({ after, ...f }) => ({ ...f, ...(after && { after: after() }) }) as DossierFilter);

describe("a name search's page read from its newest weeks", () => {
  it("answers the rows the register's other reads answer, for any reach, filter and cursor", async () => {
    const outcomes = new Set<string>();
    await fc.assert(
      fc.asyncProperty(filters, async (f) => {
        const byWeeks = await listDossiers(register.db, f, { weekly: true });
        const otherwise = await listDossiers(register.db, f, { weekly: false });
        expect(byWeeks).toEqual(otherwise);
        const { weekly } = await registerQueries(register.db, f, { weekly: true });
        const rows = weekly && (await weekly());
        // Answered: the page and one row more (whether there is a next page).
        if (rows) expect(rows).toHaveLength(f.limit + 1);
        outcomes.add(!weekly ? "no weekly read" : rows ? "answered" : "read another way");
      }),
      { numRuns: 200 },
    );
    // Pages found in their weeks, pages whose weeks held too few, and searches of codes only.
    expect(outcomes).toEqual(new Set(["answered", "read another way", "no weekly read"]));
  }, 300_000);

  it("finds the dossier received weeks after the others first, and a rare name's few matches", async () => {
    const search = (q: string, limit: number) =>
      listDossiers(register.db, { unitIds: null, q, limit }, { weekly: true });
    const first = await search("Thị Thủy", 5);
    expect(first.rows[0]!.code).toBe("W0-0000");
    // "Đỗ Thị Thủy Tiên": dossiers 5, 102, 199, 393, 490 and 587 (296 is voided).
    const rare = await search("thuy tien", 2);
    expect(rare.rows.map((r) => r.code)).toEqual(["W2-0005", "W0-0102"]);
    const { weekly } = await registerQueries(
      register.db,
      { unitIds: null, q: "thuy tien", limit: 2 },
      { weekly: true },
    );
    expect(await weekly!()).toHaveLength(3);
    expect((await search("thuy tien", 50)).rows.map((r) => r.code)).toEqual([
      "W2-0005",
      "W0-0102",
      "W1-0199",
      "W0-0393",
      "W1-0490",
      "W2-0587",
    ]);
  });
});
