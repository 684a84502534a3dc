import { randomUUID } from "node:crypto";
import { sql } from "drizzle-orm";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addDays, isWeekend } from "../../src/core/calendar/calendar-date.ts";
import { OFFICIAL_SCHEDULES, parseOfficialSchedule } from "../../src/core/calendar/index.ts";
import { KPI_COUNT_KEYS, type KpiCounts } from "../../src/core/kpi/index.ts";
import { CopyBuffer } from "../../src/server/db/copy-text.ts";
import { queryRows, type Executor } from "../../src/server/db/database.ts";
import { DOSSIER_COPY_COLUMNS } from "../../src/server/db/dossier-copy.ts";
import { copyNewDossiers } from "../../src/server/db/repositories/dossier-import.repository.ts";
import { dossierKpiCountsFromRollups } from "../../src/server/db/repositories/kpi-rollup.repository.ts";
import {
  dossierKpiCounts,
  type KpiCountRow,
} from "../../src/server/db/repositories/kpi.repository.ts";
import {
  insertOfficialSchedule,
  lastVersionOfYear,
} from "../../src/server/db/repositories/calendar.repository.ts";
import { loadSchedules } from "../../src/server/services/calendar.service.ts";
import { kpiWorkingDaysFor } from "../../src/server/services/kpi-calendar.ts";
import { runKpiRecompute } from "../../src/server/services/kpi-recompute.job.ts";
import { makeProcedure, makeUnit } from "../support/factories.ts";
import {
  createTestDatabase,
  testDatabaseKind,
  type TestDatabase,
} from "../support/test-database.ts";

/**
 * The per-day KPI rollups (migration 0016, kpi-rollup.repository.ts) against the raw computation
 * (kpi.repository.ts) after random histories: desk receipts, every state change (supplement
 * requests and their return, a stop while waiting, results returned, withdrawals), apology letters
 * before and after the finish, bulk imports through the import's own COPY, single and many-row
 * corrections (receipt moved, due date, channel, digitisation, void and un-void, finish moved) and
 * changes to a procedure's online level and fee; then, in some runs, a new official schedule with
 * days off and make-up days inside the window (the processing days rewritten for the new working
 * calendar, `syncKpiWorkingDays`) followed by more of the same writes. Every figure of every unit
 * must be the same for random whole-day periods (a single day to the whole window) and the
 * window's quarter and months, before and after the calendar changes.
 */

const WINDOW_START = "2026-01-01";
const WINDOW_DAYS = 120;
const HOUR = 3_600_000;
const VN = 7 * HOUR;
const vnDay = (ms: number) => new Date(ms + VN).toISOString().slice(0, 10);
const instant = (day: number, minute: number) =>
  Date.parse(`${addDays(WINDOW_START, day)}T00:00:00+07:00`) + minute * 60_000;

let t: TestDatabase;
let db: Executor;
let unitIds: string[] = [];
let procedureIds: string[] = [];

interface Tracked {
  id: string;
  received: number;
  finished: number | null;
  state: string;
  supplements: number;
  openPause: boolean;
  /** The last moment a pause was asked for or ended: a finish comes after it. */
  lastPause: number;
  dueDay: string;
}

