import { randomUUID } from "node:crypto";
import { sql } from "drizzle-orm";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { searchKey } from "../../src/core/text/vietnamese-text.ts";
import { queryRows } from "../../src/server/db/database.ts";
import {
  listFeedback,
  type FeedbackFilter,
  type FeedbackPosition,
} from "../../src/server/db/repositories/feedback.repository.ts";
import {
  decodeFeedbackCursor,
  encodeFeedbackCursor,
  encodeRegisterCursor,
} from "../../src/server/services/register-cursor.ts";
import * as keyset from "../support/register-keyset.ts";

/*
 * The feedback register's keyset pages (feedback.repository.ts `listFeedback`, the cursor of
 * register-cursor.ts): pages read one after the other are the register's whole ordered list,
 * ties included (the same instant, the same code in two units), while feedback keeps arriving;
 * and the folded search column (migration 0023) against the application's own folding
 * (`searchKey`). PGlite and PostgreSQL.
 */

const register = keyset.openDatabase();

interface Row {
  unit: number;
  /** Its code's number: codes repeat across units, never within one. */
  number: number;
  at: string;
  state: "received" | "assigned" | "answered";
  dueDate: string;
  sender?: string;
  title?: string;
}

/** Inserts feedback into these units; their ids, in the order given. */
async function insertFeedback(unitIds: string[], rows: Row[]): Promise<string[]> {
  const ids: string[] = [];
  for (const row of rows) {
    const [inserted] = await queryRows<{ id: string }>(
      register.db,
      sql`insert into feedback (code, unit_id, channel, sender_name, sender_phone, title, content,
            received_at, counted_from, due_date, transfer_due_date, rule_set, state)
          values (${`PAKN.20260302.${String(row.number).padStart(4, "0")}`}, ${unitIds[row.unit]},
            'in_person', ${row.sender ?? "Nguyễn Văn An"}, '0912345678',
            ${row.title ?? "Đèn đường hỏng"}, 'Nội dung', ${row.at}::timestamp at time zone 'UTC',
            '2026-03-02', ${row.dueDate}::date, '2026-03-09', '2025', ${row.state})
          returning id::text as id`,
    );
    ids.push(inserted!.id);
  }
  return ids;
}

/** Few distinct seconds and microseconds, so many rows tie or differ by one microsecond. */
const instant = keyset.tyingInstant(3, [0, 1, 999_999]);

const row = fc.record({
  unit: fc.integer({ min: 0, max: 2 }),
  number: fc.integer({ min: 1, max: 40 }),
  at: instant,
  state: fc.constantFrom("received" as const, "assigned" as const, "answered" as const),
  dueDate: fc.constantFrom("2026-03-05", "2026-03-10", "2026-03-20"),
});

/** The register's order, as the database sorts (its collation orders the codes). */
async function orderedIds(unitIds: string[]): Promise<string[]> {
  const rows = await queryRows<{ id: string }>(
    register.db,
    sql`select id::text as id from feedback
        where unit_id in (${sql.join(
          unitIds.map((id) => sql`${id}::uuid`),
          sql`, `,
        )})
        order by received_at desc, code desc, id desc`,
  );
  return rows.map((r) => r.id);
}

/** A row that arrives while pages are read and sorts before the cursor: a later page shows it. */
async function sortsAfterCursor(id: string, cursor: FeedbackPosition): Promise<boolean> {
  const [r] = await queryRows<{ later: boolean }>(
    register.db,
    sql`select (received_at, code, id) < (${cursor.at}::timestamp at time zone 'UTC',
          ${cursor.code}, ${cursor.id}::uuid) as later
        from feedback where id = ${id}::uuid`,
  );
  return r!.later;
}

