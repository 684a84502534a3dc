import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { UnitTree, type UnitNode } from "./unit-tree.ts";

const unit = (id: string, parentId: string | null, extra: Partial<UnitNode> = {}): UnitNode => ({
  id,
  parentId,
  validFrom: null,
  validTo: null,
  mergedIntoId: null,
  ...extra,
});

// A province; a former district ended 30/06/2025 with two wards merged on 01/07/2025 into a new
// ward placed directly under the province; another ward that merged twice.
const tree = new UnitTree([
  unit("province", null),
  unit("district", "province", { validTo: "2025-06-30" }),
  unit("old-a", "district", { validTo: "2025-06-30", mergedIntoId: "new-ward" }),
  unit("old-b", "district", { validTo: "2025-06-30", mergedIntoId: "new-ward" }),
  unit("new-ward", "province", { validFrom: "2025-07-01" }),
  unit("oldest", "district", { validTo: "2019-12-31", mergedIntoId: "old-a" }),
  unit("other-ward", "province"),
]);

describe("UnitTree", () => {
  it("lists the units under a unit, itself first, and those in force on a date", () => {
    expect(tree.descendants("district")).toEqual(["district", "old-a", "old-b", "oldest"]);
    expect(tree.descendants("province", { on: "2026-01-15" })).toEqual([
      "province",
      "new-ward",
      "other-ward",
    ]);
    expect(tree.descendants("province", { on: "2025-06-30" })).toEqual([
      "province",
      "district",
      "other-ward",
      "old-a",
      "old-b",
    ]);
    expect(tree.descendants("unknown")).toEqual([]);
  });

  it("lists the units above, nearest first", () => {
    expect(tree.ancestors("old-a")).toEqual(["district", "province"]);
    expect(tree.ancestors("province")).toEqual([]);
    expect(tree.isWithin("old-a", "province")).toBe(true);
    expect(tree.isWithin("province", "old-a")).toBe(false);
    expect(tree.isWithin("new-ward", "new-ward")).toBe(true);
  });

  it("knows which older units a merged unit stands for, and who holds an ended unit's records", () => {
    expect(tree.predecessors("new-ward").sort()).toEqual(["old-a", "old-b", "oldest"]);
    expect(tree.predecessors("other-ward")).toEqual([]);
    expect(tree.heir("oldest")).toBe("new-ward");
    expect(tree.heir("old-b")).toBe("new-ward");
    expect(tree.heir("other-ward")).toBe("other-ward");
  });

  it("tells whether a unit existed on a date (both ends inclusive)", () => {
    expect(tree.isValidOn("new-ward", "2025-06-30")).toBe(false);
    expect(tree.isValidOn("new-ward", "2025-07-01")).toBe(true);
    expect(tree.isValidOn("old-a", "2025-06-30")).toBe(true);
    expect(tree.isValidOn("old-a", "2025-07-01")).toBe(false);
    expect(tree.isValidOn("nowhere", "2025-07-01")).toBe(false);
  });

  it("counts the merged-away wards for the new ward only when the period reaches before the merger", () => {
    expect(tree.unitsCountingFor("new-ward", { from: "2026-01-01", to: "2026-12-31" })).toEqual([
      "new-ward",
    ]);
    expect(
      tree.unitsCountingFor("new-ward", { from: "2025-01-01", to: "2025-12-31" }).sort(),
    ).toEqual(["new-ward", "old-a", "old-b"]);
    expect(
      tree.unitsCountingFor("new-ward", { from: "2019-01-01", to: "2025-12-31" }).sort(),
    ).toEqual(["new-ward", "oldest", "old-a", "old-b"].sort());
  });

  it("survives cycles in bad data without looping", () => {
    const broken = new UnitTree([
      unit("a", "b", { mergedIntoId: "b" }),
      unit("b", "a", { mergedIntoId: "a" }),
    ]);
    expect(broken.ancestors("a")).toEqual(["b"]);
    expect(broken.descendants("a").sort()).toEqual(["a", "b"]);
    expect(["a", "b"]).toContain(broken.heir("a"));
    expect(broken.predecessors("a")).toEqual(["b"]);
  });

  it("agrees with itself: u lies under r exactly when r is among u's ancestors (random forests)", () => {
    const forest = fc
      .integer({ min: 1, max: 30 })
      .chain((size) =>
        fc.tuple(
          ...Array.from({ length: size }, (_, i) =>
            i === 0 ? fc.constant(-1) : fc.integer({ min: -1, max: i - 1 }),
          ),
        ),
      );
    fc.assert(
      fc.property(forest, (parents) => {
        const nodes = parents.map((p, i) => unit(`u${i}`, p < 0 ? null : `u${p}`));
        const t = new UnitTree(nodes);
        for (const root of nodes) {
          const under = new Set(t.descendants(root.id));
          for (const candidate of nodes) {
            expect(under.has(candidate.id)).toBe(t.isWithin(candidate.id, root.id));
          }
        }
      }),
    );
  });
});
