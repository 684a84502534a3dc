import { describe, expect, it } from "vitest";
import {
  checkArchiveDirectory,
  checkSheetRow,
  describeArchiveProblem,
  InflationMeter,
  RATIO_FLOOR_BYTES,
  type ArchiveLimits,
} from "./archive-limits.ts";

const MB = 1024 * 1024;
const limits: ArchiveLimits = {
  maxEntries: 10,
  maxEntryBytes: 8 * MB,
  maxTotalBytes: 12 * MB,
  maxRatio: 100,
};

describe("archive directory", () => {
  it("accepts an ordinary package", () => {
    const entries = [
      { name: "[Content_Types].xml", compressedSize: 400, size: 1_500 },
      { name: "xl/worksheets/sheet1.xml", compressedSize: 300_000, size: 4 * MB },
      { name: "xl/styles.xml", compressedSize: 10, size: 50_000 }, // small: any ratio
    ];
    expect(checkArchiveDirectory(entries, limits)).toBeNull();
  });

  it("refuses too many entries, a large entry, a large total, an abnormal ratio", () => {
    const many = Array.from({ length: 11 }, (_, i) => ({
      name: `p${i}`,
      compressedSize: 1,
      size: 1,
    }));
    expect(checkArchiveDirectory(many, limits)).toMatchObject({ kind: "entries", count: 11 });
    expect(
      checkArchiveDirectory([{ name: "a", compressedSize: 1 * MB, size: 9 * MB }], limits),
    ).toMatchObject({ kind: "entry", name: "a" });
    expect(
      checkArchiveDirectory(
        [
          { name: "a", compressedSize: MB, size: 7 * MB },
          { name: "b", compressedSize: MB, size: 7 * MB },
        ],
        limits,
      ),
    ).toMatchObject({ kind: "total" });
    expect(
      checkArchiveDirectory([{ name: "a", compressedSize: 20_000, size: 4 * MB }], limits),
    ).toMatchObject({ kind: "ratio", name: "a" });
  });

  it("checks only the entries counted", () => {
    const entries = [{ name: "xl/media/big.png", compressedSize: 1, size: 100 * MB }];
    expect(checkArchiveDirectory(entries, limits, (n) => !n.startsWith("xl/media/"))).toBeNull();
  });
});

describe("inflation meter", () => {
  it("stops at the first limit passed by the bytes actually inflated", () => {
    const meter = new InflationMeter(limits);
    expect(meter.add("a", 4 * MB, 4 * MB)).toBeNull();
    expect(meter.add("a", 4 * MB, 4 * MB)).toBeNull();
    expect(meter.add("a", 4 * MB, 1)).toMatchObject({ kind: "entry", name: "a" });
  });

  it("catches a part that inflates far beyond what it declared (ratio)", () => {
    const meter = new InflationMeter(limits);
    let problem = null;
    for (let i = 0; i < 10 && !problem; i += 1)
      problem = meter.add("bomb", 4096, RATIO_FLOOR_BYTES);
    expect(problem).toMatchObject({ kind: "ratio", name: "bomb" });
  });

  it("adds the entries up", () => {
    const meter = new InflationMeter({ ...limits, maxRatio: 1_000_000 });
    expect(meter.add("a", MB, 7 * MB)).toBeNull();
    expect(meter.add("b", MB, 6 * MB)).toMatchObject({ kind: "total" });
  });

  it("explains problems in Vietnamese", () => {
    expect(describeArchiveProblem({ kind: "total", limit: 12 * MB })).toBe(
      "nội dung giải nén vượt quá 12 MB",
    );
  });
});

describe("sheet rows", () => {
  const caps = { maxRows: 3, maxColumns: 2, maxCellChars: 5 };
  it("caps rows, columns and cell length", () => {
    expect(checkSheetRow(1, 1, ["a", "b"], caps)).toBeNull();
    expect(checkSheetRow(4, 4, ["a"], caps)).toMatchObject({ kind: "rows" });
    expect(checkSheetRow(2, 2, ["a", "b", "c"], caps)).toMatchObject({ kind: "columns", row: 2 });
    expect(checkSheetRow(2, 2, ["abcdef"], caps)).toMatchObject({ kind: "cell", row: 2 });
  });
});