const channel = fc.constantFrom("in_person", "online", "postal");
const newDossier = fc.record({
  unit: fc.nat(),
  procedure: fc.nat(),
  day: fc.integer({ min: 0, max: WINDOW_DAYS - 1 }),
  minute: fc.integer({ min: 0, max: 1439 }),
  dueAfter: fc.integer({ min: 0, max: 10 }),
  channel,
  digitised: fc.boolean(),
  payment: fc.boolean(),
});
const command = fc.oneof(
  {
    arbitrary: fc.record({ kind: fc.constant("receive" as const), dossier: newDossier }),
    weight: 3,
  },
  {
    arbitrary: fc.record({
      kind: fc.constant("bulk" as const),
      rows: fc.array(
        fc.record({
          dossier: newDossier,
          finishAfterHours: fc.option(fc.integer({ min: 0, max: 900 })),
          supplements: fc.integer({ min: 0, max: 3 }),
          electronic: fc.boolean(),
          finishState: fc.constantFrom("resolved", "returned", "refused", "stopped"),
        }),
        { minLength: 1, maxLength: 12 },
      ),
    }),
    weight: 1,
  },
  {
    arbitrary: fc.record({
      kind: fc.constant("step" as const),
      pick: fc.nat(),
      action: fc.constantFrom("finish", "finish", "supplement", "resume", "withdraw", "return"),
      afterHours: fc.integer({ min: 1, max: 600 }),
      finishState: fc.constantFrom("resolved", "refused", "stopped"),
    }),
    weight: 5,
  },
  {
    arbitrary: fc.record({
      kind: fc.constant("fix" as const),
      pick: fc.nat(),
      field: fc.constantFrom(
        "void",
        "unvoid",
        "digitised",
        "channel",
        "due",
        "received",
        "electronic",
        "finished",
      ),
      amount: fc.integer({ min: -15, max: 15 }),
    }),
    weight: 2,
  },
  {
    arbitrary: fc.record({
      kind: fc.constant("manyFix" as const),
      unit: fc.nat(),
      beforeDay: fc.integer({ min: 0, max: WINDOW_DAYS }),
    }),
    weight: 1,
  },
  {
    arbitrary: fc.record({
      kind: fc.constant("apology" as const),
      pick: fc.nat(),
      /** From the finish (or the receipt while open): before and after it. */
      afterHours: fc.integer({ min: -300, max: 300 }),
    }),
    weight: 3,
  },
  {
    arbitrary: fc.record({
      kind: fc.constant("procedure" as const),
      procedure: fc.nat(),
      onlineLevel: fc.constantFrom("full", "partial", "none"),
      fee: fc.constantFrom(null, "50.000 đồng", "Miễn lệ phí", "0 đồng", ""),
    }),
    weight: 1,
  },
);

type Command = typeof command extends fc.Arbitrary<infer C> ? C : never;
type NewDossier = typeof newDossier extends fc.Arbitrary<infer D> ? D : never;

function dossierValues(d: NewDossier) {
  const received = instant(d.day, d.minute);
  const receivedDay = vnDay(received);
  return {
    id: randomUUID(),
    unitIndex: d.unit % unitIds.length,
    received,
    receivedDay,
    dueDay: addDays(receivedDay, d.dueAfter),
  };
}

