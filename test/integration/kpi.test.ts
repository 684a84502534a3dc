import { randomUUID } from "node:crypto";
import { sql, type SQL } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addDays } from "../../src/core/calendar/calendar-date.ts";
import { countWorkingDays } from "../../src/core/calendar/working-days.ts";
import { timeliness } from "../../src/core/dossier/timeliness.ts";
import { procedureHasFee } from "../../src/core/kpi/index.ts";
import { UnitTree } from "../../src/core/organization/unit-tree.ts";
import { queryRows } from "../../src/server/db/database.ts";
import { loadWorkingCalendar } from "../../src/server/services/calendar.service.ts";
import { makeWardWorld, signIn, WARD_AGENCIES, type WardWorld } from "../support/desk-fixtures.ts";
import { makeAgency, makeDesk, makeProcedure, makeUnit } from "../support/factories.ts";
import { startTestApp, type ApiClient, type TestApp } from "../support/test-app.ts";
import { testDatabaseKind } from "../support/test-database.ts";

/**
 * KPI figures on a seeded random dataset, against a straightforward computation written here in
 * TypeScript over the raw rows; then the on-time edge cases through the desk's own actions.
 */
let t: TestApp;
let reviewer: ApiClient;
let provinceId: string;
let world: WardWorld;

/* ---------- a small deterministic random generator ---------- */
function mulberry32(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let x = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    x = (x + Math.imul(x ^ (x >>> 7), 61 | x)) ^ x;
    return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
  };
}
const random = mulberry32(20251014);
const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;
const chance = (p: number) => random() < p;
const int = (min: number, max: number) => min + Math.floor(random() * (max - min + 1));

const VN = 7 * 3600_000;
const vnDay = (instant: Date) => new Date(instant.getTime() + VN).toISOString().slice(0, 10);
/** An instant at a Vietnam day and minute of the day. */
const vnInstant = (day: string, minute: number) =>
  new Date(Date.parse(`${day}T00:00:00+07:00`) + minute * 60_000);

interface Raw {
  id: string;
  unit_id: string;
  procedure_id: string;
  handler_agency_id: string | null;
  channel: string;
  received_at: Date;
  counted_from: string;
  due_date: string;
  state: string;
  finished_at: Date | null;
  supplement_count: number;
  paused_working_days: number;
  digitised: boolean;
  electronic_result: boolean;
  online_payment: boolean;
  voided_at: Date | null;
}

/** Each commune's catalogue: several fields, same-day to two-week procedures. */
const CATALOGUE = [
  { code: "1.001193", field: "Hộ tịch", processingDays: 0 },
  { code: "1.000894", field: "Hộ tịch", processingDays: 1 },
  { code: "1.004873", field: "Hộ tịch", processingDays: 3 },
  { code: "1.004884", field: "Hộ tịch", processingDays: 5 },
  { code: "2.000908", field: "Chứng thực", processingDays: 1 },
  { code: "1.004194", field: "Đăng ký, quản lý cư trú", processingDays: 3 },
  { code: "1.013225", field: "Hoạt động xây dựng", processingDays: 15 },
  { code: "1.000748", field: "Thi đua - khen thưởng", processingDays: 12 },
];

/**
 * A province after the July 2025 reform: a ward (with its cast, see desk-fixtures.ts) that two
 * older wards of a former district were merged into, two more communes; each active commune with
 * its agencies and catalogue. The merged-away wards keep their history and count for the ward.
 */
async function makeProvince() {
  const db = t.db.database.db;
  const world = await makeWardWorld(db);
  const { province, ward } = world;
  const district = await makeUnit(db, {
    parent: province,
    level: "district",
    kind: null,
    name: "Thành phố Thử",
    validTo: "2025-06-30",
  });
  for (const name of ["Phường Cũ Một", "Phường Cũ Hai"])
    await makeUnit(db, { parent: district, name, validTo: "2025-06-30", mergedInto: ward });
  const communes = [ward];
  for (const kind of ["phuong", "xa", "dac_khu"] as const) {
    const commune = await makeUnit(db, { parent: province, kind, validFrom: "2025-07-01" });
    await makeDesk(db, commune);
    for (const agency of Object.values(WARD_AGENCIES)) await makeAgency(db, commune, agency);
    communes.push(commune);
  }
  for (const commune of communes)
    for (const procedure of CATALOGUE) await makeProcedure(db, commune, procedure);
  return world;
}

