import { randomUUID } from "node:crypto";
import { sql } from "drizzle-orm";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addDays } from "../../src/core/calendar/calendar-date.ts";
import { queryRows, type Executor } from "../../src/server/db/database.ts";
import { dossierKpiCountsFromRollups } from "../../src/server/db/repositories/kpi-rollup.repository.ts";
import {
  dossierKpiCounts,
  type KpiCountRow,
} from "../../src/server/db/repositories/kpi.repository.ts";
import { loadSchedules } from "../../src/server/services/calendar.service.ts";
import { kpiWorkingDaysFor } from "../../src/server/services/kpi-calendar.ts";
import { makeProcedure, makeUnit } from "../support/factories.ts";
import {
  createTestDatabase,
  testDatabaseKind,
  type TestDatabase,
} from "../support/test-database.ts";

/**
 * The dossiers open at an instant from the rollups (migration 0033: monthly and daily received
 * less finished, the dossiers finished before their receipt added back, the overdue ones read
 * through the overdue-span index) against the raw rows' open span, on dossiers the desk's
 * workflow never writes but an import or a correction can: finishes before the receipt, due
 * dates before the receipt, two or more supplement requests, voided and withdrawn rows, all
 * around month and period boundaries; then the same dossiers moved (receipt, finish, due date,
 * supplements, void) in one statement. The carried-over, pending and overdue counts of every unit
 * must be equal for random periods, and the monthly rollups the sums of the daily ones.
 */

const START = "2026-01-20";
const DAYS = 60;
const HOUR = 3_600_000;
const at = (day: number, hour: number) =>
  new Date(Date.parse(`${addDays(START, day)}T00:00:00+07:00`) + hour * HOUR).toISOString();
/** A fixed "today" for the calendar's extent, so no test reads the clock. */
const TODAY = "2026-06-01";
const OPEN_KEYS = ["carriedOver", "pendingAtEnd", "overdueAtEnd"] as const;

let t: TestDatabase;
let db: Executor;
let unitIds: string[] = [];
let procedureIds: string[] = [];

const dossier = fc.record({
  unit: fc.nat(),
  day: fc.integer({ min: 0, max: DAYS }),
  hour: fc.constantFrom(0, 1, 8, 16, 23),
  /** Hours from the receipt to the finish; negative: finished before the receipt (bad data). */
  finishAfter: fc.option(fc.oneof(fc.integer({ min: -300, max: 900 }), fc.constantFrom(0, -1))),
  dueAfter: fc.integer({ min: -3, max: 25 }),
  supplements: fc.constantFrom(0, 1, 2, 3),
  state: fc.constantFrom("resolved", "refused", "withdrawn"),
  voided: fc.boolean(),
});
const period = fc
  .record({ from: fc.integer({ min: -5, max: DAYS + 5 }), length: fc.integer({ min: 0, max: 45 }) })
  .map(({ from, length }) => ({ from: addDays(START, from), to: addDays(START, from + length) }));

type Dossier = typeof dossier extends fc.Arbitrary<infer D> ? D : never;

async function insert(rows: Dossier[]) {
  for (const [i, d] of rows.entries()) {
    const unit = d.unit % unitIds.length;
    const received = at(d.day, d.hour);
    const receivedDay = addDays(START, d.day);
    const finished =
      d.finishAfter === null
        ? null
        : new Date(Date.parse(received) + d.finishAfter * HOUR).toISOString();
    const state =
      finished === null ? (d.state === "withdrawn" ? "withdrawn" : "in_progress") : d.state;
    const due = addDays(receivedDay, d.dueAfter);
    await db.execute(sql`insert into dossiers (id, code, unit_id, procedure_id, applicant_name,
        applicant_phone, channel, received_at, counted_from, due_date, original_due_date, state,
        finished_at, supplement_count, voided_at, void_reason, digitised, online_payment, rule_set)
      values (${randomUUID()}::uuid, ${`O-${i}`}, ${unitIds[unit]}::uuid,
        ${procedureIds[unit]}::uuid, 'Nguyễn Văn Thử', '0912345678', 'in_person',
        ${received}::timestamptz, ${receivedDay}::date, ${due}::date, ${due}::date, ${state},
        ${finished}::timestamptz, ${d.supplements},
        ${d.voided ? received : null}::timestamptz, ${d.voided ? "Nhập trùng" : null},
        false, false, '2025')`);
  }
}