async function apply(c: Command, dossiers: Tracked[], n: { code: number }) {
  const pick = (i: number) => (dossiers.length === 0 ? null : dossiers[i % dossiers.length]!);
  switch (c.kind) {
    case "receive": {
      const v = dossierValues(c.dossier);
      // A procedure of the unit: the units' procedures are interleaved.
      const procedureId = procedureOf(v.unitIndex, c.dossier.procedure);
      await db.execute(sql`insert into dossiers (id, code, unit_id, procedure_id, applicant_name,
          applicant_phone, channel, received_at, counted_from, due_date, original_due_date, state,
          digitised, online_payment, rule_set)
        values (${v.id}::uuid, ${`R-${n.code++}`}, ${unitIds[v.unitIndex]}::uuid, ${procedureId}::uuid,
          'Nguyễn Văn Thử', '0912345678', ${c.dossier.channel}, ${new Date(v.received).toISOString()}::timestamptz,
          ${v.receivedDay}::date, ${v.dueDay}::date, ${v.dueDay}::date, 'received',
          ${c.dossier.digitised}, ${c.dossier.payment}, '2025')`);
      dossiers.push({
        id: v.id,
        received: v.received,
        finished: null,
        state: "received",
        supplements: 0,
        openPause: false,
        lastPause: v.received,
        dueDay: v.dueDay,
      });
      return;
    }
    case "bulk": {
      const batch = new CopyBuffer();
      for (const row of c.rows) {
        const v = dossierValues(row.dossier);
        const finished =
          row.finishAfterHours === null ? null : v.received + row.finishAfterHours * HOUR;
        const state = finished === null ? "in_progress" : row.finishState;
        const values: Record<
          (typeof DOSSIER_COPY_COLUMNS)[number],
          string | number | boolean | null
        > = {
          code: `B-${n.code++}`,
          unit_id: unitIds[v.unitIndex]!,
          procedure_id: procedureOf(v.unitIndex, row.dossier.procedure),
          applicant_name: "Trần Thị Nhập",
          applicant_phone: "0987654321",
          applicant_address: null,
          channel: row.dossier.channel,
          received_at: new Date(v.received).toISOString(),
          counted_from: v.receivedDay,
          due_date: v.dueDay,
          original_due_date: v.dueDay,
          state,
          finished_at: finished === null ? null : new Date(finished).toISOString(),
          returned_at: null,
          supplement_count: row.supplements,
          reason: null,
          digitised: row.dossier.digitised,
          electronic_result: row.electronic,
          online_payment: row.dossier.payment,
          rule_set: "2025",
          import_id: null,
        };
        batch.add(DOSSIER_COPY_COLUMNS.map((column) => values[column]));
        dossiers.push({
          id: String(values.code), // the code until the database gives the id
          received: v.received,
          finished,
          state,
          supplements: row.supplements,
          openPause: false,
          lastPause: v.received,
          dueDay: v.dueDay,
        });
      }
      await db.transaction((tx) => copyNewDossiers(tx, batch.data));
      // The ids the database gave them.
      const codes = dossiers.slice(-c.rows.length).map((d) => d.id);
      const rows = await queryRows<{ id: string; code: string }>(
        db,
        sql`select id, code from dossiers where code in (${sql.join(
          codes.map((code) => sql`${code}`),
          sql`, `,
        )})`,
      );
      const idOf = new Map(rows.map((r) => [r.code, r.id]));
      for (const d of dossiers.slice(-c.rows.length)) d.id = idOf.get(d.id)!;
      return;
    }
    case "step": {
      const d = pick(c.pick);
      if (!d) return;
      const at = Math.max(d.received, d.lastPause) + c.afterHours * HOUR;
      const iso = new Date(at).toISOString();
      if (
        c.action === "finish" &&
        ["received", "in_progress", "supplement_requested"].includes(d.state)
      ) {
        // From a supplement wait only a stop (the pause stays open); a refusal also from receipt.
        const state =
          d.state === "supplement_requested"
            ? "stopped"
            : d.state === "received" && c.finishState === "resolved"
              ? "refused"
              : c.finishState;
        await db.execute(
          sql`update dossiers set state = ${state}, finished_at = ${iso}::timestamptz where id = ${d.id}::uuid`,
        );
        Object.assign(d, { state, finished: at });
      } else if (c.action === "supplement" && ["received", "in_progress"].includes(d.state)) {
        await db.execute(sql`insert into dossier_pauses (dossier_id, requested_at)
          values (${d.id}::uuid, ${iso}::timestamptz)`);
        await db.execute(sql`update dossiers set state = 'supplement_requested',
          supplement_count = supplement_count + 1 where id = ${d.id}::uuid`);
        Object.assign(d, {
          state: "supplement_requested",
          supplements: d.supplements + 1,
          openPause: true,
          lastPause: at,
        });
      } else if (c.action === "resume" && d.state === "supplement_requested" && d.openPause) {
        const paused = Math.max(0, Math.round(c.afterHours / 24));
        await db.execute(sql`update dossier_pauses set resumed_at = ${iso}::timestamptz,
            paused_working_days = ${paused}
          where dossier_id = ${d.id}::uuid and resumed_at is null`);
        const due = addDays(d.dueDay, paused);
        await db.execute(sql`update dossiers set state = 'in_progress', due_date = ${due}::date,
            paused_working_days = paused_working_days + ${paused} where id = ${d.id}::uuid`);
        Object.assign(d, { state: "in_progress", openPause: false, lastPause: at, dueDay: due });
      } else if (c.action === "withdraw" && d.finished === null) {
        await db.execute(sql`update dossiers set state = 'withdrawn' where id = ${d.id}::uuid`);
        d.state = "withdrawn";
      } else if (c.action === "return" && d.state === "resolved") {
        await db.execute(sql`update dossiers set state = 'returned',
            returned_at = ${iso}::timestamptz where id = ${d.id}::uuid`);
        d.state = "returned";
      }
      return;
    }
    case "fix": {
      const d = pick(c.pick);
      if (!d) return;
      const id = sql`${d.id}::uuid`;
      switch (c.field) {
        case "void":
          await db.execute(sql`update dossiers set voided_at = now(), void_reason = 'Nhập nhầm'
            where id = ${id} and voided_at is null`);
          return;
        case "unvoid":
          await db.execute(
            sql`update dossiers set voided_at = null, void_reason = null where id = ${id}`,
          );
          return;
        case "digitised":
          await db.execute(sql`update dossiers set digitised = not digitised where id = ${id}`);
          return;
        case "electronic":
          await db.execute(
            sql`update dossiers set electronic_result = not electronic_result where id = ${id}`,
          );
          return;
        case "channel":
          await db.execute(sql`update dossiers set channel = case channel when 'online'
            then 'in_person' else 'online' end where id = ${id}`);
          return;
        case "due": {
          const due = addDays(vnDay(d.received), Math.abs(c.amount));
          await db.execute(sql`update dossiers set due_date = ${due}::date where id = ${id}`);
          d.dueDay = due;
          return;
        }
        case "received": {
          // Moved earlier only (a receipt stays before its pauses and finish).
          const received = d.received - Math.abs(c.amount) * 5 * HOUR;
          await db.execute(sql`update dossiers set received_at = ${new Date(received).toISOString()}::timestamptz
            where id = ${id}`);
          d.received = received;
          return;
        }
        case "finished": {
          if (d.finished === null) return;
          const finished = Math.max(d.received, d.lastPause, d.finished + c.amount * 7 * HOUR);
          await db.execute(sql`update dossiers set finished_at = ${new Date(finished).toISOString()}::timestamptz
            where id = ${id}`);
          d.finished = finished;
          return;
        }
      }
      return;
    }
    case "manyFix": {
      // One statement over many rows, as a re-import's update of changed rows.
      const before = new Date(instant(c.beforeDay, 0)).toISOString();
      await db.execute(sql`update dossiers set digitised = not digitised,
          online_payment = not online_payment
        where unit_id = ${unitIds[c.unit % unitIds.length]}::uuid and received_at < ${before}::timestamptz`);
      return;
    }
    case "apology": {
      const d = pick(c.pick);
      if (!d) return;
      const at = new Date(Math.max(d.received, (d.finished ?? d.received) + c.afterHours * HOUR));
      await db.execute(sql`insert into apology_letters (dossier_id, number, issued_at, new_due_date, reason, rule_set)
        values (${d.id}::uuid, ${`XL-${n.code++}`}, ${at.toISOString()}::timestamptz, ${addDays(d.dueDay, 5)}::date, 'Chậm', '2025')`);
      return;
    }
    case "procedure": {
      await db.execute(sql`update procedures set online_level = ${c.onlineLevel}, fee_text = ${c.fee}
        where id = ${procedureIds[c.procedure % procedureIds.length]}::uuid`);
      return;
    }
  }
}