beforeAll(async () => {
  t = await startTestApp({ demo: false });
  world = await makeProvince();
  reviewer = await signIn(t, world.users.reviewer);
  const db = t.db.database.db;
  const units = await queryRows<{ id: string; parent_id: string | null; code: string }>(
    db,
    sql`select id, parent_id, code from units`,
  );
  provinceId = units.find((u) => u.parent_id === null)!.id;
  const procedures = await queryRows<{ id: string; unit_id: string }>(
    db,
    sql`select id, unit_id from procedures`,
  );
  // Vary the catalogue: some procedures fully online, fees of every kind of wording.
  const fees = [
    null,
    "Miễn lệ phí",
    "50.000 đồng",
    "0 đồng",
    "Không",
    "Mức lệ phí do HĐND cấp tỉnh quyết định",
  ];
  for (const p of procedures) {
    await db.execute(sql`update procedures set online_level = ${pick(["full", "partial", "none"])},
      fee_text = ${pick(fees)} where id = ${p.id}::uuid`);
  }
  const agencies = await queryRows<{ id: string; unit_id: string }>(
    db,
    sql`select id, unit_id from agencies`,
  );
  const states = ["received", "in_progress", "supplement_requested"];
  const finishing = ["resolved", "returned", "refused", "stopped"];
  const dossierValues: SQL[] = [];
  const pauseValues: SQL[] = [];
  const apologyValues: SQL[] = [];
  for (let i = 0; i < 500; i++) {
    const id = randomUUID();
    const procedure = pick(procedures);
    const received = vnInstant(addDays("2025-01-01", int(0, 420)), int(7 * 60, 17 * 60));
    const receivedDay = vnDay(received);
    const due = addDays(receivedDay, int(0, 25));
    const finished = chance(0.75)
      ? vnInstant(addDays(receivedDay, int(0, 40)), int(0, 1439))
      : null;
    const withdrawn = chance(0.04);
    const state = withdrawn ? "withdrawn" : finished ? pick(finishing) : pick(states);
    // Supplements are asked for and received while the dossier is open (the workflow allows
    // nothing else; the per-day rollups rely on it): pauses past the finish are not generated.
    const pauses: { requested: Date; resumed: Date | null }[] = [];
    let at = received.getTime();
    for (let s = 0, wanted = chance(0.25) ? int(1, 3) : 0; s < wanted; s++) {
      at += int(1, 12) * 86_400_000;
      const open = s === wanted - 1 && state === "supplement_requested";
      const resumed = open ? null : new Date(at + int(1, 5) * 86_400_000);
      if (finished && (resumed ?? new Date(at)).getTime() >= finished.getTime()) break;
      pauses.push({ requested: new Date(at), resumed });
      if (resumed) at = resumed.getTime();
    }
    const supplements = pauses.length;
    const agency = agencies.filter((a) => a.unit_id === procedure.unit_id);
    const voided = chance(0.03);
    dossierValues.push(
      sql`(${id}::uuid, ${`KPI-${i}`}, ${procedure.unit_id}::uuid, ${procedure.id}::uuid, 'Nguyễn Văn Thử',
          '0912345678', ${pick(["in_person", "online", "online", "postal"])},
          ${received.toISOString()}::timestamptz, ${receivedDay}::date, ${due}::date, ${due}::date,
          ${state}, ${agency.length > 0 && chance(0.7) ? pick(agency).id : null}::uuid,
          ${withdrawn ? null : (finished?.toISOString() ?? null)}::timestamptz, ${supplements},
          ${supplements > 0 ? int(0, 6) : 0}, ${chance(0.6)}, ${chance(0.5)}, ${chance(0.3)}, '2025',
          ${voided ? "2026-01-05T02:00:00Z" : null}::timestamptz, ${voided ? "Nhập nhầm" : null})`,
    );
    for (const { requested, resumed } of pauses) {
      pauseValues.push(
        sql`(${id}::uuid, ${requested.toISOString()}::timestamptz, ${resumed?.toISOString() ?? null}::timestamptz)`,
      );
    }
    if (chance(0.3)) {
      apologyValues.push(sql`(${id}::uuid, ${`XL-${i}`}, ${new Date(received.getTime() + int(0, 40) * 86_400_000).toISOString()}::timestamptz,
          ${addDays(due, 10)}::date, 'Chậm', '2025')`);
    }
  }
  await db.execute(sql`insert into dossiers (id, code, unit_id, procedure_id, applicant_name,
      applicant_phone, channel, received_at, counted_from, due_date, original_due_date, state,
      handler_agency_id, finished_at, supplement_count, paused_working_days, digitised,
      electronic_result, online_payment, rule_set, voided_at, void_reason)
    values ${sql.join(dossierValues, sql`, `)}`);
  await db.execute(sql`insert into dossier_pauses (dossier_id, requested_at, resumed_at)
    values ${sql.join(pauseValues, sql`, `)}`);
  await db.execute(sql`insert into apology_letters (dossier_id, number, issued_at, new_due_date, reason, rule_set)
    values ${sql.join(apologyValues, sql`, `)}`);
  const feedbackValues: SQL[] = [];
  const feedbackStates = [
    "received",
    "classified",
    "assigned",
    "answered",
    "published",
    "transferred",
    "rejected",
  ];
  for (let i = 0; i < 200; i++) {
    const unit = pick(procedures).unit_id;
    const received = vnInstant(addDays("2025-01-01", int(0, 420)), int(0, 1439));
    const receivedDay = vnDay(received);
    const state = pick(feedbackStates);
    const open = ["received", "classified", "assigned"].includes(state);
    const finished = open ? null : vnInstant(addDays(receivedDay, int(0, 30)), int(0, 1439));
    const satisfaction =
      !open && chance(0.5) ? pick(["satisfied", "neutral", "unsatisfied"]) : null;
    feedbackValues.push(sql`(${`PAKN.KPI.${i}`}, ${unit}::uuid, 'phone', 'Trần Thị Hỏi', '0987654321', 'Tiêu đề', 'Nội dung',
        ${received.toISOString()}::timestamptz, ${receivedDay}::date, ${addDays(receivedDay, 15)}::date,
        ${addDays(receivedDay, 5)}::date, '2025', ${state}, ${finished?.toISOString() ?? null}::timestamptz,
        ${satisfaction}, ${satisfaction && finished ? new Date(finished.getTime() + int(0, 20) * 86_400_000).toISOString() : null}::timestamptz)`);
  }
  await db.execute(sql`insert into feedback (code, unit_id, channel, sender_name, sender_phone, title,
      content, received_at, counted_from, due_date, transfer_due_date, rule_set, state, finished_at,
      satisfaction, satisfaction_at)
    values ${sql.join(feedbackValues, sql`, `)}`);
}, 300_000);
afterAll(() => t.close());

