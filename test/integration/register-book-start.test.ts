import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { vietnamLocal } from "../../src/core/dossier/index.ts";
import { dossierRegisterBooks, dossiers } from "../../src/server/db/schema-one-stop.ts";
import { AppError } from "../../src/server/errors.ts";
import type { Actor } from "../../src/server/services/actor.ts";
import { setRegisterBookStart } from "../../src/server/services/register-book.service.ts";
import { makeWardWorld, signIn } from "../support/desk-fixtures.ts";
import { makeDesk, makeProcedure, makeUnit, makeUser } from "../support/factories.ts";
import { startTestApp, type ApiClient, type TestApp } from "../support/test-app.ts";
import { testDatabaseKind } from "../support/test-database.ts";

/*
 * Where a unit's register book goes on from (issue 12): a desk that kept a paper book earlier in
 * the year sets the book and the next line; receipts then write there, never back, never twice,
 * and a setting made while receipts run leaves no twin and no gap but the jump asked for. The
 * rules that depend on the year take the clock as an argument (the service's `now`): 1 March 2026
 * here; receipts are dated in March 2026. One test goes through the route with the server's own
 * clock, for this year's book of a ward no dated test touches.
 */

const NOW = new Date("2026-03-01T03:00:00Z");

let t: TestApp;
let clerk: ApiClient;
let reviewer: ApiClient;
let otherClerk: ApiClient;
let clerkActor: Actor;
let wardId: string;
let otherWardId: string;
let procedureId: string;

beforeAll(async () => {
  t = await startTestApp({ demo: false });
  const db = t.db.database.db;
  const world = await makeWardWorld(db, {
    wardName: "Phường Sổ Giấy",
    agencyCode: "000.41.22.H99",
  });
  wardId = world.ward.id;
  procedureId = (await makeProcedure(db, world.ward, { code: "1.000894" })).id;
  const otherWard = await makeUnit(db, { parent: world.province, name: "Phường Bến Đò" });
  otherWardId = otherWard.id;
  await makeDesk(db, otherWard, { agencyCode: "000.42.22.H99" });
  clerk = await signIn(t, world.users.clerk);
  reviewer = await signIn(t, await makeUser(db, { unit: world.province, role: "reviewer" }));
  otherClerk = await signIn(t, await makeUser(db, { unit: otherWard, role: "clerk" }));
  clerkActor = {
    userId: world.users.clerk.id,
    name: "Công chức Một cửa",
    grants: [{ role: "clerk", unitId: wardId, agencyId: null }],
  };
});
afterAll(() => t.close());

async function receive(receivedAt: string) {
  const response = await clerk.post("/api/dossiers", {
    procedureId,
    applicantName: "Lê Thị Giấy",
    applicantPhone: "0912 000 222",
    channel: "in_person",
    receivedAt,
  });
  expect(response.status, JSON.stringify(response.body)).toBe(201);
  return response.body.data.registerEntry as { book: number; entry: number; label: string };
}

function setStart(input: { year: number; book: number; nextEntry: number }) {
  return setRegisterBookStart(t.db.database.db, clerkActor, wardId, input, NOW);
}

async function refusedCode(run: () => Promise<unknown>) {
  try {
    await run();
  } catch (error) {
    if (error instanceof AppError) return { code: error.code, message: error.message };
    throw error;
  }
  throw new Error("not refused");
}

/** The lines of the ward's book of 2026, as stored. */
async function lines(book: number) {
  const rows = await t.db.database.db
    .select({ entry: dossiers.registerEntry })
    .from(dossiers)
    .where(
      and(
        eq(dossiers.unitId, wardId),
        eq(dossiers.registerYear, 2026),
        eq(dossiers.registerBook, book),
      ),
    );
  return rows.map((r) => r.entry!).sort((a, b) => a - b);
}

const range = (from: number, to: number) =>
  Array.from({ length: to - from + 1 }, (_, i) => from + i);

