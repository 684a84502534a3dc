import { describe, expect, it } from "vitest";
import { compareSortValues, nextSort, rangeOf, scaleColour, sortRows } from "./table-sort.ts";

interface Row {
  name: string;
  rate: number | null;
}
const rows: Row[] = [
  { name: "Phường Hòa Bình", rate: 80 },
  { name: "Xã An Phú", rate: null },
  { name: "Phường Ánh Dương", rate: 80 },
  { name: "Xã Đông Hòa", rate: 95.5 },
];
const value = (row: Row, key: "name" | "rate") => row[key];
const names = (sorted: Row[]) => sorted.map((r) => r.name);

describe("sorting a units table", () => {
  it("puts no data last in both directions, ties by name in Vietnamese order", () => {
    expect(names(sortRows(rows, { key: "rate", direction: 1 }, value, (r) => r.name))).toEqual([
      "Phường Ánh Dương",
      "Phường Hòa Bình",
      "Xã Đông Hòa",
      "Xã An Phú",
    ]);
    expect(names(sortRows(rows, { key: "rate", direction: -1 }, value, (r) => r.name))).toEqual([
      "Xã Đông Hòa",
      "Phường Ánh Dương",
      "Phường Hòa Bình",
      "Xã An Phú",
    ]);
  });

  it("orders names the Vietnamese way (Đ after D), and keeps the given order without a sort", () => {
    expect(compareSortValues("Đông", "Dương", 1)).toBeGreaterThan(0);
    expect(names(sortRows(rows, null, value, (r) => r.name))).toEqual(names(rows));
  });

  it("flips the pressed column, starts another ascending", () => {
    expect(nextSort(null, "rate")).toEqual({ key: "rate", direction: 1 });
    expect(nextSort({ key: "rate", direction: 1 }, "rate")).toEqual({
      key: "rate",
      direction: -1,
    });
    expect(nextSort({ key: "rate", direction: -1 }, "rate")).toEqual({ key: "rate", direction: 1 });
    expect(nextSort({ key: "rate", direction: -1 }, "name")).toEqual({ key: "name", direction: 1 });
  });
});

describe("shading a column", () => {
  const range = rangeOf(rows.map((r) => r.rate));

  it("runs from red (worst) to green (best), reversed when lower is better", () => {
    expect(range).toEqual({ min: 80, max: 95.5 });
    expect(scaleColour(80, range)).toBe("hsl(0, 70%, 88%)");
    expect(scaleColour(95.5, range)).toBe("hsl(120, 70%, 88%)");
    expect(scaleColour(95.5, range, false)).toBe("hsl(0, 70%, 88%)");
  });

  it("leaves no data, and a column with nothing to compare, without colour", () => {
    expect(scaleColour(null, range)).toBeUndefined();
    expect(scaleColour(80, rangeOf([80, null, 80]))).toBeUndefined();
    expect(scaleColour(80, rangeOf([null]))).toBeUndefined();
  });
});
