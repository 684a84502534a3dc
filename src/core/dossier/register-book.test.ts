import { describe, expect, it } from "vitest";
import { vietnamLocal } from "./local-time.ts";
import { DossierError } from "./dossier-error.ts";
import {
  checkRegisterBookStart,
  unopenedBook,
  registerBookNumber,
  registerBookOf,
  registerEntryLabel,
  registerEntryNumber,
  registerEntryOf,
} from "./register-book.ts";

describe("register book (Sổ theo dõi hồ sơ)", () => {
  it("is the book 01 of the year of the day received", () => {
    expect(registerBookOf("2026-03-05")).toEqual({ year: 2026, book: 1 });
    expect(registerBookOf("2025-12-31")).toEqual({ year: 2025, book: 1 });
  });

  it("takes the year in Vietnam time: 00:30 on New Year's Day opens the new year's book", () => {
    // 31/12/2025 17:30 UTC is 01/01/2026 00:30 in Vietnam.
    const newYear = vietnamLocal(new Date("2025-12-31T17:30:00Z")).date;
    expect(registerBookOf(newYear)).toEqual({ year: 2026, book: 1 });
    const lastEvening = vietnamLocal(new Date("2025-12-31T16:59:00Z")).date;
    expect(registerBookOf(lastEvening)).toEqual({ year: 2025, book: 1 });
  });

  it("refuses something that is not a day", () => {
    expect(() => registerBookOf("26-03-05")).toThrow(RangeError);
  });

  it("prints the book as 01/2026 and the line in six digits", () => {
    expect(registerBookNumber({ year: 2026, book: 1 })).toBe("01/2026");
    expect(registerBookNumber({ year: 2027, book: 12 })).toBe("12/2027");
    expect(registerEntryNumber({ entry: 123 })).toBe("000123");
    expect(registerEntryNumber({ entry: 1_234_567 })).toBe("1234567");
    expect(registerEntryLabel({ year: 2026, book: 1, entry: 7 })).toBe("quyển 01/2026, số 000007");
  });

  it("reads the stored columns as one entry, or none when the dossier was not entered", () => {
    expect(registerEntryOf({ registerYear: 2026, registerBook: 1, registerEntry: 9 })).toEqual({
      year: 2026,
      book: 1,
      entry: 9,
    });
    expect(registerEntryOf({ registerYear: null, registerBook: null, registerEntry: null })).toBe(
      null,
    );
  });
});

describe("where a unit's register book goes on from (a paper book kept earlier)", () => {
  const inUse = { year: 2026, book: 1, lastEntry: 123 };

  function refusal(run: () => void): DossierError {
    try {
      run();
    } catch (error) {
      if (error instanceof DossierError) return error;
      throw error;
    }
    throw new Error("not refused");
  }

  it("allows a later line of the book in use, the line it stands at, and a later book from 1", () => {
    expect(() =>
      checkRegisterBookStart({ year: 2026, book: 1, nextEntry: 124 }, inUse, 2026),
    ).not.toThrow();
    expect(() =>
      checkRegisterBookStart({ year: 2026, book: 1, nextEntry: 480 }, inUse, 2026),
    ).not.toThrow();
    expect(() =>
      checkRegisterBookStart({ year: 2026, book: 2, nextEntry: 1 }, inUse, 2026),
    ).not.toThrow();
    // Next year's book may be set in December, before any dossier is in it.
    expect(() =>
      checkRegisterBookStart({ year: 2027, book: 3, nextEntry: 15 }, unopenedBook(2027), 2026),
    ).not.toThrow();
  });

  it("never goes back: a lower line of the book in use, or an earlier book", () => {
    const line = refusal(() =>
      checkRegisterBookStart({ year: 2026, book: 1, nextEntry: 123 }, inUse, 2026),
    );
    expect(line.code).toBe("REGISTER_BOOK_BACKWARDS");
    expect(line.message).toBe(
      "Số thứ tự tiếp theo của quyển 01/2026 không được nhỏ hơn 000124: các số trước đó đã được cấp.",
    );
    const book = refusal(() =>
      checkRegisterBookStart(
        { year: 2026, book: 1, nextEntry: 900 },
        { year: 2026, book: 2, lastEntry: 0 },
        2026,
      ),
    );
    expect(book.code).toBe("REGISTER_BOOK_BACKWARDS");
    expect(book.message).toContain("quyển 02/2026");
  });

  it("refuses a past year's book, one two years ahead, and numbers out of print range", () => {
    const past = refusal(() =>
      checkRegisterBookStart({ year: 2025, book: 1, nextEntry: 500 }, unopenedBook(2025), 2026),
    );
    expect(past.code).toBe("REGISTER_BOOK_YEAR_INVALID");
    expect(past.message).toContain("năm 2025 đã khép lại");
    expect(
      refusal(() =>
        checkRegisterBookStart({ year: 2028, book: 1, nextEntry: 1 }, unopenedBook(2028), 2026),
      ).code,
    ).toBe("REGISTER_BOOK_YEAR_INVALID");
    for (const wanted of [
      { year: 2026, book: 0, nextEntry: 500 },
      { year: 2026, book: 100, nextEntry: 500 },
      { year: 2026, book: 1, nextEntry: 1_000_000 },
      { year: 2026, book: 2, nextEntry: 0 },
      { year: 2026, book: 1.5, nextEntry: 500 },
    ]) {
      expect(refusal(() => checkRegisterBookStart(wanted, inUse, 2026)).code).toBe(
        "REGISTER_BOOK_START_INVALID",
      );
    }
  });
});
