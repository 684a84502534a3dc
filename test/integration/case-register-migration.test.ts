import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { queryRows } from "../../src/server/db/database.ts";
import { runMigrations } from "../../src/server/db/migrate.ts";
import { insertCommuneWithProcedure, testDatabaseBefore } from "../support/migrations-before.ts";
import { testDatabaseKind, type TestDatabase } from "../support/test-database.ts";

/** The migration that moves dossier and feedback events and counters into the shared tables. */
const MOVING_MIGRATION = "0015_case_register";

let t: TestDatabase;
const ids = {
  unit: "00000000-0000-4000-8000-000000000001",
  procedure: "00000000-0000-4000-8000-000000000002",
  dossier: "00000000-0000-4000-8000-000000000003",
  feedback: "00000000-0000-4000-8000-000000000004",
};

beforeAll(async () => {
  t = await testDatabaseBefore(MOVING_MIGRATION);
  const db = t.database.db;
  // Data as the registers wrote it before the shared tables existed.
  await insertCommuneWithProcedure(
    db,
    { id: ids.unit, code: "X1", name: "Xã Một" },
    { id: ids.procedure, code: "1.001193", name: "Đăng ký khai sinh" },
  );
  await db.execute(sql`insert into dossiers (id, code, unit_id, procedure_id, applicant_name,
      applicant_phone, channel, received_at, counted_from, due_date, original_due_date, state,
      rule_set)
    values (${ids.dossier}, '000.00.12.H56-250715-0001', ${ids.unit}, ${ids.procedure},
      'Nguyễn Văn An', '0912345678', 'in_person', '2025-07-15T02:00:00Z', '2025-07-16',
      '2025-07-18', '2025-07-18', 'in_progress', '2025')`);
  await db.execute(sql`insert into feedback (id, code, unit_id, channel, sender_name,
      sender_phone, title, content, received_at, counted_from, due_date, transfer_due_date,
      rule_set, state)
    values (${ids.feedback}, 'PAKN.20250715.0001', ${ids.unit}, 'phone', 'Trần Thị Bình',
      '0987654321', 'Đèn đường', 'Đèn đường hỏng', '2025-07-15T03:00:00Z', '2025-07-16',
      '2025-08-05', '2025-07-22', '2025', 'classified')`);
  // Two steps recorded at the same moment: their order comes from the ids.
  await db.execute(sql`insert into dossier_events (dossier_id, action, from_state, to_state, at,
      by_name, note)
    values (${ids.dossier}, 'receive', null, 'received', '2025-07-15T02:00:00Z', 'Văn thư', 'Đủ'),
      (${ids.dossier}, 'hand_over', 'received', 'in_progress', '2025-07-15T02:00:00Z', 'Văn thư', null)`);
  await db.execute(sql`insert into feedback_events (feedback_id, action, from_state, to_state, at,
      by_name, note)
    values (${ids.feedback}, 'receive', null, 'received', '2025-07-15T03:00:00Z', 'Cán bộ', null),
      (${ids.feedback}, 'classify', 'received', 'classified', '2025-07-15T04:00:00Z', 'Cán bộ',
        'Hành vi hành chính')`);
  await db.execute(sql`insert into dossier_daily_counters (unit_id, day, last_value)
    values (${ids.unit}, '2025-07-15', 7)`);
  await db.execute(sql`insert into feedback_daily_counters (unit_id, day, last_value)
    values (${ids.unit}, '2025-07-15', 3)`);
  await runMigrations(t.database);
});

afterAll(async () => {
  await t.cleanup();
});

describe(`moving the registers' events and counters into the shared tables on ${testDatabaseKind}`, () => {
  it("keeps every event of every case, in order, with its register", async () => {
    const events = await queryRows<Record<string, unknown>>(
      t.database.db,
      sql`select register, case_id, action, from_state, to_state, by_name, note
        from case_events order by register, case_id, at, id`,
    );
    expect(events).toEqual([
      {
        register: "dossier",
        case_id: ids.dossier,
        action: "receive",
        from_state: null,
        to_state: "received",
        by_name: "Văn thư",
        note: "Đủ",
      },
      {
        register: "dossier",
        case_id: ids.dossier,
        action: "hand_over",
        from_state: "received",
        to_state: "in_progress",
        by_name: "Văn thư",
        note: null,
      },
      {
        register: "feedback",
        case_id: ids.feedback,
        action: "receive",
        from_state: null,
        to_state: "received",
        by_name: "Cán bộ",
        note: null,
      },
      {
        register: "feedback",
        case_id: ids.feedback,
        action: "classify",
        from_state: "received",
        to_state: "classified",
        by_name: "Cán bộ",
        note: "Hành vi hành chính",
      },
    ]);
  });

  it("keeps each register's daily counter, so no code is issued twice", async () => {
    const counters = await queryRows<{ register: string; day: string; last_value: number }>(
      t.database.db,
      sql`select register, day::text as day, last_value from case_daily_counters order by 1`,
    );
    expect(counters).toEqual([
      { register: "dossier", day: "2025-07-15", last_value: 7 },
      { register: "feedback", day: "2025-07-15", last_value: 3 },
    ]);
  });

  it("drops the per-register tables", async () => {
    const tables = await queryRows<{ table_name: string }>(
      t.database.db,
      sql`select table_name from information_schema.tables where table_schema = 'public'
        and table_name in ('dossier_events', 'feedback_events', 'dossier_daily_counters',
          'feedback_daily_counters')`,
    );
    expect(tables).toEqual([]);
  });

  it("refuses an event of a case its register does not hold", async () => {
    const insert = (register: string, caseId: string) =>
      t.database.db.execute(sql`insert into case_events (register, case_id, action, to_state, at,
          by_name) values (${register}, ${caseId}, 'receive', 'received', now(), 'X')`);
    await expect(insert("dossier", ids.feedback)).rejects.toThrow();
    await expect(insert("feedback", ids.dossier)).rejects.toThrow();
    await expect(insert("inspection", ids.dossier)).rejects.toThrow();
    await expect(insert("feedback", ids.feedback)).resolves.toBeDefined();
  });
});
