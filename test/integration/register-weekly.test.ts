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
// Dossier i's applicant: family, middle and given names taken in turns of 1, 7 and 3 dossiers, so
// a part of a name matches from 4 dossiers of 600 ("Lê Thị Thủy") to 224 ("hoà").
const FAMILY = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Võ", "Đặng"];
const MIDDLE = ["Thị", "Văn", "Minh", "Hoà", "Ngọc"];
const GIVEN = [
  "Thủy",
  "An",
  "Bình",
  "Tâm",
  "Lan",
  "Hùng",
  "Thuỷ Tiên",
  "Hòa",
  "Dũng",
  "Mai",
  "Phúc",
];
const nameOf = (i: number) =>
  `${FAMILY[i % 7]} ${MIDDLE[Math.floor(i / 7) % 5]} ${GIVEN[Math.floor(i / 3) % 11]}`;

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
      name: nameOf(i),
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
      // Matching 25, 111, 54, 224, 10, 86, 11, 4, 12 and no dossier of the 600, and codes.
      q: fc.constantFrom(
        "thi thuy",
        "Thủy",
        "thuỷ tiên",
        "hoà",
        "van an",
        "Nguyễn",
        "minh tâm",
        "Lê Thị Thuỷ",
        "ngoc mai",
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
      // Caps below the matches too: a search is read by weeks when they are many (beyond the cap
      // or over WEEKLY_MIN_TOTAL) but not common among the newest records (WEEKLY_DENSE).
      fc.asyncProperty(filters, fc.constantFrom(2, 5, undefined), async (f, cap) => {
        const byWeeks = await listDossiers(register.db, f, { weekly: true, cap });
        const otherwise = await listDossiers(register.db, f, { weekly: false, cap });
        expect(byWeeks).toEqual(otherwise);
        const { weekly } = await registerQueries(register.db, f, { weekly: true, cap });
        const rows = weekly && (await weekly());
        // Answered: the page and one row more (whether there is a next page).
        if (rows) expect(rows).toHaveLength(f.limit + 1);
        outcomes.add(!weekly ? "no weekly read" : rows ? "answered" : "read another way");
      }),
      { numRuns: 200 },
    );
    // Pages found in their weeks, pages whose weeks held too few or whose matches are common, and
    // searches of codes only.
    expect(outcomes).toEqual(new Set(["answered", "read another way", "no weekly read"]));
  }, 300_000);

  it("finds the dossier received weeks after the others first, and the older matches after", async () => {
    // "Nguyễn Thị Thủy": dossiers 0 (three weeks after the others), 35, 315, 350 and 595.
    const search = (limit: number) =>
      listDossiers(
        register.db,
        { unitIds: null, q: "nguyen thi thuy", limit },
        { weekly: true, cap: 2 },
      );
    expect((await search(2)).rows.map((r) => r.code)).toEqual(["W0-0000", "W2-0035"]);
    const { weekly } = await registerQueries(
      register.db,
      { unitIds: null, q: "nguyen thi thuy", limit: 2 },
      { weekly: true, cap: 2 },
    );
    expect(await weekly!()).toHaveLength(3);
    // Fewer than a page within its weeks: read as before.
    expect((await search(50)).rows.map((r) => r.code)).toEqual([
      "W0-0000",
      "W2-0035",
      "W0-0315",
      "W2-0350",
      "W1-0595",
    ]);
  });
});
