import { describe, expect, it } from "vitest";
import { vietnamLocal } from "./local-time.ts";
import {
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
