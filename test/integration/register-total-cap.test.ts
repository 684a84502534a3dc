import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  REGISTER_TOTAL_CAP,
  registerTotalCap,
} from "../../src/server/db/repositories/case-register.repository.ts";
import { PGLITE_REGISTER_TOTAL_CAP } from "../../src/server/db/statement-budget.ts";
import {
  createTestDatabase,
  testDatabaseKind,
  type TestDatabase,
} from "../support/test-database.ts";

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(() => t.cleanup());

// The embedded database's one connection waits for a register's count: it stops sooner there.
describe(`the registers' total cap on ${testDatabaseKind}`, () => {
  it("counts up to 1,000 on PGlite and 10,000 on PostgreSQL", () => {
    expect(registerTotalCap(t.database.db)).toBe(
      testDatabaseKind === "pglite" ? PGLITE_REGISTER_TOTAL_CAP : REGISTER_TOTAL_CAP,
    );
    expect(PGLITE_REGISTER_TOTAL_CAP).toBeLessThan(REGISTER_TOTAL_CAP);
  });
});