describe("feedback register keyset pages", () => {
  it("returns the whole ordered register once across pages, ties included, while feedback arrives between reads", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.uniqueArray(row, { maxLength: 24, selector: (r) => `${r.unit}/${r.number}` }),
        fc.integer({ min: 1, max: 5 }),
        fc.array(fc.array(row, { maxLength: 3 }), { maxLength: 8 }),
        fc.boolean(),
        async (initial, pageSize, arrivals, dueSoonOnly) => {
          const unitIds: string[] = [];
          for (let i = 0; i < 3; i++) unitIds.push((await register.ward()).id);
          const initialIds = await insertFeedback(unitIds, initial);
          const taken = new Set(initial.map((r) => `${r.unit}/${r.number}`));
          // Open and due by 10/03: what a "due soon" window of 05/03–10/03 keeps.
          const window = { from: "2026-03-05", to: "2026-03-10" };
          const matches = new Map<string, boolean>();
          const keep = (r: Row) =>
            !dueSoonOnly || (r.state !== "answered" && r.dueDate <= window.to);
          initial.forEach((r, i) => matches.set(initialIds[i]!, keep(r)));
          const filter: Omit<FeedbackFilter, "limit" | "after"> = {
            reach: { unitIds, agencyReach: [] },
            dueWithin: dueSoonOnly ? window : undefined,
          };
          const mustAppear = new Set(initialIds.filter((id) => matches.get(id)));
          const rows = await keyset.walkPages({
            read: (after: FeedbackPosition | undefined) =>
              listFeedback(register.db, { ...filter, limit: pageSize, after }),
            expectedTotal: mustAppear.size,
            // The cursor makes the round trip through the API's text form.
            position: (last) => decodeFeedbackCursor(encodeFeedbackCursor(last)),
            between: async (read, after) => {
              // Codes are unique in a unit: an arrival whose code is taken does not arrive.
              const batch = (arrivals[read] ?? []).filter((r) => {
                const key = `${r.unit}/${r.number}`;
                if (taken.has(key)) return false;
                taken.add(key);
                return true;
              });
              const ids = await insertFeedback(unitIds, batch);
              for (const [i, id] of ids.entries()) {
                matches.set(id, keep(batch[i]!));
                if (keep(batch[i]!) && (await sortsAfterCursor(id, after))) mustAppear.add(id);
              }
            },
          });
          const seen = rows.map((r) => r.id);
          // Exactly the rows that must appear, each once, in the database's order of the register.
          const expected = (await orderedIds(unitIds)).filter((id) => mustAppear.has(id));
          expect(seen).toEqual(expected);
        },
      ),
      { numRuns: 25 },
    );
  }, 600_000);

  it("walks a search's pages in windows of any size as in one statement, ties included", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.uniqueArray(row, { maxLength: 24, selector: (r) => `${r.unit}/${r.number}` }),
        fc.integer({ min: 1, max: 5 }),
        fc.constantFrom("PAKN", "0001", "an", "đèn đường", "zz"),
        fc.constantFrom(1, 2, 5, 1_000),
        // Small windows: many end within ties (the same instant, codes repeated across units).
        fc.integer({ min: 1, max: 6 }),
        // Every unit (an installation's administrator): the walk then has no condition but the
        // search (its first window's statement was "where" and nothing, a 500 — found by
        // personal-data-views once the first window also answered the count).
        fc.boolean(),
        async (initial, pageSize, q, cap, window, everyUnit) => {
          const unitIds: string[] = [];
          for (let i = 0; i < 3; i++) unitIds.push((await register.ward()).id);
          await insertFeedback(
            unitIds,
            initial.map((r, i) => ({ ...r, sender: i % 2 ? "Trần Văn An" : "Lê Thị Bình" })),
          );
          // Every page, its total and whether more follow, read after the page before.
          const pages = async (walk: number | false) => {
            const read = [];
            let after: FeedbackPosition | undefined;
            for (;;) {
              const page = await listFeedback(register.db, {
                reach: { unitIds: everyUnit ? null : unitIds, agencyReach: [] },
                q,
                limit: pageSize,
                after,
                paths: { cap, walk },
              });
              read.push(page);
              if (!page.hasMore) return read;
              after = decodeFeedbackCursor(encodeFeedbackCursor(page.rows.at(-1)!));
            }
          };
          const inOne = await pages(false);
          expect(await pages(window)).toEqual(inOne);
        },
      ),
      { numRuns: 60 },
    );
  }, 600_000);

  it("refuses a cursor it did not write, the dossier register's included, with a stable code", () => {
    keyset.expectCursorsRefused(decodeFeedbackCursor, [
      "not-base64-json",
      Buffer.from("[1,2,3]").toString("base64url"),
      encodeRegisterCursor({ cursorAt: "2026-03-02 08:00:00.000000", id: randomUUID() }),
      Buffer.from(
        JSON.stringify(["2026-02-30 08:00:00.000000", "PAKN.20260302.0001", randomUUID()]),
      ).toString("base64url"),
      Buffer.from(JSON.stringify(["2026-03-02 08:00:00.000000", "", randomUUID()])).toString(
        "base64url",
      ),
    ]);
  });
});

describe("the folded search column of feedback", () => {
  it("holds the sender's name and the title folded as searchKey folds them (NFC or NFD input)", async () => {
    const unitIds = [(await register.ward()).id];
    let number = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.array(
          fc.record({
            sender: keyset.vietnameseText,
            title: keyset.vietnameseText,
            decomposed: fc.boolean(),
          }),
          {
            minLength: 1,
            maxLength: 6,
          },
        ),
        async (rows) => {
          const written = rows.map(({ sender, title, decomposed }) =>
            decomposed
              ? { sender: sender.normalize("NFD"), title: title.normalize("NFD") }
              : { sender, title },
          );
          const ids = await insertFeedback(
            unitIds,
            written.map((w) => ({
              ...w,
              unit: 0,
              number: ++number,
              at: "2026-03-02 08:00:00.000000",
              state: "received" as const,
              dueDate: "2026-03-10",
            })),
          );
          const folded = await keyset.foldedById(register.db, "feedback", "search_folded", ids);
          ids.forEach((id, i) =>
            expect(folded.get(id)).toBe(
              `${searchKey(written[i]!.sender)}\n${searchKey(written[i]!.title)}`,
            ),
          );
        },
      ),
      { numRuns: 20 },
    );
  }, 300_000);

  it("lets the register find a sender or a title however its tones are placed or left out, and a part of a code", async () => {
    const unitIds = [(await register.ward()).id];
    const base = { unit: 0, state: "received" as const, dueDate: "2026-03-10" };
    const [thuy, hoa] = await insertFeedback(unitIds, [
      { ...base, number: 7, at: "2026-03-02 08:00:00.000000", sender: "Nguyễn Thị Thủy" },
      {
        ...base,
        number: 8,
        at: "2026-03-02 08:00:01.000000",
        sender: "Lê Văn Nam",
        title: "Cống thoát nước khu phố Hoà Bình bị tắc",
      },
    ]);
    const found = async (q: string) =>
      (
        await listFeedback(register.db, { reach: { unitIds, agencyReach: [] }, q, limit: 10 })
      ).rows.map((r) => r.id);
    expect(await found("thuỷ")).toEqual([thuy]);
    expect(await found("Thi Thuy")).toEqual([thuy]);
    expect(await found("hòa bình")).toEqual([hoa]);
    expect(await found("HOA BINH")).toEqual([hoa]);
    expect(await found("0302.0008")).toEqual([hoa]);
    expect(await found("pakn.20260302")).toEqual([hoa, thuy]);
    // The line break between the name and the title is no match: "Thủy Đèn" spans both.
    expect(await found("Thủy Đèn")).toEqual([]);
    expect(await found("Trần")).toEqual([]);
  });
});