describe(`the register book's starting point on ${testDatabaseKind}`, () => {
  it("goes on from the line the clerk set, and the read answers where the book stands", async () => {
    expect((await receive("2026-03-02 08:00")).label).toBe("quyển 01/2026, số 000001");
    expect((await receive("2026-03-02 08:10")).entry).toBe(2);
    // The paper book went up to line 119.
    const set = await setStart({ year: 2026, book: 1, nextEntry: 120 });
    expect(set.data).toMatchObject({ year: 2026, book: 1, lastEntry: 119, nextEntry: 120 });
    expect((await receive("2026-03-02 09:00")).label).toBe("quyển 01/2026, số 000120");
    const read = await clerk.get(`/api/one-stop/register-book/${wardId}?year=2026`);
    expect(read.status, JSON.stringify(read.body)).toBe(200);
    expect(read.body.data).toMatchObject({
      year: 2026,
      book: 1,
      lastEntry: 120,
      nextEntry: 121,
      bookNumber: "01/2026",
      nextEntryNumber: "000121",
      can: { update: true },
    });
    // The upper level reads it, and may not set it.
    const upper = await reviewer.get(`/api/one-stop/register-book/${wardId}?year=2026`);
    expect(upper.body.data).toMatchObject({ nextEntry: 121, can: { update: false } });
  });

  it("never goes back: not below a line issued, not to an earlier book, not a past year", async () => {
    const lower = await refusedCode(() => setStart({ year: 2026, book: 1, nextEntry: 100 }));
    expect(lower.code).toBe("REGISTER_BOOK_BACKWARDS");
    expect(lower.message).toContain("không được nhỏ hơn 000121");
    // The line the book stands at is allowed (nothing changes).
    await setStart({ year: 2026, book: 1, nextEntry: 121 });

    // A later book from its line 1; then the earlier one is closed.
    await setStart({ year: 2026, book: 2, nextEntry: 1 });
    expect((await receive("2026-03-03 08:00")).label).toBe("quyển 02/2026, số 000001");
    const earlier = await refusedCode(() => setStart({ year: 2026, book: 1, nextEntry: 500 }));
    expect(earlier.code).toBe("REGISTER_BOOK_BACKWARDS");
    expect(earlier.message).toContain("quyển 02/2026");

    const past = await refusedCode(() => setStart({ year: 2025, book: 1, nextEntry: 50 }));
    expect(past.code).toBe("REGISTER_BOOK_YEAR_INVALID");
    expect(past.message).toContain("năm 2025 đã khép lại");
    // Nothing of those refusals was written.
    expect(await lines(1)).toEqual([1, 2, 120]);
    expect(await lines(2)).toEqual([1]);
  });

  it("takes a setting made while receipts run without a twin or a gap but the jump", async () => {
    const before = await lines(2);
    const last = before.at(-1)!;
    const target = last + 300;
    const receipts = Array.from({ length: 8 }, (_, i) =>
      clerk.post("/api/dossiers", {
        procedureId,
        applicantName: `Người nộp ${i}`,
        applicantPhone: "0912 000 333",
        channel: "in_person",
        receivedAt: `2026-03-04 09:0${i}`,
      }),
    );
    const [setting, ...answers] = await Promise.all([
      setStart({ year: 2026, book: 2, nextEntry: target }),
      ...receipts,
    ]);
    expect(setting.data.book).toBe(2);
    expect(answers.map((a) => a.status)).toEqual(Array(8).fill(201));
    const after = (await lines(2)).filter((line) => line > last);
    expect(new Set(after).size).toBe(8);
    // Those written before the setting follow the old lines; those after start at the target.
    const early = after.filter((line) => line < target);
    const late = after.filter((line) => line >= target);
    expect(early).toEqual(range(last + 1, last + early.length));
    expect(late).toEqual(late.length ? range(target, target + late.length - 1) : []);
    const [counter] = await t.db.database.db
      .select({ lastEntry: dossierRegisterBooks.lastEntry })
      .from(dossierRegisterBooks)
      .where(
        and(
          eq(dossierRegisterBooks.unitId, wardId),
          eq(dossierRegisterBooks.year, 2026),
          eq(dossierRegisterBooks.book, 2),
        ),
      );
    expect(counter!.lastEntry).toBe(late.length ? target + late.length - 1 : target - 1);
  });

  it("is set through the route by the unit's clerk only, with clear refusals", async () => {
    const thisYear = Number(vietnamLocal(new Date()).date.slice(0, 4));
    const path = `/api/one-stop/register-book/${otherWardId}`;
    const fresh = await otherClerk.get(path);
    expect(fresh.body.data).toMatchObject({
      year: thisYear,
      book: 1,
      lastEntry: 0,
      nextEntry: 1,
      settableYears: [thisYear, thisYear + 1],
    });
    const set = await otherClerk.request("PUT", path, {
      json: { year: thisYear, book: 3, nextEntry: 42 },
    });
    expect(set.status, JSON.stringify(set.body)).toBe(200);
    expect(set.body.data).toMatchObject({
      bookNumber: `03/${thisYear}`,
      nextEntryNumber: "000042",
    });
    expect((await otherClerk.get(path)).body.data).toMatchObject({ book: 3, nextEntry: 42 });

    const past = await otherClerk.request("PUT", path, {
      json: { year: 2020, book: 1, nextEntry: 5 },
    });
    expect(past.status).toBe(400);
    expect(past.body.error).toMatchObject({ code: "REGISTER_BOOK_YEAR_INVALID" });
    expect(past.body.error.message).toContain("Sổ theo dõi hồ sơ năm 2020 đã khép lại");
    const back = await otherClerk.request("PUT", path, {
      json: { year: thisYear, book: 3, nextEntry: 10 },
    });
    expect(back.status).toBe(409);
    expect(back.body.error.code).toBe("REGISTER_BOOK_BACKWARDS");
    const notNumber = await otherClerk.request("PUT", path, {
      json: { year: thisYear, book: "ba", nextEntry: 10 },
    });
    expect(notNumber.status).toBe(400);
    expect(notNumber.body.error.code).toBe("VALIDATION_FAILED");
    expect(JSON.stringify(notNumber.body.error.details)).toContain("Quyển số phải là số nguyên.");

    // The upper level reads but does not set; another ward's clerk does neither.
    const byReviewer = await reviewer.request("PUT", path, {
      json: { year: thisYear, book: 3, nextEntry: 50 },
    });
    expect(byReviewer.status).toBe(403);
    const byStranger = await clerk.request("PUT", path, {
      json: { year: thisYear, book: 3, nextEntry: 50 },
    });
    expect([403, 404]).toContain(byStranger.status);
    expect((await clerk.get(path)).status).toBe(404);
    expect((await otherClerk.get(path)).body.data.nextEntry).toBe(42);
  });
});