/* ---------- the straightforward computation ---------- */

async function expected(unitId: string, from: string, to: string) {
  const db = t.db.database.db;
  const calendar = await loadWorkingCalendar(db);
  const tree = new UnitTree(
    await queryRows<{
      id: string;
      parentId: string | null;
      validFrom: string | null;
      validTo: string | null;
      mergedIntoId: string | null;
    }>(
      db,
      sql`select id, parent_id as "parentId", valid_from::text as "validFrom", valid_to::text as "validTo", merged_into_id as "mergedIntoId" from units`,
    ),
  );
  const unitIds = new Set(tree.unitsCountingFor(unitId, { from, to }));
  const dossiers = await queryRows<Raw>(
    db,
    sql`select *, counted_from::text as counted_from, due_date::text as due_date from dossiers`,
  );
  const pauses = await queryRows<{
    dossier_id: string;
    requested_at: Date;
    resumed_at: Date | null;
  }>(db, sql`select * from dossier_pauses`);
  const apologies = await queryRows<{ dossier_id: string; issued_at: Date }>(
    db,
    sql`select * from apology_letters`,
  );
  const procedures = new Map(
    (
      await queryRows<{ id: string; online_level: string; fee_text: string | null }>(
        db,
        sql`select * from procedures`,
      )
    ).map((p) => [p.id, p]),
  );
  const start = new Date(`${from}T00:00:00+07:00`);
  const end = new Date(`${addDays(to, 1)}T00:00:00+07:00`);
  const c: Record<string, number> = {};
  const add = (key: string, n = 1) => (c[key] = (c[key] ?? 0) + n);
  const sets: Record<string, string[]> = {};
  for (const d of dossiers) {
    if (!unitIds.has(d.unit_id) || d.voided_at || d.state === "withdrawn") continue;
    const received = new Date(d.received_at);
    if (received >= end) continue;
    const originalFinish = d.finished_at ? new Date(d.finished_at) : null;
    const isNew = received >= start;
    if (!isNew && originalFinish && originalFinish < start) continue;
    const finished = originalFinish && originalFinish < end ? originalFinish : null;
    const own = pauses.filter((p) => p.dossier_id === d.id);
    const supplements =
      d.supplement_count < 2
        ? d.supplement_count
        : d.supplement_count - own.filter((p) => new Date(p.requested_at) >= end).length;
    const waiting = own.some(
      (p) =>
        new Date(p.requested_at) < end &&
        (p.resumed_at === null || new Date(p.resumed_at) >= end) &&
        vnDay(new Date(p.requested_at)) <= d.due_date,
    );
    const due = d.supplement_count > 0 && waiting && to > d.due_date ? to : d.due_date;
    const cls = timeliness({
      dueDate: due,
      finishedOn: finished ? vnDay(finished) : null,
      supplementCount: supplements,
      today: to,
    })!;
    const procedure = procedures.get(d.procedure_id)!;
    add(isNew ? "receivedNew" : "carriedOver");
    add(
      {
        early: "early",
        on_time: "onTime",
        late: "late",
        pending: "pendingAtEnd",
        overdue: "overdueAtEnd",
      }[cls],
    );
    if (finished) {
      add("resolved");
      const days =
        countWorkingDays(d.counted_from, vnDay(finished), calendar) - d.paused_working_days;
      add("processingDaysSum", Math.max(0, days));
      if (d.state === "resolved" || d.state === "returned") {
        add("withResult");
        if (d.electronic_result) add("electronicResult");
      }
    }
    if (cls === "late" || cls === "overdue") {
      const apologised = apologies.some(
        (a) => a.dossier_id === d.id && new Date(a.issued_at) < end,
      );
      if (apologised) add("lateWithApology");
      (sets[apologised ? "late_with_apology" : "late_without_apology"] ??= []).push(d.id);
    }
    if (isNew) {
      if (d.channel === "online") add("online");
      if (procedure.online_level === "full") {
        add("fullOnlineEligible");
        if (d.channel === "online") add("fullOnline");
      }
      if (d.digitised) add("digitised");
      if (procedureHasFee(procedure.fee_text)) {
        add("feeDue");
        if (d.online_payment) add("onlinePayment");
      }
    }
  }
  const feedback = await queryRows<{
    unit_id: string;
    received_at: Date;
    state: string;
    due_date: string;
    finished_at: Date | null;
    satisfaction: string | null;
    satisfaction_at: Date | null;
  }>(
    db,
    sql`select unit_id, received_at, state, due_date::text as due_date, finished_at, satisfaction, satisfaction_at from feedback`,
  );
  for (const f of feedback) {
    const received = new Date(f.received_at);
    if (!unitIds.has(f.unit_id) || received < start || received >= end) continue;
    const rated =
      f.satisfaction !== null && f.satisfaction_at !== null && new Date(f.satisfaction_at) < end;
    if (rated) add("feedbackRated");
    if (rated && f.satisfaction === "satisfied") add("feedbackSatisfied");
    if (f.state === "transferred" || f.state === "rejected") continue;
    add("feedbackWithinCompetence");
    const finishedOn =
      f.finished_at && new Date(f.finished_at) < end ? vnDay(new Date(f.finished_at)) : null;
    const late = finishedOn !== null && finishedOn > f.due_date;
    const overdue = finishedOn === null && to > f.due_date;
    if (finishedOn !== null && !late) add("feedbackOnTime");
    if (late) add("feedbackLate");
    if (finishedOn === null && !overdue) add("feedbackPending");
    if (overdue) add("feedbackOverdue");
    if (late || overdue || (rated && f.satisfaction === "unsatisfied"))
      add("feedbackUnsatisfiedOrLate");
  }
  c.processingDaysCount = c.resolved ?? 0;
  return { counts: c, sets };
}

