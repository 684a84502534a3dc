import { describe, expect, it } from "vitest";
import { DEFAULT_RESTART_POLICY, logLifecycleEvent, restartDelayMs } from "./pglite-restart.ts";

describe("the embedded database's restart policy", () => {
  it("doubles the delay with each recent restart, up to its cap", () => {
    const delays = [0, 1, 2, 3, 6, 7, 20].map((n) => restartDelayMs(DEFAULT_RESTART_POLICY, n));
    expect(delays).toEqual([500, 1_000, 2_000, 4_000, 30_000, 30_000, 30_000]);
  });

  it("logs a death and a final failure as errors, a restart as a warning", () => {
    const lines: [string, object, string][] = [];
    const log = {
      warn: (object: object, message: string) => lines.push(["warn", object, message]),
      error: (object: object, message: string) => lines.push(["error", object, message]),
    };
    logLifecycleEvent(log, { kind: "died", reason: "boom", restartInMs: 500, attempt: 1 });
    logLifecycleEvent(log, { kind: "restarting", attempt: 1 });
    logLifecycleEvent(log, { kind: "restarted", attempt: 1, downMs: 900 });
    logLifecycleEvent(log, {
      kind: "restart-failed",
      reason: "bad folder",
      restartInMs: null,
      attempt: 5,
      staysDown: "5 restarts within 600 s",
    });
    expect(lines.map(([level, object]) => [level, (object as { event: string }).event])).toEqual([
      ["error", "pglite.died"],
      ["warn", "pglite.restarting"],
      ["warn", "pglite.restarted"],
      ["error", "pglite.restart-failed"],
    ]);
    expect(lines[0]![2]).toContain("restart 1 in 500 ms");
    expect(lines[3]![2]).toContain("stays unavailable until CCHC is restarted");
    expect(lines[3]![2]).toContain("5 restarts within 600 s");
  });
});
