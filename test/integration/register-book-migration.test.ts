import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { queryRows } from "../../src/server/db/database.ts";
import { runMigrations } from "../../src/server/db/migrate.ts";
import { insertCommuneWithProcedure, testDatabaseBefore } from "../support/migrations-before.ts";
import { testDatabaseKind, type TestDatabase } from "../support/test-database.ts";

/*
 * The migration that adds the register book and the required-documents snapshot: dossiers that
 * exist already keep no register line (their receipts were printed with it blank), and those that
 * recorded what was received keep the procedure's list of that day for their supplement request.
 */

let t: TestDatabase;
const ids = {
  unit: "00000000-0000-4000-8000-000000000011",
  procedure: "00000000-0000-4000-8000-000000000012",
  withList: "00000000-0000-4000-8000-000000000013",
  withoutList: "00000000-0000-4000-8000-000000000014",
};

async function insertDossier(id: string, code: string, documentSets: number | null) {
  await t.database.db.execute(sql`insert into dossiers (id, code, unit_id, procedure_id,
      applicant_name, applicant_phone, channel, received_at, counted_from, due_date,
      original_due_date, state, rule_set, document_sets)
    values (${id}, ${code}, ${ids.unit}, ${ids.procedure}, 'Nguyễn Văn An', '0912345678',
      'in_person', '2026-03-02T02:00:00Z', '2026-03-03', '2026-03-05', '2026-03-05',
      'supplement_requested', '2025', ${documentSets})`);
}

beforeAll(async () => {
  t = await testDatabaseBefore("dossier_register_book");
  const db = t.database.db;
  await insertCommuneWithProcedure(
    db,
    { id: ids.unit, code: "X1", name: "Xã Một" },
    { id: ids.procedure, code: "1.000894", name: "Đăng ký kết hôn" },
  );
  await db.execute(sql`insert into procedure_documents (procedure_id, position, name, form,
      copies, required)
    values (${ids.procedure}, 0, 'Tờ khai', 'original', 1, true),
      (${ids.procedure}, 1, 'Giấy xác nhận tình trạng hôn nhân', 'original', 2, true),
      (${ids.procedure}, 2, 'Văn bản ủy quyền', 'certified_copy', 1, false)`);
  await insertDossier(ids.withList, "000.00.12.H56-260302-0001", 1);
  await insertDossier(ids.withoutList, "000.00.12.H56-260302-0002", null);
  await runMigrations(t.database);
});

afterAll(async () => {
  await t.cleanup();
});

describe(`the register book's migration on ${testDatabaseKind}`, () => {
  it("gives a dossier that recorded what was received the procedure's list of that day", async () => {
    const rows = await queryRows<Record<string, unknown>>(
      t.database.db,
      sql`select dossier_id, position, name, form, copies, required
        from dossier_required_documents order by dossier_id, position`,
    );
    expect(rows).toEqual([
      {
        dossier_id: ids.withList,
        position: 0,
        name: "Tờ khai",
        form: "original",
        copies: 1,
        required: true,
      },
      {
        dossier_id: ids.withList,
        position: 1,
        name: "Giấy xác nhận tình trạng hôn nhân",
        form: "original",
        copies: 2,
        required: true,
      },
      {
        dossier_id: ids.withList,
        position: 2,
        name: "Văn bản ủy quyền",
        form: "certified_copy",
        copies: 1,
        required: false,
      },
    ]);
  });

  it("enters no existing dossier in a register book", async () => {
    const rows = await queryRows<{ n: number }>(
      t.database.db,
      sql`select count(*)::int as n from dossiers
        where register_year is null and register_book is null and register_entry is null`,
    );
    expect(rows[0]!.n).toBe(2);
    const books = await queryRows<{ n: number }>(
      t.database.db,
      sql`select count(*)::int as n from dossier_register_books`,
    );
    expect(books[0]!.n).toBe(0);
  });
});
