import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  SMALL_TABLE_PAGES,
  tablesToAnalyze,
  VACUUM_MAX_PAGES,
  vacuumsWith,
  type TableSize,
} from "./tables-to-analyze.ts";

const table = (over: Partial<TableSize>): TableSize => ({
  name: "dossiers",
  analyzed: true,
  analyzedPages: 40_000,
  pages: 40_000,
  totalPages: 120_000,
  ...over,
});

describe("which tables the scheduled ANALYZE refreshes", () => {
  it("a large table whose size has not moved by a tenth is skipped; one that has is analyzed", () => {
    expect(tablesToAnalyze([table({ pages: 43_999 })])).toEqual([]);
    expect(tablesToAnalyze([table({ pages: 36_001 })])).toEqual([]);
    expect(tablesToAnalyze([table({ pages: 44_000 })])).toEqual(["dossiers"]);
    expect(tablesToAnalyze([table({ pages: 36_000 })])).toEqual(["dossiers"]);
  });

  it("a table never analyzed is analyzed, whatever its size", () => {
    expect(tablesToAnalyze([table({ analyzed: false, analyzedPages: 0 })])).toEqual(["dossiers"]);
  });

  it("a small table is analyzed every time, a large one only when it changed", () => {
    fc.assert(
      fc.property(fc.nat({ max: 200_000 }), fc.nat({ max: 200_000 }), (analyzedPages, pages) => {
        const due = tablesToAnalyze([table({ analyzedPages, pages })]).length === 1;
        if (pages < SMALL_TABLE_PAGES) expect(due).toBe(true);
        else expect(due).toBe(Math.abs(pages - analyzedPages) >= analyzedPages / 10);
      }),
    );
  });
});

describe("which tables the scheduled run also vacuums", () => {
  it("up to 256 MB with its indexes, whatever its rows alone weigh", () => {
    expect(vacuumsWith(table({ pages: 500, totalPages: VACUUM_MAX_PAGES }))).toBe(true);
    expect(vacuumsWith(table({ pages: 500, totalPages: VACUUM_MAX_PAGES + 1 }))).toBe(false);
    expect(vacuumsWith(table({ pages: 0, totalPages: 0 }))).toBe(true);
    expect(VACUUM_MAX_PAGES * 8192).toBe(256 * 1024 * 1024);
  });
});
