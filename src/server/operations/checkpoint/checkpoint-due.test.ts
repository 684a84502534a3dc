import { describe, expect, it } from "vitest";
import {
  checkpointDue,
  checkpointThresholds,
  checkpointWalMb,
  DEFAULT_CHECKPOINT_WAL_MB,
} from "./checkpoint-due.ts";

const MB = 1024 * 1024;
const at64 = checkpointThresholds(64);

describe("when the embedded database's checkpointer checkpoints", () => {
  it("once 64 MB of log were written, when no request is using the database", () => {
    expect(checkpointDue(64 * MB - 1, true, at64)).toBe(false);
    expect(checkpointDue(64 * MB, true, at64)).toBe(true);
  });

  it("while requests use it, only once sixteen times as much was written (1 GB)", () => {
    expect(checkpointDue(64 * MB, false, at64)).toBe(false);
    expect(checkpointDue(1024 * MB - 1, false, at64)).toBe(false);
    expect(checkpointDue(1024 * MB, false, at64)).toBe(true);
  });

  it("reads CCHC_CHECKPOINT_WAL_MB: 64 by default and for what is not a size, 0 turns it off", () => {
    expect(checkpointWalMb({})).toBe(DEFAULT_CHECKPOINT_WAL_MB);
    expect(checkpointWalMb({ CCHC_CHECKPOINT_WAL_MB: "256" })).toBe(256);
    expect(checkpointWalMb({ CCHC_CHECKPOINT_WAL_MB: "0" })).toBe(0);
    expect(checkpointWalMb({ CCHC_CHECKPOINT_WAL_MB: "-5" })).toBe(DEFAULT_CHECKPOINT_WAL_MB);
    expect(checkpointWalMb({ CCHC_CHECKPOINT_WAL_MB: "nhiều" })).toBe(DEFAULT_CHECKPOINT_WAL_MB);
  });
});
