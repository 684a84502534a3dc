import { describe, expect, it } from "vitest";
import {
  BACKGROUND_PATIENCE_MS,
  currentLane,
  currentTurnRank,
  DEFAULT_PGLITE_SLOW_MS,
  inLane,
  LaneQueue,
  pgliteSlowMs,
  sqlForLog,
  STATEMENTS_IN_FLIGHT,
  type Lane,
  type SlowTurn,
  type TurnKind,
} from "./pglite-lanes.ts";

/** A turn that holds the connection until released. */
function gate() {
  let open!: () => void;
  const opened = new Promise<void>((resolve) => (open = resolve));
  return { open, opened };
}

describe("LaneQueue", () => {
  it("hands the connection to light work first, then normal, then background", async () => {
    const clock = 0;
    const queue = new LaneQueue(() => clock);
    const order: string[] = [];
    const holder = gate();
    const held = queue.run("normal", async () => {
      await holder.opened;
      order.push("holder");
    });
    const waiting = [
      queue.run("background", async () => void order.push("background")),
      queue.run("normal", async () => void order.push("normal")),
      queue.run("light", async () => void order.push("light")),
    ];
    expect(queue.queued).toEqual({ light: 1, normal: 1, background: 1 });
    holder.open();
    await Promise.all([held, ...waiting]);
    expect(order).toEqual(["holder", "light", "normal", "background"]);
    expect(queue.stats.granted).toEqual({ light: 1, normal: 2, background: 1 });
  });

  it("hands the next turn over before the caller of the last one goes on", async () => {
    for (const outcome of ["answered", "failed"] as const) {
      const queue = new LaneQueue(() => 0);
      const order: string[] = [];
      const holder = gate();
      const first = queue.run("normal", async () => {
        await holder.opened;
        if (outcome === "failed") throw new Error("refused");
        return "answer";
      });
      const caller = first.then(
        () => void order.push("the caller went on"),
        () => void order.push("the caller went on"),
      );
      const next = queue.run("normal", async () => void order.push("the next turn started"));
      holder.open();
      await Promise.all([caller, next]);
      expect(order).toEqual(["the next turn started", "the caller went on"]);
    }
  });

  it("gives the worker two single statements at once and a light one beside, never one beside a transaction or a job", async () => {
    expect(STATEMENTS_IN_FLIGHT).toBe(2);
    const queue = new LaneQueue(() => 0);
    const started: string[] = [];
    const ranks = new Map<string, number | undefined>();
    const gates = new Map<string, ReturnType<typeof gate>>();
    const turn = (name: string, lane: Lane, kind: TurnKind) => {
      const held = gate();
      gates.set(name, held);
      return queue.run(
        lane,
        async () => {
          started.push(name);
          await Promise.resolve();
          ranks.set(name, currentTurnRank());
          await held.opened;
        },
        kind,
      );
    };
    const release = async (name: string, settled: Promise<void>) => {
      gates.get(name)!.open();
      await settled;
    };
    const q1 = turn("query 1", "normal", "query");
    const e2 = turn("exec 2", "normal", "exec");
    const q3 = turn("query 3", "normal", "query");
    const t4 = turn("transaction 4", "normal", "transaction");
    expect(started).toEqual(["query 1", "exec 2"]);
    // A light statement beside the two; a second light one waits for room.
    const l5 = turn("light 5", "light", "query");
    const l6 = turn("light 6", "light", "query");
    expect(started).toEqual(["query 1", "exec 2", "light 5"]);
    await release("light 5", l5);
    expect(started.at(-1)).toBe("light 6");
    await release("light 6", l6);
    await release("query 1", q1);
    expect(started.at(-1)).toBe("query 3");
    // The transaction waits for the statements before it, and nothing passes it.
    const q7 = turn("query 7", "normal", "query");
    await release("exec 2", e2);
    expect(started.at(-1)).toBe("query 3");
    await release("query 3", q3);
    expect(started).toEqual([
      "query 1",
      "exec 2",
      "light 5",
      "light 6",
      "query 3",
      "transaction 4",
    ]);
    await release("transaction 4", t4);
    expect(started.at(-1)).toBe("query 7");
    await release("query 7", q7);
    expect(queue.queued).toEqual({ light: 0, normal: 0, background: 0 });
    // Each turn's rank, as its statements carry it to the worker.
    expect(Object.fromEntries(ranks)).toEqual({
      "query 1": 1,
      "exec 2": 1,
      "query 3": 1,
      "transaction 4": 1,
      "light 5": 0,
      "light 6": 0,
      "query 7": 1,
    });
    expect(currentTurnRank()).toBeUndefined();
    // A job's statement (an import batch) runs alone, and nothing runs beside it.
    started.length = 0;
    const j8 = turn("job 8", "background", "query");
    const q9 = turn("query 9", "normal", "query");
    expect(started).toEqual(["job 8"]);
    await release("job 8", j8);
    const j10 = turn("job 10", "background", "query");
    expect(started).toEqual(["job 8", "query 9"]);
    await release("query 9", q9);
    expect(started).toEqual(["job 8", "query 9", "job 10"]);
    await release("job 10", j10);
    expect(ranks.get("job 8")).toBe(2);
  });

  it("notes a statement's time to the turn it ran for when turns run side by side", async () => {
    let now = 0;
    const queue = new LaneQueue(() => now);
    const reported: SlowTurn[] = [];
    queue.reportSlowTurns(1, (turn) => reported.push(turn));
    const first = gate();
    const statement = (text: string, ms: number, wait?: Promise<void>) =>
      queue.run(
        "normal",
        async () => {
          await wait;
          now += 5;
          queue.noteStatement(ms, text);
        },
        "query",
      );
    const older = statement("select 1 from a", 3, first.opened);
    await statement("select 2 from b", 2);
    first.open();
    await older;
    expect(
      reported.map(({ sql, statements, slowestMs }) => ({ sql, statements, slowestMs })),
    ).toEqual([
      { sql: "select 2 from b", statements: 1, slowestMs: 2 },
      { sql: "select 1 from a", statements: 1, slowestMs: 3 },
    ]);
  });

  it("counts the turns requests asked for in the last second, not the jobs'", async () => {
    let clock = 0;
    const queue = new LaneQueue(() => clock);
    await queue.run("light", async () => undefined);
    await queue.run("background", async () => undefined);
    clock = 400;
    await queue.run("normal", async () => undefined);
    await queue.run("normal", async () => undefined);
    expect(queue.requestTurnsLastSecond()).toBe(3);
    clock = 1_001;
    expect(queue.requestTurnsLastSecond()).toBe(2);
    clock = 1_401;
    expect(queue.requestTurnsLastSecond()).toBe(0);
  });

  it("serves a background waiter that has waited its patience before newer normal work", async () => {
    let clock = 0;
    const queue = new LaneQueue(() => clock);
    const order: string[] = [];
    const holder = gate();
    const held = queue.run("normal", () => holder.opened);
    const background = queue.run("background", async () => void order.push("background"));
    clock = BACKGROUND_PATIENCE_MS + 1;
    const normal = queue.run("normal", async () => void order.push("normal"));
    const light = queue.run("light", async () => void order.push("light"));
    holder.open();
    await Promise.all([held, background, normal, light]);
    // Light still first; the overdue background before the normal work that came after it.
    expect(order).toEqual(["light", "background", "normal"]);
  });

  it("keeps first come, first served within a lane, and releases the turn on failure", async () => {
    const queue = new LaneQueue();
    const order: number[] = [];
    const failing = queue.run("normal", async () => {
      throw new Error("boom");
    });
    const rest = [1, 2, 3].map((n) => queue.run("normal", async () => void order.push(n)));
    await expect(failing).rejects.toThrow("boom");
    await Promise.all(rest);
    expect(order).toEqual([1, 2, 3]);
  });

  it("runs one turn at a time", async () => {
    const queue = new LaneQueue();
    let inside = 0;
    let most = 0;
    await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        queue.run(i % 2 ? "light" : "background", async () => {
          inside += 1;
          most = Math.max(most, inside);
          await new Promise((resolve) => setImmediate(resolve));
          inside -= 1;
        }),
      ),
    );
    expect(most).toBe(1);
  });
});