function openCounts(rows: KpiCountRow[]) {
  const out: Record<string, Record<string, number>> = {};
  for (const row of rows) {
    const counts: Record<string, number> = {};
    for (const key of OPEN_KEYS) if (row.counts[key]) counts[key] = row.counts[key];
    if (Object.keys(counts).length > 0) out[String(row.key)] = counts;
  }
  return out;
}

async function compare(p: { from: string; to: string }) {
  const query = { unitIds, period: p };
  const { calendar, index } = kpiWorkingDaysFor(await loadSchedules(db), p, TODAY);
  const raw = await dossierKpiCounts(db, query, "unit", index);
  const rolled = await dossierKpiCountsFromRollups(db, query, "unit", calendar);
  expect({ p, counts: openCounts(rolled) }).toEqual({ p, counts: openCounts(raw) });
}

async function monthsDifferingFromDays() {
  return queryRows(
    db,
    sql`select coalesce(m.unit_id, d.unit_id)::text as unit_id, coalesce(m.month, d.month)::text as month
      from kpi_dossier_months m
      full join (select unit_id, date_trunc('month', day)::date as month,
          sum(received)::int as received, sum(finished)::int as finished
        from kpi_dossier_days group by 1, 2) d on d.unit_id = m.unit_id and d.month = m.month
      where (coalesce(m.received, 0), coalesce(m.finished, 0))
        is distinct from (coalesce(d.received, 0), coalesce(d.finished, 0))`,
  );
}

describe(`dossiers open at an instant from the rollups equal the raw rows (${testDatabaseKind})`, () => {
  beforeAll(async () => {
    t = await createTestDatabase();
    db = t.database.db;
    const province = await makeUnit(db);
    unitIds = [];
    procedureIds = [];
    for (let i = 0; i < 2; i++) {
      const ward = await makeUnit(db, { parent: province });
      unitIds.push(ward.id);
      procedureIds.push((await makeProcedure(db, ward)).id);
    }
  }, 120_000);
  afterAll(async () => t?.cleanup());

  it("carried over, pending and overdue, also after finishes before the receipt and later moves", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(dossier, { minLength: 1, maxLength: 25 }),
        fc.array(period, { minLength: 1, maxLength: 3 }),
        fc.record({
          hours: fc.integer({ min: -400, max: 400 }),
          days: fc.integer({ min: -5, max: 5 }),
        }),
        async (rows, periods, move) => {
          await db.execute(sql`truncate kpi_dossier_days, kpi_dossier_months, kpi_processing_days,
              apology_letters, dossier_pauses, dossiers cascade`);
          await insert(rows);
          const checked = [...periods, { from: "2026-02-01", to: "2026-02-28" }];
          for (const p of checked) await compare(p);
          expect(await monthsDifferingFromDays()).toEqual([]);
          // Every other dossier moved in one statement: receipt and finish apart, due date,
          // supplements, void — the rollups follow the update's statement trigger.
          await db.execute(sql`update dossiers set
              received_at = received_at + ${move.hours} * interval '1 hour',
              finished_at = finished_at - ${move.hours} * interval '1 hour',
              due_date = due_date + ${move.days}::int,
              supplement_count = (supplement_count + 1) % 4,
              voided_at = case when voided_at is null then received_at end,
              void_reason = case when voided_at is null then 'Nhập trùng' end
            where code in (select code from dossiers order by code limit (select count(*) / 2 + 1 from dossiers))`);
          for (const p of checked) await compare(p);
          expect(await monthsDifferingFromDays()).toEqual([]);
        },
      ),
      { numRuns: testDatabaseKind === "pglite" ? 15 : 25 },
    );
  }, 600_000);
});