function nonZero(counts: Record<string, number>) {
  return Object.fromEntries(Object.entries(counts).filter(([, n]) => n !== 0));
}

const PERIODS = [
  { query: "period=quarter&year=2025&number=3", from: "2025-07-01", to: "2025-09-30" },
  { query: "period=month&year=2025&number=11", from: "2025-11-01", to: "2025-11-30" },
  { query: "period=custom&from=2025-05-15&to=2026-01-20", from: "2025-05-15", to: "2026-01-20" },
];

describe(`KPIs on a seeded dataset against a straightforward computation (${testDatabaseKind})`, () => {
  it.each(PERIODS)("the province's totals over $from – $to", async (period) => {
    const r = await reviewer.get(`/api/kpi?unitId=${provinceId}&${period.query}&groupBy=unit`);
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    const { counts: want } = await expected(provinceId, period.from, period.to);
    const got = r.body.data.total.counts;
    const { toProcess, lateOrOverdue, lateWithoutApology, ...raw } = got;
    expect(nonZero(raw)).toEqual(nonZero(want));
    expect(toProcess).toBe((want.receivedNew ?? 0) + (want.carriedOver ?? 0));
    expect(lateOrOverdue - lateWithoutApology).toBe(want.lateWithApology ?? 0);
    expect(want.receivedNew).toBeGreaterThan(5);

    // Side by side: each unit's own figures, and rates of the total recomputed from the sums.
    for (const row of r.body.data.rows) {
      const { counts: rowWant } = await expected(row.key, period.from, period.to);
      const { toProcess: _a, lateOrOverdue: _b, lateWithoutApology: _c, ...rowRaw } = row.counts;
      expect(nonZero(rowRaw), row.name).toEqual(nonZero(rowWant));
    }
    const rate = r.body.data.total.rates.on_time_rate;
    expect(rate.numerator).toBe((want.early ?? 0) + (want.onTime ?? 0));
    expect(rate.denominator).toBe(want.resolved ?? 0);
    const sumNumerators = r.body.data.rows.reduce(
      (s: number, x: any) => s + x.rates.online_dossier_rate.numerator,
      0,
    );
    expect(sumNumerators).toBe(r.body.data.total.rates.online_dossier_rate.numerator);
  });

  it("breaks down by procedure, field and agency into the same total", async () => {
    const period = PERIODS[0]!;
    for (const groupBy of ["procedure", "field", "agency"]) {
      const r = await reviewer.get(
        `/api/kpi?unitId=${provinceId}&${period.query}&groupBy=${groupBy}`,
      );
      expect(r.status, JSON.stringify(r.body)).toBe(200);
      const sum = (key: string) =>
        r.body.data.rows.reduce((s: number, x: any) => s + x.counts[key], 0);
      for (const key of [
        "receivedNew",
        "carriedOver",
        "resolved",
        "late",
        "overdueAtEnd",
        "onlinePayment",
      ]) {
        expect(sum(key), `${groupBy} ${key}`).toBe(r.body.data.total.counts[key]);
      }
    }
  });

  it("drills down to the dossiers behind a figure, paged", async () => {
    const period = PERIODS[2]!;
    const { sets } = await expected(provinceId, period.from, period.to);
    const want = sets.late_without_apology ?? [];
    expect(want.length).toBeGreaterThan(3);
    const base = `/api/kpi/dossiers?unitId=${provinceId}&${period.query}&set=late_without_apology`;
    const first = await reviewer.get(`${base}&limit=3`);
    expect(first.status, JSON.stringify(first.body)).toBe(200);
    expect(first.body.total).toBe(want.length);
    const all = await reviewer.get(`${base}&limit=500`);
    expect(all.body.data.map((d: any) => d.id).sort()).toEqual([...want].sort());
    expect(first.body.data.map((d: any) => d.id)).toEqual(
      all.body.data.slice(0, 3).map((d: any) => d.id),
    );
    for (const d of all.body.data) expect(["late", "overdue"]).toContain(d.timeliness);
  });

  it("gives the scoring engine its inputs keyed by the portal's codes", async () => {
    const period = PERIODS[0]!;
    const r = await reviewer.get(`/api/kpi/metric-inputs?unitId=${provinceId}&${period.query}`);
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    const { counts: want } = await expected(provinceId, period.from, period.to);
    const n = (k: string) => want[k] ?? 0;
    expect(r.body.data.ON_TIME).toEqual({
      numerator: n("early") + n("onTime") + n("pendingAtEnd"),
      denominator: n("receivedNew") + n("carriedOver"),
    });
    expect(r.body.data.PETITION_PROCESSING_ON_TIME).toEqual({
      numerator: n("feedbackOnTime") + n("feedbackPending"),
      denominator: n("feedbackWithinCompetence"),
    });
    expect(r.body.data.PUBLISH_ON_TIME).toBeUndefined();
  });

  it("scores the 766 service index from the same live inputs and says what it could not measure", async () => {
    const period = PERIODS[0]!;
    const inputs = (
      await reviewer.get(`/api/kpi/metric-inputs?unitId=${provinceId}&${period.query}`)
    ).body.data;
    const r = await reviewer.get(`/api/kpi/service-index-766?unitId=${provinceId}&${period.query}`);
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    const { score, notMeasured } = r.body.data;
    type Node = {
      code: string;
      points: number;
      numerator: number | null;
      denominator: number | null;
      basis: string;
      explanation: string;
      children: Node[];
    };
    const find = (nodes: Node[], code: string): Node | undefined =>
      nodes.map((n) => (n.code === code ? n : find(n.children, code))).find(Boolean);
    const onTime = find(score.nodes, "ON_TIME")!;
    expect({ numerator: onTime.numerator, denominator: onTime.denominator }).toEqual(
      inputs.ON_TIME,
    );
    expect(onTime.basis).toBe("data");
    expect(onTime.explanation).toMatch(/hồ sơ/);
    const publish = find(score.nodes, "PUBLISH_ON_TIME")!;
    expect(publish.basis).toBe("policy");
    expect(notMeasured.map((n: { code: string }) => n.code)).toContain("PUBLISH_ON_TIME");
    const groups = score.nodes.reduce((sum: number, n: Node) => sum + n.points, 0);
    expect(Math.abs(groups - score.total)).toBeLessThan(0.05);
    expect(score.band).not.toBeNull();
  });

  it("gives each month of a period the figures of that month alone", async () => {
    const r = await reviewer.get(`/api/kpi/trend?unitId=${provinceId}&${PERIODS[0]!.query}`);
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body.data.months.map((m: { period: { from: string } }) => m.period.from)).toEqual([
      "2025-07-01",
      "2025-08-01",
      "2025-09-01",
    ]);
    for (const month of r.body.data.months) {
      const number = Number(month.period.from.slice(5, 7));
      const alone = await reviewer.get(
        `/api/kpi?unitId=${provinceId}&period=month&year=2025&number=${number}`,
      );
      expect(month.counts).toEqual(alone.body.data.total.counts);
    }
  });

  it("refuses a bad period and a unit out of reach", async () => {
    const bad = await reviewer.get(
      `/api/kpi?unitId=${provinceId}&period=custom&from=2025-05-01&to=2025-04-01`,
    );
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe("KPI_PERIOD_INVALID");
    const noYear = await reviewer.get(`/api/kpi?unitId=${provinceId}&period=quarter`);
    expect(noYear.body.error.code).toBe("KPI_PERIOD_INVALID");
    const clerk = await signIn(t, world.users.clerk);
    const refused = await clerk.get(`/api/kpi?unitId=${provinceId}&period=year&year=2025`);
    expect(refused.status).toBe(404);
    expect(refused.body.error.code).toBe("UNIT_NOT_FOUND");
    expect(
      (await t.client().get(`/api/kpi?unitId=${provinceId}&period=year&year=2025`)).status,
    ).toBe(401);
  });
});