function procedureOf(unitIndex: number, k: number): string {
  const own = procedureIds.filter((_, i) => i % unitIds.length === unitIndex);
  return own[k % own.length]!;
}

function byUnit(rows: KpiCountRow[]): Record<string, Partial<KpiCounts>> {
  const out: Record<string, Partial<KpiCounts>> = {};
  for (const row of rows) {
    const counts: Partial<KpiCounts> = {};
    for (const key of KPI_COUNT_KEYS) if (row.counts[key] !== 0) counts[key] = row.counts[key];
    if (Object.keys(counts).length > 0) out[String(row.key)] = counts;
  }
  return out;
}

/** A fixed "today" for the calendar's extent (kpi-calendar.ts), so no test reads the clock. */
const TODAY = "2026-06-01";

async function compare(period: { from: string; to: string }) {
  const query = { unitIds, period };
  // The raw rows with the working days of the schedules in force now; the rollups with the same
  // calendar, which their copy in the database is first synced to when it differs.
  const { calendar, index } = kpiWorkingDaysFor(await loadSchedules(db), period, TODAY);
  const raw = await dossierKpiCounts(db, query, "unit", index);
  const rolled = await dossierKpiCountsFromRollups(db, query, "unit", calendar);
  expect({ period, counts: byUnit(rolled) }).toEqual({ period, counts: byUnit(raw) });
  // The monthly rollups (migration 0033) are the sums of the daily ones over each month.
  const months = await queryRows<{ unit_id: string; month: string }>(
    db,
    sql`select coalesce(m.unit_id, d.unit_id)::text as unit_id, coalesce(m.month, d.month)::text as month
      from kpi_dossier_months m
      full join (select unit_id, date_trunc('month', day)::date as month,
          sum(received)::int as received, sum(finished)::int as finished
        from kpi_dossier_days group by 1, 2) d on d.unit_id = m.unit_id and d.month = m.month
      where (coalesce(m.received, 0), coalesce(m.finished, 0))
        is distinct from (coalesce(d.received, 0), coalesce(d.finished, 0))`,
  );
  expect(months).toEqual([]);
}

