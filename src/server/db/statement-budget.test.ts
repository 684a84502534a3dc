import { describe, expect, it } from "vitest";
import {
  BUSY_REQUEST_TURNS,
  importBatchBudget,
  nextBatchSize,
  PGLITE_IMPORT_BATCH,
  PGLITE_IMPORT_BATCH_ALONE,
  type BatchBudget,
} from "./statement-budget.ts";

const budget: BatchBudget = { budgetMs: 100, first: 250, min: 50, max: 2_000 };

describe("nextBatchSize", () => {
  it("fits the next batch to the budget at the measured cost per row", () => {
    // 1,000 rows in 800 ms: 0.8 ms a row, 125 rows fit 100 ms.
    expect(nextBatchSize({ rows: 1_000, ms: 800 }, budget)).toBe(125);
    expect(nextBatchSize({ rows: 400, ms: 200 }, budget)).toBe(200);
  });

  it("grows at most to twice the batch measured", () => {
    // 100 rows in 10 ms would fit 1,000: 200 next.
    expect(nextBatchSize({ rows: 100, ms: 10 }, budget)).toBe(200);
    expect(nextBatchSize({ rows: 100, ms: 0 }, budget)).toBe(200);
  });

  it("stays within its minimum and maximum", () => {
    expect(nextBatchSize({ rows: 100, ms: 5_000 }, budget)).toBe(50);
    expect(nextBatchSize({ rows: 1_500, ms: 10 }, budget)).toBe(2_000);
  });

  it("starts again from the first size when nothing was measured", () => {
    expect(nextBatchSize({ rows: 0, ms: 30 }, budget)).toBe(250);
    expect(nextBatchSize({ rows: 100, ms: Number.NaN }, budget)).toBe(250);
  });

  it("keeps PGlite's import batches within the lookup's 100 ms goal", () => {
    expect(PGLITE_IMPORT_BATCH.budgetMs).toBeLessThanOrEqual(100);
    expect(PGLITE_IMPORT_BATCH.first).toBeLessThanOrEqual(PGLITE_IMPORT_BATCH.max);
  });
});

describe("importBatchBudget", () => {
  it("cuts the import's batches shorter while requests use the database", () => {
    expect(importBatchBudget(0)).toBe(PGLITE_IMPORT_BATCH_ALONE);
    expect(importBatchBudget(BUSY_REQUEST_TURNS - 1)).toBe(PGLITE_IMPORT_BATCH_ALONE);
    expect(importBatchBudget(BUSY_REQUEST_TURNS)).toBe(PGLITE_IMPORT_BATCH);
    expect(PGLITE_IMPORT_BATCH.budgetMs).toBeLessThan(PGLITE_IMPORT_BATCH_ALONE.budgetMs);
    // Its first batches, cut before any was measured, are its smallest then.
    expect(PGLITE_IMPORT_BATCH.first).toBe(PGLITE_IMPORT_BATCH.min);
    // The import screen's progress (once a second) alone is not "busy".
    expect(BUSY_REQUEST_TURNS).toBeGreaterThan(1);
  });
});