describe(`the on-time rules at the period's end (${testDatabaseKind})`, () => {
  let clerk: ApiClient;
  let wardId: string;
  let procedureId: string;

  beforeAll(async () => {
    clerk = await signIn(t, world.users.clerk);
    wardId = (await clerk.get("/api/auth/me")).body.data.user.unit.id;
    const procedures = (await clerk.get(`/api/procedures?unitId=${wardId}`)).body.data;
    procedureId = procedures.find((p: any) => p.processingDays >= 3).id;
  });

  async function receive(at: string) {
    const r = await clerk.post("/api/dossiers", {
      procedureId,
      applicantName: "Lê Văn Biên",
      applicantPhone: "0911 222 333",
      channel: "in_person",
      receivedAt: at,
    });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    return r.body.data as { id: string; dueDate: string };
  }
  async function act(id: string, action: string, at: string) {
    const r = await clerk.post(`/api/dossiers/${id}/transitions`, { action, at, note: "Ghi chú" });
    expect(r.status, `${action} ${JSON.stringify(r.body)}`).toBe(200);
    return r.body.data;
  }
  /** The day itself or the next Monday–Friday (no public holiday in March–April 2026). */
  function weekday(day: string) {
    let d = day;
    while ([0, 6].includes(new Date(`${d}T00:00:00Z`).getUTCDay())) d = addDays(d, 1);
    return d;
  }
  async function apologise(id: string, at: string, newDueDate: string) {
    const r = await clerk.post(`/api/dossiers/${id}/apologies`, {
      reason: "Chậm",
      newDueDate: weekday(newDueDate),
      at,
    });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
  }
  /** The dossier's class at the end of [from, to], as the drill-down lists it (null: not listed). */
  async function classAt(id: string, from: string, to: string, set = "to_process") {
    const r = await reviewer.get(
      `/api/kpi/dossiers?unitId=${wardId}&period=custom&from=${from}&to=${to}&set=${set}&limit=500`,
    );
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    return r.body.data.find((d: any) => d.id === id)?.timeliness ?? null;
  }

  it("finishes at the first of resolved and returned: a result returned late is still on time", async () => {
    const d = await receive("2026-03-02 09:00");
    await act(d.id, "hand_over", "2026-03-02 10:00");
    await act(d.id, "resolve", `${d.dueDate} 16:00`);
    await act(d.id, "return_result", `${addDays(d.dueDate, 12)} 09:00`);
    expect(await classAt(d.id, "2026-03-01", "2026-04-30")).toBe("on_time");
  });

  it("does not count the wait for a supplement", async () => {
    const d = await receive("2026-03-02 09:00");
    await act(d.id, "hand_over", "2026-03-02 10:00");
    await act(d.id, "request_supplement", "2026-03-03 09:00");
    const resumed = await act(d.id, "receive_supplement", "2026-03-04 09:00");
    expect(resumed.dueDate > d.dueDate).toBe(true);
    // Resolved after the first due date, on the one moved by the pause.
    await act(d.id, "resolve", `${resumed.dueDate} 16:00`);
    expect(await classAt(d.id, "2026-03-01", "2026-04-30")).toBe("on_time");
  });

  it("counts a second supplement request as late, whatever the dates", async () => {
    const d = await receive("2026-03-02 09:00");
    await act(d.id, "hand_over", "2026-03-02 10:00");
    await act(d.id, "request_supplement", "2026-03-02 11:00");
    await act(d.id, "receive_supplement", "2026-03-02 14:00");
    // Before the second request (period ending that day) it is within its due date…
    expect(await classAt(d.id, "2026-03-01", "2026-03-02")).toBe("pending");
    await act(d.id, "request_supplement", "2026-03-03 09:00");
    await act(d.id, "receive_supplement", "2026-03-03 10:00");
    await apologise(d.id, "2026-03-03 11:00", addDays(d.dueDate, 5));
    await act(d.id, "resolve", "2026-03-03 15:00");
    // …and late from the second request on, although it was resolved early.
    expect(await classAt(d.id, "2026-03-01", "2026-03-31")).toBe("late");
    expect(await classAt(d.id, "2026-03-01", "2026-03-02")).toBe("pending");
  });

  it("never makes a late dossier on time by an apology, but counts the apology", async () => {
    const d = await receive("2026-03-02 09:00");
    await act(d.id, "hand_over", "2026-03-02 10:00");
    const newDue = addDays(d.dueDate, 10);
    await apologise(d.id, `${d.dueDate} 15:00`, newDue);
    await act(d.id, "resolve", `${addDays(d.dueDate, 2)} 10:00`);
    expect(await classAt(d.id, "2026-03-01", "2026-04-30")).toBe("late");
    expect(await classAt(d.id, "2026-03-01", "2026-04-30", "late_with_apology")).toBe("late");
    expect(await classAt(d.id, "2026-03-01", "2026-04-30", "late_without_apology")).toBeNull();
  });

  it("judges a dossier open at the period's end as within or past its due date at that moment", async () => {
    const d = await receive("2026-03-02 09:00");
    await act(d.id, "hand_over", "2026-03-02 10:00");
    const dayBefore = addDays(d.dueDate, -1);
    const dayAfter = addDays(d.dueDate, 1);
    expect(await classAt(d.id, "2026-03-01", dayBefore)).toBe("pending");
    expect(await classAt(d.id, "2026-03-01", d.dueDate)).toBe("pending");
    expect(await classAt(d.id, "2026-03-01", dayAfter)).toBe("overdue");
    expect(await classAt(d.id, "2026-03-01", dayAfter, "late_without_apology")).toBe("overdue");
    await apologise(d.id, `${addDays(d.dueDate, 2)} 09:00`, addDays(d.dueDate, 10));
    await act(d.id, "resolve", `${addDays(d.dueDate, 3)} 10:00`);
    // Resolved later: still open (and overdue, not yet apologised) at the earlier period's end.
    expect(await classAt(d.id, "2026-03-01", dayAfter)).toBe("overdue");
    expect(await classAt(d.id, "2026-03-01", dayAfter, "late_without_apology")).toBe("overdue");
    expect(await classAt(d.id, "2026-03-01", dayBefore)).toBe("pending");
    expect(await classAt(d.id, "2026-03-01", "2026-04-30")).toBe("late");
    // The next period carries it over and sees it finished late.
    expect(await classAt(d.id, addDays(d.dueDate, 2), "2026-04-30", "carried_over")).toBe("late");
  });

  it("counts a dossier waiting for the applicant's supplement at the period's end as within its due date", async () => {
    const d = await receive("2026-03-02 09:00");
    await act(d.id, "hand_over", "2026-03-02 10:00");
    await act(d.id, "request_supplement", `${addDays(d.dueDate, -1)} 09:00`);
    const later = addDays(d.dueDate, 6);
    expect(await classAt(d.id, "2026-03-01", later)).toBe("pending");
    await act(d.id, "receive_supplement", `${addDays(d.dueDate, 8)} 09:00`);
    expect(await classAt(d.id, "2026-03-01", later)).toBe("pending");
  });
});