/**
 * An administrator's new 2026 schedule (the built-in one with extra days off on the given
 * weekdays and work on the given weekend days), stored as the calendar service stores it: the
 * working days of every dossier spanning those days change.
 */
async function changeCalendar(daysOff: number[], workedWeekends: number[]) {
  const seed = OFFICIAL_SCHEDULES.find((s) => s.year === 2026)!;
  const entries = [...seed.entries];
  for (const day of new Set(daysOff.map((d) => addDays(WINDOW_START, d)))) {
    if (!isWeekend(day)) entries.push({ kind: "official", date: day, name: "Nghỉ thử" });
  }
  for (const day of new Set(workedWeekends.map((d) => addDays(WINDOW_START, d)))) {
    if (isWeekend(day)) entries.push({ kind: "makeup_workday", date: day, name: "Làm bù thử" });
  }
  const version = (await lastVersionOfYear(db, 2026)) + 1;
  const schedule = parseOfficialSchedule({ ...seed, version, entries });
  await insertOfficialSchedule(db, {
    year: 2026,
    version,
    effectiveFrom: schedule.effectiveFrom,
    source: "Lịch thử",
    schedule,
  });
}

/**
 * Runs the recompute (kpi-recompute.job.ts) in batches of 3 rows, stopped after `stop` committed
 * batches as a crash would stop it (null: to its end); each call is a new owner, as a restarted
 * job after its lease lapsed.
 */
async function recomputeBatches(stop: number | null) {
  const crash = new Error("crash");
  try {
    await runKpiRecompute(db, `test-${randomUUID()}`, new AbortController().signal, {
      firstBatchRows: 3,
      minBatchRows: 3,
      maxBatchRows: 3,
      pauseMs: 0,
      afterBatch: ({ number }) => {
        if (stop !== null && number >= stop) throw crash;
      },
    });
  } catch (error) {
    if (error !== crash) throw error;
  }
}

