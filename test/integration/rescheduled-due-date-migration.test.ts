import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { queryRows } from "../../src/server/db/database.ts";
import { runMigrations } from "../../src/server/db/migrate.ts";
import { insertCommuneWithProcedure, testDatabaseBefore } from "../support/migrations-before.ts";
import { testDatabaseKind, type TestDatabase } from "../support/test-database.ts";

/*
 * The migration that keeps the latest apology letter's new return date on its dossier: dossiers
 * whose letters were issued before it get the date of their latest letter by issue time (as the
 * register read it from the letters), the others none.
 */

let t: TestDatabase;
const ids = {
  unit: "00000000-0000-4000-8000-000000000021",
  procedure: "00000000-0000-4000-8000-000000000022",
  twoLetters: "00000000-0000-4000-8000-000000000023",
  oneLetter: "00000000-0000-4000-8000-000000000024",
  noLetter: "00000000-0000-4000-8000-000000000025",
};

async function insertDossier(id: string, code: string) {
  await t.database.db.execute(sql`insert into dossiers (id, code, unit_id, procedure_id,
      applicant_name, applicant_phone, channel, received_at, counted_from, due_date,
      original_due_date, state, rule_set)
    values (${id}, ${code}, ${ids.unit}, ${ids.procedure}, 'Nguyễn Văn An', '0912345678',
      'in_person', '2026-03-02T02:00:00Z', '2026-03-03', '2026-03-05', '2026-03-05',
      'in_progress', '2025')`);
}

async function insertLetter(dossierId: string, number: string, issuedAt: string, newDue: string) {
  await t.database.db.execute(sql`insert into apology_letters (dossier_id, number, issued_at,
      new_due_date, reason, rule_set)
    values (${dossierId}, ${number}, ${issuedAt}, ${newDue}, 'Chậm', '2025')`);
}

beforeAll(async () => {
  t = await testDatabaseBefore("rescheduled-due-date");
  const db = t.database.db;
  await insertCommuneWithProcedure(
    db,
    { id: ids.unit, code: "X2", name: "Xã Hai" },
    { id: ids.procedure, code: "1.001193", name: "Đăng ký khai sinh" },
  );
  await insertDossier(ids.twoLetters, "000.00.12.H56-260302-0001");
  await insertDossier(ids.oneLetter, "000.00.12.H56-260302-0002");
  await insertDossier(ids.noLetter, "000.00.12.H56-260302-0003");
  // Written out of order: the latest by issue time was written first.
  await insertLetter(ids.twoLetters, "2/CV-UBND", "2026-03-09T02:00:00Z", "2026-03-16");
  await insertLetter(ids.twoLetters, "1/CV-UBND", "2026-03-05T02:00:00Z", "2026-03-10");
  await insertLetter(ids.oneLetter, "3/CV-UBND", "2026-03-06T02:00:00Z", "2026-03-12");
  await runMigrations(t.database);
});

afterAll(async () => {
  await t.cleanup();
});

describe(`the dossiers' rescheduled return date filled on ${testDatabaseKind}`, () => {
  it("is the latest letter's by issue time, and none without a letter", async () => {
    const rows = await queryRows<{ id: string; rescheduled: string | null }>(
      t.database.db,
      sql`select id::text as id, rescheduled_due_date::text as rescheduled from dossiers
        order by code`,
    );
    expect(rows).toEqual([
      { id: ids.twoLetters, rescheduled: "2026-03-16" },
      { id: ids.oneLetter, rescheduled: "2026-03-12" },
      { id: ids.noLetter, rescheduled: null },
    ]);
  });
});
