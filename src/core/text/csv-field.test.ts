import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { csvField, csvLine } from "./csv-field.ts";

describe("csvField", () => {
  it.each(['=HYPERLINK("http://x")', "+1+2", "-2+3", "@SUM(A1)", "\t=1", "\r=1"])(
    "neutralises a formula start: %s",
    (value) => {
      const field = csvField(value);
      expect(field.startsWith(`"'`)).toBe(true);
    },
  );

  it("keeps ordinary text, numbers and empty cells as they are", () => {
    expect(csvField("Nguyễn Văn An")).toBe('"Nguyễn Văn An"');
    expect(csvField(-5)).toBe("-5");
    expect(csvField(null)).toBe('""');
    expect(csvField('a "quoted" word')).toBe('"a ""quoted"" word"');
  });

  it("never lets a field start with a formula character after its quote", () => {
    fc.assert(
      fc.property(fc.string(), (value) => {
        const inner = csvField(value).slice(1);
        expect(/^[=+\-@\t\r]/.test(inner)).toBe(false);
      }),
    );
  });

  it("joins a line", () => {
    expect(csvLine([3, "=1+1", "ok"])).toBe(`3,"'=1+1","ok"`);
  });
});