/** Rollup rows not of the calendar's current version. */
async function staleRows() {
  const [row] = await queryRows<{ n: number }>(
    db,
    sql`select count(*)::int as n from kpi_dossier_days t
      left join kpi_working_calendar c on c.id = 1
      where t.calendar_version is distinct from c.version`,
  );
  return Number(row!.n);
}

describe(`per-day KPI rollups equal the raw computation (${testDatabaseKind})`, () => {
  beforeAll(async () => {
    t = await createTestDatabase();
    db = t.database.db;
    const province = await makeUnit(db);
    const wards = [
      await makeUnit(db, { parent: province }),
      await makeUnit(db, { parent: province }),
    ];
    unitIds = wards.map((w) => w.id);
    procedureIds = [];
    for (let i = 0; i < 3; i++) {
      for (const ward of wards) {
        procedureIds.push(
          (await makeProcedure(db, ward, { onlineLevel: i === 0 ? "full" : "partial" })).id,
        );
      }
    }
  }, 120_000);
  afterAll(async () => t?.cleanup());

  it("after random receipts, state changes, apologies, bulk imports and corrections", async () => {
    const lastDay = WINDOW_DAYS + 40;
    const period = fc
      .tuple(fc.integer({ min: 0, max: lastDay }), fc.integer({ min: 0, max: 60 }))
      .map(([a, length]) => ({
        from: addDays(WINDOW_START, a),
        to: addDays(WINDOW_START, Math.min(lastDay, a + length)),
      }));
    await fc.assert(
      fc.asyncProperty(
        fc.array(command, { minLength: 1, maxLength: 60 }),
        fc.array(period, { minLength: 1, maxLength: 3 }),
        fc.option(
          fc.record({
            daysOff: fc.array(fc.integer({ min: 0, max: WINDOW_DAYS }), { maxLength: 6 }),
            worked: fc.array(fc.integer({ min: 0, max: WINDOW_DAYS }), { maxLength: 4 }),
            after: fc.array(command, { maxLength: 20 }),
            stopAfter: fc.integer({ min: 1, max: 4 }),
          }),
        ),
        async (commands, periods, calendarChange) => {
          await db.execute(sql`truncate kpi_dossier_days, kpi_dossier_months, kpi_processing_days,
              kpi_late_apologies, apology_letters, dossier_pauses, dossiers cascade`);
          await db.execute(sql`delete from official_schedules`);
          const dossiers: Tracked[] = [];
          const n = { code: 0 };
          for (const c of commands) await apply(c, dossiers, n);
          const checked = [
            ...periods,
            { from: "2026-01-01", to: "2026-03-31" },
            { from: "2026-02-01", to: "2026-02-28" },
            { from: "2026-04-01", to: "2026-04-30" },
          ];
          for (const p of checked) await compare(p);
          if (calendarChange) {
            // The calendar changes under the recorded dossiers: the first read writes the new
            // ordinals and queues the recompute; until the job has rewritten a row, reads compute
            // its processing days from their source. Reads before the job, with it stopped after
            // a few batches (writes classed with the new calendar in between), and after it ends.
            await changeCalendar(calendarChange.daysOff, calendarChange.worked);
            for (const p of checked) await compare(p);
            const half = Math.floor(calendarChange.after.length / 2);
            await recomputeBatches(calendarChange.stopAfter);
            for (const p of checked) await compare(p);
            for (const c of calendarChange.after.slice(0, half)) await apply(c, dossiers, n);
            for (const p of checked) await compare(p);
            await recomputeBatches(calendarChange.stopAfter);
            for (const c of calendarChange.after.slice(half)) await apply(c, dossiers, n);
            await recomputeBatches(null);
            expect(await staleRows()).toBe(0);
            for (const p of checked) await compare(p);
          }
        },
      ),
      { numRuns: testDatabaseKind === "pglite" ? 25 : 40 },
    );
  }, 900_000);
});