describe("inLane", () => {
  it("carries the lane through awaits and defaults to normal", async () => {
    expect(currentLane()).toBe("normal");
    const seen = await inLane("light", async () => {
      await new Promise((resolve) => setTimeout(resolve, 1));
      return currentLane();
    });
    expect(seen).toBe("light");
    expect(currentLane()).toBe("normal");
  });
});

describe("the slow-turn report", () => {
  it("reports a turn held at least the threshold, with its slowest statement's SQL", async () => {
    let clock = 0;
    const queue = new LaneQueue(() => clock);
    const reported: SlowTurn[] = [];
    queue.reportSlowTurns(100, (turn) => reported.push(turn));
    await queue.run(
      "background",
      async () => {
        queue.noteStatement(30, "select 1");
        queue.noteStatement(90, "copy dossiers (code) from '/dev/blob'");
        clock += 150;
      },
      "transaction",
    );
    await queue.run("light", async () => {
      queue.noteStatement(40, "select 2");
      clock += 99;
    });
    expect(reported).toEqual([
      {
        lane: "background",
        kind: "transaction",
        holdMs: 150,
        statements: 2,
        slowestMs: 90,
        sql: "copy dossiers (code) from '…'",
      },
    ]);
    expect(queue.stats.longestHoldMs).toBe(150);
  });

  it("reports nothing when its threshold is 0", async () => {
    let clock = 0;
    const queue = new LaneQueue(() => clock);
    const reported: SlowTurn[] = [];
    queue.reportSlowTurns(0, (turn) => reported.push(turn));
    await queue.run("normal", async () => void (clock += 10_000));
    expect(reported).toEqual([]);
  });
});

describe("sqlForLog", () => {
  it("drops quoted literals, folds whitespace and cuts long statements", () => {
    expect(
      sqlForLog("select *\n  from t where a = 'Nguyễn Văn A' and b = 'it''s' and c = $1"),
    ).toBe("select * from t where a = '…' and b = '…' and c = $1");
    const long = sqlForLog(`select ${"x, ".repeat(200)}1`);
    expect(long).toHaveLength(301);
    expect(long.endsWith("…")).toBe(true);
  });
});

describe("pgliteSlowMs", () => {
  it("reads CCHC_PGLITE_SLOW_MS, 0 turning the log off, else the default", () => {
    expect(pgliteSlowMs({ CCHC_PGLITE_SLOW_MS: "250" })).toBe(250);
    expect(pgliteSlowMs({ CCHC_PGLITE_SLOW_MS: "0" })).toBe(0);
    expect(pgliteSlowMs({ CCHC_PGLITE_SLOW_MS: "soon" })).toBe(DEFAULT_PGLITE_SLOW_MS);
    expect(pgliteSlowMs({})).toBe(DEFAULT_PGLITE_SLOW_MS);
  });
});
