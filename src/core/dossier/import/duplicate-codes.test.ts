import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { DuplicateCodes } from "./duplicate-codes.ts";

describe("DuplicateCodes", () => {
  it("reports the first row of a repeated code, ignoring letter case", () => {
    const seen = new DuplicateCodes();
    expect(seen.firstRowOf("000.01.22.H99-260302-0001", 2)).toBeNull();
    expect(seen.firstRowOf("000.01.22.h99-260302-0001", 9)).toBe(2);
    expect(seen.firstRowOf("đ-1", 10)).toBeNull();
    expect(seen.firstRowOf("Đ-1", 11)).toBe(10);
    expect(seen.size).toBe(2);
  });

  it("keeps every code apart while growing past its first table (200 000 codes)", () => {
    const seen = new DuplicateCodes();
    const code = (i: number) => `000.01.22.H99-${260000 + (i >> 9)}-${i & 511}`;
    let falseDuplicates = 0;
    for (let i = 0; i < 200_000; i += 1)
      if (seen.firstRowOf(code(i), i + 2) !== null) falseDuplicates += 1;
    expect(falseDuplicates).toBe(0);
    expect(seen.size).toBe(200_000);
    const firstRows = [0, 4095, 4096, 99_999, 199_999].map((i) => seen.firstRowOf(code(i), 1));
    expect(firstRows).toEqual([2, 4097, 4098, 100_001, 200_001]);
  });

  it("agrees with a plain map of upper-cased codes", () => {
    fc.assert(
      fc.property(
        fc.array(fc.string({ maxLength: 6, unit: "binary" }), { maxLength: 300 }),
        (codes) => {
          const seen = new DuplicateCodes();
          const reference = new Map<string, number>();
          codes.forEach((code, index) => {
            const key = code.toUpperCase();
            const expected = reference.get(key) ?? null;
            if (expected === null) reference.set(key, index);
            expect(seen.firstRowOf(code, index)).toBe(expected);
          });
        },
      ),
    );
  });
});
